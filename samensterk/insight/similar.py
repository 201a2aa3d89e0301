"""Similar signals: the same concrete problem first, then the same topic. No Django needed.

Similarity is the cosine of TF-IDF vectors over Dutch stems, with the last part of compounds
as an extra term ('leerlingenvervoer' also counts as 'vervoer'), plus a boost when both
signals concern the same municipality. Rare terms, such as the name of a care provider or a
village, weigh most, so the same concrete problem ranks above the same topic. (Measured on
`tools/devset/similar.csv`: word pairs, character n-grams and extra weight for capitalised
names all ranked worse than this.)

`Postings` is the index: per term the signals that contain it (an inverted index), and per
signal its own terms (the forward index), kept in numpy arrays that can be saved and
memory-mapped. A search (compiled: search_kernel) adds up the postings of the query's rare and
heavy terms block by block, bounds what the other terms can add, and scores the best
candidates exactly. The exact search compares with every signal.
"""

from __future__ import annotations

import json
import re
import threading
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from .text import STOPWORDS, content_stems, stem, words

PLACE_BOOST = 0.1  # the same municipality: about as much as one shared uncommon word
BUDGET = 200_000  # postings of long terms added up per search (the heaviest terms first)
CAP = 3_000  # candidates scored exactly at most
LONG_TERM = 1024  # a term with this many postings or more is added block by block
BLOCK_SHIFT = 12  # blocks of 4,096 documents: their sums fit the processor's first cache
TIER_STEP = 2**0.5  # long terms fall in tiers of postings: LONG_TERM, x1.4, x2, ... (the bound)
_TAG = re.compile(r"\[[A-Z]+-\d+\]")  # pseudonymisation tags: [PERSOON-1]
MIN_TAIL = 4  # the last part of a compound counts when it is a known word of 4+ letters


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
    n_docs: int
    # The forward index: document d's term positions (ascending) and weights are
    # forward_terms/forward_weights[forward_indptr[d]:forward_indptr[d + 1]].
    forward_indptr: np.ndarray  # int64, n_docs + 1
    forward_terms: np.ndarray  # int32
    forward_weights: np.ndarray  # float32
    # Per tier of long terms (fewest postings: tier_thresholds) and document, its squared length
    # over the terms of that tier and above (search_kernel.tier_masses); made when first needed.
    tier_thresholds: np.ndarray | None = None  # int64
    tier_masses: np.ndarray | None = None  # uint16, (tiers, n_docs)

    FILES = ("terms", "indptr", "docs", "weights", "idf")
    FORWARD = ("forward_indptr", "forward_terms", "forward_weights")
    TIERS = ("tier_thresholds", "tier_masses")

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
        # Entries are grouped by document, terms ascending: the forward index.
        forward = (_document_starts(docs, n), term_index.astype(np.int32), weights)
        # Group by term; a stable sort keeps the documents ascending within each term.
        order = np.argsort(term_index, kind="stable")
        indptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        return cls(terms, indptr, docs[order], weights[order], idf, n, *forward)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name in self.FILES + self.FORWARD:
            np.save(folder / f"{name}.npy", getattr(self, name))
        for name, array in zip(self.TIERS, self._tiers, strict=True):
            np.save(folder / f"{name}.npy", array)
        (folder / "postings.json").write_text(json.dumps({"n_docs": self.n_docs}))

    @classmethod
    def load(cls, folder: Path) -> Postings:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in cls.FILES}
        n_docs = json.loads((folder / "postings.json").read_text())["n_docs"]
        if all((folder / f"{name}.npy").exists() for name in cls.FORWARD):
            forward = [np.load(folder / f"{name}.npy", mmap_mode="r") for name in cls.FORWARD]
        else:  # a build made before the forward index: derive it (once per process)
            forward = _forward(arrays["docs"], arrays["weights"], arrays["indptr"], n_docs)
        tiers = {  # a build made before them makes them when first searched
            name: np.load(folder / f"{name}.npy", mmap_mode="r")
            for name in cls.TIERS
            if (folder / f"{name}.npy").exists()
        }
        return cls(**arrays, n_docs=n_docs, **dict(zip(cls.FORWARD, forward, strict=True)), **tiers)

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
        usable: np.ndarray | None = None,
        exclude: int = -1,
        places: np.ndarray | None = None,
        place: int = 0,
        budget: int = BUDGET,
        cap: int = CAP,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best documents for a query vector: (positions, scores), best first; ties by
        position.

        usable: bool per document (None: all); `exclude`: a position never returned;
        PLACE_BOOST is added where places[position] == place. Exact while the query's long
        terms have at most `budget` postings; beyond, close to it (search_kernel).
        """
        from .search_kernel import search

        term_ids, query_weights = query
        positions, which = self._positions(term_ids)
        if not len(positions) or not self.n_docs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        slots, offsets, shift = self._layout
        found, scores = search(
            _readonly(self.docs),
            _readonly(self.weights),
            self.indptr[positions],
            self.indptr[positions + 1],
            positions.astype(np.int64),
            query_weights[which].astype(np.float64),
            slots[positions],
            offsets,
            tuple(_readonly(getattr(self, name)) for name in self.FORWARD),
            _readonly(self._everything if usable is None else usable),
            exclude,
            _readonly(places if places is not None and place else _NO_PLACES),
            place if places is not None else 0,
            PLACE_BOOST,
            k,
            budget,
            cap,
            shift,
            self._scratch(shift),
            self._tiers,
        )
        order = np.lexsort((found, -scores))
        return found[order], scores[order]

    @cached_property
    def _layout(self) -> tuple[np.ndarray, np.ndarray, int]:
        """(row in the block offsets per term, -1 for a short term; the block offsets; the
        block size as a shift), made once per index in a process (about 40 ms at 1M)."""
        from .search_kernel import block_offsets

        long_terms = np.flatnonzero(np.diff(self.indptr) >= LONG_TERM)
        slots = np.full(len(self.terms), -1, dtype=np.int64)
        slots[long_terms] = np.arange(len(long_terms))
        offsets = block_offsets(
            _readonly(self.docs), _readonly(self.indptr), long_terms, self.n_docs, BLOCK_SHIFT
        )
        return slots, offsets, BLOCK_SHIFT

    @cached_property
    def _tiers(self) -> tuple[np.ndarray, np.ndarray]:
        """(tier thresholds, tier masses): loaded with a build, else made once per index in a
        process (about 0.6 s at 1M)."""
        if self.tier_thresholds is not None and self.tier_masses is not None:
            return _readonly(self.tier_thresholds), _readonly(self.tier_masses)
        from .search_kernel import tier_masses

        thresholds = [LONG_TERM]
        while thresholds[-1] * TIER_STEP <= self.n_docs:
            thresholds.append(int(np.ceil(thresholds[-1] * TIER_STEP)))
        thresholds = np.asarray(thresholds, dtype=np.int64)
        term_tiers = np.searchsorted(thresholds, np.diff(self.indptr), side="right") - 1
        masses = tier_masses(
            _readonly(self.forward_indptr),
            _readonly(self.forward_terms),
            _readonly(self.forward_weights),
            term_tiers.astype(np.int64),
            len(thresholds),
        )
        return thresholds, masses

    @cached_property
    def _everything(self) -> np.ndarray:
        return np.ones(self.n_docs, dtype=bool)

    def _scratch(self, shift: int) -> tuple[np.ndarray, ...]:
        """This thread's scratch space for the search (kept: fresh memory costs a page fault
        per 4 kB, more than the search itself)."""
        local = self.__dict__.setdefault("_local", threading.local())
        if getattr(local, "arrays", None) is None:
            local.arrays = (
                np.zeros(self.n_docs, dtype=np.float32),  # short terms' scores
                np.empty(self.n_docs, dtype=np.int64),  # documents they touched
                np.empty(self.n_docs, dtype=np.int64),  # candidates
                np.empty(self.n_docs, dtype=np.float64),  # their upper bounds
                np.zeros(1 << shift, dtype=np.float32),  # a block's sums
                np.zeros(1 << shift, dtype=np.float32),  # its squared weights
                np.zeros((1 << shift) >> 6, dtype=np.uint64),  # its touched documents
                np.zeros(len(self.terms), dtype=np.float32),  # the query's weight per term
            )
        return local.arrays

    def matrix(self):
        """All documents as rows of a sparse matrix over this index's terms (for exact search)."""
        from scipy.sparse import csr_matrix

        return csr_matrix(
            (self.forward_weights, self.forward_terms, self.forward_indptr),
            shape=(self.n_docs, len(self.terms)),
        )

    def dense_query(self, query: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        vector = np.zeros(len(self.terms), dtype=np.float32)
        positions, which = self._positions(query[0])
        vector[positions] = query[1][which]
        return vector


_NO_PLACES = np.zeros(1, dtype=np.int64)


def _forward(docs, weights, indptr, n_docs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The forward index from the postings: (indptr, term positions, weights) per document."""
    terms = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
    order = np.argsort(docs, kind="stable")  # stable: terms stay ascending within a document
    return _document_starts(docs, n_docs), terms[order], np.asarray(weights)[order]


def _document_starts(docs, n_docs) -> np.ndarray:
    """Where each document's entries start among entries grouped by document (n_docs + 1)."""
    starts = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(docs, minlength=n_docs), out=starts[1:])
    return starts


def _readonly(array: np.ndarray) -> np.ndarray:
    """A read-only view: the compiled search then has one version for memory-mapped (read-only)
    and in-memory arrays, compiled once at installation (search_kernel.warm_up)."""
    view = np.asarray(array).view()
    view.flags.writeable = False
    return view


def top(candidates: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best (candidates, scores), best first; ties in candidate order."""
    if len(candidates) > k:
        best = np.argpartition(-scores, k - 1)[:k]
        candidates, scores = candidates[best], scores[best]
    order = np.lexsort((candidates, -scores))
    return candidates[order], scores[order]


def exact_search(matrix, query_vector, k, *, usable=None, exclude=-1, places=None, place=0):
    """Brute force: the query compared with every document. The yardstick for `search`, with
    the same arguments."""
    scores = matrix @ query_vector
    keep = scores != 0
    if usable is not None:
        keep &= usable
    if exclude >= 0:
        keep[exclude] = False
    candidates = np.flatnonzero(keep)
    scores = scores[candidates].astype(np.float64)
    if places is not None and place:
        scores += PLACE_BOOST * (places[candidates] == place)
    return top(candidates, scores, k)


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
