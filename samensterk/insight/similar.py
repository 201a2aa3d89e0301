"""Similar signals: the same concrete problem first, then the same topic. No Django needed.

Similarity is the cosine of TF-IDF vectors over Dutch stems, with the last part of compounds
as an extra term ('leerlingenvervoer' also counts as 'vervoer'), plus a boost when both
signals concern the same municipality. Rare terms, such as the name of a care provider or a
village, weigh most, so the same concrete problem ranks above the same topic. (Measured on
`tools/devset/similar.csv`: word pairs, character n-grams and extra weight for capitalised
names all ranked worse than this.)

`Postings` is the index: per term the signals that contain it (an inverted index), kept in
numpy arrays that can be saved and memory-mapped. A search accumulates the postings of the
query's rarer terms in full, keeps the best few hundred signals, and adds the contributions of
the very common terms to those only. The exact search compares with every signal.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .text import STOPWORDS, content_stems, stem, words

PLACE_BOOST = 0.1  # the same municipality: about as much as one shared uncommon word
_TAG = re.compile(r"\[[A-Z]+-\d+\]")  # pseudonymisation tags: [PERSOON-1]
MIN_TAIL = 4  # the last part of a compound counts when it is a known word of 4+ letters
SEED = 20_000  # postings of the rarest terms that give a search its first threshold
POOL = 200  # documents scored exactly for that threshold
BUDGET = 100_000  # postings scored in full per search; beyond it, only documents already found


def term_id(term: str) -> int:
    return zlib.crc32(term.encode())


class Analyser:
    """Text -> term ids. The lexicon (known stems) decides which compound tails count."""

    def __init__(self, lexicon: frozenset[str] | set[str] = frozenset()):
        self.lexicon = frozenset(lexicon)
        self._starts = frozenset(s[:MIN_TAIL] for s in self.lexicon)  # a quick first check
        self._cache: dict[str, tuple[int, ...]] = {}

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

    def ids(self, text: str) -> list[int]:
        cache = self._cache
        if len(cache) > 300_000:
            cache.clear()
        found: list[int] = []
        for word in words(_TAG.sub(" ", text or "")):
            if word in STOPWORDS or len(word) < 2:
                continue
            ids = cache.get(word)
            if ids is None:
                ids = cache[word] = tuple(term_id(t) for t in self.word_terms(word))
            found.extend(ids)
        return found


def lexicon_from(texts, *, min_count: int = 2, limit: int = 200_000) -> set[str]:
    """Stems that occur as words of their own in at least `min_count` texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({s for s in content_stems(_TAG.sub(" ", text or "")) if len(s) >= MIN_TAIL})
    return {s for s, n in counts.most_common(limit) if n >= min_count}


