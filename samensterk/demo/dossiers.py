"""Demo dossiers at different stages: one just started, one running with actions and a cost
sheet, one with a result, and one of the national office. Idempotent (by title)."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation, User
from samensterk.dossiers import services
from samensterk.dossiers.models import (
    ActionKind,
    Area,
    Dossier,
    DossierAction,
    DossierStatus,
    Strategy,
)
from samensterk.intake.models import Signal
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

from .people import demo_email

DOSSIERS = [
    {
        "group": "amsterdam",
        "owner": "coordinator.amsterdam",
        "title": "Taxi naar de dagbesteding komt te laat",
        "problem": (
            "Mensen die met de taxi naar hun dagbesteding gaan, wachten vaak een uur of langer. "
            "Ze missen een deel van hun dag en staan soms in de kou. Chauffeurs hebben weinig "
            "tijd en weinig begrip voor mensen die meer tijd nodig hebben."
        ),
        "area": Area.MUNICIPALITY,
        "municipalities": ["GM0363"],
        "themes": ["vervoer"],
        "goals": (
            "De vervoerder rijdt op tijd (hooguit 15 minuten te laat). Chauffeurs krijgen "
            "een training in omgaan met mensen met een verstandelijke beperking."
        ),
        "strategy": Strategy.INFORM,
        "status": DossierStatus.ACTIVE,
        "affected_estimate": 420,
        "affected_estimate_source": "Gemeente Amsterdam, aantal Wmo-vervoerpassen dagbesteding 2025",
        "actions": [
            (
                -60,
                ActionKind.LETTER,
                "Brief aan de wethouder met de signalen",
                True,
                "Brief verstuurd met 12 geanonimiseerde verhalen.",
                "Afspraak maken",
            ),
            (
                -30,
                ActionKind.CIVIL_SERVANTS,
                "Gesprek met de beleidsmedewerker vervoer",
                True,
                "De gemeente herkent het probleem en vraagt om meer voorbeelden.",
                "Inspreken in de raadscommissie",
            ),
            (-2, ActionKind.ADVISORY, "Wmo-raad om advies vragen", False, "", ""),
            (21, ActionKind.COUNCIL, "Inspreken in de commissie Zorg", False, "", ""),
        ],
        "costs": [
            (
                "Gemiste uren dagbesteding (vervangende zorg thuis)",
                120,
                "1450.00",
                "300.00",
                "Tarief begeleiding 2026 x 25 gemiste dagdelen per jaar; na verbetering 5",
            ),
            (
                "Extra ritten omdat de eerste rit niet kwam",
                420,
                "95.00",
                "20.00",
                "Gemiddelde ritprijs 2025 uit de jaarrekening van de vervoerder",
            ),
        ],
        "cost_note": "Een schatting om het gesprek te openen, geen begroting.",
        "signals": 8,
    },
    {
        "group": "walcheren",
        "owner": "coordinator.walcheren",
        "title": "Lange wachttijd voor een Wmo-indicatie",
        "problem": (
            "Wie hulp aanvraagt bij de gemeente, wacht maanden op het keukentafelgesprek. "
            "In die tijd moeten ouders de zorg zelf doen."
        ),
        "area": Area.REGION,
        "region_name": "Walcheren",
        "municipalities": ["GM0687", "GM0718", "GM0717"],
        "themes": ["wmo", "toegang"],
        "goals": "Binnen zes weken een gesprek, zoals de wet zegt.",
        "strategy": Strategy.COLLABORATE,
        "status": DossierStatus.PREPARING,
        "actions": [
            (
                7,
                ActionKind.MEETING,
                "Afspraak met de cliëntenraad van de zorgaanbieder",
                False,
                "",
                "",
            ),
        ],
        "signals": 5,
    },
    {
        "group": "friesland-zuid",
        "owner": "coordinator.friesland-zuid",
        "title": "Geen begeleiding bij werk in Súdwest-Fryslân",
        "problem": "Jongeren die van school komen, vinden geen werkplek met begeleiding.",
        "area": Area.MUNICIPALITY,
        "municipalities": ["GM1900"],
        "themes": ["werk_inkomen"],
        "strategy": Strategy.COLLECTIVE,
        "status": DossierStatus.ACHIEVED,
        "outcome": (
            "De gemeente start in 2026 een proef met jobcoaches voor 30 jongeren. "
            "De ledengroep zit in de begeleidingsgroep."
        ),
        "shared_with_national": True,
        "actions": [
            (
                -200,
                ActionKind.MEDIA,
                "Artikel in de Leeuwarder Courant",
                True,
                "Twee ouders vertelden hun verhaal.",
                "",
            ),
            (
                -150,
                ActionKind.COUNCIL,
                "Inspreken in de gemeenteraad",
                True,
                "Motie aangenomen: onderzoek naar jobcoaches.",
                "Volgen of de proef start",
            ),
        ],
        "signals": 4,
    },
    {
        "group": None,
        "owner": "landelijk",
        "title": "Eigen bijdrage voor begeleiding stapelt zich op",
        "problem": (
            "In veel gemeenten betalen mensen met een verstandelijke beperking meer eigen "
            "bijdragen dan ze kunnen missen."
        ),
        "area": Area.NATIONAL,
        "themes": ["werk_inkomen", "wmo"],
        "strategy": Strategy.KNOWLEDGE,
        "status": DossierStatus.ACTIVE,
        "affected_estimate": 5000,
        "affected_estimate_source": "Schatting landelijk bureau op basis van de ledenenquête 2025",
        "actions": [
            (3, ActionKind.LETTER, "Handreiking voor ledengroepen versturen", False, "", ""),
        ],
        "signals": 6,
    },
]


def load_dossiers(organisation: Organisation) -> int:
    created = 0
    today = timezone.localdate()
    for spec in DOSSIERS:
        if Dossier.objects.filter(organisation=organisation, title=spec["title"]).exists():
            continue
        group = LocalGroup.objects.get(slug=spec["group"]) if spec["group"] else None
        owner = User.objects.get(email=demo_email(spec["owner"]))
        themes = list(Theme.objects.filter(code__in=spec["themes"]))
        municipalities = list(Municipality.objects.filter(code__in=spec.get("municipalities", [])))
        signals = Signal.objects.filter(organisation=organisation, theme__in=themes)
        signals = signals.filter(group=group) if group else signals.filter(group__isnull=True)
        if municipalities:
            signals = signals.filter(municipality__in=municipalities)
        dossier = services.dossier_create(
            organisation=organisation,
            group=group,
            actor=owner,
            municipalities=municipalities,
            themes=themes,
            signals=list(signals.order_by("received_at")[: spec["signals"]]),
            **{key: value for key, value in spec.items() if key in services.FIELDS},
        )
        for days, kind, title, done, happened, next_step in spec.get("actions", []):
            DossierAction.objects.create(
                dossier=dossier,
                kind=kind,
                date=today + timedelta(days=days),
                title=title,
                owner=owner,
                done=done,
                what_happened=happened,
                next_step=next_step,
            )
        if spec.get("costs"):
            services.cost_items_replace(
                dossier=dossier,
                items=[
                    {
                        "description": description,
                        "people": people,
                        "current_amount": Decimal(now),
                        "proposed_amount": Decimal(proposed),
                        "assumption": assumption,
                    }
                    for description, people, now, proposed, assumption in spec["costs"]
                ],
                note=spec.get("cost_note", ""),
            )
        created += 1
    return created


@transaction.atomic
def load_sample_report(organisation: Organisation) -> bool:
    """A finished signal report of the Amsterdam group over the last twelve months (atomic: its
    PDF is made once, of the finished report)."""
    from samensterk.accounts.permissions import scope_for
    from samensterk.reports import signal_report
    from samensterk.reports.models import SignalReport

    title = "Signalen uit Amsterdam, afgelopen jaar"
    if SignalReport.objects.filter(organisation=organisation, title=title).exists():
        return False
    group = LocalGroup.objects.get(slug="amsterdam")
    coordinator = User.objects.get(email=demo_email("coordinator.amsterdam"))
    today = timezone.localdate()
    report = signal_report.report_create(
        organisation=organisation,
        group=group,
        actor=coordinator,
        title=title,
        municipality=Municipality.objects.get(code="GM0363"),
        theme=None,
        period_start=today - timedelta(days=365),
        period_end=today,
    )
    scope = scope_for(coordinator)
    signal_report.report_update(
        report=report,
        scope=scope,
        summary=(
            "Mensen met een verstandelijke beperking en hun families vertelden ons het afgelopen "
            "jaar vooral over vervoer en over wachten op hulp. De taxi naar de dagbesteding komt "
            "vaak te laat."
        ),
        recommendations=(
            "1. Spreek de vervoerder aan op de wachttijden en maak afspraken die je kunt meten.\n"
            "2. Laat chauffeurs een training volgen over omgaan met mensen met een beperking.\n"
            "3. Praat met ons: wij brengen ervaringsdeskundigen mee."
        ),
        stories=list(signal_report.story_candidates(scope, report)[:3]),
        dossiers=list(signal_report.dossier_candidates(scope, report)),
        finalise=True,
    )
    return True
