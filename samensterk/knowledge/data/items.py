"""Webinars, articles and good examples (seeds 001-004), summarised in our own words.

Webinar dates and view counts are those of the final report (counted on 8 November 2016). The
webinars are on YouTube, but the report gives no addresses: no link rather than a wrong one.
"""

from datetime import date

# (key, date, title, views, theme codes, summary)
WEBINARS = [
    ("webinar-lokaal", date(2015, 9, 1), "Over Lokale Belangenbehartiging en KansPlus", 142,
     ["inspraak"],
     "De aftrap van de reeks: waarom lokale belangenbehartiging belangrijker wordt nu de "
     "gemeente over zoveel zorg en ondersteuning beslist, en wat KansPlus daarbij voor "
     "ledengroepen doet."),
    ("webinar-interview", date(2015, 10, 15),
     "Interview met twee ervaren lokale belangenbehartigers", 221, ["inspraak"],
     "Twee mensen die al jaren lokaal belangen behartigen vertellen hoe zij begonnen, wat "
     "werkte en waar ze tegenaan liepen."),
    ("webinar-gemeente", date(2015, 10, 28), "Waar gaat de gemeente over?", 156,
     ["wmo", "jeugd", "werk_inkomen", "toegang"],
     "Wat regelt de gemeente sinds de decentralisaties (Wmo, Jeugdwet, Participatiewet) en wat "
     "niet? Zo weet je bij wie je met je verhaal moet zijn."),
    ("webinar-bijeenkomsten", date(2015, 11, 11),
     "Starten met lokale belangenbehartiging met behulp van bijeenkomsten. "
     "Wat zijn de mogelijkheden?", 105, ["inspraak", "dagbesteding"],
     "Een themabijeenkomst of een gezellige activiteit is een goed begin: je ontmoet mensen, "
     "hoort wat er speelt en wordt zichtbaar. Over opzet, samenwerken en opkomst."),
    ("webinar-wmo-raden", date(2015, 11, 17),
     "Optrekken met Wmo-raden/adviesraden Sociaal Domein?", 219, ["inspraak", "wmo"],
     "Hoe werk je samen met de Wmo-raad of adviesraad sociaal domein in je gemeente, en hoe "
     "zorg je dat de stem van mensen met een verstandelijke beperking daar gehoord wordt?"),
    ("webinar-social-media", date(2015, 12, 9),
     "Hoe verzamelen we informatie via social media. Hoe doen anderen dat?", 110,
     ["inspraak", "toegankelijkheid"],
     "Facebook, Twitter en de eigen website gebruiken om te horen wat er speelt en om signalen "
     "op te vangen, met voorbeelden van andere groepen."),
    ("webinar-vn-verdrag", date(2016, 3, 9), "VN-verdrag", 216,
     ["toegankelijkheid", "inspraak"],
     "Wat het VN-verdrag voor de rechten van mensen met een handicap betekent voor de gemeente, "
     "en hoe je het als ledengroep gebruikt in gesprekken over beleid."),
    ("webinar-familie", date(2016, 4, 6),
     "Mijn familie en ik: familiebetrokkenheid en belangenbehartiging", 260,
     ["vertegenwoordiging"],
     "Over de rol van ouders, broers, zussen en andere naasten: meedenken, meebeslissen en "
     "samen opkomen voor goede zorg en ondersteuning."),
    ("webinar-onderwijs", date(2016, 4, 20),
     "Passend onderwijs en lokale belangenbehartiging", 138, ["onderwijs", "jeugd"],
     "Wat passend onderwijs inhoudt, waar het misgaat (thuiszitten, leerlingenvervoer, de "
     "overstap na school) en hoe je dat lokaal op de agenda zet."),
    ("webinar-duo", date(2016, 5, 11), "Belangenbehartiging in duo's", 175, ["inspraak"],
     "Iemand met en iemand zonder verstandelijke beperking die samen hun verhaal doen: hoe je "
     "dat voorbereidt en waarom het sterker overkomt."),
    ("webinar-participatiewet", date(2016, 6, 8),
     "Werken met de participatiewet en lokale belangenbehartiging", 181,
     ["werk_inkomen", "dagbesteding"],
     "Werk, beschut werk, dagbesteding en inkomen onder de Participatiewet: wat de gemeente "
     "moet doen en waar je als belangenbehartiger op let."),
    ("webinar-mentorschap", date(2016, 6, 22), "Mentorschap en belangenbehartiging", 242,
     ["vertegenwoordiging"],
     "Wat een mentor doet, hoe mentorschap zich verhoudt tot bewind en curatele, en hoe "
     "mentoren kunnen bijdragen aan belangenbehartiging."),
]  # fmt: skip