@dataclass
class Postings:
    """An inverted index over `n_docs` documents (positions 0..n_docs-1)."""

    terms: np.ndarray  # uint32, sorted: the term ids that occur
    indptr: np.ndarray  # int64, len(terms) + 1: term t's postings are docs[indptr[t]:indptr[t+1]]
    docs: np.ndarray  # int32, ascending within each term
    weights: np.ndarray  # float32, the documents' normalised TF-IDF weights
    idf: np.ndarray  # float32 per term
    max_weight: np.ndarray  # float32 per term: the largest weight in its postings
    n_docs: int

    FILES = ("terms", "indptr", "docs", "weights", "idf", "max_weight")

    # --- building ---------------------------------------------------------------------------
    @classmethod
    def build(cls, id_lists) -> Postings:
        """From the term ids of every document (lists or arrays)."""
        lengths = np.fromiter((len(ids) for ids in id_lists), dtype=np.int64, count=len(id_lists))
        flat = (
            np.concatenate([np.asarray(ids, dtype=np.uint32) for ids in id_lists])
            if lengths.sum()
            else np.zeros(0, dtype=np.uint32)
        )
        return cls.from_flat(flat, lengths)

    @classmethod
    def from_flat(cls, flat: np.ndarray, lengths: np.ndarray) -> Postings:
        """From all documents' term ids in one array, and how many belong to each document."""
        n = len(lengths)
        doc_of = np.repeat(np.arange(n, dtype=np.uint64), lengths)
        keys, counts = np.unique(
            (doc_of << np.uint64(32)) | flat.astype(np.uint64), return_counts=True
        )
        del doc_of
        docs = (keys >> np.uint64(32)).astype(np.int32)
        term_ids = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        terms, term_index, df = np.unique(term_ids, return_inverse=True, return_counts=True)
        idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        weights = ((1 + np.log(counts)) * idf[term_index]).astype(np.float32)
        # Normalise every document's vector to length 1 (entries are grouped by document).
        starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]]) if len(docs) else []
        if len(docs):
            norms = np.sqrt(np.add.reduceat(weights.astype(np.float64) ** 2, starts))
            weights /= np.repeat(norms, np.diff(np.r_[starts, len(docs)])).astype(np.float32)
        # Group by term; a stable sort keeps the documents ascending within each term.
        order = np.argsort(term_index, kind="stable")
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        sorted_weights = weights[order]
        max_weight = (
            np.maximum.reduceat(sorted_weights, indptr[:-1]).astype(np.float32)
            if len(terms)
            else np.zeros(0, dtype=np.float32)
        )
        return cls(terms, indptr, docs[order], sorted_weights, idf, max_weight, n)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in self.FILES:
            np.save(folder / f"{name}.npy", getattr(self, name))
        (folder / "postings.json").write_text(json.dumps({"n_docs": self.n_docs}))

    @classmethod
    def load(cls, folder: Path) -> Postings:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in cls.FILES}
        n_docs = json.loads((folder / "postings.json").read_text())["n_docs"]
        return cls(**arrays, n_docs=n_docs)

    # --- vectors ----------------------------------------------------------------------------
    def vector(self, ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """A text's vector: (term ids, normalised weights), with this index's idf. Terms the
        index does not know get the highest idf (seen in no document)."""
        if not ids:
            return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.float32)
        unique, counts = np.unique(np.asarray(ids, dtype=np.uint32), return_counts=True)
        where = np.searchsorted(self.terms, unique)
        known = where < len(self.terms)
        known[known] = self.terms[where[known]] == unique[known]
        idf = np.full(len(unique), np.log(1 + self.n_docs) + 1, dtype=np.float64)
        idf[known] = self.idf[where[known]]
        weights = (1 + np.log(counts)) * idf
        weights /= np.linalg.norm(weights)
        return unique, weights.astype(np.float32)

    def _positions(self, term_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index positions of the known terms among term_ids, and which of term_ids they are."""
        where = np.searchsorted(self.terms, term_ids)
        inside = where < len(self.terms)
        known = np.zeros(len(term_ids), dtype=bool)
        known[inside] = self.terms[where[inside]] == term_ids[inside]
        return where[known], np.flatnonzero(known)

    # --- searching --------------------------------------------------------------------------
    def search(
        self,
        query: tuple[np.ndarray, np.ndarray],
        k: int,
        *,
        allowed=None,
        boost=None,
        boost_max: float = 0.0,
        budget: int = BUDGET,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best documents for a query vector: (positions, scores), best first.

        allowed(positions) -> bool array: which documents may be returned.
        boost(positions) -> float array, at most boost_max: added to their scores.

        Fast because it skips what cannot make the top k (MaxScore): a first top k from the
        rarest terms sets a threshold; the common terms whose largest possible contributions
        together stay below it cannot lift a document over it on their own, so only documents
        that contain a rarer term are scored, and each is dropped as soon as even the best
        case leaves it below the threshold. Exact up to `budget` postings; see step 3.
        """
        term_ids, query_weights = query
        positions, which = self._positions(term_ids)
        if not len(positions):
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        weights = query_weights[which].astype(np.float64)
        starts, ends = self.indptr[positions], self.indptr[positions + 1]
        upper = weights * self.max_weight[positions]  # a term's largest possible contribution

        def complete(candidates, scores, terms):
            for t in terms:
                self._add_term(candidates, scores, starts[t], ends[t], weights[t])

        def finish(candidates, scores):
            if allowed is not None:
                keep = allowed(candidates)
                candidates, scores = candidates[keep], scores[keep]
            if boost is not None:
                scores = scores + boost(candidates)
            return candidates, scores

        # 1. A threshold: the exact scores of the best documents among the rarest terms.
        rare_first = np.argsort(ends - starts, kind="stable")
        seed = rare_first[
            : max(1, int(np.searchsorted(np.cumsum((ends - starts)[rare_first]), SEED)))
        ]
        candidates, scores = self._accumulate(starts[seed], ends[seed], weights[seed])
        if len(candidates) > POOL:
            best = np.sort(np.argpartition(-scores, POOL)[:POOL])
            candidates, scores = candidates[best], scores[best]
        complete(candidates, scores, np.setdiff1d(np.arange(len(positions)), seed))
        candidates, scores = finish(candidates, scores)
        threshold = (
            np.partition(scores, len(scores) - k)[len(scores) - k] if len(scores) >= k else 0.0
        )
        # 2. Terms that cannot lift a document over the threshold on their own.
        by_upper = np.argsort(upper, kind="stable")
        cumulative = np.cumsum(upper[by_upper])
        n_minor = int(np.searchsorted(cumulative, threshold - boost_max, side="left"))
        minor, major = by_upper[:n_minor], by_upper[n_minor:]
        if not len(major):  # nothing else can reach the threshold
            return top(candidates, scores, k)
        # 3. Score the documents that contain a major term, up to a budget of postings (the
        # rarest majors first); add the other terms, largest first, dropping documents that
        # can no longer reach the threshold. Within the budget this is exact; beyond it, a
        # document that has none of the processed terms is missed (rare: measured in the
        # benchmark as the share of the exact top 10 that is found).
        major = major[np.argsort((ends - starts)[major], kind="stable")]
        within = np.cumsum((ends - starts)[major]) <= budget
        within[0] = True
        processed = major[within]
        rest = np.concatenate([major[~within], minor])
        rest = rest[np.argsort(-upper[rest], kind="stable")]
        candidates, scores = self._accumulate(
            starts[processed], ends[processed], weights[processed]
        )
        if allowed is not None:
            keep = allowed(candidates)
            candidates, scores = candidates[keep], scores[keep]
        remaining = float(upper[rest].sum())
        for t in rest:
            keep = scores + remaining + boost_max >= threshold - 1e-9
            candidates, scores = candidates[keep], scores[keep]
            self._add_term(candidates, scores, starts[t], ends[t], weights[t])
            remaining -= float(upper[t])
        if boost is not None:
            scores = scores + boost(candidates)
        return top(candidates, scores, k)

    def _accumulate(self, starts, ends, weights) -> tuple[np.ndarray, np.ndarray]:
        """Documents in these terms' postings and their summed contributions."""
        if not len(starts):
            return np.zeros(0, dtype=self.docs.dtype), np.zeros(0)
        docs = np.concatenate([self.docs[a:b] for a, b in zip(starts, ends, strict=True)])
        contributions = np.concatenate(
            [self.weights[a:b] * w for a, b, w in zip(starts, ends, weights, strict=True)]
        )
        if len(docs) < self.n_docs // 16:
            candidates, inverse = np.unique(docs, return_inverse=True)
            return candidates, np.bincount(inverse, weights=contributions)
        dense = np.bincount(docs, weights=contributions, minlength=self.n_docs)
        candidates = np.flatnonzero(dense).astype(self.docs.dtype)  # searchsorted: same dtype
        return candidates, dense[candidates]

    def _add_term(self, candidates, scores, start, end, weight) -> None:
        """Add one term's contributions to the candidates' scores (in place)."""
        if not len(candidates):
            return
        postings = self.docs[start:end]
        found = np.searchsorted(postings, candidates)
        found[found == len(postings)] = 0
        hit = postings[found] == candidates
        scores[hit] += self.weights[start + found[hit]] * weight

    def matrix(self):
        """All documents as rows of a sparse matrix over this index's terms (for exact search)."""
        from scipy.sparse import csc_matrix

        return csc_matrix(
            (self.weights, self.docs, self.indptr), shape=(self.n_docs, len(self.terms))
        ).tocsr()

    def dense_query(self, query: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        vector = np.zeros(len(self.terms), dtype=np.float32)
        positions, which = self._positions(query[0])
        vector[positions] = query[1][which]
        return vector


def top(candidates: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (candidates, scores), best first; ties in candidate order."""
    if len(candidates) > k:
        best = np.argpartition(-scores, k - 1)[:k]
        candidates, scores = candidates[best], scores[best]
    order = np.lexsort((candidates, -scores))
    return candidates[order], scores[order]


def exact_search(matrix, query_vector, k, *, allowed=None, boost=None):
    """Brute force: the query compared with every document. The yardstick for `search`."""
    scores = matrix @ query_vector
    candidates = np.flatnonzero(scores)
    scores = scores[candidates].astype(np.float64)
    if allowed is not None:
        keep = allowed(candidates)
        candidates, scores = candidates[keep], scores[keep]
    if boost is not None:
        scores = scores + boost(candidates)
    return top(candidates, scores, k)


def same_place_boost(places: np.ndarray, place) -> callable:
    """boost(positions): PLACE_BOOST where the document concerns the same municipality."""
    if not place:
        return None
    return lambda positions: PLACE_BOOST * (places[positions] == place)


def most_similar(
    texts: list[str], k: int, *, municipalities: list | None = None
) -> list[list[int]]:
    """For every text, the indexes of the k most similar other texts, most similar first.

    Exact: every text against every other (the `similar_signals` command, a scratch index).
    """
    n = len(texts)
    if n < 2:
        return [[] for _ in texts]
    analyser = Analyser(lexicon_from(texts, min_count=1 if n < 1000 else 2))
    postings = Postings.build([analyser.ids(t) for t in texts])
    matrix = postings.matrix()
    codes = {c: i + 1 for i, c in enumerate(sorted({m for m in municipalities or [] if m}))}
    places = np.array([codes.get(m, 0) for m in municipalities or [None] * n])
    results = []
    for start in range(0, n, 500):
        block = (matrix[start : start + 500] @ matrix.T).toarray()
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
