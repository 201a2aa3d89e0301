"""The demo organisation, its four pilot groups (from the seeds) and a user for every role."""

from django.db import transaction

from samensterk.accounts.models import (
    GroupMembership,
    GroupRole,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    User,
)
from samensterk.places.models import Municipality

DEMO_PASSWORD = "samensterk-demo"  # noqa: S105 – printed on start; demo installations only
DEMO_DOMAIN = "samensterk.example"

ORGANISATION = {
    "slug": "demo",
    "name": "Belangenvereniging Samen Sterk (demo)",
    "office_name": "Landelijk bureau Kennis & Advies",
}

# The four pilot groups of the programme (seeds 002) and the municipalities they work in.
GROUPS = [
    ("amsterdam", "Ledengroep Amsterdam", ["GM0363", "GM0384"]),  # Amsterdam, Diemen
    (
        "bossche-ommelanden",
        "Ledengroep Bossche Ommelanden",
        # 's-Hertogenbosch, Vught, Sint-Michielsgestel, Boxtel, Heusden, Maasdriel, Bernheze, Oss
        ["GM0796", "GM0865", "GM0845", "GM0757", "GM0797", "GM0263", "GM1721", "GM0828"],
    ),
    (
        "friesland-zuid",
        "Ledengroep Friesland-Zuid",
        # Súdwest-Fryslân, De Fryske Marren, Heerenveen,
        # Weststellingwerf, Ooststellingwerf, Opsterland
        ["GM1900", "GM1940", "GM0074", "GM0098", "GM0085", "GM0086"],
    ),
    (
        "walcheren",
        "Ledengroep Walcheren",
        ["GM0687", "GM0718", "GM0717"],
    ),  # Middelburg, Vlissingen, Veere
]

# (e-mail local part, name, what, where, role)
PEOPLE = [
    ("beheerder", "Bea Bakker", "organisation", "demo", OrganisationRole.ADMIN),
    ("landelijk", "Lotte de Vries", "organisation", "demo", OrganisationRole.STAFF),
    ("adviseur", "Youssef El Amrani", "organisation", "demo", OrganisationRole.STAFF),
    ("coordinator.amsterdam", "Carla Jansen", "group", "amsterdam", GroupRole.COORDINATOR),
    ("vrijwilliger.amsterdam", "Vincent Mulder", "group", "amsterdam", GroupRole.VOLUNTEER),
    (
        "coordinator.bossche-ommelanden",
        "Henk van den Heuvel",
        "group",
        "bossche-ommelanden",
        GroupRole.COORDINATOR,
    ),
    (
        "coordinator.friesland-zuid",
        "Sjoukje Hoekstra",
        "group",
        "friesland-zuid",
        GroupRole.COORDINATOR,
    ),
    (
        "vrijwilliger.friesland-zuid",
        "Tjitske de Boer",
        "group",
        "friesland-zuid",
        GroupRole.VOLUNTEER,
    ),
    ("coordinator.walcheren", "Marijke Wisse", "group", "walcheren", GroupRole.COORDINATOR),
    ("vrijwilliger.walcheren", "Piet Minderhoud", "group", "walcheren", GroupRole.VOLUNTEER),
]

SUPERUSER = ("installatie", "Installatiebeheerder")


def demo_email(local_part: str) -> str:
    return f"{local_part}@{DEMO_DOMAIN}"


def _user(local_part: str, name: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=demo_email(local_part), defaults={"full_name": name, **extra}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def load_people() -> dict:
    organisation, _ = Organisation.objects.get_or_create(
        slug=ORGANISATION["slug"],
        defaults={k: v for k, v in ORGANISATION.items() if k != "slug"},
    )
    groups = {}
    for slug, name, codes in GROUPS:
        group, _ = LocalGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "organisation": organisation}
        )
        group.municipalities.add(*Municipality.objects.filter(code__in=codes))
        groups[slug] = group

    logins = []
    for local_part, name, what, where, role in PEOPLE:
        user = _user(local_part, name)
        if what == "organisation":
            OrganisationMembership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
        else:
            GroupMembership.objects.get_or_create(
                user=user, group=groups[where], defaults={"role": role}
            )
        logins.append((user.email, _role_label(what, where, role, groups, organisation)))

    local_part, name = SUPERUSER
    superuser = _user(local_part, name, is_staff=True, is_superuser=True)
    logins.append((superuser.email, "installatiebeheerder (alles)"))
    return {"organisation": organisation, "groups": groups, "logins": logins}


def _role_label(what, where, role, groups, organisation) -> str:
    if what == "organisation":
        return f"{OrganisationRole(role).label} – {organisation.name}"
    return f"{GroupRole(role).label} – {groups[where].name}"
