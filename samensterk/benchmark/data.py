"""Synthetic signals for the benchmark: realistic texts and distributions, generated quickly.

A signal tells one *concrete problem* (a kind of trouble from the demo stories, at a named care
provider, school or carrier). Problems are drawn from a long-tailed distribution, so some are
told by many people and most by one, each time by another kind of writer (someone writing
simply with spelling mistakes, a parent, a mentor, a terse phone note by staff) with other
extra sentences. Text lengths run from one line to a long letter (median about 250 characters);
themes, municipalities and dates follow skewed distributions, as real signals do.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Iterator
from itertools import accumulate

PROVIDER_KINDS = [
    "Stichting",
    "Zorggroep",
    "Dagcentrum",
    "Woonlocatie",
    "Taxibedrijf",
    "Basisschool",
    "Zorgboerderij",
    "Wijkteam",
    "Activiteitencentrum",
    "Woongroep",
]
PROVIDER_NAMES = """
    Linde Eik Beuk Klaproos Zonnebloem Horizon Regenboog Vlinder Anker Baken Kompas Waterlelie
    Meander Duinroos Heide Esdoorn Wilg Berk Kastanje Hazelaar Lindehof Rozenhof Zonnehof Parel
    Schakel Brug Toekomst Ommezwaai Kameleon Vuurtoren Vogelzang Merel Lijster Zwaluw Ooievaar
    Reiger Kievit Fazant Wielewaal Boomgaard Korenbloem Vergeetmenietje Madelief Lavendel Tulp
    Narcis Hyacint Krokus Sneeuwklok Akker Weide Polder Dijk Molen Sluis Haven Kade Terp Wierde
    Brink Hoeve Spijker Schuur Tuinen Vennen Bron Beek Stroom Oever Branding Golfslag Duin
    Strand Wad Kwelder Eiland Noorderlicht Zuiderzon Oosterpoort Westerkim Morgenster Avondrood
    Dageraad Zonnewijzer Windroos Kristal Diamant Smaragd Saffier Robijn Amber Jade Koraal
    Opaal Topaas Granaat Parelhoen Eekhoorn Egel Das Vos Haas Konijn Otter Bever Hert Ree
    Bunzing Wezel Marter Zeehond Bruinvis Dolfijn Walvis
