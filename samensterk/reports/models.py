"""Figures for dashboards and reports.

SignalRollup holds how many signals there are per organisation, group, municipality, confirmed
theme and month (Europe/Amsterdam): dashboards read these few thousand rows instead of counting
a million signals. Database triggers (migration 0001) keep it exact on every insert, update and
delete of a signal, whichever code path makes the change (forms, imports, bulk updates,
retention); `rollup.rebuild()` recounts it from scratch. A withdrawn signal no longer counts.
Zero stands for "none" (the national office, no municipality, no theme yet).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samensterk.lib.pdfs import StoredPdf


class SignalRollup(models.Model):
    organisation_id = models.IntegerField()
    group_id = models.IntegerField(default=0)
    municipality_id = models.IntegerField(default=0)
    theme_id = models.IntegerField(default=0)
    month = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "group_id", "municipality_id", "theme_id", "month"],
                name="one_rollup_row_per_cell",
            )
        ]
        # Covering: dashboards read their counts from the index alone.
        indexes = [
            models.Index(
                fields=["group_id", "month", "municipality_id", "theme_id", "n"],
                name="rollup_group_month",
            ),
            models.Index(
                fields=["organisation_id", "month", "municipality_id", "theme_id", "group_id", "n"],
                name="rollup_org_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.group_id}/{self.month}: {self.n}"


class SignalReport(models.Model):
    """A signal report (signaalrapport) for a municipality or a theme over a period.

    While it is a draft the coordinator picks stories and writes the texts; `snapshot` holds
    everything the report shows (suppressed figures, the chosen pseudonymised stories, the
    dossiers), so a finished report opens later exactly as it was sent.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="signal_reports"
    )
    # Null: a report of the national office.
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signal_reports",
    )
    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    theme = models.ForeignKey(
        "themes.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("thema"),
    )
    period_start = models.DateField(_("van"))
    period_end = models.DateField(_("tot en met"))
    summary = models.TextField(_("samenvatting"), max_length=5000, blank=True)
    recommendations = models.TextField(_("aanbevelingen"), max_length=5000, blank=True)
    story_signals = models.ManyToManyField(
        "intake.Signal", blank=True, related_name="+", verbose_name=_("gekozen verhalen")
    )
    dossiers = models.ManyToManyField(
        "dossiers.Dossier", blank=True, related_name="+", verbose_name=_("dossiers")
    )
    snapshot = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(_("definitief gemaakt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signaalrapport")
        verbose_name_plural = _("signaalrapporten")

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None


class SignalReportPdf(StoredPdf):
    """The report's PDF, made by a task (signal_report.report_pdf_make)."""

    report = models.OneToOneField(
        SignalReport, on_delete=models.CASCADE, primary_key=True, related_name="pdf"
    )

    def __str__(self) -> str:
        return str(self.report_id)


class PatternRollup(models.Model):
    """Signals per day for emerging patterns: organisation, group (0: the national office),
    municipality (0: none), pattern theme (the confirmed theme, else a confident suggestion —
    insight.patterns) and whether the national office may see it; what it may see is also
    counted in the organisation's national rows (group -1, municipality 0). Kept by triggers
    (migration 0005)."""

    organisation_id = models.IntegerField()
    group_id = models.IntegerField(default=0)
    municipality_id = models.IntegerField(default=0)
    theme_code = models.CharField(max_length=40)
    day = models.DateField()
    shared = models.BooleanField(default=False)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation_id",
                    "group_id",
                    "municipality_id",
                    "theme_code",
                    "day",
                    "shared",
                ],
                name="one_pattern_row_per_cell",
            )
        ]
        # Covering: the pattern counts are read from the index alone.
        indexes = [
            models.Index(
                fields=["group_id", "day", "municipality_id", "theme_code", "n"],
                name="pattern_group_day",
            ),
            models.Index(
                fields=["organisation_id", "group_id", "day", "theme_code", "n"],
                name="pattern_org_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.theme_code}/{self.day}: {self.n}"


class StatusRollup(models.Model):
    """How many signals each group (0: the national office) has in each status, for the
    "new" and "open" counts of the overview and the group dashboard. Kept by triggers
    (migration 0008); withdrawn signals are counted under their own status."""

    organisation_id = models.IntegerField()
    group_id = models.IntegerField(default=0)
    status = models.CharField(max_length=20)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "group_id", "status"], name="one_status_row_per_cell"
            )
        ]
        indexes = [models.Index(fields=["group_id", "status", "n"], name="status_group")]

    def __str__(self) -> str:
        return f"{self.group_id}/{self.status}: {self.n}"
