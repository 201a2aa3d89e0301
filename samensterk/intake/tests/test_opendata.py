"""Open data: signals per theme × municipality × quarter, suppressed, as CSV, JSON and API."""

import csv
import io
import json

from django.urls import reverse
from django.utils import timezone

from samensterk.intake.api import api_token_create
from samensterk.intake.models import Signal, Status
from samensterk.intake.opendata import open_data, quarter_label, quarter_start
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

URL = reverse("intake:open_data")


class OpenDataTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        amsterdam = Municipality.objects.get(code="GM0363")
        middelburg = Municipality.objects.get(code="GM0687")
        transport = Theme.objects.get(code="vervoer")
        housing = Theme.objects.get(code="wonen")
        for _ in range(7):
            make_signal(cls.group_a, municipality=amsterdam, theme=transport)
        for _ in range(6):
            make_signal(cls.group_a, municipality=amsterdam, theme=housing)
        for _ in range(2):  # a small cell: must never be published exactly
            make_signal(cls.group_b, municipality=middelburg, theme=transport)
        for _ in range(9):
            make_signal(cls.group_b, municipality=middelburg, theme=housing)
        withdrawn = make_signal(cls.group_b, municipality=middelburg, theme=transport)
        Signal.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
        make_signal(cls.group_x, municipality=amsterdam, theme=transport)  # Omega's

    def rows(self, user):
        self.login(user)
        response = self.client.get(URL, {"formaat": "csv"})
        self.assertEqual(response.status_code, 200)
        return list(csv.reader(io.StringIO(response.content.decode())))

    def test_the_csv_holds_the_figures_with_small_counts_hidden(self):
        rows = self.rows(self.sanne)
        self.assertEqual(rows[0][:3], ["kwartaal", "gemeente_code", "gemeente"])
        quarter = quarter_label(quarter_start(timezone.localdate()))
        now = {(r[1], r[3]): r[5] for r in rows[1:] if r[0] == quarter}
        self.assertEqual(now[("GM0687", "vervoer")], "< 5")  # 2 (the withdrawn one not counted)
        # The totals would give the 2 away, so cells that cover it are hidden too ("x").
        self.assertIn("x", [now[("GM0687", "wonen")], now[("GM0363", "vervoer")]])
        self.assertEqual(now[("GM0363", "")], "13")
        self.assertEqual(now[("GM0687", "")], "11")
        self.assertEqual(now[("", "")], "24")  # Alfa's, without Omega's and the withdrawn one
        self.assertNotIn("2", [value for key, value in now.items() if "GM0687" in key])
        self.assertEqual(now[("GM0363", "pgb")], "0")  # nothing is shown as nothing

    def test_json_gives_null_and_why_for_hidden_counts(self):
        self.login(self.carla)
        response = self.client.get(URL, {"formaat": "json"})
        data = json.loads(response.content)
        self.assertEqual(data["k"], 5)
        latest = data["quarters"][0]
        middelburg = next(m for m in latest["municipalities"] if m["code"] == "GM0687")
        self.assertEqual(middelburg["themes"]["vervoer"], {"count": None, "shown_as": "< 5"})
        self.assertEqual(middelburg["total"], {"count": 11, "shown_as": "11"})
        self.assertEqual(len(data["quarters"]), 8)

    def test_the_page_shows_this_quarter_in_plain_dutch(self):
        self.login(self.vince)
        response = self.client.get(URL)
        self.assertContains(response, "Open data: signalen per thema en gemeente")
        self.assertContains(response, "&lt; 5")
        self.assertContains(response, "Amsterdam")
        self.assertContains(response, "formaat=csv")

    def test_another_organisations_figures_are_not_found(self):
        self.login(self.otto)
        self.assertEqual(self.client.get(URL, {"organisatie": "alfa"}).status_code, 404)
        self.login(self.nina)
        self.assertEqual(self.client.get(URL).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)  # to the login page

    def test_the_outsider_sees_only_their_own_organisation(self):
        rows = self.rows(self.otto)
        self.assertEqual({r[1] for r in rows[1:] if r[1]}, {"GM0363"})
        quarter = open_data(self.omega)[0]
        self.assertEqual(quarter.table.total.shown, None)  # one signal: "< 5"

    def test_the_api_gives_the_same_for_the_tokens_organisation_only(self):
        token = api_token_create(organisation=self.alfa, name="website")[1]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        response = self.client.get("/api/v1/open-data/signals", **headers)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["organisation"], "alfa")
        response = self.client.get("/api/v1/open-data/signals?organisation=omega", **headers)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/api/v1/open-data/signals").status_code, 401)
