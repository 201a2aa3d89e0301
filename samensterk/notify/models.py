"""E-mails that tell people about work given to them, and what each person wants to receive.

Other apps call services.notify(); this app imports no other app but accounts and lib, so that
every app may tell people things without import cycles.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REQUEST_ASSIGNED = "hulpvraag", _("Hulpvraag aan jou toegewezen")
    ACTION_ASSIGNED = "dossieractie", _("Actie in dossier aan jou toegewezen")
    COALITION_INVITED = "coalitie", _("Uitnodiging voor een coalitie")
    TRAINER_BOOKED = "trainer", _("Je bent ingeroosterd als trainer")


# When each kind comes, for the preferences page.
KIND_HELP = {
    Kind.REQUEST_ASSIGNED: _("Als een coördinator een hulpvraag van een lid aan jou geeft."),
    Kind.ACTION_ASSIGNED: _("Als iemand in een dossier een actie op jouw naam zet."),
    Kind.COALITION_INVITED: _("Als jouw organisatie wordt uitgenodigd voor een coalitie."),
    Kind.TRAINER_BOOKED: _("Als je als trainer wordt ingepland voor een cursusdag."),
}


class Delivery(models.TextChoices):
    DIRECT = "direct", _("Direct een e-mail")
    DIGEST = "overzicht", _("Dagelijks overzicht")
    OFF = "uit", _("Niet mailen")


class Notification(models.Model):
    """One thing someone was told (or would have been: `delivery` off keeps it on their page).

    `user` is empty only for a trainer without an account: then `address` is where it went.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("gebruiker"),
    )
    address = models.EmailField(_("e-mailadres"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"), max_length=5000)
    link = models.CharField(_("link"), max_length=300, blank=True)
    delivery = models.CharField(_("hoe"), max_length=10, choices=Delivery)
    created_at = models.DateTimeField(_("gemaakt"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        indexes = [
            models.Index(fields=["delivery", "sent_at"], name="notify_unsent"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def digest(self) -> bool:
        return self.delivery == Delivery.DIGEST


class Preference(models.Model):
    """How one person wants one kind; without a row: Delivery.DIRECT."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preferences"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    delivery = models.CharField(_("hoe"), max_length=10, choices=Delivery, default=Delivery.DIRECT)

    class Meta:
        verbose_name = _("voorkeur voor meldingen")
        verbose_name_plural = _("voorkeuren voor meldingen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notify_one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} – {self.get_delivery_display()}"


class MailLanguage(models.Model):
    """The language of someone's e-mails (the people here read Dutch unless they chose)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_language"
    )
    language = models.CharField(_("taal"), max_length=8, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
