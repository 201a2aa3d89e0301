from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, SimpleTestCase, override_settings

from samensterk.lib import stencil

PAGES = {
    "plain.html": "<p>{{ greeting }}</p><p>{{ code }}</p><a href='?c={{ code }}'>x</a>",
    "changed.html": "<p>{{ code|upper }}</p>",
    "dropped.html": "<p>{% if code == 'abc' %}yes{% endif %}</p>",
}
LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", PAGES)]},
    }
]


class _User(AnonymousUser):
    is_authenticated = True


@override_settings(TEMPLATES=LOCMEM)
class StencilTestCase(SimpleTestCase):
    def setUp(self):
        self.store = {}
        self.made = []

    def get(self, template, code, user=None):
        request = RequestFactory().get("/meld/")
        request.user = user or AnonymousUser()

        def context(values):
            self.made.append(values["code"])
            return {"greeting": "Hallo & welkom", "code": values["code"]}

        response = stencil.stencil_response(
            request,
            store=self.store,
            key="page",
            template_name=template,
            context=context,
            values={"code": code},
        )
        return response.content.decode()

    def test_rendered_once_and_each_value_filled_in_escaped(self):
        first = self.get("plain.html", "AB12")
        second = self.get("plain.html", "<b>&'")
        self.assertEqual(len(self.made), 1)  # the second request rendered nothing
        self.assertEqual(first, "<p>Hallo &amp; welkom</p><p>AB12</p><a href='?c=AB12'>x</a>")
        self.assertIn("<p>&lt;b&gt;&amp;&#x27;</p>", second)
        self.assertIn("?c=&lt;b&gt;&amp;&#x27;'", second)

    def test_a_value_a_filter_changes_or_a_condition_reads_is_never_a_stencil(self):
        self.assertEqual(self.get("changed.html", "ab12"), "<p>AB12</p>")
        self.assertEqual(self.get("dropped.html", "abc"), "<p>yes</p>")
        self.assertEqual(self.store, {})

    def test_a_logged_in_visitor_gets_the_page_rendered_for_them(self):
        self.get("plain.html", "AB12", user=_User())
        self.assertEqual(self.store, {})
        self.get("plain.html", "AB12")
        self.get("plain.html", "CD34", user=_User())
        self.assertEqual(self.made, ["AB12", stencil._marker("code"), "CD34"])

    def test_the_store_stays_small(self):
        for i in range(stencil.MAX_PER_STORE + 5):
            request = RequestFactory().get(f"/meld/{i}/")
            request.user = AnonymousUser()
            stencil.stencil_response(
                request,
                store=self.store,
                key="page",
                template_name="plain.html",
                context=lambda values: {"code": values["code"]},
                values={"code": "X"},
            )
        self.assertEqual(len(self.store), stencil.MAX_PER_STORE)

    def test_an_empty_value_is_rendered_as_usual(self):
        self.assertEqual(self.get("dropped.html", ""), "<p></p>")
        self.assertEqual(self.store, {})
