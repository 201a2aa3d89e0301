"""The e-mails themselves: one notification, or a person's daily overview. Plain text."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Delivery, Notification
from .services import language_for

logger = logging.getLogger(__name__)


def _context() -> dict:
    return {"site_url": settings.SITE_URL, "page_url": settings.SITE_URL + reverse("notify:page")}


def send_one(notification: Notification) -> None:
    """E-mail one notification; raises when the mail server fails (the task tries again)."""
    user = notification.user
    address = user.email if user else notification.address
    context = {**_context(), "notification": notification, "has_account": user is not None}
    with translation.override(language_for(user)):
        body = render_to_string("notify/email/notification_body.txt", context)
    send_mail(notification.subject, body, None, [address], fail_silently=False)
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())


def digest_pending():
    """What waits for the daily overview, of people who can still be mailed."""
    return (
        Notification.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )


def send_digests() -> tuple[int, int]:
    """One e-mail per person with everything for the overview not sent yet. (e-mails sent,
    e-mails that failed): a failed one stays unsent, so the next run has it again."""
    by_user = defaultdict(list)
    for notification in digest_pending():
        by_user[notification.user].append(notification)
    sent = failed = 0
    for user, notifications in by_user.items():
        context = {**_context(), "user": user, "notifications": notifications}
        with translation.override(language_for(user)):
            subject = render_to_string("notify/email/digest_subject.txt", context).strip()
            body = render_to_string("notify/email/digest_body.txt", context)
        try:
            send_mail(subject, body, None, [user.email], fail_silently=False)
        except Exception:  # the mail server is down: tomorrow's overview has it again
            logger.warning("Notification digest to user %s not sent.", user.pk, exc_info=True)
            failed += 1
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            sent_at=timezone.now()
        )
        sent += 1
    return sent, failed


def catch_up(older_than_minutes: int = 60, days: int = 7) -> int:
    """Enqueue direct notifications of the last days still unsent after the worker's attempts
    (mail server down for long, a lost task). Returns how many."""
    from .tasks import mail_notification

    now = timezone.now()
    pending = Notification.objects.filter(
        delivery=Delivery.DIRECT,
        sent_at__isnull=True,
        created_at__lt=now - timedelta(minutes=older_than_minutes),
        created_at__gte=now - timedelta(days=days),
    ).filter(Q(user__isnull=True) | Q(user__is_active=True))
    count = 0
    for pk in pending.values_list("pk", flat=True):
        mail_notification.enqueue(pk)
        count += 1
    return count
