"""Signal reports. The dashboards' figures are counted from the signals (figures.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samensterk.lib.pdfs import StoredPdf


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
        "intake.Signal",
        through="ReportStory",
        blank=True,
        related_name="reports",
        verbose_name=_("gekozen verhalen"),
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


class ReportStory(models.Model):
    """A story chosen for a report, with the coordinator's edit of its pseudonymised text.

    `text` empty: the report shows the pseudonymised text with its tags as readable words.
    `edited_from` is the fingerprint of the pseudonymised text the edit started from: when that
    text changes later (the reporter added to it, a data subject's request redacted it), the
    edit is set aside, so that it never keeps words the new text took out.
    """

    report = models.ForeignKey(SignalReport, on_delete=models.CASCADE, related_name="+")
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("tekst in het rapport"), max_length=5000, blank=True)
    edited_from = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "signal"], name="report_story_once")
        ]
        verbose_name = _("verhaal in een rapport")
        verbose_name_plural = _("verhalen in een rapport")

    def __str__(self) -> str:
        return f"{self.report_id}/{self.signal_id}"


class SignalReportPdf(StoredPdf):
    """The report's PDF, made by a task (signal_report.report_pdf_make)."""

    report = models.OneToOneField(
        SignalReport, on_delete=models.CASCADE, primary_key=True, related_name="pdf"
    )

    def __str__(self) -> str:
        return str(self.report_id)
