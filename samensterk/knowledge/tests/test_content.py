"""The starting content (knowledge/data), guides in sections, and the Dutch search."""

from datetime import date

from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.knowledge.body import sections
from samensterk.knowledge.models import Item, ItemKind, ItemStatus
from samensterk.knowledge.search import rank, terms
from samensterk.knowledge.starter import install_starter_content, starter_items
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.defaults import default_themes
from samensterk.themes.models import Theme


class StarterContentTests(BaseTestCase):
    def setUp(self):
        self.created = install_starter_content(self.alfa)

    def test_the_seeds_webinars_articles_and_guides_load_once(self):
        self.assertEqual(self.created, len(starter_items()))
        self.assertEqual(install_starter_content(self.alfa), 0)
        webinars = Item.objects.filter(organisation=self.alfa, kind=ItemKind.WEBINAR)
        self.assertEqual(webinars.count(), 12)
        family = webinars.get(title__startswith="Mijn familie en ik")
        self.assertEqual((family.event_date, family.view_count), (date(2016, 4, 6), 260))
        self.assertEqual(sum(w.view_count for w in webinars), 2165)  # the report's twelve counts
        articles = Item.objects.filter(organisation=self.alfa, kind=ItemKind.ARTICLE)
        self.assertGreaterEqual(articles.count(), 16)
        self.assertTrue(all(a.summary for a in articles))
        guides = set(
            Item.objects.filter(organisation=self.alfa, kind=ItemKind.GUIDE).values_list(
                "key", flat=True
            )
        )
        self.assertLessEqual({"zichtbaarheid", "signalen", "duo", "netwerken"}, guides)

    def test_every_default_theme_has_a_published_item(self):
        for row in default_themes():
            with self.subTest(theme=row["code"]):
                self.assertTrue(
                    Item.objects.filter(
                        organisation=self.alfa, status=ItemStatus.PUBLISHED,
                        themes__code=row["code"],
                    ).exists()
                )  # fmt: skip

    def test_what_helps_shows_items_beside_a_signal_of_every_theme(self):
        self.login(self.carla)
        for theme in Theme.objects.filter(code__in=[r["code"] for r in default_themes()]):
            with self.subTest(theme=theme.code):
                signal = make_signal(self.group_a, theme=theme)
                page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
                self.assertContains(page, "Wat helpt hierbij?")
                html = page.content.decode()
                urls = [i.get_absolute_url() for i in Item.objects.filter(themes=theme)]
                self.assertTrue(any(f'href="{url}"' in html for url in urls))

    def test_no_placeholder_links(self):
        for item in Item.objects.filter(organisation=self.alfa):
            for url in (item.video_url, item.slides_url):
                self.assertNotIn("demo-", url)
            self.assertNotIn("watch?v=demo", item.body)
        self.login(self.vince)
        webinar = Item.objects.get(organisation=self.alfa, key="webinar-mentorschap")
        self.assertNotContains(self.client.get(webinar.get_absolute_url()), "Bekijk de video")

    def test_a_guide_shows_its_sections_and_steps(self):
        self.login(self.vince)
        guide = Item.objects.get(organisation=self.alfa, key="duo")
        page = self.client.get(guide.get_absolute_url())
        self.assertContains(page, "In deze handreiking")
        self.assertContains(page, '<a href="#deel-de-zes-tips">De zes tips</a>', html=True)
        self.assertContains(page, '<h2 id="deel-de-zes-tips">De zes tips</h2>', html=True)
        self.assertContains(page, "<li>Gun elkaar de succesmomenten.</li>", html=True)
        self.assertNotContains(page, "## ")
        self.assertEqual(page.content.decode().count("<ol>"), 2)  # the steps, the tips

    def test_staff_text_in_a_guide_is_escaped(self):
        item = Item.objects.create(
            organisation=self.alfa, kind=ItemKind.GUIDE, title="Test", status="gepubliceerd",
            body="## Kop <b>vet</b>\n- <script>alert(1)</script>\n",
        )  # fmt: skip
        self.login(self.vince)
        page = self.client.get(item.get_absolute_url())
        self.assertNotContains(page, "<script>alert(1)</script>")
        self.assertContains(page, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertContains(page, "Kop &lt;b&gt;vet&lt;/b&gt;")

    def test_content_by_key_within_the_own_organisation_only(self):
        guide = Item.objects.get(organisation=self.alfa, key="netwerken")
        url = reverse("knowledge:by_key", args=["netwerken"])
        self.login(self.carla)
        self.assertRedirects(self.client.get(url), guide.get_absolute_url())
        self.assertEqual(
            self.client.get(reverse("knowledge:by_key", args=["niets"])).status_code, 404
        )
        # Omega has not loaded it: its people get 404, not Alfa's guide.
        self.assertNotFoundFor([self.otto, self.nina], "get", url)

    def test_the_network_step_choice_explains_the_four_steps(self):
        self.login(self.carla)
        page = self.client.get(reverse("network:person_create"))
        self.assertContains(page, "Wat betekenen de vier netwerkstappen?")
        self.assertContains(page, reverse("knowledge:by_key", args=["netwerken"]))


class SearchTests(BaseTestCase):
    def setUp(self):
        install_starter_content(self.alfa)
        self.login(self.vince)

    def found(self, query):
        page = self.client.get(reverse("knowledge:list"), {"zoek": query})
        return [item.key for item in page.context["items"]], page

    def test_keukentafel_finds_the_keukentafelgesprek_title_first(self):
        keys, _page = self.found("keukentafel")
        self.assertEqual(keys[0], "keukentafelgesprek")  # in the title
        self.assertIn("voorbeeld-keukentafel-vrijwilligers", keys[:2])
        self.assertIn("vijf-strategieen", keys)  # in the text only

    def test_plurals_and_compounds(self):
        plural, _page = self.found("gesprekken")
        self.assertIn("keukentafelgesprek", plural)  # 'gesprekken' -> 'gesprek' inside it
        signals, _page = self.found("signaal")
        self.assertEqual(signals[0], "signalen")
        transport, _page = self.found("vervoer")  # 'leerlingenvervoer' in the text
        self.assertIn("artikel-samenbrengen", transport)
        self.assertEqual(self.found("Cliëntondersteuner")[0], self.found("clientondersteuner")[0])

    def test_every_word_must_match_and_filters_still_apply(self):
        keys, _page = self.found("duo tips")
        self.assertEqual(keys[0], "duo")
        keys, _page = self.found("duo keukentafel")
        self.assertEqual(keys, [])
        page = self.client.get(reverse("knowledge:list"), {"zoek": "duo", "soort": "webinar"})
        self.assertEqual([i.key for i in page.context["items"]], ["webinar-duo"])

    def test_no_result_says_so(self):
        keys, page = self.found("ruimtevaart")
        self.assertEqual(keys, [])
        self.assertContains(page, "Niets gevonden. Probeer een ander woord.")
        self.assertEqual(self.found("de het een")[0], [])

    def test_another_organisations_items_are_not_searched(self):
        Item.objects.create(
            organisation=self.omega, kind="artikel", title="Keukentafel bij Omega",
            status="gepubliceerd",
        )  # fmt: skip
        keys, page = self.found("keukentafel")
        self.assertNotContains(page, "Keukentafel bij Omega")


class SearchUnitTests(SimpleTestCase):
    def rows(self, *texts):
        return [(n, " ".join(terms(t)), " ".join(terms(o)), 0) for n, (t, o) in enumerate(texts)]

    def test_compounds_both_ways_but_not_inside_unrelated_words(self):
        rows = self.rows(
            ("Het keukentafelgesprek", ""),
            ("", "een gesprek aan de keukentafel"),
            ("Wethouder", "de gemeente"),
        )
        self.assertEqual(rank("keukentafelgesprek", rows), [0, 1])
        self.assertEqual(rank("gesprek", rows), [0, 1])
        self.assertEqual(rank("ouders", rows), [])  # not inside 'wethouder'

    def test_sections_split_at_headings(self):
        parts = sections("Intro\n\n## Stap een\n1. eerst\n2. dan\n\nTekst\nloopt door\n## Stap een")
        self.assertEqual([s.title for s in parts], ["", "Stap een", "Stap een"])
        self.assertEqual(parts[1].anchor, "deel-stap-een")
        self.assertEqual(parts[2].anchor, "deel-stap-een-2")
        self.assertEqual([(b.kind, b.lines) for b in parts[1].blocks],
                         [("ol", ["eerst", "dan"]), ("p", ["Tekst", "loopt door"])])  # fmt: skip
