"""Permission-checked reads of organisations, groups, members and invitations.

Everything the user may not see or do answers 404 (Http404), also inside their scope when their
role does not allow it (a volunteer on the group's invitation page), as in the rest of the product.
"""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from samensterk.places.models import Municipality

from .models import (
    GroupMembership,
    GroupRole,
    Invitation,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    PrivacyStatement,
    User,
    hash_token,
    normalise_email,
)
from .permissions import scope_for


def _groups_with_details() -> QuerySet[LocalGroup]:
    return (
        LocalGroup.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .annotate(member_count=Count("memberships", distinct=True))
    )


def group_list_for_user(user) -> QuerySet[LocalGroup]:
    scope = scope_for(user)
    if not scope.has_membership:
        return LocalGroup.objects.none()
    return (
        _groups_with_details()
        .filter(scope.groups_filter(), active=True)
        .order_by("organisation__name", "name")
    )


def group_get_for_user(user, slug: str) -> LocalGroup:
    scope = scope_for(user)
    group = _groups_with_details().filter(slug=slug).first()
    if group is None or not scope.can_view_group(group):
        raise Http404
    return group


def group_get_for_member(user, slug: str) -> LocalGroup:
    """A group the user is a member of (for what carries the group's own stories). The group
    and its organisation only: no member count or municipalities."""
    scope = scope_for(user)
    group = LocalGroup.objects.select_related("organisation").filter(slug=slug).first()
    if group is None or not scope.can_view_group(group) or not scope.is_member_of(group):
        raise Http404
    return group


def group_get_for_manager(user, slug: str) -> LocalGroup:
    group = group_get_for_user(user, slug)
    if not scope_for(user).can_manage_group(group):
        raise Http404
    return group


def staff_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose national staff or administrators the user is (all of them for an
    installation superuser)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return Organisation.objects.order_by("pk")
    return Organisation.objects.filter(pk__in=scope.staff_organisation_ids).order_by("pk")


def staff_organisation(user) -> Organisation:
    """The organisation a staff member works for (the first, if several); others get 404."""
    found = staff_organisations(user).first()
    if found is None:
        raise Http404
    return found


def require_staff(user) -> set[int]:
    """The ids of the organisations whose staff the user is; 404 for anyone else."""
    ids = set(staff_organisations(user).values_list("pk", flat=True))
    if not ids:
        raise Http404
    return ids


def organisation_list_for_user(user) -> QuerySet[Organisation]:
    scope = scope_for(user)
    if not scope.has_membership:
        return Organisation.objects.none()
    return Organisation.objects.filter(scope.organisations_filter()).order_by("name")


