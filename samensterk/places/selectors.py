"""Reads of the gazetteer. Municipalities are public facts: no permission check needed."""

import csv
import difflib
import re
from dataclasses import dataclass, field
from functools import cache as memoize

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join

from samensterk.lib.text import fold

from .gazetteer import DATA_DIR
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


@dataclass
class MunicipalityMatch:
    """What a typed municipality name comes to: sure (`municipality`), or a few guesses."""

    municipality: Municipality | None = None
    suggestions: list[Municipality] = field(default_factory=list)


def municipality_resolve(value: str) -> MunicipalityMatch:
    """Forgiving reading of what people type in a municipality box.

    Sure: an official name, other name or CBS code; a woonplaats in one municipality
    ("Oost-Souburg"); a city district ("Bijlmer", "Amsterdam-Noord"). Otherwise guesses: the
    municipalities of a woonplaats that lies in several, or names close to a typo ("Vlisingen").
    """
    value = (value or "").strip()[:100]
    if not value:
        return MunicipalityMatch()
    if found := municipality_lookup(value):
        return MunicipalityMatch(found)
    key = fold(value)
    if found := _by_place_or_district(key):
        return found
    # "Amsterdam-Noord", "Den Haag centrum": the longest leading words that name a place.
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        head = " ".join(words[:size])
        if (found := _by_name(head)) is not None:
            return MunicipalityMatch(found)
        if (match := _by_place_or_district(head)) is not None and match.municipality:
            return match
    close = difflib.get_close_matches(key, list(_name_keys()), n=5, cutoff=0.8)
    codes = list(dict.fromkeys(c for k in close for c in _name_keys()[k]))[:3]
    by_code = Municipality.objects.in_bulk(codes, field_name="code")
    return MunicipalityMatch(suggestions=[by_code[c] for c in codes if c in by_code])


def _by_place_or_district(key: str) -> MunicipalityMatch | None:
    places = list(Place.objects.filter(key=key).select_related("municipality"))
    municipalities = list({p.municipality_id: p.municipality for p in places}.values())
    if len(municipalities) == 1:
        return MunicipalityMatch(municipalities[0])
    if municipalities:
        return MunicipalityMatch(suggestions=sorted(municipalities, key=lambda m: m.name))
    if name := _districts().get(key):
        return MunicipalityMatch(Municipality.objects.filter(name=name).first())
    return None


@memoize
def _districts() -> dict[str, str]:
    """{folded district name: municipality name}, shipped with the gazetteer (wijken.csv)."""
    with open(DATA_DIR / "wijken.csv", encoding="utf-8", newline="") as handle:
        return {fold(row["wijk"]): row["gemeente"] for row in csv.DictReader(handle)}


NAME_KEYS_CACHE_KEY = "places:name-keys"


def _name_keys() -> dict[str, list[str]]:
    """{folded name, other name, woonplaats or district: [CBS codes]}, for typo guesses."""
    return cache.get_or_set(NAME_KEYS_CACHE_KEY, _build_name_keys, 60 * 60)


def _build_name_keys() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    code_by_name = dict(Municipality.objects.values_list("name", "code"))
    rows = [
        *Municipality.objects.values_list("key", "code"),
        *MunicipalityAlias.objects.values_list("key", "municipality__code"),
        *Place.objects.values_list("key", "municipality__code"),
        *((k, code_by_name[n]) for k, n in _districts().items() if n in code_by_name),
    ]
    for key, code in rows:
        if code not in keys.setdefault(key, []):
            keys[key].append(code)
    return keys


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
    """The current official names plus the everyday ones (Den Haag, Den Bosch), for the
    <datalist> typeahead. Former municipalities and foreign names are still understood when
    typed, but offering them would suggest they still exist."""
    names = list(Municipality.objects.filter(active=True).values_list("name", flat=True))
    names += ["Den Haag", "Den Bosch"]
    return sorted(set(names), key=str.casefold)
