"""Dossiers in everyday work: started from chosen signals, late actions, lump sums and payers,
the history of changes, and who changes the cost sheet."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from samensterk.dossiers import selectors, services
from samensterk.dossiers.models import (
    ActionKind,
    Area,
    CostItem,
    Dossier,
    DossierAction,
    DossierEvent,
    DossierStatus,
    Payer,
)
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

from .test_dossiers import AMSTERDAM, DossierTestCase, make_dossier

CREATE = "dossiers:dossier_create"


class StartFromChosenSignalsTests(BaseTestCase):
    def setUp(self):
        self.vervoer = Theme.objects.get(code="vervoer")
        self.amsterdam = Municipality.objects.get(code=AMSTERDAM)
        self.own = [
            make_signal(self.group_a, theme=self.vervoer, municipality=self.amsterdam)
            for _n in range(2)
        ]
        self.other_group = make_signal(
            self.group_b, theme=self.vervoer, municipality=Municipality.objects.get(code="GM0687")
        )

    def start(self, references):
        return self.client.post(
            reverse(CREATE),
            {"start": "signalen", "signals": references, "next": reverse("intake:signal_list")},
        )

    def form_data(self, references, **fields):
        data = {
            "owner": "g:groep-a",
            "title": "Vervoer in Amsterdam",
            "problem": "De taxi komt te laat.",
            "area": "gemeente",
            "municipalities": "Amsterdam",
            "themes": [self.vervoer.pk],
            "status": DossierStatus.PREPARING,
            "signalen": references,
        }
        data.update(fields)
        return data

    def test_the_signal_list_offers_a_new_dossier_with_the_chosen_signals(self):
        self.login(self.carla)
        listing = self.client.get(reverse("intake:signal_list"))
        self.assertContains(listing, "Nieuw dossier met deze signalen")
        self.assertContains(listing, f'formaction="{reverse(CREATE)}"')

    def test_chosen_signals_prefill_the_form_and_are_linked_others_are_left_out(self):
        self.login(self.carla)
        chosen = [s.reference for s in self.own] + [self.other_group.reference, "S-NOPE-0000"]
        form = self.start(chosen)
        self.assertEqual(form.status_code, 200)
        self.assertEqual({s.pk for s in form.context["selection"]}, {s.pk for s in self.own})
        initial = form.context["form"].initial
        self.assertEqual(initial["title"], "Vervoer in Amsterdam")
        self.assertEqual((initial["owner"], initial["area"]), ("g:groep-a", Area.MUNICIPALITY))
        self.assertEqual(initial["municipalities"], [self.amsterdam])
        self.assertContains(form, "Dit dossier begint met 2 gekozen signalen")
        # The other group's signal is not shown, not even its reference.
        self.assertNotContains(form, self.other_group.reference)
        self.assertFalse(Dossier.objects.exists())  # only a form so far

        # A tampered form that adds the other group's signal still links only the own ones.
        response = self.client.post(reverse(CREATE), self.form_data(chosen), follow=True)
        dossier = Dossier.objects.get(title="Vervoer in Amsterdam")
        self.assertEqual(set(dossier.signals.all()), set(self.own))
        self.assertContains(response, "met 2 signalen")

    def test_signals_of_two_groups_link_only_those_of_the_dossiers_group(self):
        self.login(self.root)
        chosen = [s.reference for s in self.own] + [self.other_group.reference]
        form = self.start(chosen)
        self.assertEqual(form.context["form"].initial["owner"], "g:groep-a")
        self.assertEqual(len(form.context["selection"]), 3)
        initial = form.context["form"].initial
        self.assertEqual((initial["title"], initial["area"]), ("Vervoer", Area.REGION))
        response = self.client.post(reverse(CREATE), self.form_data(chosen), follow=True)
        dossier = Dossier.objects.get(title="Vervoer in Amsterdam")
        self.assertEqual(set(dossier.signals.all()), set(self.own))
        self.assertContains(response, "1 gekozen signaal hoort bij een ander dan dit dossier")

    def test_a_bad_form_keeps_the_chosen_signals_and_stores_nothing(self):
        self.login(self.carla)
        chosen = [s.reference for s in self.own]
        response = self.client.post(reverse(CREATE), self.form_data(chosen, problem=""))
        self.assertContains(response, "Het dossier is nog niet opgeslagen")
        for reference in chosen:
            self.assertContains(response, f'name="signalen" value="{reference}"')
        self.assertFalse(Dossier.objects.exists())

    def test_nothing_visible_chosen_goes_back_with_a_message(self):
        self.login(self.carla)
        response = self.start([self.other_group.reference])
        self.assertRedirects(response, reverse("intake:signal_list"), fetch_redirect_response=False)
        self.assertIn("Kies eerst", " ".join(str(m) for m in get_messages(response.wsgi_request)))
        self.assertFalse(Dossier.objects.exists())

    def test_without_membership_it_is_404(self):
        self.assertNotFoundFor(
            [self.nina], "post", reverse(CREATE), {"start": "signalen", "signals": ["x"]}
        )


class LateActionTests(DossierTestCase):
    def test_an_overdue_action_says_te_laat_on_the_page_the_list_and_the_dashboard(self):
        today = timezone.localdate()
        for days, title, done in [
            (-3, "Brief aan de wethouder", False),
            (-5, "Al gedaan", True),
            (0, "Vandaag bellen", False),
        ]:
            DossierAction.objects.create(
                dossier=self.dossier,
                kind=ActionKind.LETTER,
                date=today + timedelta(days=days),
                title=title,
                done=done,
            )
        self.login(self.vince)
        page = self.client.get(self.url("dossier_detail")).content.decode()
        self.assertEqual(page.count(">te laat<"), 1)
        late_line = page[page.index("Brief aan de wethouder") :][:300]
        self.assertIn("te laat", late_line)
        self.assertIn("te doen", page[page.index("Vandaag bellen") :][:300])
        listing = self.client.get(reverse("dossiers:dossier_list"))
        self.assertContains(listing, "1 actie te laat")
        dashboard = self.client.get(reverse("front:dashboard"))
        self.assertContains(dashboard, "te laat")

    def test_no_late_actions_no_te_laat(self):
        self.login(self.carla)
        listing = self.client.get(reverse("dossiers:dossier_list"))
        self.assertContains(listing, self.dossier.title)
        self.assertNotContains(listing, "actie te laat")


class CostSheetFormData:
    def sheet(self, **rows):
        data = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "30",
            "note": "",
        }
        data.update(rows)
        return data

    def lump_sum_and_per_person(self, **extra):
        rows = {
            "form-0-description": "Training chauffeurs",
            "form-0-people": "",
            "form-0-current_amount": "0",
            "form-0-proposed_amount": "2500",
            "form-0-assumption": "Offerte opleider 2026",
            "form-0-payer": Payer.FUND,
            "form-0-payer_name": "Oranjefonds",
            "form-1-description": "Extra ritten",
            "form-1-people": "100",
            "form-1-current_amount": "95",
            "form-1-proposed_amount": "20",
            "form-1-assumption": "Ritprijs 2025",
            "form-1-payer": Payer.MUNICIPALITY,
        }
        rows.update(extra)
        return self.sheet(**rows)


class LumpSumAndPayerTests(CostSheetFormData, DossierTestCase):
    def test_a_lump_sum_counts_once_and_totals_are_shown_per_payer(self):
        self.login(self.carla)
        response = self.client.post(self.url("cost_sheet"), self.lump_sum_and_per_person())
        self.assertRedirects(response, self.url("dossier_detail"))
        lump, per_person = CostItem.objects.order_by("position")
        self.assertTrue(lump.is_lump_sum)
        self.assertEqual((lump.current_total, lump.proposed_total), (0, Decimal("2500")))
        self.assertEqual(per_person.current_total, Decimal("9500"))
        sheet = selectors.cost_sheet(self.dossier)
        self.assertEqual(
            [(row["payer"], row["current"], row["proposed"]) for row in sheet.per_payer],
            [("Oranjefonds", 0, Decimal("2500")), ("De gemeente", 9500, 2000)],
        )
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "vast bedrag")
        self.assertContains(page, "Totaal per betaler")
        self.assertContains(page, "€ 7.500,00 minder")  # the municipality
        self.assertContains(page, "€ 2.500,00 meer")  # the fund
        self.assertContains(page, "Het voorstel bespaart € 5.000,00 per jaar.")

    def test_another_payer_needs_a_name_and_then_nothing_is_stored(self):
        self.login(self.carla)
        response = self.client.post(
            self.url("cost_sheet"),
            self.lump_sum_and_per_person(**{"form-0-payer": Payer.OTHER, "form-0-payer_name": ""}),
        )
        self.assertContains(response, "Schrijf op wie dit betaalt.")
        self.assertFalse(CostItem.objects.exists())

    def test_user_text_in_the_cost_sheet_is_escaped(self):
        self.login(self.carla)
        self.client.post(
            self.url("cost_sheet"),
            self.lump_sum_and_per_person(
                **{"form-0-payer": Payer.OTHER, "form-0-payer_name": "<b>Stichting</b>"}
            ),
        )
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "&lt;b&gt;Stichting&lt;/b&gt;")
        self.assertNotContains(page, "<b>Stichting</b>")


class CostSheetRoleTests(CostSheetFormData, DossierTestCase):
    def test_only_the_coordinator_changes_a_groups_cost_sheet_volunteers_read_it(self):
        services.cost_items_replace(
            dossier=self.dossier,
            items=[
                {
                    "description": "Extra ritten",
                    "people": 10,
                    "current_amount": Decimal(95),
                    "proposed_amount": Decimal(20),
                    "assumption": "Ritprijs 2025",
                }
            ],
            note="",
        )
        self.login(self.carla)
        self.assertEqual(self.client.get(self.url("cost_sheet")).status_code, 200)
        self.assertContains(self.client.get(self.url("dossier_detail")), "Kosten bewerken")

        self.client.logout()
        self.login(self.vince)
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "Extra ritten")  # read-only
        self.assertNotContains(page, "Kosten bewerken")
        self.assertContains(page, "Alleen een coördinator van de groep past de kosten aan.")
        self.assertNotFoundFor([self.vince], "get", self.url("cost_sheet"))
        self.assertNotFoundFor(
            [self.vince, self.bram, self.otto, self.nina, self.sanne, self.bea],
            "post",
            self.url("cost_sheet"),
            self.lump_sum_and_per_person(),
        )
        self.assertEqual(
            list(CostItem.objects.values_list("description", flat=True)), ["Extra ritten"]
        )

        self.client.logout()
        self.login(self.root)
        self.assertEqual(self.client.get(self.url("cost_sheet")).status_code, 200)

    def test_national_staff_change_the_national_offices_cost_sheet(self):
        national = make_dossier(
            None,
            self.sanne,
            organisation=self.alfa,
            area=Area.NATIONAL,
            municipalities=[],
            title="Landelijk: eigen bijdrage",
        )
        url = reverse("dossiers:cost_sheet", args=[national.reference])
        for user in [self.sanne, self.bea]:
            self.client.logout()
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 200)
        self.assertNotFoundFor([self.carla, self.vince, self.otto], "get", url)


class HistoryTests(CostSheetFormData, DossierTestCase):
    def test_every_change_is_kept_with_who_and_when(self):
        self.login(self.carla)
        self.client.post(
            self.url("dossier_edit"),
            {
                "title": "Taxi altijd te laat",
                "problem": self.dossier.problem,
                "area": "gemeente",
                "municipalities": "Amsterdam",
                "themes": [self.vervoer.pk],
                "status": DossierStatus.ACTIVE,
            },
        )
        self.client.post(
            self.url("action_create"),
            {"kind": ActionKind.LETTER, "date": "2026-03-01", "title": "Brief sturen"},
        )
        action = DossierAction.objects.get()
        self.client.post(
            self.url("action_edit", action.pk),
            {
                "kind": ActionKind.LETTER,
                "date": "2026-03-01",
                "title": "Brief sturen",
                "done": "on",
            },
        )
        self.client.post(self.url("cost_sheet"), self.lump_sum_and_per_person())
        other = make_signal(self.group_a, theme=self.vervoer, municipality=self.amsterdam)
        self.client.post(self.url("dossier_link"), {"kenmerken": other.reference})
        self.client.post(self.url("dossier_unlink"), {"signaal": other.reference})
        self.client.post(self.url("action_edit", action.pk), {"verwijderen": "1"})

        events = list(self.dossier.events.order_by("at", "pk"))
        K = DossierEvent.Kind
        self.assertEqual(
            [(e.kind, e.field) for e in events],
            [
                (K.CREATED, ""),
                (K.SIGNALS_LINKED, ""),
                (K.CHANGED, "title"),
                (K.STATUS, ""),
                (K.ACTION_ADDED, ""),
                (K.ACTION_DONE, ""),
                (K.COSTS, ""),
                (K.SIGNALS_LINKED, ""),
                (K.SIGNAL_UNLINKED, ""),
                (K.ACTION_DELETED, ""),
            ],
        )
        self.assertEqual({e.actor for e in events}, {self.carla})
        title = events[2]
        self.assertEqual(
            (title.from_value, title.to_value),
            ("Taxi naar de dagbesteding te laat", "Taxi altijd te laat"),
        )
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "Geschiedenis")
        self.assertContains(page, "Titel aangepast")
        self.assertContains(page, "In voorbereiding → Lopend")
        self.assertContains(page, "Actie gedaan")
        self.assertContains(page, "Kostenberekening aangepast: 2 kostenposten")
        self.assertContains(page, f"Signaal losgekoppeld: {other.reference}")

    def test_the_history_is_append_only(self):
        event = self.dossier.events.first()
        event.note = "anders"
        with self.assertRaises(ValueError):
            event.save()
        with self.assertRaises(ValueError):
            event.delete()

    def test_the_national_office_reads_how_many_signals_not_which(self):
        self.dossier.shared_with_national = True
        self.dossier.save()
        self.login(self.sanne)
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "Signalen gekoppeld: 1 signaal")
        self.assertNotContains(page, self.signal.reference)
