"""The gazetteer: provinces, the 342 municipalities (CBS codes), aliases and woonplaatsen."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from samensterk.lib.text import fold


class KeyedByName(models.Model):
    """Keeps `key`, the folded name used for forgiving look-ups, in step with `name`."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.key = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)


class Province(models.Model):
    name = models.CharField(_("naam"), max_length=64, unique=True)
    slug = models.SlugField(_("slug"), max_length=64, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.name


class Municipality(KeyedByName):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True)  # GM0363
    name = models.CharField(_("naam"), max_length=100)
    key = models.CharField(max_length=100, db_index=True, editable=False)  # folded name
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("provincie"),
    )
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class MunicipalityAlias(KeyedByName):
    """Another name: Den Bosch, Den Haag, a former municipality, a CBS suffix form."""

    name = models.CharField(_("naam"), max_length=100)
    key = models.CharField(max_length=100, unique=True, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("gemeente")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("andere naam")
        verbose_name_plural = _("andere namen")

    def __str__(self) -> str:
        return self.name


class Place(KeyedByName):
    """A BAG woonplaats. The same name can lie in two or three municipalities (one row each)."""

    name = models.CharField(_("naam"), max_length=100)
    key = models.CharField(max_length=100, db_index=True, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="places", verbose_name=_("gemeente")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("woonplaats")
        verbose_name_plural = _("woonplaatsen")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "municipality"], name="place_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
