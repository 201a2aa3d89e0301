"""One survey engine for every questionnaire: the member-group monitoring (seeds 002/003), the
digital panel (004), course evaluations and any other.

A questionnaire is built by staff from questions of a few kinds, in sections, with conditions
("show only when an earlier answer is X"). Once it has answers it is never changed: a new
version is a copy (the question keys stay, so that rounds of both versions can be compared).
A round sends it to a list of invitees, each with a personal link (no account). Answers are
stored per page, so nothing is lost when someone stops halfway. Anonymous questionnaires keep no
link between a finished response and the invitee.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    MONITORING = "monitoring", _("Monitor van de ledengroepen")
    PANEL = "panel", _("Digitaal panel")
    COURSE = "cursus", _("Evaluatie van een cursus")
    OTHER = "anders", _("Anders")


class Questionnaire(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="questionnaires"
    )
    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(
        _("uitleg op de eerste pagina"),
        max_length=3000,
        blank=True,
        help_text=_("In eenvoudige taal: waarom deze vragen, hoe lang het duurt."),
    )
    purpose = models.CharField(_("soort"), max_length=12, choices=Purpose, default=Purpose.OTHER)
    anonymous = models.BooleanField(
        _("anoniem"),
        default=True,
        help_text=_("Anoniem: na het invullen is niet meer te zien wie wat antwoordde."),
    )
    # Versions: a copy points at the questionnaire it was made from; family = the first one.
    family = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    version = models.PositiveSmallIntegerField(default=1)
    # Which shipped template this questionnaire was installed from ("" for one built by hand);
    # set on the first version only, so that an organisation holds each template once.
    template = models.CharField(max_length=20, blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "template"],
                condition=~models.Q(template=""),
                name="surveys_one_template_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (versie {self.version})" if self.version > 1 else self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:questionnaire_detail", args=[self.pk])

    @property
    def family_id_or_own(self) -> int:
        return self.family_id or self.pk

    def from_template(self, name: str) -> bool:
        """Whether this questionnaire (or the first version of its family) is that template."""
        first = self.family if self.family_id else self
        return first.template == name


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("titel"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Kind(models.TextChoices):
    SINGLE = "een", _("Eén antwoord kiezen")
    MULTIPLE = "meer", _("Meer antwoorden kiezen")
    SCALE = "schaal", _("Schaal (bijvoorbeeld 1 tot 10)")
    YES_NO = "janee", _("Ja of nee")
    NUMBER = "getal", _("Getal")
    SHORT_TEXT = "kort", _("Korte tekst")
    LONG_TEXT = "lang", _("Lange tekst")
    MATRIX = "matrix", _("Tabel: meerdere onderdelen, dezelfde antwoorden")


CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.MATRIX}
TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Stable across versions: rounds of two versions are compared by it.
    key = models.SlugField(max_length=60)
    text = models.CharField(_("vraag"), max_length=500)
    help_text = models.CharField(_("uitleg"), max_length=500, blank=True)
    kind = models.CharField(_("soort vraag"), max_length=8, choices=Kind)
    required = models.BooleanField(_("verplicht"), default=False)
    options = models.JSONField(_("antwoorden"), default=list, blank=True)  # choice kinds
    rows = models.JSONField(_("onderdelen"), default=list, blank=True)  # matrix
    scale_min = models.SmallIntegerField(default=1)
    scale_max = models.SmallIntegerField(default=10)
    scale_min_label = models.CharField(max_length=60, blank=True)
    scale_max_label = models.CharField(max_length=60, blank=True)
    condition_question = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("alleen tonen als deze vraag"),
    )
    condition_values = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_once")
        ]

    def __str__(self) -> str:
        return self.text


class PanelMember(models.Model):
    """Someone in the digital panel: a person with a disability or a relative (seeds 004)."""

    class Relation(models.TextChoices):
        SELF = "zelf", _("Ik heb zelf een beperking")
        RELATIVE = "naaste", _("Ik ben familie of naaste")
        OTHER = "anders", _("Anders")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="panel_members"
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    municipality = models.ForeignKey(
        "places.Municipality",
        on_delete=models.PROTECT,
        verbose_name=_("gemeente"),
        related_name="+",
    )
    relation = models.CharField(_("wie"), max_length=8, choices=Relation, default=Relation.SELF)
    themes = models.ManyToManyField(
        "themes.Theme", blank=True, verbose_name=_("thema's"), related_name="+"
    )
    consent_at = models.DateTimeField(_("toestemming gegeven"))
    opted_out_at = models.DateTimeField(_("afgemeld"), null=True, blank=True)
    secret = models.CharField(max_length=32, editable=False)  # for the personal link
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("panellid")
        verbose_name_plural = _("panelleden")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="panel_member_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def token(self) -> str:
        from samensterk.privacy.tokens import make

        return make("panel", self.pk, self.secret)

    @property
    def active(self) -> bool:
        return self.opted_out_at is None


class Audience(models.TextChoices):
    GROUPS = "groepen", _("Ledengroepen")
    PANEL = "panel", _("Panelleden")
    PEOPLE = "mensen", _("Een lijst met mensen")


class Round(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds"
    )
    title = models.CharField(_("naam van de ronde"), max_length=200)
    audience = models.CharField(_("voor wie"), max_length=8, choices=Audience)
    opened_at = models.DateTimeField(null=True, blank=True)
    closes_on = models.DateField(_("sluit op"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_on", "-pk"]
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:round_detail", args=[self.pk])

    @property
    def closed_early_on(self):
        """The day it was closed by hand before its closing date, else None."""
        if self.closed_at is None:
            return None
        day = timezone.localdate(self.closed_at)
        return day if day < self.closes_on else None


class Invitation(models.Model):
    """One invitee of a round and their personal link (`<pk>-<hmac>`; see tokens.py)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    panel_member = models.ForeignKey(
        PanelMember, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    nonce = models.CharField(max_length=16, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "group"],
                condition=Q(group__isnull=False),
                name="group_invited_once",
            ),
            models.UniqueConstraint(
                fields=["round", "panel_member"],
                condition=Q(panel_member__isnull=False),
                name="panel_member_invited_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name or (self.group.name if self.group_id else str(self.pk))

    def get_absolute_url(self) -> str:
        return reverse("surveys:respond_start", args=[self.token])

    @property
    def token(self) -> str:
        from samensterk.privacy.tokens import make

        return make("invitation", self.pk, self.nonce)


class Response(models.Model):
    """The answers of one invitee (or, in an anonymous questionnaire once finished, of nobody
    in particular: the link to the invitation is cut when it is completed)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    # For break-downs (suppressed): the group answered for, the panel member's municipality.
    group = models.ForeignKey(
        "accounts.LocalGroup", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The panel member's themes (names) when they answered: for the break-down by theme.
    themes = models.JSONField(default=list, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    # single: "option"; multiple: ["a", "b"]; scale/number: 7; yes/no: true; text: "..."; matrix:
    # {"row": "option"}
    value = models.JSONField()
    # A text answer as it may be shown in results: pseudonymised by the task worker once the
    # response is complete (surveys/tasks.py); empty until then, and then nothing is shown.
    text_pseudonymised = models.TextField(blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.value}"
