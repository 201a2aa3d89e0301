from django.urls import reverse

from samensterk.test import BaseTestCase


class MunicipalityViewsTestCase(BaseTestCase):
    def test_the_list_shows_all_provinces(self):
        self.login(self.vince)
        response = self.client.get(reverse("front:municipality_list"))
        self.assertContains(response, "Fryslân")
        self.assertContains(response, "Tynaarlo")

    def test_search_works_without_javascript(self):
        self.login(self.vince)
        response = self.client.get(reverse("front:municipality_list"), {"q": "den bosch"})
        self.assertContains(response, "&#x27;s-Hertogenbosch")
        self.assertContains(response, "<html")

    def test_htmx_gets_only_the_results(self):
        self.login(self.vince)
        response = self.client.get(
            reverse("front:municipality_list"), {"q": "middel"}, headers={"HX-Request": "true"}
        )
        self.assertContains(response, "Middelburg")
        self.assertNotContains(response, "<html")

    def test_search_text_is_escaped(self):
        self.login(self.vince)
        response = self.client.get(reverse("front:municipality_list"), {"q": "<b>x</b>"})
        self.assertNotContains(response, "<b>x</b>")
        self.assertContains(response, "&lt;b&gt;x&lt;/b&gt;")

    def test_the_detail_shows_only_groups_of_ones_own_organisation(self):
        self.login(self.otto)
        response = self.client.get(reverse("front:municipality_detail", args=["GM0363"]))
        self.assertContains(response, "Amsterdam")
        self.assertNotContains(response, "Groep Amsterdam")

    def test_the_detail_names_covering_groups_and_links_those_one_may_open(self):
        self.login(self.bram)
        response = self.client.get(reverse("front:municipality_detail", args=["GM0363"]))
        self.assertContains(response, "Groep Amsterdam")
        self.assertNotContains(response, reverse("accounts:group_detail", args=["groep-a"]))
        self.login(self.sanne)
        response = self.client.get(reverse("front:municipality_detail", args=["GM0363"]))
        self.assertContains(response, reverse("accounts:group_detail", args=["groep-a"]))

    def test_an_unknown_code_is_404(self):
        self.login(self.vince)
        response = self.client.get(reverse("front:municipality_detail", args=["GM9999"]))
        self.assertEqual(response.status_code, 404)

    def test_anonymous_visitors_must_log_in(self):
        response = self.client.get(reverse("front:municipality_list"))
        self.assertEqual(response.status_code, 302)
