"""Writes for accounts: invitations, memberships and the privacy statement. Views, the admin
and commands call these."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    GroupMembership,
    GroupRole,
    Invitation,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    PrivacyStatement,
    User,
    hash_token,
    normalise_email,
)
from .permissions import forget_scope

ALREADY_MEMBER = _("Deze persoon is al lid van de groep.")
INVITATION_UNKNOWN = _(
    "Deze uitnodiging bestaat niet. Controleer of je de hele link hebt gebruikt."
)
INVITATION_EXPIRED = _(
    "Deze uitnodiging is verlopen. Vraag de coördinator van de groep om een nieuwe uitnodiging."
)
INVITATION_USED = _("Deze uitnodiging is al gebruikt. Je kunt inloggen met je account.")
INVITATION_REVOKED = _("Deze uitnodiging is ingetrokken. Neem contact op met de groep.")
INVITATION_OTHER_ACCOUNT = _(
    "Deze uitnodiging is voor een ander e-mailadres dan waarmee je bent ingelogd. "
    "Log uit en open de link opnieuw."
)
INVITATION_ACCOUNT_EXISTS = _(
    "Er bestaat al een account met dit e-mailadres. Log in om de uitnodiging te accepteren."
)
LAST_COORDINATOR = _("Een groep heeft minstens één coördinator nodig.")


class InvitationError(Exception):
    """An invitation link that cannot be used; `message` says why, in Dutch."""

    def __init__(self, message, *, status: int = 410):
        super().__init__(str(message))
        self.message = message
        self.status = status


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation", args=[token])


@transaction.atomic
def invitation_create(
    *, group: LocalGroup, email: str, role: str, invited_by: User
) -> tuple[Invitation, str]:
    """Invite someone to a group by e-mail. Returns the invitation and the (unstored) token.

    A pending invitation for the same address is replaced, so "send again" is the same action.
    """
    email = normalise_email(email)
    if role not in GroupRole.values:
        raise ValidationError({"role": _("Kies een rol.")})
    if GroupMembership.objects.filter(group=group, user__email=email).exists():
        raise ValidationError({"email": ALREADY_MEMBER})
    now = timezone.now()
    group.invitations.pending().filter(email__iexact=email).update(revoked_at=now)
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        group=group,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    context = {
        "invitation": invitation,
        "url": invitation_url(token),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation_body.txt", context)
    # Sent after commit: no e-mail for an invitation that was rolled back.
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=False))
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def invitation_check(invitation: Invitation | None) -> Invitation:
    """The invitation if it can still be used; otherwise InvitationError with the reason."""
    if invitation is None:
        raise InvitationError(INVITATION_UNKNOWN, status=404)
    if invitation.accepted_at is not None:
        raise InvitationError(INVITATION_USED)
    if invitation.revoked_at is not None:
        raise InvitationError(INVITATION_REVOKED)
    if invitation.is_expired:
        raise InvitationError(INVITATION_EXPIRED)
    return invitation


def _lock_usable_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("group")
        .filter(token_hash=hash_token(token))
        .first()
    )
    return invitation_check(invitation)


def _join(invitation: Invitation, user: User) -> GroupMembership:
    membership, created = GroupMembership.objects.get_or_create(
        user=user, group=invitation.group, defaults={"role": invitation.role}
    )
    if not created and invitation.role == GroupRole.COORDINATOR:
        membership.role = GroupRole.COORDINATOR
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_scope(user)
    return membership


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> GroupMembership:
    """A logged-in user accepts an invitation sent to their own address."""
    invitation = _lock_usable_invitation(token)
    if normalise_email(user.email) != invitation.email.lower():
        raise InvitationError(INVITATION_OTHER_ACCOUNT, status=403)
    return _join(invitation, user)


@transaction.atomic
def invitation_accept_as_new_user(*, token: str, full_name: str, password: str) -> User:
    """Someone without an account accepts: the account and the membership are made together."""
    invitation = _lock_usable_invitation(token)
    if User.objects.filter(email=invitation.email.lower()).exists():
        raise InvitationError(INVITATION_ACCOUNT_EXISTS, status=409)
    user = User(email=invitation.email, full_name=full_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.save()
    _join(invitation, user)
    return user


@transaction.atomic
def membership_remove(*, membership: GroupMembership) -> None:
    _guard_last_coordinator(membership)
    user = membership.user
    membership.delete()
    forget_scope(user)


@transaction.atomic
def membership_set_role(*, membership: GroupMembership, role: str) -> GroupMembership:
    if role not in GroupRole.values:
        raise ValidationError({"role": _("Kies een rol.")})
    if role != GroupRole.COORDINATOR:
        _guard_last_coordinator(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_scope(membership.user)
    return membership


def _guard_last_coordinator(membership: GroupMembership) -> None:
    if membership.role != GroupRole.COORDINATOR:
        return
    others = (
        GroupMembership.objects.select_for_update()
        .filter(group_id=membership.group_id, role=GroupRole.COORDINATOR)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(LAST_COORDINATOR)


@transaction.atomic
def user_update_profile(*, user: User, full_name: str) -> User:
    user.full_name = full_name.strip()
    user.save(update_fields=["full_name"])
    return user


# --- Privacy statement ----------------------------------------------------------------------

PRIVACY_STATEMENT_FIELDS = (
    "controller_name",
    "controller_address",
    "contact_name",
    "contact_email",
    "contact_phone",
    "purposes_extra",
    "legal_basis_extra",
    "retention_extra",
    "more_information_url",
)
PRIVACY_PHONE_INVALID = _(
    "Dit telefoonnummer klopt niet. Gebruik alleen cijfers, spaties, streepjes en +, "
    "bijvoorbeeld 030 123 45 67."
)
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


def clean_privacy_phone(phone: str) -> str:
    """A phone number people can call: digits with the usual separators, 10 to 15 digits."""
    phone = (phone or "").strip()
    digits = sum(c.isdigit() for c in phone)
    if phone and (not _PHONE.match(phone) or not 10 <= digits <= 15):
        raise ValidationError({"contact_phone": PRIVACY_PHONE_INVALID})
    return phone


@transaction.atomic
def privacy_statement_update(
    *, organisation: Organisation, actor: User, **fields
) -> PrivacyStatement:
    """Save the beheerder's fields of the organisation's privacy statement (plain text: the page
    escapes them). Unknown fields are a programming error; bad values raise ValidationError
    with Dutch messages and store nothing."""
    unknown = set(fields) - set(PRIVACY_STATEMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    statement = PrivacyStatement.objects.select_for_update().filter(
        organisation=organisation
    ).first() or PrivacyStatement(organisation=organisation)
    for name, value in fields.items():
        setattr(statement, name, (value or "").strip())
    statement.contact_phone = clean_privacy_phone(statement.contact_phone)
    statement.updated_by = actor
    statement.full_clean(exclude=["organisation", "updated_by"])
    statement.save()
    return statement


@transaction.atomic
def membership_set_region(
    *, membership: OrganisationMembership, provinces, municipalities
) -> OrganisationMembership:
    """A staff member's own region: whole provinces and single municipalities."""
    membership.region_provinces.set(provinces)
    membership.region_municipalities.set(municipalities)
    return membership
