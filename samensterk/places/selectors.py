"""Reads of the gazetteer. Municipalities are public facts: no permission check needed."""

import re

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join

from samensterk.lib.text import fold

from .models import Municipality, MunicipalityAlias, Place

_CODE = re.compile(r"^(?:gm)?(\d{1,4})$", re.IGNORECASE)


def municipality_lookup(value: str) -> Municipality | None:
    """The municipality named by an official name, alias or CBS code; case and accents forgiven.

    A woonplaats name is not enough: it can lie in several municipalities.
    """
    value = (value or "").strip()
    if not value:
        return None
    code = _CODE.match(value.replace(" ", ""))
    if code:
        return Municipality.objects.filter(code=f"GM{int(code.group(1)):04d}").first()
    return _by_name(fold(value))


def municipality_ids_by_code() -> dict[str, int]:
    """{CBS code: pk} of every municipality (a few hundred)."""
    return dict(Municipality.objects.values_list("code", "pk"))


def _by_name(key: str) -> Municipality | None:
    municipality = Municipality.objects.filter(key=key).first()
    if municipality is None:
        alias = MunicipalityAlias.objects.select_related("municipality").filter(key=key).first()
        municipality = alias.municipality if alias else None
    return municipality


def municipality_search(query: str, *, limit: int = 20) -> list[Municipality]:
    """Municipalities whose name, other name or woonplaats starts with (or contains) the query."""
    key = fold(query or "")
    if not key:
        return []
    base = Municipality.objects.select_related("province")
    found: dict[int, Municipality] = {}
    for qs in (
        base.filter(key__startswith=key),
        base.filter(aliases__key__startswith=key),
        base.filter(places__key__startswith=key),
        base.filter(key__contains=key),
    ):
        for municipality in qs.order_by("name")[:limit]:
            found.setdefault(municipality.pk, municipality)
        if len(found) >= limit:
            break
    return list(found.values())[:limit]


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("province").order_by("name")


def municipality_get(code: str) -> Municipality | None:
    return Municipality.objects.select_related("province").filter(code=code.upper()).first()


def places_in(municipality: Municipality) -> QuerySet[Place]:
    return municipality.places.order_by("name")


def municipalities_by_province() -> list[tuple]:
    """[(province, [municipality, ...]), ...] in alphabetical order."""
    grouped: dict = {}
    for municipality in municipality_list().order_by("province__name", "name"):
        grouped.setdefault(municipality.province, []).append(municipality)
    return list(grouped.items())


DATALIST_CACHE_KEY = "places:municipality-datalist"


def municipality_datalist() -> str:
    """The <datalist> HTML of all names, built once an hour per process instead of per page: on
    the public form it was the largest part of the page's work."""
    return cache.get_or_set(DATALIST_CACHE_KEY, _build_datalist, 60 * 60)


def _build_datalist() -> str:
    options = format_html_join("", '<option value="{}">', ((n,) for n in municipality_names()))
    return format_html('<datalist id="gemeenten-lijst">{}</datalist>', options)


def municipality_names() -> list[str]:
    """All names and other names, for the <datalist> typeahead."""
    names = list(Municipality.objects.values_list("name", flat=True))
    names += list(MunicipalityAlias.objects.values_list("name", flat=True))
    return sorted(set(names), key=str.casefold)
