from datetime import UTC, date, datetime

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from samensterk.accounts.models import GroupMembership, GroupRole
from samensterk.intake import selectors as signal_selectors
from samensterk.intake import services as signal_services
from samensterk.intake.models import Channel, Signal, Status
from samensterk.lib import charts
from samensterk.places.models import Municipality
from samensterk.reports import figures
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


class CountTests(BaseTestCase):
    """The figures are counted from the signals: every kind of change shows at once."""

    def totals(self):
        group_a, group_b = figures.group_figures(self.group_a), figures.group_figures(self.group_b)
        national = figures.national_figures(self.alfa)
        return {
            "a": dict(group_a.by_theme.items),
            "b": dict(group_b.by_theme.items),
            "national": national.by_municipality.n,
            "trend": national.trend.items[-1][1],
            "open": signal_selectors.open_counts_by_group([self.group_a.pk, self.group_b.pk]),
        }

    def test_every_kind_of_change_is_counted_at_once(self):
        vervoer, wonen = Theme.objects.get(code="vervoer"), Theme.objects.get(code="wonen")
        amsterdam = Municipality.objects.get(code="GM0363")
        first = make_signal(self.group_a, theme=vervoer, municipality=amsterdam)
        second = make_signal(self.group_a, consent_share_national=True)
        national = make_signal(
            None, organisation=self.alfa, channel=Channel.PHONE, consent_share_group=True
        )
        make_signal(self.group_x)  # another organisation
        self.assertEqual(
            self.totals(),
            {
                "a": {"Vervoer": 1, "Nog geen thema": 1},
                "b": {},
                "national": 3,
                "trend": 3,
                "open": {self.group_a.pk: (2, 2)},
            },
        )

        signal_services.signal_set_theme(signal=second, theme=wonen, actor=self.carla)
        signal_services.signal_handover_to_group(signal=national, group=self.group_b, actor=None)
        Signal.objects.filter(pk=second.pk).update(status=Status.IN_PROGRESS)  # a bulk update
        self.assertEqual(
            self.totals(),
            {
                "a": {"Vervoer": 1, "Wonen": 1},
                "b": {"Nog geen thema": 1},
                "national": 3,
                "trend": 3,
                "open": {self.group_a.pk: (1, 2), self.group_b.pk: (1, 1)},
            },
        )

        signal_services.signal_withdraw(signal=first)  # a withdrawn signal no longer counts
        Signal.objects.filter(pk=national.pk).delete()
        signal_services.signal_create_many(
            organisation=self.alfa,
            items=[
                {"story": f"Verhaal {i}", "channel": Channel.IMPORT, "group": self.group_b}
                for i in range(5)
            ],
        )
        self.assertEqual(
            self.totals(),
            {
                "a": {"Wonen": 1},
                "b": {"Nog geen thema": 5},
                "national": 6,
                "trend": 6,
                "open": {self.group_a.pk: (0, 1), self.group_b.pk: (5, 5)},
            },
        )

    def test_months_are_amsterdam_months_also_around_summer_time(self):
        # 23:30 UTC on 31 March is 01:30 on 1 April in Amsterdam (summer time, UTC+2), and
        # 22:30 UTC is 00:30; 23:30 UTC on 31 October is 00:30 on 1 November (winter time,
        # UTC+1) but 22:30 UTC is still October; 23:01 UTC on 31 December is the new year.
        moments = [
            datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
            datetime(2026, 3, 31, 22, 30, tzinfo=UTC),
            datetime(2026, 3, 31, 21, 30, tzinfo=UTC),
            datetime(2026, 10, 31, 23, 30, tzinfo=UTC),
            datetime(2026, 10, 31, 22, 30, tzinfo=UTC),
            datetime(2026, 12, 31, 23, 1, tzinfo=UTC),
        ]
        for moment in moments:
            make_signal(self.group_a, received_at=moment)
        trend = figures.group_figures(self.group_a, today=date(2027, 1, 15)).trend.items
        self.assertEqual(
            {month: n for month, n in trend if n},
            {"03-2026": 1, "04-2026": 2, "10-2026": 1, "11-2026": 1, "01-2027": 1},
        )
        national = figures.national_figures(self.alfa, today=date(2027, 1, 15)).trend.items
        self.assertEqual(national, trend)
        # A period starts at midnight in Amsterdam: the twelve months up to March 2027 begin
        # at 22:00 UTC on 31 March 2026, so the signal of 21:30 UTC is left out.
        self.assertEqual(figures.group_figures(self.group_a, date(2027, 1, 15)).by_theme.n, 6)
        self.assertEqual(figures.group_figures(self.group_a, date(2027, 3, 15)).by_theme.n, 5)


