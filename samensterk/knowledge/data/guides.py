# ruff: noqa: E501  (prose: one paragraph or point a line, as staff type it in the form)
"""The guides, in sections (## heading, - point, 1. step; see body.py), in our own words.

Sources: the final report of the programme (seed 002: the 'Handreiking Zichtbaarheid' and the
guide on signals), the phone survey (003), the article on duo advocacy (000), the course
article with the four networking steps (001) and the guide for patient organisations (004).
"""

# (key, title, theme codes, tags, summary, body)
GUIDES = [
    ("zichtbaarheid", "Handreiking Zichtbaarheid", ["inspraak", "toegankelijkheid"],
     "pr, zichtbaarheid, sociale media, facebook, lokale media, bekendheid",
     "Hoe een ledengroep zichtbaar wordt voor mensen met een verstandelijke beperking en hun "
     "familie, voor andere organisaties en voor de gemeente. Stap voor stap, met tips uit de "
     "pilotgroepen.",
     """
## Waarom zichtbaar worden?
Wie de ledengroep kent, weet haar te vinden met een vraag of een zorg. En wie haar herkent, neemt haar serieus als gesprekspartner. In de enquête van 2016 vonden 14 van de 32 ledengroepen zichzelf niet zichtbaar genoeg.
Zichtbaarheid gaat over twee dingen: de groep zelf bekend maken, en laten zien hoe het leven van mensen met een verstandelijke beperking en hun familie eruitziet.

## 1. Bepaal voor wie je zichtbaar wilt zijn
- Mensen met een verstandelijke beperking en hun familie: zij moeten weten dat de groep er is en opkomt voor hun belangen.
- Niet-leden: met hun steun spreek je namens meer mensen dan alleen je leden.
- Raadsleden, politieke partijen, ambtenaren en zorgaanbieders: zij moeten weten wat mensen nodig hebben om gewoon mee te doen.
- Andere groepen in de gemeente: de Wmo-raad, cliëntenraden, wijkteams en vrijwilligersorganisaties.

## 2. Laat zien wie je bent
Noem steeds de naam van de vereniging waarvoor je actief bent. Dan herkennen anderen je als ledengroep of cliëntenraad en weten ze je te vinden. Zorg dat de website klopt: wie zijn jullie, waar werken jullie aan, hoe neem je contact op.

## 3. Gebruik sociale media
- Maak een Facebook-pagina en houd die bij; deel nieuws van de groep en van anderen.
- Twitter en LinkedIn helpen om raadsleden en ambtenaren te bereiken.
- Niet iedereen is vertrouwd met sociale media. Een korte cursus voor de leden helpt (zoals in Zeeland).
- Bouwen aan een online platform kost tijd. Begin klein en maak afspraken over wie wat plaatst.

## 4. Zoek de lokale media en de scholen op
- Schrijf een stukje voor de huis-aan-huiskrant, de schoolkrant of de website van de gemeente.
- Geef voorlichting op scholen: zo leren ouders en leraren de groep kennen.

## 5. Wees aanwezig bij anderen
Wie zelf geen activiteiten organiseert, kan toch zichtbaar zijn: ga langs bij activiteiten van anderen, sponsor iets, reik een prijs uit. Zo blijf je in beeld en hoor je wat er speelt. Organiseer themabijeenkomsten samen met andere organisaties: dat scheelt werk en geld en trekt meer mensen.

## 6. Laat mensen zelf aan het woord
Niets maakt zoveel indruk als iemand met een verstandelijke beperking die zelf vertelt wat er speelt. Werk in duo's: iemand met en iemand zonder beperking die samen hun verhaal doen.

## 7. Volhouden
Zichtbaarheid vraagt voortdurend aandacht: mensen wisselen van plek, bij de gemeente en in je eigen groep. Zet kleine stappen, zoek medestanders en plan vooruit, bijvoorbeeld met een communicatiekalender waarin elke maand een thema aan bod komt.
"""),
    ("signalen", "Signalen verzamelen, registreren en analyseren",
     ["inspraak", "toegang"],
     "signalen, registratie, meldknop, blocnote, achterban, ervaringen",
     "Hoe een ledengroep de verhalen van leden en hun omgeving verzamelt, vastlegt en gebruikt "
     "voor belangenbehartiging. Eenvoudig, want groepen hebben weinig tijd.",
     """
## Waarom signalen?
Ervaringsinformatie is goud voor belangenbehartigers: elk verhaal kan een signaal bevatten. Leden praten vaak met elkaar over problemen, maar beseffen niet dat ze daarmee belangrijke informatie in handen hebben. Uit de enquête van 2016: ongeveer de helft van de ledengroepen verzamelt signalen, en bij 14 van de 32 groepen komen ze niet vanzelf op de agenda van het bestuur.

## Houd het eenvoudig
Groepen hebben weinig tijd en gebruiken geen hulpmiddelen die veel werk kosten. Het gaat om de verhalen van mensen, niet om aantallen. Eén goed beschreven verhaal zegt vaak meer dan een tabel.

## 1. Verzamelen
- Luister bij je eigen bijeenkomsten en bij die van anderen; ook vrijwilligers van activiteiten horen veel.
- Houd een huiskamergesprek of een kort interview met leden.
- Vraag een panel van leden af en toe om hun ervaring.
- Volg wat er op sociale media gezegd wordt.
- Zet een meldknop op de website van de groep, zodat mensen zelf een zorg of klacht kunnen melden.
- Geef leden een blocnote met hetzelfde formulier, voor wie liever op papier schrijft.

## 2. Registreren
Schrijf elk signaal kort op, met dezelfde vragen als het formulier achter de meldknop: wat is er gebeurd, in welke gemeente, bij welke instantie of regeling, en sinds wanneer. Laat namen weg als die er niet toe doen. In Samen Sterk voer je een signaal in bij Signalen; het thema wordt voorgesteld.

## 3. Analyseren
- Kijk elke bestuursvergadering naar de nieuwe signalen: zet ze vast op de agenda.
- Zoek wat terugkomt: hetzelfde probleem bij meer mensen, of in meer gemeenten.
- Groepeer per thema, zoals vervoer, dagbesteding of het keukentafelgesprek.
- Kies wat je oppakt: wat speelt bij veel mensen, wat is urgent, waar kun je iets bereiken?

## 4. Delen en gebruiken
- Deel signalen met medeleden en met andere organisaties die er iets mee kunnen, zoals de Wmo-raad.
- Geef ze door aan het landelijk bureau. Het Kennis- en Adviescentrum registreert de vragen die binnenkomen en kan laten zien wat er in jullie regio speelt.
- Landelijk worden signalen gebundeld, zoals in het signaalrapport 'Dwalen tussen wetten en loketten' van Ieder(in).
- Vertel de mensen die iets meldden wat er met hun signaal is gebeurd.
"""),
    ("duo", "Duo-belangenbehartiging: voorbereiden en zes tips", ["inspraak"],
     "duo, duo-presentatie, ervaringsdeskundige, samen, cursus",
     "Iemand met en iemand zonder verstandelijke beperking die samen hun verhaal doen, staan "
     "sterker. Hoe je je samen voorbereidt, evalueert, en de zes tips voor een goed duo.",
     """
## Waarom in een duo?
Mensen met een beperking en hun vertegenwoordigers kijken ieder vanuit hun eigen kant naar hetzelfde: de kwaliteit van zorg en ondersteuning. Hun belangen kunnen verschillen, maar samen vertellen ze een duidelijker verhaal. De één is niet de coach van de ander: allebei hebben een eigen rol. Het gaat om wederkerigheid: wie is waar goed in, wie wil wat doen, en elkaar iets gunnen.

## Zo bereid je je samen voor
1. Maak samen een draaiboek.
2. Kijk steeds waar het over gaat en wie er komen.
3. Verdeel de taken, zodat je van elkaar weet wie wat doet.
4. Spreek af hoe je op elkaar reageert: hoe je elkaar aanvult of verbetert.
5. Doe niet steeds dezelfde onderdelen. Probeer ook iets nieuws; samen zorg je dat het lukt.

## Na afloop: samen evalueren
Geef elkaar eerlijke feedback; als iets niet goed ging, deel dat. Daar leer je van. Vragen om samen te bespreken:
- Hoe voelde je je?
- Was je rol duidelijk?
- Wat ging goed, en wat kan beter?
- Had je genoeg inbreng?
- Wat zijn je valkuilen?

## De zes tips
1. Kies samen een doel dat uitdaagt.
2. Wees eerlijk tegen elkaar.
3. Doe waar je goed in bent.
4. Gun elkaar de succesmomenten.
5. Houd het enthousiasme en de vaart erin.
6. Gebruik humor.

## Waar leer je dit?
De cursus 'Hoe krijg jij het voor elkaar?' is voor duo's van belangenbehartigers met en zonder verstandelijke beperking: leden van cliëntenraden, familieverenigingen, overleggroepen en ledengroepen. Bekijk ook het webinar 'Belangenbehartiging in duo's' van 11 mei 2016.
"""),
    ("netwerken", "Netwerken in vier stappen: vogels spotten, vlinderen, vlooien, trompetteren",
     ["inspraak"],
     "netwerk, netwerken, netwerkstap, contacten, relaties, sociale media",
     "Een netwerk opbouwen en onderhouden in vier stappen, uit de cursus Lokale "
     "Belangenbehartiging. Samenwerken levert meer op dan ieder voor zich.",
     """
## Waarom netwerken?
Samenwerken levert veel meer op dan elkaar beconcurreren: je netwerk groeit, je staat steviger, je voorkomt dubbel werk en je hoeft het wiel niet opnieuw uit te vinden. In Samen Sterk houd je bij elke persoon in het netwerk bij in welke stap jullie zitten.

## 1. Vogels spotten
Kijk om je heen. Wat is dit voor bijeenkomst, wie zijn er (vraag de deelnemerslijst), bij wie kun je aansluiten? In Samen Sterk: gezien, nog geen contact.

## 2. Vlinderen
Maak kennis, en doe het goed: vertel niet alleen je eigen verhaal. Luister naar de ander en denk mee. In Samen Sterk: kennisgemaakt en geluisterd.

## 3. Vlooien
Kunnen we iets voor elkaar betekenen? Hoe houden we contact? Stem de manier af op de persoon: de een belt graag, de ander appt liever. In Samen Sterk: we houden contact.

## 4. Trompetteren
Onderhoud het netwerk door van je te laten horen: deel nieuws, nodig mensen uit, laat zien wat de groep doet. In Samen Sterk: we laten regelmatig van ons horen.

## Zichtbaar met sociale media
Sociale media helpen bij netwerken en zichtbaar worden. Een voorbeeld uit de cursus: iemand die zich verveelt sinds activiteiten in de buurt stopten, kan via een Facebook-pagina nieuwe contacten leggen en zelf iets organiseren.
"""),
    ("keukentafelgesprek", "Het keukentafelgesprek: goed voorbereid", ["wmo", "toegang"],
     "keukentafelgesprek, wmo, gemeente, cliëntondersteuning, ondersteuning aanvragen",
     "Wie ondersteuning van de gemeente vraagt, krijgt eerst een gesprek: het "
     "keukentafelgesprek. Hoe je je (of een lid) daarop voorbereidt, en wat de groep kan doen.",
     """
## Wat is het keukentafelgesprek?
Vraag je ondersteuning via de Wmo, dan praat iemand van de gemeente of het wijkteam eerst met je over je situatie: wat lukt er zelf, wat kan je omgeving doen, en waar is hulp nodig. Dat gesprek bepaalt veel van wat je daarna krijgt.

## Voor het gesprek
1. Schrijf op hoe een gewone week eruitziet, en wat er niet lukt zonder hulp.
2. Beschrijf de gevolgen in het dagelijks leven, niet alleen de diagnose: de gemeente kan niet alle beperkingen kennen.
3. Neem iemand mee: een naaste, een vrijwilliger van de vereniging of een onafhankelijke cliëntondersteuner. Daar heb je recht op.
4. Neem informatie mee over de beperking, bijvoorbeeld een folder van de vereniging.

## Tijdens en na het gesprek
- Vraag om een verslag en lees het goed na. Klopt het niet, laat het dan aanpassen.
- Vraag wanneer je een besluit (de beschikking) krijgt.
- Ben je het niet eens met het besluit, dan kun je bezwaar maken. Vraag op tijd hulp.

## Wat kan de groep doen?
- Zorg voor eenvoudige informatie: hoe werkt de gemeente, hoe zit de Wmo in elkaar, waarom is het keukentafelgesprek belangrijk.
- Bied vrijwilligers aan die meedenken en mee kunnen gaan, zoals de Wmo-commissies van sommige verenigingen.
- Geef voorlichting aan wijkteams en consulenten: wat betekent een verstandelijke beperking voor hun werk?
- Verzamel de ervaringen van leden met het gesprek: dat zijn signalen voor de Wmo-raad.
"""),
    ("vijf-strategieen", "Lokaal belangen behartigen: vijf strategieën",
     ["inspraak", "wmo", "toegang", "gezondheid"],
     "landelijk, lokaal, strategie, samenwerken, patiëntenorganisaties, ambassadeurs",
     "Voor landelijke organisaties: lokaal wat kan, landelijk wat moet. Vijf manieren om de "
     "belangenbehartiging in gemeenten te steunen, naar een handreiking van Movisie, "
     "Patiëntenfederatie Nederland en PGOsupport.",
     """
## Lokaal wat kan, landelijk wat moet
Sinds de decentralisaties beslist de gemeente over veel zorg, ondersteuning en geld, terwijl het rijk, verzekeraars en fabrikanten landelijk nog veel bepalen. Belangenbehartiging wordt daarom een mix van landelijk en lokaal. Er is geen blauwdruk: in de ene gemeente is er een belangenbehartiger, in de andere een cliëntenraad of een regionaal netwerk. Luister wat er lokaal nodig is. De strategieën hieronder hoeven niet tegelijk en niet in deze volgorde.

## 1. Gemeenten en zorgverleners informeren
- Laat mensen zelf hun gemeente informeren: een persoonlijk verhaal komt beter binnen dan een folder.
- Zorg voor materiaal voor de achterban: hoe werkt de gemeente, de Wmo, het keukentafelgesprek.
- Geef voorlichting aan wijkteams en consulenten over de gevolgen van een beperking, niet per ziektebeeld maar wat vergelijkbare aandoeningen gemeen hebben.
- Zet een pool van getrainde vrijwilligers of ambassadeurs op, eventueel met andere organisaties.

## 2. Kennis en vaardigheden vergroten
- Bied trainingen en workshops in lobby en beïnvloeding.
- Breng met een netwerkanalyse in kaart wie lokaal invloed heeft.
- Probeer samen met andere organisaties iets uit in één of enkele gemeenten, en leer al doende.

## 3. De organisatie ontwikkelen
- Geef lotgenotencontact een bredere opdracht: ook informatie geven en signalen ophalen.
- Steun regionale mensen als probleemoplossers.
- Zonder lokale afdelingen: organiseer een café, sluit aan bij een bestaand café of gebruik een digitaal panel.

## 4. Lokaal samenwerken
Begin met een netwerkanalyse: welke organisaties zijn er, ook die je nog niet kent? Haak aan bij andere organisaties en organiseer bijeenkomsten over lokale vragen die iedereen raken, zoals begrijpelijke informatie of toegankelijke voorzieningen.

## 5. Collectief belangen behartigen
Ontwikkel samen een strategie rond een vraagstuk dat meerdere partijen raakt. Benut de gemeenteraadsverkiezingen om samen aandacht te vragen.

## De rol van het landelijk bureau
- Signalen ophalen en bundelen; waar nodig opschalen.
- Advies geven, meedenken en goede voorbeelden verzamelen en delen.
- Materialen, trainingen en coaching bieden.
- Monitoren wat lokaal werkt.
"""),
]  # fmt: skip
