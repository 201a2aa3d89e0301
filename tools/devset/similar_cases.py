"""Development set for similar signals: the same concrete problem told by different people.

Each case is one concrete problem (the same place, institution or provider and the same kind of
trouble), told two to four times by different writers in different words: someone writing
simply with spelling mistakes, a parent, a mentor, a terse phone note by staff. The distractors
share a case's topic but not its concrete problem (another provider, another village, another
kind of trouble). A good ranking puts a text's siblings above everything else.

    python tools/devset/similar_generate.py   # writes tools/devset/similar.csv
"""

CASES = [
    # Leerlingenvervoer: one carrier, long routes.
    [
        "Het leerlingenvervoer van Taxi Noord in Oss rijdt zo'n omweg dat onze zoon elke ochtend "
        "anderhalf uur in het busje zit. Hij komt doodmoe op school aan.",
        "ik zit heel lang in de bus van taxi noord. wel 1,5 uur. dan ben ik moe op school",
        "Moeder belt: leerlingenvervoer Oss (Taxi Noord), rit duurt 90 min door lange route langs "
        "scholen. Wil klacht indienen.",
        "Als mentor hoor ik van meerdere gezinnen in Oss dat de route van Taxi Noord belachelijk "
        "lang is. Kinderen zitten anderhalf uur in het busje.",
    ],
    # Regiotaxi does not take wheelchairs.
    [
        "De Regiotaxi Walcheren weigerde gisteren om mijn zus met haar rolstoel mee te nemen. "
        "De chauffeur zei dat er geen plek was.",
        "Beller: regiotaxi Walcheren neemt rolstoel niet mee, rit geweigerd. Tweede keer deze maand.",
        "de taxi wil mij niet meenemen met mijn rolstoel. in middelburg. ik bleef thuis",
    ],
    # Dagbesteding De Klaproos closes.
    [
        "Dagbesteding De Klaproos in Heerenveen gaat per 1 maart dicht. Er is geen andere plek "
        "voor mijn dochter, ze zit dan thuis.",
        "de klaproos gaat dicht. ik weet niet waar ik dan heen moet. ik wil naar mijn vrienden",
        "Vader belt: De Klaproos (Heerenveen) sluit in maart, gemeente heeft geen alternatief "
        "voor de deelnemers. Zorgen over thuiszitten.",
        "Zeker tien deelnemers van De Klaproos hebben nog geen nieuwe dagbesteding nu de locatie "
        "in Heerenveen sluit. De gemeente zegt dat ze moeten wachten.",
    ],
    # SVB does not pay pgb carers.
    [
        "De SVB heeft de zorgverleners van het pgb van mijn zoon al twee maanden niet betaald. "
        "De begeleider dreigt te stoppen.",
        "Budgethouder belt: SVB betaalt facturen pgb niet uit sinds september. Zorgverlener wil "
        "stoppen. Doorverwezen naar SVB-klachtenlijn.",
        "mijn begeleider krijgt geen geld van de svb. nu wil ze stoppen. dat is niet eerlijk",
    ],
    # Wmo decision takes months in Tynaarlo.
    [
        "In januari vroegen we bij de gemeente Tynaarlo begeleiding aan via de Wmo. Het is nu mei "
        "en we hebben nog steeds geen beschikking.",
        "Moeder belt: Wmo-aanvraag begeleiding Tynaarlo loopt sinds januari, geen besluit, "
        "wettelijke termijn ruim verlopen.",
        "Als vertegenwoordiger wacht ik al vier maanden op een besluit van Tynaarlo over "
        "begeleiding voor mijn cliënt. Bellen helpt niet.",
    ],
    # Woningcorporatie refuses a supported-living house.
    [
        "Woningstichting Eigen Haard in Amsterdam wil geen woning geven aan mijn broer omdat hij "
        "begeleiding nodig heeft. Ze zeggen dat het te veel risico is.",
        "eigen haard wil mij geen huis geven. omdat ik hulp krijg. ik wil zelf wonen",
        "Begeleider belt: cliënt afgewezen door Eigen Haard (Amsterdam) voor woning vanwege "
        "begeleidingsbehoefte. Discriminatie?",
    ],
    # School refuses a pupil: thuiszitter.
    [
        "Onze dochter zit al een half jaar thuis omdat De Regenboogschool in Vught zegt dat ze "
        "haar niet kan begeleiden. Er is geen andere school.",
        "Thuiszitter Vught: De Regenboogschool weigert leerling, samenwerkingsverband heeft geen "
        "plek. Ouders ten einde raad.",
        "ik mag niet naar school. de regenboogschool wil mij niet. ik ben al heel lang thuis",
    ],
    # Invalkrachten at one care home.
    [
        "Op woongroep De Linde van Philadelphia in Zwolle zijn elke dag andere invalkrachten. "
        "Mijn zoon kent niemand meer en is erg onrustig.",
        "bij de linde zijn steeds nieuwe mensen. ik ken ze niet. ik ben bang",
        "Zus belt: woonlocatie De Linde (Philadelphia, Zwolle) draait op uitzendkrachten, cliënt "
        "raakt overstuur. Wil gesprek met locatiemanager.",
    ],
    # Wajong cut after working a few hours.
    [
        "Het UWV heeft de Wajong van mijn zoon gekort omdat hij een paar uur per week bij de "
        "bakker werkt. Nu houdt hij minder over dan zonder werk.",
        "ik werk bij de bakker en nu krijg ik minder geld van het uwv. dat snap ik niet",
        "Vader belt: Wajong gekort na start bijbaan (bakkerij), netto inkomen gedaald. Vraagt "
        "uitleg over verrekening.",
    ],
    # Letters from the municipality are incomprehensible.
    [
        "De brieven van de gemeente Súdwest-Fryslân over de bijstand zijn zo ingewikkeld dat mijn "
        "cliënt ze niet snapt. Hij miste daardoor een termijn.",
        "ik snap de brief van de gemeente niet. er staan moeilijke woorden in. sneek",
        "Mentor belt: brieven Súdwest-Fryslân onbegrijpelijk voor mensen met LVB, cliënt "
        "termijn gemist en uitkering stopgezet.",
    ],
    # Logeeropvang closed.
    [
        "De logeeropvang van 's Heeren Loo in Ermelo is gesloten. Wij hebben nu nooit meer een "
        "weekend rust, onze zoon heeft 24 uur zorg nodig.",
        "Ouders bellen: logeerhuis 's Heeren Loo Ermelo dicht wegens personeel, geen vervanging, "
        "mantelzorgers overbelast.",
        "ik mocht altijd logeren in ermelo. nu is het dicht. mama is moe",
    ],
    # Keukentafelgesprek without mentor.
    [
        "De consulent van de gemeente Den Bosch voerde het keukentafelgesprek met mijn broer "
        "zonder mij als mentor uit te nodigen. Hij zei overal ja op.",
        "Als mentor ben ik niet uitgenodigd voor het keukentafelgesprek in 's-Hertogenbosch. "
        "Nu staat er in het verslag dat hij alles zelf kan.",
        "Mentor belt: keukentafelgesprek Den Bosch gevoerd zonder vertegenwoordiger, verslag "
        "klopt niet, uren begeleiding verlaagd.",
    ],
    # Sports club excludes.
    [
        "Voetbalclub VV Middelburg wil mijn zoon niet meer laten meetrainen omdat hij een "
        "beperking heeft. De trainer zegt dat hij te langzaam is.",
        "ik mag niet meer voetballen bij de club in middelburg. de trainer wil mij niet",
        "Moeder belt: VV Middelburg sluit zoon (LVB) uit van training. Vraagt naar G-voetbal.",
    ],
    # Huisarts: no time, no easy language.
    [
        "De huisarts in Joure neemt geen tijd voor mijn cliënt en praat in moeilijke woorden. "
        "Ze begrijpt niet welke medicijnen ze moet nemen.",
        "de dokter in joure praat te snel. ik snap niet welke pillen ik moet nemen",
        "Begeleider belt: huisartsenpraktijk Joure, consult te kort, uitleg medicatie niet "
        "begrijpelijk voor cliënt met LVB.",
    ],
    # Wijkteam waiting time.
    [
        "Bij het sociaal wijkteam in Almere Buiten is de wachttijd voor een eerste gesprek drie "
        "maanden. Intussen loopt de situatie thuis uit de hand.",
        "Beller: wijkteam Almere Buiten, wachtlijst 12 weken voor intake. Crisisachtige situatie "
        "thuis, doorverwezen naar huisarts.",
        "ik moet lang wachten op het wijkteam in almere. ik heb nu hulp nodig",
    ],
    # Eigen bijdrage huishoudelijke hulp Vlissingen.
    [
        "In Vlissingen is de eigen bijdrage voor huishoudelijke hulp ineens verhoogd. Mijn moeder "
        "met een verstandelijke beperking zegt de hulp nu op.",
        "Dochter belt: eigen bijdrage hulp bij het huishouden Vlissingen omhoog, moeder stopt met "
        "hulp. Vraag: kan dat zomaar?",
    ],
    # CIZ rejects Wlz indication.
    [
        "Het CIZ heeft de Wlz-indicatie voor mijn dochter afgewezen omdat ze 'te zelfstandig' zou "
        "zijn. Zonder toezicht 's nachts gaat het mis.",
        "Ouder belt: Wlz-aanvraag afgewezen door CIZ (te zelfstandig), dochter heeft 24-uurs "
        "toezicht nodig. Bezwaar?",
    ],
    # Client council not heard.
    [
        "De cliëntenraad van Amarant in Tilburg wordt niet meer gevraagd om advies over de "
        "bezuinigingen. Het bestuur besluit alles zelf.",
        "Lid cliëntenraad Amarant belt: adviesrecht genegeerd bij sluiting locaties Tilburg. "
        "Vraagt hulp over WMCZ.",
    ],
    # Beschermd wonen waiting list.
    [
        "De wachtlijst voor beschermd wonen in Utrecht is twee jaar. Mijn zoon van 23 woont nog "
        "thuis en wij kunnen het niet meer aan.",
        "ik wil op mezelf wonen in utrecht maar ik moet 2 jaar wachten",
        "Vader belt: beschermd wonen Utrecht, wachtlijst 2 jaar, thuissituatie onhoudbaar.",
    ],
    # Bewindvoerder unreachable.
    [
        "De bewindvoerder van mijn neef neemt nooit de telefoon op. Hij heeft al weken geen "
        "leefgeld gehad.",
        "mijn bewindvoerder belt nooit terug. ik heb geen geld voor eten",
        "Begeleider belt: bewindvoerder cliënt onbereikbaar, leefgeld niet overgemaakt, "
        "voedselbank ingeschakeld.",
    ],
]

