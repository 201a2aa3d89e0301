"""Work the person who sent a request does not wait for, run by the task worker.

`samensterk db_worker` runs these (django-tasks with its database backend; the tests run them at
once). They are enqueued once the transaction that stored the signal commits, so the worker
finds its rows. Arguments are ids, not objects: a task is stored as JSON.

- Pseudonymising new stories: only here is the pseudonymiser (deduce, seconds to load and a
  gigabyte of memory) imported, so web processes and other commands never load it. Until it is
  done nothing leaves the group (Signal.shared_story is empty); the hourly `pseudonymise_pending`
  enqueues the catch-up for any story still waiting.
- A data subject's request for a story not yet pseudonymised (`pseudonymise_replace_story`):
  the story itself becomes its pseudonymised form.
- E-mails to reporters: a failing mail server never breaks what the staff or the reporter did.
  A failed e-mail enqueues itself again, later, up to MAIL_ATTEMPTS times in all (django-tasks
  has no retries of its own); the hourly `send_receipts` catches up with receipts beyond that.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from samensterk.lib.tasks import MAIL_ATTEMPTS, again, enqueue_on_commit  # noqa: F401 (used as tasks.…)

from . import notifications
from .models import Signal, SignalContact

logger = logging.getLogger(__name__)

PSEUDONYMISE_BATCH = 500


# --- Pseudonymisation -------------------------------------------------------------------------


@task()
def pseudonymise_signal(signal_id: int) -> int:
    """Pseudonymise one new story (the public form, staff intake, the API, an addition)."""
    return _pseudonymise(Signal.objects.filter(pk=signal_id))


@task()
def pseudonymise_pending(organisation_id: int | None = None) -> int:
    """Pseudonymise every story still waiting (after an import; the hourly catch-up)."""
    pending = Signal.objects.all()
    if organisation_id is not None:
        pending = pending.filter(organisation_id=organisation_id)
    return _pseudonymise(pending)


@task()
def pseudonymise_replace_story(signal_id: int) -> bool:
    """A data subject's request (services.signal_pseudonymise_story) for a story not yet
    pseudonymised: the story itself becomes its pseudonymised form."""
    from samensterk.privacy.pseudonymise import pseudonymise  # loads deduce: the worker only

    signal = Signal.objects.filter(pk=signal_id).only("pk", "story").first()
    if signal is None or not signal.story:
        return False
    text = pseudonymise(signal.story)
    # Only if the story is still the one pseudonymised (not withdrawn or added to meanwhile).
    return bool(
        Signal.objects.filter(pk=signal_id, story=signal.story).update(
            story=text, story_pseudonymised=text, updated_at=timezone.now()
        )
    )


def _pseudonymise(signals) -> int:
    """Pseudonymise the stories among `signals` still waiting, in batches. Returns how many."""
    from samensterk.privacy.pseudonymise import pseudonymise  # loads deduce: the worker only

    pending = signals.filter(story_pseudonymised="").filter(~Q(story=""))
    done, last = 0, 0
    while True:
        batch = list(
            pending.filter(pk__gt=last).order_by("pk").only("pk", "story")[:PSEUDONYMISE_BATCH]
        )
        if not batch:
            return done
        made: dict[str, str] = {}  # a story told twice in a batch (an import's repeats): once
        for signal in batch:
            if signal.story not in made:
                made[signal.story] = pseudonymise(signal.story)
        done += _store_pseudonymised([(s.pk, s.story, made[s.story]) for s in batch])
        last = batch[-1].pk


def _store_pseudonymised(texts: list[tuple[int, str, str]]) -> int:
    """Store (pk, story, pseudonymised story) in one transaction. Returns how many."""
    now = timezone.now()
    done = 0
    with transaction.atomic():
        for pk, story, text in texts:
            # Only if the story is still the same and still waiting: a story withdrawn or added
            # to while it was pseudonymised must not get the old text back.
            done += Signal.objects.filter(pk=pk, story=story, story_pseudonymised="").update(
                story_pseudonymised=text, updated_at=now
            )
    return done


# --- E-mails ----------------------------------------------------------------------------------


@task()
def mail_receipt(contact_id: int, attempt: int = 1) -> bool:
    """The receipt with the tracking code, after the public form."""
    contact = SignalContact.objects.select_related("signal__group").filter(pk=contact_id).first()
    if contact is None:  # erased meanwhile (withdrawn, retention)
        return False
    if notifications.send_receipt(contact):
        return True
    if contact.receipt_sent_at is None and contact.email:
        again(mail_receipt, contact_id, attempt=attempt)
    return False


@task()
def mail_status(signal_id: int, status: str, attempt: int = 1) -> bool:
    """Tell the reporter that their signal has a new status (notifications.STATUS_MAILED)."""
    signal = Signal.objects.select_related("organisation", "group").filter(pk=signal_id).first()
    # Changed again meanwhile: that change mails itself, if it is worth a mail.
    address = notifications.status_address(signal) if signal and signal.status == status else ""
    if not address:
        return False
    try:
        notifications.send_status(signal, address)
    except Exception:  # any mail failure: the status change stands, the e-mail comes later
        logger.warning("Status e-mail for %s not sent.", signal.reference, exc_info=True)
        again(mail_status, signal_id, status, attempt=attempt)
        return False
    return True
