"""The local network: who is who in each municipality, and the contacts with them.

One register per organisation: its groups that cover a municipality share that municipality's
organisations and people (no copies per group); the national office sees all of them. Contact
moments can be marked private to the group that logged them. People's e-mail addresses and
phone numbers are personal data: shown on request, and every look is in the audit log.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samensterk.lib.text import fold

# The types an organisation starts with; its administrators can add, rename and reorder them.
DEFAULT_TYPES = [
    _("Gemeente"),
    _("Afdeling of team van de gemeente"),
    _("Wmo-raad / adviesraad sociaal domein"),
    _("Cliëntenraad"),
    _("Zorgaanbieder"),
    _("School"),
    _("LFB-steunpunt"),
    _("Patiënten- of gehandicaptenorganisatie"),
    _("Politieke partij"),
    _("Lokale media"),
    _("Sociaal wijkteam"),
    _("Anders"),
]

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class NetworkStage(models.TextChoices):
    """The four networking steps of the course (seeds 001)."""

    SPOTTED = "spotten", _("Vogels spotten: gezien, nog geen contact")
    MET = "vlinderen", _("Vlinderen: kennisgemaakt en geluisterd")
    HOLDING = "vlooien", _("Vlooien: we houden contact")
    TRUMPETING = "trompetteren", _("Trompetteren: we laten regelmatig van ons horen")


class PreferredContact(models.TextChoices):
    PHONE = "bellen", _("Bellen")
    EMAIL = "mail", _("E-mail")
    APP = "app", _("App")
    LETTER = "post", _("Brief")
    IN_PERSON = "persoonlijk", _("Langsgaan of afspreken")


class ContactKind(models.TextChoices):
    MEETING = "gesprek", _("Gesprek")
    CALL = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    EVENT = "bijeenkomst", _("Bijeenkomst")
    OTHER = "anders", _("Anders")


class StakeholderType(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="stakeholder_types"
    )
    name = models.CharField(_("naam"), max_length=100)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("soort organisatie")
        verbose_name_plural = _("soorten organisaties")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_type_name")
        ]

    def __str__(self) -> str:
        return self.name


class RegisterEntry(models.Model):
    """What organisations and people in the register have in common."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    # Empty: active nationally or in a whole region, seen by all the organisation's groups.
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    key = models.CharField(max_length=200, db_index=True, editable=False)  # folded name
    notes = models.TextField(_("notities"), max_length=5000, blank=True)
    power = models.PositiveSmallIntegerField(_("invloed"), default=3, validators=SCALE)
    interest = models.PositiveSmallIntegerField(_("belang"), default=3, validators=SCALE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.key = fold(self.name)
        super().save(*args, **kwargs)


class Stakeholder(RegisterEntry):
    """An organisation in the network: the municipality, a care provider, a party…"""

    kind = models.ForeignKey(
        StakeholderType, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort")
    )
    name = models.CharField(_("naam"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("algemeen e-mailadres"), blank=True)
    phone = models.CharField(_("algemeen telefoonnummer"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie in het netwerk")
        verbose_name_plural = _("organisaties in het netwerk")
        indexes = [models.Index(fields=["organisation", "municipality"], name="stakeholder_area")]

    def get_absolute_url(self) -> str:
        return reverse("network:stakeholder_detail", args=[self.pk])


class Person(RegisterEntry):
    name = models.CharField(_("naam"), max_length=150)
    role = models.CharField(_("functie of rol"), max_length=150, blank=True)
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("werkt bij"),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    preferred_contact = models.CharField(
        _("liefst contact via"), max_length=20, choices=PreferredContact, blank=True
    )
    stage = models.CharField(
        _("netwerkstap"), max_length=20, choices=NetworkStage, default=NetworkStage.SPOTTED
    )
    key_contact = models.BooleanField(_("sleutelfiguur"), default=False)
    keep_in_touch_days = models.PositiveSmallIntegerField(
        _("contact houden: elke zoveel dagen"), null=True, blank=True
    )
    last_contact_on = models.DateField(_("laatste contact"), null=True, blank=True)
    left_role_on = models.DateField(_("uit deze functie sinds"), null=True, blank=True)
    # Set by the retention run: e-mail, phone and notes erased, some time after leaving the role.
    contact_erased_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("persoon in het netwerk")
        verbose_name_plural = _("personen in het netwerk")
        indexes = [models.Index(fields=["organisation", "municipality"], name="person_area")]

    def get_absolute_url(self) -> str:
        return reverse("network:person_detail", args=[self.pk])


class ContactMoment(models.Model):
    """A meeting, call, e-mail or event with someone in the network."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # Who logged it: a group, or the national office (empty).
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind)
    our_people = models.CharField(_("wie van ons"), max_length=200, blank=True)
    discussed = models.TextField(_("wat is besproken"), max_length=5000)
    next_step = models.CharField(_("afgesproken volgende stap"), max_length=300, blank=True)
    next_step_on = models.DateField(_("volgende stap op"), null=True, blank=True)
    private = models.BooleanField(_("alleen voor onze groep"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(stakeholder__isnull=False),
                name="contact_with_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class RelationKind(models.TextChoices):
    WORKS_AT = "werkt_bij", _("werkt bij")
    MEMBER_OF = "lid_van", _("is lid van")
    CHAIRS = "voorzitter_van", _("is voorzitter van")
    PART_OF = "onderdeel_van", _("is onderdeel van")
    FUNDS = "financiert", _("financiert")
    ADVISES = "adviseert", _("adviseert")
    WORKS_WITH = "werkt_samen_met", _("werkt samen met")


# Relations that form a hierarchy: a chain of them may not come back to where it started.
HIERARCHICAL = {RelationKind.PART_OF, RelationKind.MEMBER_OF, RelationKind.FUNDS}


class Relation(models.Model):
    """A typed relation between two entries of one register: a person or an organisation on
    each side (exactly one per side)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="relations_out"
    )
    from_stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, null=True, blank=True, related_name="relations_out"
    )
    kind = models.CharField(_("relatie"), max_length=20, choices=RelationKind)
    to_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="relations_in"
    )
    to_stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, null=True, blank=True, related_name="relations_in"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relatie")
        verbose_name_plural = _("relaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_person__isnull=True) ^ Q(from_stakeholder__isnull=True),
                name="relation_one_from",
            ),
            models.CheckConstraint(
                condition=Q(to_person__isnull=True) ^ Q(to_stakeholder__isnull=True),
                name="relation_one_to",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display()} {self.target}"

    @property
    def source(self):
        return self.from_person or self.from_stakeholder

    @property
    def target(self):
        return self.to_person or self.to_stakeholder


class DossierTarget(models.Model):
    """An organisation or person a dossier wants to reach or win over."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="targets"
    )
    stakeholder = models.ForeignKey(
        Stakeholder, on_delete=models.CASCADE, null=True, blank=True, related_name="targeted_by"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="targeted_by"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) ^ Q(stakeholder__isnull=True),
                name="target_one_entry",
            ),
            models.UniqueConstraint(fields=["dossier", "stakeholder"], name="target_org_once"),
            models.UniqueConstraint(fields=["dossier", "person"], name="target_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.person or self.stakeholder}"

    @property
    def entry(self):
        return self.person or self.stakeholder
