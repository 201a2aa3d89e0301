"""Dutch search over the knowledge base, the same on SQLite and PostgreSQL.

Each item keeps its words as Dutch stems (the insight app's analysis: accents off, Snowball
stemmer), one field for the title and one for the rest, updated on save. A search word matches
an item word when the stems are equal ('gesprekken' finds 'gesprek'), when it is the start or
the end of a compound ('keukentafel' and 'gesprek' both find 'keukentafelgesprek'), or when
the search word is itself a compound of two item words ('keukentafelgesprek' finds 'het
gesprek aan de keukentafel'). Every search word must match; title matches rank first.
The matching runs in Python over the stored stems: no database-specific full-text search.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from samensterk.insight.text import STOPWORDS, stem, words

MIN_PART = 4  # shorter pieces ('tas', 'wet') would match inside too many unrelated words
LONG_MODIFIER = 6  # a compound head counts after this many letters, or after a known word
MAX_WORDS = 8


def terms(text: str) -> list[str]:
    """The stems of a text's content words, each once, in order."""
    return list(dict.fromkeys(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1))


def index_terms(item) -> tuple[str, str]:
    """(title terms, other terms) of an item, as stored on it."""
    rest = " ".join([item.summary, item.body, item.tags, item.result, item.tips])
    return " ".join(terms(item.title)), " ".join(terms(rest))


@dataclass(frozen=True)
class QueryWord:
    stem: str
    splits: tuple[tuple[str, str], ...]  # (modifier, head) stems when the word is a compound

    def matches(self, tokens: frozenset[str], lexicon: frozenset[str]) -> bool:
        q = self.stem
        if q in tokens:
            return True
        if len(q) >= MIN_PART:
            for token in tokens:
                if token.startswith(q):
                    return True
                if token.endswith(q) and _is_modifier(token[: -len(q)], lexicon):
                    return True
        return any(head in tokens and modifier in tokens for modifier, head in self.splits)


def _is_modifier(rest: str, lexicon: frozenset[str]) -> bool:
    """Whether `rest` can be the first part of a compound: long enough, or a known word (with
    or without a linking s or en). 'leerlingen|vervoer' yes, 'weth|ouder' no."""
    if len(rest) >= LONG_MODIFIER:
        return True
    return len(rest) >= 3 and any(
        form in lexicon for form in (rest, rest.removesuffix("s"), rest.removesuffix("en"))
    )


def _query_word(word: str) -> QueryWord:
    splits = []
    for i in range(MIN_PART, len(word) - MIN_PART + 1):
        modifier, head = word[:i], word[i:]
        for form in {modifier, modifier.removesuffix("s"), modifier.removesuffix("en")}:
            if len(form) >= MIN_PART:
                splits.append((stem(form), stem(head)))
    return QueryWord(stem(word), tuple(dict.fromkeys(splits)))


def parse(query: str) -> list[QueryWord]:
    found = [w for w in words(query) if w not in STOPWORDS and len(w) > 1]
    return [_query_word(w) for w in list(dict.fromkeys(found))[:MAX_WORDS]]


def rank(query: str, rows: Iterable[tuple[int, str, str, int]]) -> list[int]:
    """The ids of the rows (id, title terms, other terms, views) that match every search word:
    most search words in the title first, then most views."""
    wanted = parse(query)
    if not wanted:
        return []
    split = [
        (pk, frozenset(title.split()), frozenset(other.split()), views)
        for pk, title, other, views in rows
    ]
    lexicon = frozenset().union(*(title | other for _pk, title, other, _views in split))
    scored = []
    for pk, title, other, views in split:
        in_title = 0
        for word in wanted:
            if word.matches(title, lexicon):
                in_title += 1
            elif not word.matches(other, lexicon):
                break
        else:
            scored.append((-in_title, -views, pk))
    return [pk for *_, pk in sorted(scored)]
