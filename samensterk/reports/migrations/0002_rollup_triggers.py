"""Triggers that keep reports_signalrollup exact on every change to intake_signal, and the first
count. The month is the calendar month in Europe/Amsterdam (the installation's time zone)."""

from django.db import migrations

KEY = ["organisation_id", "group_id", "municipality_id", "theme_id", "received_at", "status"]
WITHDRAWN = "'ingetrokken'"


def _sqlite_month(row: str) -> str:
    # Amsterdam is UTC+2 in summer time (the month boundaries of April to October) and UTC+1
    # otherwise; only the first two hours of a month depend on it.
    return (
        f"CASE WHEN strftime('%m', {row}.received_at, '+2 hours') BETWEEN '04' AND '10' "
        f"THEN strftime('%Y-%m-01', {row}.received_at, '+2 hours') "
        f"ELSE strftime('%Y-%m-01', {row}.received_at, '+1 hours') END"
    )


def _values(row: str, month: str) -> str:
    return (
        f"{row}.organisation_id, COALESCE({row}.group_id, 0), COALESCE({row}.municipality_id, 0), "
        f"COALESCE({row}.theme_id, 0), {month}"
    )


def _where(row: str, month: str) -> str:
    return (
        f"organisation_id = {row}.organisation_id AND group_id = COALESCE({row}.group_id, 0) "
        f"AND municipality_id = COALESCE({row}.municipality_id, 0) "
        f"AND theme_id = COALESCE({row}.theme_id, 0) AND month = {month}"
    )


COLUMNS = "organisation_id, group_id, municipality_id, theme_id, month, n"
CONFLICT = "(organisation_id, group_id, municipality_id, theme_id, month)"


def _sqlite_add(row: str) -> str:
    return (
        f"INSERT INTO reports_signalrollup ({COLUMNS}) "
        f"SELECT {_values(row, _sqlite_month(row))}, 1 WHERE {row}.status <> {WITHDRAWN} "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = n + 1;"
    )


def _sqlite_remove(row: str) -> str:
    return (
        f"UPDATE reports_signalrollup SET n = n - 1 "
        f"WHERE {row}.status <> {WITHDRAWN} AND {_where(row, _sqlite_month(row))};"
    )


def _changed(distinct: str) -> str:
    parts = [f"OLD.{c} {distinct} NEW.{c}" for c in KEY if c != "status"]
    parts.append(f"(OLD.status = {WITHDRAWN}) {distinct} (NEW.status = {WITHDRAWN})")
    return " OR ".join(parts)


SQLITE = [
    "CREATE TRIGGER reports_rollup_insert AFTER INSERT ON intake_signal "
    f"BEGIN {_sqlite_add('NEW')} END;",
    "CREATE TRIGGER reports_rollup_delete AFTER DELETE ON intake_signal "
    f"BEGIN {_sqlite_remove('OLD')} END;",
    "CREATE TRIGGER reports_rollup_update AFTER UPDATE ON intake_signal "
    f"WHEN {_changed('IS NOT')} BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS reports_rollup_insert;",
    "DROP TRIGGER IF EXISTS reports_rollup_delete;",
    "DROP TRIGGER IF EXISTS reports_rollup_update;",
]

# PostgreSQL: statement-level triggers with transition tables, so that a bulk insert (COPY, an
# import in one transaction) changes each rollup row once per statement instead of once per
# signal (many updates of one row in one transaction pile up row versions there).
PG_MONTH = "date_trunc('month', r.received_at AT TIME ZONE 'Europe/Amsterdam')::date"


def _pg_delta(sources) -> str:
    """Add, per rollup row, the signals of `sources` ((transition table, +1 or -1), ...)."""
    parts = " UNION ALL ".join(
        f"SELECT r.organisation_id, COALESCE(r.group_id, 0) AS g, "
        f"COALESCE(r.municipality_id, 0) AS m, COALESCE(r.theme_id, 0) AS t, "
        f"{PG_MONTH} AS month, {sign} AS d FROM {table} r WHERE r.status <> {WITHDRAWN}"
        for table, sign in sources
    )
    return (
        f"INSERT INTO reports_signalrollup ({COLUMNS}) "
        f"SELECT organisation_id, g, m, t, month, SUM(d) FROM ({parts}) x "
        f"GROUP BY organisation_id, g, m, t, month HAVING SUM(d) <> 0 "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = reports_signalrollup.n + EXCLUDED.n;"
    )


POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION reports_signal_rollup() RETURNS trigger AS $$
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
    "CREATE TRIGGER reports_rollup_insert AFTER INSERT ON intake_signal "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_signal_rollup();",
    "CREATE TRIGGER reports_rollup_update AFTER UPDATE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION reports_signal_rollup();",
    "CREATE TRIGGER reports_rollup_delete AFTER DELETE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_signal_rollup();",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS reports_rollup_insert ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_rollup_update ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_rollup_delete ON intake_signal;",
    "DROP FUNCTION IF EXISTS reports_signal_rollup();",
]


def create_triggers(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)
    from samensterk.reports.rollup import rebuild

    rebuild(
        using=schema_editor.connection.alias,
        signal_model=apps.get_model("intake", "Signal"),
        rollup_model=apps.get_model("reports", "SignalRollup"),
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL_DROP if vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("intake", "0004_similar_index"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
