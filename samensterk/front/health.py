"""The health endpoint for monitoring (`/health/`): is the database reachable, are all
migrations applied, and did the retention job run in the last two days. JSON, no personal data,
no login (a monitor cannot log in); 200 when healthy, 503 otherwise."""

from __future__ import annotations

from datetime import timedelta

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

RETENTION_MAX_AGE = timedelta(hours=48)


def check() -> dict:
    result: dict = {"database": "ok", "migrations": "ok", "retention": "ok"}
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database error means: not reachable
        result.update(database="unreachable", migrations="unknown", retention="unknown")
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
    # Retention running late is a warning for the operator, not a reason to take the site out.
    result["healthy"] = result["migrations"] == "ok"
    return result


@never_cache
@require_GET
def health(request):
    result = check()
    return JsonResponse(result, status=200 if result["healthy"] else 503)
