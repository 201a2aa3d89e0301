from django.test import Client, RequestFactory, override_settings
from django.urls import include, path, reverse

from samensterk.front import errors
from samensterk.test import BaseTestCase


def _boom(request):
    raise RuntimeError("kapot")


urlpatterns = [path("kapot/", _boom), path("", include("samensterk.urls"))]
handler500 = errors.server_error


class HomeTestCase(BaseTestCase):
    def test_visitors_see_what_the_product_is_and_a_log_in_button(self):
        response = self.client.get("/")
        self.assertContains(response, "Samen staan we sterk")
        self.assertContains(response, reverse("accounts:login"))
        self.assertContains(response, 'href="#main"')  # skip link

    def test_logged_in_people_go_to_their_overview(self):
        self.login(self.vince)
        self.assertRedirects(self.client.get("/"), reverse("front:dashboard"))


class DashboardTestCase(BaseTestCase):
    url = reverse("front:dashboard")

    def test_a_coordinator_sees_their_group_and_can_invite(self):
        self.login(self.carla)
        response = self.client.get(self.url)
        self.assertContains(response, "Groep Amsterdam")
        self.assertContains(response, reverse("accounts:group_invite", args=["groep-a"]))
        self.assertNotContains(response, "Groep Walcheren")
        self.assertNotContains(response, reverse("admin:index"))

    def test_a_volunteer_sees_their_group_without_management(self):
        self.login(self.vince)
        response = self.client.get(self.url)
        self.assertContains(response, "Groep Amsterdam")
        self.assertNotContains(response, "Iemand uitnodigen")

    def test_national_staff_see_their_organisation(self):
        self.login(self.sanne)
        response = self.client.get(self.url)
        self.assertContains(response, "Vereniging Alfa")
        self.assertContains(response, "2 lokale groepen")
        self.assertNotContains(response, "Omega")

    def test_an_administrator_gets_the_admin_in_the_menu(self):
        self.login(self.bea)
        response = self.client.get(self.url)
        self.assertContains(response, reverse("admin:index"))

    def test_someone_without_membership_gets_an_explanation_not_an_error(self):
        self.login(self.nina)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Je bent nog geen lid van een groep")
        self.assertEqual(response.context["nav_items"], [])

    def test_the_menu_marks_the_current_page(self):
        self.login(self.vince)
        response = self.client.get(reverse("accounts:group_detail", args=["groep-a"]))
        current = [item["label"] for item in response.context["nav_items"] if item["current"]]
        self.assertEqual([str(label) for label in current], ["Groepen"])


class ErrorPagesTestCase(BaseTestCase):
    def test_404_is_dutch_in_the_site_layout(self):
        response = self.client.get("/bestaat-echt-niet/")
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)
        self.assertContains(response, 'id="main"', status_code=404)

    @override_settings(ROOT_URLCONF=__name__)
    def test_500_is_dutch_and_calm(self):
        self.client.raise_request_exception = False
        response = self.client.get("/kapot/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Het is niet jouw fout", status_code=500)

    def test_the_500_page_renders_without_any_request_data(self):
        response = errors.server_error(RequestFactory().get("/"))
        self.assertIn("Er ging iets mis", response.content.decode())


class LanguageTestCase(BaseTestCase):
    def test_dutch_is_the_default_even_for_an_english_browser(self):
        response = self.client.get("/", headers={"accept-language": "en-GB,en"})
        self.assertContains(response, 'lang="nl"')
        self.assertContains(response, "Samen staan we sterk")

    def test_the_switch_gives_english(self):
        response = self.client.post(
            reverse("set_language"), {"language": "en", "next": "/inloggen/"}, follow=True
        )
        self.assertContains(response, 'lang="en"')
        self.assertContains(response, "Log in")
        self.assertContains(response, "Forgot your password?")
        self.assertContains(response, ">Nederlands</button>")

    def test_public_pages_set_no_cookie_and_the_switch_needs_none(self):
        client = Client(enforce_csrf_checks=True)  # as a browser: no token, no cookie
        response = client.get("/meld/groep-a/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(dict(response.cookies), {})
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertNotContains(response, "X-CSRFToken")
        response = client.post(
            reverse("set_language"), {"language": "en", "next": "/meld/groep-a/"}, follow=True
        )
        self.assertContains(response, 'lang="en"')

    def test_a_switch_to_another_site_stays_here(self):
        response = self.client.post(
            reverse("set_language"), {"language": "en", "next": "https://elders.example/"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response.url, "/")

    def test_pages_of_people_logged_in_give_htmx_the_token(self):
        self.login(self.carla)
        response = self.client.get(reverse("front:dashboard"))
        self.assertContains(response, "X-CSRFToken")


class SecurityHeadersTestCase(BaseTestCase):
    def test_pages_forbid_inline_scripts_and_framing(self):
        response = self.client.get("/")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn("script-src 'self'", policy)
        self.assertNotIn("unsafe-inline", policy)
        self.assertIn("frame-ancestors 'none'", policy)
        self.assertEqual(response.headers["X-Frame-Options"], "DENY")

    def test_every_response_switches_off_unused_browser_features(self):
        self.login(self.carla)
        responses = [
            self.client.get(reverse("front:dashboard")),
            self.client.get("/bestaat-niet/"),  # 404
            Client().get(reverse("front:dashboard")),  # redirect to log in
            Client().get(reverse("intake:meldknop", args=[self.group_a.slug])),  # read aloud
        ]
        for response in responses:
            policy = response.headers["Permissions-Policy"]
            for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
                self.assertIn(f"{feature}=()", policy)
            self.assertNotIn("interest-cohort", policy)
        self.assertEqual(
            [r.status_code for r in responses], [200, 404, 302, 200], "the pages themselves"
        )

    def test_pages_contain_no_inline_scripts(self):
        self.login(self.bea)
        for url in ["/", reverse("front:dashboard"), reverse("accounts:login")]:
            content = self.client.get(url).content.decode()
            self.assertNotRegex(content, r"<script(?![^>]*\bsrc=)[^>]*>")