# (key, title, theme codes, summary). The report lists the sixteen articles by title only;
# the summaries say what each is about, from the title and the report around it.
ARTICLES = [
    ("artikel-duo", "Elkaar versterken bij duo belangenbehartiging", ["inspraak"],
     "Cliënten en hun vertegenwoordigers maken samen een sterker verhaal dan ieder apart. Met "
     "ervaringen van een ervaringsdeskundige trainer van de LFB en haar coach: maak samen een "
     "draaiboek, verdeel de taken, gun elkaar iets en evalueer eerlijk. Zie ook de handreiking "
     "over duo-belangenbehartiging."),
    ("artikel-zorginkoop", "Belangenbehartiging goede en passende zorg – zorginkoop",
     ["wlz", "wmo", "pgb"],
     "Gemeenten en zorgkantoren kopen zorg en ondersteuning in. Wat er ingekocht wordt, bepaalt "
     "wat mensen kunnen krijgen. Over hoe je als ledengroep invloed hebt op de inkoop."),
    ("artikel-schoolverlaters",
     "Schoolverlaters, participatie en lokale belangenbehartiging – het verhaal van Sanne",
     ["onderwijs", "werk_inkomen", "dagbesteding"],
     "Aan de hand van het verhaal van Sanne: wat er gebeurt als een jongere met een "
     "verstandelijke beperking van school komt, en wat werk of dagbesteding dan vraagt. De "
     "pilotgroep Friesland verspreidde dit artikel zelf."),
    ("artikel-friesland",
     "KansPlus Friesland geeft input vanuit ervaringsdeskundigheid: “Wij staan voor een beter "
     "leven voor mensen met verstandelijke beperkingen”", ["inspraak"],
     "Hoe de ledengroep in Friesland de ervaring van haar leden inbrengt bij gemeente en "
     "zorgaanbieders."),
    ("artikel-wat-speelt", "Wat speelt er bij de mensen van wie je de belangen behartigt?",
     ["inspraak", "toegang"],
     "Belangenbehartiging begint bij weten wat er speelt. Over luisteren naar leden en hun "
     "omgeving, en die verhalen gebruiken als signaal."),
    ("artikel-contact-gemeente", "Hoe kom je in contact met de gemeente?", ["inspraak", "wmo"],
     "Bij wie in de gemeente moet je zijn: raadsleden, wethouder, beleidsmedewerkers, de "
     "Wmo-raad? En hoe leg je dat eerste contact?"),
    ("artikel-bronnen", "Goede informatiebronnen voor lokale belangenbehartigers",
     ["inspraak", "toegang"],
     "Waar vind je betrouwbare informatie over wetten, gemeentelijk beleid en rechten? Een "
     "overzicht voor wie lokaal aan de slag gaat."),
    ("artikel-vn-panels",
     "In drie gemeenten in Noord-Nederland zijn VN panels actief: in Tynaarlo, Winsum en Oldambt",
     ["toegankelijkheid", "inspraak"],
     "In een VN-panel beoordelen inwoners met verschillende beperkingen bestaand en nieuw "
     "beleid van hun gemeente. Ze bedenken oplossingen en doen aanbevelingen, met het "
     "VN-verdrag als leidraad, zodat iedereen mee kan doen."),
    ("artikel-amsterdam", "‘Mensen met beperking praten mee over leven in Amsterdam’",
     ["inspraak"],
     "Hoe mensen met een beperking in Amsterdam meepraten over hun stad, en wat de ledengroep "
     "daarvan leerde."),
    ("artikel-lvb-jongeren",
     "“Belangenbehartiging licht verstandelijk beperkte jongeren echt nodig”",
     ["jeugd", "onderwijs"],
     "Jongeren met een licht verstandelijke beperking vallen vaak tussen wal en schip. Waarom "
     "juist voor hen lokale belangenbehartiging nodig is."),
    ("artikel-laten-zien", "“We willen laten zien wat mensen met een beperking nodig hebben”",
     ["inspraak"],
     "Een ledengroep vertelt hoe zij de behoeften van mensen met een beperking zichtbaar maakt "
     "voor de gemeente."),
    ("artikel-ambtenaren", "“Laat ambtenaren zien wat ontwikkeling voor mensen betekent”",
     ["inspraak", "toegankelijkheid"],
     "Beleid wordt beter als ambtenaren zien wat het in het dagelijks leven betekent. Over "
     "ambtenaren uitnodigen en ervaringen laten vertellen."),
    ("artikel-scholen",
     "KansPlus en belangenbehartiging meer zichtbaar door voorlichting op scholen",
     ["onderwijs"],
     "Voorlichting op scholen maakt de ledengroep bekend bij ouders en leraren, en brengt "
     "nieuwe mensen en signalen binnen."),
    ("artikel-belangen-lokaal", "Welke belangen spelen lokaal voor mensen met een beperking?",
     ["wmo", "dagbesteding", "vervoer"],
     "Een overzicht van wat lokaal speelt: van Wmo-ondersteuning en dagbesteding tot vervoer en "
     "meepraten bij beleid."),
    ("artikel-samenbrengen", "Mensen samenbrengen – van elkaar leren – zichtbaar worden",
     ["inspraak", "vervoer", "dagbesteding", "wonen"],
     "Over de cursus Lokale Belangenbehartiging. Deelnemers maken van hun eigen probleem (een "
     "chauffeur van het leerlingenvervoer die onaardig is) een gezamenlijke zaak, en leren "
     "netwerken in vier stappen. Een cursist vertelt hoe ze het geleerde gebruikte in gesprekken "
     "over beschermd wonen."),
    ("artikel-pilots",
     "Wat hebben we geleerd van de pilots en hoe gaan we verder? – Filmpje met impressie van het "
     "afsluitende congres van 16 september 2016", ["inspraak"],
     "Een korte film over het slotcongres, met ongeveer honderd deelnemers. Vier ledengroepen "
     "(Amsterdam, Bossche Ommelanden, Friesland-Zuid en Walcheren) vertellen wat zij met hun "
     "coach bereikten: samenwerken loont, kleine stappen, volhouden."),
    # Not one of the sixteen, but the news item about the 2016 phone survey (seed 003).
    ("artikel-enquete", "De meeste ledengroepen werken aan lokale belangenbehartiging",
     ["inspraak", "wlz", "pgb", "wonen", "gezondheid", "vervoer"],
     "Uitkomsten van de telefonische enquête van juli en augustus 2016: 32 van de 46 "
     "ledengroepen deden mee. Gemiddeld geven ze zichzelf een 5,8 voor activiteit; 23 doen aan "
     "collectieve belangenbehartiging. Signalen komen bij 14 groepen niet vanzelf op de agenda "
     "van het bestuur. Genoemde thema's: pgb, Wlz, dagbesteding, keukentafelgesprekken, "
     "regiotaxi, dementie, schoolverlaters en meer."),
]  # fmt: skip

