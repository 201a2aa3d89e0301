"""Names as reporters write them: in lower case, after "ik ben", "mijn zoon", "mevrouw" ...

deduce finds names by their capital letter; people writing simply, and staff taking notes on the
phone, often leave it out ("ik ben sanne", "ria de vries"). A lower-case word is taken for a
name only in a context that says so, and only when deduce's own Dutch name lists know it as a
name and its list of frequent words does not know it as a word: "mijn zoon wil" stays, "mijn
zoon bas" goes. A name that is also an ordinary word (roos, bas, iris) needs a strong context
(a relative, a title, "ik ben", a greeting), never "met" alone, and only its capitalised
occurrences elsewhere in the text are taken along.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from samensterk.lib.text import fold
from samensterk.privacy.pseudonymise_patterns import CHILD_NOUNS, PARENT_NOUNS

# First names in deduce's list that are ordinary Dutch (or common English) words, and that its
# list of frequent words does not catch. Never taken in lower case.
NOT_NAMES = frozenset(
    """
    allen bent brand duurt harm jarig lie sint sla wilt hee lieve koop kerst lente zomer winter
    herfst mus zwaan arend berk hazel date made done fine given hero skip sent son can may just
    take line mine you my on to do will win art bars carry daily day deny else has said seven
    shade summer ran ninja math mac jun juli mei april maart nov dec okt aug sept ede zon maan
    ster hemel vrede kans geluk blij trouw eerlijk wel welkom graag pas nog
    """.split()  # noqa: SIM905
)
# First names that are also ordinary words: taken in a strong context only.
AMBIGUOUS = frozenset(
    """
    roos bas merel iris floor job mark max lelie madelief margriet jasmijn dahlia hortensia
    amber jade linde noor storm sky ruby pearl viola rosa flora lotus hoop sterre dewi
    """.split()  # noqa: SIM905
)
# Name particles ("ria de vries", "wim van der linden"), longest first.
INTERFIX = (
    r"van\s+de\s+la|van\s+de|van\s+der|van\s+den|van\s+het|van\s+'t|van\s+t|van|de\s+la|de|den"
    r"|der|ter|ten|te|'t|in\s+'t|in\s+den|in\s+het|op\s+de|op\s+den|op\s+'t|op\s+het|uit\s+de"
    r"|uit\s+den|aan\s+de|bij\s+de|el|al|la|le|da|du|di|dos|del|von|vd|v\.d\.|v/d"
)
_ROLES = """
    begeleider begeleidster woonbegeleider woonbegeleidster pb'er pber mentor mentrix coach
    jobcoach juf juffrouw meester collega vriend vriendin vriendje vriendinnetje maatje
    huisgenoot groepsgenoot consulent casemanager contactpersoon bewindvoerder vrijwilliger
    stagiair stagiaire trainer docent leerkracht logopedist fysio therapeut dokter huisarts
    zuster verpleegkundige ambtenaar wethouder baas chef leidinggevende teamleider manager ma pa
    vent lief
