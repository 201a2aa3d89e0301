"""Emerging patterns: several recent signals about the same municipality and the same theme
(for a group), or the same theme across the country (for the national office)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

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


def _theme_of(signal) -> str:
    if signal.theme_id:
        return signal.theme.code
    suggestions = signal.theme_suggestions or []
    return suggestions[0]["code"] if suggestions and suggestions[0]["confidence"] >= 0.45 else ""


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


def group_patterns(group) -> list[Pattern]:
    from samensterk.intake.models import Signal, Status

    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    signals = list(
        Signal.objects.filter(group=group, received_at__gte=since)
        .exclude(status=Status.WITHDRAWN)
        .select_related("theme", "municipality")
        .order_by("-received_at")
    )
    return _cluster(
        signals,
        key=lambda s: (s.municipality.code if s.municipality else "", _theme_of(s)),
        minimum=MIN_GROUP,
        dismissed=_dismissed(group.organisation_id, group.pk),
        story=lambda s: s.story,
    )


def national_patterns(organisation) -> list[Pattern]:
    from samensterk.intake.models import Signal, Status

    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    signals = list(
        Signal.objects.filter(organisation=organisation, received_at__gte=since)
        .filter(shared_with_national=True)
        .exclude(status=Status.WITHDRAWN)
        .select_related("theme", "municipality")
        .order_by("-received_at")
    )
    return _cluster(
        signals,
        key=lambda s: ("", _theme_of(s)),
        minimum=MIN_NATIONAL,
        dismissed=_dismissed(organisation.pk, None),
        story=lambda s: s.story_pseudonymised,  # group signals reach the office pseudonymised
    )


def _cluster(signals, *, key, minimum, dismissed, story) -> list[Pattern]:
    from samensterk.places.models import Municipality
    from samensterk.themes.models import Theme

    buckets: dict[tuple, list] = {}
    for signal in signals:
        municipality, theme = key(signal)
        if theme:
            buckets.setdefault((municipality, theme), []).append(signal)
    names = dict(Theme.objects.values_list("code", "name"))
    places = dict(Municipality.objects.values_list("code", "name"))
    patterns = []
    for (municipality, theme), members in buckets.items():
        pattern_key = f"{municipality or 'NL'}:{theme}"
        if len(members) < minimum or dismissed.get(pattern_key, -1) >= len(members):
            continue
        patterns.append(
            Pattern(
                key=pattern_key,
                count=len(members),
                theme_code=theme,
                theme_name=names.get(theme, theme),
                municipality_code=municipality,
                municipality_name=places.get(municipality, ""),
                latest=members[0].received_at,
                words=_shared_words([story(m) for m in members[:50]]),
                references=[m.reference for m in members[:20]],
            )
        )
    return sorted(patterns, key=lambda p: (-p.count, p.key))[:6]


@transaction.atomic
def pattern_dismiss(*, organisation, group, key: str, count: int, actor) -> None:
    PatternDismissal.objects.update_or_create(
        organisation=organisation,
        group=group,
        key=key[:100],
        defaults={"count_at_dismissal": count, "dismissed_by": actor},
    )
