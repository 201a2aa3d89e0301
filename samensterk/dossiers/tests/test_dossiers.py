from datetime import timedelta
from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samensterk.dossiers import selectors, services
from samensterk.dossiers.models import (
    ActionKind,
    Area,
    CostItem,
    Dossier,
    DossierAction,
    DossierStatus,
    Strategy,
)
from samensterk.dossiers.notifications import send_reminders
from samensterk.intake import services as signal_services
from samensterk.intake.models import Status
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

AMSTERDAM = "GM0363"


def make_dossier(group, actor, **fields):
    amsterdam = Municipality.objects.get(code=AMSTERDAM)
    defaults = {
        "title": "Taxi naar de dagbesteding te laat",
        "problem": "De taxi komt vaak een uur te laat. Mensen missen hun dagbesteding.",
        "area": Area.MUNICIPALITY,
        "municipalities": [amsterdam],
        "themes": [Theme.objects.get(code="vervoer")],
    }
    defaults.update(fields)
    organisation = group.organisation if group else fields.pop("organisation")
    defaults.pop("organisation", None)
    return services.dossier_create(organisation=organisation, group=group, actor=actor, **defaults)


class DossierTestCase(BaseTestCase):
    def setUp(self):
        self.vervoer = Theme.objects.get(code="vervoer")
        self.amsterdam = Municipality.objects.get(code=AMSTERDAM)
        self.signal = make_signal(
            self.group_a,
            story="Jan de Vries wacht elke dag een uur op de taxi naar de dagbesteding.",
            theme=self.vervoer,
            municipality=self.amsterdam,
            consent_share_national=True,
        )
        self.dossier = make_dossier(self.group_a, self.carla, signals=[self.signal])

    def url(self, name, *args):
        return reverse(f"dossiers:{name}", args=[self.dossier.reference, *args])


