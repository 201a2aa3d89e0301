"""The knowledge base of the seeds (`002`): the twelve webinars with their dates and the view
counts reported on 8 November 2016, and the sixteen articles. Idempotent."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.knowledge.models import Item, ItemKind, ItemStatus
from samensterk.themes.models import Theme

# (date, title, views, theme codes)
WEBINARS = [
    (date(2015, 9, 1), "Over Lokale Belangenbehartiging en KansPlus", 142, ["inspraak"]),
    (date(2015, 10, 15), "Interview met twee ervaren lokale belangenbehartigers", 221, ["inspraak"]),
    (date(2015, 10, 28), "Waar gaat de gemeente over?", 156, ["wmo", "inspraak"]),
    (date(2015, 11, 11), "Starten met lokale belangenbehartiging met behulp van bijeenkomsten. "
     "Wat zijn de mogelijkheden?", 105, ["inspraak"]),
    (date(2015, 11, 17), "Optrekken met Wmo-raden/adviesraden Sociaal Domein?", 219, ["wmo", "inspraak"]),
    (date(2015, 12, 9), "Hoe verzamelen we informatie via social media. Hoe doen anderen dat?", 110, []),
    (date(2016, 3, 9), "VN-verdrag", 216, ["toegankelijkheid"]),
    (date(2016, 4, 6), "Mijn familie en ik: familiebetrokkenheid en belangenbehartiging", 260, ["vertegenwoordiging"]),
    (date(2016, 4, 20), "Passend onderwijs en lokale belangenbehartiging", 138, ["onderwijs"]),
    (date(2016, 5, 11), "Belangenbehartiging in duo's", 175, ["inspraak"]),
    (date(2016, 6, 8), "Werken met de participatiewet en lokale belangenbehartiging", 181, ["werk_inkomen"]),
    (date(2016, 6, 22), "Mentorschap en belangenbehartiging", 242, ["vertegenwoordiging"]),
]  # fmt: skip

ARTICLES = [
    ("Elkaar versterken bij duo belangenbehartiging", ["inspraak"]),
    ("Belangenbehartiging goede en passende zorg – zorginkoop", ["wlz", "wmo"]),
    ("Schoolverlaters, participatie en lokale belangenbehartiging – het verhaal van Sanne", ["onderwijs", "werk_inkomen"]),
    ("KansPlus Friesland geeft input vanuit ervaringsdeskundigheid: “Wij staan voor een beter leven "
     "voor mensen met verstandelijke beperkingen”", ["inspraak"]),
    ("Wat speelt er bij de mensen van wie je de belangen behartigt?", ["inspraak"]),
    ("Hoe kom je in contact met de gemeente?", ["inspraak", "wmo"]),
    ("Goede informatiebronnen voor lokale belangenbehartigers", []),
    ("In drie gemeenten in Noord-Nederland zijn VN panels actief: in Tynaarlo, Winsum en Oldambt",
     ["toegankelijkheid", "inspraak"]),
    ("‘Mensen met beperking praten mee over leven in Amsterdam’", ["inspraak"]),
    ("“Belangenbehartiging licht verstandelijk beperkte jongeren echt nodig”", ["jeugd", "onderwijs"]),
    ("“We willen laten zien wat mensen met een beperking nodig hebben”", ["inspraak"]),
    ("“Laat ambtenaren zien wat ontwikkeling voor mensen betekent”", ["inspraak"]),
    ("KansPlus en belangenbehartiging meer zichtbaar door voorlichting op scholen", ["onderwijs"]),
    ("Welke belangen spelen lokaal voor mensen met een beperking?", ["wmo"]),
    ("Mensen samenbrengen – van elkaar leren – zichtbaar worden", ["inspraak"]),
    ("Wat hebben we geleerd van de pilots en hoe gaan we verder? – Filmpje met impressie van het "
     "afsluitende congres van 16 september 2016", []),
]  # fmt: skip


def _themes(codes):
    return list(Theme.objects.filter(code__in=codes))


def load_knowledge(organisation: Organisation) -> bool:
    if Item.objects.filter(organisation=organisation).exists():
        return False
    for number, (day, title, views, codes) in enumerate(WEBINARS, start=1):
        item = Item.objects.create(
            organisation=organisation, kind=ItemKind.WEBINAR, title=title, event_date=day,
            view_count=views, status=ItemStatus.PUBLISHED,
            video_url=f"https://www.youtube.com/watch?v=demo-webinar-{number:02d}",
            summary="Webinar van het programma Lokale Belangenbehartiging. Terug te kijken op YouTube.",
            tags="webinar, lokale belangenbehartiging",
            published_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
        )  # fmt: skip
        item.themes.set(_themes(codes))
    for number, (title, codes) in enumerate(ARTICLES, start=1):
        item = Item.objects.create(
            organisation=organisation, kind=ItemKind.ARTICLE, title=title,
            status=ItemStatus.PUBLISHED, view_count=20 + number * 3,
            summary="Artikel uit het programma Lokale Belangenbehartiging (2015–2016).",
            published_at=timezone.make_aware(datetime(2016, 1 + number % 12, 1 + number)),
        )  # fmt: skip
        item.themes.set(_themes(codes))
    walcheren = LocalGroup.objects.filter(organisation=organisation, slug="walcheren").first()
    if walcheren is not None:
        example = Item.objects.create(
            organisation=organisation, kind=ItemKind.EXAMPLE, group=walcheren,
            status=ItemStatus.SUBMITTED,
            title="Een signalenavond in de bibliotheek",
            body="We nodigden leden en hun familie uit voor een avond over de regiotaxi.",
            result="Twintig mensen kwamen; acht signalen, die we met de Wmo-raad bespraken.",
            tips="Zorg voor koffie en een vaste plek; vraag iemand van de gemeente erbij.",
        )  # fmt: skip
        example.themes.set(_themes(["vervoer"]))
    return True


# The 2017 plan of the seeds ("Borging"): (months, theme, [(channel, what)]).
CALENDAR_2017 = [
    ((1, 2), "Cursussen Lokale Belangenbehartiging en Belangenbehartiging in duo's",
     [("nieuwsbrief", "Flyer cursussen"), ("website", "Artikel over de cursussen"),
      ("ledenblad", "Cursusboek in het ledenblad"), ("facebook", "Webinar over duo's")]),
    ((3, 3), "Zichtbaarheid", [("website", "Pagina zichtbaarheid"), ("nieuwsbrief", "Handreiking zichtbaarheid")]),
    ((4, 4), "Registratie", [("website", "Artikel registratie"), ("nieuwsbrief", "Handreiking en blocnotes"),
                             ("facebook", "De meldknop")]),
    ((5, 5), "Familiebetrokkenheid", [("facebook", "Webinar familiebetrokkenheid"), ("website", "Manifest")]),
    ((6, 7), "LVB en participatie, passend onderwijs", [("linkedin", "Webinars LVB"), ("website", "Artikelen")]),
    ((8, 8), "Inkoop", [("website", "Website over inkoop"), ("nieuwsbrief", "Artikel inkoop")]),
    ((9, 9), "Mentorschap", [("facebook", "Webinar mentorschap"), ("website", "Kennis & Advies")]),
    ((10, 10), "Samenwerken en contact met de gemeente", [("x", "Webinars"), ("ledenblad", "Artikel")]),
    ((11, 11), "VN-verdrag", [("facebook", "Webinar VN-verdrag"), ("website", "Actualiteit")]),
    ((12, 12), "Ledengroepen", [("nieuwsbrief", "Uitkomsten van de enquête"), ("ledenblad", "Leerervaringen pilots")]),
]  # fmt: skip


def load_calendar(organisation: Organisation) -> bool:
    import calendar as months

    from samensterk.knowledge.models import CalendarTheme, Publication

    if CalendarTheme.objects.filter(organisation=organisation).exists():
        return False
    for (first, last), title, planned in CALENDAR_2017:
        theme = CalendarTheme.objects.create(
            organisation=organisation, title=title, starts_on=date(2017, first, 1),
            ends_on=date(2017, last, months.monthrange(2017, last)[1]),
        )  # fmt: skip
        for day, (channel, what) in enumerate(planned, start=1):
            Publication.objects.create(
                theme=theme, channel=channel, title=what, planned_on=date(2017, first, day * 5),
                status="gepubliceerd",
            )  # fmt: skip
    return True
