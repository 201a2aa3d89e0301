"""Changes to coalitions. Callers fetch the coalition, the organisation they act for and what
they share through selectors (access); these functions keep the rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from samensterk.accounts.models import User
from samensterk.notify.models import Kind as NotificationKind
from samensterk.notify.services import notify

from .models import NEEDS_SUBJECT, Coalition, CoalitionMember, MemberStatus, SharedItem

ALREADY_MEMBER = gettext_lazy("Deze organisatie doet al mee of is al uitgenodigd.")
NOT_A_MEMBER = gettext_lazy("Deze organisatie doet niet mee aan de coalitie.")
ALREADY_SHARED = gettext_lazy("Dit is al gedeeld met deze coalitie.")
OTHER_MUNICIPALITY = gettext_lazy(
    "Dit hoort bij een andere gemeente dan die van de coalitie. Deel alleen wat over deze "
    "gemeente gaat."
)


@transaction.atomic
def coalition_create(
    *, organisation, user, name, purpose="", municipality=None, theme=None, invite=()
) -> Coalition:
    """A new coalition; the organisation that starts it takes part, the others are invited."""
    if municipality is None and theme is None:
        raise ValidationError(NEEDS_SUBJECT)
    coalition = Coalition.objects.create(
        name=name,
        purpose=purpose,
        municipality=municipality,
        theme=theme,
        started_by=organisation,
        created_by=user,
    )
    CoalitionMember.objects.create(
        coalition=coalition,
        organisation=organisation,
        status=MemberStatus.MEMBER,
        joined_at=timezone.now(),
    )
    for other in invite:
        if other.pk != organisation.pk:
            CoalitionMember.objects.create(coalition=coalition, organisation=other)
            _tell_invited(coalition, other, actor=user)
    return coalition


@transaction.atomic
def coalition_invite(coalition: Coalition, organisation, *, user=None) -> CoalitionMember:
    if coalition.members.filter(organisation=organisation).exists():
        raise ValidationError(ALREADY_MEMBER)
    invitation = CoalitionMember.objects.create(coalition=coalition, organisation=organisation)
    _tell_invited(coalition, organisation, actor=user)
    return invitation


def _tell_invited(coalition: Coalition, organisation, *, actor) -> None:
    """The invited organisation's people with an account (its staff and beheerders)."""
    people = User.objects.filter(
        organisation_memberships__organisation=organisation, is_active=True
    ).distinct()
    for person in people:
        notify(
            person,
            NotificationKind.COALITION_INVITED,
            format_lazy(
                gettext_lazy("Uitnodiging voor de coalitie ‘{coalition}’"), coalition=coalition.name
            ),
            format_lazy(
                gettext_lazy(
                    "{started} nodigt {organisation} uit voor de coalitie ‘{coalition}’. Op de "
                    "pagina van de coalitie lees je waar die voor staat en zeg je ja of nee."
                ),
                started=coalition.started_by.name,
                organisation=organisation.name,
                coalition=coalition.name,
            ),
            coalition.get_absolute_url(),
            actor=actor,
        )


def invitation_answer(invitation: CoalitionMember, *, accept: bool) -> None:
    if accept:
        invitation.status = MemberStatus.MEMBER
        invitation.joined_at = timezone.now()
        invitation.save(update_fields=["status", "joined_at"])
    else:
        invitation.delete()


@transaction.atomic
def coalition_leave(coalition: Coalition, organisation) -> bool:
    """The organisation leaves and takes back all it shared. Returns whether the coalition
    still exists (it ends with its last member)."""
    membership = coalition.members.filter(organisation=organisation).first()
    if membership is None:
        raise ValidationError(NOT_A_MEMBER)
    coalition.shared.filter(organisation=organisation).delete()
    membership.delete()
    if not coalition.members.filter(status=MemberStatus.MEMBER).exists():
        coalition.delete()
        return False
    return True


def share(coalition: Coalition, item, *, user) -> SharedItem:
    """Share an organisation or person of the register, or a dossier, with a coalition that
    the item's organisation takes part in."""
    field = item._meta.model_name
    if not coalition.members.filter(
        organisation_id=item.organisation_id, status=MemberStatus.MEMBER
    ).exists():
        raise ValidationError(NOT_A_MEMBER)
    if (
        field != "dossier"
        and coalition.municipality_id
        and item.municipality_id not in (None, coalition.municipality_id)
    ):
        raise ValidationError(OTHER_MUNICIPALITY)
    if coalition.shared.filter(**{field: item}).exists():
        raise ValidationError(ALREADY_SHARED)
    return SharedItem.objects.create(
        coalition=coalition, organisation_id=item.organisation_id, shared_by=user, **{field: item}
    )


def unshare(shared: SharedItem) -> None:
    shared.delete()