class CreateAndLinkTests(DossierTestCase):
    def test_a_volunteer_starts_a_dossier_from_the_form(self):
        self.login(self.vince)
        response = self.client.post(
            reverse("dossiers:dossier_create"),
            {
                "owner": "g:groep-a",
                "title": "Geen plek op de dagbesteding",
                "problem": "Er is een wachtlijst van een jaar.",
                "area": "gemeente",
                "municipalities": "amsterdam",
                "themes": [Theme.objects.get(code="dagbesteding").pk],
                "strategy": Strategy.INFORM,
                "status": DossierStatus.PREPARING,
            },
        )
        dossier = Dossier.objects.get(title="Geen plek op de dagbesteding")
        self.assertRedirects(response, reverse("dossiers:dossier_detail", args=[dossier.reference]))
        self.assertEqual((dossier.group, dossier.created_by), (self.group_a, self.vince))
        self.assertEqual(list(dossier.municipalities.all()), [self.amsterdam])

    def test_bad_input_is_explained_and_nothing_is_stored(self):
        self.login(self.carla)
        before = Dossier.objects.count()
        response = self.client.post(
            reverse("dossiers:dossier_create"),
            {
                "owner": "g:groep-a",
                "title": "",
                "problem": "x",
                "area": "gemeente",
                "municipalities": "Amsterdam, Atlantis",
                "affected_estimate": "40",
                "status": DossierStatus.PREPARING,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "We kennen deze gemeenten niet: Atlantis")
        self.assertContains(response, "Het dossier is nog niet opgeslagen")
        response = self.client.post(
            reverse("dossiers:dossier_create"),
            {
                "owner": "g:groep-a",
                "title": "Twee gemeenten",
                "problem": "x",
                "area": "gemeente",
                "municipalities": "Amsterdam, Middelburg",
                "affected_estimate": "40",
                "status": DossierStatus.PREPARING,
            },
        )
        self.assertContains(response, "Kies precies één gemeente")
        self.assertContains(response, "waar de schatting vandaan komt")
        self.assertEqual(Dossier.objects.count(), before)

    def test_a_group_cannot_make_a_national_dossier_or_one_for_another_group(self):
        with self.assertRaisesMessage(ValidationError, "landelijke dossiers"):
            make_dossier(self.group_a, self.carla, area=Area.NATIONAL, municipalities=[])
        self.login(self.carla)
        response = self.client.post(
            reverse("dossiers:dossier_create"),
            {"owner": "g:groep-b", "title": "t", "problem": "p", "area": "regio"},
        )
        self.assertEqual(response.status_code, 404)

    def test_linking_bundles_the_signal_and_counts_it(self):
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Status.BUNDLED)
        self.assertEqual(selectors.affected_count(self.dossier), 1)
        second = make_signal(self.group_a, theme=self.vervoer, municipality=self.amsterdam)
        self.login(self.vince)
        self.client.post(self.url("dossier_link"), {"kenmerken": f"{second.reference}\n"})
        self.assertEqual(selectors.affected_count(self.dossier), 2)
        response = self.client.get(self.url("dossier_detail"))
        self.assertContains(response, "2 signalen gekoppeld")

    def test_linking_is_all_or_nothing_and_only_from_the_own_group(self):
        other_group = make_signal(self.group_b, theme=self.vervoer)
        mine = make_signal(self.group_a, theme=self.vervoer)
        self.login(self.carla)
        response = self.client.post(
            self.url("dossier_link"),
            {"kenmerken": f"{mine.reference} {other_group.reference} S-NOPE-0000"},
            follow=True,
        )
        self.assertContains(response, "Niets toegevoegd")
        self.assertContains(response, other_group.reference)
        self.assertEqual(selectors.affected_count(self.dossier), 1)

    def test_a_signal_can_be_in_two_dossiers_and_a_withdrawn_one_no_longer_counts(self):
        second = make_dossier(self.group_a, self.carla, title="Ook vervoer", signals=[self.signal])
        self.assertEqual(set(self.signal.dossiers.all()), {self.dossier, second})
        signal_services.signal_withdraw(signal=self.signal)
        self.assertEqual(selectors.affected_count(self.dossier), 0)

    def test_new_matching_signals_are_proposed_and_can_be_declined(self):
        match = make_signal(self.group_a, theme=self.vervoer, municipality=self.amsterdam)
        elsewhere = make_signal(
            self.group_a, theme=self.vervoer, municipality=Municipality.objects.get(code="GM0687")
        )
        other_theme = make_signal(
            self.group_a, theme=Theme.objects.get(code="wonen"), municipality=self.amsterdam
        )
        self.login(self.carla)
        proposals = self.client.get(self.url("dossier_detail")).context["proposals"]
        self.assertEqual([s.reference for s in proposals], [match.reference])
        self.assertNotIn(elsewhere, proposals)
        self.assertNotIn(other_theme, proposals)
        # The signal's own page offers the dossier too.
        page = self.client.get(reverse("intake:signal_detail", args=[match.reference]))
        self.assertEqual(page.context["matching_dossiers"], [self.dossier])
        self.client.post(self.url("decline"), {"signaal": match.reference})
        self.assertEqual(self.client.get(self.url("dossier_detail")).context["proposals"], [])
        page = self.client.get(reverse("intake:signal_detail", args=[match.reference]))
        self.assertEqual(page.context["matching_dossiers"], [])

    def test_unlinking_removes_the_signal_and_stops_proposing_it(self):
        self.login(self.carla)
        self.client.post(self.url("dossier_unlink"), {"signaal": self.signal.reference})
        self.assertEqual(selectors.affected_count(self.dossier), 0)
        self.assertEqual(self.client.get(self.url("dossier_detail")).context["proposals"], [])


class PatternTests(BaseTestCase):
    def test_a_dossier_starts_from_an_emerging_pattern_in_one_click(self):
        vervoer = Theme.objects.get(code="vervoer")
        amsterdam = Municipality.objects.get(code=AMSTERDAM)
        signals = [
            make_signal(self.group_a, theme=vervoer, municipality=amsterdam) for _n in range(3)
        ]
        make_signal(self.group_b, theme=vervoer, municipality=amsterdam)  # not the group's
        self.login(self.carla)
        dashboard = self.client.get(reverse("front:dashboard"))
        self.assertContains(dashboard, "Maak hier een dossier van")
        start = reverse("dossiers:dossier_create") + f"?van=g:groep-a&patroon={AMSTERDAM}:vervoer"
        form = self.client.get(start)
        self.assertContains(form, "de 3 signalen uit het patroon")
        self.assertEqual(form.context["form"].initial["municipalities"], [amsterdam])
        response = self.client.post(
            start,
            {
                "owner": "g:groep-a",
                "patroon": f"{AMSTERDAM}:vervoer",
                "title": "Vervoer in Amsterdam",
                "problem": "Te laat.",
                "area": "gemeente",
                "municipalities": "Amsterdam",
                "themes": [vervoer.pk],
                "status": DossierStatus.PREPARING,
            },
            follow=True,
        )
        dossier = Dossier.objects.get(title="Vervoer in Amsterdam")
        self.assertEqual(set(dossier.signals.all()), set(signals))
        self.assertContains(response, "met 3 signalen")


class AccessTests(DossierTestCase):
    def test_other_groups_organisations_and_outsiders_get_404_everywhere(self):
        action = DossierAction.objects.create(
            dossier=self.dossier, kind=ActionKind.LETTER, date=timezone.localdate(), title="Brief"
        )
        outsiders = [self.bram, self.otto, self.nina, self.sanne, self.bea]
        for name, args in [
            ("dossier_detail", ()),
            ("dossier_edit", ()),
            ("action_create", ()),
            ("action_edit", (action.pk,)),
            ("cost_sheet", ()),
        ]:
            self.assertNotFoundFor(outsiders, "get", self.url(name, *args))
        for name in ["dossier_link", "dossier_unlink", "decline", "dossier_edit", "cost_sheet"]:
            self.assertNotFoundFor(
                outsiders, "post", self.url(name), {"signaal": self.signal.reference}
            )
        self.assertEqual(selectors.affected_count(self.dossier), 1)
        self.login(self.otto)
        listing = self.client.get(reverse("dossiers:dossier_list") + "?status=")
        self.assertNotContains(listing, self.dossier.title)

    def test_shared_with_the_national_office_it_is_read_only_with_pseudonymised_stories(self):
        self.dossier.shared_with_national = True
        self.dossier.save()
        self.login(self.sanne)
        response = self.client.get(self.url("dossier_detail"))
        self.assertContains(response, self.dossier.title)
        self.assertContains(response, "Je kunt dit dossier lezen, niet veranderen")
        # The signal was not handed over: the office sees that it exists, not what it says.
        self.assertNotContains(response, "Jan de Vries")
        self.assertContains(response, "En 1 signaal dat alleen de groep zelf kan zien")
        signal_services.signal_handover_to_national(signal=self.signal, actor=self.carla)
        response = self.client.get(self.url("dossier_detail"))
        self.assertNotContains(response, "Jan de Vries")
        self.assertContains(response, "[PERSOON-1]")
        for name in ["dossier_edit", "action_create", "cost_sheet"]:
            self.assertNotFoundFor([self.sanne, self.bea], "get", self.url(name))
        self.assertNotFoundFor(
            [self.sanne], "post", self.url("dossier_unlink"), {"signaal": self.signal.reference}
        )

    def test_the_national_office_has_its_own_dossiers_which_groups_do_not_see(self):
        national = make_dossier(
            None,
            self.sanne,
            organisation=self.alfa,
            area=Area.NATIONAL,
            municipalities=[],
            title="Landelijk: eigen bijdrage",
        )
        self.login(self.bea)
        url = reverse("dossiers:dossier_edit", args=[national.reference])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertNotFoundFor(
            [self.carla, self.vince, self.otto],
            "get",
            reverse("dossiers:dossier_detail", args=[national.reference]),
        )


class ActionTests(DossierTestCase):
    def test_actions_form_a_timeline_and_due_ones_are_reminded_once(self):
        today = timezone.localdate()
        self.login(self.vince)
        response = self.client.post(
            self.url("action_create"),
            {
                "kind": ActionKind.ALDERMAN,
                "date": (today - timedelta(days=1)).isoformat(),
                "title": "Gesprek met wethouder Jansen",
                "owner": str(self.carla.pk),
                "next_step": "Brief met de afspraken sturen",
            },
        )
        self.assertRedirects(response, self.url("dossier_detail"))
        action = DossierAction.objects.get()
        self.assertEqual(action.owner, self.carla)
        self.assertIn(action, selectors.due_actions(self.scope(self.carla), group=self.group_a))
        dashboard = self.client.get(reverse("front:dashboard"))
        self.assertContains(dashboard, "Gesprek met wethouder Jansen")

        self.assertEqual(send_reminders(), (1, 0))
        self.assertEqual(mail.outbox[0].to, ["carla@example.org"])
        self.assertIn("Gesprek met wethouder Jansen", mail.outbox[0].body)
        self.assertIn(self.dossier.reference, mail.outbox[0].body)
        self.assertEqual(send_reminders(), (0, 0))  # once, not every day
        call_command("send_dossier_reminders", stdout=__import__("io").StringIO())
        self.assertEqual(len(mail.outbox), 1)

        # Marked done, with what happened: no longer due.
        self.client.post(
            self.url("action_edit", action.pk),
            {
                "kind": ActionKind.ALDERMAN,
                "date": action.date.isoformat(),
                "title": action.title,
                "owner": str(self.carla.pk),
                "done": "on",
                "what_happened": "De wethouder zegt toe dat de vervoerder wordt aangesproken.",
            },
        )
        self.assertFalse(selectors.due_actions(self.scope(self.carla), group=self.group_a))

    def test_the_group_dashboards_show_every_change_at_once(self):
        make_dossier(self.group_b, self.bram, title="Geheim dossier van groep B")
        pages = [reverse("reports:group_dashboard", args=["groep-a"]), reverse("front:dashboard")]
        self.login(self.carla)
        for url in pages:
            page = self.client.get(url)
            self.assertContains(page, "Taxi naar de dagbesteding te laat")
            self.assertNotContains(page, "Geheim dossier van groep B")
        action = services.action_save(
            action=DossierAction(
                dossier=self.dossier,
                kind=ActionKind.LETTER,
                date=timezone.localdate(),
                title="Brief aan de wethouder",
                owner=self.carla,
            )
        )
        for url in pages:
            self.assertContains(self.client.get(url), "Brief aan de wethouder")
        services.action_delete(action=action)
        renamed = make_dossier(self.group_a, self.carla, title="Wachtlijst dagbesteding")
        for url in pages:
            page = self.client.get(url)
            self.assertNotContains(page, "Brief aan de wethouder")
            self.assertContains(page, "Wachtlijst dagbesteding")
        renamed.title = "Wachtlijst voor de dagbesteding"
        renamed.save()
        self.assertContains(self.client.get(pages[0]), "Wachtlijst voor de dagbesteding")
        Dossier.objects.filter(pk=renamed.pk).update(title="Wachtlijst dagbesteding Oost")
        self.assertContains(self.client.get(pages[0]), "Wachtlijst dagbesteding Oost")
        # What was kept for group A's members is never shown to others.
        self.assertNotFoundFor([self.bram, self.otto], "get", pages[0])
        self.login(self.bram)
        self.assertNotContains(self.client.get(pages[1]), "Wachtlijst voor de dagbesteding")

    def test_an_action_needs_a_valid_date_and_an_owner_from_the_group(self):
        self.login(self.carla)
        response = self.client.post(
            self.url("action_create"),
            {"kind": ActionKind.LETTER, "date": "31-02-2026", "title": "Brief", "owner": "999"},
        )
        self.assertContains(response, "De actie is nog niet opgeslagen")
        self.assertContains(response, "Selecteer een geldige keuze")
        self.assertFalse(DossierAction.objects.exists())

    def test_a_failing_mail_server_keeps_the_reminder_for_the_next_run(self):
        DossierAction.objects.create(
            dossier=self.dossier,
            kind=ActionKind.LETTER,
            date=timezone.localdate(),
            title="Brief sturen",
            owner=self.carla,
        )
        with self.settings(EMAIL_BACKEND="samensterk.dossiers.tests.test_dossiers.BrokenBackend"):
            self.assertEqual(send_reminders(), (0, 1))
        self.assertEqual(send_reminders(), (1, 0))

    def scope(self, user):
        from samensterk.accounts.permissions import scope_for

        return scope_for(user)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class CostSheetTests(DossierTestCase):
    def form(self, **rows):
        data = {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "0",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "30",
            "note": "Bedragen van 2026.",
        }
        data.update(rows)
        return data

    def test_the_cost_sheet_compares_now_with_the_proposal_with_its_assumptions(self):
        self.login(self.carla)
        response = self.client.post(
            self.url("cost_sheet"),
            self.form(
                **{
                    "form-0-description": "Taxi per rit, extra wachttijd",
                    "form-0-people": "40",
                    "form-0-current_amount": "1200",
                    "form-0-proposed_amount": "800",
                    "form-0-assumption": "Tarief vervoerder 2026, 200 ritten per jaar",
                }
            ),
        )
        self.assertRedirects(response, self.url("dossier_detail"))
        item = CostItem.objects.get()
        self.assertEqual(item.current_total, Decimal("48000"))
        page = self.client.get(self.url("dossier_detail"))
        self.assertContains(page, "Tarief vervoerder 2026, 200 ritten per jaar")
        self.assertContains(page, "48.000,00")
        self.assertContains(page, "Het voorstel bespaart € 16.000,00 per jaar.")

    def test_a_line_without_an_assumption_is_refused_and_nothing_changes(self):
        self.login(self.carla)
        response = self.client.post(
            self.url("cost_sheet"),
            self.form(
                **{
                    "form-0-description": "Zorg",
                    "form-0-people": "10",
                    "form-0-current_amount": "abc",
                    "form-0-proposed_amount": "5",
                    "form-0-assumption": "",
                }
            ),
        )
        self.assertContains(response, "De berekening is nog niet opgeslagen")
        self.assertFalse(CostItem.objects.exists())


class StatusTests(DossierTestCase):
    def test_closing_a_dossier_records_when_and_hides_it_from_open_lists(self):
        services.dossier_update(
            dossier=self.dossier,
            actor=self.carla,
            municipalities=[self.amsterdam],
            themes=[self.vervoer],
            status=DossierStatus.ACHIEVED,
            outcome="De vervoerder rijdt nu op tijd.",
        )
        self.dossier.refresh_from_db()
        self.assertIsNotNone(self.dossier.closed_at)
        self.login(self.carla)
        listing = self.client.get(reverse("dossiers:dossier_list"))
        self.assertNotContains(listing, self.dossier.title)
        listing = self.client.get(reverse("dossiers:dossier_list") + "?status=bereikt")
        self.assertContains(listing, self.dossier.title)

    def test_user_text_is_escaped(self):
        self.login(self.carla)
        self.client.post(
            self.url("dossier_edit"),
            {
                "title": "<script>alert(1)</script>",
                "problem": "p",
                "area": "gemeente",
                "municipalities": "Amsterdam",
                "status": DossierStatus.ACTIVE,
            },
        )
        response = self.client.get(self.url("dossier_detail"))
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
        self.assertNotContains(response, "<script>alert(1)</script>")
