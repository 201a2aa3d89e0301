"""A partner organisation and a coalition for Amsterdam (invented): the demo organisation
shares the municipality, the alderman, the advisory council and its Amsterdam dossier; the
partner shares a client council of its own. And a coalition the Amsterdam group started itself,
with a guest partner without an installation of its own (the local MEE) whose contact has a
guest account. Idempotent."""

from __future__ import annotations

from samensterk.accounts.models import (
    LocalGroup,
    Organisation,
    OrganisationMembership,
    OrganisationRole,
    User,
)
from samensterk.coalitions import services
from samensterk.coalitions.models import Coalition, MemberStatus
from samensterk.dossiers.models import Dossier
from samensterk.network.models import Person, Stakeholder
from samensterk.network.services import types_for
from samensterk.places.models import Municipality

from .people import _user, demo_email

PARTNER = {"slug": "clientbelang-amsterdam", "name": "Stichting Cliëntbelang Amsterdam"}
PARTNER_STAFF = ("medewerker.clientbelang", "Yara de Graaf")
COALITION = "Samen voor goed vervoer en wonen in Amsterdam"
# Sorts after COALITION: the browser tests share with the first coalition offered.
LOCAL_COALITION = "Toegankelijk Amsterdam, samen met de MEE"
GUEST_PARTNER = "MEE Amstel en Zaan"
GUEST = ("gast.mee", "Jan Meijer")


def load_coalitions(organisation: Organisation) -> list[tuple[str, str]]:
    """Returns the partner's login as (e-mail, role)."""
    partner, _ = Organisation.objects.get_or_create(
        slug=PARTNER["slug"], defaults={"name": PARTNER["name"]}
    )
    staff = _user(*PARTNER_STAFF)
    OrganisationMembership.objects.get_or_create(
        user=staff, organisation=partner, defaults={"role": OrganisationRole.STAFF}
    )
    login = [(staff.email, f"landelijk medewerker van {partner.name} (coalitiepartner)")]
    login += _load_local_coalition()
    if Coalition.objects.filter(name=COALITION).exists():
        return login
    amsterdam = Municipality.objects.get(code="GM0363")
    starter = User.objects.get(email=demo_email("landelijk"))  # the organisation's staff
    coalition = services.coalition_create(
        organisation=organisation,
        user=starter,
        name=COALITION,
        purpose=(
            "Samen zorgen we dat de gemeente het vervoer naar de dagbesteding en het wonen "
            "met begeleiding beter regelt. We delen wie we kennen en bundelen onze signalen."
        ),
        municipality=amsterdam,
        invite=[partner],
    )
    services.invitation_answer(
        coalition.members.get(organisation=partner, status=MemberStatus.INVITED), accept=True
    )
    ours = Stakeholder.objects.filter(organisation=organisation, municipality=amsterdam)
    shared = [
        *ours.filter(name__in=["Gemeente Amsterdam", "Adviesraad Sociaal Domein Amsterdam"]),
        *Person.objects.filter(
            organisation=organisation, municipality=amsterdam, name="Marieke de Wit"
        ),
        *Dossier.objects.filter(organisation=organisation, group__slug="amsterdam")[:1],
    ]
    council = Stakeholder.objects.create(
        organisation=partner,
        municipality=amsterdam,
        kind=types_for(partner)[3],
        name="Cliëntenraad Zorggroep Amstel",
        power=2,
        interest=5,
        created_by=staff,
    )
    for item in [*shared, council]:
        services.share(coalition, item, user=staff if item is council else starter)
    return login


def _load_local_coalition() -> list[tuple[str, str]]:
    """The Amsterdam group's own coalition, with the MEE as a guest partner."""
    guest = _user(*GUEST)
    login = [(guest.email, f"gast van {GUEST_PARTNER} (ziet alleen de coalitie)")]
    if Coalition.objects.filter(name=LOCAL_COALITION).exists():
        return login
    group = LocalGroup.objects.get(slug="amsterdam")
    coordinator = User.objects.get(email=demo_email("coordinator.amsterdam"))
    amsterdam = Municipality.objects.get(code="GM0363")
    coalition = services.coalition_create(
        organisation=group.organisation,
        group=group,
        user=coordinator,
        name=LOCAL_COALITION,
        purpose=(
            "Gebouwen, haltes en websites van de gemeente toegankelijk voor iedereen. We lopen "
            "samen de routes na en brengen wat we vinden naar de Wmo-raad en de wethouder."
        ),
        municipality=amsterdam,
    )
    mee = Organisation.objects.create(
        name=GUEST_PARTNER, slug="gast-mee-amstel-en-zaan", kind=Organisation.Kind.GUEST
    )
    services.coalition_invite(coalition, mee)
    services.invitation_answer(coalition.members.get(organisation=mee), accept=True)
    OrganisationMembership.objects.get_or_create(
        user=guest, organisation=mee, defaults={"role": OrganisationRole.GUEST}
    )
    for stakeholder in Stakeholder.objects.filter(
        organisation=group.organisation,
        municipality=amsterdam,
        name__in=["Gemeente Amsterdam", "Adviesraad Sociaal Domein Amsterdam"],
    ):
        services.share(coalition, stakeholder, user=coordinator)
    return login
