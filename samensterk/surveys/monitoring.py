"""The member-group monitoring questionnaire of the seeds (`003`: the telephone survey of all
46 member groups, summer 2016; `002`: the same questions three times for the pilot groups),
shipped as a ready template, and the overview that presents a round the way that document does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Kind, Purpose, Question, Questionnaire, Section

TITLE = "Monitor lokale belangenbehartiging ledengroepen"
INTRO = (
    "Met deze vragen willen we weten wat jullie ledengroep doet: gezellige activiteiten, "
    "themabijeenkomsten en opkomen voor de belangen van mensen met een verstandelijke beperking "
    "in de gemeente. Het duurt ongeveer 15 minuten. Jullie antwoorden horen bij jullie groep; "
    "de groep en het landelijk bureau kunnen ze terugzien."
)
WHO = [
    "Het bestuur",
    "Een commissie of een paar leden",
    "Een actief lid (het bestuur doet het niet)",
]

# (section, key, kind, text, extra)
QUESTIONS = [
    ("Activiteiten", "activiteit", Kind.SCALE,
     "Hoe actief is jullie ledengroep? Geef een cijfer van 1 tot 10.",
     {"required": True, "scale_min": 1, "scale_max": 10,
      "scale_min_label": "slapend", "scale_max_label": "maximaal actief"}),
    ("Activiteiten", "gezelligheid", Kind.YES_NO,
     "Organiseren jullie gezellige activiteiten (soos, uitjes, feesten)?", {"required": True}),
    ("Activiteiten", "themabijeenkomsten", Kind.YES_NO,
     "Organiseren jullie themabijeenkomsten?", {"required": True}),
    ("Belangenbehartiging", "belangenbehartiging", Kind.YES_NO,
     "Doen jullie aan collectieve belangenbehartiging in de gemeente?", {"required": True}),
    ("Belangenbehartiging", "tevreden_wel", Kind.YES_NO,
     "Zijn jullie tevreden over jullie belangenbehartiging?",
     {"required": True, "condition": ("belangenbehartiging", ["ja"])}),
    ("Belangenbehartiging", "waarom_niet_tevreden", Kind.LONG_TEXT,
     "Waarom zijn jullie niet tevreden?", {"condition": ("tevreden_wel", ["nee"])}),
    ("Belangenbehartiging", "wie", Kind.MULTIPLE,
     "Wie doet de belangenbehartiging?",
     {"required": True, "options": WHO, "condition": ("belangenbehartiging", ["ja"])}),
    ("Belangenbehartiging", "tevreden_niet", Kind.YES_NO,
     "Zijn jullie tevreden dat jullie niet aan belangenbehartiging doen?",
     {"required": True, "condition": ("belangenbehartiging", ["nee"])}),
    ("Belangenbehartiging", "waarom_geen", Kind.LONG_TEXT,
     "Waarom doen jullie niet aan belangenbehartiging?",
     {"condition": ("belangenbehartiging", ["nee"])}),
    ("Zichtbaarheid en netwerk", "zichtbaar", Kind.YES_NO,
     "Is jullie ledengroep genoeg zichtbaar bij andere partijen?", {}),
    ("Zichtbaarheid en netwerk", "netwerk", Kind.YES_NO,
     "Zijn jullie tevreden over jullie eigen netwerk?", {}),
    ("Signalen", "signalen", Kind.YES_NO,
     "Verzamelen jullie signalen van de achterban?", {"required": True}),
    ("Signalen", "signalen_agenda", Kind.YES_NO,
     "Komen die signalen standaard op de agenda van het bestuur?",
     {"required": True, "condition": ("signalen", ["ja"])}),
    ("Thema's", "themas", Kind.LONG_TEXT,
     "Aan welke thema's werken jullie? Zet elk thema op een eigen regel.", {}),
]  # fmt: skip


TEMPLATE = "monitor"


def installed(organisation) -> Questionnaire | None:
    return Questionnaire.objects.filter(organisation=organisation, template=TEMPLATE).first()


def install_template(organisation, *, user=None) -> tuple[Questionnaire, bool]:
    """The monitoring questionnaire of this organisation, installed once: (it, created). A
    second click (or two at once: the unique constraint) gives the one that is there."""
    existing = installed(organisation)
    if existing is not None:
        return existing, False
    try:
        return _install(organisation, user), True
    except IntegrityError:  # installed by a request running at the same moment
        return installed(organisation), False


def is_template_round(survey_round) -> bool:
    """Whether the overview "as in the report" fits: a round of the monitoring template (its
    questions and keys), not any questionnaire that has the monitoring purpose."""
    return survey_round.questionnaire.from_template(TEMPLATE)


@transaction.atomic
def _install(organisation, user) -> Questionnaire:
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        title=TITLE,
        intro=INTRO,
        purpose=Purpose.MONITORING,
        anonymous=False,
        template=TEMPLATE,
        created_by=user,
    )
    sections: dict[str, Section] = {}
    by_key: dict[str, Question] = {}
    for position, (section, key, kind, text, extra) in enumerate(QUESTIONS):
        if section not in sections:
            sections[section] = Section.objects.create(
                questionnaire=questionnaire, title=section, position=len(sections)
            )
        extra = dict(extra)
        condition = extra.pop("condition", None)
        question = Question(
            questionnaire=questionnaire,
            section=sections[section],
            position=position,
            key=key,
            kind=kind,
            text=text,
            **extra,
        )
        if condition:
            question.condition_question = by_key[condition[0]]
            question.condition_values = condition[1]
        question.save()
        by_key[key] = question
    return questionnaire


# --- The overview ---------------------------------------------------------------------------


@dataclass
class Count:
    label: str
    n: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.n / self.of) if self.of else 0


@dataclass
class Overview:
    invited: int
    answered: int
    average_activity: float | None
    activity_ones: int
    lines: list[tuple[str, list[Count]]] = field(default_factory=list)
    themes: list[tuple[str, int]] = field(default_factory=list)  # (theme, groups naming it)
    themes_left_out: bool = False  # some themes named by too few to show (the rule applies)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.invited) if self.invited else 0


def overview(survey_round) -> Overview:
    """A monitoring round the way `003` tells it: who answered, the average activity, the
    counts per answer, the themes named."""
    from .results import answers_by_key

    answers = answers_by_key(survey_round)
    answered = survey_round.responses.filter(completed_at__isnull=False).count()
    scores = [v for v in answers.get("activiteit", []) if isinstance(v, int)]

    def yes_no(key: str, text_yes: str, text_no: str, of: int | None = None) -> list[Count]:
        values = answers.get(key, [])
        base = answered if of is None else of
        return [
            Count(text_yes, sum(1 for v in values if v is True), base),
            Count(text_no, sum(1 for v in values if v is False), base),
        ]

    doing = sum(1 for v in answers.get("belangenbehartiging", []) if v is True)
    not_doing = sum(1 for v in answers.get("belangenbehartiging", []) if v is False)
    collecting = sum(1 for v in answers.get("signalen", []) if v is True)
    who = answers.get("wie", [])
    lines = [
        (_("Gezellige activiteiten"), yes_no("gezelligheid", _("organiseren ze"), _("niet"))),
        (_("Themabijeenkomsten"), yes_no("themabijeenkomsten", _("organiseren ze"), _("niet"))),
        (
            _("Collectieve belangenbehartiging"),
            yes_no("belangenbehartiging", _("doen eraan"), _("niet")),
        ),
        (
            _("Tevreden over hun belangenbehartiging (van wie eraan doen)"),
            yes_no("tevreden_wel", _("tevreden"), _("niet tevreden"), doing),
        ),
        (
            _("Wie doet de belangenbehartiging? (van wie eraan doen)"),
            [Count(option, sum(1 for v in who if option in v), doing) for option in WHO],
        ),
        (
            _("Tevreden dat ze niet aan belangenbehartiging doen (van wie er niet aan doen)"),
            yes_no("tevreden_niet", _("tevreden"), _("niet tevreden"), not_doing),
        ),
        (_("Genoeg zichtbaar bij andere partijen"), yes_no("zichtbaar", _("ja"), _("nee"))),
        (_("Tevreden over het eigen netwerk"), yes_no("netwerk", _("ja"), _("nee"))),
        (_("Verzamelen signalen van de achterban"), yes_no("signalen", _("ja"), _("nee"))),
        (
            _("Signalen komen standaard op de agenda van het bestuur (van wie ze verzamelen)"),
            yes_no("signalen_agenda", _("ja"), _("nee"), collecting),
        ),
    ]
    themes, left_out = theme_counts(survey_round, answers.get("themas", []))
    return Overview(
        invited=survey_round.invitations.count(),
        answered=answered,
        average_activity=round(sum(scores) / len(scores), 1) if scores else None,
        activity_ones=sum(1 for s in scores if s == 1),
        lines=lines,
        themes=themes,
        themes_left_out=left_out,
    )


def theme_counts(survey_round, texts) -> tuple[list[tuple[str, int]], bool]:
    """How many groups name each theme (one per line; case and bullets forgiven), most named
    first. Under the disclosure rule (a round that is not member groups answering under their
    own name) a theme named by fewer than the threshold is not shown on its own: those go
    into one "andere thema's" row if that reaches the threshold, else are left out (said so)."""
    from . import disclosure

    spelling: dict[str, str] = {}
    counts: Counter[str] = Counter()
    per_response: list[set[str]] = []
    for text in texts:
        named = set()
        for line in str(text).splitlines():
            theme = line.strip(" -•*\t").strip()
            if theme:
                key = theme.casefold()
                spelling.setdefault(key, theme)
                named.add(key)
        counts.update(named)
        per_response.append(named)
    rows = sorted(((spelling[key], n) for key, n in counts.items()), key=lambda r: (-r[1], r[0]))
    if not disclosure.applies(survey_round):
        return rows, False
    k = disclosure.threshold()
    small = {key for key, n in counts.items() if n < k}
    shown = [(theme, n) for theme, n in rows if theme.casefold() not in small]
    others = sum(1 for named in per_response if named & small)
    if others >= k:
        return [*shown, (_("andere thema's"), others)], False
    return shown, bool(small)
