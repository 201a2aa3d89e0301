"""Who may see and do what. The one place where the access model lives.

A user's *scope* is read once per request from their memberships:

- a group member (coordinator or volunteer) sees their own group;
- national staff (landelijk medewerker) and administrators (beheerder) of an organisation see
  every group of that organisation;
- a coordinator manages their group (members, invitations); an administrator manages every
  group of the organisation and uses the (scoped) Django admin;
- an installation superuser sees everything;
- a guest (a coalition partner's contact, OrganisationRole.GUEST) has no membership at all as
  far as the rest of the product is concerned: only coalitions read `guest_organisation_ids`.

Selectors use the scope and answer 404 for what lies outside it, so that nobody learns whether
something they may not see exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import IntegerField, Q, Value

from .models import GroupMembership, GroupRole, OrganisationMembership, OrganisationRole

_CACHE_ATTRIBUTE = "_samensterk_scope"


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    is_superuser: bool = False
    # group id -> GroupRole, for the groups the user is a member of
    group_roles: dict[int, str] = field(default_factory=dict)
    # group id -> organisation id, for those same groups
    group_organisations: dict[int, int] = field(default_factory=dict)
    # organisation id -> OrganisationRole
    organisation_roles: dict[int, str] = field(default_factory=dict)
    # guest organisations the user speaks for (kept out of everything above on purpose)
    guest_organisation_ids: frozenset[int] = frozenset()

    # --- what the user is -----------------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def has_membership(self) -> bool:
        return self.is_superuser or bool(self.group_roles or self.organisation_roles)

    @property
    def is_guest(self) -> bool:
        """Only a guest: sees the coalitions of their organisation and nothing else."""
        return bool(self.guest_organisation_ids) and not self.has_membership

    @property
    def organisation_ids(self) -> set[int]:
        """Organisations the user belongs to in any way."""
        return set(self.organisation_roles) | set(self.group_organisations.values())

    @property
    def staff_organisation_ids(self) -> set[int]:
        """Organisations whose national view the user has (staff and administrators)."""
        return set(self.organisation_roles)

    @property
    def admin_organisation_ids(self) -> set[int]:
        return {o for o, r in self.organisation_roles.items() if r == OrganisationRole.ADMIN}

    @property
    def coordinated_group_ids(self) -> set[int]:
        return {g for g, r in self.group_roles.items() if r == GroupRole.COORDINATOR}

    def is_staff_of(self, organisation_id: int) -> bool:
        return self.is_superuser or organisation_id in self.organisation_roles

    def is_admin_of(self, organisation_id: int) -> bool:
        return self.is_superuser or organisation_id in self.admin_organisation_ids

    # --- what the user may see and do -----------------------------------------------------
    def is_member_of(self, group) -> bool:
        """A member of the group itself (national staff see groups without being members)."""
        return self.is_superuser or group.pk in self.group_roles

    def can_view_group(self, group) -> bool:
        return (
            self.is_superuser
            or group.pk in self.group_roles
            or group.organisation_id in self.organisation_roles
        )

    def can_manage_group(self, group) -> bool:
        """Invite and remove members, change the group's settings."""
        return (
            self.is_superuser
            or self.group_roles.get(group.pk) == GroupRole.COORDINATOR
            or group.organisation_id in self.admin_organisation_ids
        )

    def can_view_organisation(self, organisation) -> bool:
        return self.is_superuser or organisation.pk in self.organisation_ids

    def can_use_admin(self) -> bool:
        return self.is_superuser or bool(self.admin_organisation_ids)

    # --- the owning side of a thing (a signal, dossier, meeting, report, contact moment) ----
    # A thing belongs to a group, or (group empty) to its organisation's national office.
    # Written once here; every app asks these instead of retyping the rule.
    def is_side(self, organisation_id: int, group_id: int | None) -> bool:
        """A member of the side that owns something: its group, or national staff when it
        belongs to the national office."""
        if self.is_superuser:
            return True
        if group_id is not None:
            return group_id in self.group_roles
        return organisation_id in self.organisation_roles

    def manages_side(self, organisation_id: int, group_id: int | None) -> bool:
        """Manages that side: a coordinator of the group, or national staff."""
        if self.is_superuser:
            return True
        if group_id is not None:
            return self.group_roles.get(group_id) == GroupRole.COORDINATOR
        return organisation_id in self.organisation_roles

    def owns(self, thing) -> bool:
        """`thing` has organisation_id and group_id (a signal, a dossier, ...)."""
        return self.is_side(thing.organisation_id, thing.group_id)

    def can_manage(self, thing) -> bool:
        return self.manages_side(thing.organisation_id, thing.group_id)

    def owned_q(self, prefix: str = "") -> Q:
        """A filter for the things owned by the user's sides (`owns` as a query)."""
        if self.is_superuser:
            return Q()
        return Q(**{f"{prefix}group__in": list(self.group_roles)}) | Q(
            **{
                f"{prefix}group__isnull": True,
                f"{prefix}organisation__in": list(self.organisation_roles),
            }
        )

    def visible_q(self, prefix: str = "", *, shared_field: str = "") -> Q:
        """What the user may see: their groups' things, and for national staff the national
        office's own things plus, with `shared_field`, what a group shared with it."""
        if self.is_superuser:
            return Q()
        national = Q(**{f"{prefix}group__isnull": True})
        if shared_field:
            national |= Q(**{f"{prefix}{shared_field}": True})
        return Q(**{f"{prefix}group__in": list(self.group_roles)}) | (
            Q(**{f"{prefix}organisation__in": list(self.organisation_roles)}) & national
        )

    # --- query filters --------------------------------------------------------------------
    def groups_filter(self, prefix: str = "") -> Q:
        """A filter for LocalGroup (or, with a prefix such as "group__", for what hangs off one)."""
        if self.is_superuser:
            return Q()
        return Q(**{f"{prefix}pk__in": list(self.group_roles)}) | Q(
            **{f"{prefix}organisation__in": list(self.organisation_roles)}
        )

    def organisations_filter(self, prefix: str = "") -> Q:
        if self.is_superuser:
            return Q()
        return Q(**{f"{prefix}pk__in": list(self.organisation_ids)})


ANONYMOUS = Scope()


def scope_for(user) -> Scope:
    """The user's scope, read from the database once and kept on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    group_roles: dict[int, str] = {}
    group_organisations: dict[int, int] = {}
    organisation_roles: dict[int, str] = {}
    guest_organisations: set[int] = set()
    # Both kinds of membership in one query: (group, organisation, role), the group empty for
    # a membership of the organisation itself.
    for group_id, organisation_id, role in (
        GroupMembership.objects.filter(user=user, group__active=True)
        .values_list("group_id", "group__organisation_id", "role")
        .union(
            OrganisationMembership.objects.filter(user=user).values_list(
                Value(None, output_field=IntegerField()), "organisation_id", "role"
            ),
            all=True,
        )
    ):
        if group_id is None and role == OrganisationRole.GUEST:
            guest_organisations.add(organisation_id)
        elif group_id is None:
            organisation_roles[organisation_id] = role
        else:
            group_roles[group_id] = role
            group_organisations[group_id] = organisation_id
    scope = Scope(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        group_roles=group_roles,
        group_organisations=group_organisations,
        organisation_roles=organisation_roles,
        guest_organisation_ids=frozenset(guest_organisations),
    )
    setattr(user, _CACHE_ATTRIBUTE, scope)
    return scope


def forget_scope(user) -> None:
    """Call after a user's memberships change within the same request."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
