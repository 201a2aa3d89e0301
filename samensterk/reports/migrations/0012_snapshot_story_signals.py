"""Snapshots made before stories carried their signal: find each story's signal among the
report's chosen ones, so that a later withdrawal reaches finalised reports too."""

from django.db import migrations


def link_stories(apps, schema_editor):
    SignalReport = apps.get_model("reports", "SignalReport")
    for report in SignalReport.objects.exclude(snapshot={}).iterator():
        stories = (report.snapshot or {}).get("stories") or []
        if not stories or all(story.get("signal") for story in stories):
            continue
        by_text = {
            text: pk for pk, text in report.story_signals.values_list("pk", "story_pseudonymised")
        }
        for story in stories:
            story.setdefault("signal", by_text.get(story.get("text")))
        report.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_signalreportpdf"), ("intake", "0009_signal_handover_both_ways")]

    operations = [migrations.RunPython(link_stories, migrations.RunPython.noop)]
