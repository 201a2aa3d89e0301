"""Log-in in two steps: required for coordinators, staff, administrators and superusers."""

from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from samensterk.accounts import two_factor
from samensterk.accounts.models import GroupMembership, GroupRole
from samensterk.test import (
    PASSWORD,
    BaseTestCase,
    authenticator_code,
    authenticator_device,
    emailed_code,
    totp_code,
)

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")
DASHBOARD = reverse("front:dashboard")
CONFIRM = reverse("accounts:two_factor_confirm")
NEW_CODES = reverse("accounts:two_factor_new_codes")
DISABLE = reverse("accounts:two_factor_disable")


class TwoFactorTestCase(BaseTestCase):
    def password_step(self, user, next_url=""):
        data = {"username": user.email, "password": PASSWORD}
        if next_url:
            data["next"] = next_url
        return self.client.post(LOGIN, data)

    def confirm_now(self, user):
        """Give a fresh code in this (already verified) session."""
        response = self.client.post(CONFIRM, {"code": authenticator_code(user)})
        self.assertEqual(response.status_code, 302)

    def test_who_must_use_it(self):
        for user in (self.carla, self.vince, self.bram, self.sanne, self.bea, self.otto, self.root):
            self.assertTrue(two_factor.required_for(user), user.full_name)
        self.assertFalse(two_factor.required_for(self.nina))

    def test_volunteers_may_choose_e_mail_and_whoever_manages_or_oversees_may_not(self):
        self.assertTrue(two_factor.email_allowed(self.vince))
        for user in (self.carla, self.bram, self.otto, self.sanne, self.bea, self.root):
            self.assertFalse(two_factor.email_allowed(user), user.full_name)

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

    def test_someone_without_a_role_may_switch_it_on_and_off_with_a_fresh_code(self):
        response = self.password_step(self.nina)
        self.assertRedirects(response, DASHBOARD)
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.nina, confirmed=False)
        self.client.post(SETUP, {"code": totp_code(device)})
        self.assertTrue(two_factor.is_enabled(self.nina))
        # From now on, nina's log-in has two steps too.
        self.client.logout()
        self.password_step(self.nina)
        self.assertTrue(self.client.get(DASHBOARD)["Location"].startswith(VERIFY))
        self.client.post(VERIFY, {"code": authenticator_code(self.nina)})
        response = self.client.get(DISABLE)
        self.assertContains(response, "Zet het uit")
        response = self.client.post(DISABLE, follow=True)
        self.assertContains(response, "staat uit")
        self.assertFalse(two_factor.is_enabled(self.nina))

    def test_a_member_cannot_switch_it_off(self):
        for user in (self.vince, self.carla):
            self.login(user)
            self.confirm_now(user)
            response = self.client.post(DISABLE, follow=True)
            self.assertContains(response, "verplicht")
            self.assertTrue(two_factor.is_enabled(user))
            self.client.logout()

    def test_new_recovery_codes_need_a_fresh_code_and_replace_the_old_ones(self):
        self.login(self.carla)
        old = two_factor._replace_recovery_codes(self.carla)
        # Verified when the session began, but not within the last few minutes.
        response = self.client.post(NEW_CODES)
        self.assertRedirects(response, f"{CONFIRM}?next={NEW_CODES}", fetch_redirect_response=False)
        self.assertEqual(set(StaticToken.objects.values_list("token", flat=True)), set(old))
        response = self.client.post(
            CONFIRM, {"code": authenticator_code(self.carla), "next": NEW_CODES}
        )
        self.assertRedirects(response, NEW_CODES)
        self.assertContains(self.client.get(NEW_CODES), "De oude codes werken daarna niet meer")
        response = self.client.post(NEW_CODES, follow=True)
        self.assertEqual(len(response.context["codes"]), 10)
        self.assertFalse(StaticToken.objects.filter(token__in=old).exists())

    def test_a_code_given_long_ago_is_not_fresh(self):
        self.login(self.carla)
        self.confirm_now(self.carla)
        self.assertEqual(self.client.get(NEW_CODES).status_code, 200)
        session = self.client.session
        session["two_factor_verified_at"] -= two_factor.FRESH_SECONDS + 1
        session.save()
        self.assertTrue(self.client.get(NEW_CODES)["Location"].startswith(CONFIRM))
        self.assertTrue(self.client.get(SETUP)["Location"].startswith(CONFIRM))

    def test_replacing_the_app_needs_a_fresh_code(self):
        self.login(self.carla)
        old_device = authenticator_device(self.carla)
        self.assertTrue(self.client.get(SETUP)["Location"].startswith(CONFIRM))
        self.confirm_now(self.carla)
        response = self.client.get(SETUP)
        self.assertContains(response, "De oude manier en je oude herstelcodes werken daarna niet")
        device = TOTPDevice.objects.get(user=self.carla, confirmed=False)
        self.client.post(SETUP, {"code": totp_code(device), "method": "app"})
        self.assertFalse(TOTPDevice.objects.filter(pk=old_device.pk).exists())
        self.assertEqual(two_factor.app_device(self.carla), device)

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
        self.assertContains(response, "code uit de app op je telefoon")
        self.assertNotContains(response, DISABLE)
        self.client.logout()
        self.client.force_login(self.nina)
        response = self.client.get(reverse("accounts:account"))
        self.assertContains(response, "Staat uit")