def organisation_get_for_user(user, slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not scope_for(user).can_view_organisation(organisation):
        raise Http404
    return organisation


def organisation_get_for_admin(user, slug: str) -> Organisation:
    """An organisation the user is beheerder of (or any, for a superuser); 404 for everyone
    else, national staff included: they read the result on the public pages."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not scope_for(user).is_admin_of(organisation.pk):
        raise Http404
    return organisation


def organisation_get_public(slug: str) -> Organisation:
    """For the public pages of an organisation (no account); 404 if there is none."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def privacy_statement_for(organisation: Organisation) -> PrivacyStatement:
    """The organisation's statement; an unsaved, empty one (all default text) if it has none."""
    found = PrivacyStatement.objects.filter(organisation=organisation).first()
    if found is None:
        return PrivacyStatement(organisation=organisation)
    found.organisation = organisation  # already in hand: no second query on the page
    return found


def organisations_with_public_forms() -> QuerySet[Organisation]:
    """The organisations with at least one active group (a meldknop): whose privacy statements
    a page for every reporter (/volg/ before the code is known) links to."""
    return Organisation.objects.filter(groups__active=True).distinct().order_by("name")


def privacy_contact_groups(organisation: Organisation) -> QuerySet[LocalGroup]:
    """The active groups with an e-mail address: whom a reporter asks when the organisation
    named no privacy contact."""
    return organisation.groups.filter(active=True).exclude(email="").order_by("name")


def organisation_groups_for_user(user, organisation: Organisation) -> QuerySet[LocalGroup]:
    """The groups of an organisation, as far as the user may see them exist.

    Everyone in an organisation sees the names and areas of its groups (so that they know whom
    to work with); member lists stay with the group itself.
    """
    if not scope_for(user).can_view_organisation(organisation):
        raise Http404
    return _groups_with_details().filter(organisation=organisation, active=True).order_by("name")


def group_members(user, group: LocalGroup) -> QuerySet[GroupMembership]:
    if not scope_for(user).can_view_group(group):
        raise Http404
    return (
        GroupMembership.objects.filter(group=group)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def group_membership_get_for_manager(user, group: LocalGroup, pk: int) -> GroupMembership:
    if not scope_for(user).can_manage_group(group):
        raise Http404
    membership = GroupMembership.objects.select_related("user").filter(group=group, pk=pk).first()
    if membership is None:
        raise Http404
    return membership


def organisation_staff(user, organisation: Organisation) -> QuerySet[OrganisationMembership]:
    scope = scope_for(user)
    if not scope.is_staff_of(organisation.pk):
        raise Http404
    return organisation.memberships.select_related("user").order_by("role", "user__full_name")


def invitations_pending_for_group(user, group: LocalGroup) -> QuerySet[Invitation]:
    if not scope_for(user).can_manage_group(group):
        raise Http404
    return group.invitations.pending().select_related("invited_by")


def invitation_get_for_manager(user, group: LocalGroup, pk: int) -> Invitation:
    if not scope_for(user).can_manage_group(group):
        raise Http404
    invitation = group.invitations.filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_get_by_token(token: str) -> Invitation | None:
    """The invitation a link points to, whatever its state; None if there is none."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("group", "group__organisation")
        .filter(token_hash=hash_token(token))
        .first()
    )


def user_memberships(user) -> dict[str, list]:
    """The user's own memberships, for their account page and the navigation."""
    return {
        "groups": list(
            GroupMembership.objects.filter(user=user, group__active=True)
            .select_related("group", "group__organisation")
            .order_by("group__name")
        ),
        "organisations": list(
            OrganisationMembership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name")
        ),
    }


def coordinators_of(group: LocalGroup) -> QuerySet:
    return group.memberships.filter(role=GroupRole.COORDINATOR).select_related("user")


def groups_covering(user, municipality: Municipality) -> QuerySet[LocalGroup]:
    """The groups in the user's organisations that cover a municipality."""
    scope = scope_for(user)
    if not scope.has_membership:
        return LocalGroup.objects.none()
    filters = Q(municipalities=municipality, active=True)
    if not scope.is_superuser:
        filters &= Q(organisation__in=list(scope.organisation_ids))
    return LocalGroup.objects.filter(filters).select_related("organisation").order_by("name")


def account_exists(email: str) -> bool:
    return User.objects.filter(email=normalise_email(email)).exists()


def staff_membership_for_user(user, organisation: Organisation) -> OrganisationMembership:
    """The user's own membership of an organisation as national staff or administrator (their
    region setting lives on it); 404 for everyone else, a superuser without one included."""
    membership = (
        OrganisationMembership.objects.filter(user=user, organisation=organisation)
        .exclude(role=OrganisationRole.GUEST)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def staff_region_municipality_ids(user, organisation_ids=None) -> set[int] | None:
    """The municipalities of the user's own region (over their organisations, or those given);
    None when the user is no staff member anywhere or has not chosen a region."""
    memberships = OrganisationMembership.objects.filter(user=user).exclude(
        role=OrganisationRole.GUEST
    )
    if organisation_ids is not None:
        memberships = memberships.filter(organisation__in=organisation_ids)
    found = False
    ids: set[int] = set()
    for membership in memberships:
        found = True
        ids |= membership.region_municipality_ids()
    return ids if found and ids else None
