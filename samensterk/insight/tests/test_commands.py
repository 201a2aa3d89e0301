import io
import json
import math
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import SimpleTestCase, TestCase

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.insight.classifier import KeywordScorer, ThemeClassifier, ThemeProfile
from samensterk.places.models import Municipality
from samensterk.themes.models import Theme

DEVSET = Path(__file__).resolve().parents[3] / "tools" / "devset"


def run(*args, stdin=None):
    out = io.StringIO()
    call_command(*args, stdout=out, **({"stdin": io.StringIO(stdin)} if stdin is not None else {}))
    return out.getvalue()


class EvaluateClassifierTestCase(TestCase):
    def test_it_prints_the_figures_of_the_spec_as_one_json_object(self):
        result = json.loads(
            run(
                "evaluate_classifier",
                "--train",
                str(DEVSET / "train.csv"),
                "--test",
                str(DEVSET / "test.csv"),
            )
        )
        self.assertEqual(
            set(result), {"n_train", "n_test", "accuracy", "macro_f1", "top3_accuracy", "per_theme"}
        )
        self.assertEqual((result["n_train"], result["n_test"]), (352, 236))
        self.assertGreater(result["accuracy"], 0.8)
        self.assertGreater(result["top3_accuracy"], 0.9)
        self.assertEqual(
            set(result["per_theme"]["vervoer"]), {"precision", "recall", "f1", "support"}
        )

    def test_without_training_data_it_evaluates_the_cold_start(self):
        result = json.loads(run("evaluate_classifier", "--test", str(DEVSET / "test.csv")))
        self.assertEqual(result["n_train"], 0)
        self.assertGreater(result["accuracy"], 0.6)

    def test_the_databases_own_model_is_untouched(self):
        from samensterk.insight.models import ClassifierModel

        run(
            "evaluate_classifier",
            "--train",
            str(DEVSET / "train.csv"),
            "--test",
            str(DEVSET / "test.csv"),
        )
        self.assertFalse(ClassifierModel.objects.exists())


class SuggesterTestCase(TestCase):
    def setUp(self):
        self.classifier = ThemeClassifier([ThemeProfile.from_theme(t) for t in Theme.objects.all()])

    def test_a_fresh_installation_suggests_from_names_and_keywords(self):
        top = self.classifier.suggest("De chaufeur van het leerlingenvervoer was weer te laat.")[0]
        self.assertEqual(top.code, "vervoer")
        self.assertIn("leerlingenvervoer", top.words)

    def test_without_any_theme_there_is_nothing_to_suggest(self):
        empty = ThemeClassifier([])
        self.assertEqual(empty.suggest("De taxi was weer te laat."), [])
        self.assertEqual(empty.suggest_many(["De taxi was weer te laat.", ""]), [[], []])

    def test_bad_input_degrades_gracefully(self):
        for text in ["", "   ", "😀😀😀", "x"]:
            self.assertEqual(self.classifier.suggest(text), [], repr(text))
        long = self.classifier.suggest("taxi " * 2000)
        self.assertEqual(long[0].code, "vervoer")

    def test_it_learns_from_labels_and_survives_storing(self):
        texts = [
            "de soos is dicht",
            "geen club meer in het weekend",
            "de bus is te laat",
            "taxi kwam niet",
        ] * 3
        labels = ["dagbesteding", "dagbesteding", "vervoer", "vervoer"] * 3
        restored = ThemeClassifier.loads(self.classifier.fit(texts, labels).dumps())
        self.assertEqual(restored.suggest("de soos gaat dicht")[0].code, "dagbesteding")


class KeywordScorerTestCase(SimpleTestCase):
    def test_phrases_are_found_for_every_theme_that_has_them_and_inside_longer_words(self):
        scorer = KeywordScorer(
            [
                ThemeProfile("zorg", "Zorg", keywords=("eigen bijdrage",)),
                ThemeProfile("wonen", "Wonen", keywords=("eigen bijdrage", "huur")),
                ThemeProfile("vervoer", "Vervoer", keywords=("vervoer naar school",)),
            ]
        )
        zorg, wonen, vervoer = scorer.matched(
            "😀 De eigen bijdrage; leerlingenvervoer naar school!"
        )
        self.assertEqual(zorg["eigen bijdrage"], 1.5)
        self.assertEqual(wonen["eigen bijdrage"], 1.5)
        self.assertEqual(vervoer["vervoer naar school"], 1.5)  # inside a compound, as before
        self.assertNotIn("eigen bijdrage", scorer.matched("eigen, bijdrage")[0])

    def test_words_learnt_together_carry_the_same_terms_as_one_by_one(self):
        profiles = [
            ThemeProfile("vervoer", "Vervoer", keywords=("chauffeur", "taxi")),
            ThemeProfile("wonen", "Wonen", keywords=("woning",)),
        ]
        words = ["leerlingenvervoer", "chaufeur", "woningen", "taxi", "fiets", "x", "taxi"]
        together, alone = KeywordScorer(profiles), KeywordScorer(profiles)
        together.learn_words(words)
        self.assertEqual(
            {w: together.word_terms(w) for w in words}, {w: alone.word_terms(w) for w in words}
        )
        self.assertIn("vervoer", together.word_terms("leerlingenvervoer"))  # inside a compound
        self.assertIn("chauffeur", together.word_terms("chaufeur"))  # a misspelling
        self.assertEqual(together.word_terms("fiets"), frozenset())

    def test_themes_without_phrases_and_texts_without_words(self):
        scorer = KeywordScorer([ThemeProfile("a", "Vervoer"), ThemeProfile("b", "Wonen")])
        self.assertEqual(scorer.matched("het vervoer")[0], {"vervoer": math.log(1 + 2)})
        probabilities = scorer.probabilities(["het vervoer", "😀", ""])
        self.assertGreater(probabilities[0, 0], probabilities[0, 1])
        self.assertEqual(probabilities[1:].tolist(), [[0.5, 0.5], [0.5, 0.5]])
        self.assertEqual(scorer.probabilities([]).shape, (0, 2))

    def test_the_words_shown_are_the_same_in_every_process(self):
        # Phrases first, then the heaviest terms: not the order of a set (which changes per
        # process with Python's string hashing).
        classifier = ThemeClassifier(
            [
                ThemeProfile("zorg", "Zorg", keywords=("eigen bijdrage", "hulp", "thuis")),
                ThemeProfile("wonen", "Wonen"),
            ]
        )
        top = classifier.suggest("Thuis hulp en de eigen bijdrage is hoog")[0]
        self.assertEqual(top.words[0], "eigen bijdrage")
        self.assertEqual(top.words[1:], sorted(top.words[1:], key=lambda w: w))


