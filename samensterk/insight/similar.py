"""Similar signals: the same concrete problem first, then the same topic.

Cosine similarity of TF-IDF vectors (stems and word pairs, character n-grams for spelling and
compounds). Rare terms, such as the name of a care provider or a village, weigh most. On top,
a boost for shared proper names (capitalised words that are not at the start of a sentence:
institutions, providers, places) and for the same municipality.
"""

from __future__ import annotations

import re

import numpy as np

from .classifier import _terms
from .text import STOPWORDS, fold

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'-]{2,}(?:\s+[A-Z][\w'-]+)*)")
NAME_BOOST = 0.25
PLACE_BOOST = 0.1


def proper_names(text: str) -> set[str]:
    return {
        fold(name)
        for name in _NAME.findall(text or "")
        if fold(name) not in STOPWORDS and len(name) > 2
    }


def vectorise(texts: list[str]):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    terms = TfidfVectorizer(analyzer=_terms, sublinear_tf=True).fit_transform(texts)
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), preprocessor=fold, sublinear_tf=True, min_df=1
    ).fit_transform(texts)
    return normalize(hstack([terms * 0.75, chars * 0.25]).tocsr())


def most_similar(
    texts: list[str], k: int, *, municipalities: list[str | None] | None = None, block: int = 500
) -> list[list[int]]:
    """For every text, the indexes of the k most similar other texts, most similar first."""
    n = len(texts)
    if n < 2:
        return [[] for _ in texts]
    matrix = vectorise(texts)
    names = [proper_names(t) for t in texts]
    results = []
    rows = range(0, 1) if block == 1 else range(0, n, block)  # block=1: only the first text
    for start in rows:
        scores = (matrix[start : start + block] @ matrix.T).toarray()
        for offset, row in enumerate(scores):
            i = start + offset
            row[i] = -np.inf
            candidates = np.argsort(-row)[: max(k * 5, 50)]
            boosted = []
            for j in candidates:
                score = row[j]
                if names[i] and names[j]:
                    overlap = len(names[i] & names[j]) / len(names[i] | names[j])
                    score += NAME_BOOST * overlap
                if municipalities and municipalities[i] and municipalities[i] == municipalities[j]:
                    score += PLACE_BOOST
                boosted.append((score, j))
            boosted.sort(key=lambda x: -x[0])
            results.append([int(j) for _score, j in boosted[:k]])
    return results


def shared_terms(a: str, b: str, limit: int = 5) -> list[str]:
    """Words two texts have in common, rarest-looking (longest) first: the 'why'."""
    from .text import content_stems, stem, words

    common = set(content_stems(a)) & set(content_stems(b))
    surface = {stem(w): w for w in words(a)}
    return sorted((surface.get(s, s) for s in common), key=lambda w: -len(w))[:limit]
