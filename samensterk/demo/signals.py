"""Several hundred realistic demo signals across groups, themes, municipalities and statuses.

Deterministic (a fixed random seed) and idempotent: every demo signal has an external id
"demo-N", and existing ones are left alone.
"""

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.intake import services, tasks
from samensterk.intake.models import Channel, ReporterRole, Signal, Status
from samensterk.themes.models import Theme

# (theme code, story). {gemeente} is filled in with the signal's municipality.
STORIES = [
    (
        "vervoer",
        "De taxi naar de dagbesteding kwam vanochtend weer een uur te laat. Mijn zoon stond in de kou te wachten. Dit is al de derde keer deze maand in {gemeente}.",
    ),
    (
        "vervoer",
        "ik moet altyd heel lang weachten op de taxi. de chaufeur is boos op mij als ik niet snel ben. ik vind dat niet leuk",
    ),
    (
        "vervoer",
        "Leerlingenvervoer in {gemeente}: onze dochter zit elke dag anderhalf uur in het busje omdat de route langs vijf scholen gaat. Ze is doodmoe als ze thuiskomt.",
    ),
    (
        "vervoer",
        "Belt namens cliënt. Regiotaxi weigerde rolstoel mee te nemen, rit geannuleerd. Wil klacht indienen. Terugbellen.",
    ),
    (
        "wmo",
        "Wij hebben in januari een aanvraag gedaan voor begeleiding via de Wmo bij de gemeente {gemeente}. Na vier maanden hebben we nog steeds geen beschikking. Niemand belt terug.",
    ),
    (
        "wmo",
        "Het keukentafelgesprek ging alleen over wat mijn broer zelf kan. Dat hij een verstandelijke beperking heeft en alles 'ja' zegt, werd niet gezien. Nu krijgt hij minder uren begeleiding.",
    ),
    (
        "wmo",
        "De eigen bijdrage voor de huishoudelijke hulp is omhoog gegaan. Mijn moeder kan dat niet betalen en wil nu stoppen met de hulp.",
    ),
    (
        "wmo",
        "Beller (ouder): indicatie begeleiding individueel verlaagd van 6 naar 3 uur per week zonder nieuw gesprek. Bezwaar gemaakt, nog geen reactie.",
    ),
    (
        "wlz",
        "In de woongroep van mijn dochter zijn steeds nieuwe invalkrachten. Ze kent niemand meer en is erg onrustig. Er is een groot personeelstekort.",
    ),
    (
        "wlz",
        "De CIZ-indicatie voor de Wlz is afgewezen omdat hij 'te zelfstandig' zou zijn. Zonder toezicht 's nachts gaat het echt mis.",
    ),
    (
        "wlz",
        "Zorgaanbieder heeft de logeeropvang gesloten. Ouders van twaalf bewoners in {gemeente} weten niet waar ze terecht kunnen.",
    ),
    (
        "pgb",
        "De SVB betaalt de zorgverleners van mijn zoon al twee maanden niet uit. Ze dreigen te stoppen. Ik ben budgethouder en weet niet meer wat ik moet doen.",
    ),
    (
        "pgb",
        "Gemeente wil het pgb-tarief voor informele hulp verlagen. Dan kan mijn zus de zorg voor onze broer niet meer doen.",
    ),
    (
        "pgb",
        "Telefonisch: vraag over verantwoording pgb, formulieren te ingewikkeld, wil hulp bij invullen.",
    ),
    (
        "onderwijs",
        "Mijn zoon zit al een half jaar thuis. Geen school in de regio {gemeente} wil hem toelaten. Passend onderwijs bestaat niet voor hem.",
    ),
    (
        "onderwijs",
        "Na het speciaal onderwijs is er geen plek bij werk of dagbesteding. Onze dochter zit nu de hele dag thuis op de bank.",
    ),
    (
        "onderwijs",
        "De school zegt dat er geen geld is voor een extra begeleider in de klas. Zonder begeleider kan mijn kind niet meedoen.",
    ),
    (
        "werk_inkomen",
        "ik werk bij de sociale werkplaats maar die gaat dicht. ik weet niet waar ik dan moet werken. ik wil wel graag werken",
    ),
    (
        "werk_inkomen",
        "De Wajong-uitkering van mijn zoon is gekort omdat hij een paar uur werkt. Nu houdt hij minder over dan toen hij niet werkte.",
    ),
    (
        "werk_inkomen",
        "Beschut werk in {gemeente}: er zijn maar vier plekken en een wachtlijst van een jaar.",
    ),
    (
        "werk_inkomen",
        "Mentor meldt: cliënt heeft schulden door toeslagen die terug moesten. Bewindvoerder gezocht, wachtlijst.",
    ),
    (
        "dagbesteding",
        "De dagbesteding van mijn dochter in {gemeente} sluit op vrijdag. Nu moet ik een dag minder werken.",
    ),
    (
        "dagbesteding",
        "ik ben alleen in het weekend. er is geen club meer voor mij. ik wil graag iets doen met andere mensen",
    ),
    (
        "dagbesteding",
        "De soos voor jongeren met een beperking is gestopt omdat de subsidie van de gemeente weg is. Veel jongeren zijn nu eenzaam.",
    ),
    (
        "wonen",
        "Mijn zoon van 27 wil zelfstandig wonen met begeleiding. De wachtlijst in {gemeente} is zeven jaar. Wij worden ouder.",
    ),
    (
        "wonen",
        "De woningcorporatie wil de woning niet aanpassen. Mijn man kan de trap niet meer op.",
    ),
    (
        "wonen",
        "Beschermd wonen: bewoners moeten verhuizen omdat het gebouw wordt verkocht. Niemand heeft de familie gevraagd.",
    ),
    (
        "vertegenwoordiging",
        "Ik ben mentor van mijn broer. De zorginstelling vraagt mij niets meer. Ik hoor pas achteraf dat zijn medicijnen zijn veranderd.",
    ),
    (
        "vertegenwoordiging",
        "Wij willen een testament maken voor onze dochter met een beperking. Waar kunnen we terecht voor goed advies?",
    ),
    (
        "vertegenwoordiging",
        "De bewindvoerder reageert niet op mails en mijn zus heeft geen leefgeld deze week.",
    ),
    (
        "toegang",
        "Bij het wijkteam in {gemeente} word ik steeds doorgestuurd. Niemand weet wat een verstandelijke beperking is.",
    ),
    (
        "toegang",
        "Er is geen onafhankelijke cliëntondersteuner beschikbaar. Ik moest het gesprek met de gemeente alleen voeren.",
    ),
    (
        "toegang",
        "Ouder belt: weet niet of het onder Wmo, Jeugdwet of Wlz valt. Wordt van loket naar loket gestuurd.",
    ),
    (
        "jeugd",
        "Mijn zoon wordt 18. De jeugdhulp stopt en de Wmo-begeleiding begint pas over drie maanden. Wat moeten we in de tussentijd?",
    ),
    (
        "jeugd",
        "Logeeropvang voor kinderen is weggevallen in {gemeente}. Als ouders houden we het zo niet vol.",
    ),
    (
        "gezondheid",
        "De huisarts nam niet de tijd om het uit te leggen. Mijn dochter begreep er niets van en kreeg toch medicijnen mee.",
    ),
    ("gezondheid", "Een aangepaste rolstoel via de zorgverzekering duurt al negen maanden."),
    (
        "gezondheid",
        "In het ziekenhuis wist niemand hoe ze met mijn broer moesten praten. Er was geen begeleider toegestaan.",
    ),
    (
        "inspraak",
        "De Wmo-raad in {gemeente} heeft niemand die ervaring heeft met een verstandelijke beperking. Wij worden niet gehoord.",
    ),
    ("inspraak", "De cliëntenraad wordt niet betrokken bij de bezuinigingen van de zorgaanbieder."),
    (
        "toegankelijkheid",
        "de brief van de gemeente snap ik niet. er staan moeilijke woorden in. ik weet niet wat ik moet doen",
    ),
    (
        "toegankelijkheid",
        "De website van de gemeente {gemeente} werkt alleen met DigiD. Mijn broer kan dat niet zelf en ik mag niet voor hem inloggen.",
    ),
    (
        "toegankelijkheid",
        "Het gemeentehuis heeft geen lift bij de ingang aan de zijkant. Met de rolstoel kom ik er niet in.",
    ),
    (
        "toegankelijkheid",
        "Medewerker van de bus lachte mijn zoon uit omdat hij niet snel genoeg kon betalen. Hij durft nu niet meer alleen te reizen.",
    ),
]
ROLES = [
    (ReporterRole.FAMILY, 45),
    (ReporterRole.SELF, 20),
    (ReporterRole.REPRESENTATIVE, 15),
    (ReporterRole.PROFESSIONAL, 8),
    (ReporterRole.VOLUNTEER, 7),
    (ReporterRole.UNKNOWN, 5),
]
CHANNELS = [
    (Channel.MELDKNOP, 40),
    (Channel.PHONE, 25),
    (Channel.EMAIL, 10),
    (Channel.PAPER, 10),
    (Channel.MEETING, 15),
]
STATUSES = [
    (Status.NEW, 25),
    (Status.IN_PROGRESS, 15),
    (Status.DISCUSSED, 25),
    (Status.BUNDLED, 10),
    (Status.FORWARDED, 8),
    (Status.NO_ACTION, 7),
    (Status.CLOSED, 10),
]
PER_GROUP = 90
NATIONAL = 60


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load_signals(organisation: Organisation) -> int:
    """Create the demo signals that are missing; returns how many were created."""
    existing = set(
        Signal.objects.filter(
            organisation=organisation, external_id__startswith="demo-"
        ).values_list("external_id", flat=True)
    )
    rng = random.Random(20161114)  # the date of the programme's final report
    themes = {t.code: t for t in Theme.objects.all()}
    groups = list(
        LocalGroup.objects.filter(organisation=organisation)
        .prefetch_related("municipalities")
        .order_by("slug")
    )
    consent = services.consent_text_current(organisation)
    now = timezone.now()
    owners = [(g, list(g.municipalities.all())) for g in groups for _ in range(PER_GROUP)]
    national_areas = [m for g in groups for m in g.municipalities.all()]
    owners += [(None, national_areas) for _ in range(NATIONAL)]
    items = []
    for number, (group, municipalities) in enumerate(owners, start=1):
        # Draw everything first, so that each signal is the same whether or not it exists.
        theme_code, story = rng.choice(STORIES)
        municipality = (
            rng.choice(municipalities) if municipalities and rng.random() < 0.85 else None
        )
        received_at = now - timedelta(days=rng.triangular(0, 730, 60), hours=rng.random() * 10)
        role, channel, status = _pick(rng, ROLES), _pick(rng, CHANNELS), _pick(rng, STATUSES)
        consents = [rng.random() < 0.8, rng.random() < 0.6, rng.random() < 0.3]
        confirmed = status != Status.NEW or rng.random() < 0.3
        submission_id = uuid.UUID(int=rng.getrandbits(128))
        external_id = f"demo-{number}"
        if external_id in existing:
            continue
        if group is None:
            channel = rng.choice([Channel.PHONE, Channel.EMAIL])
        text = story.format(gemeente=municipality.name if municipality else "onze gemeente")
        items.append(
            {
                "group": group,
                "channel": channel,
                "story": text,
                "received_at": received_at,
                "reporter_role": role,
                "municipality": municipality,
                "theme": themes.get(theme_code) if confirmed else None,
                "consent_anonymous_use": consents[0],
                "consent_share_national": consents[1] or group is None,
                "consent_contact": consents[2],
                "contact_email": f"melder{number}@voorbeeld.example" if consents[2] else "",
                "consent_text": consent,
                "external_id": external_id,
                "status": status,
                "submission_id": submission_id,
            }
        )
    # One batch, as an import does; the worker pseudonymises the stories afterwards.
    created = len(services.signal_create_many(organisation=organisation, items=items))
    if created:
        tasks.enqueue_on_commit(tasks.pseudonymise_pending, organisation.pk)
    Signal.objects.filter(
        external_id__startswith="demo-", status=Status.DISCUSSED, discussed_at=None
    ).update(discussed_at=now)
    return created
