"""Open data: public, per closed quarter, worked out once by a task; CSV, XLSX, JSON and API."""

import csv
import io
from datetime import datetime, time, timedelta
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samensterk.intake.api import api_token_create
from samensterk.intake.models import OpenDataQuarter, Signal, Status
from samensterk.intake.opendata import (
    closed_quarters,
    open_data_quarter_make,
    quarter_label,
    quarter_start,
    refresh,
)
from samensterk.intake.services import signal_withdraw
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


def page(slug="alfa"):
    return reverse("intake:open_data_page", args=[slug])


def file(name, slug="alfa"):
    return reverse("intake:open_data_file", args=[slug, name])


def in_quarter(start, days=20):
    """A moment well inside the quarter that begins on `start`."""
    return timezone.make_aware(datetime.combine(start + timedelta(days=days), time(12)))


class OpenDataTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.last = closed_quarters()[0]  # the latest closed quarter
        cls.current = quarter_start(timezone.localdate())
        at = in_quarter(cls.last)
        amsterdam = Municipality.objects.get(code="GM0363")
        middelburg = Municipality.objects.get(code="GM0687")
        transport = Theme.objects.get(code="vervoer")
        housing = Theme.objects.get(code="wonen")

        def signals(n, group, municipality, theme, received_at=at):
            return [
                make_signal(group, municipality=municipality, theme=theme, received_at=received_at)
                for _ in range(n)
            ]

        signals(7, cls.group_a, amsterdam, transport)
        signals(6, cls.group_a, amsterdam, housing)
        signals(2, cls.group_b, middelburg, transport)  # a small cell: never published exactly
        signals(9, cls.group_b, middelburg, housing)
        cls.withdrawn = signals(1, cls.group_b, middelburg, transport)[0]
        Signal.objects.filter(pk=cls.withdrawn.pk).update(status=Status.WITHDRAWN)
        signals(1, cls.group_x, amsterdam, transport)  # Omega's
        # This quarter's: not published until it is over.
        signals(30, cls.group_a, amsterdam, transport, received_at=timezone.now())
        cls.label = quarter_label(cls.last)

    def made(self):
        """Every published quarter worked out, as the worker does."""
        refresh([self.alfa], now=True)

    def rows(self, name="signalen.csv", delimiter=","):
        response = self.client.get(file(name))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))  # UTF-8 with BOM
        text = response.content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))

    def cells(self, rows):
        return {
            (r["gemeente_code"], r["thema_code"]): (r["aantal"], r["status"])
            for r in rows
            if r["kwartaal"] == self.label
        }

    def test_anyone_gets_the_page_and_files_without_logging_in(self):
        self.made()
        response = self.client.get(page())
        self.assertContains(response, "Open data: signalen van")
        self.assertContains(response, "Amsterdam")
        self.assertContains(response, file("signalen-puntkomma.csv"))
        for name in ("signalen.csv", "signalen-puntkomma.csv", "signalen.xlsx", "signalen.json"):
            response = self.client.get(file(name))
            self.assertEqual(response.status_code, 200, name)
            self.assertIn("attachment", response["Content-Disposition"])
        # No session was started for the anonymous visitor.
        self.assertNotIn("sessionid", response.cookies)

    def test_an_unknown_organisation_or_file_is_not_found(self):
        self.assertEqual(self.client.get(page("bestaat-niet")).status_code, 404)
        self.assertEqual(self.client.get(file("signalen.csv", "bestaat-niet")).status_code, 404)
        self.assertEqual(self.client.get(file("signalen.pdf")).status_code, 404)
        self.assertFalse(OpenDataQuarter.objects.exists())

    def test_the_csv_holds_the_closed_quarter_with_small_counts_hidden(self):
        self.made()
        rows = self.rows()
        self.assertEqual(
            list(rows[0]),
            ["kwartaal", "gemeente_code", "gemeente", "thema_code"]
            + [
                "thema",
                "aantal",
                "status",
            ],
        )
        cells = self.cells(rows)
        self.assertEqual(cells[("GM0687", "vervoer")], ("", "verborgen"))  # 2
        self.assertEqual(cells[("totaal", "totaal")], ("24", "getoond"))  # withdrawn: not counted
        shown_middelburg = [v for (m, _t), (v, _s) in cells.items() if m == "GM0687"]
        self.assertNotIn("2", shown_middelburg)
        # Only closed quarters: this quarter's 30 signals are nowhere.
        quarters = [r["kwartaal"] for r in rows]
        self.assertEqual(quarters[0], self.label)
        self.assertEqual(set(quarters), {quarter_label(q) for q in closed_quarters()})

    def test_the_semicolon_variant_has_the_same_rows(self):
        self.made()
        self.assertEqual(self.rows("signalen-puntkomma.csv", delimiter=";"), self.rows())
        content = self.client.get(file("signalen-puntkomma.csv")).content.decode("utf-8-sig")
        self.assertTrue(content.startswith("kwartaal;gemeente_code;gemeente;"))

    def test_the_xlsx_has_numbers_as_numbers_and_hidden_cells_empty(self):
        self.made()
        sheet = load_workbook(io.BytesIO(self.client.get(file("signalen.xlsx")).content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][-2:], ("aantal", "status"))
        by_cell = {(r[1], r[3]): r[5:] for r in rows[1:] if r[0] == self.label}
        self.assertEqual(by_cell[("totaal", "totaal")], (24, "getoond"))
        self.assertIsInstance(by_cell[("GM0363", "totaal")][0], int)
        self.assertEqual(by_cell[("GM0687", "vervoer")], (None, "verborgen"))

    def test_json_and_the_api_are_public_with_null_for_hidden_figures(self):
        self.made()
        data = self.client.get(file("signalen.json")).json()
        api = self.client.get("/api/v1/open-data/signals", {"organisation": "alfa"})
        self.assertEqual(api.status_code, 200)
        self.assertEqual(api.json(), data)
        latest = data["quarters"][0]
        self.assertEqual(
            (latest["quarter"], latest["ready"], latest["total"]), (self.label, True, 24)
        )
        middelburg = next(m for m in latest["municipalities"] if m["code"] == "GM0687")
        self.assertIsNone(middelburg["themes"]["vervoer"])
        self.assertEqual(len(data["quarters"]), 8)
        self.assertNotIn(quarter_label(self.current), [q["quarter"] for q in data["quarters"]])
        missing = self.client.get("/api/v1/open-data/signals", {"organisation": "nee"})
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(self.client.get("/api/v1/open-data/signals").status_code, 422)
        # An API key without `organisation`: its own organisation's, as before.
        token = api_token_create(organisation=self.omega, name="website")[1]
        own = self.client.get("/api/v1/open-data/signals", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(own.json()["organisation"], "omega")

    def test_a_missing_quarter_is_asked_of_the_worker_and_the_page_says_so(self):
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            response = self.client.get(page())
        self.assertContains(response, "wordt berekend")
        self.assertEqual(len(callbacks), 8)  # one task per closed quarter
        # The (here immediate) worker stored them; the next visitor sees the figures.
        self.assertEqual(OpenDataQuarter.objects.filter(table__isnull=False).count(), 8)
        with self.captureOnCommitCallbacks() as callbacks:
            response = self.client.get(page())
        self.assertEqual(callbacks, [])
        self.assertNotContains(response, "wordt berekend")
        self.assertContains(response, "Middelburg")

    def test_a_requested_quarter_is_not_asked_again_until_the_request_is_lost(self):
        with self.captureOnCommitCallbacks() as callbacks:  # the worker does not run
            self.client.get(page())
        self.assertEqual(len(callbacks), 8)
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.get(file("signalen.csv"))
        self.assertEqual(callbacks, [])
        OpenDataQuarter.objects.update(requested_at=timezone.now() - timedelta(hours=1))
        with self.captureOnCommitCallbacks() as callbacks:
            self.client.get(file("signalen.csv"))
        self.assertEqual(len(callbacks), 8)

    def test_the_task_stores_the_published_table_only(self):
        self.assertTrue(open_data_quarter_make.enqueue(self.alfa.pk, self.last.isoformat()))
        stored = OpenDataQuarter.objects.get(organisation=self.alfa, quarter=self.last)
        self.assertIsNotNone(stored.made_at)
        table = stored.table
        row, column = table["rows"].index("GM0687"), table["columns"].index("vervoer")
        self.assertIsNone(table["cells"][row][column])  # the 2 is not kept behind it
        self.assertEqual(table["total"], 24)
        # The current quarter is never worked out.
        open_data_quarter_make.enqueue(self.alfa.pk, self.current.isoformat())
        self.assertFalse(OpenDataQuarter.objects.filter(quarter=self.current).exists())

    def test_the_files_are_written_once_all_quarters_are_made(self):
        self.made()
        with mock.patch("samensterk.lib.spreadsheet.write_xlsx") as write:
            self.assertEqual(self.client.get(file("signalen.xlsx")).status_code, 200)
        write.assert_not_called()  # written by the worker, kept in the cache

    def test_a_withdrawal_makes_its_quarter_again(self):
        self.made()
        signal = Signal.objects.filter(
            organisation=self.alfa, municipality__code="GM0363", theme__code="wonen"
        ).first()
        with self.captureOnCommitCallbacks(execute=True) as callbacks:
            signal_withdraw(signal=signal)
        self.assertEqual(len(callbacks), 1)
        self.assertEqual(self.cells(self.rows())[("totaal", "totaal")], ("23", "getoond"))

    def test_the_refresh_makes_again_only_what_changed(self):
        self.made()
        self.assertEqual(refresh([self.alfa], now=True), 0)
        Signal.objects.filter(organisation=self.alfa, theme__code="wonen").update(theme=None)
        self.assertEqual(refresh([self.alfa], now=True), 1)
        cells = self.cells(self.rows())
        self.assertEqual(cells[("totaal", "wonen")], ("0", "getoond"))
        self.assertIn(("GM0363", "zonder_thema"), cells)

    def test_no_request_works_a_table_out(self):
        self.made()
        refuse = mock.Mock(side_effect=AssertionError("suppression during a request"))
        with (
            mock.patch("samensterk.lib.suppression.suppress_table", refuse),
            mock.patch("samensterk.lib.suppression.publish_table", refuse),
            self.captureOnCommitCallbacks(execute=True),
        ):
            for url in (page(), page() + f"?kwartaal={self.label}"):
                self.assertEqual(self.client.get(url).status_code, 200)
            for name in ("signalen.csv", "signalen-puntkomma.csv", "signalen.xlsx"):
                self.assertEqual(self.client.get(file(name)).status_code, 200)
            self.assertEqual(self.client.get(file("signalen.json")).status_code, 200)
            response = self.client.get("/api/v1/open-data/signals", {"organisation": "alfa"})
            self.assertEqual(response.status_code, 200)
        refuse.assert_not_called()


class OldAddressTestCase(BaseTestCase):
    URL = reverse("intake:open_data")

    def test_members_are_sent_to_the_public_address(self):
        self.login(self.sanne)
        self.assertRedirects(self.client.get(self.URL), page(), fetch_redirect_response=False)
        self.assertRedirects(
            self.client.get(self.URL, {"formaat": "csv"}),
            file("signalen.csv"),
            fetch_redirect_response=False,
        )
        self.login(self.otto)
        self.assertEqual(self.client.get(self.URL, {"organisatie": "alfa"}).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(self.URL).status_code, 302)  # to the log-in page


class EmptyOrganisationTestCase(TestCase):
    def test_an_organisation_without_signals_publishes_empty_quarters(self):
        from samensterk.accounts.models import Organisation

        Organisation.objects.create(name="Leeg", slug="leeg")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.get(page("leeg"))
        response = self.client.get(page("leeg"))
        self.assertContains(response, "In dit kwartaal waren er geen signalen.")
