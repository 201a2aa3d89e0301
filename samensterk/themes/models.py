"""The theme taxonomy. Codes are stable identifiers (imports, exports, API, classifier)."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]{1,39}$",
    _("Gebruik kleine letters, cijfers en _ (bijvoorbeeld: werk_inkomen)."),
)


class ThemeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Theme(models.Model):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[code_validator],
        help_text=_(
            "Vaste code voor import, export en API. Kan na het aanmaken niet meer veranderen."
        ),
    )
    name = models.CharField(_("naam"), max_length=100)
    description = models.TextField(_("omschrijving"), blank=True)
    keywords = models.TextField(
        _("trefwoorden"),
        blank=True,
        help_text=_("Woorden die bij dit thema horen, gescheiden door komma's of enters."),
    )
    active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Een thema dat niet meer in gebruik is, blijft bestaan voor oude signalen."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        parts = self.keywords.replace("\n", ",").split(",")
        return [p.strip() for p in parts if p.strip()]
