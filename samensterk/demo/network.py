"""A realistic (invented) local network for each pilot group: the municipality, its Wmo-raad,
care providers, the wijkteam, the LFB support point, local media and a party; the people in
them at different networking steps, and a few logged contacts. Idempotent."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation, User
from samensterk.dossiers.models import Dossier
from samensterk.network import services
from samensterk.network.models import (
    ContactMoment,
    DossierTarget,
    NetworkStage,
    Person,
    Relation,
    RelationKind,
    Stakeholder,
)
from samensterk.places.models import Municipality

from .people import demo_email

# group slug -> (municipality code, town name for the invented organisations)
PLACES = {
    "amsterdam": ("GM0363", "Amsterdam"),
    "bossche-ommelanden": ("GM0796", "'s-Hertogenbosch"),
    "friesland-zuid": ("GM1900", "Súdwest-Fryslân"),
    "walcheren": ("GM0687", "Middelburg"),
}

# (type index in DEFAULT_TYPES, name with {town}, power, interest)
ORGANISATIONS = [
    (0, "Gemeente {town}", 5, 3),
    (2, "Adviesraad Sociaal Domein {town}", 3, 5),
    (4, "Stichting De Linde, zorg voor mensen met een beperking ({town})", 3, 4),
    (10, "Sociaal wijkteam {town} Centrum", 2, 4),
    (6, "LFB-steunpunt {town}", 1, 5),
    (9, "Dagblad van {town}", 3, 2),
    (8, "Lokale partij Samen {town}", 4, 3),
]

# (organisation index, name, role, stage, key contact, days since last contact or None, how)
PEOPLE = [
    (0, "Marieke de Wit", "wethouder zorg en welzijn", NetworkStage.MET, True, 120, "bellen"),
    (0, "Jeroen Bos", "beleidsmedewerker Wmo", NetworkStage.HOLDING, True, 20, "mail"),
    (1, "Anouk Visser", "voorzitter", NetworkStage.TRUMPETING, True, 35, "app"),
    (2, "Peter Smit", "manager dagbesteding", NetworkStage.MET, False, 200, "bellen"),
    (3, "Fatima Ouali", "teamleider", NetworkStage.SPOTTED, False, None, ""),
    (4, "Sanne Kramer", "ervaringsdeskundige", NetworkStage.HOLDING, False, 10, "app"),
    (5, "Tom Hendriks", "verslaggever zorg", NetworkStage.SPOTTED, False, None, "mail"),
    (6, "Ria Mulder", "fractievoorzitter", NetworkStage.MET, False, 60, "persoonlijk"),
]

CONTACTS = [
    (1, "gesprek", "Kennismaking over het leerlingenvervoer; zij wil signalen zien.",
     "Signalen over vervoer bundelen en sturen", 14),
    (0, "bijeenkomst", "Kort gesproken na de raadsvergadering over de dagbesteding.",
     "Afspraak maken met de wethouder", 30),
    (2, "telefoon", "Adviesraad neemt het onderwerp wonen op in het jaarplan.", "", None),
]  # fmt: skip


# (from organisation index, kind, to organisation index)
RELATIONS = [
    (1, RelationKind.ADVISES, 0),
    (0, RelationKind.FUNDS, 3),
    (4, RelationKind.WORKS_WITH, 2),
    (2, RelationKind.WORKS_WITH, 3),
]


def load_network(organisation: Organisation) -> int:
    """Creates the networks that are not there yet; returns how many organisations it made."""
    types = services.types_for(organisation)
    today = timezone.localdate()
    created = 0
    for slug, (code, town) in PLACES.items():
        group = LocalGroup.objects.get(slug=slug)
        municipality = Municipality.objects.get(code=code)
        coordinator = User.objects.get(email=demo_email(f"coordinator.{slug}"))
        if Stakeholder.objects.filter(
            organisation=organisation, municipality=municipality
        ).exists():
            continue
        stakeholders = []
        for kind, name, power, interest in ORGANISATIONS:
            stakeholders.append(
                Stakeholder.objects.create(
                    organisation=organisation,
                    municipality=municipality,
                    kind=types[kind],
                    name=name.format(town=town),
                    power=power,
                    interest=interest,
                    created_by=coordinator,
                )
            )
            created += 1
        for source, kind, target in RELATIONS:
            Relation.objects.create(
                organisation=organisation,
                from_stakeholder=stakeholders[source],
                kind=kind,
                to_stakeholder=stakeholders[target],
                created_by=coordinator,
            )
        people = []
        for where, name, role, stage, key, days, how in PEOPLE:
            people.append(
                Person.objects.create(
                    organisation=organisation,
                    municipality=municipality,
                    stakeholder=stakeholders[where],
                    name=name,
                    role=role,
                    stage=stage,
                    key_contact=key,
                    keep_in_touch_days=90 if key else None,
                    last_contact_on=None if days is None else today - timedelta(days=days),
                    preferred_contact=how,
                    email=f"{name.split()[0].lower()}@{slug}.voorbeeld.nl",
                    power=stakeholders[where].power,
                    interest=stakeholders[where].interest,
                    created_by=coordinator,
                )
            )
        # The group's dossiers aim at the alderman, the civil servant and the advisory council.
        for dossier in Dossier.objects.filter(group=group):
            for entry in (people[0], people[1]):
                DossierTarget.objects.create(dossier=dossier, person=entry, added_by=coordinator)
            DossierTarget.objects.create(
                dossier=dossier, stakeholder=stakeholders[1], added_by=coordinator
            )
        for who, kind, discussed, next_step, next_in in CONTACTS:
            person = people[who]
            ContactMoment.objects.create(
                organisation=organisation,
                group=group,
                person=person,
                date=person.last_contact_on or today,
                kind=kind,
                our_people=coordinator.full_name,
                discussed=discussed,
                next_step=next_step,
                next_step_on=None if next_in is None else today + timedelta(days=next_in),
                created_by=coordinator,
            )
    return created
