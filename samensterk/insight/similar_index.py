"""The similar-signals index of this installation: built from the database, kept on disk,
brought up to date as signals arrive.

- `similar_index_rebuild()` (the command `samensterk rebuild_similar_index`, nightly) indexes
  every signal's pseudonymised story into files under DATA_DIR/similar-index/<build>/, memory-
  mapped by every process, and records the build in the database. The database row says which
  build belongs to this database, so a process never uses files made for another one.
- Signals that arrived or changed since the build (`updated_at`) form the *delta*: each process
  reads them from the database when it searches and keeps them in memory. A changed signal's
  entry in the files is ignored from then on.
- Only pseudonymised text is indexed: what a signal shares with another may not rest on a
  person's name. Signals still waiting for pseudonymisation join once they have it.

Without a build (a new installation, the tests) everything is delta, up to DELTA_LIMIT signals.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
import uuid
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path

import numpy as np
from django.conf import settings
from django.utils import timezone

from .similar import PLACE_BOOST, Analyser, Postings, lexicon_from, top

log = logging.getLogger(__name__)

CHECK_SECONDS = 30  # how often a process looks for a newer build
DELTA_LIMIT = 50_000  # signals kept in memory outside a build (the newest)
LATE_COMMIT = timedelta(seconds=10)  # a change may become visible this long after its time
LEXICON_SAMPLE = 50_000
MASKS = 16  # scopes whose allowed-mask over the build (1 byte per signal) a process keeps
META = ("pk", "organisation", "group", "shared", "place")


def index_root() -> Path:
    return Path(settings.DATA_DIR) / "similar-index"


def _rows(queryset):
    """(pk, text, organisation, group, shared, place, updated_at, status) per signal."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    return queryset.annotate(
        place=Coalesce(F("municipality_id"), F("suggested_municipality_id"))
    ).values_list(
        "pk",
        "story_pseudonymised",
        "organisation_id",
        "group_id",
        "shared_with_national",
        "place",
        "updated_at",
        "status",
    )


def _indexable():
    from samensterk.intake.models import Signal, Status

    return Signal.objects.exclude(story_pseudonymised="").exclude(status=Status.WITHDRAWN)


# --- building -------------------------------------------------------------------------------


def similar_index_rebuild(*, progress=None):
    """Index every signal; record the build; remove builds older than the previous one."""
    from .models import SimilarIndexBuild

    started = time.perf_counter()
    built_at = timezone.now()
    build = uuid.uuid4().hex
    folder = index_root() / build
    flat = array("I")
    lengths = array("q")
    meta = {name: array("q") for name in META}
    analyser = None
    sample: list[tuple] = []

    def add(row):
        ids = analyser.ids(row[1])
        flat.extend(ids)
        lengths.append(len(ids))
        for name, value in zip(
            META, (row[0], row[2], row[3] or 0, row[4], row[5] or 0), strict=True
        ):
            meta[name].append(int(value))

    rows = _rows(_indexable().order_by("pk")).iterator(chunk_size=5000)
    for count, row in enumerate(rows, start=1):
        if analyser is None:
            sample.append(row)
            if len(sample) < LEXICON_SAMPLE:
                continue
            analyser = Analyser(lexicon_from(r[1] for r in sample))
            for early in sample:
                add(early)
            sample = []
        else:
            add(row)
        if progress and count % 100_000 == 0:
            progress(count)
    if analyser is None:
        analyser = Analyser(
            lexicon_from((r[1] for r in sample), min_count=1 if len(sample) < 1000 else 2)
        )
        for early in sample:
            add(early)
    postings = Postings.from_flat(
        np.frombuffer(flat, dtype=np.uint32), np.frombuffer(lengths, dtype=np.int64)
    )
    postings.save(folder)
    for name in META:
        np.save(folder / f"meta_{name}.npy", np.frombuffer(meta[name], dtype=np.int64))
    (folder / "lexicon.txt").write_text("\n".join(sorted(analyser.lexicon)), encoding="utf-8")
    record = SimilarIndexBuild.objects.create(
        build=build,
        built_at=built_at,
        n_signals=postings.n_docs,
        seconds=round(time.perf_counter() - started, 1),
    )
    _remove_old_builds(keep=set(_latest_builds(2)))  # this build and the one before
    forget_similar_index()
    return record


def _latest_builds(n: int) -> list[str]:
    from .models import SimilarIndexBuild

    return list(SimilarIndexBuild.objects.order_by("-built_at").values_list("build", flat=True)[:n])


def _remove_old_builds(*, keep: set[str]) -> None:
    """Builds of this database other than `keep`: their rows and folders. Folders that this
    database never recorded are left alone (another database may share the data folder)."""
    from .models import SimilarIndexBuild

    old = SimilarIndexBuild.objects.exclude(build__in=keep)
    for build in old.values_list("build", flat=True):
        shutil.rmtree(index_root() / build, ignore_errors=True)
    old.delete()


# --- the index in a process -----------------------------------------------------------------


