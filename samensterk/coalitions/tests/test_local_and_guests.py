"""Coalitions a local group starts, and partners without an installation of their own: invited
by e-mail, they make a guest account that sees only their coalitions."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samensterk.accounts import two_factor
from samensterk.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from samensterk.accounts.permissions import scope_for
from samensterk.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberStatus,
    PartnerInvitation,
    SharedItem,
)
from samensterk.places.models import Municipality
from samensterk.test import PASSWORD, make_signal, make_user

from .test_coalitions import CoalitionTestCase

# Every item of the main menu of a member, national staff included. Public pages (the
# municipalities and themes, open to anyone by design) are left out.
MEMBER_MENU = [
    "intake:signal_list",
    "dossiers:dossier_list",
    "reports:report_list",
    "network:register",
    "accounts:group_list",
    "knowledge:list",
    "advocacy:request_list",
    "surveys:questionnaire_list",
    "surveys:panel",
    "courses:overview",
    "privacy:subject_start",
]


class LocalCoalitionTestCase(CoalitionTestCase):
    def start_local(self, user=None, **data):
        self.login(user or self.carla)
        values = {
            "group": self.group_a.pk,
            "name": "Amsterdam toegankelijk",
            "purpose": "Een toegankelijke stad.",
            "municipality": self.amsterdam.pk,
        }
        values.update(data)
        return self.client.post(reverse("coalitions:create"), values, follow=True)

    def invite_partner(self, coalition, user=None, **data):
        self.login(user or self.carla)
        values = {"name": "MEE Amstel en Zaan", "contact_name": "Jan", "email": "jan@mee.example"}
        values.update(data)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                reverse("coalitions:partner_invite", args=[coalition.pk]), values, follow=True
            )

    def link(self) -> str:
        body = mail.outbox[-1].body
        return re.search(r"https?://\S+/coalitie-uitnodiging/\S+/", body).group(0)

    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.link())

    def guest_joins(self, coalition) -> User:
        self.invite_partner(coalition)
        path = self.path()
        self.client.logout()
        self.client.post(
            path, {"full_name": "Jan Jansen", "password1": PASSWORD, "password2": PASSWORD}
        )
        return User.objects.get(email="jan@mee.example")


class CoordinatorStartsTests(LocalCoalitionTestCase):
    def test_a_coordinator_starts_one_for_their_groups_municipality(self):
        self.login(self.carla)
        form = self.client.get(reverse("coalitions:create"))
        self.assertEqual(form.status_code, 200)
        # Only the group's municipalities can be chosen.
        choices = list(form.context["form"].fields["municipality"].queryset)
        self.assertEqual(choices, [self.amsterdam])
        response = self.start_local()
        self.assertContains(response, "De coalitie is gestart.")
        coalition = Coalition.objects.get()
        self.assertEqual(coalition.started_by, self.alfa)
        self.assertEqual(coalition.group, self.group_a)
        self.assertEqual(
            CoalitionMember.objects.get(coalition=coalition).status, MemberStatus.MEMBER
        )
        # The coordinator acts for the organisation: the invite forms are there.
        self.assertContains(response, "Partner zonder account uitnodigen")
        self.assertContains(response, "Groep Amsterdam")

    def test_not_for_a_municipality_outside_the_group_and_nothing_stored(self):
        utrecht = Municipality.objects.get(code="GM0344")
        response = self.start_local(municipality=utrecht.pk)
        self.assertContains(response, "Selecteer een geldige keuze")
        response = self.start_local(municipality="")
        self.assertContains(response, "Kies een gemeente.")
        self.assertFalse(Coalition.objects.exists())
        # Another coordinator's group cannot be chosen either.
        response = self.start_local(group=self.group_b.pk)
        self.assertContains(response, "Selecteer een geldige keuze")
        self.assertFalse(Coalition.objects.exists())

    def test_other_groups_get_404_unless_their_organisation_takes_part(self):
        self.start_local()
        coalition = Coalition.objects.get()
        page = reverse("coalitions:detail", args=[coalition.pk])
        # Bram: the same organisation, another area. Otto, Olga: Omega, not a member.
        self.assertNotFoundFor([self.bram, self.otto, self.olga, self.zoe, self.nina], "get", page)
        for name in ["invite", "partner_invite", "leave"]:
            self.assertNotFoundFor(
                [self.bram, self.otto], "post", reverse(f"coalitions:{name}", args=[coalition.pk])
            )
        # A volunteer of the group sees it, but does not act for the organisation.
        self.login(self.vince)
        self.assertContains(self.client.get(page), "Amsterdam toegankelijk")
        self.assertNotFoundFor(
            [self.vince],
            "post",
            reverse("coalitions:partner_invite", args=[coalition.pk]),
            {"name": "X", "email": "x@example.org"},
        )
        # Omega is invited and accepts: now Otto (Omega's group in Amsterdam) sees it.
        self.login(self.carla)
        self.client.post(
            reverse("coalitions:invite", args=[coalition.pk]), {"organisation": self.omega.pk}
        )
        self.login(self.olga)
        self.client.post(reverse("coalitions:answer", args=[coalition.pk]), {"antwoord": "ja"})
        self.login(self.otto)
        self.assertContains(self.client.get(page), "Amsterdam toegankelijk")
        # ...but does not act for Alfa.
        self.assertNotContains(self.client.get(page), "Partner zonder account uitnodigen")

    def test_national_staff_see_and_act_in_their_groups_coalition(self):
        self.start_local()
        coalition = Coalition.objects.get()
        self.login(self.sanne)
        page = self.client.get(reverse("coalitions:detail", args=[coalition.pk]))
        self.assertContains(page, "Partner zonder account uitnodigen")
        self.invite_partner(coalition, user=self.sanne)
        self.assertEqual(len(mail.outbox), 1)


class PartnerInvitationTests(LocalCoalitionTestCase):
    def setUp(self):
        self.start_local()
        self.coalition = Coalition.objects.get()

    def test_the_invitation_makes_a_guest_organisation_and_an_email_through_the_task(self):
        response = self.invite_partner(self.coalition)
        self.assertContains(response, "MEE Amstel en Zaan is uitgenodigd.")
        partner = Organisation.objects.get(name="MEE Amstel en Zaan")
        self.assertEqual(partner.kind, Organisation.Kind.GUEST)
        member = CoalitionMember.objects.get(organisation=partner)
        self.assertEqual(member.status, MemberStatus.INVITED)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["jan@mee.example"])
        self.assertIn("Amsterdam toegankelijk", message.subject)
        self.assertIn("Beste Jan,", message.body)
        invitation = PartnerInvitation.objects.get()
        self.assertIsNotNone(invitation.sent_at)
        # Only the hash is stored; the link's token is not in the database.
        token = self.link().rstrip("/").rsplit("/", 1)[1]
        self.assertNotIn(token, invitation.token_hash)
        self.assertContains(self.client.get(self.coalition.get_absolute_url()), "jan@mee.example")

    def test_clear_errors_and_nothing_half_stored(self):
        response = self.invite_partner(self.coalition, name="", email="geen-adres")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Vul de naam van de organisatie in.", status_code=400)
        self.assertContains(response, "Dit is geen geldig e-mailadres.", status_code=400)
        self.invite_partner(self.coalition)
        response = self.invite_partner(self.coalition, name="MEE nog eens")
        self.assertContains(
            response, "Dit e-mailadres is al uitgenodigd voor deze coalitie.", status_code=400
        )
        self.assertEqual(Organisation.objects.filter(kind=Organisation.Kind.GUEST).count(), 1)
        self.assertEqual(len(mail.outbox), 1)

    def test_the_link_makes_a_guest_account_once(self):
        self.invite_partner(self.coalition)
        path = self.path()
        self.client.logout()
        page = self.client.get(path)
        self.assertContains(page, "Gastaccount maken")
        self.assertContains(page, "jan@mee.example")
        response = self.client.post(
            path, {"full_name": "Jan Jansen", "password1": PASSWORD, "password2": "anders"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(User.objects.filter(email="jan@mee.example").exists())
        response = self.client.post(
            path, {"full_name": "Jan Jansen", "password1": PASSWORD, "password2": PASSWORD}
        )
        guest = User.objects.get(email="jan@mee.example")
        membership = OrganisationMembership.objects.get(user=guest)
        self.assertEqual(membership.role, OrganisationRole.GUEST)
        self.assertEqual(
            CoalitionMember.objects.get(organisation=membership.organisation).status,
            MemberStatus.MEMBER,
        )
        # Logged in, the second step comes first; a code by e-mail is allowed for a guest.
        self.assertEqual(two_factor.next_step(guest), two_factor.SETUP)
        self.assertTrue(two_factor.email_allowed(guest))
        self.assertRedirects(
            self.client.get(self.coalition.get_absolute_url()),
            reverse("accounts:two_factor_setup") + "?next=" + self.coalition.get_absolute_url(),
        )
        # Used: the same link again.
        self.client.logout()
        again = self.client.get(path)
        self.assertContains(again, "al gebruikt", status_code=410)
        self.assertEqual(User.objects.filter(email="jan@mee.example").count(), 1)

    def test_an_expired_or_unknown_link_does_nothing(self):
        self.invite_partner(self.coalition)
        path = self.path()
        PartnerInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        self.client.logout()
        self.assertContains(self.client.get(path), "verlopen", status_code=410)
        response = self.client.post(
            path, {"full_name": "Jan Jansen", "password1": PASSWORD, "password2": PASSWORD}
        )
        self.assertEqual(response.status_code, 410)
        self.assertFalse(User.objects.filter(email="jan@mee.example").exists())
        unknown = reverse("coalitions:partner_invitation", args=["x" * 40])
        self.assertEqual(self.client.get(unknown).status_code, 404)

    def test_someone_with_an_account_accepts_with_it(self):
        existing = make_user("jan@mee.example", "Jan Jansen")
        self.invite_partner(self.coalition)
        path = self.path()
        self.client.logout()
        self.assertContains(self.client.get(path), "Je hebt al een account.")
        self.login(self.nina)  # someone else
        self.assertEqual(self.client.get(path).status_code, 403)
        self.login(existing)
        self.client.post(path)
        self.assertTrue(scope_for(User.objects.get(pk=existing.pk)).is_guest)
        self.assertEqual(
            CoalitionMember.objects.get(organisation__kind="gast").status, MemberStatus.MEMBER
        )


class GuestScopeTests(LocalCoalitionTestCase):
    def test_a_guest_sees_only_their_coalition_and_what_is_shared(self):
        self.start_local()
        coalition = Coalition.objects.get()
        self.share(self.carla, coalition, f"o:{self.gemeente.pk}")
        for _ in range(3):  # below the threshold: never an exact small count
            make_signal(self.group_a, municipality=self.amsterdam, theme=self.vervoer)
        guest = self.guest_joins(coalition)
        # A coalition of Alfa without the guest partner.
        self.login(self.sanne)
        self.client.post(
            reverse("coalitions:create"),
            {
                "organisation": self.alfa.pk,
                "name": "Andere coalitie",
                "municipality": self.amsterdam.pk,
            },
        )
        other = Coalition.objects.get(name="Andere coalitie")
        self.share(self.sanne, other, f"p:{self.wethouder.pk}")

        self.login(guest)
        listing = self.client.get(reverse("coalitions:list"))
        self.assertContains(listing, "Amsterdam toegankelijk")
        self.assertNotContains(listing, "Andere coalitie")
        # The menu holds the coalitions only.
        self.assertEqual([item["label"] for item in listing.context["nav_items"]], ["Coalities"])
        self.assertNotContains(listing, f'href="{reverse("network:register")}"')
        page = self.client.get(coalition.get_absolute_url())
        self.assertContains(page, "Gemeente Amsterdam")
        self.assertContains(page, "MEE Amstel en Zaan")
        self.assertNotContains(page, "Partner zonder account uitnodigen")
        row = next(r for r in page.context["figures"]["rows"] if r.name == "Vereniging Alfa")
        self.assertNotIn("3", [str(c) for c in row.cells if c is not None])
        self.assertEqual(str(row.total), "< 5")
        shared = SharedItem.objects.get(stakeholder=self.gemeente)
        self.assertEqual(
            self.client.get(
                reverse("coalitions:shared", args=[coalition.pk, shared.pk])
            ).status_code,
            200,
        )
        other_item = SharedItem.objects.get(coalition=other)
        self.assertNotFoundFor(
            [guest], "get", reverse("coalitions:shared", args=[other.pk, other_item.pk])
        )
        self.assertNotFoundFor([guest], "get", other.get_absolute_url())
        # Nothing of the rest of the product.
        answers = {name: self.client.get(reverse(name)).status_code for name in MEMBER_MENU}
        self.assertEqual(answers, dict.fromkeys(MEMBER_MENU, 404))
        self.assertRedirects(
            self.client.get(reverse("front:dashboard")), reverse("coalitions:list")
        )
        for url in [
            reverse("network:stakeholder_detail", args=[self.gemeente.pk]),
            reverse("accounts:group_detail", args=[self.group_a.slug]),
            reverse("surveys:group_panel", args=[self.group_a.slug]),
            reverse("coalitions:create"),
        ]:
            self.assertNotFoundFor([guest], "get", url)
        # A guest shares nothing and acts for no one.
        self.assertNotFoundFor(
            [guest],
            "post",
            reverse("coalitions:share"),
            {"item": f"o:{self.gemeente.pk}", "coalitie": coalition.pk},
        )
        for name in ["invite", "partner_invite", "leave"]:
            self.assertNotFoundFor(
                [guest], "post", reverse(f"coalitions:{name}", args=[coalition.pk])
            )
        self.assertTrue(Coalition.objects.filter(pk=coalition.pk).exists())
