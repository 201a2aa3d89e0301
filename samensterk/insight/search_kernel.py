"""The similar-signals search loop, compiled (numba): the top k over an inverted index.

What costs time on a virtual machine is reading memory at random places (20-40 ns each), so
the search reads postings in order and adds them up in blocks of documents small enough for
the processor's first-level cache:

1. Short terms (fewer than similar.LONG_TERM postings: rare words, names) are added in
   full to a score per document.
2. Long terms, heaviest first, are *essential* while their postings fit the `budget`. Block by
   block (`1 << shift` documents), their postings are added into a small accumulator, with
   the sum of the squared weights seen. The other long terms can add at most
   |q_rest| * sqrt(m - |w_seen|^2) to a document (Cauchy-Schwarz), where m is the document's
   squared length over the terms at least as common as the least common of the others (its
   *tier*: `tier_masses`, kept per tier of term frequency; a story carried by its rare words
   has little length left among the common ones), and |w_seen| counts the essential terms of
   that tier. So every touched document gets an upper bound.
3. The `cap` documents with the best upper bounds are scored exactly from the forward index
   (each document's own terms), in document order (memory in order again); one whose bound
   cannot beat the k-th score so far is skipped. The cap counts among all touched documents:
   a scope holding a third of them scores a third as many (at least a quarter of the cap).

When the budget covers every long term the bounds are the scores and the search is exact.
Otherwise a document is missed when it has none of the essential terms, or when more than
`cap` documents have a better bound; the benchmark measures how often (the share of the exact
top k that is found). Only usable documents count; `exclude` (the signal itself) never does.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.cpython.unsafe.numbers import trailing_zeros  # one instruction (tzcnt); numba pinned
from numba.extending import intrinsic

_EPSILON = 1e-6  # scores are summed in float32
# Candidates whose forward rows are asked for ahead of scoring them (the row's start this far
# ahead, its terms and weights half as far): each row is somewhere else in 150 MB, so scoring
# one after the other waits for memory three times a candidate; asked for ahead, the waits
# overlap (3,000 candidates right after the exact search: about 1.2 -> 0.5 ms).
AHEAD = 16
_LINE = 16  # 4-byte values in a cache line of 64 bytes
MASS_SCALE = 65535  # tier masses are kept as uint16: mass * MASS_SCALE
_INVERSE_SCALE = 1.0 / MASS_SCALE


@njit(cache=True, nogil=True)
def block_offsets(docs, indptr, long_terms, n_docs, shift):
    """Per long term (a row), where its postings for each block of documents start: the
    postings of term long_terms[s] in block b are offsets[s, b]:offsets[s, b + 1]."""
    n_blocks = (n_docs >> shift) + 1
    offsets = np.zeros((long_terms.shape[0], n_blocks + 1), dtype=np.int64)
    for s in range(long_terms.shape[0]):
        start, end = indptr[long_terms[s]], indptr[long_terms[s] + 1]
        for j in range(start, end):
            offsets[s, (docs[j] >> shift) + 1] += 1
        offsets[s, 0] = start
        for b in range(n_blocks):
            offsets[s, b + 1] += offsets[s, b]
    return offsets


@njit(cache=True, nogil=True)
def tier_masses(forward_indptr, forward_terms, forward_weights, term_tiers, n_tiers):
    """Per tier i (a row) and document: the squared length of the document's vector over the
    terms of tier i or higher (term_tiers: the tier per term position, -1 for a short term), in
    units of 1/MASS_SCALE rounded up, so a bound made from it stays an upper bound."""
    n_docs = forward_indptr.shape[0] - 1
    masses = np.zeros((n_tiers, n_docs), dtype=np.uint16)
    sums = np.zeros(n_tiers)
    for doc in range(n_docs):
        sums[:] = 0.0
        for j in range(forward_indptr[doc], forward_indptr[doc + 1]):
            tier = term_tiers[forward_terms[j]]
            if tier >= 0:
                sums[tier] += float(forward_weights[j]) ** 2
        running = 0.0
        for tier in range(n_tiers - 1, -1, -1):
            running += sums[tier]
            masses[tier, doc] = min(MASS_SCALE, int(np.ceil((running + 1e-6) * MASS_SCALE)))
    return masses


@intrinsic
def _prefetch(typingctx, array, index):
    """Ask the processor to fetch array[index] into its caches, not waiting for it (LLVM's
    prefetch: read, keep in all levels, data). The index must be within the array."""

    def codegen(context, builder, signature, args):
        array_type = signature.args[0]
        array = context.make_array(array_type)(context, builder, args[0])
        pointer = cgutils.get_item_pointer(
            context, builder, array_type, array, [args[1]], wraparound=False
        )
        byte_pointer, i32 = ir.IntType(8).as_pointer(), ir.IntType(32)
        function = cgutils.get_or_insert_function(
            builder.module,
            ir.FunctionType(ir.VoidType(), [byte_pointer, i32, i32, i32]),
            "llvm.prefetch.p0",
        )
        builder.call(function, [builder.bitcast(pointer, byte_pointer), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return types.void(array, index), codegen


@njit(cache=True, nogil=True)
def _fetch_row(forward_indptr, forward_terms, forward_weights, doc):
    """Prefetch a document's forward row (its start must be in the cache by now)."""
    for j in range(forward_indptr[doc], forward_indptr[doc + 1], _LINE):
        _prefetch(forward_terms, j)
        _prefetch(forward_weights, j)


