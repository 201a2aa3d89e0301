"""Similar signals: the same concrete problem first, then the same topic. No Django needed.

Similarity is the cosine of TF-IDF vectors over Dutch stems, with the last part of compounds
as an extra term ('leerlingenvervoer' also counts as 'vervoer'), plus a boost when both
signals concern the same municipality. Rare terms, such as the name of a care provider or a
village, weigh most, so the same concrete problem ranks above the same topic. (Measured on
`tools/devset/similar.csv`: word pairs, character n-grams and extra weight for capitalised
names all ranked worse than this.)

Scoring is exact: the texts become the rows of a sparse matrix (scikit-learn's TF-IDF with
this module's analyser), and a matrix product compares a text with every other one.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .problem import (
    GENERIC,
    KIND_LABELS,
    TROUBLE_LABELS,
    Facts,
    facts,
    known_names,
    other_names,
    shared_names,
)
from .text import STOPWORDS, content_stems, stem, words

PLACE_BOOST = 0.1  # the same municipality: about as much as one shared uncommon word
_TAG = re.compile(r"\[[A-Z]+-\d+\]")  # pseudonymisation tags: [PERSOON-1]
MIN_TAIL = 4  # the last part of a compound counts when it is a known word of 4+ letters
BLOCK = 500  # rows compared at once in most_similar: a dense block of BLOCK x n scores


class Analyser:
    """Text -> terms. The lexicon (known stems) decides which compound tails count."""

    def __init__(self, lexicon: frozenset[str] | set[str] = frozenset()):
        self.lexicon = frozenset(lexicon)
        self._starts = frozenset(s[:MIN_TAIL] for s in self.lexicon)  # a quick first check
        self._cache: dict[str, tuple[str, ...]] = {}  # per word; lives as long as the analyser

    def word_terms(self, word: str) -> tuple[str, ...]:
        base = stem(word)
        if len(word) >= MIN_TAIL + 5:
            for start in range(3, len(word) - MIN_TAIL + 1):
                if word[start : start + MIN_TAIL] not in self._starts:
                    continue
                tail = stem(word[start:])
                if len(tail) >= MIN_TAIL and tail in self.lexicon:
                    return (base, tail) if tail != base else (base,)
        return (base,)

    def terms(self, text: str) -> list[str]:
        cache = self._cache
        found: list[str] = []
        for word in words(_TAG.sub(" ", text or "")):
            if word in STOPWORDS or word in GENERIC or len(word) < 2:
                continue
            terms = cache.get(word)
            if terms is None:
                terms = cache[word] = self.word_terms(word)
            found.extend(terms)
        return found


# The "same problem" score: the cosine of the texts' distinctive terms, raised when they name
# the same school or provider, the same municipality and the same kind of trouble, lowered when
# each names another one. Tuned on the dev half of data/dev/similar.csv (docs/benchmarks.md).
W_NAME = 0.3
W_PLACE = 0.2
W_TROUBLE = 0.2
W_CONFLICT = 0.9  # each names another school, provider or place
W_OTHER_TROUBLE = 0.3  # each tells another kind of trouble
THRESHOLD = 0.42  # what the product shows; below it a signal is not offered as the same problem
POOL = 50  # the nearest texts by cosine that get the full score


def _same_place(a: Facts, b: Facts, place_a, place_b) -> bool | None:
    """True, False (each names another place) or None (not known)."""
    if place_a and place_b:
        return place_a == place_b
    if a.places and b.places:
        return bool(a.places & b.places)
    return None


def same_problem(cosine: float, a: Facts, b: Facts, place_a=None, place_b=None) -> float:
    score = cosine
    named = bool(shared_names(a, b))
    if named:
        score += W_NAME
    if other_names(a, b):
        score -= W_CONFLICT
    place = _same_place(a, b, place_a, place_b)
    if place:
        score += W_PLACE
    elif place is False:
        score -= W_CONFLICT
    shared_trouble = bool(set(a.troubles) & set(b.troubles))
    if shared_trouble:
        score += W_TROUBLE
    elif a.troubles and b.troubles:
        score -= W_OTHER_TROUBLE
    return score


def explain(
    a: Facts, b: Facts, *, place: str | None = None, text_a: str = "", text_b: str = ""
) -> list[dict]:
    """Why two signals look like the same problem: the distinctive facts they share, as
    [{"label": "Zelfde school", "value": "De Regenboog"}, ...]; never a generic word. `place`:
    the municipality both concern (or None)."""
    names = shared_names(a, b)
    reasons = [{"label": KIND_LABELS[name.kind], "value": name.display} for name in names]
    if place:
        reasons.append({"label": KIND_LABELS["place"], "value": place})
    troubles = [t for t in a.troubles if t in b.troubles]
    if troubles:
        reasons.append(
            {
                "label": KIND_LABELS["trouble"],
                "value": ", ".join(str(TROUBLE_LABELS[t]) for t in troubles),
            }
        )
    if not (names or troubles) and text_a and text_b:  # the place alone says little
        terms = shared_terms(text_a, text_b, limit=3)
        if terms:
            reasons.append({"label": KIND_LABELS["words"], "value": ", ".join(terms)})
    return reasons


def lexicon_from(texts, *, min_count: int = 2) -> set[str]:
    """Stems that occur as words of their own in at least `min_count` texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({s for s in content_stems(_TAG.sub(" ", text or "")) if len(s) >= MIN_TAIL})
    return {s for s, n in counts.items() if n >= min_count}


def analyser_for(texts: list[str]) -> Analyser:
    """An analyser whose lexicon comes from the texts themselves (a word twice, or once in a
    small set)."""
    return Analyser(lexicon_from(texts, min_count=1 if len(texts) < 1000 else 2))


