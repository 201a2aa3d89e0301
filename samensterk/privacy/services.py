"""Retention: personal data is kept no longer than needed."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samensterk.intake.models import Signal, SignalContact, SignalEvent

from .models import AuditLog


@transaction.atomic
def apply_retention(*, now=None, contact_days: int | None = None) -> dict[str, int]:
    """Erase contact details of signals closed longer ago than the retention period.

    Idempotent: a second run finds nothing left to erase. All or nothing.
    """
    now = now or timezone.now()
    days = settings.RETENTION_CONTACT_DAYS if contact_days is None else contact_days
    cutoff = now - timedelta(days=days)
    contacts = SignalContact.objects.filter(
        signal__closed_at__isnull=False, signal__closed_at__lte=cutoff
    ).select_related("signal")
    erased = 0
    events, audit = [], []
    for contact in contacts:
        signal = contact.signal
        events.append(
            SignalEvent(
                signal=signal,
                kind=SignalEvent.Kind.CONTACT_ERASED,
                note=f"bewaartermijn van {days} dagen verstreken",
            )
        )
        audit.append(
            AuditLog(
                organisation_id=signal.organisation_id,
                action=AuditLog.Action.ERASE_CONTACT,
                object_reference=signal.reference,
                detail="bewaartermijn",
            )
        )
        erased += 1
    SignalEvent.objects.bulk_create(events)
    AuditLog.objects.bulk_create(audit)
    SignalContact.objects.filter(pk__in=[c.pk for c in contacts]).delete()
    Signal.objects.filter(pk__in=[e.signal_id for e in events]).update(consent_contact=False)
    return {"contacts_erased": erased, "retention_days": days}
