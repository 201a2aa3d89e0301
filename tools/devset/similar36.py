"""Write samensterk/insight/data/dev/similar.csv: same-problem groups and lone signals (issue 36).

A group is one concrete problem (the same place, school or provider and the same kind of
trouble) told two to four times by different people: a parent, someone writing simply (lower
case, spelling of their own), a terse phone note, a professional. A lone signal shares a topic
with the groups but is another problem: the same kind of trouble elsewhere (another school,
provider or town), or the same school or provider with another kind of trouble. It has no
same-problem partner in the file.

Besides the exchange columns (external_id, text, municipality empty) the file has `problem`
(the group, empty for a lone signal) and `split` (dev: used to tune the threshold; test: held
out). `similar_signals` reads the file as any exchange file: the two extra columns are ignored.

    python tools/devset/similar36.py
"""

import csv
import json
import random
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "samensterk/insight/data/dev/similar.csv"

PLACES = [
    "Almere", "Zwolle", "Tilburg", "Ede", "Oss", "Heerenveen", "Assen", "Deventer", "Breda",
    "Leiden", "Venlo", "Emmen", "Apeldoorn", "Amersfoort", "Helmond", "Hoorn", "Roermond",
    "Gouda", "Dordrecht", "Zaandam", "Enschede", "Nijmegen", "Alkmaar", "Middelburg",
]  # fmt: skip
SCHOOLS = [
    "De Regenboog", "De Zonnewijzer", "Het Kompas", "De Vlinderhof", "De Wissel", "Het Anker",
    "De Bolster", "De Springplank", "Het Palet", "De Sterrenkijker", "De Klimop", "Het Baken",
]  # fmt: skip
TAXIS = [
    "Taxi Noord", "Zorgvervoer Amstel", "Taxi Snel", "Vervoer Oost", "Taxi Willems",
    "RMC Vervoer", "Taxi Van Gaal", "Connexxion Zorgvervoer",
]  # fmt: skip
PROVIDERS = [
    "De Klaproos", "Het Zonnehuis", "De Boomgaard", "De Linde", "Het Werkpaleis",
    "De Hooiberg", "Het Atelier Kleurrijk", "De Schakel", "Zorgboerderij De Hoeve",
    "De Parel", "Het Trefpunt", "De Brug",
]  # fmt: skip
CORPORATIONS = ["Woonstichting Thuis", "Eigen Haard", "Woonzorg Oost", "Portaal", "Mozaïek Wonen"]
OFFICES = [
    "Zorgkantoor Friesland", "Zorgkantoor Menzis", "Zorgkantoor Zuid", "Zorgkantoor VGZ",
    "Zorgkantoor Zilveren Kruis", "Zorgkantoor DSW", "Zorgkantoor CZ", "Zorgkantoor Salland",
]  # fmt: skip
BUILDINGS = ["station", "gemeentehuis", "bibliotheek", "zwembad", "gezondheidscentrum"]

