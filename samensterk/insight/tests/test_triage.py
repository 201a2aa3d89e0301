from django.urls import reverse

from samensterk.insight.models import ClassifierModel
from samensterk.intake.models import Status
from samensterk.intake.suggestions import classifier_retrain
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


class SuggestionsInTriageTestCase(BaseTestCase):
    def test_a_new_signal_gets_top_three_themes_and_the_municipality_in_its_text(self):
        signal = make_signal(
            self.group_b, story="De taxi naar de dagbesteding in Veere komt steeds te laat."
        )
        self.assertEqual(len(signal.theme_suggestions), 3)
        self.assertEqual(signal.theme_suggestions[0]["code"], "vervoer")
        self.assertIn("taxi", signal.theme_suggestions[0]["words"])
        self.assertEqual(signal.suggested_municipality.name, "Veere")

    def test_the_coordinator_confirms_the_suggestion_in_one_click(self):
        signal = make_signal(
            self.group_a, story="De chauffeur van de taxi schreeuwde tegen mijn zoon."
        )
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(response, "Voorgesteld thema")
        self.assertContains(response, "<mark>taxi</mark>", html=False)
        vervoer = Theme.objects.get(code="vervoer")
        self.client.post(
            reverse("intake:signal_theme", args=[signal.reference]), {"theme": vervoer.pk}
        )
        signal.refresh_from_db()
        self.assertEqual(signal.theme, vervoer)
        self.assertEqual(signal.events.get(kind="theme").to_value, "vervoer")

    def _with_suggestions(self, group, *confidences):
        signal = make_signal(group, story="Er is iets met de hulp.")
        codes = ["wmo", "wlz", "dagbesteding"]
        signal.theme_suggestions = [
            {"code": code, "confidence": c, "words": ["keukentafelgesprek"] if i == 0 else []}
            for i, (code, c) in enumerate(zip(codes, confidences, strict=False))
        ]
        signal.save(update_fields=["theme_suggestions"])
        return signal

    def test_an_unsure_suggestion_is_asked_not_pre_selected(self):
        wmo = Theme.objects.get(code="wmo")
        inspraak = Theme.objects.get(code="inspraak")
        self.login(self.carla)
        for confidences in [(0.47, 0.47, 0.06), (0.55, 0.2, 0.1), (0.75, 0.6, 0.1)]:
            signal = self._with_suggestions(self.group_a, *confidences)
            response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
            self.assertContains(response, "Welk thema past?")
            self.assertNotContains(response, "Voorgesteld thema")
            # The candidates and every other theme as submit buttons; none chosen for them.
            self.assertContains(response, f'name="theme" value="{wmo.pk}"', count=1)
            self.assertContains(response, f'name="theme" value="{inspraak.pk}"', count=1)
            self.assertNotContains(response, f'<option value="{wmo.pk}" selected>', html=False)
        # A button works without JavaScript: a plain POST of the chosen theme.
        self.client.post(
            reverse("intake:signal_theme", args=[signal.reference]), {"theme": inspraak.pk}
        )
        signal.refresh_from_db()
        self.assertEqual(signal.theme, inspraak)

    def test_a_sure_suggestion_is_pre_selected(self):
        wmo = Theme.objects.get(code="wmo")
        signal = self._with_suggestions(self.group_a, 0.91, 0.05, 0.02)
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(response, "Voorgesteld thema")
        self.assertNotContains(response, "Welk thema past?")
        self.assertContains(response, f'<option value="{wmo.pk}" selected>', html=False)

    def test_another_groups_signal_stays_404(self):
        signal = self._with_suggestions(self.group_b, 0.47, 0.47, 0.06)
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertEqual(response.status_code, 404)

    def test_volunteers_do_not_get_the_confirm_buttons(self):
        signal = make_signal(self.group_a, story="De taxi kwam te laat.")
        self.login(self.vince)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertNotContains(response, "Voorgesteld thema")

    def test_the_municipality_in_the_text_is_offered_when_none_was_given(self):
        signal = make_signal(self.group_b, story="Het wijkteam in Vlissingen belt niet terug.")
        self.login(self.bram)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(response, "Ja, Vlissingen")
        self.client.post(
            reverse("intake:signal_municipality", args=[signal.reference]),
            {"municipality": "GM0718"},
        )
        signal.refresh_from_db()
        self.assertEqual(signal.municipality.name, "Vlissingen")

    def test_similar_signals_are_shown_only_within_scope(self):
        signal = make_signal(
            self.group_a, story="Zorgvervoer Amstel komt elke dag te laat bij de dagbesteding."
        )
        twin = make_signal(self.group_a, story="Het busje van Zorgvervoer Amstel was weer te laat.")
        hidden = make_signal(
            self.group_b, story="Zorgvervoer Amstel komt elke dag te laat, ook hier."
        )
        self.login(self.carla)
        response = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(response, twin.reference)
        self.assertNotContains(response, hidden.reference)


class LearningTestCase(BaseTestCase):
    def test_confirmed_themes_train_the_organisations_model_with_measured_quality(self):
        texts = {
            "vervoer": [
                "De taxi kwam te laat",
                "Chauffeur onbeleefd",
                "Busje reed niet",
                "Regiotaxi weigerde",
            ],
            "dagbesteding": [
                "Soos is dicht",
                "Geen club meer",
                "Dagbesteding sluit",
                "Eenzaam in het weekend",
            ],
        }
        for code, stories in texts.items():
            for story in stories * 3:
                make_signal(
                    self.group_a,
                    story=story,
                    theme=Theme.objects.get(code=code),
                    status=Status.DISCUSSED,
                )
        model = classifier_retrain(self.alfa)
        self.assertEqual(model.n_labels, 24)
        self.assertIn("vervoer", model.quality["per_theme"])
        self.assertGreater(model.quality["accuracy"], 0.7)
        self.assertIsNone(classifier_retrain(self.omega))  # no labels: cold start stays
        self.assertEqual(ClassifierModel.objects.count(), 1)

    def test_the_nightly_command_reports_what_it_did(self):
        import io

        from django.core.management import call_command

        out = io.StringIO()
        call_command("retrain_classifier", stdout=out)
        self.assertIn("cold start kept", out.getvalue())
