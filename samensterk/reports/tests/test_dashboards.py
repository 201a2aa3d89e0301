"""The dashboards people can use: filters, the trend per theme, links to the signals behind a
figure, a staff member's own region, and the tables as CSV and XLSX."""

import io
from datetime import UTC, date, datetime
from urllib.parse import parse_qs, urlsplit

from django.http import QueryDict
from django.urls import reverse
from openpyxl import load_workbook

from samensterk.intake.models import Channel, Signal, Status
from samensterk.places.models import Municipality, Province
from samensterk.reports import figures
from samensterk.reports import filters as dashboard_filters
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

TODAY = date(2026, 12, 7)


def parse(query: str, **kwargs):
    return dashboard_filters.parse(QueryDict(query), today=TODAY, **kwargs)


class FilterParsingTests(BaseTestCase):
    def test_it_reads_every_filter(self):
        found = parse(
            "theme=vervoer&municipality=Amsterdam&province=noord-holland&channel=telefoon"
            "&status=open&period=3"
        )
        self.assertEqual(found.notices, [])
        self.assertEqual(found.theme.code, "vervoer")
        self.assertEqual(found.municipality.code, "GM0363")
        self.assertEqual(found.province.slug, "noord-holland")
        self.assertEqual((found.channel, found.status, found.preset), ("telefoon", "open", "3"))
        self.assertEqual(found.span(12), (date(2026, 10, 1), TODAY, 3))
        self.assertEqual(
            found.params(),
            {
                "theme": "vervoer",
                "municipality": "GM0363",
                "province": "noord-holland",
                "channel": "telefoon",
                "status": "open",
                "period": "3",
            },
        )

    def test_periods_a_year_and_from_until(self):
        year = parse("period=2025")
        self.assertEqual(year.span(12), (date(2025, 1, 1), date(2025, 12, 31), 12))
        this_year = parse("period=2026")
        self.assertEqual(this_year.span(12), (date(2026, 1, 1), TODAY, 12))
        custom = parse("from=2026-02&until=04-2026")
        self.assertEqual(custom.span(12), (date(2026, 2, 1), date(2026, 4, 30), 3))
        self.assertEqual(custom.params(), {"from": "2026-02", "until": "2026-04"})
        only_from = parse("from=2026-06")
        self.assertEqual(only_from.span(12), (date(2026, 6, 1), TODAY, 7))
        self.assertEqual(parse("").span(24), (date(2025, 1, 1), TODAY, 24))
        self.assertFalse(parse("").has_period)

    def test_bad_values_are_left_out_with_a_dutch_notice(self):
        found = parse(
            "theme=onzin&municipality=Atlantis&province=mars&channel=duif&status=ingetrokken"
            "&period=7&region=buren"
        )
        self.assertEqual(found.params(), {})
        self.assertEqual(len(found.notices), 7)
        self.assertIn("Het thema “onzin” kennen we niet", found.notices[0])
        self.assertIn("ingetrokken signalen tellen niet mee", found.notices[5])
        for query, notice in [
            ("from=2026-13", "De periode kunnen we niet lezen"),
            ("from=2026-05&until=2026-02", "De periode begint na het einde"),
            ("period=1999", "De periode “1999” kennen we niet"),
            ("from=2010-01&until=2026-12", "ingekort tot de laatste 60 maanden"),
            ("region=mijn", "kan pas als u een regio kiest"),
        ]:
            with self.subTest(query=query):
                self.assertIn(notice, " ".join(parse(query).notices))
        self.assertEqual(parse("from=2010-01&until=2026-12").span(12)[2], 60)
        self.assertIn("x" * 100, parse("theme=" + "x" * 5000).notices[0])
        self.assertNotIn("x" * 101, parse("theme=" + "x" * 5000).notices[0])

    def test_the_links_remove_one_filter_and_keep_the_others(self):
        found = parse("theme=geen&channel=email&period=12")
        self.assertEqual(
            [label for label, _query in found.active()],
            ["Thema: nog geen thema", "Kanaal: E-mail", "Periode: 01-2026 – 12-2026"],
        )
        self.assertEqual(found.active()[0][1], "channel=email&period=12")
        self.assertEqual(found.query(period="2025"), "theme=geen&channel=email&period=2025")
        self.assertNotEqual(found.cache_key(), parse("theme=geen&channel=email").cache_key())


class FilteredFiguresTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.vervoer, cls.wonen = Theme.objects.get(code="vervoer"), Theme.objects.get(code="wonen")
        cls.amsterdam = Municipality.objects.get(code="GM0363")
        cls.middelburg = Municipality.objects.get(code="GM0687")
        may, june = datetime(2026, 5, 10, tzinfo=UTC), datetime(2026, 6, 10, tzinfo=UTC)
        for _n in range(3):
            make_signal(cls.group_a, theme=cls.vervoer, municipality=cls.amsterdam, received_at=may)
        make_signal(cls.group_a, theme=cls.wonen, municipality=cls.amsterdam, received_at=june)
        make_signal(
            cls.group_a,
            theme=cls.wonen,
            municipality=cls.middelburg,
            channel=Channel.PHONE,
            received_at=june,
        )
        withdrawn = make_signal(cls.group_a, theme=cls.vervoer, received_at=june)
        Signal.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
        make_signal(None, organisation=cls.alfa, theme=cls.wonen, received_at=june)
        make_signal(
            cls.group_a, theme=cls.wonen, received_at=datetime(2024, 6, 1, tzinfo=UTC)
        )  # before the period

    def test_every_group_figure_follows_the_filters(self):
        result = figures.group_figures(self.group_a, TODAY, parse("theme=wonen&period=2026"))
        self.assertEqual(result.by_theme.items, [("Wonen", 2)])
        self.assertEqual(result.by_theme.keys, ["wonen"])
        self.assertEqual(result.by_municipality.items, [("Amsterdam", 1), ("Middelburg", 1)])
        self.assertEqual(result.trend.period.months, 12)
        self.assertEqual(dict(result.trend.items)["06-2026"], 2)
        self.assertEqual(result.trend.n, 2)
        self.assertEqual(result.theme_trend.rows[0][:2], ("wonen", "Wonen"))
        self.assertEqual(result.theme_trend.n, 2)

        by_channel = figures.group_figures(self.group_a, TODAY, parse("channel=telefoon"))
        self.assertEqual(by_channel.by_municipality.items, [("Middelburg", 1)])
        zeeland = figures.group_figures(self.group_a, TODAY, parse("province=zeeland"))
        self.assertEqual(zeeland.by_theme.n, 1)
        may = figures.group_figures(self.group_a, TODAY, parse("from=2026-05&until=2026-05"))
        self.assertEqual(may.by_theme.items, [("Vervoer", 3)])
        self.assertEqual(may.trend.items, [("05-2026", 3)])
        done = figures.group_figures(self.group_a, TODAY, parse("status=afgerond"))
        self.assertEqual(done.by_theme.n, 0)

    def test_the_national_figures_and_the_trend_per_theme(self):
        result = figures.national_figures(self.alfa, TODAY, parse("period=24"))
        self.assertEqual(result.by_municipality.n, 6)  # not the withdrawn one nor 2024's
        self.assertEqual(result.by_province.row_keys[0], "noord-holland")
        self.assertEqual(result.by_municipality.keyed_columns[0][1], "vervoer")
        trend = figures.national_figures(
            self.alfa, TODAY, parse("from=2024-01&until=2026-12")
        ).theme_trend
        self.assertEqual(len(trend.months), 36)
        self.assertEqual(
            [(code, total) for code, _name, _counts, total in trend.rows],
            [("wonen", 4), ("vervoer", 3)],
        )
        self.assertEqual(trend.month_totals[trend.months.index(date(2026, 6, 1))], 3)
        self.assertEqual(trend.month_totals[trend.months.index(date(2024, 6, 1))], 1)
        self.assertEqual(trend.n, 7)

    def test_the_page_shows_the_filters_and_the_notices(self):
        self.login(self.carla)
        url = reverse("reports:group_dashboard", args=["groep-a"])
        response = self.client.get(url, {"theme": "wonen", "period": "2026", "status": "onzin"})
        self.assertContains(response, "Thema: Wonen")
        self.assertContains(response, "De status “onzin” kan niet als filter")
        # Four figures, three of them with a chart that says it too.
        self.assertContains(response, "n = 2 signalen, 01-2026 – 12-2026", count=7)
        self.assertContains(response, 'href="?period=2026"')  # removes the theme
        bad = self.client.get(url, {"from": "gisteren", "period": "x" * 500, "region": "mijn"})
        self.assertEqual(bad.status_code, 200)
        self.assertContains(bad, "De periode kunnen we niet lezen")

    def test_htmx_gets_the_figures_alone(self):
        self.login(self.carla)
        response = self.client.get(
            reverse("reports:group_dashboard", args=["groep-a"]),
            {"theme": "vervoer"},
            headers={"HX-Request": "true", "HX-Target": "dashboard-figures"},
        )
        html = response.content.decode()
        self.assertTrue(html.lstrip().startswith('<div id="dashboard-figures"'))
        self.assertIn('name="theme"', html)
        self.assertNotIn("<html", html)
        self.assertNotIn("Agenda voor het bestuur maken", html)

    def test_a_figure_links_to_the_signals_behind_it(self):
        self.login(self.carla)
        url = reverse("reports:group_dashboard", args=["groep-a"])
        response = self.client.get(url, {"period": "2026", "channel": "telefoon"})
        links = [
            href
            for href in _hrefs(response.content.decode())
            if href.startswith(reverse("intake:signal_list"))
        ]
        middelburg = next(link for link in links if "municipality=GM0687" in link)
        params = parse_qs(urlsplit(middelburg).query)
        self.assertEqual(
            params,
            {
                "channel": ["telefoon"],
                "status": ["geteld"],
                "received_from": ["2026-01-01"],
                "received_until": [
                    f"{dashboard_filters.parse(QueryDict('period=2026')).span(12)[1]}"
                ],
                "groep": ["groep-a"],
                "municipality": ["GM0687"],
            },
        )
        month = next(link for link in links if "received_from=2026-06-01" in link)
        self.assertIn("received_until=2026-06-30", month)
        # The list behind the link holds the very signals the figure counts.
        listed = self.client.get(middelburg)
        self.assertContains(listed, "1 signaal")
        behind = self.client.get(
            reverse("intake:signal_list"),
            {
                "theme": "vervoer",
                "status": "geteld",
                "groep": "groep-a",
                "province": "noord-holland",
            },
        )
        self.assertContains(behind, "3 signalen")

    def test_the_signal_list_knows_province_region_and_counted(self):
        self.login(self.carla)
        everything = self.client.get(reverse("intake:signal_list"), {"groep": "groep-a"})
        self.assertContains(everything, "7 signalen")
        counted = self.client.get(
            reverse("intake:signal_list"), {"groep": "groep-a", "status": "geteld"}
        )
        self.assertContains(counted, "6 signalen")
        zeeland = self.client.get(reverse("intake:signal_list"), {"province": "zeeland"})
        self.assertContains(zeeland, "1 signaal")
        mine = self.client.get(reverse("intake:signal_list"), {"regio": "mijn"})
        self.assertContains(mine, "0 signalen")  # carla keeps no region


