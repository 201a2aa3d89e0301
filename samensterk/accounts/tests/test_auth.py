from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from samensterk.test import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    url = reverse("accounts:login")

    def post(self, email, password):
        return self.client.post(self.url, {"username": email, "password": password})

    def test_it_logs_in_with_e_mail_and_password_in_any_case(self):
        response = self.post("Nina@Example.org", PASSWORD)
        self.assertRedirects(response, reverse("front:dashboard"))

    def test_a_wrong_password_gets_a_dutch_message(self):
        response = self.post("carla@example.org", "fout")
        self.assertContains(response, "horen niet bij elkaar")

    def test_repeated_failures_lock_the_account_for_a_while(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.post("carla@example.org", "fout")
        response = self.post("carla@example.org", PASSWORD)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Te vaak geprobeerd", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_log_out_needs_a_post(self):
        self.login(self.carla)
        response = self.client.post(reverse("accounts:logout"))
        self.assertRedirects(response, reverse("front:home"))
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_failures_for_one_account_do_not_lock_another(self):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            self.post("carla@example.org", "fout")
        response = self.post("nina@example.org", PASSWORD)
        self.assertRedirects(response, reverse("front:dashboard"))


class PasswordResetTestCase(BaseTestCase):
    def test_it_mails_a_link_that_sets_a_new_password(self):
        self.client.post(reverse("accounts:password_reset"), {"email": "carla@example.org"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("Nieuw wachtwoord", mail.outbox[0].subject)
        link = next(
            line for line in mail.outbox[0].body.splitlines() if "/wachtwoord-instellen/" in line
        )
        path = link[link.index("/wachtwoord-instellen/") :]
        response = self.client.get(path, follow=True)
        new = "een-heel-nieuw-wachtwoord"
        response = self.client.post(
            response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
        )
        self.assertRedirects(response, reverse("accounts:password_reset_complete"))
        self.carla.refresh_from_db()
        self.assertTrue(self.carla.check_password(new))

    @override_settings(ALLOWED_HOSTS=["*"], SITE_URL="https://samensterk.example.org")
    def test_the_link_starts_with_site_url_whatever_the_host_header(self):
        self.client.post(
            reverse("accounts:password_reset"),
            {"email": "carla@example.org"},
            HTTP_HOST="aanvaller.example",
        )
        body = mail.outbox[0].body
        link = next(line for line in body.splitlines() if "/wachtwoord-instellen/" in line)
        self.assertTrue(link.startswith("https://samensterk.example.org/wachtwoord-instellen/"))
        self.assertNotIn("aanvaller", body)

    def test_an_unknown_address_gets_the_same_answer_and_no_mail(self):
        response = self.client.post(reverse("accounts:password_reset"), {"email": "x@example.org"})
        self.assertRedirects(response, reverse("accounts:password_reset_done"))
        self.assertEqual(len(mail.outbox), 0)


class AccountTestCase(BaseTestCase):
    def test_people_change_their_own_name(self):
        self.login(self.vince)
        self.client.post(reverse("accounts:account"), {"full_name": "Vince V."})
        self.vince.refresh_from_db()
        self.assertEqual(self.vince.full_name, "Vince V.")

    def test_an_empty_name_is_refused(self):
        self.login(self.vince)
        response = self.client.post(reverse("accounts:account"), {"full_name": "   "})
        self.assertContains(response, "Dit veld is verplicht")
        self.vince.refresh_from_db()
        self.assertEqual(self.vince.full_name, "Vince Vrijwilliger")

    def test_the_account_page_lists_the_users_roles(self):
        self.login(self.vince)
        response = self.client.get(reverse("accounts:account"))
        self.assertContains(response, "Groep Amsterdam")
        self.assertContains(response, "Vrijwilliger")