""".split()  # noqa: SIM905
WRITERS = ["simple", "parent", "mentor", "staff"]
OPENERS = {
    "parent": [
        "",
        "Als moeder wil ik dit melden. ",
        "Wij zijn de ouders van Sem. ",
        "Namens ons gezin: ",
    ],
    "mentor": [
        "Als mentor van mijn cliënt meld ik het volgende. ",
        "Als wettelijk vertegenwoordiger: ",
    ],
    "staff": [
        "Beller (ouder): ",
        "Moeder belt: ",
        "Vader belt: ",
        "Begeleider belt: ",
        "Cliënt belt zelf: ",
    ],
    "simple": [""],
}
PROVIDER_SENTENCES = [
    "Het gaat om {provider}.",
    "Dit speelt bij {provider} in {place}.",
    "Bij {provider} zeggen ze dat ze er niets aan kunnen doen.",
    "We hebben het al drie keer gemeld bij {provider}.",
    "Het gaat om de locatie van {provider} aan de {street}.",
    "De begeleiding van {provider} komt op de {street} niet meer langs.",
]
DETAIL_SENTENCES = [
    "Hij heeft ook last van {term}.",
    "Vanwege {term} moet er iemand in de buurt zijn.",
    "De huisarts noemde het {term}.",
    "We wonen aan de {street}.",
    "Het gebeurde bij de halte aan de {street}.",
]
EXTRA = [
    "Dit is al de derde keer.",
    "Wij weten niet meer waar we terecht kunnen.",
    "Andere ouders hebben hetzelfde probleem.",
    "Graag aandacht hiervoor.",
    "Mijn zoon is er erg van in de war.",
    "Niemand belt terug.",
    "Ik heb een klacht ingediend maar nog geen antwoord gekregen.",
    "Het kost ons als gezin heel veel energie.",
    "De gemeente verwijst naar de zorgaanbieder en de zorgaanbieder naar de gemeente.",
    "We zijn bang dat het nog erger wordt.",
    "Kan de groep dit meenemen naar het overleg met de wethouder?",
    "Ik wil graag dat er iets verandert voor iedereen, niet alleen voor ons.",
    "Mijn dochter slaapt er slecht van.",
    "De brief die we kregen was niet te begrijpen.",
    "Het duurt allemaal veel te lang.",
    "We hebben al een gesprek gehad maar daar kwam niets uit.",
    "Er is geen vast aanspreekpunt meer.",
    "Ik hoop dat jullie hier iets mee kunnen doen.",
    "Misschien kan de cliëntondersteuner helpen, maar die heeft geen tijd.",
    "Het is niet de eerste keer dat dit gebeurt in onze buurt.",
]
STAFF_ENDINGS = [
    "Terugbellen.",
    "Doorverwezen naar ledengroep.",
    "Info gestuurd.",
    "Wil klacht indienen.",
    "",
]
SIMPLE_ENDINGS = [
    "ik vind dat niet leuk",
    "dat is niet eerlijk",
    "ik ben boos",
    "kan iemand helpen",
    "",
]
MISSPELLINGS = [("ij", "y"), ("ch", "g"), ("au", "ou"), ("dt", "t"), ("ei", "ij"), ("ee", "e")]


class Generator:
    def __init__(self, seed: int = 7, *, places: int = 1, problems: int = 400_000):
        from samensterk.demo.signals import STORIES

        self.rng = random.Random(seed)
        self.stories = STORIES
        self.problems = problems
        self.providers = [f"{k} {n}" for k in PROVIDER_KINDS for n in PROVIDER_NAMES]
        # Real names from deduce's lookup lists (installed with it, offline): care providers,
        # streets and medical terms give the texts a realistic, long-tailed vocabulary.
        self.institutions = _lookup("institutions/lst_healthcare_institution")
        self.streets = _lookup("locations/lst_street")
        self.terms = _lookup("whitelist/lst_medical_term")
        # A few municipalities are big: rank r has weight 1 / (r + 1) ** 0.8.
        self.place_weights = list(accumulate(1 / (r + 1) ** 0.8 for r in range(places)))

    def problem(self) -> dict:
        """A concrete problem: theme, story, provider, street, place. Long-tailed: the most
        common is told by about 1 in 600 reporters, most by a few."""
        number = int(self.problems * self.rng.random() ** 2)
        local = random.Random(number)
        theme, story = self.stories[local.randrange(len(self.stories))]
        providers = self.institutions if local.random() < 0.7 else self.providers
        place = bisect(self.place_weights, local.random() * self.place_weights[-1])
        return {
            "theme": theme,
            "story": story,
            "provider": providers[local.randrange(len(providers))],
            "street": self.streets[local.randrange(len(self.streets))],
            "place": min(place, len(self.place_weights) - 1),
        }

    def text(self, problem: dict, place: str) -> str:
        """One telling of a problem, by a random kind of writer."""
        rng = self.rng
        writer = rng.choice(WRITERS)
        parts = [rng.choice(OPENERS[writer]) + problem["story"].format(gemeente=place)]
        if rng.random() < 0.7:
            parts.append(
                rng.choice(PROVIDER_SENTENCES).format(
                    provider=problem["provider"], place=place, street=problem["street"]
                )
            )
        if rng.random() < 0.3:
            parts.append(
                rng.choice(DETAIL_SENTENCES).format(
                    term=rng.choice(self.terms), street=rng.choice(self.streets)
                )
            )
        # Most add a sentence or two; a few write a long letter.
        extra = rng.choices([0, 1, 2, 3, 5, 9, 25], weights=[25, 30, 20, 12, 7, 4, 2])[0]
        parts += rng.sample(EXTRA, extra) if extra <= len(EXTRA) else rng.choices(EXTRA, k=extra)
        if writer == "staff":
            parts = [parts[0][:160], rng.choice(STAFF_ENDINGS)]
        text = " ".join(p for p in parts if p)
        if writer == "simple":
            text = text.lower().replace(",", "")
            for correct, wrong in rng.sample(MISSPELLINGS, 2):
                text = text.replace(correct, wrong, 1)
            text += " " + rng.choice(SIMPLE_ENDINGS)
        return text.strip()


def synthetic_rows(n: int, seed: int = 7, places: list[str] | None = None) -> Iterator[dict]:
    """n signals: number, text, theme, place (an index into `places`), days_ago, status."""
    places = places or ["onze gemeente"]
    generator = Generator(seed, places=len(places))
    rng = generator.rng
    for number in range(n):
        problem = generator.problem()
        yield {
            "number": number,
            "text": generator.text(problem, places[problem["place"]]),
            "theme": problem["theme"],
            "place": problem["place"],
            "days_ago": min(729.0, rng.expovariate(1 / 200)),
            "status": rng.choices(
                ["nieuw", "in_behandeling", "besproken", "afgerond"], weights=[3, 2, 4, 3]
            )[0],
            "shared": rng.random() < 0.4,
        }


def _lookup(name: str) -> list[str]:
    from pathlib import Path

    import deduce

    path = Path(deduce.__file__).parent / "data" / "lookup" / "src" / name / "items.txt"
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


# --- Filling the scratch database -----------------------------------------------------------


def fill(n: int, *, progress=None) -> dict:
    """The demo organisation, groups and people, and N synthetic signals."""
    import hashlib
    import uuid
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from samensterk.demo.people import load_people
    from samensterk.intake.models import Signal
    from samensterk.intake.services import INSERT_BATCH
    from samensterk.themes.models import Theme

    people = load_people()
    organisation = people["organisation"]
    groups = sorted(people["groups"].values(), key=lambda g: g.slug)
    # Every (group, municipality) of the groups' areas; a problem belongs to one of them.
    areas = [(g, m) for g in groups for m in g.municipalities.order_by("code")]
    themes = {t.code: t.pk for t in Theme.objects.all()}
    now = timezone.now()
    batch = []
    with transaction.atomic():
        for row in synthetic_rows(n, places=[m.name for _g, m in areas]):
            group, municipality = areas[row["place"]]
            national = row["number"] % 20 == 0  # the national office's own (phone) signals
            key = hashlib.blake2b(row["number"].to_bytes(8, "big"), digest_size=16).digest()
            received = now - timedelta(days=row["days_ago"])
            batch.append(
                Signal(
                    organisation_id=organisation.pk,
                    group_id=None if national else group.pk,
                    reference=f"S-{row['number']:09d}",
                    submission_id=uuid.UUID(bytes=key),
                    tracking_hash=key.hex() * 2,
                    channel="telefoon" if national else "meldknop",
                    received_at=received,
                    municipality_id=municipality.pk,
                    theme_id=themes.get(row["theme"]),
                    story=row["text"],
                    story_pseudonymised=row["text"],
                    status=row["status"],
                    shared_with_national=national or row["shared"],
                )
            )
            if len(batch) == 20_000:
                Signal.objects.bulk_create(batch, batch_size=INSERT_BATCH)
                batch = []
                if progress:
                    progress(row["number"] + 1)
        Signal.objects.bulk_create(batch, batch_size=INSERT_BATCH)
    return {"organisation": organisation, "groups": groups}