@dataclass
class Base:
    """A build, memory-mapped."""

    build: str
    built_at: object
    postings: Postings
    analyser: Analyser
    pk: np.ndarray
    organisation: np.ndarray
    group: np.ndarray
    shared: np.ndarray
    place: np.ndarray

    @classmethod
    def load(cls, record) -> Base | None:
        folder = index_root() / record.build
        try:
            postings = Postings.load(folder)
            lexicon = (folder / "lexicon.txt").read_text(encoding="utf-8").split("\n")
            arrays = {name: np.load(folder / f"meta_{name}.npy", mmap_mode="r") for name in META}
        except (OSError, ValueError):
            log.warning(
                "similar-signals index %s is missing on this node: rebuild it", record.build
            )
            return None
        return cls(record.build, record.built_at, postings, Analyser(set(lexicon) - {""}), **arrays)

    def places_for(self, place: int) -> tuple[np.ndarray, int]:
        """(every signal's place as a small code, the code of `place`; 0: none) for the search.
        It reads the place of every document it touches: at 1M, 2 MB to go through instead of
        the 8 MB of the database ids."""
        values, codes = self._place_codes
        where = int(np.searchsorted(values, place))
        return codes, where if place and where < len(values) and values[where] == place else 0

    @cached_property
    def _place_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """(the distinct places with 0 first, each signal's position among them)."""
        values = np.unique(np.r_[0, np.asarray(self.place, dtype=np.int64)])
        codes = np.searchsorted(values, self.place)
        return values, codes.astype(np.uint16 if len(values) <= 1 << 16 else np.int32)


@dataclass
class Delta:
    """Signals that arrived or changed after the build, in memory; brute-force searched."""

    since: object  # read changes from here on
    entries: dict[int, tuple] = field(default_factory=dict)  # pk -> (ids, meta...)
    seen: dict[int, object] = field(default_factory=dict)  # pk -> updated_at read
    version: int = 0
    _matrix: tuple | None = None

    def refresh(self, analyser: Analyser, *, limit: int | None) -> None:
        """Read what changed since the last look. A signal saved just before that look may
        have committed just after it, so each look goes back LATE_COMMIT; rows already seen
        with the same updated_at are skipped without reading their text."""
        from samensterk.intake.models import Signal, Status

        started = timezone.now()
        # No default ordering: sorting by received_at would make the database walk that index
        # instead of the one on updated_at.
        queryset = Signal.objects.order_by()
        if self.since is not None:
            queryset = queryset.filter(updated_at__gte=self.since)
        if limit is not None:
            queryset = queryset.order_by("-updated_at")[:limit]
        changed_pks = [
            pk
            for pk, updated_at in queryset.values_list("pk", "updated_at")
            if self.seen.get(pk) != updated_at
        ]
        changed = False
        for start in range(0, len(changed_pks), 1000):
            chunk = Signal.objects.order_by().filter(pk__in=changed_pks[start : start + 1000])
            for pk, text, organisation, group, shared, place, updated_at, status in _rows(chunk):
                self.seen[pk] = updated_at
                indexable = text and status != Status.WITHDRAWN
                entry = (
                    (tuple(analyser.ids(text)), organisation, group or 0, shared, place or 0)
                    if indexable
                    else None  # withdrawn, or not (yet) pseudonymised
                )
                if self.entries.get(pk, ()) != entry:
                    self.entries[pk] = entry
                    changed = True
        self.since = started - LATE_COMMIT
        if changed:
            self.version += 1
            self._matrix = None

    def matrix(self, postings: Postings):
        """(pks, CSR rows, term id -> column, organisation, group, shared, place)."""
        if self._matrix is None:
            from scipy.sparse import csr_matrix

            live = [(pk, e) for pk, e in self.entries.items() if e is not None]
            columns: dict[int, int] = {}
            data, indices, indptr = [], [], [0]
            for _pk, entry in live:
                term_ids, weights = postings.vector(list(entry[0]))
                for term, weight in zip(term_ids.tolist(), weights.tolist(), strict=True):
                    indices.append(columns.setdefault(term, len(columns)))
                    data.append(weight)
                indptr.append(len(indices))
            matrix = csr_matrix(
                (data, indices, indptr), shape=(len(live), max(1, len(columns))), dtype=np.float32
            )
            self._matrix = (
                np.array([pk for pk, _e in live], dtype=np.int64),
                matrix,
                columns,
                *(np.array([e[i] for _pk, e in live], dtype=np.int64) for i in range(1, 5)),
            )
        return self._matrix


