"""Write samensterk/insight/data/dev/municipality.jsonl: texts and the municipality they concern
(issue 36). Each line: {"text": .., "municipality": name or null, "split": "dev" | "test"}.

The hard cases are people whose name holds a place ("Ria de Vries", "mevrouw Van Wijk",
"J. van Buren", "dhr. De Bilt", "Jan Zeist"): the name is not a place, but a place told in the
same text still counts ("Ria de Vries woont in Vries"). Also places in street names, ordinary
words that are place names, and texts without a place.

    python tools/devset/municipality36.py
"""

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "samensterk/insight/data/dev/municipality.jsonl"

# Surnames that are (or hold) a place, and the municipality the place alone would be.
SURNAMES = [
    ("de Vries", "Tynaarlo"), ("Zeist", "Zeist"), ("van Buren", "Buren"),
    ("de Bilt", "De Bilt"), ("van Kampen", "Kampen"), ("Kampen", "Kampen"),
    ("van Doorn", "Utrechtse Heuvelrug"), ("van Dalen", "Coevorden"), ("van Tiel", "Tiel"),
    ("van Weert", "Weert"), ("van Dongen", "Dongen"), ("van Boxtel", "Boxtel"),
    ("Stein", "Stein"), ("van Oss", "Oss"), ("Venlo", "Venlo"), ("van Wijk", None),
    ("Tiel", "Tiel"), ("Weert", "Weert"), ("Dongen", "Dongen"), ("Boxtel", "Boxtel"),
]  # fmt: skip
FIRST = (  # noqa: SIM905
    "Ria Jan Piet Karin Henk Marloes Sanne Tom Els Wim Bram Lisa Mark Eva Jeroen Fleur Anouk "
    "Kees Joke Ingrid Mohamed Fatima Sven Daan Noor Ahmed Yvonne Gerrit Mieke Ruud"
).split()
TITLES = ["mevrouw", "meneer", "dhr.", "mw.", "mevr.", "mr.", "de heer"]
INITIALS = ["J.", "A.M.", "P.", "H.J.", "W.", "C."]
# Places that are also a surname above, and other places, with their municipality.
PLACES = [
    ("Vries", "Tynaarlo"), ("Zeist", "Zeist"), ("Buren", "Buren"), ("De Bilt", "De Bilt"),
    ("Kampen", "Kampen"), ("Doorn", "Utrechtse Heuvelrug"), ("Dalen", "Coevorden"),
    ("Tiel", "Tiel"), ("Weert", "Weert"), ("Dongen", "Dongen"), ("Boxtel", "Boxtel"),
    ("Venlo", "Venlo"), ("Oss", "Oss"), ("Utrecht", "Utrecht"), ("Tilburg", "Tilburg"),
    ("Groningen", "Groningen"), ("Almere", "Almere"), ("Den Bosch", "'s-Hertogenbosch"),
    ("Sneek", "Súdwest-Fryslân"), ("Den Haag", "'s-Gravenhage"), ("Zwolle", "Zwolle"),
    ("Assen", "Assen"), ("Ede", "Ede"), ("Heerenveen", "Heerenveen"),
]  # fmt: skip

