"""The demo knowledge base: the starting content of knowledge/data (the seeds' webinars,
articles, guides and good examples), a group's example waiting for review, and the 2017
communication calendar of the final report (seed 002, "Borging"). Idempotent."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.knowledge.models import Item, ItemKind, ItemStatus
from samensterk.knowledge.starter import install_starter_content
from samensterk.themes.models import Theme

# The one-line stubs with placeholder video links of earlier demo versions.
OLD_STUBS = [
    "Webinar van het programma Lokale Belangenbehartiging. Terug te kijken op YouTube.",
    "Artikel uit het programma Lokale Belangenbehartiging (2015–2016).",
]


def _themes(codes):
    return list(Theme.objects.filter(code__in=codes))


def load_knowledge(organisation: Organisation) -> int:
    """Returns how many items were added."""
    Item.objects.filter(organisation=organisation, key="", summary__in=OLD_STUBS).delete()
    created = install_starter_content(organisation)
    walcheren = LocalGroup.objects.filter(organisation=organisation, slug="walcheren").first()
    title = "Een signalenavond in de bibliotheek"
    if walcheren is not None and not Item.objects.filter(organisation=organisation, title=title):
        example = Item.objects.create(
            organisation=organisation, kind=ItemKind.EXAMPLE, group=walcheren,
            status=ItemStatus.SUBMITTED, title=title,
            body="We nodigden leden en hun familie uit voor een avond over de regiotaxi.",
            result="Twintig mensen kwamen; acht signalen, die we met de Wmo-raad bespraken.",
            tips="Zorg voor koffie en een vaste plek; vraag iemand van de gemeente erbij.",
        )  # fmt: skip
        example.themes.set(_themes(["vervoer"]))
        created += 1
    return created


# The 2017 plan of the seeds ("Borging"): every month or two one theme, across the channels,
# to bring the programme's results to the groups, client councils and family associations.
# ((first month, last month), theme, why and what, [(channel, what, knowledge item key)]).
CALENDAR_2017 = [
    ((1, 2), "Cursussen Lokale Belangenbehartiging en Belangenbehartiging in duo's",
     "De twee cursussen onder de aandacht: flyer, artikel, cursusboek en webinar.",
     [("nieuwsbrief", "Flyer met de cursusdata", None),
      ("website", "Artikel over de cursus Lokale Belangenbehartiging", "artikel-samenbrengen"),
      ("ledenblad", "Het cursusboek", None),
      ("facebook", "Webinar Belangenbehartiging in duo's", "webinar-duo")]),
    ((3, 3), "Zichtbaarheid",
     "Hoe een ledengroep zichtbaar wordt: de website, de handreiking en de webinars.",
     [("website", "Handreiking Zichtbaarheid", "zichtbaarheid"),
      ("nieuwsbrief", "Tips uit de handreiking", "zichtbaarheid"),
      ("facebook", "Webinar informatie via social media", "webinar-social-media")]),
    ((4, 4), "Registratie",
     "Signalen verzamelen en doorgeven: artikel, handreiking, blocnotes, het Kennis- en "
     "Adviescentrum en de meldknop.",
     [("website", "Handreiking signalen", "signalen"),
      ("nieuwsbrief", "Blocnotes voor de leden", None),
      ("facebook", "De meldknop op je eigen website", "voorbeeld-meldknop")]),
    ((5, 5), "Familiebetrokkenheid",
     "Webinar, manifest, artikel en de stand van zaken.",
     [("facebook", "Webinar Mijn familie en ik", "webinar-familie"),
      ("website", "Het manifest familiebetrokkenheid", None)]),
    ((6, 7), "LVB en participatie, passend onderwijs",
     "Webinars en artikelen over jongeren met een licht verstandelijke beperking, werk en school.",
     [("linkedin", "Webinar Passend onderwijs", "webinar-onderwijs"),
      ("website", "Artikel over LVB-jongeren", "artikel-lvb-jongeren"),
      ("nieuwsbrief", "Webinar Participatiewet", "webinar-participatiewet")]),
    ((8, 8), "Inkoop", "Artikel en website over de inkoop van zorg.",
     [("website", "Artikel over zorginkoop", "artikel-zorginkoop"),
      ("nieuwsbrief", "De website over inkoop", None)]),
    ((9, 9), "Mentorschap", "Webinar en het Kennis- en Adviescentrum.",
     [("facebook", "Webinar Mentorschap", "webinar-mentorschap"),
      ("website", "Vragen over mentorschap aan het Kennis- en Adviescentrum", None)]),
    ((10, 10), "Samenwerken en contact met de gemeente",
     "Webinars, artikelen, de cursus en het cursusboek.",
     [("x", "Webinar Waar gaat de gemeente over?", "webinar-gemeente"),
      ("ledenblad", "Hoe kom je in contact met de gemeente?", "artikel-contact-gemeente"),
      ("website", "Netwerken in vier stappen", "netwerken")]),
    ((11, 11), "VN-verdrag", "Webinar, artikel en de actualiteit.",
     [("facebook", "Webinar VN-verdrag", "webinar-vn-verdrag"),
      ("website", "Artikel over de VN-panels", "artikel-vn-panels")]),
    ((12, 12), "Ledengroepen",
     "De uitkomsten van de enquête, ledengroepen zelf aan het woord, de pilots en hun lessen.",
     [("nieuwsbrief", "Uitkomsten van de enquête", "artikel-enquete"),
      ("ledenblad", "Wat we leerden van de pilots", "artikel-pilots")]),
]  # fmt: skip


def load_calendar(organisation: Organisation) -> bool:
    import calendar as months

    from samensterk.knowledge.models import CalendarTheme, Publication

    if CalendarTheme.objects.filter(organisation=organisation).exists():
        return False
    items = {i.key: i for i in Item.objects.filter(organisation=organisation).exclude(key="")}
    # The 2017 plan as this year's calendar, so that the page (which opens on this year) shows it.
    today = timezone.localdate()
    year = today.year
    for (first, last), title, description, planned in CALENDAR_2017:
        theme = CalendarTheme.objects.create(
            organisation=organisation, title=title, description=description,
            starts_on=date(year, first, 1),
            ends_on=date(year, last, months.monthrange(year, last)[1]),
        )  # fmt: skip
        linked = []
        for day, (channel, what, key) in enumerate(planned, start=1):
            item = items.get(key)
            planned_on = date(year, first, day * 5)
            Publication.objects.create(
                theme=theme, channel=channel, title=what, planned_on=planned_on, item=item,
                status="gepubliceerd" if planned_on <= today else "gepland",
            )  # fmt: skip
            if item is not None:
                linked.append(item)
        theme.items.set(linked)
    return True
