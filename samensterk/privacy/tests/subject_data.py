"""One person, Marieke de Boer, in every place Samen Sterk keeps people, for the tests of
data-subject requests: the Alfa characters of samensterk.test, plus Omega's own copy (which
Alfa's staff must never find)."""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from samensterk.advocacy.models import Advocate, Duo, DuoEvaluation, Presentation, Who
from samensterk.advocacy.services import request_create
from samensterk.coalitions.services import coalition_create, share
from samensterk.courses import services as courses
from samensterk.courses.models import CourseType, Session, Trainer
from samensterk.network.models import ContactKind, ContactMoment, Person
from samensterk.places.models import Municipality
from samensterk.surveys.models import Audience, PanelMember, Questionnaire
from samensterk.surveys.services import round_open
from samensterk.test import make_signal

NAME = "Marieke de Boer"
EMAIL = "marieke.deboer@example.org"
PHONE = "06-12345678"


def make_subject(case) -> SimpleNamespace:
    """Marieke everywhere in Alfa (and once in Omega); returns what was made."""
    amsterdam = Municipality.objects.get(code="GM0363")
    made = SimpleNamespace()
    contact = {
        "consent_contact": True,
        "contact_name": NAME,
        "contact_email": EMAIL,
        "contact_phone": PHONE,
    }
    made.contact_signal = make_signal(
        case.group_a, story="De taxi naar de dagbesteding kwam weer niet.", **contact
    )
    made.national_story = make_signal(
        organisation=case.alfa,
        story=f"{NAME} belde: haar zoon kreeg geen vervoer. Bel haar op +31 6 1234 5678.",
    )
    made.group_b_story = make_signal(case.group_b, story=f"Mevrouw {NAME} vertelde over de Wmo.")
    made.omega_signal = make_signal(case.group_x, story="Elders.", **contact)

    made.person = Person.objects.create(
        organisation=case.alfa,
        municipality=amsterdam,
        name=NAME,
        role="Beleidsmedewerker Wmo",
        email=EMAIL.upper(),
        phone="+31 (0)6 1234 5678",
        notes="Heeft een dochter op de dagbesteding.",
        key_contact=True,
    )
    made.moment = ContactMoment.objects.create(
        organisation=case.alfa,
        person=made.person,
        date=timezone.localdate(),
        kind=ContactKind.MEETING,
        discussed=f"Gesprek met {NAME} over het leerlingenvervoer.",
    )
    made.omega_person = Person.objects.create(organisation=case.omega, name=NAME, email=EMAIL)
    made.coalition = coalition_create(
        organisation=case.alfa, user=case.sanne, name="Vervoer Amsterdam", municipality=amsterdam
    )
    made.shared = share(made.coalition, made.person, user=case.sanne)

    made.member = PanelMember.objects.create(
        organisation=case.alfa,
        name=NAME,
        email=EMAIL,
        municipality=amsterdam,
        consent_at=timezone.now(),
        secret="geheim-panel",
    )
    questionnaire = Questionnaire.objects.create(
        organisation=case.alfa, title="Ervaringen met vervoer", anonymous=False
    )
    made.panel_round = round_open(
        questionnaire,
        user=case.sanne,
        title="Panelronde",
        audience=Audience.PANEL,
        closes_on=timezone.localdate() + timedelta(days=7),
        panel_members=[made.member],
    )
    made.people_round = round_open(
        questionnaire,
        user=case.sanne,
        title="Ronde voor ouders",
        audience=Audience.PEOPLE,
        closes_on=timezone.localdate() + timedelta(days=7),
        people=[(NAME, EMAIL), ("Piet Peters", "piet@example.org")],
    )
    made.invitation = made.people_round.invitations.get(email=EMAIL)

    course_type = CourseType.objects.create(
        organisation=case.alfa, name="Netwerken in de gemeente", description="Wie is wie."
    )
    start = timezone.now() + timedelta(days=10)
    made.session = Session.objects.create(
        course_type=course_type, starts_at=start, ends_at=start + timedelta(hours=3), capacity=1
    )
    made.registration = courses.register(made.session, name=NAME, email=EMAIL, phone=PHONE)
    made.waiting = courses.register(made.session, name="Piet Peters", email="piet@example.org")
    made.trainer = Trainer.objects.create(organisation=case.alfa, name=NAME, email=EMAIL)

    made.request = request_create(
        organisation=case.alfa,
        group=case.group_a,
        user=case.carla,
        contact={"name": NAME, "email": EMAIL, "phone": "0612345678"},
        kind="meegaan",
        what=f"{NAME} wil hulp bij het keukentafelgesprek over haar zoon.",
        municipality=amsterdam,
    )
    made.text_request = request_create(
        organisation=case.alfa,
        group=case.group_a,
        user=case.carla,
        contact={"name": "Iemand Anders"},
        kind="advies",
        what=f"Buurvrouw {NAME} raadde ons aan te bellen.",
        municipality=amsterdam,
    )
    made.advocate = Advocate.objects.create(organisation=case.alfa, name=NAME)
    made.duo = Duo.objects.create(
        organisation=case.alfa, group=case.group_a, person_with=NAME, person_without="Jan Jansen"
    )
    presentation = Presentation.objects.create(
        duo=made.duo, title="Ons verhaal", date=timezone.localdate()
    )
    answers = dict.fromkeys(
        ["feeling", "role_clear", "went_well", "better", "contribution", "pitfalls"], "Goed."
    )
    made.own_evaluation = DuoEvaluation.objects.create(
        presentation=presentation, who=Who.WITH, **answers
    )
    made.other_evaluation = DuoEvaluation.objects.create(
        presentation=presentation, who=Who.WITHOUT, **answers
    )
    return made
