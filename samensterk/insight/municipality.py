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


# A place name that is part of a person's name is no place: "Ria de Vries", "mevrouw Van Wijk",
# "J. van Buren", "dhr. De Bilt", "Jan Zeist". What may stand before it (after the particles).
TITLES = frozenset(
    """
    mevrouw mevr mw mevrouwtje meneer mijnheer dhr heer mr dr drs ir ing juf juffrouw meester
    familie fam zuster dokter collega mentor begeleider consulent
    """.split()  # noqa: SIM905
)
NAME_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "t", "vd", "v", "d"})
ARTICLES = frozenset({"de", "der", "den", "ter", "ten"})


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Dutch first names (deduce's list, shipped with its package) that are not also common
    words, prepositions or the names of places."""
    from importlib.util import find_spec

    spec = find_spec("deduce")
    if spec is None or spec.origin is None:
        return frozenset()
    lookup = Path(spec.origin).parent / "data" / "lookup" / "src"

    def read(name: str) -> set[str]:
        path = lookup / name / "items.txt"
        if not path.is_file():
            return set()
        return {fold(line.strip()) for line in path.read_text(encoding="utf-8").splitlines()}

    names = read("names/lst_first_name")
    common = read("whitelist/lst_common_word") | read("whitelist/lst_stop_word")
    return frozenset(
        n
        for n in names - common - STOPWORDS - PREPOSITIONS - STRONG - ORDINARY_WORDS
        if len(n) > 2 and n.isalpha()
    )


def _part_of_a_name(position: int, key: str, folded: list[str], originals: list[str]) -> bool:
    """Whether the place name at `position` is someone's surname: after a title, initials or a
    first name (particles may come between), or after an article that is not its own."""
    start = position - 1
    while start >= 0 and folded[start] in NAME_PARTICLES:
        start -= 1
    particles = folded[start + 1 : position]
    before = folded[start] if start >= 0 else ""
    # "de Vries", "bij de Vries": an article before a place whose name does not start with it.
    if particles and particles[-1] in ARTICLES and not key.startswith(particles[-1]):
        return True
    if before in PREPOSITIONS or before in STRONG:
        return False  # "in Buren", "gemeente Buren"
    if before in TITLES:
        return True
    if start >= 0:
        original = originals[start]
        if len(original) == 1 and original.isupper():  # an initial: "J. van Buren"
            return True
        if before in first_names():
            return True
        if particles and originals[start + 1] == "Van":  # "... Van Buren": a surname
            return True
    return False


@dataclass(frozen=True)
class Entry:
    codes: tuple[str, ...]  # CBS codes (a woonplaats may lie in several municipalities)
    weight: float  # municipalities and aliases count more than woonplaatsen


@dataclass(frozen=True)
class Detection:
    code: str
    name: str


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Entry], dict[str, str], dict[str, tuple[int, ...]]]:
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
            code = by_name.get(fold(row["municipality"]))
            if code is not None:  # a database without that municipality (or none loaded yet)
                index[fold(row["name"])] = Entry((code,), 1.0)
    for key, code in MunicipalityAlias.objects.values_list("key", "municipality__code"):
        index[key] = Entry((code,), 1.0)
    for code, name in names.items():
        index[fold(name)] = Entry((code,), 1.0)
    # Per first word, the lengths (in words) of the names that start with it, longest first:
    # a text's word is looked up only as the start of names that exist.
    lengths: dict[str, set[int]] = {}
    for key in index:
        parts = key.split()
        lengths.setdefault(parts[0], set()).add(len(parts))
    return index, names, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()}


# ASCII text: every character that is not a letter or digit becomes a space (the same words as
# _TOKEN finds, in about half its time); other text goes through _TOKEN.
_SPACES = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def _words(text: str) -> list[str]:
    return text.translate(_SPACES).split() if text.isascii() else _TOKEN.findall(text)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every folded name of a municipality or woonplaats (empty without places loaded)."""
    return frozenset(_index()[0])


def clear_cache() -> None:
    _index.cache_clear()
    place_names.cache_clear()


def detect(text: str, *, area: set[str] | None = None) -> Detection | None:
    """The municipality the text concerns, or None. `area`: CBS codes of the group's area (any
    container: it is only asked when a place lies in several municipalities)."""
    if not text or not text.strip():
        return None
    index, names, lengths = _index()
    text = text[:20_000]
    if text.isascii():
        originals = None  # read only when a single-word name needs its capital
        folded = _words(text.lower())
    else:
        originals = _words(text)
        folded = [w.lower() if w.isascii() else fold(w) for w in originals]
    scores: dict[str, float] = {}
    first_seen: dict[str, int] = {}
    ambiguous: list[tuple[tuple[str, ...], float, int]] = []
    n_words = len(folded)
    free = 0  # words before this one belong to a name found already
    # Only words that start a name can start a match (most words of a text start none).
    for position in [i for i, word in enumerate(folded) if word in lengths]:
        if position < free:
            continue
        for size in lengths[folded[position]]:
            if size > n_words - position:
                continue
            key = folded[position] if size == 1 else " ".join(folded[position : position + size])
            entry = index.get(key)
            if entry is None:
                continue
            if originals is None:
                originals = _words(text)
            if _part_of_a_name(position, key, folded, originals):
                break  # someone's name; its words may still start no other place
            previous = folded[position - 1] if position else ""
            context = 4.0 if previous in STRONG else 2.0 if previous in PREPOSITIONS else 1.0
            if size == 1:
                # "ik woon in grou" counts; "een" or "best" only as "in Een", "gemeente Best".
                ordinary = key in ORDINARY_WORDS or key in STOPWORDS or len(key) <= 3
                if ordinary and context == 1:
                    continue
                if originals is None:
                    originals = _words(text)
                capitalised = originals[position][:1].isupper()
                if ordinary and not capitalised:
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
            free = position + size
            break
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
