"""Changes to coalitions. Callers fetch the coalition, the organisation they act for and what
they share through selectors (access); these functions keep the rules."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext_lazy

from samensterk.accounts.models import (
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    User,
    hash_token,
    normalise_email,
)
from samensterk.accounts.permissions import forget_scope
from samensterk.accounts.services import (
    INVITATION_ACCOUNT_EXISTS,
    INVITATION_OTHER_ACCOUNT,
    INVITATION_UNKNOWN,
    InvitationError,
)
from samensterk.lib.tasks import enqueue_on_commit
from samensterk.notify.models import Kind as NotificationKind
from samensterk.notify.services import notify

from . import tasks
from .models import (
    NEEDS_SUBJECT,
    Coalition,
    CoalitionMember,
    MemberStatus,
    PartnerInvitation,
    SharedItem,
)

ALREADY_MEMBER = gettext_lazy("Deze organisatie doet al mee of is al uitgenodigd.")
NOT_A_MEMBER = gettext_lazy("Deze organisatie doet niet mee aan de coalitie.")
ALREADY_SHARED = gettext_lazy("Dit is al gedeeld met deze coalitie.")
NOT_YOUR_MUNICIPALITY = gettext_lazy(
    "Kies een gemeente van jullie groep. Een coalitie voor een andere gemeente start de "
    "groep die daar werkt, of het landelijk bureau."
)
ALREADY_INVITED = gettext_lazy("Dit e-mailadres is al uitgenodigd voor deze coalitie.")
PARTNER_EXPIRED = gettext_lazy(
    "Deze uitnodiging is verlopen. Vraag wie je uitnodigde om een nieuwe uitnodiging."
)
PARTNER_USED = gettext_lazy("Deze uitnodiging is al gebruikt. Je kunt inloggen met je account.")
PARTNER_WITHDRAWN = gettext_lazy(
    "Deze uitnodiging geldt niet meer: de coalitie bestaat niet meer of jullie zijn er al uit."
)
OTHER_MUNICIPALITY = gettext_lazy(
    "Dit hoort bij een andere gemeente dan die van de coalitie. Deel alleen wat over deze "
    "gemeente gaat."
)


@transaction.atomic
def coalition_create(
    *, organisation, user, name, purpose="", municipality=None, theme=None, invite=(), group=None
) -> Coalition:
    """A new coalition; the organisation that starts it takes part, the others are invited.

    Started by a local group (its coordinator): for a municipality of the group, on behalf of
    the group's organisation."""
    if municipality is None and theme is None:
        raise ValidationError(NEEDS_SUBJECT)
    if group is not None:
        organisation = group.organisation
        if municipality is None or not group.municipalities.filter(pk=municipality.pk).exists():
            raise ValidationError({"municipality": NOT_YOUR_MUNICIPALITY})
    coalition = Coalition.objects.create(
        group=group,
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


# --- Partners without an installation of their own: a guest organisation, invited by e-mail --


def _guest_slug(name: str) -> str:
    base = (slugify(name)[:40] or "partner").strip("-")
    slug = f"gast-{base}"
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"gast-{base}-{get_random_string(5).lower()}"
    return slug


@transaction.atomic
def partner_invite_by_email(
    coalition: Coalition, *, name: str, email: str, contact_name: str = "", invited_by
) -> PartnerInvitation:
    """Invite a partner that does not use this installation: a guest organisation is made, and
    its contact gets an e-mail with a link to make a guest account (sent by a task after
    commit, so nothing is mailed for an invitation that was rolled back)."""
    email = normalise_email(email)
    if PartnerInvitation.objects.filter(
        member__coalition=coalition, email=email, accepted_at__isnull=True
    ).exists():
        raise ValidationError({"email": ALREADY_INVITED})
    organisation = Organisation.objects.create(
        name=name.strip(), slug=_guest_slug(name), kind=Organisation.Kind.GUEST
    )
    member = CoalitionMember.objects.create(coalition=coalition, organisation=organisation)
    invitation = PartnerInvitation.objects.create(
        member=member,
        email=email,
        contact_name=contact_name.strip(),
        # A placeholder: the sending task makes the real token (see PartnerInvitation).
        token_hash=hash_token(PartnerInvitation.new_token()),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    enqueue_on_commit(tasks.mail_partner_invitation, invitation.pk)
    return invitation


def partner_invitation_check(invitation: PartnerInvitation | None) -> PartnerInvitation:
    """The invitation if it can still be used; otherwise InvitationError with the reason."""
    if invitation is None:
        raise InvitationError(INVITATION_UNKNOWN, status=404)
    if invitation.accepted_at is not None:
        raise InvitationError(PARTNER_USED)
    if invitation.is_expired:
        raise InvitationError(PARTNER_EXPIRED)
    if invitation.member.status != MemberStatus.INVITED:
        raise InvitationError(PARTNER_WITHDRAWN)
    return invitation


def _lock_usable(token: str) -> PartnerInvitation:
    invitation = (
        PartnerInvitation.objects.select_for_update()
        .select_related("member")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return partner_invitation_check(invitation)


def _join_as_guest(invitation: PartnerInvitation, user) -> None:
    member = invitation.member
    OrganisationMembership.objects.get_or_create(
        user=user, organisation_id=member.organisation_id, defaults={"role": OrganisationRole.GUEST}
    )
    member.status = MemberStatus.MEMBER
    member.joined_at = timezone.now()
    member.save(update_fields=["status", "joined_at"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_scope(user)


@transaction.atomic
def partner_invitation_accept_as_new_user(*, token: str, full_name: str, password: str) -> User:
    """The contact makes their guest account; the partner then takes part in the coalition."""
    invitation = _lock_usable(token)
    if User.objects.filter(email=invitation.email).exists():
        raise InvitationError(INVITATION_ACCOUNT_EXISTS, status=409)
    user = User(email=invitation.email, full_name=full_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.save()
    _join_as_guest(invitation, user)
    return user


@transaction.atomic
def partner_invitation_accept(*, token: str, user) -> None:
    """Someone who already has an account (sent to their own address) accepts."""
    invitation = _lock_usable(token)
    if normalise_email(user.email) != invitation.email:
        raise InvitationError(INVITATION_OTHER_ACCOUNT, status=403)
    _join_as_guest(invitation, user)
