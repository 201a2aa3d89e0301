from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samensterk.network import selectors, services
from samensterk.network.models import ContactMoment, NetworkStage, Person, Stakeholder
from samensterk.places.models import Municipality
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase


class NetworkTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.amsterdam = Municipality.objects.get(code="GM0363")
        cls.middelburg = Municipality.objects.get(code="GM0687")
        types = services.types_for(cls.alfa)
        cls.gemeente_type = types[0]
        cls.gemeente = Stakeholder.objects.create(
            organisation=cls.alfa, municipality=cls.amsterdam, kind=cls.gemeente_type,
            name="Gemeente Amsterdam",
        )  # fmt: skip
        cls.wethouder = Person.objects.create(
            organisation=cls.alfa, municipality=cls.amsterdam, stakeholder=cls.gemeente,
            name="Wim Wethouder", role="wethouder zorg", email="wim@amsterdam.example",
            phone="020 123 4567", key_contact=True, keep_in_touch_days=60,
        )  # fmt: skip
        cls.zeeland = Stakeholder.objects.create(
            organisation=cls.alfa, municipality=cls.middelburg, kind=cls.gemeente_type,
            name="Gemeente Middelburg",
        )  # fmt: skip
        cls.omega_type = services.types_for(cls.omega)[0]
        cls.utrecht = Stakeholder.objects.create(
            organisation=cls.omega, municipality=Municipality.objects.get(code="GM0344"),
            kind=cls.omega_type, name="Gemeente Utrecht",
        )  # fmt: skip

    def form(self, **data):
        values = {
            "name": "Zorggroep Noord",
            "kind": self.gemeente_type.pk,
            "municipality": self.amsterdam.pk,
            "power": "3",
            "interest": "4",
        }
        values.update(data)
        return values


class RegisterAccessTests(NetworkTestCase):
    def test_groups_share_the_register_of_their_own_municipalities_only(self):
        self.assertEqual(
            list(selectors.stakeholders_for_user(self.carla)), [self.gemeente]
        )  # Amsterdam only
        self.assertEqual(list(selectors.stakeholders_for_user(self.bram)), [self.zeeland])
        self.assertEqual(
            set(selectors.stakeholders_for_user(self.sanne)), {self.gemeente, self.zeeland}
        )
        self.assertEqual(list(selectors.stakeholders_for_user(self.otto)), [self.utrecht])

    def test_others_get_404_for_organisations_and_people(self):
        for url in [
            reverse("network:stakeholder_detail", args=[self.gemeente.pk]),
            reverse("network:stakeholder_edit", args=[self.gemeente.pk]),
            reverse("network:person_detail", args=[self.wethouder.pk]),
            reverse("network:person_edit", args=[self.wethouder.pk]),
        ]:
            # Group B (another area), Omega's coordinator, someone without a membership.
            self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)
            self.assertNotFoundFor([self.bram, self.otto], "post", url, {"discussed": "x"})
        self.assertNotFoundFor([self.nina], "get", reverse("network:register"))
        self.login(self.carla)
        self.assertEqual(
            self.client.get(reverse("network:person_detail", args=[self.wethouder.pk])).status_code,
            200,
        )  # noqa: E501

    def test_the_register_page_lists_what_the_user_may_see(self):
        self.login(self.vince)
        response = self.client.get(reverse("network:register"))
        self.assertContains(response, "Gemeente Amsterdam")
        self.assertContains(response, "Wim Wethouder")
        self.assertNotContains(response, "Gemeente Middelburg")
        self.assertNotContains(response, "Gemeente Utrecht")
        # Key contact never contacted: a keep-in-touch reminder.
        self.assertContains(response, "Tijd om weer contact op te nemen")
        response = self.client.get(reverse("network:register"), {"zoek": "wethouder"})
        self.assertContains(response, "Wim Wethouder")
        response = self.client.get(reverse("network:register"), {"gemeente": "abc"})
        self.assertEqual(response.status_code, 404)

    def test_contact_details_are_shown_on_request_and_the_look_is_audited(self):
        self.login(self.carla)
        url = reverse("network:person_detail", args=[self.wethouder.pk])
        response = self.client.get(url)
        self.assertNotContains(response, "wim@amsterdam.example")
        self.assertFalse(AuditLog.objects.exists())
        response = self.client.get(url, {"contactgegevens": "1"})
        self.assertContains(response, "wim@amsterdam.example")
        log = AuditLog.objects.get()
        self.assertEqual((log.actor, log.action), (self.carla, AuditLog.Action.VIEW_CONTACT))
        self.assertEqual(log.object_reference, f"netwerk-persoon-{self.wethouder.pk}")

    def test_the_edit_form_shows_contact_details_and_the_look_is_audited(self):
        self.login(self.carla)
        response = self.client.get(reverse("network:person_edit", args=[self.wethouder.pk]))
        self.assertContains(response, "wim@amsterdam.example")
        self.assertContains(response, "020 123 4567")
        log = AuditLog.objects.get()
        self.assertEqual((log.actor, log.action), (self.carla, AuditLog.Action.VIEW_CONTACT))
        self.assertEqual(log.organisation, self.alfa)
        self.assertEqual(log.object_reference, f"netwerk-persoon-{self.wethouder.pk}")


