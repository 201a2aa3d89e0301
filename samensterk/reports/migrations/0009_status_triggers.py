"""Triggers that keep reports_statusrollup (signals per group and status) exact on every change
to intake_signal; the same shape as migration 0002."""

from django.db import migrations

COLUMNS = "organisation_id, group_id, status, n"
CONFLICT = "(organisation_id, group_id, status)"
KEY = ["organisation_id", "group_id", "status"]


def _sqlite_add(row):
    return (
        f"INSERT INTO reports_statusrollup ({COLUMNS}) "
        f"VALUES ({row}.organisation_id, COALESCE({row}.group_id, 0), {row}.status, 1) "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = n + 1;"
    )


def _sqlite_remove(row):
    return (
        "UPDATE reports_statusrollup SET n = n - 1 "
        f"WHERE organisation_id = {row}.organisation_id "
        f"AND group_id = COALESCE({row}.group_id, 0) AND status = {row}.status;"
    )


CHANGED = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in KEY)

SQLITE = [
    "CREATE TRIGGER reports_status_insert AFTER INSERT ON intake_signal "
    f"BEGIN {_sqlite_add('NEW')} END;",
    "CREATE TRIGGER reports_status_delete AFTER DELETE ON intake_signal "
    f"BEGIN {_sqlite_remove('OLD')} END;",
    "CREATE TRIGGER reports_status_update AFTER UPDATE ON intake_signal "
    f"WHEN {CHANGED} BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END;",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS reports_status_{kind};" for kind in ("insert", "delete", "update")
]


def _pg_delta(sources) -> str:
    parts = " UNION ALL ".join(
        f"SELECT r.organisation_id, COALESCE(r.group_id, 0) AS g, r.status, {sign} AS d "
        f"FROM {table} r"
        for table, sign in sources
    )
    return (
        f"INSERT INTO reports_statusrollup ({COLUMNS}) "
        f"SELECT organisation_id, g, status, SUM(d) FROM ({parts}) x "
        "GROUP BY organisation_id, g, status HAVING SUM(d) <> 0 "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = reports_statusrollup.n + EXCLUDED.n;"
    )


POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION reports_status_rollup() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_pg_delta([("new_rows", 1)])}
  ELSIF TG_OP = 'DELETE' THEN
    {_pg_delta([("old_rows", -1)])}
  ELSE
    {_pg_delta([("old_rows", -1), ("new_rows", 1)])}
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""",
    "CREATE TRIGGER reports_status_insert AFTER INSERT ON intake_signal "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_status_rollup();",
    "CREATE TRIGGER reports_status_update AFTER UPDATE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION reports_status_rollup();",
    "CREATE TRIGGER reports_status_delete AFTER DELETE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_status_rollup();",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS reports_status_insert ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_status_update ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_status_delete ON intake_signal;",
    "DROP FUNCTION IF EXISTS reports_status_rollup();",
]


def create_triggers(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)
    from samensterk.reports.rollup import rebuild_statuses

    rebuild_statuses(
        using=schema_editor.connection.alias,
        signal_model=apps.get_model("intake", "Signal"),
        rollup_model=apps.get_model("reports", "StatusRollup"),
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL_DROP if vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_status_rollup")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
