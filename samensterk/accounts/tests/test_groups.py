from django.urls import reverse

from samensterk.accounts.models import GroupMembership, GroupRole
from samensterk.accounts.services import LAST_COORDINATOR
from samensterk.test import BaseTestCase


class GroupListTestCase(BaseTestCase):
    def test_it_lists_only_the_groups_a_user_may_see(self):
        self.login(self.carla)
        response = self.client.get(reverse("accounts:group_list"))
        self.assertContains(response, "Groep Amsterdam")
        self.assertNotContains(response, "Groep Walcheren")
        self.assertNotContains(response, "Omega Utrecht")

    def test_national_staff_see_all_groups_of_their_organisation(self):
        self.login(self.sanne)
        response = self.client.get(reverse("accounts:group_list"))
        self.assertContains(response, "Groep Amsterdam")
        self.assertContains(response, "Groep Walcheren")
        self.assertNotContains(response, "Omega Utrecht")

    def test_it_asks_anonymous_visitors_to_log_in(self):
        response = self.client.get(reverse("accounts:group_list"))
        self.assertRedirects(response, reverse("accounts:login") + "?next=/groepen/")


class GroupDetailTestCase(BaseTestCase):
    url = reverse("accounts:group_detail", args=["groep-a"])

    def test_members_see_their_group_and_its_members(self):
        self.login(self.vince)
        response = self.client.get(self.url)
        self.assertContains(response, "Carla Coördinator")
        self.assertContains(response, "Amsterdam")

    def test_volunteers_do_not_see_e_mail_addresses_or_management(self):
        self.login(self.vince)
        response = self.client.get(self.url)
        self.assertNotContains(response, "carla@example.org")
        self.assertNotContains(response, "Iemand uitnodigen")

    def test_coordinators_see_addresses_and_can_invite(self):
        self.login(self.carla)
        response = self.client.get(self.url)
        self.assertContains(response, "vince@example.org")
        self.assertContains(response, reverse("accounts:group_invite", args=["groep-a"]))

    def test_national_staff_see_it_but_do_not_manage_it(self):
        self.login(self.sanne)
        response = self.client.get(self.url)
        self.assertContains(response, "vince@example.org")
        self.assertNotContains(response, "Iemand uitnodigen")

    def test_another_group_and_another_organisation_get_404(self):
        self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", self.url)

    def test_an_unknown_group_gets_the_dutch_404_page(self):
        self.login(self.carla)
        response = self.client.get(reverse("accounts:group_detail", args=["bestaat-niet"]))
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)


class MemberManagementTestCase(BaseTestCase):
    def role_url(self, membership):
        return reverse("accounts:member_role", args=[membership.group.slug, membership.pk])

    def remove_url(self, membership):
        return reverse("accounts:member_remove", args=[membership.group.slug, membership.pk])

    def test_a_coordinator_can_make_a_volunteer_coordinator(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.login(self.carla)
        self.client.post(self.role_url(membership), {"role": GroupRole.COORDINATOR})
        membership.refresh_from_db()
        self.assertEqual(membership.role, GroupRole.COORDINATOR)

    def test_the_last_coordinator_cannot_step_down(self):
        membership = GroupMembership.objects.get(user=self.carla)
        self.login(self.carla)
        response = self.client.post(
            self.role_url(membership), {"role": GroupRole.VOLUNTEER}, follow=True
        )
        self.assertContains(response, str(LAST_COORDINATOR))
        membership.refresh_from_db()
        self.assertEqual(membership.role, GroupRole.COORDINATOR)

    def test_the_last_coordinator_cannot_be_removed(self):
        membership = GroupMembership.objects.get(user=self.carla)
        self.login(self.bea)
        self.client.post(self.remove_url(membership))
        self.assertTrue(GroupMembership.objects.filter(pk=membership.pk).exists())

    def test_a_coordinator_can_remove_a_volunteer(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.login(self.carla)
        response = self.client.post(self.remove_url(membership), follow=True)
        self.assertContains(response, "is geen lid meer van de groep")
        self.assertFalse(GroupMembership.objects.filter(pk=membership.pk).exists())

    def test_a_volunteer_may_not_manage_members(self):
        membership = GroupMembership.objects.get(user=self.carla)
        self.assertNotFoundFor([self.vince], "post", self.remove_url(membership))
        self.assertNotFoundFor(
            [self.vince], "post", self.role_url(membership), {"role": GroupRole.VOLUNTEER}
        )
        membership.refresh_from_db()
        self.assertEqual(membership.role, GroupRole.COORDINATOR)

    def test_other_groups_and_organisations_get_404(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.assertNotFoundFor(
            [self.bram, self.otto, self.nina], "post", self.remove_url(membership)
        )
        self.assertTrue(GroupMembership.objects.filter(pk=membership.pk).exists())

    def test_changing_a_role_from_another_group_or_organisation_gets_404(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.assertNotFoundFor(
            [self.bram, self.otto, self.nina],
            "post",
            self.role_url(membership),
            {"role": GroupRole.COORDINATOR},
        )
        membership.refresh_from_db()
        self.assertEqual(membership.role, GroupRole.VOLUNTEER)

    def test_national_staff_see_the_group_but_may_not_manage_it(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.assertNotFoundFor([self.sanne], "post", self.remove_url(membership))
        self.assertTrue(GroupMembership.objects.filter(pk=membership.pk).exists())

    def test_a_membership_of_another_group_cannot_be_reached_through_ones_own_group(self):
        other = GroupMembership.objects.get(user=self.bram)
        self.login(self.carla)
        url = reverse("accounts:member_remove", args=["groep-a", other.pk])
        self.assertEqual(self.client.post(url).status_code, 404)
        self.assertTrue(GroupMembership.objects.filter(pk=other.pk).exists())

    def test_removal_needs_post(self):
        membership = GroupMembership.objects.get(user=self.vince)
        self.login(self.carla)
        self.assertEqual(self.client.get(self.remove_url(membership)).status_code, 405)