PERSON_TEMPLATES = [
    "{p} belt over de taxi van haar zoon. Die komt steeds te laat.",
    "Gesproken met {p}, moeder van een deelnemer. Zij wil teruggebeld worden.",
    "Mijn begeleider {p} zegt dat ik langer moet wachten op een woning.",
    "Terugbellen: {p}, over de wachtlijst voor dagbesteding.",
    "De consulent, {p}, heeft de aanvraag afgewezen zonder gesprek.",
    "Ik heb een brief gekregen van {p} van het zorgkantoor. Ik snap hem niet.",
    "Namens {p}: de begeleiding is per 1 mei gestopt.",
    "Contactpersoon {p} wil weten waarom het pgb nog niet is betaald.",
]
PERSON_PLACE_TEMPLATES = [
    "{p} uit {place} belt over de taxi van haar zoon.",
    "Gesproken met {p}. Zij woont in {place} en wacht al een jaar op een woning.",
    "Mijn begeleider {p} zegt dat de gemeente {place} de uren heeft verlaagd.",
    "Terugbellen: {p}, woont in {place}, wachtlijst dagbesteding.",
]
PLACE_TEMPLATES = [
    "Wij wonen in {place} en de taxi naar school komt steeds te laat.",
    "De gemeente {place} heeft de begeleiding van mijn zoon verlaagd.",
    "Ik woon in {place}. Er is geen dagbesteding meer voor mij.",
    "Een moeder uit {place} belt over de wachtlijst voor beschermd wonen.",
    "In {place} is het gemeentehuis niet toegankelijk met een rolstoel.",
    "ik woon in {place} en ik mag niet meer naar het zwembad",
]
STREET_TEMPLATES = [
    ("We wonen aan de Zeisterweg in {place}.", None),
    ("Ons adres is Amsterdamsestraatweg 10 in {place}.", None),
    ("Mijn zoon woont aan de Van Burenlaan in {place}.", None),
    ("De dagbesteding zit aan de Burgemeester de Vrieslaan in {place}.", None),
    ("Het busje stopt aan de Oude Kampenweg in {place}.", None),
    ("Ik woon in de Van Doornstraat in {place}.", None),
]
NONE_TEXTS = [
    "Het is best lastig om een plek te vinden voor mijn dochter.",
    "Het is echt te laat, de taxi kwam om tien uur.",
    "De bus naar huis kwam niet en niemand belde.",
    "Mijn zoon wil graag werken maar er is geen plek.",
    "ik wil op mezelf wonen maar het duurt heel lang",
    "De brieven zijn te moeilijk, ik snap ze niet.",
    "Onze aanvraag voor de Wlz is al vijf maanden onderweg.",
    "Het zorgkantoor reageert niet op mijn mail.",
    "We hebben een gesprek gehad maar er is niets veranderd.",
    "De begeleiding is gestopt zonder dat iemand het ons vertelde.",
]


def person(rng) -> tuple[str, str | None]:
    surname, place = rng.choice(SURNAMES)
    form = rng.randrange(4)
    capital = surname[0].upper() + surname[1:]  # "mevrouw De Vries", no first name before it
    if form == 0:
        return f"{rng.choice(FIRST)} {surname}", place
    if form == 1:
        return f"{rng.choice(TITLES)} {capital}", place
    if form == 2:
        return f"{rng.choice(INITIALS)} {surname}", place
    return f"{rng.choice(FIRST)} {surname}".lower(), place  # a phone note in lower case


def build(seed: int = 36) -> list[dict]:
    rng = random.Random(seed)
    items: list[tuple[str, str | None]] = []
    for _ in range(140):  # a name holding a place, no place told
        p, _place = person(rng)
        items.append((rng.choice(PERSON_TEMPLATES).format(p=p), None))
    for _ in range(75):  # a name holding a place, and a place told
        p, _place = person(rng)
        place, municipality = rng.choice(PLACES)
        items.append((rng.choice(PERSON_PLACE_TEMPLATES).format(p=p, place=place), municipality))
    for _ in range(100):  # places, some that are also surnames
        place, municipality = rng.choice(PLACES)
        items.append((rng.choice(PLACE_TEMPLATES).format(place=place), municipality))
    for template, _none in STREET_TEMPLATES * 4:  # a place in a street name
        place, municipality = rng.choice(PLACES[13:])
        items.append((template.format(place=place), municipality))
    items += [(text, None) for text in NONE_TEXTS * 2]
    seen, rows = set(), []
    for text, municipality in items:
        if text in seen:
            continue
        seen.add(text)
        rows.append({"text": text, "municipality": municipality})
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row["split"] = "dev" if i % 2 else "test"
    return rows


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as handle:
        for row in build():
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