class SimilarIndex:
    """What a process uses: the current build (if any) and the delta on top of it."""

    def __init__(self, base: Base | None):
        self.base = base
        # Without a build, an empty index: every term weighs as if no signal had it.
        self.postings = base.postings if base else Postings.build([])
        self.delta = Delta(since=base.built_at - LATE_COMMIT if base else None)
        self._stale_version = -1
        self._stale: np.ndarray | None = None
        self._masks: OrderedDict = OrderedDict()
        self._refreshed_at = -float("inf")
        self.lock = threading.Lock()

    @property
    def analyser(self) -> Analyser:
        if self.base is not None:
            return self.base.analyser
        if not hasattr(self, "_analyser"):
            self._analyser = Analyser(lexicon_from(self._sample_texts(), min_count=1))
        return self._analyser

    @staticmethod
    def _sample_texts():
        return _indexable().order_by("-pk").values_list("story_pseudonymised", flat=True)[:2000]

    def refresh(self, *, force: bool = False) -> None:
        """Read what changed since the last look: at most every SIMILAR_REFRESH_SECONDS (a
        search right after a bulk import would otherwise re-read the last seconds' thousands of
        rows each time), and at once after a signal was saved in this process."""
        now = time.monotonic()
        if (
            not force
            and not _saved_here.is_set()
            and now - self._refreshed_at < settings.SIMILAR_REFRESH_SECONDS
        ):
            return
        _saved_here.clear()  # before reading: a save during the read makes the next look read
        self._refreshed_at = now
        with self.lock:
            self.delta.refresh(self.analyser, limit=None if self.base else DELTA_LIMIT)
            if self.base is not None and self._stale_version != self.delta.version:
                stale = np.zeros(self.base.postings.n_docs, dtype=bool)
                pks = np.fromiter(self.delta.entries, dtype=np.int64)
                where = np.searchsorted(self.base.pk, pks)
                inside = where < len(self.base.pk)
                where, pks = where[inside], pks[inside]
                stale[where[self.base.pk[where] == pks]] = True
                self._stale, self._stale_version = stale, self.delta.version

    def usable(self, allowed) -> np.ndarray:
        """Which signals of the build a search may return: allowed (kept per filter: a user's
        scope seldom changes), and not changed since the build (the delta has those)."""
        base = self.base
        with self.lock:
            mask = self._masks.pop(allowed, None)
        if mask is None:
            mask = np.asarray(allowed(base.organisation, base.group, base.shared), dtype=bool)
        with self.lock:
            self._masks[allowed] = mask
            while len(self._masks) > MASKS:
                self._masks.popitem(last=False)
        return mask & ~self._stale

    def search(
        self, text: str, k: int, *, allowed, exclude: int = 0, place: int = 0
    ) -> list[tuple[int, float]]:
        """The k best (pk, score), never `exclude` (a pk).

        allowed(organisation, group, shared) -> bool arrays; hashable, the same for the same
        scope (intake.selectors.similar_filter)."""
        self.refresh()
        postings = self.postings
        term_ids, weights = postings.vector(self.analyser.ids(text))
        found: list[tuple[int, float]] = []
        if self.base is not None:
            base = self.base
            where = int(np.searchsorted(base.pk, exclude))
            inside = where < len(base.pk) and base.pk[where] == exclude
            places, code = base.places_for(place)
            positions, scores = postings.search(
                (term_ids, weights),
                k,
                usable=self.usable(allowed),
                exclude=where if inside else -1,
                places=places,
                place=code,
            )
            found += [(int(base.pk[p]), float(s)) for p, s in zip(positions, scores, strict=True)]
        pks, matrix, columns, organisation, group, shared, places = self.delta.matrix(postings)
        if len(pks):
            query = np.zeros(matrix.shape[1], dtype=np.float32)
            for term, weight in zip(term_ids.tolist(), weights.tolist(), strict=True):
                if term in columns:
                    query[columns[term]] = weight
            scores = (matrix @ query).astype(np.float64)
            if place:
                scores += PLACE_BOOST * (places == place)
            keep = (scores > 0) & allowed(organisation, group, shared) & (pks != exclude)
            candidates = np.flatnonzero(keep)
            best, best_scores = top(candidates, scores[candidates], k)
            found += [(int(pks[i]), float(s)) for i, s in zip(best, best_scores, strict=True)]
        found.sort(key=lambda item: (-item[1], item[0]))
        return found[:k]


_saved_here = threading.Event()


def note_signal_saved(**_signal_arguments) -> None:
    """A signal was saved or deleted in this process: the next search reads the changes."""
    _saved_here.set()


_current: dict[str, object] = {}
_lock = threading.Lock()


def similar_index() -> SimilarIndex:
    """This process's index; looks for a newer build every CHECK_SECONDS."""
    from .models import SimilarIndexBuild

    now = time.monotonic()
    with _lock:
        index = _current.get("index")
        if index is not None and now - _current["checked"] < CHECK_SECONDS:
            return index
    record = SimilarIndexBuild.objects.order_by("-built_at").first()
    build = record.build if record else None
    with _lock:
        index = _current.get("index")
        if index is None or _current.get("build") != build:
            index = SimilarIndex(Base.load(record) if record else None)
            _current.update(index=index, build=build)
        _current["checked"] = now
        return index


def forget_similar_index() -> None:
    """After a rebuild, and between tests: start again from the database."""
    with _lock:
        _current.clear()
