"""Support requests' retention step (privacy.retention)."""

from samensterk.privacy.models import AuditLog

from .models import RequestContact


def _overdue(cutoff):
    # By age, whatever the status: a request left open must not keep the member's details for
    # ever, and a closed one is never closed before it was filed.
    return RequestContact.objects.filter(request__created_at__lte=cutoff)


def erase_request_contacts(*, now, cutoff, days: int) -> dict[str, int]:
    """The member's name and contact details of support requests filed before the cutoff."""
    contacts = list(
        _overdue(cutoff).values_list("pk", "request__reference", "request__organisation_id")
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
    return {"contacts_erased": len(contacts)}


def request_contacts_due(*, now, cutoff, days: int) -> int:
    return _overdue(cutoff).count()
