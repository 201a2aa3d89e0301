"""Reminders for dossier actions that are due: one e-mail per owner with their actions."""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import OPEN_DOSSIER_STATUSES, DossierAction

logger = logging.getLogger(__name__)


def actions_to_remind(today=None):
    """Actions not done whose date has come, in open dossiers, not yet reminded for that date."""
    today = today or timezone.localdate()
    return (
        DossierAction.objects.filter(
            done=False,
            date__lte=today,
            reminded_on__isnull=True,
            owner__isnull=False,
            owner__is_active=True,
            dossier__status__in=OPEN_DOSSIER_STATUSES,
        )
        .exclude(owner__email="")
        .select_related("dossier", "owner")
        .order_by("owner_id", "date")
    )


def send_reminders(today=None) -> tuple[int, int]:
    """Send the reminders; (e-mails sent, e-mails that failed). A failed one is tried again
    on the next run, because its actions stay unmarked."""
    today = today or timezone.localdate()
    by_owner = defaultdict(list)
    for action in actions_to_remind(today):
        by_owner[action.owner].append(action)
    sent = failed = 0
    for owner, actions in by_owner.items():
        context = {"owner": owner, "actions": actions, "site_url": settings.SITE_URL}
        with translation.override("nl"):
            subject = render_to_string("dossiers/email/reminder_subject.txt", context).strip()
            body = render_to_string("dossiers/email/reminder_body.txt", context)
        try:
            send_mail(subject, body, None, [owner.email], fail_silently=False)
        except Exception:  # the mail server is down: try again next run
            logger.warning("Reminder to user %s not sent.", owner.pk, exc_info=True)
            failed += 1
            continue
        DossierAction.objects.filter(pk__in=[a.pk for a in actions]).update(reminded_on=today)
        sent += 1
    return sent, failed
