"""Drop the rollup tables and the triggers that kept them (migrations 0002, 0005 and 0009 of an
existing database): the figures are counted from the signals, so the month rule and the pattern
threshold exist once, in Python (reports.figures, intake.patterns)."""

from django.db import migrations

TRIGGERS = [
    f"reports_{name}_{kind}"
    for name in ("rollup", "pattern", "status")
    for kind in ("insert", "update", "delete")
]
FUNCTIONS = ["reports_signal_rollup", "reports_pattern_rollup", "reports_status_rollup"]


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        statements = [f"DROP TRIGGER IF EXISTS {t} ON intake_signal;" for t in TRIGGERS]
        statements += [f"DROP FUNCTION IF EXISTS {f}();" for f in FUNCTIONS]
    else:
        statements = [f"DROP TRIGGER IF EXISTS {t};" for t in TRIGGERS]
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_status_triggers")]

    operations = [
        # Going back recreates the tables empty, without triggers: nothing reads them.
        migrations.RunPython(drop_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(name="PatternRollup"),
        migrations.DeleteModel(name="SignalRollup"),
        migrations.DeleteModel(name="StatusRollup"),
    ]
