"""Chosen stories get a through model (ReportStory) that holds the coordinator's edit of each
story's text for the report. The existing choices move over unedited."""

import django.db.models.deletion
from django.db import migrations, models


def copy_choices(apps, schema_editor):
    SignalReport = apps.get_model("reports", "SignalReport")
    ReportStory = apps.get_model("reports", "ReportStory")
    Chosen = SignalReport.story_signals.through
    ReportStory.objects.bulk_create(
        ReportStory(report_id=report_id, signal_id=signal_id)
        for report_id, signal_id in Chosen.objects.values_list("signalreport_id", "signal_id")
    )


def copy_back(apps, schema_editor):
    SignalReport = apps.get_model("reports", "SignalReport")
    ReportStory = apps.get_model("reports", "ReportStory")
    Chosen = SignalReport.story_signals.through
    Chosen.objects.bulk_create(
        Chosen(signalreport_id=report_id, signal_id=signal_id)
        for report_id, signal_id in ReportStory.objects.values_list("report_id", "signal_id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0010_signalevent_note_and_hand_back"),
        ("reports", "0013_report_story_signals_reverse"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReportStory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True, max_length=5000, verbose_name="tekst in het rapport"
                    ),
                ),
                ("edited_from", models.CharField(blank=True, editable=False, max_length=64)),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="reports.signalreport",
                    ),
                ),
                (
                    "signal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="intake.signal",
                    ),
                ),
            ],
            options={
                "verbose_name": "verhaal in een rapport",
                "verbose_name_plural": "verhalen in een rapport",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("report", "signal"), name="report_story_once"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_choices, copy_back),
        migrations.RemoveField(model_name="signalreport", name="story_signals"),
        migrations.AddField(
            model_name="signalreport",
            name="story_signals",
            field=models.ManyToManyField(
                blank=True,
                related_name="reports",
                through="reports.ReportStory",
                to="intake.signal",
                verbose_name="gekozen verhalen",
            ),
        ),
    ]
