"""An advocate pool (a Wmo-committee of five across the pilot municipalities), two support
requests of the Amsterdam group (one assigned, one done with its outcome) and a duo with a
prepared presentation, its run sheet and one evaluation. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation, User
from samensterk.advocacy import services
from samensterk.advocacy.models import Advocate, Duo, DuoEvaluation, Presentation
from samensterk.courses.models import CourseType
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .people import demo_email

POOL = [
    ("Joke Brouwer", ["GM0363"], ["wmo", "wonen"], ["wmo"], "dinsdag en donderdag"),
    ("Hans de Vos", ["GM0363", "GM0687"], ["wlz", "pgb"], ["wlz", "pgb"], "doordeweeks"),
    ("Aaltje Postma", ["GM1900"], ["wmo", "vervoer"], ["wmo"], "ochtenden"),
    ("Gerrit Sinke", ["GM0687", "GM0718", "GM0717"], ["jeugd"], ["jeugdwet"], "na vijf uur"),
    ("Yvonne Dekker", ["GM0796"], ["wmo", "dagbesteding"], ["wmo", "wlz"], "vrijdag"),
]  # fmt: skip


def load_advocacy(organisation: Organisation) -> bool:
    if Advocate.objects.filter(organisation=organisation).exists():
        return False
    trained = list(
        CourseType.objects.filter(organisation=organisation, name="Lokale Belangenbehartiging")
    )
    advocates = []
    for name, codes, themes, laws, when in POOL:
        advocate = Advocate.objects.create(
            organisation=organisation, name=name, laws=laws, availability=when
        )
        advocate.municipalities.set(Municipality.objects.filter(code__in=codes))
        advocate.themes.set(Theme.objects.filter(code__in=themes))
        advocate.trainings.set(trained)
        advocates.append(advocate)
    amsterdam = LocalGroup.objects.get(slug="amsterdam")
    coordinator = User.objects.get(email=demo_email("coordinator.amsterdam"))
    place = Municipality.objects.get(code="GM0363")
    wmo = Theme.objects.get(code="wmo")
    first = services.request_create(
        organisation=organisation, group=amsterdam, user=coordinator, kind="meegaan",
        what="Mevrouw wil hulp bij het keukentafelgesprek over begeleiding thuis.",
        municipality=place, when=(timezone.localdate() + timedelta(days=9)).strftime("%d-%m-%Y"),
        theme=wmo, contact={"name": "Mevrouw De Bruin", "phone": "06 2000 1000", "email": ""},
    )  # fmt: skip
    services.assign(first, advocates[0])
    done = services.request_create(
        organisation=organisation, group=amsterdam, user=coordinator, kind="voorbereiden",
        what="Een vader wil het gesprek over dagbesteding voor zijn zoon voorbereiden.",
        municipality=place, theme=Theme.objects.get(code="dagbesteding"),
        contact={"name": "Meneer Smit", "email": "smit@voorbeeld.nl", "phone": ""},
    )  # fmt: skip
    services.assign(done, advocates[1])
    services.outcome_save(
        done, outcome="Samen een lijstje gemaakt; de gemeente regelt vier dagdelen dagbesteding.",
        consent_signal=True,
    )  # fmt: skip
    duo = Duo.objects.create(
        organisation=organisation, group=amsterdam, person_with="Ellis", person_without="Ineke"
    )
    presentation = Presentation.objects.create(
        duo=duo, title="Wonen met begeleiding in Amsterdam", audience="de Wmo-raad",
        date=timezone.localdate() + timedelta(days=14), goal="Dat de raad ons uitnodigt.",
        agreements="Als Ellis vastloopt, stelt Ineke een vraag. We laten elkaar uitpraten.",
    )  # fmt: skip
    for what, who, minutes, new in [
        ("Wie zijn wij?", "samen", 5, False), ("Ellis vertelt over haar woning", "met", 10, False),
        ("Wat vraagt de gemeente?", "zonder", 5, False), ("Vragen uit de zaal", "met", 10, True),
    ]:  # fmt: skip
        services.part_add(presentation, what=what, who=who, minutes=minutes, new_for_me=new)
    DuoEvaluation.objects.create(
        presentation=presentation, who="met", feeling_score="goed", role_score="goed",
        contribution_score="gaat_wel", together_score="goed",
        feeling="Eerst zenuwachtig, daarna trots.", role_clear="", went_well="Mijn eigen verhaal.", better="Langzamer praten.",
        contribution="Ik wilde meer vertellen.", pitfalls="Te snel willen.",
    )  # fmt: skip
    return True