class RegionTests(BaseTestCase):
    def test_a_staff_member_keeps_a_region_of_provinces_and_municipalities(self):
        url = reverse("reports:national_region", args=["alfa"])
        self.login(self.sanne)
        page = self.client.get(url)
        self.assertContains(page, "Heel Zeeland")
        boxes = Province.objects.count() + Municipality.objects.filter(active=True).count()
        self.assertContains(page, 'type="checkbox"', count=boxes)
        zeeland = Province.objects.get(slug="zeeland")
        amsterdam = Municipality.objects.get(code="GM0363")
        response = self.client.post(
            url, {"provinces": [zeeland.pk], "municipalities": [amsterdam.pk]}
        )
        self.assertRedirects(response, reverse("reports:national_dashboard", args=["alfa"]))
        membership = self.sanne.organisation_memberships.get()
        self.assertEqual(
            membership.region_municipality_ids(),
            set(zeeland.municipalities.values_list("pk", flat=True)) | {amsterdam.pk},
        )
        self.assertNotFoundFor([self.carla, self.vince, self.otto, self.nina], "get", url)
        self.assertNotFoundFor(
            [self.sanne], "get", reverse("reports:national_region", args=["omega"])
        )
        self.assertNotFoundFor([self.root], "get", url)  # no membership to keep it on

    def test_which_themes_come_in_from_my_region_uses_it(self):
        vervoer = Theme.objects.get(code="vervoer")
        middelburg = Municipality.objects.get(code="GM0687")
        amsterdam = Municipality.objects.get(code="GM0363")
        make_signal(self.group_b, theme=vervoer, municipality=middelburg)
        make_signal(None, organisation=self.alfa, theme=vervoer, municipality=middelburg)
        make_signal(self.group_a, theme=vervoer, municipality=amsterdam)
        dashboard = reverse("reports:national_dashboard", args=["alfa"])
        self.login(self.sanne)
        self.assertContains(self.client.get(dashboard), "Je hebt nog geen regio gekozen")
        membership = self.sanne.organisation_memberships.get()
        membership.region_provinces.set([Province.objects.get(slug="zeeland")])
        page = self.client.get(dashboard)
        self.assertEqual(page.context["region"].from_groups.items, [("Vervoer", 1)])
        self.assertEqual(page.context["region"].from_office.items, [("Vervoer", 1)])
        mine = self.client.get(dashboard, {"region": "mijn"})
        self.assertContains(mine, "Mijn regio")
        self.assertEqual(mine.context["filters"].region_ids, membership.region_municipality_ids())
        self.assertNotContains(mine, ">Amsterdam<")
        # Four figures, one of them with a chart that says it too.
        self.assertContains(mine, "n = 2 signalen", count=5)


