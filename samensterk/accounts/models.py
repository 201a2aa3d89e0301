"""People, organisations, local groups and the memberships that give people their roles.

Who may see and do what is decided in `permissions.py`, nowhere else.
"""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samensterk.places.models import Municipality


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email=normalise_email(username))


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


class User(AbstractUser):
    """A person who logs in. Logs in with an e-mail address; one name field (Dutch names vary)."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    """An advocacy organisation using this installation, e.g. a national association; or a
    guest: a coalition partner without an installation of its own (a local MEE, a Wmo-raad),
    whose people only see the coalitions it takes part in."""

    class Kind(models.TextChoices):
        OWN = "eigen", _("Werkt met Samen Sterk")
        GUEST = "gast", _("Gast in een coalitie")

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind, default=Kind.OWN)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    office_name = models.CharField(
        _("naam landelijk bureau"), max_length=150, default=_("Landelijk bureau")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class LocalGroup(models.Model):
    """A local member group, branch or client council of an organisation."""

    class Kind(models.TextChoices):
        MEMBER_GROUP = "ledengroep", _("Ledengroep")
        BRANCH = "afdeling", _("Afdeling")
        CLIENT_COUNCIL = "clientenraad", _("Cliëntenraad")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="groups", verbose_name=_("organisatie")
    )
    name = models.CharField(_("naam"), max_length=150)
    # Unique in the whole installation: it is part of the public address /meld/<slug>/.
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind, default=Kind.MEMBER_GROUP)
    municipalities = models.ManyToManyField(
        "places.Municipality",
        blank=True,
        related_name="local_groups",
        verbose_name=_("gemeenten"),
        help_text=_("De gemeenten waarvoor deze groep opkomt."),
    )
    email = models.EmailField(_("e-mailadres van de groep"), blank=True)
    # How reporters reach the group (thanks page, paper form): public, so never a person's own.
    phone = models.CharField(_("telefoonnummer van de groep"), max_length=20, blank=True)
    postal_address = models.TextField(
        _("postadres van de groep"),
        max_length=300,
        blank=True,
        help_text=_("Waar mensen het papieren formulier naartoe kunnen sturen."),
    )
    # What the thanks page promises; the group chooses what it can keep.
    response_weeks = models.PositiveSmallIntegerField(
        _("binnen hoeveel weken kijkt de groep naar een verhaal"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    embed_origins = models.TextField(
        _("websites die de meldknop mogen tonen"),
        blank=True,
        help_text=_("Eén adres per regel, bijvoorbeeld https://www.onzegroep.nl"),
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lokale groep")
        verbose_name_plural = _("lokale groepen")

    def __str__(self) -> str:
        return self.name

    @property
    def embed_origin_list(self) -> list[str]:
        return [
            line.strip().rstrip("/") for line in self.embed_origins.splitlines() if line.strip()
        ]


class GroupRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator / bestuur")
    VOLUNTEER = "volunteer", _("Vrijwilliger")


class OrganisationRole(models.TextChoices):
    STAFF = "staff", _("Landelijk medewerker")
    ADMIN = "admin", _("Beheerder")
    # A partner's contact in a coalition: sees that coalition, nothing of the installation.
    GUEST = "gast", _("Gast in een coalitie")


class GroupMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("gebruiker"),
    )
    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("groep")
    )
    role = models.CharField(_("rol"), max_length=20, choices=GroupRole)
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap van een groep")
        verbose_name_plural = _("lidmaatschappen van groepen")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_membership_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group} ({self.get_role_display()})"


class OrganisationMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
        verbose_name=_("gebruiker"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=OrganisationRole)
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)
    # The staff member's own region (whole provinces and/or single municipalities): what the
    # national dashboard's "which themes come in from my region" and its region filter read.
    region_provinces = models.ManyToManyField(
        "places.Province", blank=True, related_name="+", verbose_name=_("provincies van de regio")
    )
    region_municipalities = models.ManyToManyField(
        "places.Municipality",
        blank=True,
        related_name="+",
        verbose_name=_("gemeenten van de regio"),
    )

    class Meta:
        verbose_name = _("rol in een organisatie")
        verbose_name_plural = _("rollen in organisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="one_membership_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def region_municipality_ids(self) -> set[int]:
        """The municipalities of the region: those of its provinces and the single ones."""
        return set(
            Municipality.objects.filter(
                models.Q(province__in=self.region_provinces.all())
                | models.Q(pk__in=self.region_municipalities.all())
            ).values_list("pk", flat=True)
        )


class PrivacyStatement(models.Model):
    """What an organisation tells reporters about their personal data.

    Fields, never HTML: the public page (/privacyverklaring/<slug>/) writes its default text in
    easy Dutch around them, so an empty statement is already a complete one. Kept apart from
    Organisation so that the beheerder's page edits only this.
    """

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="privacy_statement",
        verbose_name=_("organisatie"),
    )
    controller_name = models.CharField(
        _("verwerkingsverantwoordelijke"),
        max_length=150,
        blank=True,
        help_text=_("Leeg: de naam van de organisatie."),
    )
    controller_address = models.TextField(_("adres"), max_length=300, blank=True)
    contact_name = models.CharField(
        _("naam van de privacycontactpersoon"), max_length=150, blank=True
    )
    contact_email = models.EmailField(_("e-mailadres voor privacyvragen"), blank=True)
    contact_phone = models.CharField(
        _("telefoonnummer voor privacyvragen"), max_length=30, blank=True
    )
    purposes_extra = models.TextField(_("andere doelen"), max_length=2000, blank=True)
    legal_basis_extra = models.TextField(_("andere grondslagen"), max_length=2000, blank=True)
    retention_extra = models.TextField(_("meer over bewaren"), max_length=2000, blank=True)
    more_information_url = models.URLField(_("volledige privacyverklaring"), blank=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("privacyverklaring")
        verbose_name_plural = _("privacyverklaringen")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def controller(self) -> str:
        return self.controller_name or self.organisation.name

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed link that lets someone join a group. Only a hash of the token is kept."""

    group = models.ForeignKey(
        LocalGroup, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("groep")
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=GroupRole, default=GroupRole.VOLUNTEER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd"), auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt"))
    accepted_at = models.DateTimeField(_("geaccepteerd"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geaccepteerd door"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        indexes = [models.Index(Lower("email"), "group", name="invitation_email_group")]

    def __str__(self) -> str:
        return f"{self.email} → {self.group}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired
