import csv

from django.urls import reverse

from samensterk.test import BaseTestCase
from samensterk.themes.defaults import DEFAULTS_FILE, install_default_themes
from samensterk.themes.models import Theme


class DefaultThemesTestCase(BaseTestCase):
    def test_a_fresh_database_has_exactly_the_shipped_themes(self):
        with open(DEFAULTS_FILE, encoding="utf-8") as handle:
            shipped = {row["code"]: row["naam"] for row in csv.DictReader(handle)}
        self.assertEqual(len(shipped), 14)
        self.assertEqual(dict(Theme.objects.values_list("code", "name")), shipped)

    def test_installing_again_keeps_what_administrators_changed(self):
        Theme.objects.filter(code="vervoer").update(name="Vervoer en reizen")
        self.assertEqual(install_default_themes(Theme), 0)
        self.assertEqual(Theme.objects.get(code="vervoer").name, "Vervoer en reizen")

    def test_the_list_shows_active_themes_and_retired_ones_apart(self):
        Theme.objects.filter(code="pgb").update(active=False)
        self.login(self.vince)
        response = self.client.get(reverse("front:theme_list"))
        self.assertContains(response, "Leerlingenvervoer")
        self.assertContains(response, "Niet meer in gebruik")
        self.assertEqual(list(response.context["retired_themes"]), [Theme.objects.get(code="pgb")])

    def test_a_superuser_adds_a_theme_and_cannot_change_its_code_later(self):
        self.login(self.root)
        self.client.post(
            reverse("admin:themes_theme_add"),
            {
                "code": "armoede",
                "name": "Armoede",
                "description": "",
                "keywords": "",
                "active": "on",
                "position": "200",
            },
        )
        theme = Theme.objects.get(code="armoede")
        self.client.post(
            reverse("admin:themes_theme_change", args=[theme.pk]),
            {
                "code": "iets_anders",
                "name": "Armoede en schulden",
                "description": "",
                "keywords": "schulden, bewindvoering",
                "active": "on",
                "position": "200",
            },
        )
        theme.refresh_from_db()
        self.assertEqual(theme.code, "armoede")
        self.assertEqual(theme.name, "Armoede en schulden")
        self.assertEqual(theme.keyword_list, ["schulden", "bewindvoering"])

    def test_a_code_with_capitals_or_spaces_is_refused(self):
        self.login(self.root)
        response = self.client.post(
            reverse("admin:themes_theme_add"),
            {"code": "Mijn Thema", "name": "X", "active": "on", "position": "1"},
        )
        self.assertContains(response, "Gebruik kleine letters")
        self.assertFalse(Theme.objects.filter(name="X").exists())