# Same topics, other concrete problems: these should rank below a text's own siblings.
DISTRACTORS = [
    "Het leerlingenvervoer in Almere is vaak te laat, de chauffeur belt niet als hij later komt.",
    "De taxi naar de dagbesteding in Veere komt soms helemaal niet. Dan blijft mijn zoon thuis.",
    "De chauffeur van de regiotaxi in Sneek was onvriendelijk tegen mijn dochter.",
    "Dagbesteding 't Anker in Sneek heeft een wachtlijst van een jaar.",
    "Het activiteitencentrum in Diemen heeft geen vervoer meer geregeld voor de deelnemers.",
    "Het pgb-tarief voor familieleden is in Zwolle verlaagd. Mijn man zorgt voor onze zoon.",
    "De verantwoording van het pgb is veel te ingewikkeld, ik snap de formulieren niet.",
    "De gemeente Amsterdam heeft de Wmo-begeleiding van mijn zus zonder gesprek verlaagd.",
    "Het bezwaar tegen de beschikking in Veere is na een half jaar nog niet behandeld.",
    "In Zwolle is er geen betaalbare woning voor jongeren met een beperking.",
    "De woningcorporatie in Oss wil geen aanpassing aan de badkamer betalen.",
    "Mijn zoon kan niet terecht op het praktijkonderwijs in Utrecht, de klassen zijn te groot.",
    "Het speciaal onderwijs in Middelburg heeft geen plek meer voor nieuwe leerlingen.",
    "Bij de woongroep in Ermelo is 's nachts geen wacht meer aanwezig.",
    "Het zorgplan van mijn broer bij Philadelphia is al twee jaar niet besproken.",
    "Het UWV doet heel lang over de herbeoordeling van de Wajong van mijn dochter.",
    "De loonwaardemeting bij het sociaal werkbedrijf in Den Bosch klopt niet.",
    "De website van de gemeente Tynaarlo is niet te gebruiken voor mensen die slecht lezen.",
    "Het gemeentehuis in Vlissingen heeft geen lift, mijn vader met rolstoel kan niet naar binnen.",
    "De zorgverzekeraar vergoedt de nieuwe rolstoel van mijn dochter niet.",
    "De tandarts in Almere heeft geen tijd voor patiënten met een beperking.",
    "Het wijkteam in Utrecht stuurt ons steeds door naar een ander loket.",
    "De clientondersteuner in Heerenveen had pas na zes weken tijd voor een gesprek.",
    "De Wmo-raad in Oss wordt niet betrokken bij het nieuwe beleid voor dagbesteding.",
    "De curator van mijn zus beslist alles zonder ons als familie te vragen.",
    "Na zijn 18e verjaardag stopte de jeugdhulp en is er nog niets in de plaats gekomen.",
    "De huishoudelijke hulp in Middelburg komt nog maar eens per twee weken.",
    "De consulent in Amsterdam wil dat wij als familie meer mantelzorg geven.",
]
