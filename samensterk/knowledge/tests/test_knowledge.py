from django.urls import reverse

from samensterk.dossiers.tests.test_dossiers import make_dossier
from samensterk.knowledge.models import Item, ItemStatus
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


class KnowledgeTests(BaseTestCase):
    def setUp(self):
        self.vervoer = Theme.objects.get(code="vervoer")
        self.webinar = Item.objects.create(
            organisation=self.alfa, kind="webinar", title="Waar gaat de gemeente over?",
            video_url="https://www.youtube.com/watch?v=x", view_count=156, status="gepubliceerd",
            body="Over de Wmo en het keukentafelgesprek.",
        )  # fmt: skip
        self.article = Item.objects.create(
            organisation=self.alfa, kind="artikel", title="Regiotaxi te laat", status="gepubliceerd",
            view_count=12, tags="vervoer, taxi",
        )  # fmt: skip
        self.article.themes.add(self.vervoer)
        self.omega_item = Item.objects.create(
            organisation=self.omega, kind="artikel", title="Geheim van Omega", status="gepubliceerd"
        )

    def test_search_new_and_most_viewed_within_the_organisation(self):
        self.login(self.vince)
        page = self.client.get(reverse("knowledge:list"))
        self.assertEqual(list(page.context["most_viewed"])[0], self.webinar)
        self.assertNotContains(page, "Geheim van Omega")
        page = self.client.get(reverse("knowledge:list"), {"zoek": "keukentafelgesprek"})
        self.assertEqual(list(page.context["items"]), [self.webinar])
        page = self.client.get(reverse("knowledge:list"), {"zoek": "taxi"})
        self.assertEqual(list(page.context["items"]), [self.article])
        page = self.client.get(reverse("knowledge:list"), {"thema": "vervoer", "soort": "artikel"})
        self.assertEqual(list(page.context["items"]), [self.article])
        self.assertEqual(
            self.client.get(reverse("knowledge:list"), {"soort": "x"}).status_code, 404
        )
        self.client.get(reverse("knowledge:detail", args=[self.webinar.pk]))
        self.webinar.refresh_from_db()
        self.assertEqual(self.webinar.view_count, 157)
        self.assertNotFoundFor(
            [self.vince, self.sanne, self.nina],
            "get",
            reverse("knowledge:detail", args=[self.omega_item.pk]),
        )
        self.assertNotFoundFor(
            [self.otto], "get", reverse("knowledge:detail", args=[self.article.pk])
        )

    def test_staff_add_items_and_a_video_link_must_be_a_link(self):
        self.login(self.sanne)
        data = {"kind": "webinar", "title": "VN-verdrag", "video_url": "geen link", "view_count": 0}
        response = self.client.post(reverse("knowledge:create"), data)
        self.assertContains(response, "Voer een geldige URL in.", status_code=400)
        self.assertFalse(Item.objects.filter(title="VN-verdrag").exists())
        # No known address: no link rather than a made-up one.
        self.client.post(
            reverse("knowledge:create"),
            {**data, "video_url": "", "themes": [self.vervoer.pk], "publish": "on", "event_date": "2016-03-09"},
        )  # fmt: skip
        item = Item.objects.get(title="VN-verdrag")
        self.assertEqual((item.status, item.organisation), (ItemStatus.PUBLISHED, self.alfa))
        self.assertNotContains(self.client.get(item.get_absolute_url()), "Bekijk de video")
        self.assertNotFoundFor([self.carla, self.vince], "get", reverse("knowledge:create"))
        self.assertNotFoundFor([self.carla], "get", reverse("knowledge:edit", args=[item.pk]))

    def test_a_group_shares_a_good_example_which_staff_review_before_all_groups_see_it(self):
        self.login(self.carla)
        response = self.client.post(
            reverse("knowledge:example_submit"),
            {"title": "Signalenavond", "body": "Een avond in de bibliotheek.", "result": "Acht signalen.",
             "tips": "Koffie!", "themes": [self.vervoer.pk]},
            follow=True,
        )  # fmt: skip
        self.assertContains(response, "Wacht op beoordeling")
        example = Item.objects.get(title="Signalenavond")
        self.assertNotFoundFor([self.bram], "get", example.get_absolute_url())
        self.assertNotFoundFor(
            [self.carla, self.bram], "post", reverse("knowledge:review", args=[example.pk])
        )
        self.login(self.sanne)
        self.assertContains(self.client.get(reverse("knowledge:review_list")), "Signalenavond")
        self.client.post(reverse("knowledge:review", args=[example.pk]), {"besluit": "plaatsen"})
        example.refresh_from_db()
        self.assertEqual(example.status, ItemStatus.PUBLISHED)
        self.login(self.bram)
        self.assertContains(self.client.get(example.get_absolute_url()), "Koffie!")
        response = self.client.post(reverse("knowledge:example_submit"), {"title": "", "body": ""})
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.assertNotFoundFor([self.sanne, self.nina], "get", reverse("knowledge:example_submit"))

    def test_what_helps_next_to_a_signal_and_a_dossier_with_the_same_theme(self):
        signal = make_signal(self.group_a, theme=self.vervoer)
        self.login(self.carla)
        page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(page, "Wat helpt hierbij?")
        self.assertContains(page, "Regiotaxi te laat")
        dossier = make_dossier(self.group_a, self.carla)
        page = self.client.get(reverse("dossiers:dossier_detail", args=[dossier.reference]))
        self.assertContains(page, "Regiotaxi te laat")
