import random

from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from samensterk.accounts.models import Organisation, OrganisationMembership, OrganisationRole
from samensterk.coalitions import selectors
from samensterk.coalitions.models import Coalition, CoalitionMember, MemberStatus, SharedItem
from samensterk.dossiers.tests.test_dossiers import make_dossier
from samensterk.lib.suppression import suppress_table
from samensterk.lib.tests.attacker import Attacker, grid, narrowed
from samensterk.network.tests.test_register import NetworkTestCase
from samensterk.test import make_signal, make_user
from samensterk.themes.models import Theme


class CoalitionTestCase(NetworkTestCase):
    """Alfa (Carla's group A in Amsterdam) and Omega (Otto's group X, here also covering
    Amsterdam; Olga on Omega's national staff) form a coalition for Amsterdam."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.group_x.municipalities.add(cls.amsterdam)
        cls.olga = make_user("olga@example.org", "Olga Omega")
        OrganisationMembership.objects.create(
            user=cls.olga, organisation=cls.omega, role=OrganisationRole.STAFF
        )
        cls.zeta = Organisation.objects.create(name="Stichting Zeta", slug="zeta")
        cls.zoe = make_user("zoe@example.org", "Zoë Zeta")
        OrganisationMembership.objects.create(
            user=cls.zoe, organisation=cls.zeta, role=OrganisationRole.STAFF
        )
        cls.vervoer = Theme.objects.get(code="vervoer")

    def start(self, **data):
        self.login(self.sanne)
        values = {
            "organisation": self.alfa.pk,
            "name": "Samen voor vervoer in Amsterdam",
            "purpose": "Taxi's op tijd.",
            "municipality": self.amsterdam.pk,
            "invite": [self.omega.pk],
        }
        values.update(data)
        return self.client.post(reverse("coalitions:create"), values, follow=True)

    def joined(self) -> Coalition:
        self.start()
        coalition = Coalition.objects.get()
        self.login(self.olga)
        self.client.post(reverse("coalitions:answer", args=[coalition.pk]), {"antwoord": "ja"})
        return coalition

    def share(self, user, coalition, key):
        self.login(user)
        return self.client.post(
            reverse("coalitions:share"), {"item": key, "coalitie": coalition.pk}, follow=True
        )


class CoalitionAccessTests(CoalitionTestCase):
    def test_another_organisation_sees_nothing_of_the_register_without_a_coalition(self):
        url = reverse("network:stakeholder_detail", args=[self.gemeente.pk])
        self.assertNotFoundFor([self.otto, self.olga, self.zoe], "get", url)
        self.login(self.otto)
        self.assertNotContains(self.client.get(reverse("network:register")), "Gemeente Amsterdam")
        self.assertEqual(list(selectors.coalitions_for_user(self.otto)), [])

    def test_in_a_coalition_a_partner_sees_only_what_was_shared(self):
        coalition = self.joined()
        page = reverse("coalitions:detail", args=[coalition.pk])
        self.login(self.otto)
        response = self.client.get(page)
        self.assertContains(response, "Samen voor vervoer in Amsterdam")
        self.assertContains(response, "Nog niets gedeeld.")
        self.assertNotContains(response, "Gemeente Amsterdam")

        response = self.share(self.carla, coalition, f"o:{self.gemeente.pk}")
        self.assertContains(response, "Gedeeld met Samen voor vervoer in Amsterdam")
        self.share(self.carla, coalition, f"p:{self.wethouder.pk}")
        self.gemeente.notes = "Geheime notitie van groep A"
        self.gemeente.save()

        self.login(self.otto)
        response = self.client.get(page)
        self.assertContains(response, "Gemeente Amsterdam")
        self.assertContains(response, "Wim Wethouder")
        person = SharedItem.objects.get(person=self.wethouder)
        detail = self.client.get(reverse("coalitions:shared", args=[coalition.pk, person.pk]))
        self.assertContains(detail, "wethouder zorg")
        self.assertNotContains(detail, "wim@amsterdam.example")
        self.assertNotContains(detail, "020 123 4567")
        organisation = SharedItem.objects.get(stakeholder=self.gemeente)
        detail = self.client.get(reverse("coalitions:shared", args=[coalition.pk, organisation.pk]))
        self.assertContains(detail, "Wim Wethouder")  # shared people who work there
        self.assertNotContains(detail, "Geheime notitie")
        # The register itself stays closed to the partner.
        for url in [
            reverse("network:stakeholder_detail", args=[self.gemeente.pk]),
            reverse("network:person_detail", args=[self.wethouder.pk]),
            reverse("network:stakeholder_detail", args=[self.zeeland.pk]),
        ]:
            self.assertNotFoundFor([self.otto, self.olga], "get", url)
        # Taking back is for the owner only.
        self.assertNotFoundFor(
            [self.otto, self.olga],
            "post",
            reverse("coalitions:unshare", args=[coalition.pk, person.pk]),
        )
        self.assertTrue(SharedItem.objects.filter(pk=person.pk).exists())
        self.login(self.carla)
        self.client.post(reverse("coalitions:unshare", args=[coalition.pk, person.pk]))
        self.assertFalse(SharedItem.objects.filter(pk=person.pk).exists())
        self.assertNotFoundFor(
            [self.otto], "get", reverse("coalitions:shared", args=[coalition.pk, person.pk])
        )

    def test_who_takes_part_and_who_gets_404(self):
        self.start()
        coalition = Coalition.objects.get()
        page = reverse("coalitions:detail", args=[coalition.pk])
        # Invited but not yet accepted: Omega's staff see the invitation, Omega's group nothing.
        self.login(self.olga)
        self.assertContains(self.client.get(page), "Ja, we doen mee")
        self.assertNotFoundFor([self.otto, self.zoe, self.nina, self.bram], "get", page)
        self.login(self.carla)
        self.assertContains(self.client.get(page), "Signalen van de organisaties")
        # A group whose area is elsewhere does not take part (Bram: Walcheren).
        self.assertNotFoundFor([self.bram], "get", page)
        # Staff and coordinators start coalitions (CoalitionStartedByAGroupTests); volunteers
        # and people without a membership do not. Only invited staff answer.
        self.assertNotFoundFor([self.vince, self.nina], "get", reverse("coalitions:create"))
        self.assertNotFoundFor(
            [self.zoe, self.otto, self.carla],
            "post",
            reverse("coalitions:answer", args=[coalition.pk]),
            {"antwoord": "ja"},
        )
        self.assertEqual(
            CoalitionMember.objects.get(organisation=self.omega).status, MemberStatus.INVITED
        )

    def test_a_shared_dossier_shows_no_signals_and_a_suppressed_count(self):
        coalition = self.joined()
        dossier = make_dossier(self.group_a, self.carla)
        signal = make_signal(
            self.group_a, municipality=self.amsterdam, story="Mijn taxi kwam niet, Jan de Vries."
        )
        dossier.signals.add(signal)
        # Sharing a dossier needs someone who may change it.
        self.assertNotFoundFor(
            [self.bram, self.otto],
            "post",
            reverse("coalitions:share"),
            {"item": f"d:{dossier.reference}", "coalitie": coalition.pk},
        )
        self.share(self.carla, coalition, f"d:{dossier.reference}")
        shared = SharedItem.objects.get(dossier=dossier)
        self.login(self.otto)
        response = self.client.get(reverse("coalitions:shared", args=[coalition.pk, shared.pk]))
        self.assertContains(response, "Taxi naar de dagbesteding te laat")
        self.assertContains(response, "&lt; 5")
        self.assertNotContains(response, "Jan de Vries")
        self.assertNotFoundFor(
            [self.otto], "get", reverse("dossiers:dossier_detail", args=[dossier.reference])
        )


class CoalitionFigureTests(CoalitionTestCase):
    def test_partners_see_each_others_figures_only_suppressed(self):
        coalition = self.joined()
        for _ in range(8):
            make_signal(self.group_a, municipality=self.amsterdam, theme=self.vervoer)
        make_signal(
            self.group_a,
            municipality=self.amsterdam,
            theme=Theme.objects.get(code="wonen"),
            story="Mevrouw Pietersen van de Dorpsstraat 4 vindt geen woning.",
        )
        make_signal(self.group_x, municipality=self.amsterdam, theme=self.vervoer)
        self.login(self.otto)
        response = self.client.get(reverse("coalitions:detail", args=[coalition.pk]))
        figures = response.context["figures"]
        self.assertIn(self.vervoer.name, figures["columns"])
        rows = {row.name: row for row in figures["rows"]}
        alfa, omega = rows["Vereniging Alfa"], rows["Organisatie Omega"]
        self.assertEqual(str(alfa.total), "9")
        self.assertEqual(str(omega.total), "< 5")
        # Alfa's one about housing went into "overige thema's" with its transport ones.
        self.assertIn("Wonen", alfa.merged)
        self.assertContains(response, "samengevoegd bij")
        # No figure from 1 to 4 is ever shown.
        for row in figures["rows"]:
            for cell in [*row.cells, row.other, row.total]:
                if cell is not None:
                    self.assertTrue(cell.hidden or cell.value == 0 or cell.value >= 5)
        self.assertNotIn("totals", figures)  # no totals across organisations
        self.assertNotContains(response, "Pietersen")
        # Signals of another municipality do not count.
        make_signal(self.group_b, municipality=self.middelburg, theme=self.vervoer)
        response = self.client.get(reverse("coalitions:detail", args=[coalition.pk]))
        rows = {row.name: row for row in response.context["figures"]["rows"]}
        self.assertEqual(str(rows["Vereniging Alfa"].total), "9")


def published_rows(counts, organisations, columns):
    """What partners see: each organisation's published row, placed over the original cells."""
    tables = selectors.organisation_tables(counts, organisations, columns)
    return [
        (table, lambda key, o=organisation: (key[1], "n") if key[0] == o else None)
        for organisation, table in tables.items()
    ]


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
class CoalitionAttackTests(SimpleTestCase):
    """A partner knows its own counts exactly and can add signals of its own. Given the
    publications it saw before and after adding, it may narrow no other organisation's small
    count down (lib/tests/attacker.py, apart from the code it attacks)."""

    def test_a_partner_that_knows_and_adds_its_own_counts_learns_nothing_more(self):
        rng = random.Random(3)
        organisations, columns = ["alfa", "beta", "omega"], ["vervoer", "wonen", "zorg", "werk"]
        for _ in range(15):
            counts = {
                (o, c): rng.choice([0, 1, 2, 3, 4, 6, 9, 15])
                for o in organisations
                for c in columns
            }
            partner = rng.choice(organisations)
            after = {**counts}
            for c in columns:
                after[(partner, c)] += rng.randint(0, 10)
            others = [o for o in organisations if o != partner]
            # The other organisations' counts are the same in both publications; the
            # partner's own rows it knows, so they are left out of the unknowns.
            seen = [
                (table, place)
                for table, place in published_rows(counts, organisations, columns)
                + published_rows(after, organisations, columns)
                if any(place((o, columns[0])) for o in others)
            ]
            reader = Attacker(seen, others, columns)
            self.assertEqual(narrowed(reader, counts, others, columns, 5), [], counts)

    def test_the_old_table_with_column_totals_did_leak(self):
        # Without publishing each organisation on its own, the partner's own cell subtracted
        # from a column total gives the other's small count: the attacker finds it.
        counts = {("alfa", "vervoer"): 9, ("omega", "vervoer"): 4, ("alfa", "wonen"): 8}
        counts |= {("omega", "wonen"): 7}
        table = suppress_table(counts, ["alfa", "omega"], ["vervoer", "wonen"])
        own = {("alfa", c): counts[("alfa", c)] for c in ["vervoer", "wonen"]}
        reader = Attacker([(table, grid)], ["alfa", "omega"], ["vervoer", "wonen"], known=own)
        found = narrowed(reader, counts, ["omega"], ["vervoer", "wonen"], 5)
        self.assertTrue(found)


