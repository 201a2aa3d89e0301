"""Similar signals: the similarity itself, the index against an exact search, and the
installation's index with its delta, scoping and rebuilds."""

import csv
import io
import json
import tempfile
import time
from pathlib import Path
from unittest import mock

import numpy as np
from django.core.management import call_command
from django.test import SimpleTestCase, override_settings
from django.utils import timezone

from samensterk.insight import search_kernel, similar
from samensterk.insight.models import SimilarIndexBuild
from samensterk.insight.similar import (
    Analyser,
    Postings,
    exact_search,
    term_id,
)
from samensterk.insight.similar_index import (
    forget_similar_index,
    similar_index,
    similar_index_rebuild,
)
from samensterk.intake import selectors, services
from samensterk.intake.models import Signal
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal

REPO = Path(__file__).resolve().parents[3]

WORDS = [
    "taxi",
    "chauffeur",
    "dagbesteding",
    "school",
    "begeleiding",
    "gemeente",
    "wachtlijst",
    "woning",
    "zorg",
    "budget",
    "indicatie",
    "bezwaar",
    "brief",
    "rolstoel",
    "huisarts",
    "logeren",
    "werk",
    "uitkering",
    "klacht",
    "wijkteam",
    "mentor",
    "soos",
    "sport",
    "vakantie",
    "vervoer",
    "route",
    "busje",
    "leerling",
    "plek",
    "groep",
]


def corpus(n: int, seed: int = 1) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=rng.integers(1, 12), replace=True)) for _ in range(n)]


class PostingsTestCase(SimpleTestCase):
    def setUp(self):
        self.texts = corpus(3000)
        self.analyser = Analyser()
        self.postings = Postings.build([self.analyser.ids(t) for t in self.texts])
        self.matrix = self.postings.matrix()

    def test_the_index_finds_what_the_exact_search_finds(self):
        allowed = np.arange(len(self.texts)) % 3 != 0
        places = np.arange(len(self.texts)) % 7
        for number, text in enumerate(self.texts[:80]):
            query = self.postings.vector(self.analyser.ids(text))
            arguments = {"usable": allowed, "exclude": number, "places": places, "place": 2}
            found, found_scores = self.postings.search(query, 10, **arguments)
            _exact, exact_scores = exact_search(
                self.matrix, self.postings.dense_query(query), 10, **arguments
            )
            # The same scores (ties may be other documents with the same score).
            np.testing.assert_allclose(found_scores, exact_scores, rtol=1e-5, atol=1e-6)
            self.assertTrue(allowed[found].all())
            self.assertNotIn(number, found)

    def test_unusable_documents_are_left_out(self):
        query = self.postings.vector(self.analyser.ids(self.texts[5]))
        usable = np.ones(len(self.texts), dtype=bool)
        self.assertIn(5, self.postings.search(query, 10)[0])
        usable[5] = False
        self.assertNotIn(5, self.postings.search(query, 10, usable=usable)[0])

    def test_the_same_text_ranks_first(self):
        query = self.postings.vector(self.analyser.ids(self.texts[5]))
        found, scores = self.postings.search(query, 3)
        self.assertAlmostEqual(scores[0], 1.0, places=5)
        self.assertEqual(self.texts[found[0]], self.texts[5])

    def test_it_survives_saving_and_loading(self):
        with tempfile.TemporaryDirectory() as folder:
            self.postings.save(Path(folder))
            loaded = Postings.load(Path(folder))
            query = loaded.vector(self.analyser.ids(self.texts[0]))
            np.testing.assert_array_equal(
                loaded.search(query, 5)[1], self.postings.search(query, 5)[1]
            )

    def test_a_build_made_before_the_forward_index_still_loads(self):
        with tempfile.TemporaryDirectory() as folder:
            self.postings.save(Path(folder))
            for name in Postings.FORWARD:
                (Path(folder) / f"{name}.npy").unlink()
            loaded = Postings.load(Path(folder))
            for name in Postings.FORWARD:
                np.testing.assert_array_equal(getattr(loaded, name), getattr(self.postings, name))

    def test_empty_and_unknown_queries_find_nothing(self):
        for text in ["", "   ", "😀😀", "xyzzy plugh"]:
            found, _scores = self.postings.search(self.postings.vector(self.analyser.ids(text)), 5)
            self.assertEqual(len(found), 0, text)


