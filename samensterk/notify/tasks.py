"""The e-mail of one notification, run by the task worker (django-tasks, as intake/tasks.py).

A failing mail server never breaks the assignment that caused the e-mail: it enqueues itself
again, later, up to MAIL_ATTEMPTS times in all (django-tasks has no retries of its own); the
daily `send_digests` catches up with what is still unsent after that.
"""

import logging

from django_tasks import task

from samensterk.lib.tasks import MAIL_ATTEMPTS, again, enqueue_on_commit  # noqa: F401 (used as tasks.…)

from .models import Notification

logger = logging.getLogger(__name__)


@task()
def mail_notification(notification_id: int, attempt: int = 1) -> bool:
    from .mail import send_one

    notification = (
        Notification.objects.select_related("user")
        .filter(pk=notification_id, sent_at__isnull=True)
        .first()
    )
    if notification is None:  # sent meanwhile, or its person was deleted
        return False
    if notification.user is not None and not (
        notification.user.is_active and notification.user.email
    ):
        return False
    try:
        send_one(notification)
    except Exception:  # any mail failure: the e-mail comes later
        logger.warning("Notification %s not sent.", notification_id, exc_info=True)
        again(mail_notification, notification_id, attempt=attempt)
        return False
    return True
