from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from samensterk.accounts import services
from samensterk.accounts.models import GroupMembership, GroupRole, Invitation, User
from samensterk.test import PASSWORD, BaseTestCase, login_verified


class InviteTestCase(BaseTestCase):
    url = reverse("accounts:group_invite", args=["groep-a"])

    def test_a_coordinator_invites_someone_by_e_mail(self):
        self.login(self.carla)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                self.url, {"email": "Nieuw@Example.org", "role": "volunteer"}
            )
        self.assertRedirects(response, reverse("accounts:group_detail", args=["groep-a"]))
        invitation = Invitation.objects.get()
        self.assertEqual(invitation.email, "nieuw@example.org")
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["nieuw@example.org"])
        self.assertIn("/uitnodiging/", mail.outbox[0].body)
        self.assertIn("Groep Amsterdam", mail.outbox[0].subject)

    def test_only_a_hash_of_the_token_is_stored(self):
        invitation, token = services.invitation_create(
            group=self.group_a, email="x@example.org", role="volunteer", invited_by=self.carla
        )
        self.assertNotIn(token, invitation.token_hash)
        self.assertNotEqual(token, invitation.token_hash)

    def test_inviting_a_member_again_is_refused_with_a_dutch_message(self):
        self.login(self.carla)
        response = self.client.post(self.url, {"email": "vince@example.org", "role": "volunteer"})
        self.assertContains(response, str(services.ALREADY_MEMBER))
        self.assertFalse(Invitation.objects.exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_an_invalid_address_is_refused(self):
        self.login(self.carla)
        response = self.client.post(self.url, {"email": "geen-adres", "role": "volunteer"})
        self.assertContains(response, "Voer een geldig e-mailadres in")
        self.assertFalse(Invitation.objects.exists())

    def test_sending_again_replaces_the_pending_invitation(self):
        self.login(self.carla)
        self.client.post(self.url, {"email": "nieuw@example.org", "role": "volunteer"})
        self.client.post(self.url, {"email": "nieuw@example.org", "role": "coordinator"})
        self.assertEqual(Invitation.objects.pending().count(), 1)
        self.assertEqual(Invitation.objects.pending().get().role, GroupRole.COORDINATOR)

    def test_volunteers_and_national_staff_get_404_on_the_invitation_page(self):
        self.assertNotFoundFor([self.vince, self.sanne], "get", self.url)
        self.assertNotFoundFor(
            [self.vince, self.sanne],
            "post",
            self.url,
            {"email": "x@example.org", "role": "volunteer"},
        )
        self.assertFalse(Invitation.objects.exists())

    def test_volunteers_see_no_link_to_the_invitation_page(self):
        self.login(self.vince)
        for page in [
            reverse("accounts:group_detail", args=["groep-a"]),
            reverse("front:dashboard"),
        ]:
            self.assertNotContains(self.client.get(page), self.url)

    def test_other_groups_and_organisations_get_404(self):
        self.assertNotFoundFor(
            [self.bram, self.otto, self.nina],
            "post",
            self.url,
            {"email": "nieuw@example.org", "role": "volunteer"},
        )
        self.assertFalse(Invitation.objects.exists())

    def test_a_coordinator_can_revoke_an_invitation(self):
        invitation, _ = services.invitation_create(
            group=self.group_a, email="x@example.org", role="volunteer", invited_by=self.carla
        )
        self.login(self.carla)
        self.client.post(reverse("accounts:invitation_revoke", args=["groep-a", invitation.pk]))
        invitation.refresh_from_db()
        self.assertIsNotNone(invitation.revoked_at)

    def test_revoking_another_groups_invitation_gets_404(self):
        invitation, _ = services.invitation_create(
            group=self.group_b, email="x@example.org", role="volunteer", invited_by=self.bram
        )
        self.login(self.carla)
        url = reverse("accounts:invitation_revoke", args=["groep-a", invitation.pk])
        self.assertEqual(self.client.post(url).status_code, 404)
        invitation.refresh_from_db()
        self.assertIsNone(invitation.revoked_at)


class AcceptInvitationTestCase(BaseTestCase):
    def setUp(self):
        self.invitation, self.token = services.invitation_create(
            group=self.group_a, email="nieuw@example.org", role="volunteer", invited_by=self.carla
        )
        self.url = reverse("accounts:invitation", args=[self.token])

    def new_account(self, **overrides):
        data = {"full_name": "Nieuw Lid", "password1": PASSWORD, "password2": PASSWORD}
        data.update(overrides)
        return self.client.post(self.url, data)

    @override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
    def test_someone_new_makes_an_account_and_joins_the_group(self):
        response = self.new_account()
        group_page = reverse("accounts:group_detail", args=["groep-a"])
        self.assertRedirects(response, group_page, fetch_redirect_response=False)
        # A volunteer reads stories: the second step is set up before the group page opens.
        response = self.client.get(group_page)
        self.assertTrue(response["Location"].startswith(reverse("accounts:two_factor_setup")))
        user = User.objects.get(email="nieuw@example.org")
        self.assertEqual(user.full_name, "Nieuw Lid")
        self.assertTrue(user.password.startswith("argon2"))
        self.assertEqual(GroupMembership.objects.get(user=user).role, GroupRole.VOLUNTEER)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.accepted_by, user)

    def test_a_used_link_gives_a_clear_message_and_no_second_account(self):
        self.new_account()
        self.client.logout()
        response = self.new_account(full_name="Iemand Anders")
        self.assertContains(response, str(services.INVITATION_USED), status_code=410)
        self.assertEqual(User.objects.filter(email="nieuw@example.org").count(), 1)

    def test_an_expired_link_creates_nothing(self):
        Invitation.objects.filter(pk=self.invitation.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
        response = self.new_account()
        self.assertContains(response, str(services.INVITATION_EXPIRED), status_code=410)
        self.assertFalse(User.objects.filter(email="nieuw@example.org").exists())

    def test_a_revoked_link_creates_nothing(self):
        services.invitation_revoke(invitation=self.invitation)
        response = self.client.get(self.url)
        self.assertContains(response, str(services.INVITATION_REVOKED), status_code=410)

    def test_an_unknown_link_says_so(self):
        response = self.client.get(reverse("accounts:invitation", args=["onzin"]))
        self.assertContains(response, str(services.INVITATION_UNKNOWN), status_code=404)

    def test_different_passwords_store_nothing(self):
        response = self.new_account(password2="iets-heel-anders-123")
        self.assertContains(response, "De twee wachtwoorden zijn niet hetzelfde.")
        self.assertFalse(User.objects.filter(email="nieuw@example.org").exists())
        self.invitation.refresh_from_db()
        self.assertIsNone(self.invitation.accepted_at)

    def test_a_weak_password_stores_nothing(self):
        response = self.new_account(password1="12345678", password2="12345678")
        self.assertContains(response, "errorlist")
        self.assertFalse(User.objects.filter(email="nieuw@example.org").exists())
        self.invitation.refresh_from_db()
        self.assertIsNone(self.invitation.accepted_at)

    def test_a_name_with_markup_is_shown_escaped(self):
        self.new_account(full_name="<script>alert(1)</script>")
        login_verified(self.client, User.objects.get(email="nieuw@example.org"))
        response = self.client.get(reverse("front:dashboard"))
        self.assertNotContains(response, "<script>alert(1)</script>")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")

    def test_someone_with_an_account_is_asked_to_log_in_first(self):
        User.objects.create_user(email="nieuw@example.org", password=PASSWORD, full_name="Al Lid")
        response = self.client.get(self.url)
        self.assertContains(response, "Je hebt al een account")
        self.assertFalse(GroupMembership.objects.filter(user__email="nieuw@example.org").exists())

    def test_a_logged_in_invitee_accepts_with_one_click(self):
        user = User.objects.create_user(
            email="nieuw@example.org", password=PASSWORD, full_name="Al"
        )
        self.login(user)
        self.assertContains(self.client.get(self.url), "Uitnodiging accepteren")
        self.client.post(self.url)
        self.assertTrue(GroupMembership.objects.filter(user=user, group=self.group_a).exists())

    def test_someone_logged_in_with_another_address_cannot_accept(self):
        self.login(self.bram)
        response = self.client.post(self.url)
        self.assertContains(response, str(services.INVITATION_OTHER_ACCOUNT), status_code=403)
        self.assertFalse(
            GroupMembership.objects.filter(user=self.bram, group=self.group_a).exists()
        )
