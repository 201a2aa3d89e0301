"""The signals' retention step (privacy.retention): contact details of closed signals."""

from samensterk.privacy.models import AuditLog

from .models import Signal, SignalContact, SignalEvent


def erase_closed_signal_contacts(*, now, cutoff, days: int) -> dict[str, int]:
    """Contact details of signals closed before the cutoff: erased, with an event on the signal
    and a line in the audit log; the signal no longer counts as consenting to contact."""
    contacts = list(
        SignalContact.objects.filter(
            signal__closed_at__isnull=False, signal__closed_at__lte=cutoff
        ).select_related("signal")
    )
    SignalEvent.objects.bulk_create(
        SignalEvent(
            signal=contact.signal,
            kind=SignalEvent.Kind.CONTACT_ERASED,
            note=f"bewaartermijn van {days} dagen verstreken",
        )
        for contact in contacts
    )
    AuditLog.objects.bulk_create(
        AuditLog(
            organisation_id=contact.signal.organisation_id,
            action=AuditLog.Action.ERASE_CONTACT,
            object_reference=contact.signal.reference,
            detail="bewaartermijn",
        )
        for contact in contacts
    )
    SignalContact.objects.filter(pk__in=[c.pk for c in contacts]).delete()
    Signal.objects.filter(pk__in=[c.signal_id for c in contacts]).update(consent_contact=False)
    return {"contacts_erased": len(contacts)}
