"""What the suggester knows of the Dutch care and support system per default theme, before any
label: laws, schemes, bodies, providers and the everyday words people use for them.

Keyed by the shipped theme codes (spec themes.csv); a theme an organisation added itself has no
entry and is known by its name, description and keywords alone. Administrators refine the
editable keywords in the admin; this list is the product's own prior and ships with the code,
so an existing installation gets it without a data migration.

Two tiers per theme: *strong* terms all but name the theme (a law, a body, a scheme of its
own), *weak* ones lean towards it. Both are stemmed and matched as compounds and near
misspellings by the keyword scorer.
"""

STRONG: dict[str, str] = {
    "wmo": "wmo, wet maatschappelijke ondersteuning, keukentafelgesprek, maatwerkvoorziening, "
    "huishoudelijke hulp, huishoudelijke ondersteuning, ambulante begeleiding, "
    "individuele begeleiding, wmo-consulent, wmo-beschikking, cak, eigen bijdrage, "
    "algemene voorziening, voorliggende voorziening, gebruikelijke zorg, scootmobiel, "
    "traplift, woningaanpassing, schoonmaakhulp, thuisbegeleiding, normenkader",
    "wlz": "wlz, wet langdurige zorg, ciz, zorgkantoor, zorgprofiel, vg7, vg5, vg6, "
    "volledig pakket thuis, modulair pakket thuis, vpt, mpt, meerzorg, woonvorm, "
    "woonvoorziening, woongroep, woonzorgcentrum, instelling, bewoners, groepsleiding, "
    "nachtwacht, nachtdienst, kwaliteitskader gehandicaptenzorg, permanent toezicht, "
    "vrijheidsbeperking, wet zorg en dwang, klachtencommissie, persoonsvolgend budget",
    "pgb": "pgb, persoonsgebonden budget, budgethouder, budgethouderschap, svb, "
    "sociale verzekeringsbank, zorgovereenkomst, budgetplan, pgb-portaal, trekkingsrecht, "
    "verantwoording, declaratie, declareren, pgb-vaardig, pgb-vaardigheid, zorg in natura, "
    "informele zorgverlener, jaarafrekening, urenlijsten, per saldo",
    "vervoer": "vervoer, leerlingenvervoer, schoolvervoer, regiotaxi, valys, wmo-vervoer, "
    "taxi, taxibus, taxibedrijf, busje, chauffeur, vervoerder, rit, ritten, route, "
    "ophalen, opstapplaats, reistijd, parkeerkaart, gehandicaptenparkeerkaart, "
    "ov-begeleiderskaart, reisassistentie, zittend ziekenvervoer, kilometervergoeding, "
    "openbaar vervoer, trein, bus, rolstoelplek, zelfstandig reizen",
    "onderwijs": "school, onderwijs, passend onderwijs, speciaal onderwijs, vso, so, "
    "praktijkonderwijs, praktijkschool, samenwerkingsverband, thuiszitter, leerplicht, "
    "leerplichtambtenaar, vrijstelling, toelaatbaarheidsverklaring, arrangement, "
    "onderwijs-zorgarrangement, ontwikkelingsperspectiefplan, opp, uitstroomprofiel, "
    "intern begeleider, leerkracht, juf, meester, klas, mentor op school, cluster 3, "
    "onderwijsassistent, mbo, entree-opleiding, stage, diploma, schoolverlaters, les",
    "werk_inkomen": "participatiewet, wajong, uwv, bijstand, uitkering, beschut werk, "
    "sociale werkplaats, werkplaats, sociaal ontwikkelbedrijf, banenafspraak, garantiebaan, "
    "loonwaarde, loonkostensubsidie, jobcoach, re-integratie, sollicitatieplicht, "
    "kostendelersnorm, toeslagen, zorgtoeslag, huurtoeslag, belastingdienst, schulden, "
    "schuldhulpverlening, deurwaarder, incassobureau, armoede, inkomen, loon, salaris, "
    "werkgever, baan, contract, bijzondere bijstand, energietoeslag, minimabeleid",
    "dagbesteding": "dagbesteding, dagactiviteitencentrum, zorgboerderij, soos, club, "
    "vereniging, sportclub, g-team, sport, zwemmen, scouting, hobby, vrije tijd, "
    "vakantie, vakantiereis, uitje, uitjes, weekend, activiteiten, eenzaam, eenzaamheid, "
    "vrienden, vriendin, vriendschap, contacten, vervelen, vrijwilligerswerk, buurthuis, "
    "inloop, disco, muziekgroep",
    "wonen": "wonen, woning, huis, huurwoning, sociale huurwoning, woningcorporatie, "
    "corporatie, verhuurder, huur, huurachterstand, urgentie, urgentieverklaring, "
    "inschrijftijd, wachtlijst woning, beschermd wonen, woonproject, wooninitiatief, "
    "kangoeroewoning, zelfstandig wonen, op mezelf, verhuizen, verhuizing, uitzetting, "
    "ontruiming, schimmel, buren, studio, appartement, flat, bestemmingsplan, skaeve huse",
    "vertegenwoordiging": "mentor, mentorschap, bewindvoerder, bewindvoering, "
    "beschermingsbewind, bewind, curator, curatele, wettelijk vertegenwoordiger, "
    "vertegenwoordiger, kantonrechter, rechtbank, testament, levenstestament, erfenis, "
    "erfrecht, erven, notaris, volmacht, zeggenschap, familie betrekken, verwanten, "
    "leefgeld, weekgeld",
    "toegang": "wijkteam, sociaal wijkteam, jeugdteam, loket, zorgloket, één loket, "
    "clientondersteuning, clientondersteuner, onafhankelijke clientondersteuning, mee, "
    "vraagverheldering, hulpvraag, doorverwijzen, doorverwezen, doorgestuurd, "
    "kastje naar de muur, van het kastje, casusregisseur, regie, coördinatie, "
    "niemand weet, welke wet, tussen wal en schip, aanmelden, bereikbaar, terugbellen",
    "jeugd": "jeugdhulp, jeugdwet, jeugdzorg, jeugd-ggz, jeugdconsulent, jeugdarts, "
    "jeugdbescherming, jeugdbeschermer, gezinsbegeleiding, gezinsondersteuning, "
    "gezinscoach, gezinshuis, pleegzorg, pleeggezin, pleegkind, logeeropvang, logeerhuis, "
    "logeren, kinderdagcentrum, vroeghulp, naschoolse opvang, crisisopvang, "
    "18-/18+, achttien, 18 wordt, 18e verjaardag, kind, kinderen, brussen",
    "gezondheid": "huisarts, arts, dokter, ziekenhuis, spoedeisende hulp, ggz, psychiater, "
    "psycholoog, avg-arts, neuroloog, medicijnen, medicatie, pillen, apotheek, "
    "bijwerkingen, epilepsie, dementie, diagnose, diagnostiek, tandarts, "
    "bijzondere tandheelkunde, fysiotherapie, logopedie, hoortoestel, bril, "
    "zorgverzekering, zorgverzekeraar, eigen risico, hulpmiddelen, incontinentiemateriaal, "
    "narcose, operatie, pijn, ziek, bevolkingsonderzoek, verslavingszorg",
    "inspraak": "inspraak, inspraakavond, meepraten, meebeslissen, wmo-raad, adviesraad, "
    "adviesraad sociaal domein, cliëntenraad, clientenraad, verwantenraad, ouderraad, "
    "huurdersraad, bewonersraad, medezeggenschap, medezeggenschapsraad, wmcz, "
    "ervaringsdeskundige, ervaringsdeskundigheid, vn-verdrag, inclusie-agenda, "
    "gemeenteraad, raadsvergadering, wethouder, college, politiek, beleid, advies, "
    "participatietraject, enquête, klankbordgroep, belangenvereniging, "
    "niets over ons zonder ons",
    "toegankelijkheid": "toegankelijk, toegankelijkheid, ontoegankelijk, makkelijke taal, "
    "eenvoudige taal, moeilijke woorden, moeilijke taal, begrijpelijk, brief, brieven, "
    "formulier, website, app, digid, digitaal, online, internetbankieren, voorleesprogramma, "
    "keuzemenu, rolstoeltoegankelijk, invalidentoilet, tillift, drempel, ingang, lift, "
    "stoep, bejegening, uitgelachen, uitgescholden, gepest, discriminatie, geweigerd, "
    "weigert, uitsluiting, vernederd, stemlokaal",
}