class RegisterChangeTests(NetworkTestCase):
    def test_adding_an_organisation_in_the_groups_area(self):
        self.login(self.vince)
        response = self.client.post(reverse("network:stakeholder_create"), self.form())
        added = Stakeholder.objects.get(name="Zorggroep Noord")
        self.assertRedirects(response, reverse("network:stakeholder_detail", args=[added.pk]))
        self.assertEqual((added.organisation, added.created_by), (self.alfa, self.vince))

    def test_a_municipality_outside_the_area_is_refused_in_dutch(self):
        self.login(self.carla)
        response = self.client.post(
            reverse("network:stakeholder_create"), self.form(municipality=self.middelburg.pk)
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Stakeholder.objects.filter(name="Zorggroep Noord").exists())
        # The service refuses it too, whatever a form offers.
        register = selectors.register_for(self.carla)
        entry = Stakeholder(organisation=self.alfa)
        with self.assertRaisesMessage(Exception, str(services.OUTSIDE_AREA)):
            services.entry_save(
                register=register,
                entry=entry,
                data={"name": "X", "kind": self.gemeente_type, "municipality": self.middelburg},
                actor=self.carla,
            )

    def test_a_type_of_another_organisation_is_refused(self):
        register = selectors.register_for(self.carla)
        with self.assertRaisesMessage(Exception, str(services.TYPE_UNKNOWN)):
            services.entry_save(
                register=register,
                entry=Stakeholder(organisation=self.alfa),
                data={"name": "X", "kind": self.omega_type, "municipality": self.amsterdam},
                actor=self.carla,
            )

    def test_duplicates_are_found_and_need_a_choice(self):
        self.login(self.carla)
        url = reverse("network:person_create")
        data = {"name": "wim  wethouder", "municipality": self.amsterdam.pk, "stage": "spotten",
                "power": "3", "interest": "3"}  # fmt: skip
        response = self.client.post(url, data)
        self.assertContains(response, "Dit lijkt al in het netwerk te staan", status_code=400)
        self.assertContains(response, "Toch toevoegen", status_code=400)
        self.assertEqual(Person.objects.count(), 1)
        # A near-miss spelling is found as well.
        data["name"] = "Wim Wethouders"
        self.assertEqual(self.client.post(url, data).status_code, 400)
        response = self.client.post(url, {**data, "confirmed": "on"})
        self.assertEqual(Person.objects.count(), 2)
        self.assertEqual(response.status_code, 302)

    def test_a_person_cannot_work_at_an_organisation_outside_the_register(self):
        self.login(self.carla)
        response = self.client.post(
            reverse("network:person_create"),
            {"name": "Els", "stakeholder": self.zeeland.pk, "municipality": self.amsterdam.pk,
             "stage": "spotten", "power": "3", "interest": "3"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Person.objects.filter(name="Els").exists())

    def test_names_are_escaped(self):
        self.login(self.carla)
        self.client.post(reverse("network:stakeholder_create"), self.form(name="<b>Raad</b>"))
        response = self.client.get(reverse("network:register"))
        self.assertContains(response, "&lt;b&gt;Raad&lt;/b&gt;")
        self.assertNotContains(response, "<b>Raad</b>")


class ContactLogTests(NetworkTestCase):
    def contact(self, user, url, **data):
        self.login(user)
        values = {"date": timezone.localdate().isoformat(), "kind": "gesprek",
                  "discussed": "Over het leerlingenvervoer."}  # fmt: skip
        values.update(data)
        return self.client.post(url, values)

    def test_logging_a_contact_keeps_the_last_contact_and_the_step(self):
        url = reverse("network:person_detail", args=[self.wethouder.pk])
        response = self.contact(self.vince, url, stage=NetworkStage.MET, next_step="Brief sturen")
        self.assertRedirects(response, url)
        self.wethouder.refresh_from_db()
        self.assertEqual(self.wethouder.last_contact_on, timezone.localdate())
        self.assertEqual(self.wethouder.stage, NetworkStage.MET)
        moment = ContactMoment.objects.get()
        self.assertEqual((moment.group, moment.created_by), (self.group_a, self.vince))
        self.assertEqual(selectors.keep_in_touch_due(self.carla), [])
        later = timezone.localdate() + timedelta(days=61)
        self.assertEqual(selectors.keep_in_touch_due(self.carla, today=later), [self.wethouder])

    def test_bad_dates_are_explained_and_nothing_is_stored(self):
        url = reverse("network:person_detail", args=[self.wethouder.pk])
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        response = self.contact(self.carla, url, date=tomorrow)
        self.assertContains(response, str(services.CONTACT_IN_FUTURE), status_code=400)
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = self.contact(self.carla, url, next_step_on="2000-01-01", date=yesterday)
        self.assertContains(response, str(services.NEXT_STEP_BEFORE), status_code=400)
        response = self.contact(self.carla, url, discussed="")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ContactMoment.objects.exists())

    def test_a_private_contact_is_seen_by_the_group_that_logged_it_only(self):
        url = reverse("network:stakeholder_detail", args=[self.gemeente.pk])
        self.contact(self.carla, url, discussed="Vertrouwelijk overleg", private="on")
        self.contact(self.carla, url, discussed="Open overleg")
        self.login(self.vince)  # same group
        self.assertContains(self.client.get(url), "Vertrouwelijk overleg")
        self.login(self.sanne)  # national staff see the register, not the group's private notes
        response = self.client.get(url)
        self.assertContains(response, "Open overleg")
        self.assertNotContains(response, "Vertrouwelijk overleg")
