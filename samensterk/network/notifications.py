"""The weekly network digest: whom to contact again, and what was agreed for the coming week."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from samensterk.accounts.models import User

from .selectors import reminders_for

logger = logging.getLogger(__name__)


def digest_recipients():
    return (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(Q(group_memberships__isnull=False) | Q(organisation_memberships__isnull=False))
        .distinct()
        .order_by("pk")
    )


def send_digest(today=None) -> tuple[int, int]:
    """(e-mails sent, e-mails that failed). Nobody gets an empty digest."""
    today = today or timezone.localdate()
    sent = failed = 0
    for user in digest_recipients():
        due, soon = reminders_for(user, today)
        if not (due or soon):
            continue
        context = {"user": user, "due": due, "soon": soon, "site_url": settings.SITE_URL}
        with translation.override("nl"):
            subject = render_to_string("network/email/digest_subject.txt", context).strip()
            body = render_to_string("network/email/digest_body.txt", context)
        try:
            send_mail(subject, body, None, [user.email], fail_silently=False)
        except Exception:  # the mail server is down: next week's digest has it again
            logger.warning("Network digest to user %s not sent.", user.pk, exc_info=True)
            failed += 1
            continue
        sent += 1
    return sent, failed
