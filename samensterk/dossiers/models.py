"""Dossiers: signals bundled into one collective issue, with a strategy, an action timeline
and an optional cost sheet. Who may see and change a dossier is decided in selectors.py."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from samensterk.lib.append_only import AppendOnly


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

    @property
    def is_late(self) -> bool:
        """Not done and its date has passed: shown as "te laat"."""
        return not self.done and self.date < timezone.localdate()


class Payer(models.TextChoices):
    """Who pays a cost line (totals are shown per payer)."""

    GROUP = "groep", _("De groep")
    ASSOCIATION = "vereniging", _("De landelijke vereniging")
    MUNICIPALITY = "gemeente", _("De gemeente")
    FUND = "fonds", _("Een fonds")
    OTHER = "anders", _("Iemand anders")


AMOUNT_HELP = _("Per persoon. Zonder aantal mensen: het hele bedrag.")


class CostItem(models.Model):
    """One line of a dossier's cost sheet: people × amount now, against the proposal; or, with
    no number of people, a lump sum (the amounts are the line's totals)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="cost_items")
    description = models.CharField(_("kostenpost"), max_length=200)
    people = models.PositiveIntegerField(
        _("aantal mensen"),
        null=True,
        blank=True,
        help_text=_("Laat leeg voor een vast bedrag: dan zijn de bedragen het totaal."),
    )
    current_amount = models.DecimalField(
        _("nu, per jaar (€)"), max_digits=10, decimal_places=2, help_text=AMOUNT_HELP
    )
    proposed_amount = models.DecimalField(
        _("met het voorstel, per jaar (€)"), max_digits=10, decimal_places=2, help_text=AMOUNT_HELP
    )
    assumption = models.CharField(_("aanname en bron"), max_length=500)
    payer = models.CharField(
        _("wie betaalt"), max_length=20, choices=Payer, default=Payer.MUNICIPALITY
    )
    payer_name = models.CharField(
        _("naam van de betaler"),
        max_length=100,
        blank=True,
        help_text=_("Bij een fonds of iemand anders: wie?"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kostenpost")
        verbose_name_plural = _("kostenposten")

    def __str__(self) -> str:
        return self.description

    def clean(self):
        super().clean()
        self.payer_name = self.payer_name.strip()
        if self.payer == Payer.OTHER and not self.payer_name:
            raise ValidationError({"payer_name": _("Schrijf op wie dit betaalt.")})

    @property
    def is_lump_sum(self) -> bool:
        return self.people is None

    @property
    def payer_label(self) -> str:
        if self.payer in {Payer.FUND, Payer.OTHER} and self.payer_name:
            return self.payer_name
        return str(self.get_payer_display())

    def _total(self, amount: Decimal) -> Decimal:
        return amount if self.is_lump_sum else self.people * amount

    @property
    def current_total(self) -> Decimal:
        return self._total(self.current_amount)

    @property
    def proposed_total(self) -> Decimal:
        return self._total(self.proposed_amount)

    @property
    def difference(self) -> Decimal:
        return self.proposed_total - self.current_total


class DossierEvent(AppendOnly, models.Model):
    """One change to a dossier: who changed what, when. Append-only, like a signal's history."""

    append_only_message = "A dossier's history is append-only."

    class Kind(models.TextChoices):
        CREATED = "created", _("Dossier gemaakt")
        CHANGED = "changed", _("Aangepast")
        STATUS = "status", _("Status veranderd")
        ACTION_ADDED = "action_added", _("Actie toegevoegd")
        ACTION_CHANGED = "action_changed", _("Actie aangepast")
        ACTION_DONE = "action_done", _("Actie gedaan")
        ACTION_DELETED = "action_deleted", _("Actie verwijderd")
        COSTS = "costs", _("Kostenberekening aangepast")
        SIGNALS_LINKED = "signals_linked", _("Signalen gekoppeld")
        SIGNAL_UNLINKED = "signal_unlinked", _("Signaal losgekoppeld")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    # For CHANGED: the dossier field's name; its label is shown.
    field = models.CharField(max_length=40, blank=True)
    from_value = models.CharField(max_length=200, blank=True)
    to_value = models.CharField(max_length=200, blank=True)
    # What the event is about: an action's title, the references of the signals linked.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"

    @property
    def field_label(self) -> str:
        try:
            return str(Dossier._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:  # a field that has since been removed
            return self.field

    def _label(self, value: str) -> str:
        if self.kind in {self.Kind.ACTION_ADDED, self.Kind.ACTION_CHANGED} and value:
            try:
                return date_format(date.fromisoformat(value), "j b Y")
            except ValueError:
                return value
        if self.field == "shared_with_national":
            return str(_("ja") if value == "True" else _("nee"))
        choices = {
            "status": DossierStatus,
            "area": Area,
            "strategy": Strategy,
        }.get(self.field or ("status" if self.kind == self.Kind.STATUS else ""))
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    @property
    def from_label(self) -> str:
        return self._label(self.from_value)

    @property
    def to_label(self) -> str:
        return self._label(self.to_value)