class DetectMunicipalityTestCase(TestCase):
    def detect(self, text, *extra):
        return json.loads(run("detect_municipality", *extra, stdin=text))

    def assert_codes(self, cases: dict[str, str]):
        for text, code in cases.items():
            self.assertEqual(self.detect(text).get("code"), code, text)

    def test_without_municipalities_in_the_database_nothing_is_detected_and_nothing_breaks(self):
        from samensterk.insight.municipality import clear_cache, detect

        Municipality.objects.all().delete()
        clear_cache()
        try:
            self.assertIsNone(detect("Het gaat om Sneek in Súdwest-Fryslân."))
        finally:
            clear_cache()

    def test_official_names_aliases_and_frisian_forms(self):
        cases = {
            "Mijn zoon woont in Tynaarlo.": "GM1730",
            "De gemeente Den Bosch doet niks.": "GM0796",
            "ik woon in grou": "GM0080",
            "Wij wonen in Grouw.": "GM0080",
            "Het loket in Zuidwest-Friesland": "GM1900",
            "Bergen op Zoom heeft geen plek": "GM0748",
        }
        self.assert_codes(cases)
        self.assertEqual(
            self.detect("Mijn zoon woont in Tynaarlo."),
            {"municipality": "Tynaarlo", "code": "GM1730"},
        )

    def test_ordinary_words_are_not_places(self):
        for text in [
            "Het was op zijn best een slechte dag.",
            "Een gesprek met de buren over putten.",
            "Hello world",
            "",
        ]:
            self.assertEqual(self.detect(text), {"municipality": None}, text)
        self.assertEqual(self.detect("De gemeente Best reageert niet.")["code"], "GM0753")

    def test_a_place_in_a_persons_name_is_not_a_place(self):
        for text in [
            "Ria de Vries belt over de taxi van haar zoon.",
            "Gesproken met mevrouw Van Wijk over de wachtlijst.",
            "Brief van J. van Buren van het zorgkantoor.",
            "Terugbellen: dhr. de Bilt, over het pgb.",
            "Jan Zeist zegt dat de begeleiding stopt.",
            "Contactpersoon A.M. Kampen wil teruggebeld worden.",
            "terugbellen fatima de bilt over de wachtlijst",
            "Mijn begeleider bij de Vries zegt dat het niet kan.",
        ]:
            self.assertEqual(self.detect(text), {"municipality": None}, text)
        # The place itself still counts, also beside such a name.
        self.assert_codes(
            {
                "Ria de Vries woont in Vries.": "GM1730",
                "Jan Zeist uit Tilburg belt over de taxi.": "GM0855",
                "Wij wonen in de Bilt.": "GM0310",
                "De gemeente Buren heeft de uren verlaagd.": "GM0214",
                "Ria uit Zeist belt.": "GM0355",
                "Mevrouw Van Dalen woont in Kampen.": "GM0166",
            }
        )

    def test_the_held_out_half_of_the_dev_set(self):
        """data/dev/municipality.jsonl: issue 36 asks 0.97 right and at most 1 % false
        positives; measured 1.0 and 0.0 (before the person-name rule 0.761 and 0.239)."""
        from samensterk.insight.municipality import detect

        path = Path(__file__).resolve().parents[1] / "data" / "dev" / "municipality.jsonl"
        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if '"test"' in line]
        found = [detect(row["text"]) for row in rows]
        names = [f.name if f else None for f in found]
        right = sum(n == row["municipality"] for n, row in zip(names, rows, strict=True))
        wrong = sum(
            n is not None and n != row["municipality"] for n, row in zip(names, rows, strict=True)
        )
        self.assertGreater(len(rows), 150)
        self.assertGreaterEqual(right / len(rows), 0.98)
        self.assertLessEqual(wrong / len(rows), 0.01)

    def test_a_woonplaats_in_two_municipalities_is_resolved_by_the_groups_area(self):
        self.assertEqual(self.detect("We wonen in Den Hoorn."), {"municipality": None})
        organisation = Organisation.objects.create(name="O", slug="o")
        group = LocalGroup.objects.create(organisation=organisation, name="Texel", slug="texel")
        group.municipalities.add(Municipality.objects.get(name="Texel"))
        self.assertEqual(
            self.detect("We wonen in Den Hoorn.", "--group", "texel")["municipality"], "Texel"
        )

    def test_the_same_answers_with_and_without_accents_and_across_punctuation(self):
        # Text without accents is split by a character table, other text by the expression:
        # the same words either way.
        cases = {
            "Café 'De Zon' in ’s-Hertogenbosch: lang wachten.": "GM0796",
            "Cafe 'De Zon' in 's-Hertogenbosch: lang wachten.": "GM0796",
            "Wachtlijst_in Tynaarlo!!": "GM1730",
            "Wachtlijst (in Tynaarlo), cliënt": "GM1730",
            "wij wonen in Bergen op Zoom en niet in Bergen": "GM0748",
        }
        self.assert_codes(cases)
        # A word that is a place only with a capital after "in": the capital is read as written.
        self.assertEqual(self.detect("Wij wonen in Een.").get("municipality"), "Noordenveld")
        self.assertEqual(self.detect("wij wonen in een huis"), {"municipality": None})
        self.assertEqual(self.detect("wij wonen in een huis, café"), {"municipality": None})

    def test_jsonl_answers_line_by_line(self):
        out = run("detect_municipality", "--jsonl", stdin='"in Veere"\n"nergens"\n')
        self.assertEqual(
            [json.loads(line) for line in out.splitlines()],
            [{"municipality": "Veere", "code": "GM0717"}, {"municipality": None}],
        )


