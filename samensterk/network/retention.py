"""The network's retention step (privacy.retention)."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from samensterk.privacy.models import AuditLog

from .models import Person


def _overdue(now):
    # Whoever still holds their role is a working contact: the clock starts when they leave it.
    # Details typed in again after an erasure (an edit, an import) go the same way.
    left_before = timezone.localdate(now) - timedelta(days=settings.RETENTION_LEFT_ROLE_DAYS)
    return Person.objects.filter(left_role_on__lte=left_before).filter(
        Q(contact_erased_on__isnull=True) | ~Q(email="") | ~Q(phone="") | ~Q(notes="")
    )


def erase_people_who_left(*, now, cutoff, days: int) -> dict[str, int]:
    """E-mail, phone and notes of network people out of their role for longer than
    RETENTION_LEFT_ROLE_DAYS: erased, with a line in the audit log. Name and role stay, so that
    the contact history still reads. Their own period applies, not the run's `days`."""
    today = timezone.localdate(now)
    people = list(_overdue(now).values_list("pk", "organisation_id"))
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
    return {"network_people_erased": len(people)}


def people_who_left_due(*, now, cutoff, days: int) -> int:
    return _overdue(now).count()
