"""Emerging patterns: several recent signals about the same municipality and the same theme
(for a group), or the same theme across the country (for the national office)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .classifier import CONFIDENT
from .models import PatternDismissal
from .text import content_stems, stem, words

WINDOW_DAYS = 90
MIN_GROUP = 3
MIN_NATIONAL = 5


@dataclass
class Pattern:
    key: str
    count: int
    theme_code: str
    theme_name: str
    municipality_code: str = ""
    municipality_name: str = ""
    latest: object = None
    words: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)


def _theme():
    """A signal's theme for patterns: the confirmed one, else a confident suggestion."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.fields.json import KT

    return Case(
        When(theme__isnull=False, then=F("theme__code")),
        When(
            theme_suggestions__0__confidence__gte=CONFIDENT,
            then=KT("theme_suggestions__0__code"),
        ),
        default=Value(""),
        output_field=CharField(),
    )


def _shared_words(texts: list[str], limit: int = 5) -> list[str]:
    counts = Counter()
    for text in texts:
        counts.update(set(content_stems(text)))
    surface = {}
    for text in texts:
        for word in words(text):
            surface.setdefault(stem(word), word)
    common = [s for s, n in counts.most_common(20) if n >= max(2, len(texts) // 2) and len(s) > 3]
    return [surface.get(s, s) for s in common[:limit]]


def _dismissed(organisation_id, group_id) -> dict[str, int]:
    return dict(
        PatternDismissal.objects.filter(
            organisation_id=organisation_id, group_id=group_id
        ).values_list("key", "count_at_dismissal")
    )


def _recent():
    from samensterk.intake.models import Signal, Status

    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    return (
        Signal.objects.filter(received_at__gte=since)
        .exclude(status=Status.WITHDRAWN)
        .annotate(pattern_theme=_theme())
    )


def group_patterns(group) -> list[Pattern]:
    return _patterns(
        _recent().filter(group=group),
        by_municipality=True,
        minimum=MIN_GROUP,
        dismissed=_dismissed(group.organisation_id, group.pk),
        story="story",
    )


def national_patterns(organisation) -> list[Pattern]:
    return _patterns(
        _recent().filter(organisation=organisation, shared_with_national=True),
        by_municipality=False,
        minimum=MIN_NATIONAL,
        dismissed=_dismissed(organisation.pk, None),
        story="story_pseudonymised",  # group signals reach the office pseudonymised
    )


SHOWN = 6


def _patterns(signals, *, by_municipality, minimum, dismissed, story) -> list[Pattern]:
    """Counted in the database; only the few patterns shown are read for their words."""
    from django.db.models import Count, Max

    from samensterk.places.models import Municipality
    from samensterk.themes.models import Theme

    fields = ["municipality__code", "pattern_theme"] if by_municipality else ["pattern_theme"]
    buckets = (
        signals.exclude(pattern_theme="")
        .values(*fields)
        .annotate(count=Count("pk"), latest=Max("received_at"))
        .filter(count__gte=minimum)
    )
    found = []
    for bucket in buckets:
        municipality = bucket.get("municipality__code") or ""
        key = f"{municipality or 'NL'}:{bucket['pattern_theme']}"
        if dismissed.get(key, -1) < bucket["count"]:
            found.append((key, municipality, bucket))
    found.sort(key=lambda item: (-item[2]["count"], item[0]))
    names = dict(Theme.objects.values_list("code", "name"))
    places = dict(
        Municipality.objects.filter(code__in={m for _k, m, _b in found}).values_list("code", "name")
    )
    shown = found[:SHOWN]
    members = _members(signals, shown, by_municipality=by_municipality, story=story)
    patterns = []
    for key, municipality, bucket in shown:
        texts = members.get((municipality, bucket["pattern_theme"]), [])
        patterns.append(
            Pattern(
                key=key,
                count=bucket["count"],
                theme_code=bucket["pattern_theme"],
                theme_name=names.get(bucket["pattern_theme"], bucket["pattern_theme"]),
                municipality_code=municipality,
                municipality_name=places.get(municipality, ""),
                latest=bucket["latest"],
                words=_shared_words([text for _reference, text in texts]),
                references=[reference for reference, _text in texts[:20]],
            )
        )
    return patterns


def _members(signals, shown, *, by_municipality, story) -> dict:
    """The latest 50 (reference, text) of each pattern shown, in one query."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    if not shown:
        return {}
    partition = [F("pattern_theme")] + ([F("municipality__code")] if by_municipality else [])
    rows = (
        signals.filter(pattern_theme__in={b["pattern_theme"] for _k, _m, b in shown})
        .annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=F("received_at").desc())
        )
        .filter(rank__lte=50)
        .order_by("rank")
        .values_list("municipality__code", "pattern_theme", "reference", story)
    )
    members: dict = {}
    for municipality, theme, reference, text in rows:
        key = ((municipality or "") if by_municipality else "", theme)
        members.setdefault(key, []).append((reference, text))
    return members


def pattern_references(*, key: str, group=None, organisation=None, limit: int = 500) -> list:
    """The references of the signals that make up a pattern now (for a dossier started from
    it): a group's pattern by its key "<CBS code>:<theme>", the national one by "NL:<theme>"."""
    place, _colon, theme = key.partition(":")
    if group is not None:
        signals = _recent().filter(group=group, pattern_theme=theme)
        if place == "NL":
            signals = signals.filter(municipality__isnull=True)
        else:
            signals = signals.filter(municipality__code=place)
    else:
        signals = _recent().filter(
            organisation=organisation, shared_with_national=True, pattern_theme=theme
        )
    return list(signals.order_by("-received_at").values_list("reference", flat=True)[:limit])


@transaction.atomic
def pattern_dismiss(*, organisation, group, key: str, count: int, actor) -> None:
    PatternDismissal.objects.update_or_create(
        organisation=organisation,
        group=group,
        key=key[:100],
        defaults={"count_at_dismissal": count, "dismissed_by": actor},
    )