class SecondStepCannotBeChangedWithAPasswordOnlyTestCase(BaseTestCase):
    """The attack that was found: with only the password, make new recovery codes, read them,
    and log in with one (which also cancelled the owner's codes)."""

    def test_a_password_alone_cannot_make_see_or_switch_off_codes(self):
        authenticator_device(self.carla)
        owners = two_factor._replace_recovery_codes(self.carla)
        self.client.post(LOGIN, {"username": self.carla.email, "password": PASSWORD})
        for path in (NEW_CODES, reverse("accounts:two_factor_codes"), DISABLE, CONFIRM):
            for method in ("get", "post"):
                response = getattr(self.client, method)(path)
                self.assertEqual(response.status_code, 302, f"{method} {path}")
                self.assertTrue(response["Location"].startswith(VERIFY), f"{method} {path}")
        self.assertEqual(set(StaticToken.objects.values_list("token", flat=True)), set(owners))
        self.assertFalse(self.client.session.get("two_factor_fresh_codes"))
        # Setting up a new app is not a way round it either: it asks for the current one.
        self.assertRedirects(self.client.get(SETUP), VERIFY, fetch_redirect_response=False)
        self.client.post(SETUP, {"code": "123456"})
        self.assertEqual(TOTPDevice.objects.filter(user=self.carla).count(), 1)


