"""Retention: personal data is kept no longer than needed."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import retention
from .models import RetentionRun

# Counts every run reports, also when no step produced them.
TOTALS = ("contacts_erased", "network_people_erased", "stories_pseudonymised")


@transaction.atomic
def apply_retention(*, now=None, contact_days: int | None = None) -> dict:
    """Run every app's retention step (privacy.retention): contact details of signals
    RETENTION_CONTACT_DAYS after receipt (unless kept longer for a reason) and of support
    requests that long after they were filed, people in the network who left their role longer
    ago than their period, stories of signals closed RETENTION_STORY_YEARS ago.

    Returns the totals, and per step what it did and what is still due after it (should be 0).
    Idempotent: a second run finds nothing left to do. All or nothing.
    """
    now = now or timezone.now()
    days = settings.RETENTION_CONTACT_DAYS if contact_days is None else contact_days
    cutoff = now - timedelta(days=days)
    totals: Counter[str] = Counter(dict.fromkeys(TOTALS, 0))
    steps: dict[str, dict[str, int]] = {}
    for step in retention.STEPS:
        counts = dict(step.erase(now=now, cutoff=cutoff, days=days))
        totals.update(counts)
        counts["still_due"] = step.due(now=now, cutoff=cutoff, days=days)
        steps[step.name] = counts
    result = {
        **totals,
        "retention_days": days,
        "still_due": sum(counts["still_due"] for counts in steps.values()),
        "steps": steps,
    }
    RetentionRun.objects.create(
        contacts_erased=totals["contacts_erased"],
        network_people_erased=totals["network_people_erased"],
        report=result,
    )
    return result