class SimilarSignalsTestCase(TestCase):
    def test_the_same_concrete_problem_ranks_above_the_same_topic(self):
        rows = [
            "De taxi van Zorgvervoer Zeeland naar de dagbesteding in Middelburg komt elke dag te laat.",
            "Leerlingenvervoer in Heerenveen: lange route, kind doodmoe.",
            "Mijn dochter wacht op het busje van Zorgvervoer Zeeland in Middelburg, weer te laat.",
            "De gemeente Oss heeft de begeleiding verlaagd.",
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "s.csv"
            path.write_text("text\n" + "\n".join(f'"{r}"' for r in rows) + "\n", encoding="utf-8")
            out = run("similar_signals", "--file", str(path), "--k", "2")
            nearest = run("similar_signals", "--file", str(path), "--k", "2", "--all")
        lines = [json.loads(line) for line in out.splitlines()]
        # Only the same problem passes the threshold; the rest share a topic at best.
        self.assertEqual(
            lines,
            [
                {"row": 1, "similar": [3]},
                {"row": 2, "similar": []},
                {"row": 3, "similar": [1]},
                {"row": 4, "similar": []},
            ],
        )
        # --all: the K nearest whatever their score, never the row itself.
        lines = [json.loads(line) for line in nearest.splitlines()]
        self.assertEqual(lines[0]["similar"][0], 3)
        self.assertEqual(lines[2]["similar"][0], 1)
        self.assertTrue(all(line["row"] not in line["similar"] for line in lines))
        self.assertTrue(all(len(line["similar"]) == 2 for line in lines))


THEMES_DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


class ThemeDevSetTestCase(TestCase):
    """Issue 36's quality guard on the hand-written dev set: floors a little below today's
    figures (trained 0.81, cold start 0.75), so a change that makes the suggester worse fails."""

    def evaluate(self, *train):
        args = ["evaluate_classifier", "--test", str(THEMES_DEV / "themes_test.csv")]
        if train:
            args += ["--train", str(THEMES_DEV / "themes_train.csv")]
        return json.loads(run(*args))

    def test_trained_on_18_a_theme(self):
        result = self.evaluate("train")
        self.assertEqual((result["n_train"], result["n_test"]), (252, 310))
        self.assertGreaterEqual(result["macro_f1"], 0.76)
        self.assertGreaterEqual(result["top3_accuracy"], 0.92)

    def test_cold_start(self):
        result = self.evaluate()
        self.assertGreaterEqual(result["macro_f1"], 0.69)


class ExplanationTestCase(TestCase):
    def test_the_explanation_names_distinctive_words_never_generic_ones(self):
        from samensterk.insight.evaluation import read_labelled
        from samensterk.insight.text import GENERIC_WORDS, STOPWORDS, is_generic

        profiles = [ThemeProfile.from_theme(t) for t in Theme.objects.all()]
        train = read_labelled(THEMES_DEV / "themes_train.csv")
        trained = ThemeClassifier(profiles).fit([t for t, _c in train], [c for _t, c in train])
        story = (
            "Tel. moeder: gemeente belt niet terug, zie eerdere melding. Per 1 maart is de "
            "begeleiding aangeboden door een andere aanbieder, clienten krijgen het "
            "keukentafelgesprek pas na maanden."
        )
        for classifier in (ThemeClassifier(profiles), trained):
            top = classifier.suggest(story)[0]
            self.assertEqual(top.code, "wmo")
            self.assertIn("keukentafelgesprek", top.words)
            for word in " ".join(top.words).split():
                self.assertFalse(is_generic(word), word)
        for word in ["gemeente", "per", "belt", "zie", "aangeboden", "clienten", "Gemeente"]:
            self.assertTrue(is_generic(word), word)
        self.assertFalse(is_generic("keukentafelgesprek"))
        self.assertTrue(STOPWORDS.isdisjoint({"keukentafelgesprek"}) and GENERIC_WORDS)