# Per kind of trouble: what it needs (slots), and tellings in different voices.
KINDS = {
    "taxi_late": (
        ("school", "taxi", "place"),
        [
            "De taxi van {taxi} die onze zoon naar {school} in {place} brengt, komt bijna elke "
            "ochtend te laat. Hij mist zo steeds het begin van de les.",
            "de taxi komt te laat. dan ben ik te laat op {school_l}. de juf zegt er niks van "
            "maar ik vind het stom",
            "Moeder belt: leerlingenvervoer {taxi} naar {school} ({place}) structureel 30 tot 45 "
            "minuten te laat. Wil klacht indienen.",
            "Als intern begeleider van {school} in {place} zie ik dat de leerlingen die met "
            "{taxi} komen vaak pas om half tien binnen zijn. Het vervoer is onbetrouwbaar.",
        ],
    ),
    "taxi_long": (
        ("school", "taxi", "place"),
        [
            "Het leerlingenvervoer van {taxi} rijdt zo'n omweg dat mijn dochter anderhalf uur in "
            "het busje zit voor ze op {school} is.",
            "ik zit heel lang in het busje van {taxi_l}. wel 1,5 uur. dan ben ik moe",
            "Vader belt: rit {taxi} naar {school} in {place} duurt 90 minuten door lange route.",
        ],
    ),
    "school_refuses": (
        ("school", "place"),
        [
            "Basisschool {school} in {place} wil onze zoon met het syndroom van Down niet "
            "toelaten. Ze zeggen dat ze de zorg niet kunnen bieden.",
            "ik mag niet naar {school_l}. mijn broer wel. ze willen mij niet",
            "Ouder belt: {school} ({place}) weigert inschrijving, kind zit nu thuis. "
            "Zorgplicht? Samenwerkingsverband ingeschakeld.",
            "Als ambulant begeleider zie ik dat {school} in {place} al het derde kind met een "
            "beperking weigert. Passend onderwijs werkt hier niet.",
        ],
    ),
    "school_bullying": (
        ("school", "place"),
        [
            "Op {school} in {place} wordt mijn dochter al maanden gepest en de school doet er "
            "niets aan.",
            "ze pesten mij op {school_l}. elke pauze. de juf ziet het niet",
            "Moeder belt: pesten op {school} ({place}), school heeft geen pestprotocol gevolgd.",
        ],
    ),
    "daycare_closes": (
        ("provider", "place"),
        [
            "Dagbesteding {provider} in {place} gaat per 1 maart dicht. Er is geen andere plek "
            "voor mijn dochter, ze zit dan thuis.",
            "{provider_l} gaat dicht. ik weet niet waar ik dan heen moet. ik wil bij mijn "
            "vrienden blijven",
            "Vader belt: {provider} ({place}) sluit in maart, gemeente heeft geen alternatief "
            "voor de deelnemers.",
            "Zeker tien deelnemers van {provider} hebben nog geen nieuwe dagbesteding nu de "
            "locatie in {place} sluit.",
        ],
    ),
    "staff_changes": (
        ("provider", "place"),
        [
            "Bij {provider} in {place} is er steeds ander personeel. Mijn zoon raakt er van "
            "in paniek, hij kent de mensen niet.",
            "er zijn steeds nieuwe begeleiders bij {provider_l}. ik ken ze niet. ik vind dat eng",
            "Zus belt: woongroep {provider} ({place}) draait op invalkrachten, geen vaste "
            "begeleiding meer sinds de zomer.",
        ],
    ),
    "waitlist_home": (
        ("provider", "place"),
        [
            "Mijn zoon staat al drie jaar op de wachtlijst voor een woonplek bij {provider} in "
            "{place}. Wij worden ouder en kunnen het thuis bijna niet meer.",
            "ik wil op mezelf wonen bij {provider_l} maar er is geen plek. al heel lang wachten",
            "Moeder belt: wachtlijst wonen {provider} {place}, wachttijd 3 jaar, situatie "
            "thuis onhoudbaar.",
        ],
    ),
    "wmo_late": (
        ("place",),
        [
            "In januari vroegen we bij de gemeente {place} begeleiding aan via de Wmo. Het is nu "
            "mei en we hebben nog steeds geen beschikking.",
            "Moeder belt: Wmo-aanvraag begeleiding {place} loopt sinds januari, geen besluit, "
            "wettelijke termijn ruim verlopen.",
            "Als vertegenwoordiger wacht ik al vier maanden op een besluit van {place} over "
            "begeleiding voor mijn cliënt.",
        ],
    ),
    "regiotaxi_wheelchair": (
        ("place",),
        [
            "De Regiotaxi {place} weigerde gisteren om mijn zus met haar rolstoel mee te "
            "nemen. De chauffeur zei dat er geen plek was.",
            "Beller: regiotaxi {place} neemt rolstoel niet mee, rit geweigerd. Tweede keer.",
            "de regiotaxi wil mij niet meenemen met mijn rolstoel. in {place}. ik bleef thuis",
        ],
    ),
    "corporation_refuses": (
        ("corporation", "place"),
        [
            "{corporation} in {place} wil geen woning geven aan mijn broer omdat hij begeleiding "
            "nodig heeft. Ze zeggen dat het te veel risico is.",
            "ik mag geen huis van {corporation_l}. omdat ik hulp krijg. dat is oneerlijk",
            "Mentor belt: {corporation} ({place}) wijst cliënt af voor woning wegens "
            "begeleidingsbehoefte. Discriminatie?",
        ],
    ),
    "office_slow": (
        ("office",),
        [
            "{office} doet er al vijf maanden over om de Wlz-zorg van mijn dochter te regelen. "
            "Niemand kan zeggen wanneer het rond is.",
            "Budgethouder belt: {office} reageert niet op Wlz-aanvraag, vijf maanden stil.",
            "ik wacht en wacht op {office_l}. mijn moeder zegt dat het heel lang duurt",
        ],
    ),
    "building_no_lift": (
        ("place", "building"),
        [
            "Het {building} in {place} heeft nog steeds geen werkende lift. Met mijn rolstoel "
            "kom ik niet boven.",
            "de lift in het {building} van {place} is weer kapot. ik kan niet naar boven",
            "Beller: {building} {place} niet toegankelijk, lift al weken stuk, geen alternatief.",
        ],
    ),
}
SLOTS = {
    "school": SCHOOLS,
    "taxi": TAXIS,
    "provider": PROVIDERS,
    "corporation": CORPORATIONS,
    "office": OFFICES,
    "building": BUILDINGS,
    "place": PLACES,
}