"""
_TITLES = "mevrouw mevr mw meneer mijnheer dhr mr dr drs ir ing"
_GREETINGS = "hoi hallo hey hee hoii hoihoi beste lieve dag doei liefs groetjes groeten groet gr"
_GREETINGS += " mvg"
# The contexts that say a name follows, as word sequences. "met" is weak: "met sanne" but also
# "met kerst"; after a relative or a greeting "van" may come first ("moeder van jesse").
_CONTEXTS: dict[tuple[str, ...], str] = {
    **{tuple(w.split()): "own" for w in ["ik ben", "ik heet", "mijn naam is", "naam", "heet"]},
    **{tuple(w.split()): "own" for w in ["heten", "genaamd", "hier is"]},
    **{(w,): "greeting" for w in _GREETINGS.split()},
    **{
        tuple(w.split()): "greeting"
        for w in ["vriendelijke groet", "vriendelijke groeten", "hartelijke groet"]
    },
    **{(w,): "relative" for w in (CHILD_NOUNS + "|" + PARENT_NOUNS).split("|")},
    **{(w,): "relative" for w in _ROLES.split()},
    ("persoonlijk", "begeleider"): "relative",
    ("met",): "weak",
    ("samen", "met"): "weak",
    ("en", "ook"): "weak",
    # Last, as "mevrouw" and "meneer" are also among the relatives above.
    **{(w,): "title" for w in _TITLES.split()},
    ("de", "heer"): "title",
}
_OF_SOMETHING = re.compile(r"\s+van\s+(?:de|het|'t)\s", re.IGNORECASE)
_PARTICLES = frozenset(re.sub(r"[^a-z]+", " ", INTERFIX).split())
# Between the context and the name: spaces, and a comma, colon or the dot of "mevr.".
_GAP = re.compile(r"\.?\s*[,:]?\s+|\.")
_WORD = re.compile(r"[^\W\d_](?:[\w'-]*\w)?")
_INTERFIX_THEN_WORD = re.compile(rf"(?:{INTERFIX})\s+(?P<word>[^\W\d_](?:[\w'-]*\w)?)", re.I)
_AND_NEXT = re.compile(r"\s*(?:,|en|&|of)\s*(?P<word>[^\W\d_](?:[\w'-]*\w)?)\b", re.IGNORECASE)

_SOURCE = Path("data") / "lookup" / "src"


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]
    surname: frozenset[str]
    # Surnames that are also words ("bos", "de jong"): only after "mijn naam is" or a title.
    surname_word: frozenset[str]
    interfix_surname: frozenset[str]
    words: frozenset[str]


def _read(base: Path, name: str) -> set[str]:
    items = base / name / "items.txt"
    exceptions = base / name / "exceptions.txt"
    found = {fold(line) for line in items.read_text(encoding="utf-8").splitlines() if line}
    if exceptions.exists():
        found -= {fold(line) for line in exceptions.read_text(encoding="utf-8").splitlines()}
    return found


@cache
def name_lists() -> NameLists:
    """deduce's shipped Dutch lists (first names, surnames, frequent words), folded."""
    import deduce

    base = Path(deduce.__file__).parent / _SOURCE
    words = set()
    for name in ["lst_common_word", "lst_stop_word", "lst_medical_term"]:
        words |= _read(base / "whitelist", name)
    words |= NOT_NAMES
    first = {n for n in _read(base / "names", "lst_first_name") if len(n) > 2} - words
    surname = {n for n in _read(base / "names", "lst_surname") if len(n) > 2}
    surname_word = surname - _read(base / "whitelist", "lst_stop_word") - first
    return NameLists(
        first=frozenset(first),
        surname=frozenset(surname - words),
        surname_word=frozenset(surname_word),
        interfix_surname=frozenset(_read(base / "names", "lst_interfix_surname")),
        words=frozenset(words),
    )


def _surname_after(text: str, end: int, lists: NameLists, *, strong=False) -> int:
    """The end of a surname right after `end` ("de vries", "van 't hof", "jansen"), or `end`."""
    rest = re.match(r"\s+", text[end:])
    if not rest:
        return end
    start = end + rest.end()
    particle = _INTERFIX_THEN_WORD.match(text, start)
    if particle:
        word = fold(particle.group("word"))
        if word in lists.interfix_surname or word in lists.surname:
            return particle.end()
    word = _WORD.match(text, start)
    surnames = lists.surname_word if strong else lists.surname
    if word and fold(word.group()) in surnames and fold(word.group()) not in lists.first:
        return word.end()
    return end


def _context_before(words: list[re.Match], index: int, text: str) -> str | None:
    """The kind of context that ends with words[index], if any ("mijn naam is", "zoon")."""
    for size in (3, 2, 1):
        first = index - size + 1
        if first < 0:
            continue
        sequence = tuple(w.group().lower() for w in words[first : index + 1])
        kind = _CONTEXTS.get(sequence)
        if kind and all(
            text[words[i].end() : words[i + 1].start()].isspace() for i in range(first, index)
        ):
            return kind
    return None


