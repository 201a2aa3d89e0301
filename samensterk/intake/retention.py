"""The signals' retention steps (privacy.retention).

- Contact details are erased RETENTION_CONTACT_DAYS after the signal was received, whatever its
  status: a signal left open must not keep them for ever. Staff may keep them longer, up to
  EXTEND_MAX_DAYS ahead, for a stated reason (SignalContact.retain_until; services).
- Stories of closed signals are replaced by their pseudonymised text RETENTION_STORY_YEARS after
  closing.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from samensterk.privacy.models import AuditLog

from .models import Signal, SignalContact, SignalEvent

# How far ahead staff may keep contact details past their term.
EXTEND_MAX_DAYS = 2 * 365
STORY_BATCH = 500


# --- Contact details ------------------------------------------------------------------------


def contact_term_end(received_at: datetime, days: int | None = None) -> date:
    """The day the usual term of contact details of a signal received then runs out."""
    days = settings.RETENTION_CONTACT_DAYS if days is None else days
    return timezone.localdate(received_at + timedelta(days=days))


def contact_erase_on(received_at: datetime, retain_until: date | None) -> date:
    """The day from which the daily run erases the contact details: the end of the term, or the
    day after the date staff chose to keep them until, whichever is later."""
    end = contact_term_end(received_at)
    if retain_until is not None:
        end = max(end, retain_until + timedelta(days=1))
    return end


def overdue_contacts(*, now: datetime, cutoff: datetime) -> QuerySet[SignalContact]:
    """Contact details of signals received before the cutoff, not (or no longer) kept longer."""
    today = timezone.localdate(now)
    return SignalContact.objects.filter(signal__received_at__lte=cutoff).filter(
        Q(retain_until__isnull=True) | Q(retain_until__lt=today)
    )


def overdue_contacts_indexed(*, now: datetime, cutoff: datetime) -> QuerySet[SignalContact]:
    """The same, found through the small index signal_contact_received (for /health/, which
    must stay cheap): contact details exist only on signals with consent_contact, which is set
    when they are stored and cleared when they are erased. The run itself does not rely on it."""
    return overdue_contacts(now=now, cutoff=cutoff).filter(signal__consent_contact=True)


def erase_old_contacts(*, now, cutoff, days: int) -> dict[str, int]:
    """Contact details past their term: erased, with an event on the signal and a line in the
    audit log; the signal no longer counts as consenting to contact."""
    rows = list(
        overdue_contacts(now=now, cutoff=cutoff).values_list(
            "pk", "signal_id", "signal__reference", "signal__organisation_id", "retain_until"
        )
    )
    SignalEvent.objects.bulk_create(
        SignalEvent(
            signal_id=signal_id,
            kind=SignalEvent.Kind.CONTACT_ERASED,
            note=(
                f"verlengde bewaartermijn tot {retain_until:%d-%m-%Y} verstreken"
                if retain_until
                else f"bewaartermijn van {days} dagen na ontvangst verstreken"
            ),
        )
        for _pk, signal_id, _reference, _organisation_id, retain_until in rows
    )
    AuditLog.objects.bulk_create(
        AuditLog(
            organisation_id=organisation_id,
            action=AuditLog.Action.ERASE_CONTACT,
            object_reference=reference,
            detail="bewaartermijn",
        )
        for _pk, _signal_id, reference, organisation_id, _retain_until in rows
    )
    SignalContact.objects.filter(pk__in=[row[0] for row in rows]).delete()
    Signal.objects.filter(pk__in=[row[1] for row in rows]).update(consent_contact=False)
    kept = SignalContact.objects.filter(
        signal__received_at__lte=cutoff, retain_until__gte=timezone.localdate(now)
    ).count()
    return {"contacts_erased": len(rows), "contacts_kept_longer": kept}


def old_contacts_due(*, now, cutoff, days: int) -> int:
    return overdue_contacts(now=now, cutoff=cutoff).count()


# --- Stories --------------------------------------------------------------------------------


def story_cutoff(now: datetime) -> datetime:
    """RETENTION_STORY_YEARS before now (29 February: the 28th)."""
    year = now.year - settings.RETENTION_STORY_YEARS
    try:
        return now.replace(year=year)
    except ValueError:
        return now.replace(year=year, day=28)


def _old_stories(now: datetime) -> QuerySet[Signal]:
    return Signal.objects.filter(
        closed_at__lte=story_cutoff(now), story_replaced_at__isnull=True
    ).exclude(story="")


def pseudonymise_old_stories(*, now, **_contact_term) -> dict[str, int]:
    """Stories of signals closed RETENTION_STORY_YEARS ago: replaced by their pseudonymised
    text (pseudonymised here when the worker has not done it yet), with an event on the signal.
    Its own period applies, not the contact term."""
    old = _old_stories(now)
    waiting = list(old.filter(story_pseudonymised="").only("pk", "story"))
    if waiting:
        # Loads deduce (seconds, a gigabyte): only when a story still waits for the worker.
        from samensterk.privacy.pseudonymise import pseudonymise

        for signal in waiting:
            signal.story_pseudonymised = pseudonymise(signal.story)
        Signal.objects.bulk_update(waiting, ["story_pseudonymised"], batch_size=STORY_BATCH)
    ids = list(old.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), STORY_BATCH):
        chunk = ids[start : start + STORY_BATCH]
        # In the database, without fetching the texts; updated_at: the similar-signals index
        # rereads what changed.
        Signal.objects.filter(pk__in=chunk).update(
            story=F("story_pseudonymised"), story_replaced_at=now, updated_at=now
        )
        SignalEvent.objects.bulk_create(
            SignalEvent(
                signal_id=pk, kind=SignalEvent.Kind.STORY_PSEUDONYMISED, note="bewaartermijn"
            )
            for pk in chunk
        )
    return {"stories_pseudonymised": len(ids)}


def old_stories_due(*, now, **_contact_term) -> int:
    return _old_stories(now).count()