@njit(cache=True, nogil=True, inline="always")
def _can_enter(bound, filled, k, best_values):
    """Whether a candidate with this bound can still make the top k (the k-th score only
    rises)."""
    return filled < k or bound >= best_values[0] - _EPSILON


@njit(cache=True, nogil=True)
def _better(value, doc, other_value, other_doc):
    """Higher score first; ties: the lower position."""
    return value > other_value or (value == other_value and doc < other_doc)


@njit(cache=True, nogil=True)
def _push(values, docs, filled, k, value, doc):
    """Keep the k best (value, doc) in a min-heap (values[0]: the worst kept); returns how
    many are kept. numba's sorts are slow, and k is small."""
    if filled < k:
        at = filled
        filled += 1
    elif _better(value, doc, values[0], docs[0]):
        at = 0
    else:
        return filled
    values[at], docs[at] = value, doc
    while at > 0:  # up
        parent = (at - 1) >> 1
        if not _better(values[parent], docs[parent], values[at], docs[at]):
            break
        values[parent], values[at] = values[at], values[parent]
        docs[parent], docs[at] = docs[at], docs[parent]
        at = parent
    while True:  # down
        worst, left, right = at, 2 * at + 1, 2 * at + 2
        if left < filled and _better(values[worst], docs[worst], values[left], docs[left]):
            worst = left
        if right < filled and _better(values[worst], docs[worst], values[right], docs[right]):
            worst = right
        if worst == at:
            return filled
        values[worst], values[at] = values[at], values[worst]
        docs[worst], docs[at] = docs[at], docs[worst]
        at = worst


@njit(cache=True, nogil=True)
def _exact(forward_indptr, forward_terms, forward_weights, dense, doc):
    """A document's exact score: its terms' weights times the query's (`dense`: the query's
    weight per term position, small enough to stay in the processor's second cache)."""
    score = 0.0
    for j in range(forward_indptr[doc], forward_indptr[doc + 1]):
        score += dense[forward_terms[j]] * forward_weights[j]
    return score


