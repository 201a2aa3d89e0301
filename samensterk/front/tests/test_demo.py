import io

from django.core.management import call_command
from django.test import TestCase

from samensterk.accounts.models import (
    GroupMembership,
    Invitation,
    LocalGroup,
    Organisation,
    OrganisationMembership,
    User,
)
from samensterk.demo.people import DEMO_PASSWORD


def _snapshot():
    return {
        "organisations": list(Organisation.objects.values_list("slug", "name")),
        "groups": sorted(
            (g.slug, sorted(g.municipalities.values_list("code", flat=True)))
            for g in LocalGroup.objects.all()
        ),
        "users": sorted(User.objects.values_list("email", "password")),
        "memberships": sorted(
            GroupMembership.objects.values_list("user__email", "group__slug", "role")
        ),
        "roles": sorted(OrganisationMembership.objects.values_list("user__email", "role")),
        "invitations": Invitation.objects.count(),
    }


class LoadDemoTestCase(TestCase):
    def test_it_creates_the_demo_organisation_with_the_four_pilot_groups(self):
        out = io.StringIO()
        call_command("load_demo", stdout=out)
        organisation = Organisation.objects.get(slug="demo")
        self.assertEqual(
            set(organisation.groups.values_list("slug", flat=True)),
            {"amsterdam", "bossche-ommelanden", "friesland-zuid", "walcheren"},
        )
        walcheren = LocalGroup.objects.get(slug="walcheren")
        self.assertEqual(
            set(walcheren.municipalities.values_list("name", flat=True)),
            {"Middelburg", "Vlissingen", "Veere"},
        )
        self.assertIn("beheerder@samensterk.example", out.getvalue())
        self.assertIn(DEMO_PASSWORD, out.getvalue())

    def test_there_is_a_user_for_every_role(self):
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(
            set(GroupMembership.objects.values_list("role", flat=True)),
            {"coordinator", "volunteer"},
        )
        self.assertEqual(
            set(OrganisationMembership.objects.values_list("role", flat=True)),
            {"staff", "admin", "gast"},
        )
        self.assertTrue(User.objects.filter(is_superuser=True).exists())
        user = User.objects.get(email="coordinator.walcheren@samensterk.example")
        self.assertTrue(user.check_password(DEMO_PASSWORD))

    def test_running_it_twice_changes_nothing(self):
        call_command("load_demo", stdout=io.StringIO())
        first = _snapshot()
        call_command("load_demo", stdout=io.StringIO())
        self.assertEqual(_snapshot(), first)
