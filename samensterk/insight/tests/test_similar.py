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
from django.urls import reverse

from samensterk.accounts.permissions import scope_for
from samensterk.insight.problem import facts, known_names
from samensterk.insight.similar import (
    PLACE_BOOST,
    THRESHOLD,
    Analyser,
    explain,
    most_similar,
    nearest,
    same_problem,
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


def _ranked(path, *extra) -> list[list[int]]:
    out = io.StringIO()
    call_command("similar_signals", "--file", str(path), "--k", "5", *extra, stdout=out)
    return [[j - 1 for j in json.loads(line)["similar"]] for line in out.getvalue().splitlines()]


def _quality(rows: list[dict], ranked: list[list[int]], split=None) -> tuple[float, float]:
    """recall@3 of same-problem partners; share of lone signals shown nothing."""
    recall, empty = [], []
    for i, found in enumerate(ranked):
        if split and rows[i]["split"] != split:
            continue
        if rows[i]["problem"]:
            partners = {
                j for j, r in enumerate(rows) if r["problem"] == rows[i]["problem"] and j != i
            }
            recall.append(len(partners & set(found[:3])) / len(partners))
        else:
            empty.append(not found)
    return sum(recall) / len(recall), sum(empty) / len(empty)


class SimilarSignalsQualityTestCase(BaseTestCase):
    """The figures in docs/benchmarks.md: a change that finds the same problem less often, or
    offers a lone signal more often, fails."""

    def test_the_held_out_half_of_the_dev_set(self):
        path = REPO / "samensterk" / "insight" / "data" / "dev" / "similar.csv"
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        recall, empty = _quality(rows, _ranked(path), split="test")
        # Measured 0.939 and 0.829 (issue 36 asks 0.85 and 0.80).
        self.assertGreaterEqual(recall, 0.9)
        self.assertGreaterEqual(empty, 0.8)

    def test_the_hand_written_set(self):
        """tools/devset/similar.csv: twenty problems told in people's own words."""
        path = REPO / "tools" / "devset" / "similar.csv"
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            case = row["external_id"]
            row["problem"] = case.split("-")[0] if case.startswith("c") else ""
        recall, empty = _quality(rows, _ranked(path))
        self.assertGreaterEqual(recall, 0.82)  # measured 0.847
        self.assertGreaterEqual(empty, 0.8)  # measured 0.857
        # --all ranks without the threshold: the same problem still comes first.
        recall, empty = _quality(rows, _ranked(path, "--all"))
        self.assertGreaterEqual(recall, 0.85)
        self.assertEqual(empty, 0)


class ExplainTestCase(SimpleTestCase):
    def reasons(self, a, b, **kwargs):
        first, second = facts(a), facts(b)
        known_names([first, second])
        return {
            str(r["label"]): r["value"]
            for r in explain(first, second, text_a=a, text_b=b, **kwargs)
        }

    def test_the_shared_school_place_and_trouble_and_never_generic_words(self):
        reasons = self.reasons(
            "Moeder belt: de taxi naar basisschool De Regenboog komt elke ochtend te laat.",
            "ik ben te laat op de regenboog want de taxi komt niet. moeder belt de gemeente",
            place="Almere",
        )
        self.assertEqual(
            reasons,
            {
                "Zelfde school": "De Regenboog",
                "Zelfde plaats": "Almere",
                "Zelfde probleem": "vervoer te laat",
            },
        )
        text = " ".join(reasons.values()).lower()
        for generic in ("moeder", "belt", "gemeente"):
            self.assertNotIn(generic, text)

    def test_without_shared_facts_the_distinctive_words_not_the_generic_ones(self):
        reasons = self.reasons(
            "Moeder belt: de gemeente zegt dat het keukentafelgesprek niet nodig is.",
            "Vader belt: de gemeente wil geen keukentafelgesprek.",
        )
        self.assertEqual(reasons, {"Zelfde woorden": "keukentafelgesprek"})

    def test_another_school_is_another_problem(self):
        places = frozenset({"almere"})
        a = facts("De taxi naar De Regenboog in Almere is elke dag te laat.", places)
        b = facts("De taxi naar Het Kompas in Almere is elke dag te laat.", places)
        same = facts("Het busje naar De Regenboog komt steeds te laat, zegt de juf.")
        self.assertLess(same_problem(0.8, a, b, "GM0034", "GM0034"), THRESHOLD)
        self.assertGreaterEqual(same_problem(0.3, a, same), THRESHOLD)


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

    def test_the_same_problem_is_found_with_the_facts_it_shares(self):
        found = selectors.similar_for(scope_for(self.carla), self.signal)
        self.assertEqual([item["signal"] for item in found], [self.twin])
        reasons = {str(r["label"]): r["value"] for r in found[0]["reasons"]}
        self.assertEqual(reasons["Zelfde vervoerder"], "Zorgvervoer Amstel", reasons)
        self.assertEqual(reasons["Zelfde probleem"], "vervoer te laat")

    def test_two_public_reports_of_the_same_late_school_taxi_list_each_other(self):
        first = make_signal(
            self.group_a,
            story="Mijn zoon wordt elke ochtend te laat op school De Zonnebloem afgezet door "
            "Taxi Centraal. Hij mist het begin van de les.",
        )
        second = make_signal(
            self.group_a,
            story="de taxi van taxi centraal is altijd te laat. ik kom te laat op de zonnebloem",
        )
        make_signal(self.group_a, story="De taxi naar Het Kompas is te laat, van Taxi Oost.")
        self.assertEqual(self.similar(self.carla, first), [second])
        self.assertEqual(self.similar(self.carla, second), [first])

    def test_a_signal_about_another_problem_gets_an_empty_list_and_the_page_says_so(self):
        lone = make_signal(self.group_a, story="Het zwembad in Zeist heeft geen tillift.")
        self.assertEqual(self.similar(self.carla, lone), [])
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[lone.reference]))
        self.assertContains(response, "Geen signaal gevonden dat over hetzelfde probleem gaat.")
        response = self.client.get(reverse("intake:signal_detail", args=[self.signal.reference]))
        self.assertContains(response, "Zelfde probleem: vervoer te laat")
        self.assertNotContains(response, "Geen signaal gevonden")

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
    def test_only_the_same_problem_unless_all_and_never_the_row_itself(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "s.csv"
            path.write_text(
                "text\nDe taxi van Taxi Oost is te laat\nGeen plek op school\n"
                "Taxi Oost kwam weer te laat\n",
                encoding="utf-8",
            )
            threshold = [json.loads(line) for line in _lines(path)]
            everything = [json.loads(line) for line in _lines(path, "--all")]
            one = [json.loads(line) for line in _lines(path, "--all", k="1")]
        self.assertEqual([line["row"] for line in threshold], [1, 2, 3])
        self.assertEqual([line["similar"] for line in threshold], [[3], [], [1]])
        self.assertEqual([line["similar"][0] for line in everything], [3, 1, 1])
        self.assertTrue(all(len(line["similar"]) == 2 for line in everything))
        self.assertTrue(all(line["row"] not in line["similar"] for line in everything))
        self.assertEqual([line["similar"] for line in one], [[3], [1], [1]])

    def test_the_municipality_column_by_name_or_code_is_one_place(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "s.csv"
            path.write_text(
                "text,municipality\n"
                "De taxi naar de dagbesteding is te laat,Tilburg\n"
                "Het busje naar de dagbesteding komt te laat,GM0855\n"
                "De taxi naar de dagbesteding is te laat,Breda\n",
                encoding="utf-8",
            )
            lines = [json.loads(line) for line in _lines(path)]
        self.assertEqual([line["similar"] for line in lines], [[2], [1], []])


def _lines(path, *extra, k="5") -> list[str]:
    out = io.StringIO()
    call_command("similar_signals", "--file", str(path), "--k", k, *extra, stdout=out)
    return out.getvalue().splitlines()