# Good examples from the patient-organisation guide (seed 004) and the final report (002):
# (key, title, theme codes, what they did, what it brought, tips).
EXAMPLES = [
    ("voorbeeld-pgb-ambassadeurs", "Pgb-ambassadeurs zetten het budget op de lokale agenda",
     ["pgb", "inspraak"],
     "Per Saldo heeft door het hele land ruim honderd vrijwillige ambassadeurs. Ze hebben zelf "
     "een pgb of beheren het voor een naaste, vaak een kind met een beperking. Ze praten met "
     "hun gemeente over wat er beter kan.",
     "Knelpunten komen vroeg boven tafel, en de gemeente hoort ze van iemand met ervaring.",
     "Train en steun de ambassadeurs vanuit het landelijk bureau. Laat ze ook meedenken over "
     "oplossingen, niet alleen problemen melden."),
    ("voorbeeld-parkinson-cafe", "Het café als plek om signalen op te vangen",
     ["vervoer", "gezondheid", "wmo"],
     "In een Parkinson Café ontmoeten mensen met de ziekte, hun naasten en belangstellenden "
     "elkaar. De organisatoren hoorden daar dat mensen geen parkeerkaart kregen: de ene dag "
     "kunnen ze lopen, de andere dag niet, en dat paste niet in de regels.",
     "Een concreet signaal dat de groep bij de Wmo-consulenten van de gemeente kon neerleggen.",
     "Een informele ontmoetingsplek is ideaal om te horen waar mensen tegenaan lopen. Schrijf "
     "het op en vertel het door."),
    ("voorbeeld-keukentafel-vrijwilligers", "Vrijwilligers die meegaan naar het keukentafelgesprek",
     ["wmo", "toegang", "gezondheid"],
     "Een kleine patiëntenvereniging heeft een Wmo-commissie van vijf vrijwilligers, verspreid "
     "over het land. Leden kunnen hen vragen om advies bij een keukentafelgesprek; de "
     "vrijwilliger denkt mee en kan ook bij het gesprek zijn.",
     "Gemeenten weten weinig van deze zeldzame aandoening; met de vrijwilliger erbij komt het "
     "gesprek over wat iemand echt nodig heeft.",
     "Kijk ook wat de onafhankelijke cliëntondersteuner kan doen. Een Wmo-werkgroep van een "
     "andere vereniging werkt op dezelfde manier."),
    ("voorbeeld-dementievriendelijk", "Een dementievriendelijke gemeente, samen met anderen",
     ["gezondheid", "inspraak"],
     "Een landelijke vereniging voert campagne om gemeenten dementievriendelijk te maken. De "
     "lokale afdelingen laten zien dat ook andere kwetsbare inwoners daar baat bij hebben, en "
     "nemen hun vertegenwoordigers mee.",
     "De afdelingen komen makkelijker binnen bij de gemeente.",
     "Zoek het gedeelde belang met andere organisaties; dat opent deuren die voor één groep "
     "dicht blijven."),
    ("voorbeeld-flevoland", "Samen optrekken in Flevoland",
     ["wonen", "wlz", "inspraak"],
     "Drie regionale patiëntenverenigingen werken samen met de woningcorporatie en de centrale "
     "cliëntenraad van de grootste zorginstelling in de regio. Samen behartigen ze de belangen "
     "van inwoners die zorg en ondersteuning nodig hebben.",
     "Ze hadden invloed op de eisen die de gemeente aan de kwaliteit van de thuiszorg stelt.",
     "Begin bij een vraagstuk waar alle partijen belang bij hebben, niet bij 'samenwerking' als "
     "doel op zich."),
    ("voorbeeld-meldknop", "Een meldknop op de website van de ledengroep",
     ["inspraak", "toegang"],
     "Ledengroepen kunnen een meldknop op hun website zetten. Bezoekers melden daar zorgen of "
     "klachten met een vast formulier, afgestemd met het Kennis- en Adviescentrum. Voor wie "
     "liever schrijft, is er een blocnote met hetzelfde formulier.",
     "Signalen komen op één manier binnen en kunnen landelijk worden vergeleken.",
     "Houd het eenvoudig: groepen hebben weinig tijd. Bespreek wat binnenkomt in elke "
     "bestuursvergadering."),
    ("voorbeeld-cursus-facebook", "Een cursus Facebook voor de eigen achterban",
     ["inspraak", "toegankelijkheid"],
     "De pilotgroep in Zeeland organiseerde een cursus Facebook voor haar leden. In Amsterdam "
     "was er een workshop over hoe verschillende generaties contact houden.",
     "Meer leden volgen en delen de berichten van de groep.",
     "Niet iedereen is vertrouwd met sociale media; een korte cursus haalt de drempel weg."),
]  # fmt: skip
