"""The e-mail of one notification, run by the task worker (django-tasks, as intake/tasks.py).

A failing mail server never breaks the assignment that caused the e-mail: it enqueues itself
again, later, up to MAIL_ATTEMPTS times in all (django-tasks has no retries of its own); the
daily `send_digests` catches up with what is still unsent after that.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Notification

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 5


def enqueue_on_commit(work, *args, **kwargs) -> None:
    """Enqueue once the current transaction commits: the worker must find the row."""
    transaction.on_commit(partial(work.enqueue, *args, **kwargs))


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
        _again(mail_notification, notification_id, attempt=attempt)
        return False
    return True


def _again(work, *args, attempt: int) -> None:
    """Enqueue a failed e-mail once more, a little later each time, until MAIL_ATTEMPTS."""
    if attempt >= MAIL_ATTEMPTS:
        logger.error("%s%r failed %d times; giving up.", work.name, args, attempt)
        return
    if work.get_backend().supports_defer:  # the tests' immediate backend runs it at once
        work = work.using(run_after=timezone.now() + timedelta(minutes=2**attempt))
    work.enqueue(*args, attempt=attempt + 1)
