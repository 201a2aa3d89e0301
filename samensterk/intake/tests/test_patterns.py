from django.urls import reverse

from samensterk.intake import services
from samensterk.intake.patterns import group_patterns, national_patterns
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


class PatternTestCase(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.transport = Theme.objects.get(code="vervoer")
        for story in [
            "De taxi kwam te laat bij de dagbesteding.",
            "Weer te laat, die taxi.",
            "Taxi naar de dagbesteding kwam niet.",
        ]:
            make_signal(
                self.group_a, story=story, municipality=self.amsterdam, theme=self.transport
            )
        make_signal(self.group_a, story="Geen plek op school.", municipality=self.amsterdam)

    def test_three_signals_about_one_municipality_and_theme_are_a_pattern(self):
        patterns = group_patterns(self.group_a)
        self.assertEqual(
            [(p.municipality_name, p.theme_code, p.count) for p in patterns],
            [("Amsterdam", "vervoer", 3)],
        )
        self.assertIn("taxi", patterns[0].words)

    def test_the_group_sees_it_on_its_overview_and_can_set_it_aside_until_more_arrive(self):
        self.login(self.carla)
        response = self.client.get(reverse("front:dashboard"))
        self.assertContains(response, "Opkomende patronen")
        self.assertContains(response, "3 signalen over Vervoer")
        self.client.post(
            reverse("front:pattern_dismiss"),
            {"groep": "groep-a", "key": "GM0363:vervoer", "count": 3},
        )
        self.assertNotContains(self.client.get(reverse("front:dashboard")), "signalen over Vervoer")
        make_signal(
            self.group_a, story="De taxi weer.", municipality=self.amsterdam, theme=self.transport
        )
        # One more than when it was set aside: back at once.
        self.assertContains(self.client.get(reverse("front:dashboard")), "4 signalen over Vervoer")

    def test_another_group_cannot_dismiss_it(self):
        self.assertNotFoundFor(
            [self.otto, self.nina],
            "post",
            reverse("front:pattern_dismiss"),
            {"groep": "groep-a", "key": "GM0363:vervoer", "count": 3},
        )
        self.assertEqual(len(group_patterns(self.group_a)), 1)

    def test_the_national_office_sees_a_theme_across_the_country_pseudonymised(self):
        for group in [self.group_a, self.group_b]:
            for _ in range(3):
                signal = make_signal(
                    group,
                    story="Jan Jansen wacht op de taxi.",
                    theme=self.transport,
                    consent_share_national=True,
                )
                services.signal_handover_to_national(signal=signal, actor=self.carla)
        patterns = national_patterns(self.alfa)
        self.assertEqual([(p.theme_code, p.count) for p in patterns], [("vervoer", 6)])
        self.assertNotIn("jansen", " ".join(patterns[0].words).lower())

    def test_the_shared_words_load_after_the_page_for_the_group_only(self):
        self.login(self.carla)
        page = self.client.get(reverse("front:dashboard"))
        self.assertContains(page, "/patronen/woorden/?key=GM0363%3Avervoer")
        url = reverse("front:pattern_words") + "?key=GM0363:vervoer&groep=groep-a"
        self.assertContains(self.client.get(url), "taxi")
        self.assertNotFoundFor([self.bram, self.otto, self.nina, self.sanne], "get", url)
        national = reverse("front:pattern_words") + "?key=NL:vervoer&organisatie=alfa"
        self.assertNotFoundFor([self.carla, self.otto], "get", national)


class PatternThemeTests(BaseTestCase):
    """The pattern theme: the confirmed theme, else a suggestion of at least CONFIDENT (0.45)."""

    def test_a_suggestion_counts_from_the_threshold_and_a_confirmed_theme_wins(self):
        from samensterk.intake.models import Signal

        amsterdam = Municipality.objects.get(code="GM0363")
        signals = [make_signal(self.group_a, municipality=amsterdam) for _ in range(4)]

        def suggest(signal, code, confidence):
            suggestion = [{"code": code, "confidence": confidence, "words": []}]
            Signal.objects.filter(pk=signal.pk).update(theme=None, theme_suggestions=suggestion)

        for signal in signals[:3]:
            suggest(signal, "wonen", 0.45)
        suggest(signals[3], "vervoer", 0.9)
        counted = [(p.theme_code, p.count) for p in group_patterns(self.group_a, words=False)]
        self.assertEqual(counted, [("wonen", 3)])

        suggest(signals[0], "wonen", 0.4499)
        self.assertEqual(group_patterns(self.group_a, words=False), [])
        Signal.objects.filter(pk=signals[3].pk).update(theme=Theme.objects.get(code="wonen"))
        counted = [(p.theme_code, p.count) for p in group_patterns(self.group_a, words=False)]
        self.assertEqual(counted, [("wonen", 3)])
        services.signal_withdraw(signal=signals[1])
        self.assertEqual(group_patterns(self.group_a, words=False), [])
