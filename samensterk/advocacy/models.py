"""The advocate pool and support requests (seeds 004: pools of trained volunteers and
Wmo-committees that members call on for the *keukentafelgesprek*), and duo advocacy (seeds 000:
a person with and a person without an intellectual disability preparing a presentation with a
run sheet and evaluating it together)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo")
    WLZ = "wlz", _("Wlz")
    YOUTH = "jeugdwet", _("Jeugdwet")
    PARTICIPATION = "participatiewet", _("Participatiewet")
    HEALTH = "zvw", _("Zorgverzekeringswet")
    PGB = "pgb", _("Pgb")


class Advocate(models.Model):
    """A trained volunteer in the pool (an advocate, ambassador or Wmo-committee member)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="advocates"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advocate_profiles",
        verbose_name=_("account"),
        help_text=_(
            "Met een account ziet de vrijwilliger de eigen vragen en schrijft de uitkomst."
        ),
    )
    name = models.CharField(_("naam"), max_length=150)
    municipalities = models.ManyToManyField(
        "places.Municipality", related_name="+", verbose_name=_("regio (gemeenten)")
    )
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, related_name="+", verbose_name=_("thema's")
    )
    laws = models.JSONField(_("wetten"), default=list, blank=True)
    trainings = models.ManyToManyField(
        "courses.CourseType", blank=True, related_name="+", verbose_name=_("cursussen gevolgd")
    )
    availability = models.CharField(_("wanneer beschikbaar"), max_length=300, blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("belangenbehartiger in de pool")
        verbose_name_plural = _("belangenbehartigers in de pool")

    def __str__(self) -> str:
        return self.name


class RequestKind(models.TextChoices):
    PREPARE = "voorbereiden", _("Samen het keukentafelgesprek voorbereiden")
    ATTEND = "meegaan", _("Mee naar het keukentafelgesprek")
    ADVICE = "advies", _("Advies of meedenken")


class RequestStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    ASSIGNED = "toegewezen", _("Toegewezen")
    DONE = "afgerond", _("Afgerond")
    CANCELLED = "vervallen", _("Vervallen")


class SupportRequest(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="support_requests"
    )
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(max_length=12, unique=True, editable=False)
    kind = models.CharField(_("wat is er nodig?"), max_length=14, choices=RequestKind)
    what = models.TextField(_("waar gaat het over?"), max_length=3000)
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    when = models.CharField(_("wanneer?"), max_length=200, blank=True)
    theme = models.ForeignKey(
        "themes.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("thema"),
    )  # fmt: skip
    status = models.CharField(max_length=12, choices=RequestStatus, default=RequestStatus.NEW)
    advocate = models.ForeignKey(
        Advocate, on_delete=models.SET_NULL, null=True, blank=True, related_name="requests",
        verbose_name=_("vrijwilliger"),
    )  # fmt: skip
    outcome = models.TextField(_("wat is er gebeurd?"), max_length=5000, blank=True)
    consent_signal = models.BooleanField(
        _("het lid vindt het goed dat dit (zonder naam) een signaal wordt"), default=False
    )
    signal = models.OneToOneField(
        "intake.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hulpvraag")
        verbose_name_plural = _("hulpvragen")

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("advocacy:request_detail", args=[self.reference])


class RequestContact(models.Model):
    """The member's name and how to reach them: apart from the request (as for signals), shown
    on request with a line in the audit log, erased by the retention run after closing."""

    request = models.OneToOneField(SupportRequest, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("naam van het lid"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    def __str__(self) -> str:
        return f"{self.request}: {self.name}"


# --- Duo advocacy ---------------------------------------------------------------------------


class Duo(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="duos"
    )
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, related_name="duos",
        verbose_name=_("groep"),
    )  # fmt: skip
    person_with = models.CharField(
        _("naam van wie een verstandelijke beperking heeft"), max_length=150
    )
    person_without = models.CharField(_("naam van de ander"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person_with"]
        verbose_name = _("duo")
        verbose_name_plural = _("duo's")

    def __str__(self) -> str:
        return f"{self.person_with} & {self.person_without}"

    def get_absolute_url(self) -> str:
        return reverse("advocacy:duo_detail", args=[self.pk])

    def who_name(self, who: str) -> str:
        if who == Who.WITH:
            return self.person_with
        if who == Who.WITHOUT:
            return self.person_without
        return _("%(a)s en %(b)s samen") % {"a": self.person_with, "b": self.person_without}

    def who_choices(self) -> list[tuple[str, str]]:
        return [(value, self.who_name(value)) for value in (Who.WITH, Who.WITHOUT, Who.BOTH)]


class Presentation(models.Model):
    duo = models.ForeignKey(Duo, on_delete=models.CASCADE, related_name="presentations")
    title = models.CharField(_("waar gaat de presentatie over?"), max_length=200)
    audience = models.CharField(_("voor wie?"), max_length=200, blank=True)
    date = models.DateField(_("datum"))
    goal = models.CharField(_("ons gezamenlijke doel"), max_length=300, blank=True)
    agreements = models.TextField(
        _("onze afspraken: hoe reageren we op elkaar, hoe helpen we elkaar?"),
        max_length=3000,
        blank=True,
    )

    class Meta:
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("advocacy:presentation_detail", args=[self.pk])


class Who(models.TextChoices):
    WITH = "met", _("de persoon met een beperking")
    WITHOUT = "zonder", _("de ander")
    BOTH = "samen", _("samen")


class RunSheetPart(models.Model):
    """One part of the draaiboek: what happens, who does it, how long. Shown and chosen with
    the two people's names (Who's labels are only the fallback)."""

    presentation = models.ForeignKey(Presentation, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField(default=0)
    what = models.CharField(_("wat"), max_length=300)
    who = models.CharField(_("wie"), max_length=8, choices=Who)
    minutes = models.PositiveSmallIntegerField(_("minuten"), default=5)
    new_for_me = models.BooleanField(_("iets nieuws om te oefenen"), default=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("onderdeel van het draaiboek")
        verbose_name_plural = _("onderdelen van het draaiboek")

    def __str__(self) -> str:
        return self.what

    def who_name(self) -> str:
        """Who does it, by name."""
        return self.presentation.duo.who_name(self.who)


class Score(models.TextChoices):
    """The three faces of the evaluation: easier than writing for many people."""

    GOOD = "goed", _("goed")
    OK = "gaat_wel", _("gaat wel")
    NOT_GOOD = "niet_goed", _("niet goed")


class DuoEvaluation(models.Model):
    """After the presentation, each of the two looks back: three questions with faces to
    choose from, then what went well, what can be better and what to watch out for (all text
    optional). Evaluations from before the faces keep their written answers; their faces are
    empty."""

    presentation = models.ForeignKey(
        Presentation, on_delete=models.CASCADE, related_name="evaluations"
    )
    who = models.CharField(_("wie vult in"), max_length=8, choices=Who)
    feeling_score = models.CharField(_("hoe ging het"), max_length=10, choices=Score, blank=True)
    feeling = models.TextField(_("Hoe voelde je je?"), max_length=2000, blank=True)
    role_score = models.CharField(_("rol duidelijk"), max_length=10, choices=Score, blank=True)
    role_clear = models.TextField(_("Was je rol duidelijk?"), max_length=2000, blank=True)
    contribution_score = models.CharField(
        _("genoeg kunnen zeggen"), max_length=10, choices=Score, blank=True
    )
    contribution = models.TextField(_("Was je inbreng voldoende?"), max_length=2000, blank=True)
    together_score = models.CharField(_("samenwerken"), max_length=10, choices=Score, blank=True)
    went_well = models.TextField(_("Wat ging goed?"), max_length=2000, blank=True)
    better = models.TextField(_("Wat kan beter?"), max_length=2000, blank=True)
    pitfalls = models.TextField(_("Wat zijn je valkuilen?"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["presentation", "who"], name="one_evaluation_each")
        ]

    def __str__(self) -> str:
        return f"{self.presentation}: {self.get_who_display()}"


TIPS = [
    _("Een gezamenlijk uitdagend doel."),
    _("Wees eerlijk."),
    _("Doe waar je goed in bent."),
    _("Gun elkaar de succesmomenten."),
    _("Enthousiasme en vaart."),
    _("Humor."),
]