def _context_of(words: list[re.Match], index: int, text: str) -> str | None:
    """The kind of context right before words[index]."""
    if index == 0:
        return None
    before = words[index - 1]
    if not _GAP.fullmatch(text, before.end(), words[index].start()):
        return None
    kind = _context_before(words, index - 1, text)
    van = before.group().lower() == "van" and index > 1
    if kind is None and van and _GAP.fullmatch(text, words[index - 2].end(), before.start()):
        kind = _context_before(words, index - 2, text)
        return kind if kind in ("relative", "greeting") else None
    return kind


def name_spans(text: str, places: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, first-name key) of names the context gives away, in lower case or not."""
    lists = name_lists()
    spans = []
    words = list(_WORD.finditer(text))
    for index, word in enumerate(words):
        key = word.group().lower()
        if not key.isascii():
            key = fold(key)
        # Most words are no name and start no particle: skip them before looking at context.
        if key not in lists.first and key not in lists.surname and key not in _PARTICLES:
            continue
        kind = _context_of(words, index, text)
        start = word.start()
        if kind == "title":
            # "mevrouw de vries", "dhr. bakker", "meneer jan"
            particle = _INTERFIX_THEN_WORD.match(text, start)
            surname = particle and fold(particle.group("word"))
            if particle and (
                surname in lists.interfix_surname
                # "meneer el khatib": after these particles any word but a frequent one
                or (key in ("el", "al", "ben", "abu") and surname not in lists.words)
            ):
                spans.append((start, particle.end(), ""))
            elif key in lists.surname or (key in lists.first and key not in AMBIGUOUS):
                spans.append((start, _surname_after(text, word.end(), lists, strong=True), key))
            continue
        if key not in lists.first:
            continue
        # "met iris van de cliëntenraad": someone of an organisation, though her name is a word
        of_something = kind == "weak" and _OF_SOMETHING.match(text, word.end())
        if key in AMBIGUOUS and kind in (None, "weak") and not of_something:
            continue
        if kind is None:
            # "ria de vries": a first name, a particle and a surname need no context.
            space = text[word.end() : word.end() + 1] == " "
            particle = space and _INTERFIX_THEN_WORD.match(text, word.end() + 1)
            if particle and key not in places:
                surname = fold(particle.group("word"))
                if surname in lists.interfix_surname or surname in lists.surname:
                    spans.append((start, particle.end(), key))
            continue
        if kind == "weak" and key in places:
            continue
        spans.append((start, _surname_after(text, word.end(), lists, strong=kind == "own"), key))
    return spans


def names_in_a_row(text: str, end: int) -> list[tuple[int, int, str]]:
    """Names listed after a name ending at `end`: "marian en gerard", "kees, bas en tim"."""
    lists = name_lists()
    spans = []
    while match := _AND_NEXT.match(text, end):
        key = fold(match.group("word"))
        if key not in lists.first or key in AMBIGUOUS:
            break
        start = match.start("word")
        end = _surname_after(text, match.end(), lists)
        spans.append((start, end, key))
    return spans


def occurrences(text: str, key: str, *, capitalised_only: bool) -> list[tuple[int, int]]:
    """Every whole-word occurrence of the name `key` (folded) in `text`."""
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", fold_aligned(text), re.I):
        if capitalised_only and not text[match.start()].isupper():
            continue
        found.append(match.span())
    return found


def fold_aligned(text: str) -> str:
    """`text` in lower case with accents dropped, character for character (same offsets)."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:
        return char
    return unicodedata.normalize("NFKD", lower)[0]


def is_first_name(key: str) -> bool:
    return key in name_lists().first


def is_ambiguous(key: str) -> bool:
    return key in AMBIGUOUS
