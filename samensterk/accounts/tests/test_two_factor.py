"""Log-in in two steps: required for coordinators, staff, administrators and superusers."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samensterk.accounts import two_factor
from samensterk.test import (
    PASSWORD,
    BaseTestCase,
    authenticator_code,
    authenticator_device,
    totp_code,
)

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")
DASHBOARD = reverse("front:dashboard")


class TwoFactorTestCase(BaseTestCase):
    def password_step(self, user, next_url=""):
        data = {"username": user.email, "password": PASSWORD}
        if next_url:
            data["next"] = next_url
        return self.client.post(LOGIN, data)

    def test_who_must_use_it(self):
        for user in (self.carla, self.bram, self.sanne, self.bea, self.otto, self.root):
            self.assertTrue(two_factor.required_for(user), user.full_name)
        for user in (self.vince, self.nina):
            self.assertFalse(two_factor.required_for(user), user.full_name)

    def test_a_coordinator_without_an_app_must_set_one_up_before_anything_else(self):
        self.password_step(self.carla)
        for path in (DASHBOARD, reverse("intake:signal_list"), "/beheer/", "/account/"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 302, path)
            self.assertTrue(response["Location"].startswith(SETUP), path)
        # The API does not accept the half-finished session either.
        self.assertEqual(self.client.get("/api/v1/signals").status_code, 401)
        response = self.client.get(SETUP)
        self.assertContains(response, "Inloggen in twee stappen instellen")
        self.assertContains(response, 'src="data:image/svg+xml')

    def test_setting_up_with_a_wrong_code_changes_nothing(self):
        self.password_step(self.carla)
        self.client.get(SETUP)
        response = self.client.post(SETUP, {"code": "000000"})
        self.assertContains(response, "Deze code klopt niet")
        self.assertFalse(two_factor.is_enabled(self.carla))
        response = self.client.post(SETUP, {"code": ""})
        self.assertContains(response, "Typ de code uit de app")
        self.assertEqual(self.client.get(DASHBOARD).status_code, 302)

    def test_setting_up_shows_ten_recovery_codes_once_and_opens_the_site(self):
        self.password_step(self.carla, next_url=reverse("intake:signal_list"))
        response = self.client.get(DASHBOARD)
        response = self.client.get(response["Location"])
        device = TOTPDevice.objects.get(user=self.carla, confirmed=False)
        code = totp_code(device)
        response = self.client.post(
            SETUP, {"code": code, "next": reverse("front:dashboard")}, follow=True
        )
        self.assertContains(response, "Je herstelcodes")
        codes = response.context["codes"]
        self.assertEqual(len(codes), 10)
        self.assertEqual(two_factor.recovery_codes_left(self.carla), 10)
        self.assertTrue(two_factor.is_enabled(self.carla))
        self.assertEqual(self.client.get(DASHBOARD).status_code, 200)
        # Shown once only.
        again = self.client.get(reverse("accounts:two_factor_codes"))
        self.assertRedirects(again, reverse("accounts:account"))

    def test_with_an_app_the_second_step_asks_for_its_code(self):
        authenticator_device(self.carla)
        response = self.password_step(self.carla, next_url="/signalen/")
        response = self.client.get(response["Location"])
        self.assertTrue(response["Location"].startswith(VERIFY))
        response = self.client.post(VERIFY, {"code": "123 456", "next": "/signalen/"})
        self.assertContains(response, "Deze code klopt niet")
        self.assertEqual(self.client.get(DASHBOARD).status_code, 302)

    def test_the_right_code_opens_the_site_and_cannot_be_used_twice(self):
        authenticator_device(self.carla)
        self.password_step(self.carla)
        code = authenticator_code(self.carla)
        response = self.client.post(VERIFY, {"code": code, "next": "/signalen/"})
        self.assertRedirects(response, "/signalen/")
        self.assertEqual(self.client.get(DASHBOARD).status_code, 200)
        # Someone who saw the code cannot use it again in another session.
        self.client.logout()
        self.password_step(self.carla)
        response = self.client.post(VERIFY, {"code": code})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.client.get(DASHBOARD).status_code, 302)

    def test_after_a_wrong_code_the_next_try_must_wait(self):
        authenticator_device(self.carla)
        self.password_step(self.carla)
        self.client.post(VERIFY, {"code": "000000"})
        response = self.client.post(VERIFY, {"code": authenticator_code(self.carla)})
        self.assertContains(response, "Te veel foute codes")
        self.assertEqual(self.client.get(DASHBOARD).status_code, 302)

    def test_a_recovery_code_works_once(self):
        authenticator_device(self.carla)
        codes = two_factor._replace_recovery_codes(self.carla)
        self.password_step(self.carla)
        response = self.client.post(VERIFY, {"code": codes[0].upper()})
        self.assertRedirects(response, DASHBOARD)
        self.assertEqual(two_factor.recovery_codes_left(self.carla), 9)
        self.client.logout()
        self.password_step(self.carla)
        response = self.client.post(VERIFY, {"code": codes[0]})
        self.assertContains(response, "Deze code klopt niet")

    def test_the_next_address_may_not_lead_to_another_site(self):
        authenticator_device(self.carla)
        self.password_step(self.carla)
        response = self.client.post(
            VERIFY, {"code": authenticator_code(self.carla), "next": "https://evil.example/"}
        )
        self.assertRedirects(response, DASHBOARD)

    def test_a_volunteer_logs_in_without_it_and_may_switch_it_on_and_off(self):
        response = self.password_step(self.vince)
        self.assertRedirects(response, DASHBOARD)
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.vince, confirmed=False)
        self.client.post(SETUP, {"code": totp_code(device)})
        self.assertTrue(two_factor.is_enabled(self.vince))
        # From now on, vince's log-in has two steps too.
        self.client.logout()
        self.password_step(self.vince)
        self.assertTrue(self.client.get(DASHBOARD)["Location"].startswith(VERIFY))
        self.client.post(VERIFY, {"code": authenticator_code(self.vince)})
        response = self.client.post(reverse("accounts:two_factor_disable"), follow=True)
        self.assertContains(response, "staat uit")
        self.assertFalse(two_factor.is_enabled(self.vince))

    def test_a_coordinator_cannot_switch_it_off(self):
        self.login(self.carla)
        response = self.client.post(reverse("accounts:two_factor_disable"), follow=True)
        self.assertContains(response, "verplicht")
        self.assertTrue(two_factor.is_enabled(self.carla))

    def test_new_recovery_codes_replace_the_old_ones(self):
        self.login(self.carla)
        old = two_factor._replace_recovery_codes(self.carla)
        response = self.client.post(reverse("accounts:two_factor_new_codes"), follow=True)
        self.assertEqual(len(response.context["codes"]), 10)
        self.assertFalse(StaticToken.objects.filter(token__in=old).exists())

    def test_an_administrator_resets_it_for_a_member_of_their_organisation_only(self):
        authenticator_device(self.carla)
        authenticator_device(self.otto)
        self.login(self.bea)
        url = reverse("admin:accounts_user_changelist")
        self.client.post(
            url,
            {"action": "reset_two_factor", "_selected_action": [self.carla.pk, self.otto.pk]},
        )
        self.assertFalse(two_factor.is_enabled(self.carla))
        self.assertTrue(two_factor.is_enabled(self.otto))

    def test_the_account_page_tells_the_state(self):
        self.login(self.carla)
        response = self.client.get(reverse("accounts:account"))
        self.assertContains(response, "Staat aan")
        self.assertNotContains(response, reverse("accounts:two_factor_disable"))
        self.login(self.vince)
        response = self.client.get(reverse("accounts:account"))
        self.assertContains(response, "Staat uit")