def vectors(texts: list[str], analyser: Analyser | None = None):
    """The texts as rows of a sparse matrix of length-1 TF-IDF vectors: (1 + log tf) x idf,
    idf = log((1 + n) / (1 + df)) + 1 over these texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyser = analyser or analyser_for(texts)
    vectorizer = TfidfVectorizer(analyzer=analyser.terms, sublinear_tf=True, dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # not one term in any text
        from scipy.sparse import csr_matrix

        return csr_matrix((len(texts), 1), dtype=np.float32)


def top(candidates: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (candidates, scores), best first; ties in candidate order. Scores that agree
    to 6 decimals tie: the same story told twice may differ in the last bits of a product."""
    scores = np.round(scores, 6)
    if len(candidates) > k:  # all that reach the k-th score, so that ties are all in
        keep = scores >= -np.partition(-scores, k - 1)[k - 1]
        candidates, scores = candidates[keep], scores[keep]
    order = np.lexsort((candidates, -scores))[:k]
    return candidates[order], scores[order]


def nearest(
    text: str,
    others: list[str],
    k: int,
    *,
    place: int = 0,
    places: list[int] | None = None,
    analyser: Analyser | None = None,
) -> list[tuple[int, float]]:
    """The k texts among `others` most like `text`: (index in others, score), best first, ties
    in the order of `others`; only texts that share a term with it. PLACE_BOOST where
    places[i] == place (0: no place). Without an analyser, the lexicon comes from the texts."""
    if not others:
        return []
    matrix = vectors([text, *others], analyser)
    scores = (matrix[1:] @ matrix[0].T).toarray().ravel().astype(np.float64)
    candidates = np.flatnonzero(scores > 0)
    scores = scores[candidates]
    if place and places is not None:
        scores += PLACE_BOOST * (np.asarray(places)[candidates] == place)
    found, scores = top(candidates, scores, k)
    return [(int(i), float(s)) for i, s in zip(found, scores, strict=True)]


def rerank(
    own: Facts,
    own_place,
    candidates: list[tuple[int, float]],
    others: dict[int, Facts],
    places: dict[int, object],
    k: int,
    *,
    threshold: bool = True,
) -> list[tuple[int, float]]:
    """(index, cosine) candidates -> the k best by the same-problem score, best first (ties in
    index order); with `threshold`, only those that reach THRESHOLD."""
    scored = [
        (i, same_problem(cosine, own, others[i], own_place, places.get(i)))
        for i, cosine in candidates
    ]
    if threshold:
        scored = [(i, score) for i, score in scored if score >= THRESHOLD]
    scored.sort(key=lambda item: (-round(item[1], 6), item[0]))
    return scored[:k]


def same_problem_nearest(
    text: str,
    others: list[str],
    k: int,
    *,
    place: int = 0,
    places: list[int] | None = None,
    analyser: Analyser | None = None,
    place_names: frozenset[str] = frozenset(),
) -> list[tuple[int, float]]:
    """At most k texts among `others` that pass the same-problem threshold: (index, score),
    best first. The POOL nearest by cosine are scored (the product's similar signals)."""
    found = nearest(text, others, max(POOL, k), place=place, places=places, analyser=analyser)
    own = facts(text, place_names)
    pool = {i: facts(others[i], place_names) for i, _score in found}
    known_names([own, *pool.values()])
    where = {i: places[i] for i, _score in found if places and places[i]}
    return rerank(own, place or None, found, pool, where, k)


def most_similar(
    texts: list[str],
    k: int,
    *,
    municipalities: list | None = None,
    place_names: frozenset[str] = frozenset(),
    threshold: bool = True,
) -> list[list[int]]:
    """For every text, the indexes of at most k other texts that are the same problem, most
    similar first; with threshold=False the k nearest, whatever their score.

    Exact: every text against every other by cosine (the `similar_signals` command, a scratch
    index), then the POOL nearest get the same-problem score. `place_names`: folded names of
    places, which do not count as the name of a school or provider."""
    n = len(texts)
    if n < 2:
        return [[] for _ in texts]
    matrix = vectors(texts)
    all_facts = {i: facts(text, place_names) for i, text in enumerate(texts)}
    known_names(all_facts.values())
    given = list(municipalities or [None] * n)
    places = {i: m for i, m in enumerate(given) if m}
    codes = {c: i + 1 for i, c in enumerate(sorted(set(places.values())))}
    place_ids = np.array([codes.get(m, 0) for m in given])
    pool = max(POOL, k)
    results = []
    for start in range(0, n, BLOCK):
        block = (matrix[start : start + BLOCK] @ matrix.T).toarray().astype(np.float64)
        for offset, row in enumerate(block):
            i = start + offset
            boosted = row + PLACE_BOOST * (place_ids == place_ids[i]) if place_ids[i] else row
            others = np.delete(np.arange(n), i)
            if threshold:  # a text that shares no term is never the same problem
                others = others[row[others] > 0]
            found, _scores = top(others, boosted[others], pool)
            candidates = [(int(j), float(row[j])) for j in found]
            ranked = rerank(
                all_facts[i], places.get(i), candidates, all_facts, places, k, threshold=threshold
            )
            results.append([j for j, _score in ranked])
    return results


_GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)


def shared_terms(a: str, b: str, limit: int = 5) -> list[str]:
    """Words two texts have in common, rarest-looking (longest) first: the 'why'."""
    a, b = _TAG.sub(" ", a or ""), _TAG.sub(" ", b or "")
    common = {s for s in set(content_stems(a)) & set(content_stems(b)) if s not in _GENERIC_STEMS}
    surface = {stem(w): w for w in words(a)}
    return sorted((surface.get(s, s) for s in common), key=lambda w: (-len(w), w))[:limit]