@njit(cache=True, nogil=True)
def _keep_best(candidates, bounds, n, cap):
    """Move (about) the `cap` best bounds to the front; returns how many. A histogram of
    1,024 bins finds the cut in two passes (numba's partition is slow: 2.7 ms for 200,000)."""
    if n <= cap:
        return n
    highest = bounds[:n].max()
    if highest <= 0.0:
        return cap
    scale = 1023.0 / highest
    counts = np.zeros(1024, dtype=np.int64)
    for i in range(n):
        counts[max(0, int(bounds[i] * scale))] += 1
    cut, total = 1023, counts[1023]
    while total < cap and cut > 0:
        cut -= 1
        total += counts[cut]
    kept = 0
    for i in range(n):
        if max(0, int(bounds[i] * scale)) >= cut:
            candidates[kept], bounds[kept] = candidates[i], bounds[i]
            kept += 1
    return kept


@njit(cache=True, nogil=True)
def _essential(query, starts, ends, slots, budget):
    """The long terms heaviest first, and how many of them fit the budget (at least one)."""
    longs = np.flatnonzero(slots >= 0)
    longs = longs[np.argsort(-query[longs], kind="mergesort")]
    n_essential, spent = 0, 0
    while n_essential < longs.shape[0]:
        t = longs[n_essential]
        if n_essential > 0 and spent + ends[t] - starts[t] > budget:
            break
        spent += ends[t] - starts[t]
        n_essential += 1
    return longs, n_essential


@njit(cache=True, nogil=True)
def _tier(starts, ends, longs, n_essential, thresholds):
    """The tier of the least common long term left out (0 when none is; -1 when it is below the
    first tier, in a build made with other settings: the bound then uses the full length)."""
    if n_essential == longs.shape[0]:
        return 0
    fewest = ends[longs[n_essential]] - starts[longs[n_essential]]
    for i in range(n_essential + 1, longs.shape[0]):
        fewest = min(fewest, ends[longs[i]] - starts[longs[i]])
    return np.searchsorted(thresholds, fewest, side="right") - 1