class FigureTests(BaseTestCase):
    def test_group_figures_count_themes_places_and_months_with_base_and_period(self):
        vervoer = Theme.objects.get(code="vervoer")
        amsterdam = Municipality.objects.get(code="GM0363")
        now = timezone.now()
        for _n in range(3):
            make_signal(self.group_a, theme=vervoer, municipality=amsterdam)
        make_signal(self.group_a)
        make_signal(self.group_a, received_at=now.replace(year=now.year - 3))  # outside
        make_signal(self.group_b, theme=vervoer)  # another group
        result = figures.group_figures(self.group_a)
        self.assertEqual(result.by_theme.items, [("Vervoer", 3), ("Nog geen thema", 1)])
        self.assertEqual(result.by_theme.n, 4)
        self.assertEqual(result.by_municipality.items, [("Amsterdam", 3), ("Gemeente onbekend", 1)])
        self.assertEqual(len(result.trend.items), 24)
        self.assertEqual(result.trend.items[-1][1], 4)
        self.assertEqual(result.trend.period.months, 24)

    def test_national_heat_tables_and_the_region_question(self):
        vervoer = Theme.objects.get(code="vervoer")
        middelburg = Municipality.objects.get(code="GM0687")
        make_signal(self.group_b, theme=vervoer, municipality=middelburg)
        make_signal(self.group_b, theme=vervoer, municipality=middelburg)
        make_signal(
            None,
            organisation=self.alfa,
            channel=Channel.PHONE,
            theme=vervoer,
            municipality=middelburg,
        )
        make_signal(self.group_x, theme=vervoer)  # another organisation
        result = figures.national_figures(self.alfa)
        self.assertEqual(result.by_province.rows, [("Zeeland", [3], 3)])
        self.assertEqual(result.by_municipality.rows, [("Middelburg", [3], 3)])
        self.assertEqual(result.by_municipality.columns[0][1], "Vervoer")
        self.assertEqual(result.by_municipality.shaded_rows, [("Middelburg", [(3, "heat-4")], 3)])
        self.assertEqual(
            [figures.heat_class(n, 8) for n in (0, 1, 2, 3, 5, 8)],
            ["heat-0", "heat-1", "heat-1", "heat-2", "heat-3", "heat-4"],
        )
        region = figures.region_figures(self.alfa, [middelburg.pk])
        self.assertEqual(region.from_groups.items, [("Vervoer", 2)])
        self.assertEqual(region.from_office.items, [("Vervoer", 1)])