class CoalitionRuleTests(CoalitionTestCase):
    def test_a_coalition_needs_a_municipality_or_theme_and_nothing_is_half_stored(self):
        response = self.start(municipality="")
        self.assertContains(response, "Kies een gemeente, een thema of allebei.")
        self.assertFalse(Coalition.objects.exists())
        self.assertFalse(CoalitionMember.objects.exists())
        response = self.start(municipality="", theme=self.vervoer.pk, invite=[])
        self.assertEqual(Coalition.objects.get().theme, self.vervoer)

    def test_sharing_rules(self):
        coalition = self.joined()
        response = self.share(self.sanne, coalition, f"o:{self.zeeland.pk}")
        self.assertContains(response, "Dit hoort bij een andere gemeente dan die van de coalitie")
        self.share(self.carla, coalition, f"o:{self.gemeente.pk}")
        response = self.share(self.carla, coalition, f"o:{self.gemeente.pk}")
        self.assertContains(response, "Dit is al gedeeld met deze coalitie.")
        self.assertEqual(SharedItem.objects.count(), 1)
        # A partner cannot share what is not theirs (it is not in their register: 404).
        self.assertNotFoundFor(
            [self.otto],
            "post",
            reverse("coalitions:share"),
            {"item": f"p:{self.wethouder.pk}", "coalitie": coalition.pk},
        )
        # Nor share with a coalition they are not part of.
        self.assertNotFoundFor(
            [self.bram],
            "post",
            reverse("coalitions:share"),
            {"item": f"o:{self.zeeland.pk}", "coalitie": coalition.pk},
        )

    def test_leaving_takes_back_what_was_shared_and_the_last_one_ends_it(self):
        coalition = self.joined()
        self.share(self.carla, coalition, f"o:{self.gemeente.pk}")
        self.login(self.sanne)
        self.client.post(reverse("coalitions:leave", args=[coalition.pk]))
        self.assertFalse(SharedItem.objects.exists())
        self.assertNotFoundFor(
            [self.carla], "get", reverse("coalitions:detail", args=[coalition.pk])
        )
        self.login(self.olga)
        self.client.post(reverse("coalitions:leave", args=[coalition.pk]))
        self.assertFalse(Coalition.objects.exists())

    def test_invite_another_organisation_once(self):
        coalition = self.joined()
        self.login(self.sanne)
        url = reverse("coalitions:invite", args=[coalition.pk])
        self.client.post(url, {"organisation": self.zeta.pk})
        response = self.client.post(url, {"organisation": self.zeta.pk}, follow=True)
        self.assertContains(response, "Kies een organisatie om uit te nodigen.")
        self.assertEqual(CoalitionMember.objects.filter(organisation=self.zeta).count(), 1)
        self.login(self.zoe)
        self.client.post(reverse("coalitions:answer", args=[coalition.pk]), {"antwoord": "nee"})
        self.assertFalse(CoalitionMember.objects.filter(organisation=self.zeta).exists())
        # Group members do not invite.
        self.assertNotFoundFor([self.carla], "post", url, {"organisation": self.zeta.pk})
