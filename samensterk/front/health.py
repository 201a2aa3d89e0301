"""The health endpoint for monitoring (`/health/`): is the database reachable, are all
migrations applied, did the retention job run in the last two days and keep up (how many
signals' contact details are past their term), and how long has the oldest task been waiting
for the worker. JSON, no personal data, no login (a monitor cannot log in); 200 when healthy,
503 otherwise."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

RETENTION_MAX_AGE = timedelta(hours=48)
# A task waiting longer than this means the worker is not running (or cannot keep up).
TASK_MAX_WAIT = timedelta(minutes=15)


def oldest_waiting_task_seconds() -> float | None:
    """Seconds the oldest task that may run now has waited; None when none waits (or when the
    tasks do not go through the database)."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    if oldest is None:
        return None
    now = timezone.now()
    # A task without a time to run after carries the largest date; one planned waits from then.
    since = (
        oldest.enqueued_at if oldest.run_after > now else max(oldest.enqueued_at, oldest.run_after)
    )
    return round((now - since).total_seconds(), 1)


def overdue_contacts() -> tuple[int, bool]:
    """How many signals' contact details are past their term (RETENTION_CONTACT_DAYS after
    receipt, not kept longer), and whether some were so already RETENTION_MAX_AGE ago. Between
    two daily runs some fall due all the time; due that long means the run stopped or fails.
    At most two counts, each read from a small partial index."""
    from samensterk.intake.retention import overdue_contacts_indexed as overdue

    now = timezone.now()
    cutoff = now - timedelta(days=settings.RETENTION_CONTACT_DAYS)
    count = overdue(now=now, cutoff=cutoff).count()
    earlier = now - RETENTION_MAX_AGE
    late = bool(count) and overdue(now=earlier, cutoff=earlier - (now - cutoff)).exists()
    return count, late


def check() -> dict:
    result: dict = {"database": "ok", "migrations": "ok", "retention": "ok", "tasks": "ok"}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database error means: not reachable
        result.update(
            database="unreachable", migrations="unknown", retention="unknown", tasks="unknown"
        )
        result["healthy"] = False
        return result
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        result["migrations"] = f"{len(pending)} pending"
    from samensterk.privacy.models import RetentionRun

    last = RetentionRun.objects.order_by("-at").values_list("at", flat=True).first()
    result["last_retention_run"] = last.isoformat() if last else None
    if last is None or timezone.now() - last > RETENTION_MAX_AGE:
        result["retention"] = "late"
    result["overdue_contacts"] = None
    if not pending:
        # Only with every migration applied: the columns these counts read may be new.
        result["overdue_contacts"], left_late = overdue_contacts()
        if left_late:
            result["retention"] = "late"
        waited = oldest_waiting_task_seconds()
        result["oldest_waiting_task_seconds"] = waited
        if waited is not None and waited > TASK_MAX_WAIT.total_seconds():
            result["tasks"] = "late"
    # Retention or tasks running late: a warning for the operator, no reason to stop the site.
    result["healthy"] = result["migrations"] == "ok"
    return result


@never_cache
@require_GET
def health(request):
    result = check()
    return JsonResponse(result, status=200 if result["healthy"] else 503)
