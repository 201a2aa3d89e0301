"""Similar signals: the similarity itself, its quality on the development set, and the
signal page's similar signals within the user's scope."""

import csv
import io
import json
import tempfile
from pathlib import Path

import numpy as np
from django.core.management import call_command
from django.test import SimpleTestCase

from samensterk.accounts.permissions import scope_for
from samensterk.insight.similar import (
    PLACE_BOOST,
    Analyser,
    most_similar,
    nearest,
    vectors,
)
from samensterk.intake import selectors, services
from samensterk.intake.models import Signal
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal

REPO = Path(__file__).resolve().parents[3]

TEXTS = [
    "De taxi naar de dagbesteding is elke dag te laat.",
    "Geen plek op school voor mijn zoon.",
    "Taxi Klaproos te laat bij de dagbesteding.",
    "De wachtlijst voor begeleiding is lang.",
    "Weer geen plek op de school in Ede.",
]


class VectorsTestCase(SimpleTestCase):
    def test_rows_are_tf_idf_vectors_of_length_one(self):
        matrix = vectors(TEXTS)
        self.assertEqual(matrix.shape[0], len(TEXTS))
        np.testing.assert_allclose(np.sqrt(matrix.multiply(matrix).sum(axis=1)).ravel(), 1.0, 1e-6)

    def test_a_rare_shared_word_weighs_more_than_a_common_one(self):
        others = ["De taxi rijdt.", "De taxi stopt.", "Bij Klaproos.", "De taxi is er."]
        found = nearest("Taxi Klaproos", others, 4)
        self.assertEqual(found[0][0], 2)
        self.assertEqual(len(found), 4)

    def test_texts_without_any_term_give_empty_rows(self):
        self.assertEqual(vectors(["", "de het een"]).nnz, 0)

    def test_nearest_ranks_by_cosine_and_needs_a_shared_term(self):
        found = nearest(TEXTS[0], TEXTS[1:], 5)
        self.assertEqual([i for i, _score in found], [1])  # only the other taxi shares words
        self.assertEqual(nearest("xyzzy", TEXTS, 5), [])
        self.assertEqual(nearest("taxi", [], 5), [])

    def test_the_same_municipality_ranks_first_and_ties_keep_their_order(self):
        others = ["Taxi Klaproos te laat.", "Taxi Klaproos te laat.", "Taxi Klaproos te laat."]
        plain = nearest("Taxi Klaproos te laat!", others, 3)
        self.assertEqual([i for i, _score in plain], [0, 1, 2])
        boosted = nearest("Taxi Klaproos te laat!", others, 3, place=7, places=[0, 7, 3])
        self.assertEqual([i for i, _score in boosted], [1, 0, 2])
        self.assertAlmostEqual(boosted[0][1] - boosted[1][1], PLACE_BOOST, places=5)

    def test_most_similar_agrees_with_nearest_for_every_text(self):
        texts = TEXTS * 3
        places = ["GM0363", None, "GM0363", None, "GM0228"] * 3
        for i, found in enumerate(most_similar(texts, 3, municipalities=places)):
            others = [t for j, t in enumerate(texts) if j != i]
            other_places = [p for j, p in enumerate(places) if j != i]
            ranked = nearest(
                texts[i], others, 3, place=places[i] or 0, places=[p or 0 for p in other_places]
            )
            expected = [j if j < i else j + 1 for j, _score in ranked]
            self.assertEqual(found[: len(expected)], expected, i)


class AnalyserTestCase(SimpleTestCase):
    def test_a_compound_also_counts_as_its_last_known_part(self):
        analyser = Analyser({"vervoer", "besteed"})  # stems: "besteding" -> "besteed"
        terms = analyser.terms("Het leerlingenvervoer naar de dagbesteding")
        self.assertIn("vervoer", terms)
        self.assertIn("besteed", terms)
        self.assertNotIn("vervoer", Analyser().terms("leerlingenvervoer"))

    def test_pseudonymisation_tags_are_not_words(self):
        self.assertEqual(Analyser().terms("[PERSOON-1] [EMAIL-2]"), [])


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


class SimilarForTestCase(BaseTestCase):
    """The signal page's similar signals: the scope applied in the database, scored exactly."""

    def setUp(self):
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

    def similar(self, user, signal=None):
        signal = signal or self.signal
        return [item["signal"] for item in selectors.similar_for(scope_for(user), signal)]

    def test_the_same_problem_is_found_with_the_words_it_shares(self):
        found = selectors.similar_for(scope_for(self.carla), self.signal)
        self.assertEqual([item["signal"] for item in found], [self.twin])
        self.assertIn("zorgvervoer", found[0]["words"])

    def test_a_new_signal_and_a_changed_text_count_at_once(self):
        later = make_signal(self.group_a, story="Zorgvervoer Amstel is te laat bij De Klaproos.")
        self.assertIn(later, self.similar(self.carla))
        # Changed without a model signal (as an update does): read all the same.
        Signal.objects.filter(pk=later.pk).update(story_pseudonymised="De huisarts is er niet.")
        self.assertNotIn(later, self.similar(self.carla))

    def test_other_groups_and_organisations_stay_out(self):
        # A group member does not see another group's signal, even the closest one.
        self.assertNotIn(self.other_group, self.similar(self.carla))
        self.assertNotIn(self.other_group, self.similar(self.vince))
        omega_signal = make_signal(
            self.group_x, story="Zorgvervoer Amstel komt te laat bij De Klaproos."
        )
        self.assertNotIn(omega_signal, self.similar(self.carla))
        self.assertNotIn(omega_signal, self.similar(self.root))  # another organisation
        self.assertNotIn(self.signal, self.similar(self.otto, omega_signal))
        # National staff see group signals only when they were handed over.
        self.assertNotIn(self.other_group, self.similar(self.sanne))
        services.signal_handover_to_national(signal=self.other_group, actor=self.bram)
        self.assertEqual(self.similar(self.sanne), [self.other_group])
        self.assertEqual(self.similar(self.root)[:2], [self.other_group, self.twin])
        self.assertNotIn(self.other_group, self.similar(self.carla))

    def test_the_same_municipality_ranks_first(self):
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
        self.assertEqual(self.similar(self.carla, asker)[:2], [here, elsewhere])

    def test_the_lexicon_is_made_once_and_shared_through_the_cache(self):
        from django.core.cache import cache

        analyser = selectors.similar_analyser(self.alfa.pk)
        self.assertIn("zorgvervoer", analyser.lexicon)
        self.assertNotIn("klaproos", selectors.similar_analyser(self.omega.pk).lexicon)
        key = f"similar-lexicon:{self.alfa.pk}"
        self.assertEqual(
            cache.get(key, version=selectors.LEXICON_VERSION), sorted(analyser.lexicon)
        )
        make_signal(self.group_a, story="Het leerlingenvervoer van Taxibedrijf Zonnestraal.")
        self.assertNotIn("zonnestraal", selectors.similar_analyser(self.alfa.pk).lexicon)

    def test_a_withdrawn_signal_is_no_longer_proposed(self):
        services.signal_withdraw(signal=self.twin)
        self.assertNotIn(self.twin, self.similar(self.carla))

    def test_a_story_not_yet_pseudonymised_is_not_proposed(self):
        Signal.objects.filter(pk=self.twin.pk).update(story_pseudonymised="")
        self.assertNotIn(self.twin, self.similar(self.carla))


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
