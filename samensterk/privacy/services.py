"""Retention: personal data is kept no longer than needed. Data-subject requests: staff find,
export and erase what the organisation holds about one person (the registry in subjects.py)."""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samensterk.accounts.permissions import scope_for

from . import retention, subjects
from .models import AuditLog, RetentionRun

# Counts every run reports, also when no step produced them.
TOTALS = ("contacts_erased", "network_people_erased", "stories_pseudonymised")


@transaction.atomic
def apply_retention(*, now=None, contact_days: int | None = None) -> dict:
    """Run every app's retention step (privacy.retention): contact details of signals
    RETENTION_CONTACT_DAYS after receipt (unless kept longer for a reason) and of support
    requests that long after they were filed, people in the network who left their role longer
    ago than their period, stories of signals closed RETENTION_STORY_YEARS ago.

    Returns the totals, and per step what it did and what is still due after it (should be 0).
    Idempotent: a second run finds nothing left to do. All or nothing.
    """
    now = now or timezone.now()
    days = settings.RETENTION_CONTACT_DAYS if contact_days is None else contact_days
    cutoff = now - timedelta(days=days)
    totals: Counter[str] = Counter(dict.fromkeys(TOTALS, 0))
    steps: dict[str, dict[str, int]] = {}
    for step in retention.STEPS:
        counts = dict(step.erase(now=now, cutoff=cutoff, days=days))
        totals.update(counts)
        counts["still_due"] = step.due(now=now, cutoff=cutoff, days=days)
        steps[step.name] = counts
    result = {
        **totals,
        "retention_days": days,
        "still_due": sum(counts["still_due"] for counts in steps.values()),
        "steps": steps,
    }
    RetentionRun.objects.create(
        contacts_erased=totals["contacts_erased"],
        network_people_erased=totals["network_people_erased"],
        report=result,
    )
    return result


# --- Data-subject requests (subjects.py) ----------------------------------------------------


@dataclass
class Found:
    """The findings of one finder, for the page."""

    finder: subjects.Finder
    findings: list[subjects.Finding]


def subject_find(*, organisation, query: subjects.SubjectQuery, scope) -> list[Found]:
    """What every registered finder holds about the person within the organisation (a read:
    the callers below write the audit line)."""
    found = []
    for finder in subjects.FINDERS:
        findings = finder.find(organisation, query, scope)
        if findings:
            found.append(Found(finder, findings))
    return found


def _audit(*, user, organisation, action: str, query, detail: str, reference: str = "") -> None:
    AuditLog.objects.create(
        actor=user,
        organisation=organisation,
        action=action,
        object_reference=(reference or f"betrokkene-{query.digest}")[:64],
        detail=detail[:255],
    )


def _counts(found: list[Found]) -> str:
    return ", ".join(f"{f.finder.kind} {len(f.findings)}" for f in found) or "niets"


def subject_search(*, organisation, query: subjects.SubjectQuery, user) -> list[Found]:
    """Search for the person; the search is in the audit log, with a digest of what was
    searched instead of the address or number itself."""
    found = subject_find(organisation=organisation, query=query, scope=scope_for(user))
    _audit(
        user=user,
        organisation=organisation,
        action=AuditLog.Action.SUBJECT_SEARCH,
        query=query,
        detail=f"gezocht op {query.kind_label}: {_counts(found)}",
    )
    return found


def subject_export(
    *, organisation, query: subjects.SubjectQuery, user, file_format: str
) -> list[subjects.Record]:
    """Everything held about the person, for the JSON or PDF export; in the audit log."""
    scope = scope_for(user)
    found = subject_find(organisation=organisation, query=query, scope=scope)
    records = [
        record for f in found for record in f.finder.export(f.findings, scope=scope, query=query)
    ]
    _audit(
        user=user,
        organisation=organisation,
        action=AuditLog.Action.SUBJECT_EXPORT,
        query=query,
        detail=f"{file_format.upper()} op {query.kind_label}: {_counts(found)}",
    )
    return records


REASON_MISSING = _("Schrijf op waarom je dit wist, bijvoorbeeld ‘verzoek van de betrokkene’.")
NOTHING_CHOSEN = _("Kies wat je wilt wissen.")


@transaction.atomic
def subject_erase(
    *, organisation, query: subjects.SubjectQuery, user, keys: set[str] | None, reason: str
) -> list[subjects.Finding]:
    """Erase what is held about the person: the findings named by `keys` (None: all of them),
    each the way its finder erases that kind of thing, all or nothing. Only what the search
    finds now can be erased, so a key made up or out of date erases nothing. One audit line
    per thing erased, with the reason (the searched address or number taken out of it)."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": REASON_MISSING})
    found = subject_find(organisation=organisation, query=query, scope=scope_for(user))
    erased = []
    for f in found:
        chosen = [x for x in f.findings if keys is None or x.key in keys]
        if chosen:
            f.finder.erase(chosen, query=query, actor=user, note=reason)
            erased += chosen
    if keys is not None and not erased:
        raise ValidationError(NOTHING_CHOSEN)
    detail = f"betrokkene-{query.digest}: {query.redact(reason)}"
    AuditLog.objects.bulk_create(
        AuditLog(
            actor=user,
            organisation=organisation,
            action=AuditLog.Action.SUBJECT_ERASE,
            object_reference=finding.reference[:64],
            detail=detail[:255],
        )
        for finding in erased
    )
    return erased
