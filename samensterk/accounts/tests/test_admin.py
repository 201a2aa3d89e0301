from django.urls import reverse

from samensterk.accounts import services
from samensterk.network.services import types_for
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

    def test_another_organisations_objects_answer_404(self):
        invitation, _token = services.invitation_create(
            group=self.group_x, email="x@example.org", role="volunteer", invited_by=self.otto
        )
        objects = [
            ("accounts_localgroup", self.group_x.pk),
            ("accounts_organisation", self.omega.pk),
            ("accounts_invitation", invitation.pk),
            ("accounts_user", self.otto.pk),
            ("network_stakeholdertype", types_for(self.omega)[0].pk),
        ]
        for model, pk in objects:
            for view in ["change", "history", "delete"]:
                url = reverse(f"admin:{model}_{view}", args=[pk])
                self.assertNotFoundFor([self.bea], "get", url)
            self.assertNotFoundFor(
                [self.bea], "post", reverse(f"admin:{model}_change", args=[pk]), {"name": "x"}
            )
        self.group_x.refresh_from_db()
        self.assertEqual(self.group_x.name, "Omega Utrecht")

    def test_what_an_administrator_may_not_do_in_their_own_organisation_answers_404(self):
        self.assertNotFoundFor([self.bea], "get", reverse("admin:themes_theme_add"))
        self.assertNotFoundFor(
            [self.bea], "get", reverse("admin:accounts_localgroup_delete", args=[self.group_a.pk])
        )

    def test_an_object_that_does_not_exist_answers_404(self):
        url = reverse("admin:accounts_localgroup_change", args=[999999])
        self.assertNotFoundFor([self.bea, self.root], "get", url)

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
