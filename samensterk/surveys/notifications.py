"""E-mails of a round: the invitation with the personal link, and reminders to those who have
not finished (management command `send_survey_reminders`). A failing mail server loses nothing:
what was not sent is tried again on the next run."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from samensterk.accounts.models import GroupMembership, GroupRole

from .models import Invitation, Round

logger = logging.getLogger(__name__)
REMIND_AFTER_DAYS = 7


def recipients(invitation: Invitation) -> list[str]:
    """A group's coordinators; otherwise the invitee's own address."""
    if invitation.group_id:
        return list(
            GroupMembership.objects.filter(
                group_id=invitation.group_id, role=GroupRole.COORDINATOR, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    return [invitation.email] if invitation.email else []


def _send(invitation: Invitation, template: str) -> bool | None:
    """True when sent, False when it failed, None when there is nobody to send to."""
    to = recipients(invitation)
    if not to:
        return None
    context = {
        "invitation": invitation,
        "questionnaire": invitation.round.questionnaire,
        "round": invitation.round,
        "link": settings.SITE_URL + invitation.get_absolute_url(),
    }
    with translation.override("nl"):
        subject = render_to_string(f"surveys/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"surveys/email/{template}_body.txt", context)
    try:
        send_mail(subject, body, None, to, fail_silently=False)
    except Exception:  # the mail server is down: the next run tries again
        logger.warning(
            "Survey %s for invitation %s not sent.", template, invitation.pk, exc_info=True
        )
        return False
    return True


def send_invitations(survey_round: Round) -> tuple[int, int]:
    sent = failed = 0
    # Not to those who already answered before any mail went out (staff entered a group's
    # answers by phone): the daily run would otherwise "invite" them after the fact.
    unsent = survey_round.invitations.filter(
        sent_at__isnull=True, completed_at__isnull=True
    ).exclude(panel_member__opted_out_at__isnull=False)
    for invitation in unsent.select_related("round", "round__questionnaire"):
        outcome = _send(invitation, "invitation")
        if outcome:
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed


def send_reminders(now=None) -> tuple[int, int]:
    """Invitations of open rounds not finished, sent at least a week ago and not reminded in
    the last week: one reminder with the same link. Unsent invitations are sent now."""
    now = now or timezone.now()
    week_ago = now - timedelta(days=REMIND_AFTER_DAYS)
    sent = failed = 0
    open_rounds = Round.objects.filter(
        closed_at__isnull=True, closes_on__gte=timezone.localdate(now)
    )
    for survey_round in open_rounds:
        more, fewer = send_invitations(survey_round)
        sent, failed = sent + more, failed + fewer
        due = (
            survey_round.invitations.filter(completed_at__isnull=True, sent_at__lte=week_ago)
            .exclude(reminded_at__gt=week_ago)
            .select_related("round", "round__questionnaire")
        )
        for invitation in due:
            outcome = _send(invitation, "reminder")
            if outcome:
                Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now)
                sent += 1
            elif outcome is False:
                failed += 1
    return sent, failed


def send_panel_welcome(member) -> bool:
    """The welcome with the member's own link; False when the mail server failed (the member
    can sign up again to get it)."""
    context = {
        "member": member,
        "link": settings.SITE_URL + reverse("surveys:panel_home", args=[member.token]),
    }
    with translation.override("nl"):
        subject = render_to_string("surveys/email/welcome_subject.txt", context).strip()
        body = render_to_string("surveys/email/welcome_body.txt", context)
    try:
        send_mail(subject, body, None, [member.email], fail_silently=False)
    except Exception:
        logger.warning("Panel welcome for member %s not sent.", member.pk, exc_info=True)
        return False
    return True
