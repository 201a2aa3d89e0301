"""The similar-signals search loop, compiled (numba): the top k over an inverted index.

Term-at-a-time MaxScore (Turtle and Flood, 1995) over a dense score array:

1. The rarest terms give a first set of documents; the best POOL of them are scored exactly
   (every query term), and the k-th best of those is a threshold every result must reach.
2. Terms are added in full, largest possible contribution first, until the remaining ("minor")
   terms can no longer lift a document over the threshold on their own: only documents found
   so far can then make the top k. Partial scores are lower bounds, so the k-th best of them
   raises the threshold on the way. Beyond `budget` postings the rest are minor terms too:
   from there on a document that none of the added terms contains is missed (the benchmark
   measures how often: the share of the exact top k that is found).
3. The minor terms, largest first, are added to the documents that can still reach the
   threshold, by binary search in their postings or, for many documents, one pass.

What costs time on a virtual machine is reading memory at random places, so documents are
collected in one sequential pass over the score array once many have been touched.
Only usable documents count (allowed and not stale); `exclude` (the signal itself) never does.
"""

from __future__ import annotations

import numpy as np
from numba import njit

SEED = 20_000  # postings of the rarest terms that give the first threshold
POOL = 50  # documents scored exactly for that threshold
RAISE_AFTER = 5_000  # before adding a term with more postings (and more than half of those
# added so far), try to raise the threshold
TRACK = 50_000  # beyond this many postings, documents are found by a pass over all scores
_EPSILON = 1e-6  # scores are summed in float32


@njit(cache=True, nogil=True)
def _add(docs, weights, start, end, weight, scores, touched, n_touched):
    """Add one term's postings to the scores. While n_touched >= 0, documents seen for the
    first time are appended to `touched`; n_touched -1: not kept (faster: no step waits for
    the one before it), a pass over all scores finds them instead."""
    if n_touched < 0:
        for j in range(start, end):
            scores[docs[j]] += weight * weights[j]
        return n_touched
    for j in range(start, end):
        doc = docs[j]
        if scores[doc] == 0.0:
            touched[n_touched] = doc
            n_touched += 1
        scores[doc] += weight * weights[j]
    return n_touched


@njit(cache=True, nogil=True)
def _gather(scores, touched, n_touched, usable, exclude, places, place, boost, found, values):
    """The usable touched documents and their scores (with the place boost), written into
    found and values (scratch space: fresh memory costs a page fault per 4 kB)."""
    n_docs = scores.shape[0]
    n = 0
    if n_touched < 0:  # not kept: one sequential pass, in document order
        for doc in range(n_docs):
            if scores[doc] != 0.0 and usable[doc] and doc != exclude:
                found[n] = doc
                values[n] = scores[doc]
                n += 1
    else:
        for i in range(n_touched):
            doc = touched[i]
            if usable[doc] and doc != exclude:
                found[n] = doc
                values[n] = scores[doc]
                n += 1
    if place != 0:
        for i in range(n):
            if places[found[i]] == place:
                values[i] += boost
    return found[:n], values[:n]


@njit(cache=True, nogil=True)
def _reset(scores, touched, n_touched):
    if n_touched < 0:
        scores[:] = 0.0
    else:
        for i in range(n_touched):
            scores[touched[i]] = 0.0


@njit(cache=True, nogil=True)
def _best(values, n, k):
    """Positions of the k largest of values[:n] (in no order), by a min-heap: numba's sorts
    are slow, and k is small."""
    k = min(k, n)
    heap = np.empty(k, dtype=np.int64)  # positions; heap[0] holds the smallest value
    for i in range(n):
        if i < k:
            at = i
            heap[at] = i
            while at > 0 and values[heap[(at - 1) >> 1]] > values[heap[at]]:
                parent = (at - 1) >> 1
                heap[at], heap[parent] = heap[parent], heap[at]
                at = parent
        elif values[i] > values[heap[0]]:
            heap[0] = i
            at = 0
            while True:
                smallest, left, right = at, 2 * at + 1, 2 * at + 2
                if left < k and values[heap[left]] < values[heap[smallest]]:
                    smallest = left
                if right < k and values[heap[right]] < values[heap[smallest]]:
                    smallest = right
                if smallest == at:
                    break
                heap[at], heap[smallest] = heap[smallest], heap[at]
                at = smallest
    return heap


@njit(cache=True, nogil=True)
def _kth(values, k):
    """The k-th largest of values, or 0 when there are fewer."""
    if values.shape[0] < k:
        return 0.0
    return values[_best(values, values.shape[0], k)[0]]


@njit(cache=True, nogil=True)
def _posting_weight(docs, weights, start, end, doc):
    """The weight of `doc` in one term's postings (ascending documents), or 0."""
    low, high = start, end
    while low < high:
        middle = (low + high) >> 1
        if docs[middle] < doc:
            low = middle + 1
        else:
            high = middle
    if low < end and docs[low] == doc:
        return weights[low]
    return 0.0


@njit(cache=True, nogil=True)
def _add_to(docs, weights, start, end, weight, candidates, values, n, slots):
    """Add one term's contributions to the n candidates' values: by binary search in its
    postings for few candidates, else by one pass over them with each candidate's slot
    (its index + 1) written into `slots` (all zero before and after)."""
    if n * 20 < end - start:
        for c in range(n):
            values[c] += weight * _posting_weight(docs, weights, start, end, candidates[c])
        return
    for c in range(n):
        slots[candidates[c]] = c + 1.0
    for j in range(start, end):
        slot = int(slots[docs[j]])
        if slot:
            values[slot - 1] += weight * weights[j]
    for c in range(n):
        slots[candidates[c]] = 0.0


