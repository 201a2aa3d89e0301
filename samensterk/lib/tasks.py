"""Helpers for django-tasks used by several apps: enqueue after the commit, and try a failed
e-mail again later (django-tasks has no retries of its own)."""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 5


def enqueue_on_commit(work, *args, **kwargs) -> None:
    """Enqueue `work` once the current transaction commits (at once outside one): a worker on
    its own connection must find the rows the task is about."""
    transaction.on_commit(partial(work.enqueue, *args, **kwargs))


def again(work, *args, attempt: int, attempts: int = MAIL_ATTEMPTS) -> None:
    """Enqueue a failed e-mail once more, a little later each time, until `attempts`."""
    if attempt >= attempts:
        logger.error("%s%r failed %d times; giving up.", work.name, args, attempt)
        return
    if work.get_backend().supports_defer:  # the tests' immediate backend runs it at once
        work = work.using(run_after=timezone.now() + timedelta(minutes=2**attempt))
    work.enqueue(*args, attempt=attempt + 1)