# Words that lean towards a theme but are also said about others.
WEAK: dict[str, str] = {
    "wmo": "gemeente, consulent, beschikking, bezwaar, aanvraag, herindicatie, begeleider, "
    "begeleiding, aanbieder, zelfredzaam, mantelzorg",
    "wlz": "zorgaanbieder, zorginstelling, groep, locatie, personeel, personeelstekort, "
    "invalkracht, uitzendkrachten, zorgplan, kamer, bewoner",
    "pgb": "budget, tarief, zorgverlener, betaling, betaald, uitbetaling, factuur, "
    "terugvordering, zzp",
    "vervoer": "te laat, wachten, rijden, opgehaald, afgezet, station, rolstoel",
    "onderwijs": "leerling, leren, lezen, rekenen, schooltijden, schoolreis, gym, huiswerk",
    "werk_inkomen": "werk, werken, geld, betalen, rekening, boete, formulier uitkering",
    "dagbesteding": "activiteit, groep, thuis zitten, bank, tv, alleen",
    "wonen": "kamer, wachtlijst, bouwen, straat, wijk, thuis wonen",
    "vertegenwoordiging": "rechter, familie, ouders, beslissen, handtekening, rekening",
    "toegang": "gemeente, hulp, niemand, doorverwijzing, telefoon, afspraak, dossier",
    "jeugd": "ouders, zoon, dochter, gezin, broertje, zusje, opvoeding",
    "gezondheid": "zorg, behandeling, onderzoek, wachtlijst, gezondheid",
    "inspraak": "vergadering, raad, mening, stem, uitnodigen, gevraagd",
    "toegankelijkheid": "lezen, snappen, begrijpen, telefoon, winkel, restaurant, mensen keken",
}
