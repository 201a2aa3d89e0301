"""Emerging patterns: several recent signals about the same municipality and the same theme
(for a group), or the same theme across the country (for the national office)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from samensterk.insight.classifier import PATTERN_CONFIDENT
from samensterk.insight.models import PatternDismissal
from samensterk.insight.text import content_stems, stem, words

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


def pattern_theme():
    """A signal's theme for patterns: the confirmed one, else a confident suggestion."""
    from django.db.models import Case, CharField, F, Value, When
    from django.db.models.fields.json import KT

    return Case(
        When(theme__isnull=False, then=F("theme__code")),
        When(
            theme_suggestions__0__confidence__gte=PATTERN_CONFIDENT,
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
    from .models import Signal, Status

    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    return (
        Signal.objects.filter(received_at__gte=since)
        .exclude(status=Status.WITHDRAWN)
        .annotate(pattern_theme=pattern_theme())
    )


# The dashboards show patterns without their words (the page loads those itself): counted on
# every request, so a new signal or a dismissal shows at once.
def dashboard_group_patterns(group) -> list[Pattern]:
    return group_patterns(group, words=False)


def dashboard_national_patterns(organisation) -> list[Pattern]:
    return national_patterns(organisation, words=False)


def group_patterns(group, *, words: bool = True) -> list[Pattern]:
    return _patterns(
        Q(group=group),
        by_municipality=True,
        minimum=MIN_GROUP,
        dismissed=_dismissed(group.organisation_id, group.pk),
        members=(lambda shown: _members(_recent().filter(group=group), shown, True, "story"))
        if words
        else None,
    )


def national_patterns(organisation, *, words: bool = True) -> list[Pattern]:
    return _patterns(
        # what the national office may see: its own signals and those the groups shared
        Q(organisation=organisation) & (Q(group__isnull=True) | Q(shared_with_national=True)),
        by_municipality=False,
        minimum=MIN_NATIONAL,
        dismissed=_dismissed(organisation.pk, None),
        # group signals reach the office pseudonymised
        members=(
            lambda shown: _members(
                _recent().filter(organisation=organisation, shared_with_national=True),
                shown,
                False,
                "story_pseudonymised",
            )
        )
        if words
        else None,
    )


SHOWN = 6


def _patterns(signals: Q, *, by_municipality, minimum, dismissed, members) -> list[Pattern]:
    """Counted from the recent signals in one grouped query; the words of the patterns shown
    are read from their signals only when asked for (`members`), else loaded by the page."""
    from django.db.models import Count, F, Max

    from samensterk.places.models import Municipality
    from samensterk.themes.models import Theme

    fields = ["municipality_id", "theme_code"] if by_municipality else ["theme_code"]
    buckets = list(
        _recent()
        .filter(signals)
        .exclude(pattern_theme="")
        .annotate(theme_code=F("pattern_theme"))
        .values(*fields)
        .annotate(count=Count("*"), latest=Max("received_at"))
        .filter(count__gte=minimum)
        .order_by()
    )
    # Code and name of the municipalities counted, in one read.
    places_by_id = (
        {
            pk: (code, name)
            for pk, code, name in Municipality.objects.filter(
                pk__in={b["municipality_id"] for b in buckets} - {None}
            ).values_list("pk", "code", "name")
        }
        if by_municipality
        else {}
    )
    codes = {pk: code for pk, (code, _name) in places_by_id.items()}
    found = []
    for bucket in buckets:
        municipality = codes.get(bucket.get("municipality_id"), "")
        key = f"{municipality or 'NL'}:{bucket['theme_code']}"
        if dismissed.get(key, -1) < bucket["count"]:
            found.append((key, municipality, bucket))
    found.sort(key=lambda item: (-item[2]["count"], item[0]))
    names = dict(Theme.objects.values_list("code", "name"))
    places = dict(places_by_id.values())
    shown = found[:SHOWN]
    texts_of = members(shown) if members else {}
    patterns = []
    for key, municipality, bucket in shown:
        texts = texts_of.get((municipality, bucket["theme_code"]), [])
        patterns.append(
            Pattern(
                key=key,
                count=bucket["count"],
                theme_code=bucket["theme_code"],
                theme_name=names.get(bucket["theme_code"], bucket["theme_code"]),
                municipality_code=municipality,
                municipality_name=places.get(municipality, ""),
                latest=bucket["latest"],
                words=_shared_words([text for _reference, text in texts]),
                references=[reference for reference, _text in texts[:20]],
            )
        )
    return patterns


def _pattern_signals(key: str, group, organisation):
    """A pattern's signals now, and the story field its words come from: a group's pattern by
    its key "<CBS code>:<theme>" ("NL" when no municipality), the national one "NL:<theme>".
    Always the pseudonymised text: a group also holds stories handed down to it, which it may
    read only pseudonymised (disclosure.py), and a recurring word is never a person's name."""
    place, _colon, theme = key.partition(":")
    if group is not None:
        signals = _recent().filter(group=group, pattern_theme=theme)
        if place == "NL":
            return signals.filter(municipality__isnull=True), "story_pseudonymised"
        return signals.filter(municipality__code=place), "story_pseudonymised"
    signals = _recent().filter(
        organisation=organisation, shared_with_national=True, pattern_theme=theme
    )
    return signals, "story_pseudonymised"


def pattern_words(*, key: str, group=None, organisation=None) -> list[str]:
    """The words a pattern's latest signals share (loaded by the page after it)."""
    signals, story = _pattern_signals(key, group, organisation)
    return _shared_words(list(signals.order_by("-received_at").values_list(story, flat=True)[:50]))


def _members(signals, shown, by_municipality, story) -> dict:
    """The latest 50 (reference, text) of each pattern shown, in one query."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    if not shown:
        return {}
    partition = [F("pattern_theme")] + ([F("municipality__code")] if by_municipality else [])
    rows = (
        signals.filter(pattern_theme__in={b["theme_code"] for _k, _m, b in shown})
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
    """The references of the signals that make up a pattern now (for a dossier started from it)."""
    signals, _story = _pattern_signals(key, group, organisation)
    return list(signals.order_by("-received_at").values_list("reference", flat=True)[:limit])


@transaction.atomic
def pattern_dismiss(*, organisation, group, key: str, count: int, actor) -> None:
    PatternDismissal.objects.update_or_create(
        organisation=organisation,
        group=group,
        key=key[:100],
        defaults={"count_at_dismissal": count, "dismissed_by": actor},
    )
