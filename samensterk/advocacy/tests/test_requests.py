from django.urls import reverse

from samensterk.advocacy.models import Advocate, RequestStatus, SupportRequest
from samensterk.intake.models import Signal
from samensterk.places.models import Municipality
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase, make_user
from samensterk.themes.models import Theme


class SupportRequestTests(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.wonen = Theme.objects.get(code="wonen")
        self.wmo = Theme.objects.get(code="wmo")
        self.ans_user = make_user("ans@example.org", "Ans Advocaat")
        self.ans = Advocate.objects.create(organisation=self.alfa, name="Ans", user=self.ans_user)
        self.ans.municipalities.add(self.amsterdam)
        self.ans.themes.add(self.wmo)
        self.piet = Advocate.objects.create(organisation=self.alfa, name="Piet")
        self.piet.municipalities.add(self.amsterdam)
        self.far = Advocate.objects.create(organisation=self.alfa, name="Ver Weg")
        self.far.municipalities.add(Municipality.objects.get(code="GM0687"))

    def file(self, user=None, **data):
        self.login(user or self.vince)
        values = {
            "member_name": "Mevrouw Jansen", "member_phone": "06 1234 5678", "kind": "voorbereiden",
            "what": "Keukentafelgesprek over huishoudelijke hulp.", "municipality": self.amsterdam.pk,
            "when": "12 maart, 10 uur", "theme": self.wmo.pk,
        }  # fmt: skip
        values.update(data)
        return self.client.post(reverse("advocacy:request_create"), values, follow=True)

    def test_filed_matched_assigned_outcome_and_a_signal_with_consent(self):
        response = self.file(member_phone="")
        self.assertContains(response, "Vul een e-mailadres of telefoonnummer in", status_code=400)
        self.assertFalse(SupportRequest.objects.exists())
        self.file()
        support = SupportRequest.objects.get()
        self.assertNotContains(self.client.get(support.get_absolute_url()), "Mevrouw Jansen")
        # The coordinator sees suggestions from the region, the theme first; not the far one.
        self.login(self.carla)
        page = self.client.get(support.get_absolute_url())
        suggested = [a.name for a in page.context["suggestions"]]
        self.assertEqual(suggested, ["Ans", "Piet"])
        response = self.client.post(
            reverse("advocacy:request_assign", args=[support.reference]),
            {"vrijwilliger": self.far.pk},
            follow=True,
        )
        self.assertContains(response, "werkt niet in deze gemeente")
        self.client.post(
            reverse("advocacy:request_assign", args=[support.reference]),
            {"vrijwilliger": self.ans.pk},
        )
        support.refresh_from_db()
        self.assertEqual((support.advocate, support.status), (self.ans, RequestStatus.ASSIGNED))
        # Ans, the volunteer, sees it, the member's details with an audit line, and logs the outcome.
        self.login(self.ans_user)
        page = self.client.get(support.get_absolute_url() + "?contactgegevens=1")
        self.assertContains(page, "Mevrouw Jansen")
        self.assertTrue(
            AuditLog.objects.filter(
                actor=self.ans_user, object_reference=support.reference
            ).exists()
        )
        self.client.post(
            reverse("advocacy:request_outcome", args=[support.reference]),
            {"outcome": "Ze krijgt drie uur hulp per week.", "consent_signal": "on"},
        )
        self.assertNotFoundFor(
            [self.ans_user], "post", reverse("advocacy:request_signal", args=[support.reference])
        )
        # The coordinator makes it a signal in one click; only once.
        self.login(self.carla)
        self.client.post(reverse("advocacy:request_signal", args=[support.reference]))
        support.refresh_from_db()
        signal = Signal.objects.get(pk=support.signal_id)
        self.assertEqual(
            (signal.group, signal.municipality, signal.theme),
            (self.group_a, self.amsterdam, self.wmo),
        )
        response = self.client.post(
            reverse("advocacy:request_signal", args=[support.reference]), follow=True
        )
        self.assertContains(response, "Hier is al een signaal van gemaakt.")
        self.assertEqual(Signal.objects.count(), 1)

    def test_no_signal_without_consent_and_others_get_404(self):
        self.file()
        support = SupportRequest.objects.get()
        self.login(self.carla)
        self.client.post(
            reverse("advocacy:request_outcome", args=[support.reference]), {"outcome": "Geregeld."}
        )
        response = self.client.post(
            reverse("advocacy:request_signal", args=[support.reference]), follow=True
        )
        self.assertContains(response, "geen toestemming")
        self.assertFalse(Signal.objects.exists())
        for method, url in [
            ("get", support.get_absolute_url()),
            ("post", reverse("advocacy:request_assign", args=[support.reference])),
            ("post", reverse("advocacy:request_outcome", args=[support.reference])),
        ]:
            self.assertNotFoundFor([self.bram, self.otto, self.nina, self.ans_user], method, url)
        self.assertNotFoundFor([self.carla, self.vince], "get", reverse("advocacy:pool"))

    def test_staff_keep_the_pool(self):
        self.login(self.sanne)
        response = self.client.post(
            reverse("advocacy:pool"),
            {
                "name": "Henk",
                "municipality_names": "Amsterdam",
                "laws": ["wmo", "wlz"],
                "active": "on",
            },
            follow=True,
        )
        self.assertContains(response, "Henk staat in de pool.")
        self.assertEqual(Advocate.objects.get(name="Henk").laws, ["wmo", "wlz"])


class RetentionTests(SupportRequestTests):
    def test_the_members_details_are_erased_after_the_retention_period_whatever_the_status(self):
        from datetime import timedelta

        from django.core.management import call_command
        from django.utils import timezone

        now = timezone.now()
        self.file()
        self.file(member_name="Meneer Pietersen")
        open_old, closed_recent = SupportRequest.objects.order_by("pk")
        # Still open a year and more after it was filed: the details go all the same.
        SupportRequest.objects.filter(pk=open_old.pk).update(created_at=now - timedelta(days=400))
        SupportRequest.objects.filter(pk=closed_recent.pk).update(
            created_at=now - timedelta(days=100),
            status=RequestStatus.DONE,
            closed_at=now - timedelta(days=10),
        )
        call_command("apply_retention", stdout=open("/dev/null", "w"))  # noqa: SIM115
        open_old.refresh_from_db()
        closed_recent.refresh_from_db()
        self.assertFalse(hasattr(open_old, "contact"))
        self.assertEqual(closed_recent.contact.name, "Meneer Pietersen")
        self.assertEqual(
            list(
                AuditLog.objects.filter(action=AuditLog.Action.ERASE_CONTACT).values_list(
                    "object_reference", flat=True
                )
            ),
            [open_old.reference],
        )
        self.login(self.carla)
        page = self.client.get(open_old.get_absolute_url() + "?contactgegevens=1")
        self.assertContains(page, "De contactgegevens zijn gewist (bewaartermijn).")
