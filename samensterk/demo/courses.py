"""The training programme of the seeds (`001`, `002` section 4) as demo data: three course types
with a few course-book pages, three trainers, sessions to come (one full, with a waiting list)
and one that has been, with its attendance. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import Organisation
from samensterk.courses import services
from samensterk.courses.models import CoursePage, CourseType, Registration, Session, Trainer

TYPES = [
    ("Lokale Belangenbehartiging",
     "Je leert hoe je in je eigen gemeente opkomt voor mensen met een verstandelijke beperking. "
     "In de ochtend vertel je over wat je zelf meemaakte; in de middag oefen je met netwerken: "
     "vogels spotten, vlinderen, vlooien en trompetteren.",
     "Ouders, verwanten, vertegenwoordigers en mensen met een beperking zelf", "Eén dag"),
    ("Belangenbehartiging in duo's",
     "Samen met iemand met (of zonder) een verstandelijke beperking bereid je een presentatie "
     "voor en geef je die. Met terugkomdagen om ervaringen te delen.",
     "Duo's van iemand met en iemand zonder verstandelijke beperking", "Eén dag en terugkomdagen"),
    ("Train-de-trainer",
     "Word zelf trainer van de cursus Lokale Belangenbehartiging: een informatiedeel en twee "
     "vaardigheidsdelen.", "Ervaren belangenbehartigers", "Drie dagdelen"),
]  # fmt: skip

PAGES = [
    ("Waarom lokale belangenbehartiging?",
     "Sinds 2015 beslist de gemeente over veel zorg en ondersteuning. Wie de gemeente kent, kan "
     "opkomen voor mensen met een beperking."),
    ("Stap 1: vogels spotten", "Wie is wie in de gemeente? Maak een lijst van wethouders, "
     "ambtenaren, de Wmo-raad en organisaties."),
    ("Stap 2: vlinderen", "Maak kennis en luister. Vertel kort wie je bent en waarvoor je staat."),
    ("Stap 3: vlooien", "Houd contact: bel, mail, ga langs. Laat zien dat je er bent."),
    ("Stap 4: trompetteren", "Laat regelmatig van je horen, ook via sociale media."),
]  # fmt: skip

TRAINERS = [("Jetske de Jong", [0, 2]), ("Mohamed Amrani", [0, 1]), ("Ria Visser", [1])]

PEOPLE = ["Anita van der Veen", "Henk Jansen", "Fatma Yildiz", "Peter de Boer", "Sandra Kok",
          "Joost Meijer", "Inge de Wit", "Karim El Idrissi", "Lotte Smit", "Wim Bakker",
          "Marja Dekker", "Tom Vos", "Els Mulder", "Ruud Kramer"]  # fmt: skip


def load_courses(organisation: Organisation) -> bool:
    if CourseType.objects.filter(organisation=organisation).exists():
        return False
    types = []
    for name, description, audience, duration in TYPES:
        types.append(
            CourseType.objects.create(
                organisation=organisation,
                name=name,
                description=description,
                audience=audience,
                duration=duration,
                is_train_the_trainer=name == "Train-de-trainer",
            )  # fmt: skip
        )
    types[2].qualifies_for.set([types[0]])
    for position, (title, body) in enumerate(PAGES):
        CoursePage.objects.create(course_type=types[0], title=title, body=body, position=position)
    trainers = []
    for name, qualified in TRAINERS:
        trainer = Trainer.objects.create(
            organisation=organisation, name=name, availability="doordeweeks overdag"
        )
        trainer.qualified_for.set([types[i] for i in qualified])
        trainers.append(trainer)
    today = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    plans = [
        (types[0], today + timedelta(days=21), "Utrecht, Vergadercentrum De Baan", 12, [0], 8),
        (types[1], today + timedelta(days=35), "Amsterdam, Buurthuis De Pijp", 6, [2], 8),
        (types[0], today + timedelta(days=56), "Middelburg, Zeeuwse Bibliotheek", 12, [1], 3),
    ]
    for course_type, start, place, capacity, who, signed_up in plans:
        session = services.session_save(
            Session(course_type=course_type, starts_at=start, ends_at=start + timedelta(hours=6),
                    place=place, capacity=capacity),
            trainers=[trainers[i] for i in who],
        )  # fmt: skip
        for name in PEOPLE[:signed_up]:
            services.register(session, name=name, email=_email(name))
    # One that has been, with who came.
    past_start = today - timedelta(days=40)
    past = Session.objects.create(
        course_type=types[0], starts_at=past_start, ends_at=past_start + timedelta(hours=6),
        place="Rotterdam, Wijkcentrum Oost", capacity=12,
    )  # fmt: skip
    past.trainers.set([trainers[0]])
    from samensterk.privacy.tokens import new_nonce

    for index, name in enumerate(PEOPLE[:9]):
        Registration.objects.create(
            session=past, name=name, email=_email(name), status="aangemeld",
            attended=index != 4, nonce=new_nonce(),
        )  # fmt: skip
    return True


def _email(name: str) -> str:
    return name.lower().replace(" ", ".") + "@voorbeeld.nl"
