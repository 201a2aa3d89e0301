"""Whose signals a user works on: the national office (staff) and their groups.

Choices are written "o:<organisation slug>" or "g:<group slug>" in forms.
"""

from django.http import Http404

from samensterk.accounts import selectors as account_selectors
from samensterk.accounts.permissions import scope_for


def owner_choices(user, *, manage: bool = False) -> list[tuple[str, str]]:
    """The national office for staff, then the user's own groups (with manage=True: only the
    groups the user manages, for import and export)."""
    scope = scope_for(user)
    choices = []
    for organisation in account_selectors.organisation_list_for_user(user):
        if scope.is_staff_of(organisation.pk):
            choices.append((f"o:{organisation.slug}", organisation.office_name))
    for group in account_selectors.group_list_for_user(user):
        member = scope.is_member_of(group)
        if member and (not manage or scope.can_manage_group(group)):
            choices.append((f"g:{group.slug}", group.name))
    return choices


def resolve_owner(user, value: str, *, manage: bool = False):
    """(organisation, group or None) for a choice the user may make; 404 otherwise."""
    if value not in {v for v, _label in owner_choices(user, manage=manage)}:
        raise Http404
    kind, slug = value.split(":", 1)
    if kind == "o":
        return account_selectors.organisation_get_for_user(user, slug), None
    group = account_selectors.group_get_for_user(user, slug)
    return group.organisation, group
