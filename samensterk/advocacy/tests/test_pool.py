"""The advocate pool and run sheets in the admin; volunteers changed, switched off and removed
(with a confirmation, refused when support requests depend on them)."""

from django.contrib.admin.models import LogEntry
from django.urls import reverse

from samensterk.advocacy import services
from samensterk.advocacy.models import Advocate, Duo, Presentation, SupportRequest
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase


class PoolTests(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.ans = Advocate.objects.create(organisation=self.alfa, name="Ans")
        self.ans.municipalities.add(self.amsterdam)
        self.login(self.sanne)

    def request_for(self, advocate):
        return SupportRequest.objects.create(
            organisation=self.alfa, group=self.group_a, reference="H-TEST01", kind="advies",
            what="Vraag", municipality=self.amsterdam, advocate=advocate,
        )  # fmt: skip

    def test_change_and_switch_off(self):
        url = reverse("advocacy:advocate_edit", args=[self.ans.pk])
        self.assertContains(self.client.get(reverse("advocacy:pool")), url)
        response = self.client.post(url, {"name": "Ans", "municipality_names": ""})
        self.assertContains(response, "Kies minstens één provincie", status_code=400)
        response = self.client.post(
            url, {"name": "Ans de Wit", "municipality_names": "Amsterdam", "laws": ["wmo"]}
        )
        self.assertRedirects(response, reverse("advocacy:pool"))
        self.ans.refresh_from_db()
        self.assertEqual(
            (self.ans.name, self.ans.active, self.ans.laws), ("Ans de Wit", False, ["wmo"])
        )
        # Switched off: no longer suggested for a request in her region.
        self.assertEqual(services.suggestions(self.request_for(None)), [])
        entry = LogEntry.objects.get(object_id=str(self.ans.pk))
        self.assertEqual(entry.user, self.sanne)
        self.assertIn("Actief", entry.get_change_message())

    def test_remove_after_confirmation(self):
        url = reverse("advocacy:advocate_delete", args=[self.ans.pk])
        self.assertContains(self.client.get(url), "Ans weghalen?")
        self.assertTrue(Advocate.objects.filter(pk=self.ans.pk).exists())
        response = self.client.post(url, follow=True)
        self.assertContains(response, "Ans is uit de pool gehaald.")
        self.assertFalse(Advocate.objects.filter(pk=self.ans.pk).exists())

    def test_remove_refused_when_requests_depend_on_it(self):
        self.request_for(self.ans)
        url = reverse("advocacy:advocate_delete", args=[self.ans.pk])
        self.assertContains(self.client.get(url), "Weghalen kan daarom niet")
        response = self.client.post(url)
        self.assertContains(response, "Zet de vrijwilliger op ‘niet actief’", status_code=400)
        self.assertTrue(Advocate.objects.filter(pk=self.ans.pk).exists())

    def test_others_get_404(self):
        olaf = Advocate.objects.create(organisation=self.omega, name="Olaf")
        for name in ["advocacy:advocate_edit", "advocacy:advocate_delete"]:
            for method in ["get", "post"]:
                self.assertNotFoundFor(
                    [self.carla, self.vince, self.otto, self.nina],
                    method,
                    reverse(name, args=[self.ans.pk]),
                )
                self.assertNotFoundFor([self.sanne], method, reverse(name, args=[olaf.pk]))
        self.assertEqual(Advocate.objects.count(), 2)


class AdminTests(BaseTestCase):
    def test_pool_and_run_sheet_in_the_admin(self):
        ans = Advocate.objects.create(organisation=self.alfa, name="Ans")
        busy = Advocate.objects.create(organisation=self.alfa, name="Bep")
        SupportRequest.objects.create(
            organisation=self.alfa, reference="H-TEST02", kind="advies", what="Vraag",
            municipality=Municipality.objects.get(code="GM0363"), advocate=busy,
        )  # fmt: skip
        olaf = Advocate.objects.create(organisation=self.omega, name="Olaf")
        duo = Duo.objects.create(
            organisation=self.alfa, group=self.group_a, person_with="Ellis", person_without="Ineke"
        )
        presentation = Presentation.objects.create(duo=duo, title="Wonen", date="2027-05-12")
        services.part_add(presentation, what="Begin", who="samen", minutes=5)
        self.login(self.bea)
        for url in [
            reverse("admin:advocacy_advocate_changelist"),
            reverse("admin:advocacy_advocate_change", args=[ans.pk]),
            reverse("admin:advocacy_presentation_changelist"),
        ]:
            self.assertEqual(self.client.get(url).status_code, 200, url)
        page = self.client.get(
            reverse("admin:advocacy_presentation_change", args=[presentation.pk])
        )
        self.assertContains(page, "Begin")
        self.assertEqual(
            self.client.get(reverse("admin:advocacy_advocate_delete", args=[busy.pk])).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(reverse("admin:advocacy_advocate_change", args=[olaf.pk])).status_code,
            404,
        )
        self.client.post(reverse("admin:advocacy_advocate_delete", args=[ans.pk]), {"post": "yes"})
        self.assertFalse(Advocate.objects.filter(pk=ans.pk).exists())
