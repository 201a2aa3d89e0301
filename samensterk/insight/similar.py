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
            if word in STOPWORDS or len(word) < 2:
                continue
            terms = cache.get(word)
            if terms is None:
                terms = cache[word] = self.word_terms(word)
            found.extend(terms)
        return found


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


def most_similar(
    texts: list[str], k: int, *, municipalities: list | None = None
) -> list[list[int]]:
    """For every text, the indexes of the k most similar other texts, most similar first.

    Exact: every text against every other (the `similar_signals` command, a scratch index).
    """
    n = len(texts)
    if n < 2:
        return [[] for _ in texts]
    matrix = vectors(texts)
    codes = {c: i + 1 for i, c in enumerate(sorted({m for m in municipalities or [] if m}))}
    places = np.array([codes.get(m, 0) for m in municipalities or [None] * n])
    results = []
    for start in range(0, n, BLOCK):
        block = (matrix[start : start + BLOCK] @ matrix.T).toarray().astype(np.float64)
        for offset, row in enumerate(block):
            i = start + offset
            if places[i]:
                row += PLACE_BOOST * (places == places[i])
            others = np.delete(np.arange(n), i)
            found, _scores = top(others, row[others], k)
            results.append([int(j) for j in found])
    return results


def shared_terms(a: str, b: str, limit: int = 5) -> list[str]:
    """Words two texts have in common, rarest-looking (longest) first: the 'why'."""
    a, b = _TAG.sub(" ", a or ""), _TAG.sub(" ", b or "")
    common = set(content_stems(a)) & set(content_stems(b))
    surface = {stem(w): w for w in words(a)}
    return sorted((surface.get(s, s) for s in common), key=lambda w: (-len(w), w))[:limit]
