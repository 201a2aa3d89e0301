from django.urls import reverse

from samensterk.test import BaseTestCase


class ScopedAdminTestCase(BaseTestCase):
    def test_an_administrator_sees_only_their_organisations_groups(self):
        self.login(self.bea)
        response = self.client.get(reverse("admin:accounts_localgroup_changelist"))
        self.assertContains(response, "Groep Amsterdam")
        self.assertContains(response, "Groep Walcheren")
        self.assertNotContains(response, "Omega Utrecht")

    def test_another_organisations_group_is_out_of_reach(self):
        self.login(self.bea)
        url = reverse("admin:accounts_localgroup_change", args=[self.group_x.pk])
        response = self.client.get(url, follow=True)
        self.assertNotContains(response, "Omega Utrecht", status_code=response.status_code)

    def test_an_administrator_can_rename_their_group(self):
        self.login(self.bea)
        url = reverse("admin:accounts_localgroup_change", args=[self.group_a.pk])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)

    def test_an_administrator_only_sees_people_of_their_organisation(self):
        self.login(self.bea)
        response = self.client.get(reverse("admin:accounts_user_changelist"))
        self.assertContains(response, "carla@example.org")
        self.assertNotContains(response, "otto@example.org")
        self.assertNotContains(response, "nina@example.org")

    def test_themes_are_read_only_for_an_organisation_administrator(self):
        self.login(self.bea)
        response = self.client.get(reverse("admin:themes_theme_changelist"))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, reverse("admin:themes_theme_add"))

    def test_coordinators_and_staff_get_the_friendly_403(self):
        for user in [self.carla, self.sanne]:
            self.login(user)
            response = self.client.get(reverse("admin:index"))
            self.assertEqual(response.status_code, 403)

    def test_anonymous_visitors_are_sent_to_the_log_in_page(self):
        response = self.client.get(reverse("admin:index"))
        self.assertRedirects(response, reverse("accounts:login") + "?next=/beheer/")

    def test_the_superuser_sees_everything(self):
        self.login(self.root)
        response = self.client.get(reverse("admin:accounts_localgroup_changelist"))
        self.assertContains(response, "Omega Utrecht")
