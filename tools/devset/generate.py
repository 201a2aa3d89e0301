"""Generate the development set for the theme classifier: tools/devset/{train,test}.csv.

    python tools/devset/generate.py

Every situation (situations.py) goes either to the training or to the test file. Each is told
by several writers: a person with an intellectual disability writing simply, with spelling
mistakes; parents and relatives; mentors and representatives; terse phone notes by staff.
Deterministic (fixed seed), so the files in the repository can be regenerated exactly.
"""

import csv
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from situations import SITUATIONS  # noqa: E402

PLACES = [
    "Middelburg",
    "Vlissingen",
    "Veere",
    "Amsterdam",
    "Diemen",
    "Den Bosch",
    "Vught",
    "Oss",
    "Heerenveen",
    "Sneek",
    "Joure",
    "Wolvega",
    "Zwolle",
    "Tynaarlo",
    "Almere",
    "Utrecht",
]
RELATIVES = ["zoon", "dochter", "broer", "zus", "neef", "pleegzoon"]


def simple_writer(situation: str, rng: random.Random) -> str:
    """Short sentences, no capitals, some spelling mistakes."""
    text = situation.replace("hij ", "ik ").replace("zij ", "ik ").replace("ze ", "ik ")
    text = re.sub(r"\b(mijn zoon|mijn dochter|mijn broer|onze dochter|onze zoon)\b", "ik", text)
    endings = [
        "ik vind dat niet leuk",
        "dat is niet eerlijk",
        "ik ben boos",
        "kan iemand helpen",
        "ik weet niet wat ik moet doen",
        "ik ben verdrietig",
    ]
    text = f"{text}. {rng.choice(endings)}"
    swaps = [
        ("ij", "y"),
        ("ei", "ij"),
        ("dt", "t"),
        ("ch", "g"),
        ("aa", "a"),
        ("ee", "e"),
        ("oe", "u"),
        ("ll", "l"),
    ]
    for old, new in rng.sample(swaps, 3):
        if rng.random() < 0.6:
            text = text.replace(old, new, 1)
    return text.lower()


def parent(situation: str, rng: random.Random) -> str:
    relative = rng.choice(RELATIVES)
    place = rng.choice(PLACES)
    openings = [
        f"Ik wil graag iets melden over mijn {relative}.",
        f"Wij wonen in {place} en hebben een {relative} met een verstandelijke beperking.",
        f"Mijn {relative} ({rng.randint(8, 45)}) heeft een verstandelijke beperking.",
        "Ik schrijf dit als moeder.",
        "Als vader loop ik hier echt tegenaan.",
    ]
    closings = [
        "Dit is al de derde keer dit jaar.",
        "Wij weten niet meer waar we terecht kunnen.",
        "Andere ouders hebben hetzelfde probleem.",
        "Wat kan de vereniging hieraan doen?",
        "Het kost ons gezin heel veel energie.",
        "",
    ]
    return f"{rng.choice(openings)} {situation[0].upper()}{situation[1:]}. {rng.choice(closings)}".strip()


def mentor(situation: str, rng: random.Random) -> str:
    place = rng.choice(PLACES)
    openings = [
        "Als mentor van een cliënt wil ik het volgende melden:",
        "Namens mijn cliënt, voor wie ik vertegenwoordiger ben:",
        f"Ik ben bewindvoerder en mentor in de regio {place}.",
        "Als wettelijk vertegenwoordiger zie ik dat",
    ]
    return f"{rng.choice(openings)} {situation}. Graag aandacht voor deze situatie in {place}."


def staff_note(situation: str, rng: random.Random) -> str:
    callers = [
        "Moeder belt",
        "Vader belt",
        "Zus belt",
        "Cliënt belt zelf",
        "Mentor mailt",
        "Begeleider belt",
    ]
    words = situation.split()
    short = " ".join(words[: max(6, len(words) - rng.randint(0, 3))])
    follow = rng.choice(["Terugbellen.", "Info gestuurd.", "Doorverwezen naar ledengroep.", ""])
    return f"{rng.choice(callers)}: {short}. {follow}".strip()


VOICES = [simple_writer, parent, mentor, staff_note]


def generate(seed: int = 20161114):
    rng = random.Random(seed)
    train, test = [], []
    for theme, situations in SITUATIONS.items():
        for index, situation in enumerate(situations):
            target = test if index % 5 in (1, 3) else train
            for voice in VOICES:
                target.append({"text": voice(situation, rng), "theme": theme})
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def main():
    here = Path(__file__).resolve().parent
    train, test = generate()
    for name, rows in (("train.csv", train), ("test.csv", test)):
        with open(here / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["text", "theme"])
            writer.writeheader()
            writer.writerows(rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