class BlockSearchTestCase(SimpleTestCase):
    """Every term long (added block by block, 128 documents a block), as at a million
    signals: exact within the budget, close to exact beyond it."""

    def texts_to_index(self) -> list[str]:
        return corpus(3000, seed=2)

    def setUp(self):
        patcher = mock.patch.multiple(similar, LONG_TERM=20, BLOCK_SHIFT=7)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.texts = self.texts_to_index()
        self.analyser = Analyser()
        self.postings = Postings.build([self.analyser.ids(t) for t in self.texts])
        self.matrix = self.postings.matrix()
        self.places = np.arange(len(self.texts)) % 7
        self.allowed = np.arange(len(self.texts)) % 3 != 0

    def compare(self, number, **options):
        query = self.postings.vector(self.analyser.ids(self.texts[number]))
        arguments = {"usable": self.allowed, "exclude": number, "places": self.places, "place": 2}
        found, scores = self.postings.search(query, 10, **arguments, **options)
        _exact, exact = exact_search(self.matrix, self.postings.dense_query(query), 10, **arguments)
        self.assertTrue(self.allowed[found].all())
        self.assertNotIn(number, found)
        return scores, exact

    def test_every_term_is_long(self):
        slots, offsets, _shift = self.postings._layout
        self.assertTrue((slots >= 0).all())
        self.assertEqual(offsets.shape[1] - 1, len(self.texts) // 128 + 1)

    def test_within_the_budget_it_is_exact(self):
        for number in range(60):
            scores, exact = self.compare(number)
            np.testing.assert_allclose(scores, exact, rtol=1e-5, atol=1e-6)

    def test_beyond_the_budget_it_finds_nearly_all_of_the_exact_top_10(self):
        found = []
        for number in range(100):
            scores, exact = self.compare(number, budget=3000, cap=300)
            self.assertTrue((scores <= exact[0] + 1e-6).all())  # never above the exact best
            found.append(np.mean(scores >= exact[-1] - 1e-6))
        self.assertGreaterEqual(np.mean(found), 0.9)
        self.assertLess(np.mean(found), 1.0)  # the budget did leave terms out

    def test_tier_masses_are_each_documents_length_over_the_common_terms(self):
        thresholds, masses = self.postings._tiers
        self.assertEqual(thresholds[0], 20)  # LONG_TERM
        self.assertTrue((np.diff(thresholds) > 0).all())
        squared = self.matrix.multiply(self.matrix).tocsc()
        postings = np.diff(self.postings.indptr)
        for tier, threshold in enumerate(thresholds):
            exact = np.asarray(squared[:, postings >= threshold].sum(axis=1)).ravel()
            kept = masses[tier] / search_kernel.MASS_SCALE
            self.assertTrue((kept >= exact - 1e-6).all())  # rounded up: the bound stays a bound
            self.assertTrue((kept <= exact + 3 / search_kernel.MASS_SCALE).all())

    def test_the_tiers_travel_with_a_build_and_an_older_build_makes_them(self):
        with tempfile.TemporaryDirectory() as folder:
            self.postings.save(Path(folder))
            loaded = Postings.load(Path(folder))
            self.assertIsNotNone(loaded.tier_masses)
            for name in Postings.TIERS:
                (Path(folder) / f"{name}.npy").unlink()
            older = Postings.load(Path(folder))
            self.assertIsNone(older.tier_masses)
            for mine, theirs in zip(older._tiers, self.postings._tiers, strict=True):
                np.testing.assert_array_equal(mine, theirs)

    def test_beyond_the_budget_the_same_text_still_ranks_first(self):
        for number in (5, 17, 40):
            query = self.postings.vector(self.analyser.ids(self.texts[number]))
            found, scores = self.postings.search(query, 3, budget=10, cap=50)
            self.assertAlmostEqual(scores[0], 1.0, places=5)
            self.assertEqual(self.texts[found[0]], self.texts[number])


class TierBoundTestCase(SimpleTestCase):
    """Stories like the benchmark's (carried by their rare words: a provider, a street): the
    bound by tiers of common terms finds more of the exact top 10 among few candidates than a
    bound by each document's full length."""

    setUp = BlockSearchTestCase.setUp
    compare = BlockSearchTestCase.compare

    def texts_to_index(self) -> list[str]:
        from samensterk.benchmark.data import synthetic_rows

        return [r["text"] for r in synthetic_rows(3000, places=["Ede", "Epe", "Best"])]

    def test_the_tiers_find_more_at_a_small_cap(self):
        def share(tiers):
            self.postings.__dict__["_tiers"] = tiers  # the cached property's value
            found = []
            for number in range(100):
                scores, exact = self.compare(number, budget=1000, cap=40)
                found.append(np.mean(scores >= exact[-1] - 1e-6))
            return np.mean(found)

        thresholds, masses = self.postings._tiers
        full = (thresholds[:1], np.full((1, masses.shape[1]), search_kernel.MASS_SCALE, np.uint16))
        # Measured 0.98 against 0.92 when this test was written.
        self.assertGreater(share((thresholds, masses)), share(full) + 0.03)


class AnalyserTestCase(SimpleTestCase):
    def test_a_compound_also_counts_as_its_last_known_part(self):
        analyser = Analyser({"vervoer", "besteed"})  # stems: "besteding" -> "besteed"
        ids = analyser.ids("Het leerlingenvervoer naar de dagbesteding")
        self.assertIn(term_id("vervoer"), ids)
        self.assertIn(term_id("besteed"), ids)
        self.assertNotIn(term_id("vervoer"), Analyser().ids("leerlingenvervoer"))

    def test_pseudonymisation_tags_are_not_words(self):
        self.assertEqual(Analyser().ids("[PERSOON-1] [EMAIL-2]"), [])


class SimilarSignalsCommandTestCase(BaseTestCase):
    def test_the_development_set_ranks_the_same_problem_first(self):
        """tools/devset/similar.csv: the same concrete problem told by different people."""
        path = REPO / "tools" / "devset" / "similar.csv"
        with open(path, encoding="utf-8") as handle:
            cases = [
                r["external_id"].split("-")[0] if r["external_id"][0] == "c" else None
                for r in csv.DictReader(handle)
            ]
        out = io.StringIO()
        call_command("similar_signals", "--file", str(path), "--k", "5", stdout=out)
        precision, first = [], []
        for line in out.getvalue().splitlines():
            result = json.loads(line)
            i, found = result["row"] - 1, [j - 1 for j in result["similar"]]
            if cases[i] is None:
                continue
            siblings = {j for j, c in enumerate(cases) if c == cases[i] and j != i}
            precision.append(len(siblings & set(found[: len(siblings)])) / len(siblings))
            first.append(found[0] in siblings)
        # Measured 0.83 and 0.98 when this test was written; a change that ranks worse fails.
        self.assertGreaterEqual(sum(precision) / len(precision), 0.8)
        self.assertGreaterEqual(sum(first) / len(first), 0.95)


class SimilarIndexTestCase(BaseTestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.settings = override_settings(DATA_DIR=Path(self.folder.name))
        self.settings.enable()
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.signal = make_signal(
            self.group_a,
            story="Zorgvervoer Amstel komt elke dag te laat bij dagbesteding De Klaproos.",
            municipality=self.amsterdam,
        )
        self.twin = make_signal(
            self.group_a, story="Het busje van Zorgvervoer Amstel naar De Klaproos is te laat."
        )
        self.other_group = make_signal(
            self.group_b,
            story="Zorgvervoer Amstel komt elke dag te laat bij De Klaproos.",
            consent_share_national=True,
        )
        make_signal(self.group_a, story="De huisarts heeft geen tijd voor mijn zoon.")

    def tearDown(self):
        forget_similar_index()
        self.settings.disable()
        self.folder.cleanup()

    def similar(self, user, signal=None):
        from samensterk.accounts.permissions import scope_for

        signal = signal or self.signal
        return [item["signal"] for item in selectors.similar_for(scope_for(user), signal)]

    def test_without_a_build_every_signal_is_found_from_the_database(self):
        self.assertEqual(self.similar(self.carla)[0], self.twin)

    def test_a_build_is_used_and_signals_after_it_are_found_too(self):
        build = similar_index_rebuild()
        self.assertEqual(build.n_signals, 4)
        self.assertTrue((Path(self.folder.name) / "similar-index" / build.build).is_dir())
        later = make_signal(
            self.group_a, story="Zorgvervoer Amstel is te laat bij De Klaproos, weer."
        )
        forget_similar_index()
        found = self.similar(self.carla)
        self.assertEqual(set(found[:2]), {self.twin, later})

    def test_other_groups_and_organisations_stay_out_also_from_a_build(self):
        similar_index_rebuild()
        self.assertNotIn(self.other_group, self.similar(self.carla))
        omega_signal = make_signal(
            self.group_x, story="Zorgvervoer Amstel komt te laat bij De Klaproos."
        )
        self.assertNotIn(omega_signal, self.similar(self.carla))
        self.assertNotIn(self.signal, self.similar(self.otto, omega_signal))
        # National staff see group signals only when they were handed over.
        self.assertNotIn(self.other_group, self.similar(self.sanne))
        services.signal_handover_to_national(signal=self.other_group, actor=self.bram)
        self.assertEqual(self.similar(self.root)[:2], [self.other_group, self.twin])

    def test_from_a_build_the_same_municipality_still_ranks_first(self):
        elsewhere = make_signal(self.group_a, story="Taxi Klaproos te laat bij de dagbesteding.")
        here = make_signal(
            self.group_a,
            story="Taxi Klaproos te laat bij de dagbesteding.",
            municipality=self.amsterdam,
        )
        asker = make_signal(
            self.group_a,
            story="Taxi Klaproos te laat bij de dagbesteding!",
            municipality=self.amsterdam,
        )
        similar_index_rebuild()
        self.assertEqual(self.similar(self.carla, asker)[:2], [here, elsewhere])
        base = similar_index().base
        codes, code = base.places_for(self.amsterdam.pk)
        self.assertEqual(codes.dtype, np.uint16)
        self.assertGreater(code, 0)
        position = int(np.searchsorted(base.pk, here.pk))
        self.assertEqual(codes[position], code)
        self.assertEqual(codes[int(np.searchsorted(base.pk, elsewhere.pk))], 0)
        # A municipality no signal of the build has, and none at all: no code to boost.
        utrecht = Municipality.objects.get(code="GM0344")
        self.assertEqual(base.places_for(utrecht.pk)[1], 0)
        self.assertEqual(base.places_for(0)[1], 0)

    def test_a_withdrawn_signal_is_no_longer_proposed(self):
        similar_index_rebuild()
        services.signal_withdraw(signal=self.twin)
        self.assertNotIn(self.twin, self.similar(self.carla))

    @override_settings(SIMILAR_REFRESH_SECONDS=60)
    def test_changes_are_read_at_most_every_interval_but_at_once_after_a_save_here(self):
        from samensterk.accounts.permissions import scope_for
        from samensterk.insight.similar_index import similar_index

        def ranked():
            allowed = selectors.similar_filter(scope_for(self.carla), self.signal)
            found = similar_index().search(self.signal.story, 5, allowed=allowed)
            return [pk for pk, _score in found]

        similar_index_rebuild()
        self.assertIn(self.twin.pk, ranked())
        later = make_signal(self.group_a, story="Zorgvervoer Amstel komt te laat bij De Klaproos.")
        self.assertIn(later.pk, ranked())  # saved in this process: at once
        # Another process changes its text (here: without a model signal, as an update does).
        Signal.objects.filter(pk=later.pk).update(
            story_pseudonymised="De huisarts heeft geen tijd.", updated_at=timezone.now()
        )
        self.assertIn(later.pk, ranked())  # not read yet
        with mock.patch(
            "samensterk.insight.similar_index.time.monotonic", return_value=time.monotonic() + 61
        ):
            self.assertNotIn(later.pk, ranked())  # a minute later: read

    def test_a_rebuild_keeps_the_latest_two_builds_and_a_missing_build_falls_back(self):
        first = similar_index_rebuild()
        second = similar_index_rebuild()
        third = similar_index_rebuild()
        self.assertEqual(
            set(SimilarIndexBuild.objects.values_list("build", flat=True)),
            {second.build, third.build},
        )
        root = Path(self.folder.name) / "similar-index"
        self.assertFalse((root / first.build).exists())
        import shutil

        shutil.rmtree(root / third.build)
        forget_similar_index()
        self.assertEqual(self.similar(self.carla)[0], self.twin)

    def test_the_nightly_command_reports_the_build(self):
        out = io.StringIO()
        call_command("rebuild_similar_index", stdout=out, stderr=io.StringIO())
        self.assertIn("4 signals", out.getvalue())


class SimilarSignalsOutputTestCase(BaseTestCase):
    def test_every_row_gets_k_others_and_never_itself(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "s.csv"
            path.write_text(
                "text\nDe taxi is te laat\nGeen plek op school\nDe taxi kwam weer te laat\n",
                encoding="utf-8",
            )
            out = io.StringIO()
            call_command("similar_signals", "--file", str(path), "--k", "5", stdout=out)
        lines = [json.loads(line) for line in out.getvalue().splitlines()]
        self.assertEqual([line["similar"][0] for line in lines], [3, 1, 1])
        self.assertTrue(all(len(line["similar"]) == 2 for line in lines))
