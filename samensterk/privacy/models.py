"""The audit log: who looked at, exported or erased personal data, and when."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samensterk.lib.append_only import AppendOnly


class AuditLog(AppendOnly, models.Model):
    append_only_message = "The audit log is append-only."

    class Action(models.TextChoices):
        VIEW_CONTACT = "view_contact", _("Contactgegevens bekeken")
        EXPORT_CONTACT = "export_contact", _("Contactgegevens geëxporteerd")
        ERASE_CONTACT = "erase_contact", _("Contactgegevens gewist")
        EXTEND_RETENTION = "extend_retention", _("Bewaartermijn verlengd")
        # Data-subject requests (subjects.py): the detail holds a digest of who was searched,
        # never the e-mail address or phone number itself.
        SUBJECT_SEARCH = "subject_search", _("Verzoek betrokkene: gezocht")
        SUBJECT_EXPORT = "subject_export", _("Verzoek betrokkene: geëxporteerd")
        SUBJECT_ERASE = "subject_erase", _("Verzoek betrokkene: gewist")

    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    action = models.CharField(_("actie"), max_length=30, choices=Action)
    object_reference = models.CharField(_("over"), max_length=64, blank=True)
    detail = models.CharField(_("toelichting"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("regel in het auditlog")
        verbose_name_plural = _("auditlog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_reference}"


class RetentionRun(models.Model):
    """When the retention job ran and what it erased (for the health endpoint and the operator)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    contacts_erased = models.PositiveIntegerField(default=0)
    network_people_erased = models.PositiveIntegerField(default=0)
    # What each step did and what was still due after it (privacy.services.apply_retention).
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"
