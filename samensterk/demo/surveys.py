"""Two monitoring rounds (spring and autumn, the pilot groups answering as in the seeds' `002`)
and a panel round with a small panel across the pilot municipalities. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation, User
from samensterk.places.models import Municipality
from samensterk.privacy import tokens
from samensterk.surveys import monitoring, services
from samensterk.surveys.models import Kind, PanelMember, Question, Questionnaire

from .people import demo_email

# group slug -> answers per round (spring, autumn): the pilot groups grow more active.
MONITORING = {
    "amsterdam": [
        {"activiteit": 6, "gezelligheid": True, "themabijeenkomsten": True,
         "belangenbehartiging": True, "tevreden_wel": False,
         "waarom_niet_tevreden": "We zijn met te weinig mensen.", "wie": ["Het bestuur"],
         "zichtbaar": False, "netwerk": True, "signalen": True, "signalen_agenda": False,
         "themas": "vervoer naar de dagbesteding\nwonen"},
        {"activiteit": 8, "gezelligheid": True, "themabijeenkomsten": True,
         "belangenbehartiging": True, "tevreden_wel": True,
         "wie": ["Het bestuur", "Een commissie of een paar leden"], "zichtbaar": True,
         "netwerk": True, "signalen": True, "signalen_agenda": True,
         "themas": "vervoer naar de dagbesteding\nwonen\nkeukentafelgesprekken"},
    ],
    "walcheren": [
        {"activiteit": 4, "gezelligheid": True, "themabijeenkomsten": False,
         "belangenbehartiging": False, "tevreden_niet": False,
         "waarom_geen": "De focus ligt op gezelligheid.", "netwerk": False, "signalen": False},
        {"activiteit": 6, "gezelligheid": True, "themabijeenkomsten": True,
         "belangenbehartiging": True, "tevreden_wel": False,
         "waarom_niet_tevreden": "Het is nog niet genoeg.",
         "wie": ["Een commissie of een paar leden"], "zichtbaar": False, "netwerk": True,
         "signalen": True, "signalen_agenda": True, "themas": "regiotaxi\nPGB"},
    ],
    "friesland-zuid": [
        {"activiteit": 5, "gezelligheid": True, "themabijeenkomsten": True,
         "belangenbehartiging": True, "tevreden_wel": True, "wie": ["Het bestuur"],
         "zichtbaar": True, "netwerk": True, "signalen": False, "themas": "Wlz\nmentorschap"},
        {"activiteit": 7, "gezelligheid": True, "themabijeenkomsten": True,
         "belangenbehartiging": True, "tevreden_wel": True, "wie": ["Het bestuur"],
         "zichtbaar": True, "netwerk": True, "signalen": True, "signalen_agenda": True,
         "themas": "Wlz\nmentorschap\nschoolverlaters"},
    ],
}  # fmt: skip

PANEL = [
    ("Ahmed Yilmaz", "GM0363", "zelf", True), ("Els Bakker", "GM0363", "naaste", True),
    ("Ruud de Groot", "GM0363", "zelf", False), ("Noor Hendriks", "GM0363", "zelf", True),
    ("Kees Pronk", "GM0363", "naaste", True), ("Lies de Jong", "GM0363", "zelf", True),
    ("Bram Minderhoud", "GM0687", "zelf", False), ("Tineke Wisse", "GM0687", "naaste", True),
    ("Jelle Hoekstra", "GM1900", "zelf", True), ("Sietske Visser", "GM1900", "naaste", False),
]  # fmt: skip


def load_surveys(organisation: Organisation) -> bool:
    """Creates the demo questionnaires and rounds once; False when they are there already."""
    if Questionnaire.objects.filter(organisation=organisation).exists():
        return False
    staff = User.objects.get(email=demo_email("landelijk"))
    today = timezone.localdate()
    groups = list(LocalGroup.objects.filter(organisation=organisation).order_by("name"))
    questionnaire, _created = monitoring.install_template(organisation, user=staff)
    for index, title in enumerate(["Monitor voorjaar", "Monitor najaar"]):
        survey_round = services.round_open(
            questionnaire, user=staff, title=title, audience="groepen",
            closes_on=today + timedelta(days=30), groups=groups,
        )  # fmt: skip
        for slug, rounds in MONITORING.items():
            services.answer_by_key(survey_round.invitations.get(group__slug=slug), rounds[index])
        if index == 0:
            services.round_close(survey_round)
    members = []
    for name, code, relation, answers_yes in PANEL:
        member, _ = PanelMember.objects.get_or_create(
            organisation=organisation,
            email=f"{name.split()[0].lower()}@panel.voorbeeld.nl",
            defaults={
                "name": name,
                "municipality": Municipality.objects.get(code=code),
                "relation": relation,
                "consent_at": timezone.now(),
                "secret": tokens.new_nonce(),
            },
        )
        members.append((member, answers_yes))
    panel = Questionnaire.objects.create(
        organisation=organisation, title="Panel: wonen met begeleiding", purpose="panel",
        anonymous=True, created_by=staff,
        intro="Drie korte vragen over waar je woont. Je antwoorden zijn anoniem.",
    )  # fmt: skip
    questions = [
        ("woning", Kind.YES_NO, "Woon je op een plek die bij je past?", {}),
        ("tevreden", Kind.SCALE, "Hoe tevreden ben je over je begeleiding?",
         {"scale_min": 1, "scale_max": 5, "scale_min_label": "niet", "scale_max_label": "heel erg"}),
        ("wens", Kind.LONG_TEXT, "Wat zou je willen veranderen?", {}),
    ]  # fmt: skip
    for position, (key, kind, text, extra) in enumerate(questions):
        Question.objects.create(
            questionnaire=panel, key=key, kind=kind, text=text, position=position,
            required=key != "wens", **extra,
        )  # fmt: skip
    survey_round = services.round_open(
        panel, user=staff, title="Panel najaar: wonen", audience="panel",
        closes_on=today + timedelta(days=21), panel_members=[m for m, _yes in members],
    )  # fmt: skip
    for index, (member, yes) in enumerate(members[:8]):
        services.answer_by_key(
            survey_round.invitations.get(panel_member=member),
            {"woning": yes, "tevreden": 3 + index % 3, "wens": "Meer hulp in de avond."},
        )
    return True