class DashboardPageTests(BaseTestCase):
    def setUp(self):
        make_signal(self.group_a, theme=Theme.objects.get(code="vervoer"))

    def test_the_group_dashboard_shows_charts_with_tables_for_members_only(self):
        url = reverse("reports:group_dashboard", args=["groep-a"])
        for user in [self.carla, self.vince]:
            self.login(user)
            response = self.client.get(url)
            self.assertContains(response, 'class="chart"', count=3)
            self.assertContains(response, 'class="sparkline"', count=1)  # the trend per theme
            self.assertContains(response, "Toon als tabel", count=3)
            self.assertContains(response, "n = 1 signaal")
        self.assertNotFoundFor([self.bram, self.otto, self.nina, self.sanne, self.bea], "get", url)

    def test_the_dashboard_follows_a_rename_and_a_new_member_at_once(self):
        old = reverse("reports:group_dashboard", args=["groep-a"])
        self.login(self.carla)
        self.assertEqual(self.client.get(old).status_code, 200)
        self.group_a.slug = "groep-a-zuid"
        self.group_a.save()
        self.assertEqual(self.client.get(old).status_code, 404)
        new = reverse("reports:group_dashboard", args=["groep-a-zuid"])
        self.assertEqual(self.client.get(new).status_code, 200)
        self.assertNotFoundFor([self.bram], "get", new)
        GroupMembership.objects.create(user=self.bram, group=self.group_a, role=GroupRole.VOLUNTEER)
        self.login(self.bram)
        self.assertEqual(self.client.get(new).status_code, 200)
        GroupMembership.objects.filter(user=self.bram, group=self.group_a).delete()
        self.assertEqual(self.client.get(new).status_code, 404)

    def test_the_national_dashboard_is_for_the_organisations_staff(self):
        url = reverse("reports:national_dashboard", args=["alfa"])
        self.login(self.sanne)
        membership = self.sanne.organisation_memberships.get()
        membership.region_municipalities.set([self.group_a.municipalities.get()])
        response = self.client.get(url)
        self.assertContains(response, "Signalen per provincie en thema")
        self.assertContains(response, "Bij het landelijk bureau (telefoon en e-mail)")
        self.assertNotFoundFor([self.carla, self.vince, self.otto, self.nina], "get", url)
        self.assertNotFoundFor(
            [self.sanne], "get", reverse("reports:national_dashboard", args=["omega"])
        )

    def test_the_charts_are_made_once_a_minute_while_the_counts_to_act_on_stay_live(self):
        url = reverse("reports:group_dashboard", args=["groep-a"])
        self.login(self.carla)
        first = self.client.get(url)
        self.assertContains(first, "n = 1 signaal")
        self.assertContains(first, "Cijfers van ")
        make_signal(self.group_a, theme=Theme.objects.get(code="vervoer"))
        again = self.client.get(url)
        self.assertContains(again, "n = 1 signaal")  # the charts of a moment ago
        self.assertContains(again, "<strong>2</strong> nieuw")  # live
        cache.clear()  # the minute has passed
        self.assertContains(self.client.get(url), "n = 2 signalen")

    def test_the_remembered_charts_are_those_of_the_group_and_the_language_asked(self):
        self.login(self.carla)
        self.client.get(reverse("reports:group_dashboard", args=["groep-a"]))
        self.login(self.bram)
        response = self.client.get(reverse("reports:group_dashboard", args=["groep-b"]))
        self.assertNotContains(response, "n = 1 signaal")
        self.assertContains(response, "Geen signalen in deze periode.", count=4)
        self.login(self.carla)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = self.client.get(reverse("reports:group_dashboard", args=["groep-a"]))
        self.assertContains(response, "Show as a table", count=3)
        self.assertNotContains(response, "Toon als tabel")


class ChartTests(TestCase):
    def test_heat_table_rows_are_escaped_and_shaded(self):
        from samensterk.reports.templatetags.figures import heat_rows

        table = figures.HeatTable(
            "t", figures.period(12), [(1, "Vervoer")], [("<b>Rijn</b>", [2], 2), ("Ede", [0], 0)]
        )
        html = str(heat_rows(table))
        self.assertIn('<th scope="row">&lt;b&gt;Rijn&lt;/b&gt;</th>', html)
        self.assertIn('<td class="heat-4">2</td><td><strong>2</strong></td>', html)
        self.assertIn('<td class="heat-0">0</td>', html)

    def test_labels_are_escaped_and_the_chart_is_described(self):
        svg = charts.bar_chart(
            [("<script>x</script>", 3), ("Wonen", 1)], title="Per thema", description="n = 4"
        )
        self.assertNotIn("<script>", svg)
        self.assertIn("&lt;script&gt;", svg)
        self.assertIn('role="img"', svg)
        self.assertIn("<desc", svg)
        columns = charts.column_chart([("01-2026", 0), ("02-2026", 5)], title="t", description="d")
        self.assertIn("02-2026: 5", columns)
