"""Retention: personal data is kept no longer than needed."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from samensterk.intake.models import Signal, SignalContact, SignalEvent

from .models import AuditLog, RetentionRun


@transaction.atomic
def apply_retention(*, now=None, contact_days: int | None = None) -> dict[str, int]:
    """Erase contact details of signals closed longer ago than the retention period, and those
    of people in the network who left their role longer ago than theirs.

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
    people = erase_people_who_left(today=timezone.localdate(now))
    requests = erase_request_contacts(cutoff=cutoff)
    RetentionRun.objects.create(contacts_erased=erased + requests, network_people_erased=people)
    return {
        "contacts_erased": erased + requests,
        "retention_days": days,
        "network_people_erased": people,
    }


def erase_request_contacts(*, cutoff) -> int:
    """The member's name and contact details of support requests closed before the cutoff."""
    from samensterk.advocacy.models import RequestContact

    contacts = list(
        RequestContact.objects.filter(
            request__closed_at__isnull=False, request__closed_at__lte=cutoff
        ).values_list("pk", "request__reference", "request__organisation_id")
    )
    AuditLog.objects.bulk_create(
        AuditLog(
            organisation_id=organisation_id,
            action=AuditLog.Action.ERASE_CONTACT,
            object_reference=reference,
            detail="bewaartermijn",
        )
        for _pk, reference, organisation_id in contacts
    )
    RequestContact.objects.filter(pk__in=[pk for pk, _r, _o in contacts]).delete()
    return len(contacts)


def erase_people_who_left(*, today, days: int | None = None) -> int:
    """E-mail, phone and notes of network people out of their role for longer than
    RETENTION_LEFT_ROLE_DAYS: erased, with a line in the audit log. Name and role stay, so that
    the contact history still reads."""
    from samensterk.network.models import Person

    days = settings.RETENTION_LEFT_ROLE_DAYS if days is None else days
    people = list(
        Person.objects.filter(
            left_role_on__lte=today - timedelta(days=days), contact_erased_on__isnull=True
        ).values_list("pk", "organisation_id")
    )
    AuditLog.objects.bulk_create(
        AuditLog(
            organisation_id=organisation_id,
            action=AuditLog.Action.ERASE_CONTACT,
            object_reference=f"netwerk-persoon-{pk}",
            detail="bewaartermijn na uit functie",
        )
        for pk, organisation_id in people
    )
    Person.objects.filter(pk__in=[pk for pk, _o in people]).update(
        email="", phone="", notes="", key_contact=False, contact_erased_on=today
    )
    return len(people)
