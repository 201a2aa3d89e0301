"""Courses (seeds 001 and 002 section 4): course types with their course book, sessions with
trainers and a capacity, public registration with a waiting list that moves up by itself,
attendance and certificates, and up to three return meetings per session."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_FOLLOW_UPS = 3


class CourseType(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="course_types"
    )
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat leer je?"), max_length=5000)
    audience = models.CharField(_("voor wie"), max_length=300, blank=True)
    duration = models.CharField(_("hoe lang"), max_length=150, blank=True)
    materials = models.TextField(_("materiaal"), max_length=3000, blank=True)
    is_train_the_trainer = models.BooleanField(
        _("train-de-trainer"),
        default=False,
        help_text=_("Wie deze cursus volgde, mag daarna de cursussen hieronder geven."),
    )
    qualifies_for = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+", verbose_name=_("leidt op voor")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("soort cursus")
        verbose_name_plural = _("soorten cursussen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("courses:type_detail", args=[self.pk])


class CoursePage(models.Model):
    """A page of the course book: edited online, printed as one PDF."""

    course_type = models.ForeignKey(CourseType, on_delete=models.CASCADE, related_name="pages")
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), max_length=20000)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Trainer(models.Model):
    """A volunteer trainer; may give the course types they are qualified for."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="trainers"
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    qualified_for = models.ManyToManyField(
        CourseType, blank=True, related_name="trainers", verbose_name=_("mag geven")
    )
    availability = models.CharField(_("wanneer beschikbaar"), max_length=300, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    course_type = models.ForeignKey(CourseType, on_delete=models.PROTECT, related_name="sessions")
    follow_up_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follow_ups",
        verbose_name=_("terugkomdag van"),
    )
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("link voor online"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=12)
    trainers = models.ManyToManyField(Trainer, blank=True, related_name="sessions")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The evaluation sent to the participants, through the survey engine.
    evaluation = models.OneToOneField(
        "surveys.Round", on_delete=models.SET_NULL, null=True, blank=True, related_name="session"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("cursusdag")
        verbose_name_plural = _("cursusdagen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_type} ({self.starts_at:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        return reverse("courses:session_detail", args=[self.pk])


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "aangemeld", _("Aangemeld")
    WAITING = "wachtlijst", _("Op de wachtlijst")
    CANCELLED = "afgemeld", _("Afgemeld")


class Registration(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    group = models.ForeignKey(
        "accounts.LocalGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ledengroep"),
    )
    needs = models.CharField(_("wat heb je nodig om mee te doen?"), max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=RegistrationStatus)
    nonce = models.CharField(max_length=16, editable=False)
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="afgemeld"),
                name="one_registration_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    def get_absolute_url(self) -> str:
        return reverse("courses:registration", args=[self.token])

    @property
    def token(self) -> str:
        from samensterk.privacy.tokens import make

        return make("registration", self.pk, self.nonce)