@njit(cache=True, nogil=True)
def search(
    docs,
    weights,
    starts,
    ends,
    query,
    upper,
    usable,
    exclude,
    places,
    place,
    boost,
    k,
    budget,
    scores,
    touched,
    found,
    found_values,
):
    """The k best documents: (positions, scores), best first, ties by position.

    starts/ends: each query term's postings; query: its weight; upper: its largest possible
    contribution. usable: bool per document. `boost` is added where places[doc] == place
    (place 0: no boost). scores (float32), touched and found (int64), found_values (float64):
    scratch space of one entry per document, scores all zero and left all zero again.
    """
    n_terms = starts.shape[0]
    boost_max = boost if place != 0 else 0.0
    lengths = ends - starts

    # 1. A threshold: the exact scores of the best documents of the rarest terms.
    rare_first = np.argsort(lengths, kind="mergesort")
    n_seed, total = 0, 0
    while n_seed < n_terms and (n_seed == 0 or total < SEED):
        total += lengths[rare_first[n_seed]]
        n_seed += 1
    n_touched = 0
    for i in range(n_seed):
        t = rare_first[i]
        n_touched = _add(docs, weights, starts[t], ends[t], query[t], scores, touched, n_touched)
    pool, pool_scores = _gather(
        scores, touched, n_touched, usable, exclude, places, place, boost, found, found_values
    )
    _reset(scores, touched, n_touched)
    best = _best(pool_scores, pool.shape[0], POOL)
    pool, pool_scores = pool[best].copy(), pool_scores[best].copy()
    for i in range(n_seed, n_terms):
        t = rare_first[i]
        n_pool = pool.shape[0]
        _add_to(docs, weights, starts[t], ends[t], query[t], pool, pool_scores, n_pool, scores)
    threshold = _kth(pool_scores, k)

    # 2. Terms in full, largest first, while the rest could lift an unseen document over the
    # threshold. rest[i]: the most terms i.. can add to any document: the sum of their
    # largest contributions, and (the documents' vectors have length 1) at most the length of
    # the query's part over those terms (Cauchy-Schwarz): much less for long queries.
    by_upper = np.argsort(-upper, kind="mergesort")
    rest = np.zeros(n_terms + 1)
    squares = 0.0
    for i in range(n_terms - 1, -1, -1):
        squares += query[by_upper[i]] ** 2
        rest[i] = min(rest[i + 1] + upper[by_upper[i]], np.sqrt(squares))
    n_touched, n_major, processed = 0, 0, 0
    while n_major < n_terms and rest[n_major] + boost_max >= threshold - _EPSILON:
        t = by_upper[n_major]
        if processed > 0 and processed + lengths[t] > budget:
            break
        if processed > k and lengths[t] > max(RAISE_AFTER, processed // 2):
            _found, values = _gather(
                scores,
                touched,
                n_touched,
                usable,
                exclude,
                places,
                place,
                boost,
                found,
                found_values,
            )
            threshold = max(threshold, _kth(values, k))
            if rest[n_major] + boost_max < threshold - _EPSILON:
                break
        if processed + lengths[t] > TRACK:
            n_touched = -1
        n_touched = _add(docs, weights, starts[t], ends[t], query[t], scores, touched, n_touched)
        processed += lengths[t]
        n_major += 1

    # 3. The other terms, largest first, for the documents that can still make it.
    candidates, values = _gather(
        scores, touched, n_touched, usable, exclude, places, place, boost, found, found_values
    )
    _reset(scores, touched, n_touched)
    n = candidates.shape[0]
    for i in range(n_major, n_terms + 1):
        threshold = max(threshold, _kth(values[:n], k))
        kept = 0
        for c in range(n):
            if values[c] + rest[i] >= threshold - _EPSILON:
                candidates[kept] = candidates[c]
                values[kept] = values[c]
                kept += 1
        n = kept
        if i == n_terms:
            break
        t = by_upper[i]
        _add_to(docs, weights, starts[t], ends[t], query[t], candidates, values, n, scores)

    # The k best, ties by position; the pool's documents (scored exactly) among them, as the
    # budget may have left them out above.
    merged = np.concatenate((candidates[:n], pool))
    merged_values = np.concatenate((values[:n], pool_scores))
    order = np.argsort(merged, kind="mergesort")
    merged, merged_values = merged[order], merged_values[order]
    keep = np.ones(merged.shape[0], dtype=np.bool_)
    for i in range(1, merged.shape[0]):
        keep[i] = merged[i] != merged[i - 1]
    merged, merged_values = merged[keep], merged_values[keep]
    order = np.argsort(-merged_values, kind="mergesort")[:k]
    return merged[order], merged_values[order]


def warm_up() -> None:
    """Compile the search once (numba keeps it in __pycache__), as the installation does: the
    first search of a process then does not wait for the compiler."""
    from .similar import Analyser, Postings

    analyser = Analyser()
    texts = ["taxi te laat", "de taxi kwam te laat", "wachtlijst voor de woning"] * 4
    postings = Postings.build([analyser.ids(text) for text in texts])
    postings.search(postings.vector(analyser.ids("taxi laat")), 3)
