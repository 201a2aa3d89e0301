"""Support requests' retention step (privacy.retention)."""

from samensterk.privacy.models import AuditLog

from .models import RequestContact


def erase_request_contacts(*, now, cutoff, days: int) -> dict[str, int]:
    """The member's name and contact details of support requests closed before the cutoff."""
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
    return {"contacts_erased": len(contacts)}
