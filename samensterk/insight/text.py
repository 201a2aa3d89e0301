"""Dutch text normalisation for the classifier and similarity: no Django needed."""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# snowballstemmer hands out PyStemmer's C build of the same Snowball algorithm when it is
# installed (the requirements install it): the same stems (compared on 180,000 words of the
# dev set, the seeds, the benchmark's texts and deduce's lists), 26 -> 1.4 us a word.
_STEMMER = snowballstemmer.stemmer("dutch")

# Short function words that say nothing about the theme.
STOPWORDS = frozenset(
    """
    de het een en of maar want dus dat die dit deze der des in op aan met voor van bij naar uit
    om tot over door als dan te ook nog niet geen wel al er hier daar waar wat wie hoe is zijn
    was waren ben bent heb hebt heeft hebben had wordt worden werd kan kunnen kon moet moeten
    mag mogen zal zullen zou zouden wil willen ik je jij u hij zij ze we wij jullie mij me mijn
    zijn haar hun ons onze jouw uw hem hen men iets niets alles veel weer toe zo heel erg nu
    elke elk ieder steeds meer minder nooit altijd even eens dan na
    via kwam komt komen kwamen gaat ging gaan gingen doet deed doen krijgt kreeg krijgen zegt
    zei zeggen weet wist weten laat liet laten staat stond staan zit zat zitten ligt lag houdt
    hield vind vindt vond maakt maakte maken zien ziet zag keer tijd dag week maand jaar echt
    gewoon alleen samen andere ander zelf iemand niemand mensen goed slecht graag dit dat toch
    """.split()  # noqa: SIM905
)


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case, accents off: 'Cliënt' -> 'client'."""
    text = (text or "").casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def folded_words(folded: str) -> list[str]:
    """words() of a text that is folded already."""
    return _WORD.findall(folded)


def content_stems(text: str) -> list[str]:
    """Stemmed words without stop words: the terms a text is about."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def analyse(text: str) -> list[str]:
    """Terms for TF-IDF: stems, and for compounds also the stem of their last part."""
    terms = content_stems(text)
    return terms


# Words that are in almost every signal and explain nothing: an explanation ("Omdat er staat")
# never names them, even when a model leans on them (issue 36: "gemeente, per, belt, zie").
GENERIC_WORDS = frozenset(
    """
    gemeente gemeenten per belt bellen gebeld zie zien aangeboden aanbieden client clienten
    melding melder signaal tel telefonisch notitie moeder vader zoon dochter broer zus ouders
    mevrouw meneer man vrouw kind mensen iemand niemand persoon hulp zorg probleem problemen
    vraag vragen graag nodig krijgt krijg kreeg sinds nu weer nog steeds al maanden weken jaar
    dagen uur keer terwijl omdat want waarom alles niks niets wordt werd gaat gaan kan kunnen
    per zie aangeboden aanbieder aanbieden
    moet moeten mag willen wil zegt zeggen zei vindt vinden weet weten hebben heeft sorry
    voordat nadat nieuwe nieuw oude enige plek pas duurt vraagt beperkt eerst elke dag week
    maand lang kort groot klein goed slecht hele heel andere ander zelf samen ons onze
    """.split()  # noqa: SIM905
)


def is_generic(word: str) -> bool:
    """A word (or its stem) that explains no theme: a stop word or a generic one."""
    word = fold(word)
    return word in STOPWORDS or word in GENERIC_WORDS or stem(word) in _GENERIC_STEMS


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC_WORDS)
