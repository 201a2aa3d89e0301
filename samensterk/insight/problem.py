"""The concrete facts of a signal that say whether two signals are the same problem: the names
it mentions (a school, provider, carrier) and the kind of trouble. No Django settings needed.

Words every signal may use ("moeder belt", "gemeente", "cliënten", "Wmo") are generic: they are
left out of the similarity and never shown as the reason two signals look alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from .text import STOPWORDS, fold

# Words that tell nothing about which problem a signal is: who tells it, how it came in, the
# general words of the field. Measured on data/dev/similar.csv: shared generic words made
# texts of one writer's kind (phone notes) look alike whatever their problem.
GENERIC = frozenset(
    """
    belt beller gebeld bellen telefoon telefonisch mail mailt gemaild melding meldt signaal
    moeder vader ouder ouders zoon dochter kind kinderen broer zus familie mentor budgethouder
    client clienten cliënt cliënten deelnemer deelnemers mevrouw meneer beller klant klanten
    gemeente gemeenten wmo wlz jeugdwet pgb zorg hulp vraag vragen probleem problemen situatie
    aangeboden per zie zegt zeggen vindt vinden wil willen graag klacht indienen boos stom
    als ik vertegenwoordiger begeleider intern ambulant eigen thuis nu sinds al nog
    """.split()  # noqa: SIM905
)
# The kind of place a name belongs to, from a word in or just before the name.
NAME_TYPES = {
    "school": "school",
    "basisschool": "school",
    "kindcentrum": "school",
    "dagbesteding": "dagbesteding",
    "zorgboerderij": "dagbesteding",
    "woongroep": "woonlocatie",
    "taxi": "vervoerder",
    "regiotaxi": "vervoerder",
    "vervoer": "vervoerder",
    "zorgvervoer": "vervoerder",
    "leerlingenvervoer": "vervoerder",
    "zorgkantoor": "zorgkantoor",
    "woonstichting": "woningcorporatie",
    "woningcorporatie": "woningcorporatie",
    "woningstichting": "woningcorporatie",
    "wonen": "woningcorporatie",
    "voetbalclub": "club",
    "sportclub": "club",
    "vereniging": "club",
    "club": "club",
    "huisartsenpraktijk": "praktijk",
    "praktijk": "praktijk",
    "ziekenhuis": "ziekenhuis",
}
KIND_LABELS = {
    "school": _("Zelfde school"),
    "dagbesteding": _("Zelfde dagbesteding"),
    "woonlocatie": _("Zelfde woonlocatie"),
    "vervoerder": _("Zelfde vervoerder"),
    "zorgkantoor": _("Zelfde zorgkantoor"),
    "woningcorporatie": _("Zelfde woningcorporatie"),
    "club": _("Zelfde club"),
    "praktijk": _("Zelfde praktijk"),
    "ziekenhuis": _("Zelfde ziekenhuis"),
    None: _("Zelfde naam"),
    "place": _("Zelfde plaats"),
    "trouble": _("Zelfde probleem"),
    "words": _("Zelfde woorden"),
}
# Words of a name that say what it is, not which one: "Dagbesteding De Klaproos" is the same
# place as "de klaproos".
TYPE_WORDS = frozenset(NAME_TYPES) - {"taxi", "vervoer", "wonen", "zorgvervoer"}
PARTICLES = frozenset({"de", "het", "van", "der", "den", "'t", "t", "ter", "ten"})
# Capitalised words that name no school or provider: laws, schemes, the municipality itself.
NOT_NAMES = frozenset(
    """
    wmo wlz pgb jeugdwet participatiewet gemeente telefoon beller down lvb vg nah ggz adhd add
    ass autisme eigen
    """.split()  # noqa: SIM905
)

# Kinds of trouble: the patterns that must all match the folded text, and how it is shown.
TROUBLES: dict[str, tuple[re.Pattern, ...]] = {
    code: tuple(re.compile(p) for p in patterns)
    for code, patterns in {
        "late": (r"(taxi|\bbus|vervoer|chauffeur|\brit\b)",
                 r"\b(te laat|vertraging|vertraagd|pas om (half )?\w+ binnen)"),
        "long_ride": (r"\b(omweg|lange route|rit duurt|uur in (het|de) bus|lang in (het|de) bus)",),
        "wheelchair": (r"rolstoel", r"\b(niet mee|weiger\w*|wil mij niet meenemen)"),
        "refused_school": (r"\b(toelaten|toegelaten|inschrijving|willen mij niet|mag niet naar)",),
        "bullying": (r"\b(ge)?pest",),
        "closing": (r"\b(dicht|sluiting|sluiten|dichtgaan)\b|\bsluit\b(?!.{0,30}\buit\b)",),
        "staff": (r"\b(ander personeel|nieuwe begeleiders|invalkracht\w*|steeds andere"
                  r"|geen vaste)",),
        "waitlist": (r"\b(wachtlijst\w*|wachttijd\w*|wachten op een plek|lang wachten"
                     r"|moet \w+ \w+ wachten)",),
        "decision": (r"\b(beschikking|besluit)\b", r"\b(geen|nog steeds|wacht)"),
        "housing": (r"\b(geen woning|geen huis|wijst \w+ af|woning geven"
                    r"|afgewezen .{0,30}woning)",),
        "money": (r"\b(leefgeld|geen geld (voor eten|meer|gehad)|niet overgemaakt)",),
        "application": (r"\b(wlz|aanvraag)", r"\b(maanden|duurt|reageert niet)"),
        "lift": (r"\blift\b",),
        "unpaid": (r"\b(svb|pgb|zorgverlener\w*)",
                   r"\b(niet betaald|geen geld|betaalt \w+ niet|niet uit)"),
        "rejected": (r"\b(afgewezen|afwijzing|ingetrokken)\b",),
        "cut": (r"\b(minder uren|gekort|korting|verlaagd)\b",),
    }.items()
}  # fmt: skip
TROUBLE_LABELS = {
    "late": _("vervoer te laat"),
    "long_ride": _("te lange rit"),
    "wheelchair": _("rolstoel niet mee"),
    "refused_school": _("school weigert kind"),
    "bullying": _("pesten"),
    "closing": _("locatie gaat dicht"),
    "staff": _("steeds ander personeel"),
    "waitlist": _("wachtlijst"),
    "decision": _("besluit blijft uit"),
    "housing": _("woning geweigerd"),
    "money": _("geen leefgeld"),
    "application": _("aanvraag duurt lang"),
    "lift": _("lift kapot"),
    "unpaid": _("pgb niet betaald"),
    "rejected": _("indicatie afgewezen"),
    "cut": _("minder uren"),
}

_SENTENCE = re.compile(r"(?<=[.!?:;()])\s+|\n+|^\s*")
_TOKEN = re.compile(r"[^\W_][\w'’]*")
_TAG = re.compile(r"\[[A-Z]+-\d+\]")


@dataclass
class Name:
    display: str  # as written: "De Regenboog"
    key: frozenset[str]  # the words that say which one: {"regenboog"}
    kind: str | None  # "school", "vervoerder" ... (KIND_LABELS) or None


@dataclass
class Facts:
    names: list[Name] = field(default_factory=list)
    troubles: list[str] = field(default_factory=list)  # TROUBLES codes
    places: frozenset[str] = frozenset()  # places named with a capital, folded
    words: frozenset[str] = frozenset()


def _name_kind(tokens: list[str], before: str) -> str | None:
    for word in [*tokens, before]:
        if word in NAME_TYPES:
            return NAME_TYPES[word]
        for type_word, kind in NAME_TYPES.items():
            if len(type_word) > 5 and word.endswith(type_word):
                return kind
    return None


def _close(run: list[str], position: int, tokens: list[str], runs: list) -> None:
    """A run of capitalised words ends before `position`: keep it, without trailing particles."""
    start = position - len(run)
    while run and fold(run[-1]) in PARTICLES:
        run.pop()
    if run:
        runs.append((list(run), start == 0, fold(tokens[start - 1]) if start else ""))


def names_in(text: str, places: frozenset[str] = frozenset()) -> tuple[list[Name], set[str]]:
    """Capitalised names: runs of capitalised words (particles may join them). A single word
    that starts a sentence is only a name when it is written with a capital elsewhere too, or
    is a place; `places` are folded place names, which are not names of an institution.
    Also the places written with a capital (folded)."""
    text = _TAG.sub(" ", text or "")
    found: dict[frozenset, Name] = {}
    mentioned: set[str] = set()
    capital_words = set()
    runs = []
    for sentence in _SENTENCE.split(text):
        matches = list(_TOKEN.finditer(sentence))
        tokens = [m.group() for m in matches]
        run: list[str] = []
        for position, token in enumerate([*tokens, ""]):
            # Punctuation between two words ends a name: "De Linde (Philadelphia, Zwolle)".
            joined = (
                bool(run)
                and sentence[matches[position - 1].end() : matches[position].start()].isspace()
                if token
                else False
            )
            if run and not joined:
                _close(run, position, tokens, runs)
                run = []
            capital = token[:1].isupper()
            particle = bool(run) and fold(token) in PARTICLES
            if token and (capital or particle):
                run.append(token)
                if capital and position:
                    capital_words.add(fold(token))
                continue
            _close(run, position, tokens, runs)
            run = []
    for run, at_start, before in runs:
        folded = [fold(t) for t in run]
        # A place in a name ("De Parel Hoorn") says where, not which one; a run of place names
        # alone is a place, but with an article or a type word it is a name ("De Linde").
        key = [
            w for w in folded if w not in STOPWORDS and w not in NOT_NAMES and w not in TYPE_WORDS
        ]
        if len(folded) > 1 and " ".join(folded) in places:
            mentioned.add(" ".join(folded))  # "Den Bosch", "De Bilt"
            continue
        where = [w for w in key if w in places]
        types = [w for w in folded if w in TYPE_WORDS]
        # "De Linde" is a name, not the village Linde; "Regiotaxi Almere" is not "Almere".
        after_article = [w for i, w in enumerate(folded) if i and folded[i - 1] in PARTICLES]
        key = (
            [w for w in key if w not in places]
            or [w for w in where if w in after_article]
            or (types + where if types else [])
        )
        mentioned.update(where)
        if not key or all(len(w) < 2 for w in key):
            continue
        if at_start and len(run) == 1 and folded[0] not in capital_words:
            continue
        while run and fold(run[0]) in STOPWORDS - {"de", "het"}:
            run = run[1:]
        frozen = frozenset(key)
        if frozen not in found:
            found[frozen] = Name(" ".join(run), frozen, _name_kind(folded, before))
    return list(found.values()), mentioned


def troubles_in(text: str) -> list[str]:
    folded = fold(text or "")
    return [code for code, patterns in TROUBLES.items() if all(p.search(folded) for p in patterns)]


@lru_cache(maxsize=4)
def place_forms(places: frozenset[str]) -> frozenset[str]:
    """Folded place names as names_in sees them: "'s-hertogenbosch" is also "hertogenbosch"."""
    forms = set(places)
    for name in places:
        spaced = " ".join(_TOKEN.findall(name))
        forms.add(spaced)
        if spaced.startswith("s "):
            forms.add(spaced[2:])
    return frozenset(forms)


def facts(text: str, places: frozenset[str] = frozenset()) -> Facts:
    folded = fold(_TAG.sub(" ", text or ""))
    names, mentioned = names_in(text, place_forms(places))
    return Facts(
        names=names,
        places=frozenset(mentioned),
        troubles=troubles_in(text),
        words=frozenset(_TOKEN.findall(folded)),
    )


def known_names(all_facts, also=()) -> None:
    """Names written with capitals in one signal, found in lower case in another ("ik ga naar
    de brug" when another signal names "De Brug"), are added to that signal's names."""
    all_facts = list(all_facts)
    frequency: dict[str, int] = {}
    for item in all_facts:
        for word in item.words:
            frequency[word] = frequency.get(word, 0) + 1
    common = max(5, len(all_facts) // 10)  # a word in more texts than this is no name's own
    known: dict[frozenset, Name] = {}
    for item in [*all_facts, *also]:
        for name in item.names:
            if all(w not in GENERIC for w in name.key) and any(
                frequency.get(w, 0) <= common for w in name.key
            ):
                known.setdefault(name.key, name)
    for item in all_facts:
        own = {name.key for name in item.names}
        item.names.extend(n for k, n in known.items() if k not in own and k <= item.words)


def other_names(a: Facts, b: Facts) -> bool:
    """Each names a school, provider or carrier the other does not: another problem."""
    return any(not n.key <= b.words for n in a.names) and any(not n.key <= a.words for n in b.names)


def shared_names(a: Facts, b: Facts) -> list[Name]:
    """The names of one found in the other, in capitals or not ("De Regenboog", "de regenboog")."""
    shared, seen = [], set()
    for name in a.names + b.names:
        if name.key <= a.words and name.key <= b.words and name.key not in seen:
            seen.add(name.key)
            shared.append(name)
    return shared
