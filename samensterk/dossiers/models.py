"""Dossiers: signals bundled into one collective issue, with a strategy, an action timeline
and an optional cost sheet. Who may see and change a dossier is decided in selectors.py."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    MUNICIPALITY = "gemeente", _("Eén gemeente")
    REGION = "regio", _("Een regio (meer gemeenten)")
    NATIONAL = "landelijk", _("Landelijk")


class Strategy(models.TextChoices):
    """The five strategies of the guide for local advocacy (seeds 004)."""

    INFORM = "informeren", _("Gemeenten en zorgverleners informeren")
    KNOWLEDGE = "kennis", _("Kennis en vaardigheden over belangenbehartiging vergroten")
    ORGANISATION = "organisatie", _("De organisatie ontwikkelen")
    COLLABORATE = "samenwerken", _("Lokaal samenwerken met andere organisaties")
    COLLECTIVE = "collectief", _("Collectief belangen behartigen")


class DossierStatus(models.TextChoices):
    PREPARING = "voorbereiding", _("In voorbereiding")
    ACTIVE = "lopend", _("Lopend")
    ACHIEVED = "bereikt", _("Resultaat bereikt")
    STOPPED = "gestopt", _("Gestopt")


OPEN_DOSSIER_STATUSES = {DossierStatus.PREPARING, DossierStatus.ACTIVE}


class Dossier(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("organisatie"),
    )
    # Null: the national office's own dossier.
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dossiers",
        verbose_name=_("groep"),
    )
    reference = models.CharField(_("kenmerk"), max_length=12, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=150)
    problem = models.TextField(_("het probleem, in gewone taal"), max_length=5000)
    area = models.CharField(_("gebied"), max_length=12, choices=Area, default=Area.MUNICIPALITY)
    region_name = models.CharField(_("naam van de regio"), max_length=100, blank=True)
    municipalities = models.ManyToManyField(
        "places.Municipality", blank=True, related_name="dossiers", verbose_name=_("gemeenten")
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="dossiers", verbose_name=_("thema's")
    )
    signals = models.ManyToManyField(
        "intake.Signal", through="DossierSignal", related_name="dossiers", blank=True
    )
    affected_estimate = models.PositiveIntegerField(
        _("geschat aantal betrokkenen"), null=True, blank=True
    )
    affected_estimate_source = models.CharField(
        _("bron van de schatting"), max_length=300, blank=True
    )
    goals = models.TextField(_("doelen"), max_length=5000, blank=True)
    strategy = models.CharField(_("strategie"), max_length=20, choices=Strategy, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DossierStatus, default=DossierStatus.PREPARING
    )
    outcome = models.TextField(_("resultaat"), max_length=5000, blank=True)
    shared_with_national = models.BooleanField(
        _("gedeeld met het landelijk bureau (alleen lezen)"), default=False
    )
    cost_note = models.TextField(_("toelichting bij de kosten"), max_length=3000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [models.Index(fields=["organisation", "group", "status"], name="dossier_owner")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("dossiers:dossier_detail", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_DOSSIER_STATUSES


class DossierSignal(models.Model):
    """A signal linked to a dossier (a signal may be in more than one)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="links")
    signal = models.ForeignKey(
        "intake.Signal", on_delete=models.CASCADE, related_name="dossier_links"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "signal"], name="signal_once_per_dossier")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.signal_id}"


class DeclinedProposal(models.Model):
    """A signal someone decided does not belong to a dossier: no longer proposed for it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="declined")
    signal = models.ForeignKey("intake.Signal", on_delete=models.CASCADE, related_name="+")
    declined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "signal"], name="decline_once_per_dossier")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.signal_id}"


class ActionKind(models.TextChoices):
    LETTER = "brief", _("Brief of e-mail")
    ALDERMAN = "wethouder", _("Gesprek met de wethouder")
    CIVIL_SERVANTS = "ambtenaren", _("Gesprek met ambtenaren")
    ADVISORY = "adviesraad", _("Advies van de Wmo-raad of adviesraad")
    COUNCIL = "inspreken", _("Inspreken in de gemeenteraad")
    MEDIA = "media", _("Media")
    MEETING = "bijeenkomst", _("Bijeenkomst of overleg")
    OTHER = "anders", _("Anders")


class DossierAction(models.Model):
    """One step on a dossier's timeline: planned (a date ahead) or done (what happened)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("soort actie"), max_length=20, choices=ActionKind)
    date = models.DateField(_("datum"))
    title = models.CharField(_("korte omschrijving"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossier_actions",
        verbose_name=_("wie doet het"),
    )
    # Whom the action was with (a person from the network register), if anyone.
    contact = models.ForeignKey(
        "network.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dossier_actions",
        verbose_name=_("met wie (uit het netwerk)"),
    )
    done = models.BooleanField(_("gedaan"), default=False)
    what_happened = models.TextField(_("wat er gebeurde"), max_length=5000, blank=True)
    next_step = models.CharField(_("volgende stap"), max_length=300, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [models.Index(fields=["done", "date"], name="dossier_action_due")]

    def __str__(self) -> str:
        return self.title


class CostItem(models.Model):
    """One line of a dossier's cost sheet: people × amount now, against the proposal."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="cost_items")
    description = models.CharField(_("kostenpost"), max_length=200)
    people = models.PositiveIntegerField(_("aantal mensen"))
    current_amount = models.DecimalField(
        _("nu, per persoon per jaar (€)"), max_digits=10, decimal_places=2
    )
    proposed_amount = models.DecimalField(
        _("met het voorstel, per persoon per jaar (€)"), max_digits=10, decimal_places=2
    )
    assumption = models.CharField(_("aanname en bron"), max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")

    def __str__(self) -> str:
        return self.description

    @property
    def current_total(self) -> Decimal:
        return self.people * self.current_amount

    @property
    def proposed_total(self) -> Decimal:
        return self.people * self.proposed_amount

    @property
    def difference(self) -> Decimal:
        return self.proposed_total - self.current_total