class EmailCodeTestCase(BaseTestCase):
    """Volunteers and coordinators may get their code by e-mail instead of from an app."""

    def set_up_email(self, user):
        self.client.post(LOGIN, {"username": user.email, "password": PASSWORD})
        response = self.client.get(DASHBOARD)
        self.assertTrue(response["Location"].startswith(SETUP))
        response = self.client.get(SETUP + "?manier=email")
        self.assertContains(response, "Stuur mij een code")
        self.client.post(SETUP, {"method": "email", "action": "send"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [user.email])
        self.assertIn("inlogcode", mail.outbox[0].subject)
        response = self.client.post(SETUP, {"method": "email", "code": emailed_code()}, follow=True)
        self.assertContains(response, "Je herstelcodes")
        return response.context["codes"]

    def test_a_volunteer_sets_up_e_mail_codes_and_logs_in_with_one(self):
        codes = self.set_up_email(self.vince)
        self.assertEqual(len(codes), 10)
        self.assertEqual(two_factor.method(self.vince), two_factor.EMAIL)
        self.assertEqual(self.client.get(DASHBOARD).status_code, 200)
        self.client.logout()
        mail.outbox.clear()
        # The password step sends the code at once.
        self.client.post(LOGIN, {"username": self.vince.email, "password": PASSWORD})
        self.assertEqual(len(mail.outbox), 1)
        response = self.client.get(VERIFY)
        self.assertContains(response, "We hebben een code gestuurd naar v…@example.org")
        code = emailed_code()
        response = self.client.post(VERIFY, {"code": code})
        self.assertRedirects(response, DASHBOARD)
        # Used once: another session cannot log in with it.
        self.client.logout()
        self.client.post(LOGIN, {"username": self.vince.email, "password": PASSWORD})
        self.client.post(VERIFY, {"code": code})
        self.assertEqual(self.client.get(DASHBOARD).status_code, 302)

    def test_a_new_code_is_sent_at_most_once_a_minute(self):
        self.set_up_email(self.vince)
        self.client.logout()
        mail.outbox.clear()
        self.client.post(LOGIN, {"username": self.vince.email, "password": PASSWORD})
        response = self.client.post(VERIFY, {"action": "send"}, follow=True)
        self.assertContains(response, "Wacht een minuut")
        self.assertEqual(len(mail.outbox), 1)

    def test_a_wrong_e_mail_code_changes_nothing(self):
        self.client.post(LOGIN, {"username": self.vince.email, "password": PASSWORD})
        self.client.post(SETUP, {"method": "email", "action": "send"})
        response = self.client.post(SETUP, {"method": "email", "code": "000000"})
        self.assertContains(response, "Kijk in de laatste e-mail")
        self.assertFalse(two_factor.is_enabled(self.vince))

    def test_national_staff_cannot_choose_e_mail(self):
        self.client.post(LOGIN, {"username": self.sanne.email, "password": PASSWORD})
        response = self.client.get(SETUP + "?manier=email")
        self.assertNotContains(response, "Stuur mij een code")
        self.assertContains(response, "Scan deze code met de app")
        self.client.post(SETUP, {"method": "email", "action": "send"})
        self.assertEqual(len(mail.outbox), 0)
        self.assertFalse(EmailDevice.objects.filter(user=self.sanne).exists())

    def test_a_volunteer_who_becomes_coordinator_must_switch_to_an_app(self):
        self.set_up_email(self.vince)
        self.assertEqual(self.client.get(DASHBOARD).status_code, 200)
        GroupMembership.objects.filter(user=self.vince).update(role=GroupRole.COORDINATOR)
        # The same session, and every new one: set up an app first.
        response = self.client.get(DASHBOARD)
        self.assertTrue(response["Location"].startswith(SETUP))
        response = self.client.get(SETUP)
        self.assertContains(response, "Scan deze code met de app")
        self.assertNotContains(response, "Per e-mail")
        device = TOTPDevice.objects.get(user=self.vince, confirmed=False)
        self.client.post(SETUP, {"method": "app", "code": totp_code(device)})
        self.assertEqual(two_factor.method(self.vince), two_factor.APP)
        self.assertFalse(EmailDevice.objects.filter(user=self.vince).exists())
        self.assertEqual(self.client.get(DASHBOARD).status_code, 200)

    def test_coordinators_cannot_choose_e_mail(self):
        self.client.post(LOGIN, {"username": self.carla.email, "password": PASSWORD})
        self.client.post(SETUP, {"method": "email", "action": "send"})
        self.assertEqual(len(mail.outbox), 0)

    def test_switching_from_e_mail_to_an_app_removes_the_e_mail_method(self):
        self.set_up_email(self.vince)
        mail.outbox.clear()
        session = self.client.session
        session["two_factor_verified_at"] -= two_factor.FRESH_SECONDS + 1
        session.save()
        self.assertTrue(self.client.get(SETUP)["Location"].startswith(CONFIRM))
        self.client.post(CONFIRM, {"action": "send"})
        self.client.post(CONFIRM, {"code": emailed_code()})
        self.client.get(SETUP + "?manier=app")
        device = TOTPDevice.objects.get(user=self.vince, confirmed=False)
        self.client.post(SETUP, {"method": "app", "code": totp_code(device)})
        self.assertEqual(two_factor.method(self.vince), two_factor.APP)
        self.assertFalse(EmailDevice.objects.filter(user=self.vince).exists())
