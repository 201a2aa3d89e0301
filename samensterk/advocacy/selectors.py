"""Permission-checked reads of the advocate pool, support requests and duos.

Support requests: national staff see their organisation's; a group's coordinators see the
group's; whoever filed one sees it; the volunteer it was assigned to sees it. The member's
contact details only on request, with a line in the audit log. Duos: the members of their group
and national staff. Anything else answers 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from samensterk.accounts.permissions import scope_for
from samensterk.privacy.models import AuditLog

from .models import Advocate, Duo, Presentation, SupportRequest


def _request_filter(user) -> Q:
    scope = scope_for(user)
    if scope.is_superuser:
        return Q()
    return (
        Q(organisation__in=list(scope.staff_organisation_ids))
        | Q(group__in=list(scope.coordinated_group_ids))
        | Q(created_by=user)
        | Q(advocate__user=user)
    )


def requests_for_user(user) -> QuerySet[SupportRequest]:
    if not user.is_authenticated:
        raise Http404
    return SupportRequest.objects.filter(_request_filter(user)).select_related(
        "municipality", "theme", "advocate", "group"
    )


def request_get_for_user(user, reference: str) -> SupportRequest:
    found = requests_for_user(user).filter(reference=reference).first()
    if found is None:
        raise Http404
    return found


def can_assign(user, request: SupportRequest) -> bool:
    scope = scope_for(user)
    return scope.is_staff_of(request.organisation_id) or (
        request.group_id is not None and request.group_id in scope.coordinated_group_ids
    )


def can_log_outcome(user, request: SupportRequest) -> bool:
    return can_assign(user, request) or (
        request.advocate_id is not None and request.advocate.user_id == user.pk
    )


def request_contact_for_user(user, request: SupportRequest):
    """The member's name and contact details; every look is in the audit log."""
    request = request_get_for_user(user, request.reference)
    AuditLog.objects.create(
        actor=user,
        organisation_id=request.organisation_id,
        action=AuditLog.Action.VIEW_CONTACT,
        object_reference=request.reference,
    )
    return getattr(request, "contact", None)


def advocates_for_user(user) -> QuerySet[Advocate]:
    scope = scope_for(user)
    if not (scope.is_superuser or scope.staff_organisation_ids):
        raise Http404
    found = Advocate.objects.prefetch_related("municipalities", "themes", "trainings")
    return (
        found
        if scope.is_superuser
        else found.filter(organisation__in=list(scope.staff_organisation_ids))
    )


def advocate_get_for_user(user, pk: int) -> Advocate:
    found = advocates_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def part_get_for_user(user, pk: int, part_pk: int):
    presentation = presentation_get_for_user(user, pk)
    found = presentation.parts.filter(pk=part_pk).first()
    if found is None:
        raise Http404
    return presentation, found


def filing_groups(user):
    from samensterk.accounts.models import LocalGroup

    scope = scope_for(user)
    return LocalGroup.objects.filter(pk__in=list(scope.group_roles)).order_by("name")


def duos_for_user(user) -> QuerySet[Duo]:
    scope = scope_for(user)
    if not scope.has_membership:
        raise Http404
    return Duo.objects.filter(scope.groups_filter("group__")).select_related("group")


def duo_get_for_user(user, pk: int) -> Duo:
    found = duos_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def presentation_get_for_user(user, pk: int) -> Presentation:
    found = (
        Presentation.objects.filter(duo__in=duos_for_user(user), pk=pk)
        .select_related("duo")
        .first()
    )
    if found is None:
        raise Http404
    return found
