"""Which municipality a text is about: official names, aliases, Frisian and Dutch forms,
woonplaatsen, and context ("gemeente X", "in X"), with ambiguity handled:

- a name that is also an ordinary word ("Best", "Buren", "Putten", "Sluis", "Made") counts only
  when capitalised after "gemeente", "in", "uit", "naar", "te", "bij";
- a woonplaats that lies in two or three municipalities is resolved by the group's area, or
  by another mention in the same text; otherwise it is left out;
- longer names win over the shorter names inside them ("Bergen op Zoom" over "Bergen").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from samensterk.lib.text import fold

from .text import STOPWORDS

DATA = Path(__file__).resolve().parent / "data"
_TOKEN = re.compile(r"[^\W_]+")
STRONG = {"gemeente"}
PREPOSITIONS = {"in", "uit", "naar", "te", "bij", "rond", "regio", "omgeving", "buurt", "vanuit"}
# Names of municipalities or woonplaatsen that are also ordinary Dutch words.
ORDINARY_WORDS = {
    "best",
    "buren",
    "putten",
    "bergen",
    "beek",
    "sluis",
    "echt",
    "made",
    "nes",
    "hoek",
    "mill",
    "velden",
    "lent",
    "loon",
    "elst",
    "hoorn",
    "born",
    "goes",
    "haven",
    "kamp",
    "dorp",
    "zand",
    "veen",
    "heide",
    "wijk",
    "baarn",
    "ede",
    "epe",
    "ens",
    "ee",
    "aa",
    "holten",
    "stad",
    "hof",
    "rijs",
    "sint",
    "noord",
    "zuid",
    "oost",
    "west",
    "lunteren",
    "winsum",
    "vorden",
    "markt",
    "zee",
    "water",
    "bos",
    "veld",
    "boven",
    "onder",
    "eind",
    "gemert",
    "horst",
    "wouw",
    "lies",
    "oosterend",
    "westerbork",
    "burg",
    "den",
    "ter",
    "ten",
    "la",
    "de",
    "nieuw",
    "oud",
    "zijl",
}


@dataclass(frozen=True)
class Entry:
    codes: tuple[str, ...]  # CBS codes (a woonplaats may lie in several municipalities)
    weight: float  # municipalities and aliases count more than woonplaatsen


@dataclass(frozen=True)
class Detection:
    code: str
    name: str


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Entry], dict[str, str], int, frozenset[str]]:
    from samensterk.places.models import Municipality, MunicipalityAlias, Place

    names = dict(Municipality.objects.values_list("code", "name"))
    by_name = {fold(n): c for c, n in names.items()}
    index: dict[str, Entry] = {}
    places: dict[str, set[str]] = {}
    for key, code in Place.objects.values_list("key", "municipality__code"):
        places.setdefault(key, set()).add(code)
    for key, codes in places.items():
        index[key] = Entry(tuple(sorted(codes)), 0.8)
    with open(DATA / "place_forms.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            index[fold(row["name"])] = Entry((by_name[fold(row["municipality"])],), 1.0)
    for key, code in MunicipalityAlias.objects.values_list("key", "municipality__code"):
        index[key] = Entry((code,), 1.0)
    for code, name in names.items():
        index[fold(name)] = Entry((code,), 1.0)
    longest = max(len(k.split()) for k in index)
    return index, names, longest, frozenset(k.split()[0] for k in index)


def clear_cache() -> None:
    _index.cache_clear()


def detect(text: str, *, area: set[str] | None = None) -> Detection | None:
    """The municipality the text concerns, or None. `area`: CBS codes of the group's area (any
    container: it is only asked when a place lies in several municipalities)."""
    if not text or not text.strip():
        return None
    index, names, longest, first_words = _index()
    originals = _TOKEN.findall(text[:20_000])
    folded = [w.lower() if w.isascii() else fold(w) for w in originals]
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    ambiguous: list[tuple[tuple[str, ...], float, int]] = []
    position = 0
    while position < len(folded):
        matched = 0
        if folded[position] not in first_words:  # no name starts with this word
            position += 1
            continue
        for size in range(min(longest, len(folded) - position), 0, -1):
            key = " ".join(folded[position : position + size])
            entry = index.get(key)
            if entry is None:
                continue
            previous = folded[position - 1] if position else ""
            context = 4.0 if previous in STRONG else 2.0 if previous in PREPOSITIONS else 1.0
            original = originals[position]
            if size == 1:
                ordinary = key in ORDINARY_WORDS or key in STOPWORDS or len(key) <= 3
                capitalised = original[:1].isupper()
                # "ik woon in grou" counts; "een" or "best" only as "in Een", "gemeente Best".
                if ordinary and not (capitalised and context > 1):
                    continue
                if not capitalised and context == 1:
                    continue
            weight = entry.weight * context
            if len(entry.codes) == 1:
                code = entry.codes[0]
                scores[code] = scores.get(code, 0) + weight
                first_seen.setdefault(code, position)
            else:
                ambiguous.append((entry.codes, weight, position))
            matched = size
            break
        position += matched or 1
    for codes, weight, where in ambiguous:
        candidates = [c for c in codes if c in scores] or [
            c for c in codes if area is not None and c in area
        ]
        if len(candidates) == 1:
            scores[candidates[0]] = scores.get(candidates[0], 0) + weight
            first_seen.setdefault(candidates[0], where)
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], -first_seen[c]))
    return Detection(best, names[best])
