"""Triggers that keep reports_patternrollup exact on every change to intake_signal.

Each signal counts in its own row (organisation, group, municipality, theme, day, shared) and,
when the national office may see it, also in the organisation's national row (group -1,
municipality 0), so that the national patterns read one row per theme and day.

The pattern theme is the rule of insight.patterns.pattern_theme(): the confirmed theme, else the
suggestion when its confidence is at least CONFIDENT (0.45, insight.classifier). Should that
threshold change, these triggers are made again in a new migration; the tests compare the
rollup with the direct count through pattern_theme().
"""

from django.db import migrations

CONFIDENT = "0.45"
WITHDRAWN = "'ingetrokken'"
KEY = [
    "organisation_id",
    "group_id",
    "municipality_id",
    "theme_id",
    "theme_suggestions",
    "received_at",
    "shared_with_national",
]
COLUMNS = "organisation_id, group_id, municipality_id, theme_code, day, shared, n"
CONFLICT = "(organisation_id, group_id, municipality_id, theme_code, day, shared)"


def _sqlite_theme(row):
    return (
        f"CASE WHEN {row}.theme_id IS NOT NULL "
        f"THEN (SELECT code FROM themes_theme WHERE id = {row}.theme_id) "
        f"WHEN json_extract({row}.theme_suggestions, '$[0].confidence') >= {CONFIDENT} "
        f"THEN json_extract({row}.theme_suggestions, '$[0].code') ELSE '' END"
    )


def _shared(row):
    return f"({row}.group_id IS NULL OR {row}.shared_with_national)"


def _key(row, national):
    """(group, municipality, shared) of a row: its own, or the organisation's national row
    (group -1, no municipality) that the national office's patterns read."""
    if national:
        return "-1", "0", "TRUE"
    return f"COALESCE({row}.group_id, 0)", f"COALESCE({row}.municipality_id, 0)", _shared(row)


def _values(row, theme, day, national=False):
    group, municipality, shared = _key(row, national)
    return f"{row}.organisation_id, {group}, {municipality}, {theme}, {day}, {shared}"


def _where(row, theme, day, national=False):
    group, municipality, shared = _key(row, national)
    return (
        f"organisation_id = {row}.organisation_id AND group_id = {group} "
        f"AND municipality_id = {municipality} AND theme_code = {theme} "
        f"AND day = {day} AND shared = {shared}"
    )


def _sqlite_add(row):
    theme, day = _sqlite_theme(row), f"date({row}.received_at)"
    counts = f"WHERE {row}.status <> {WITHDRAWN} AND {theme} <> ''"
    return "".join(
        f"INSERT INTO reports_patternrollup ({COLUMNS}) "
        f"SELECT {_values(row, theme, day, national)}, 1 "
        f"{counts}{f' AND {_shared(row)}' if national else ''} "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = n + 1;"
        for national in (False, True)
    )


def _sqlite_remove(row):
    theme, day = _sqlite_theme(row), f"date({row}.received_at)"
    return "".join(
        f"UPDATE reports_patternrollup SET n = n - 1 WHERE {row}.status <> {WITHDRAWN} "
        f"AND {_where(row, theme, day, national)}{f' AND {_shared(row)}' if national else ''};"
        for national in (False, True)
    )


def _changed(distinct):
    parts = [f"OLD.{c} {distinct} NEW.{c}" for c in KEY]
    parts.append(f"(OLD.status = {WITHDRAWN}) {distinct} (NEW.status = {WITHDRAWN})")
    return " OR ".join(parts)


SQLITE = [
    "CREATE TRIGGER reports_pattern_insert AFTER INSERT ON intake_signal "
    f"BEGIN {_sqlite_add('NEW')} END;",
    "CREATE TRIGGER reports_pattern_delete AFTER DELETE ON intake_signal "
    f"BEGIN {_sqlite_remove('OLD')} END;",
    "CREATE TRIGGER reports_pattern_update AFTER UPDATE ON intake_signal "
    f"WHEN {_changed('IS NOT')} BEGIN {_sqlite_remove('OLD')} {_sqlite_add('NEW')} END;",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS reports_pattern_{kind};" for kind in ("insert", "delete", "update")
]

# PostgreSQL: statement-level triggers with transition tables (see migration 0002).
def _pg_delta(sources) -> str:
    own = " UNION ALL ".join(
        "SELECT r.organisation_id, COALESCE(r.group_id, 0) AS g, "
        "COALESCE(r.municipality_id, 0) AS m, "
        "CASE WHEN r.theme_id IS NOT NULL THEN t.code "
        f"WHEN (r.theme_suggestions -> 0 ->> 'confidence')::float >= {CONFIDENT} "
        "THEN r.theme_suggestions -> 0 ->> 'code' ELSE '' END AS code, "
        "(r.received_at AT TIME ZONE 'UTC')::date AS day, "
        "(r.group_id IS NULL OR r.shared_with_national) AS shared, "
        f"{sign} AS d FROM {table} r LEFT JOIN themes_theme t ON t.id = r.theme_id "
        f"WHERE r.status <> {WITHDRAWN}"
        for table, sign in sources
    )
    return (
        f"WITH own AS ({own}), "
        "counted AS (SELECT organisation_id, g, m, code, day, shared, d FROM own "
        "UNION ALL SELECT organisation_id, -1, 0, code, day, TRUE, d FROM own WHERE shared) "
        f"INSERT INTO reports_patternrollup ({COLUMNS}) "
        "SELECT organisation_id, g, m, code, day, shared, SUM(d) FROM counted "
        "WHERE code <> '' GROUP BY organisation_id, g, m, code, day, shared "
        "HAVING SUM(d) <> 0 "
        f"ON CONFLICT {CONFLICT} DO UPDATE SET n = reports_patternrollup.n + EXCLUDED.n;"
    )


POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION reports_pattern_rollup() RETURNS trigger AS $$
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
    "CREATE TRIGGER reports_pattern_insert AFTER INSERT ON intake_signal "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_pattern_rollup();",
    "CREATE TRIGGER reports_pattern_update AFTER UPDATE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION reports_pattern_rollup();",
    "CREATE TRIGGER reports_pattern_delete AFTER DELETE ON intake_signal "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reports_pattern_rollup();",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS reports_pattern_insert ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_pattern_update ON intake_signal;",
    "DROP TRIGGER IF EXISTS reports_pattern_delete ON intake_signal;",
    "DROP FUNCTION IF EXISTS reports_pattern_rollup();",
]


def create_triggers(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)
    from samensterk.reports.rollup import rebuild_patterns

    rebuild_patterns(
        using=schema_editor.connection.alias,
        signal_model=apps.get_model("intake", "Signal"),
        rollup_model=apps.get_model("reports", "PatternRollup"),
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in POSTGRESQL_DROP if vendor == "postgresql" else SQLITE_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_pattern_rollup"),
        ("themes", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
