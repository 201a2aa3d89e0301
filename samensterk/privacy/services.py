"""Retention: personal data is kept no longer than needed."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import retention
from .models import RetentionRun


@transaction.atomic
def apply_retention(*, now=None, contact_days: int | None = None) -> dict[str, int]:
    """Run every app's retention step (privacy.retention): contact details of signals and
    support requests closed longer ago than the retention period, people in the network who
    left their role longer ago than theirs.

    Idempotent: a second run finds nothing left to erase. All or nothing.
    """
    now = now or timezone.now()
    days = settings.RETENTION_CONTACT_DAYS if contact_days is None else contact_days
    cutoff = now - timedelta(days=days)
    totals: Counter[str] = Counter()
    for step in retention.STEPS:
        totals.update(step(now=now, cutoff=cutoff, days=days))
    RetentionRun.objects.create(
        contacts_erased=totals["contacts_erased"],
        network_people_erased=totals["network_people_erased"],
    )
    return {
        "contacts_erased": totals["contacts_erased"],
        "retention_days": days,
        "network_people_erased": totals["network_people_erased"],
    }