@njit(cache=True, nogil=True)
def search(
    docs,
    weights,
    starts,
    ends,
    positions,
    query,
    slots,
    offsets,
    forward,
    usable,
    exclude,
    places,
    place,
    boost,
    k,
    budget,
    cap,
    shift,
    scratch,
    tiers,
):
    """The k best documents (positions, scores), in no order.

    Per query term (ascending positions): its postings starts/ends, its weight, its row in
    `offsets` (slots; -1: a short term). forward: (indptr, terms, weights) per document.
    usable: bool per document. `boost` is added where places[doc] == place (place 0: none).
    scratch: (scores, touched, candidates, bounds, accumulator, squares, bits, dense), see
    Postings._scratch; all but touched, candidates and bounds are zero before and after.
    tiers: (thresholds, masses): the fewest postings of each tier's terms, and tier_masses.
    """
    scores, touched, candidates, bounds, accumulator, squares, bits, dense = scratch
    forward_indptr, forward_terms, forward_weights = forward
    n_docs = scores.shape[0]
    size = 1 << shift

    # 1. Short terms in full.
    n_touched = 0
    for t in range(query.shape[0]):
        if slots[t] < 0:
            w = query[t]
            for j in range(starts[t], ends[t]):
                doc = docs[j]
                if scores[doc] == 0.0:
                    touched[n_touched] = doc
                    n_touched += 1
                scores[doc] += w * weights[j]
    short = np.sort(touched[:n_touched])

    # 2. Essential long terms block by block; an upper bound per touched document.
    longs, n_essential = _essential(query, starts, ends, slots, budget)
    rest = 0.0
    for i in range(n_essential, longs.shape[0]):
        rest += query[longs[i]] ** 2
    rest = np.sqrt(rest)
    thresholds, masses = tiers
    tier = _tier(starts, ends, longs, n_essential, thresholds)
    floor = thresholds[tier] if tier >= 0 else 0  # essential terms this common count in |w_seen|
    n_candidates, n_seen, pointer = 0, 0, 0
    for block in range(offsets.shape[1] - 1):
        low = block << shift
        high = min(low + size, n_docs)
        for i in range(n_essential):
            t = longs[i]
            w = np.float32(query[t])
            counts = np.float32(1.0 if ends[t] - starts[t] >= floor else 0.0)
            for j in range(offsets[slots[t], block], offsets[slots[t], block + 1]):
                x = docs[j] - low
                weight = weights[j]
                accumulator[x] += w * weight
                squares[x] += counts * weight * weight
                bits[x >> 6] |= np.uint64(1) << np.uint64(x & 63)
        while pointer < n_touched and short[pointer] < high:
            x = short[pointer] - low
            accumulator[x] += scores[short[pointer]]
            bits[x >> 6] |= np.uint64(1) << np.uint64(x & 63)
            pointer += 1
        for word in range(size >> 6):
            mask = bits[word]
            bits[word] = 0
            while mask:
                x = (word << 6) + trailing_zeros(mask)  # the lowest set bit
                mask &= mask - np.uint64(1)
                doc = low + x
                mass = masses[tier, doc] * _INVERSE_SCALE if tier >= 0 else 1.0
                bound, left = float(accumulator[x]), mass - squares[x]
                accumulator[x], squares[x] = 0.0, 0.0
                if place != 0 and places[doc] == place:
                    bound += boost
                bound += rest * np.sqrt(max(left, 0.0))
                # Written for every document, kept (counted) only for a usable one: no branch
                # to mispredict on a scope that holds about half of the signals.
                candidates[n_candidates] = doc
                bounds[n_candidates] = bound
                n_candidates += usable[doc] & (doc != exclude)
                n_seen += 1
    for i in range(n_touched):
        scores[short[i]] = 0.0

    # 3. The best bounds, scored exactly until no bound can beat the k-th score.
    # The cap counts among every touched document: a scope holding a share of them keeps that
    # share of the cap (at least a quarter), since a document of the exact top k ranks by its
    # bound among the scope's documents about that share as far down as among all of them.
    if n_seen > n_candidates:
        cap = max(cap // 4, cap * n_candidates // n_seen)
    n_candidates = _keep_best(candidates, bounds, n_candidates, cap)
    for i in range(positions.shape[0]):
        dense[positions[i]] = query[i]
    best_values = np.full(k, -1.0)
    best_docs = np.full(k, n_docs, dtype=np.int64)
    filled = 0
    half = AHEAD // 2
    for i in range(min(AHEAD, n_candidates)):
        _prefetch(forward_indptr, candidates[i])
    for i in range(min(half, n_candidates)):
        _fetch_row(forward_indptr, forward_terms, forward_weights, candidates[i])
    for i in range(n_candidates):
        # Ahead only for a candidate that can still make the top k.
        ahead = i + AHEAD
        if ahead < n_candidates and _can_enter(bounds[ahead], filled, k, best_values):
            _prefetch(forward_indptr, candidates[ahead])
        ahead = i + half
        if ahead < n_candidates and _can_enter(bounds[ahead], filled, k, best_values):
            _fetch_row(forward_indptr, forward_terms, forward_weights, candidates[ahead])
        if not _can_enter(bounds[i], filled, k, best_values):
            continue
        doc = candidates[i]
        score = _exact(forward_indptr, forward_terms, forward_weights, dense, doc)
        if place != 0 and places[doc] == place:
            score += boost
        filled = _push(best_values, best_docs, filled, k, score, doc)
    for i in range(positions.shape[0]):
        dense[positions[i]] = 0.0
    return best_docs[:filled], best_values[:filled]


def warm_up() -> None:
    """Compile the search once (numba keeps it in __pycache__), as the installation does: the
    first search of a process then does not wait for the compiler."""
    from .similar import Analyser, Postings

    analyser = Analyser()
    texts = ["taxi te laat", "de taxi kwam te laat", "wachtlijst voor de woning"] * 4
    postings = Postings.build([analyser.ids(text) for text in texts])
    postings.search(postings.vector(analyser.ids("taxi laat")), 3)
