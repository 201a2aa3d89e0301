"""A trained theme suggester per organisation, with its measured quality."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClassifierModel(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="classifier_models",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(_("getraind op"), auto_now_add=True)
    n_labels = models.PositiveIntegerField(_("aantal voorbeelden"))
    # Cross-validated on the organisation's own labels: accuracy, macro_f1, per_theme.
    quality = models.JSONField(_("kwaliteit"), default=dict)
    data = models.BinaryField(editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("getraind themamodel")
        verbose_name_plural = _("getrainde themamodellen")

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d %H:%M}"


class PatternDismissal(models.Model):
    """A pattern someone reviewed and set aside; it returns when more signals arrive."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    key = models.CharField(max_length=100)
    count_at_dismissal = models.PositiveIntegerField()
    dismissed_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("genegeerd patroon")
        verbose_name_plural = _("genegeerde patronen")

    def __str__(self) -> str:
        return self.key