class DownloadTests(BaseTestCase):
    def setUp(self):
        vervoer = Theme.objects.get(code="vervoer")
        make_signal(
            self.group_a, theme=vervoer, municipality=Municipality.objects.get(code="GM0363")
        )
        make_signal(self.group_a, theme=Theme.objects.get(code="wonen"))
        Theme.objects.filter(code="wonen").update(name="=HYPERLINK(1)")

    def test_the_csv_has_a_bom_semicolons_the_filters_and_no_formulas(self):
        self.login(self.carla)
        url = reverse("reports:group_dashboard_download", args=["groep-a", "thema", "csv"])
        response = self.client.get(url, {"channel": "meldknop"})
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn('filename="groep-a-thema-', response["Content-Disposition"])
        body = response.content
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"))
        lines = body.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], "Signalen per thema")
        self.assertIn("Kanaal: Meldknop (website)", lines[2])
        self.assertEqual(lines[4], "Thema;Aantal")
        self.assertIn("'=HYPERLINK(1);1", lines)
        self.assertEqual(lines[-1], "Totaal;2")

    def test_the_xlsx_holds_numbers_as_numbers(self):
        self.login(self.sanne)
        url = reverse("reports:national_dashboard_download", args=["alfa", "gemeente", "xlsx"])
        response = self.client.get(url, {"period": "12"})
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[0][0], "Signalen per gemeente en thema")
        header = rows[4]
        self.assertEqual(header[0], "Gemeente")
        self.assertIn("'=HYPERLINK(1)", header)
        self.assertEqual(rows[-1][0], "Totaal")
        self.assertEqual(rows[-1][-1], 2)
        self.assertIsInstance(rows[5][1], int)

    def test_downloads_are_for_those_who_see_the_dashboard(self):
        group_url = reverse("reports:group_dashboard_download", args=["groep-a", "maand", "csv"])
        self.login(self.vince)
        self.assertEqual(self.client.get(group_url).status_code, 200)
        self.assertNotFoundFor([self.bram, self.otto, self.sanne], "get", group_url)
        national = reverse("reports:national_dashboard_download", args=["alfa", "provincie", "csv"])
        self.assertNotFoundFor([self.carla, self.vince, self.otto], "get", national)
        self.assertNotFoundFor(
            [self.sanne],
            "get",
            reverse("reports:national_dashboard_download", args=["alfa", "onzin", "csv"]),
        )
        self.assertNotFoundFor(
            [self.carla],
            "get",
            reverse("reports:group_dashboard_download", args=["groep-a", "thema", "pdf"]),
        )


def _hrefs(html: str) -> list[str]:
    import html as html_module
    import re

    return [html_module.unescape(href) for href in re.findall(r'href="([^"]+)"', html)]