def fill(template: str, values: dict) -> str:
    lower = {f"{k}_l": v.lower() for k, v in values.items()}
    return template.format(**values, **lower)


def build(seed: int = 36) -> list[dict]:
    rng = random.Random(seed)
    used: set[tuple] = set()  # (kind, values): each concrete problem once
    groups, lone = [], []

    def pick(kind):
        slots, _templates = KINDS[kind]
        for _attempt in range(200):
            values = {s: rng.choice(SLOTS[s]) for s in slots}
            # The first slot names the problem's owner (school, provider, town): a lone signal
            # of the same kind never has a group's owner, as a telling may leave the town out.
            key = (kind, values[slots[0]])
            if key not in used:
                used.add(key)
                return values
        return None

    kinds = list(KINDS)
    for n in range(44):
        kind = kinds[n % len(kinds)]
        values = pick(kind)
        templates = KINDS[kind][1]
        size = min(len(templates), rng.choice([2, 2, 3, 3, 4]))
        tellings = rng.sample(templates, size)
        groups.append([(fill(t, values), kind, values) for t in tellings])
    # Lone signals: half another problem of a group's kind, half a group's school, provider or
    # place with another kind of trouble.
    group_values = [g[0][2] for g in groups]
    while len(lone) < 70:
        kind = rng.choice(kinds)
        slots = KINDS[kind][0]
        if len(lone) % 2:
            base = rng.choice(group_values)
            values = {s: base.get(s, rng.choice(SLOTS[s])) for s in slots}
            key = (kind, values[slots[0]])
            if key in used:
                continue
            used.add(key)
        else:
            values = pick(kind)
            if values is None:
                continue
        lone.append((fill(rng.choice(KINDS[kind][1]), values), kind, values))
    rows = []
    for g, group in enumerate(groups, start=1):
        split = "dev" if g % 2 else "test"
        for i, (text, _kind, _values) in enumerate(group, start=1):
            rows.append({"external_id": f"p{g:02d}-{i}", "text": text, "problem": f"p{g:02d}",
                         "split": split})  # fmt: skip
    for i, (text, _kind, _values) in enumerate(lone, start=1):
        rows.append({"external_id": f"l{i:02d}", "text": text, "problem": "",
                     "split": "dev" if i % 2 else "test"})  # fmt: skip
    rng.shuffle(rows)
    return rows


def score(ranked_lines, rows: list[dict], split: str | None = None) -> dict:
    """recall@3 of same-problem partners, and the share of lone signals shown nothing."""
    problem = [r["problem"] for r in rows]
    recall, empty = [], []
    for line in ranked_lines:
        result = json.loads(line)
        i = result["row"] - 1
        if split and rows[i]["split"] != split:
            continue
        found = [j - 1 for j in result["similar"]]
        if problem[i]:
            partners = {j for j, p in enumerate(problem) if p == problem[i] and j != i}
            recall.append(len(partners & set(found[:3])) / len(partners))
        else:
            empty.append(not found)
    return {
        "split": split or "all",
        "grouped": len(recall),
        "recall_at_3": round(sum(recall) / len(recall), 3),
        "lone": len(empty),
        "lone_shown_nothing": round(sum(empty) / len(empty), 3),
    }


if __name__ == "__main__":
    if len(sys.argv) > 1:  # score a similar_signals output
        with open(OUT, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        with open(sys.argv[1], encoding="utf-8") as handle:
            lines = handle.readlines()
        for split in (None, "dev", "test"):
            print(json.dumps(score(lines, rows, split)))
        sys.exit()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=["external_id", "text", "problem", "split"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(build())
