"""The starting content of an organisation's knowledge base (data/): webinars, articles,
guides and good examples, published and themed. Idempotent: items are found by their key, so
loading twice adds nothing and changes nothing staff edited."""

from __future__ import annotations

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from samensterk.themes.models import Theme

from .data.guides import GUIDES
from .data.items import ARTICLES, EXAMPLES, WEBINARS
from .models import Item, ItemKind, ItemStatus

# The articles have no dates in the report: spread over the programme (autumn 2015 to the
# closing congress on 16 September 2016) so "Nieuw" shows them in the order of the list.
_FIRST_ARTICLE = datetime(2015, 9, 15)
_GUIDES_ON = datetime(2016, 11, 1)  # the final report (November 2016)


def _aware(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _row(**fields) -> dict:
    return fields


def starter_items() -> list[dict]:
    """Every starting item as model field values, plus 'themes' (codes)."""
    rows: list[dict] = []
    for key, day, title, views, themes, summary in WEBINARS:
        rows.append(_row(
            key=key, kind=ItemKind.WEBINAR, title=title, event_date=day, view_count=views,
            summary=summary, themes=themes, tags="webinar, lokale belangenbehartiging",
            published_at=_aware(day),
        ))  # fmt: skip
    for number, (key, title, themes, summary) in enumerate(ARTICLES):
        day = _FIRST_ARTICLE + (datetime(2016, 9, 16) - _FIRST_ARTICLE) * number / len(ARTICLES)
        rows.append(_row(
            key=key, kind=ItemKind.ARTICLE, title=title, summary=summary, themes=themes,
            published_at=_aware(day.date()),
        ))  # fmt: skip
    for key, title, themes, tags, summary, body in GUIDES:
        rows.append(_row(
            key=key, kind=ItemKind.GUIDE, title=title, summary=summary, body=body.strip(),
            tags=tags, themes=themes, published_at=_aware(_GUIDES_ON.date()),
        ))  # fmt: skip
    for key, title, themes, body, result, tips in EXAMPLES:
        rows.append(_row(
            key=key, kind=ItemKind.EXAMPLE, title=title, summary=body[:300], body=body,
            result=result, tips=tips, themes=themes, published_at=_aware(_GUIDES_ON.date()),
        ))  # fmt: skip
    return rows


@transaction.atomic
def install_starter_content(organisation) -> int:
    """Add the starting items the organisation does not have yet; returns how many."""
    present = set(
        Item.objects.filter(organisation=organisation).exclude(key="").values_list("key", flat=True)
    )
    themes = {t.code: t for t in Theme.objects.all()}
    created = 0
    for row in starter_items():
        if row["key"] in present:
            continue
        codes = row.pop("themes")
        item = Item.objects.create(organisation=organisation, status=ItemStatus.PUBLISHED, **row)
        item.themes.set([themes[c] for c in codes if c in themes])
        created += 1
    return created
