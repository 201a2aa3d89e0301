"""The signals' retention: keeping contact details longer (the form on the signal page) and
stories of closed signals pseudonymised after RETENTION_STORY_YEARS."""

from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import formats, timezone

from samensterk.intake import retention, services
from samensterk.intake.models import Signal, SignalContact, SignalEvent, Status
from samensterk.privacy import services as privacy_services
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase, make_signal

STORY = "Mijn zoon Jan de Vries wacht al een jaar. Bel 06-12345678. De gemeente Middelburg zwijgt."


class KeepContactLongerTestCase(BaseTestCase):
    def setUp(self):
        self.received = timezone.now() - timedelta(days=300)
        self.signal = make_signal(
            self.group_a,
            received_at=self.received,
            consent_contact=True,
            contact_email="ouder@example.org",
        )
        self.term_end = timezone.localdate(self.received + timedelta(days=365))
        self.url = reverse("intake:signal_retain_contact", args=[self.signal.reference])
        self.page = reverse("intake:signal_detail", args=[self.signal.reference])

    def post(self, retain_until, reason="De melder wil horen hoe de rechtszaak afloopt.", **kw):
        self.login(self.carla)
        data = {"retain_until": retain_until.isoformat() if retain_until else "", "reason": reason}
        return self.client.post(self.url, data, **kw)

    def assertNothingStored(self):  # noqa: N802
        contact = SignalContact.objects.get(signal=self.signal)
        self.assertEqual((contact.retain_until, contact.retain_reason), (None, ""))
        self.assertFalse(self.signal.events.filter(kind="retention_extended").exists())
        self.assertFalse(AuditLog.objects.filter(action="extend_retention").exists())

    def test_the_page_says_when_the_contact_details_are_erased(self):
        self.login(self.carla)
        response = self.client.get(self.page)
        self.assertContains(
            response,
            f"De contactgegevens worden gewist op {formats.date_format(self.term_end, 'j F Y')}:"
            " 365 dagen na ontvangst van het signaal.",
        )
        self.assertContains(response, "Contactgegevens langer bewaren")
        # Knowing the date is no look at the details themselves: nothing in the audit log.
        self.assertFalse(AuditLog.objects.exists())
        Signal.objects.filter(pk=self.signal.pk).update(
            received_at=timezone.now() - timedelta(days=366)
        )
        self.assertContains(
            self.client.get(self.page),
            "De bewaartermijn is voorbij: de contactgegevens worden bij de volgende dagelijkse "
            "ronde gewist.",
        )

    def test_kept_longer_with_a_reason_stored_in_the_history_and_the_audit_log(self):
        until = timezone.localdate() + timedelta(days=500)
        response = self.post(until)
        self.assertRedirects(response, self.page)
        contact = SignalContact.objects.get(signal=self.signal)
        self.assertEqual(contact.retain_until, until)
        self.assertEqual(contact.retain_reason, "De melder wil horen hoe de rechtszaak afloopt.")
        event = self.signal.events.get(kind=SignalEvent.Kind.RETENTION_EXTENDED)
        self.assertEqual(
            (event.actor, event.to_value, event.note),
            (self.carla, f"{until:%d-%m-%Y}", contact.retain_reason),
        )
        log = AuditLog.objects.get(action=AuditLog.Action.EXTEND_RETENTION)
        self.assertEqual(
            (log.actor, log.object_reference, log.detail),
            (self.carla, self.signal.reference, f"tot {until:%d-%m-%Y}: {contact.retain_reason}"),
        )
        self.assertEqual(log.get_action_display(), "Bewaartermijn verlengd")
        page = self.client.get(self.page)
        erase_on = formats.date_format(until + timedelta(days=1), "j F Y")
        self.assertContains(page, f"Ze worden gewist op {erase_on}.")
        self.assertContains(page, "omdat: De melder wil horen hoe de rechtszaak afloopt.")
        self.assertContains(page, "Bewaartermijn verlengd")  # in the history

        # The run respects it: past the usual term, the details stay until the chosen day.
        privacy_services.apply_retention(now=timezone.now() + timedelta(days=400))
        self.assertTrue(SignalContact.objects.filter(signal=self.signal).exists())
        privacy_services.apply_retention(now=timezone.now() + timedelta(days=501))
        self.assertFalse(SignalContact.objects.filter(signal=self.signal).exists())

    def assertRefused(self, response, message):  # noqa: N802
        self.assertContains(response, message, status_code=400)
        self.assertContains(response, '<details class="retain" open>', status_code=400)

    def test_no_reason_is_refused_and_nothing_is_stored(self):
        response = self.post(timezone.localdate() + timedelta(days=500), reason="   ")
        self.assertRefused(response, str(services.RETAIN_REASON_MISSING))
        self.assertNothingStored()

    def test_a_date_in_the_past_is_refused_and_nothing_is_stored(self):
        response = self.post(timezone.localdate() - timedelta(days=1))
        self.assertRefused(response, str(services.RETAIN_IN_PAST))
        # What was typed stays, to correct it.
        self.assertRefused(response, "De melder wil horen hoe de rechtszaak afloopt.")
        self.assertNothingStored()

    def test_more_than_two_years_ahead_or_within_the_term_is_refused(self):
        response = self.post(timezone.localdate() + timedelta(days=731))
        self.assertRefused(response, "Zo lang kan niet. Kies een datum tot uiterlijk")
        response = self.post(self.term_end - timedelta(days=1))
        self.assertRefused(response, "Tot die datum worden de contactgegevens toch al bewaard")
        response = self.post(None)
        self.assertRefused(response, "Kies tot wanneer de contactgegevens bewaard moeten blijven.")
        self.assertNothingStored()

    def test_only_who_may_see_the_contact_details_may_keep_them_longer(self):
        until = (timezone.localdate() + timedelta(days=500)).isoformat()
        data = {"retain_until": until, "reason": "x"}
        self.assertNotFoundFor([self.vince, self.sanne, self.otto], "post", self.url, data)
        self.login(self.vince)
        self.assertNotContains(self.client.get(self.page), "Contactgegevens langer bewaren")
        self.assertNothingStored()

    def test_withdrawn_signals_have_nothing_left_to_keep(self):
        services.signal_withdraw(signal=self.signal)
        # No consent to contact any more: the disclosure rule shows no contact details to keep.
        response = self.post(timezone.localdate() + timedelta(days=500))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(AuditLog.objects.filter(action="extend_retention").exists())


class StoryRetentionTestCase(BaseTestCase):
    def setUp(self):
        now = timezone.now()
        self.old = make_signal(self.group_a, story=STORY)
        self.young = make_signal(self.group_a, story=STORY)
        self.open = make_signal(self.group_a, story=STORY, received_at=now - timedelta(days=1500))
        Signal.objects.filter(pk=self.old.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=2 * 365 + 5)
        )
        Signal.objects.filter(pk=self.young.pk).update(
            status=Status.CLOSED, closed_at=now - timedelta(days=400)
        )

    def run_retention(self, **kwargs):
        return privacy_services.apply_retention(**kwargs)

    def test_stories_of_signals_closed_two_years_ago_are_pseudonymised(self):
        result = self.run_retention()
        self.assertEqual(result["stories_pseudonymised"], 1)
        self.assertEqual(result["steps"]["stories of closed signals"]["still_due"], 0)
        self.old.refresh_from_db()
        self.assertNotIn("Jan de Vries", self.old.story)
        self.assertNotIn("06-12345678", self.old.story)
        self.assertIn("[PERSOON-1]", self.old.story)
        self.assertIn("Middelburg", self.old.story)  # places stay
        self.assertEqual(self.old.story, self.old.story_pseudonymised)
        event = self.old.events.last()
        self.assertEqual((event.kind, event.note), ("story_pseudonymised", "bewaartermijn"))
        for signal in [self.young, self.open]:
            signal.refresh_from_db()
            self.assertEqual(signal.story, STORY)
        self.assertEqual(self.run_retention()["stories_pseudonymised"], 0)  # done once
        self.login(self.carla)
        page = self.client.get(reverse("intake:signal_detail", args=[self.old.reference]))
        self.assertContains(page, "Verhaal gepseudonimiseerd <em>(bewaartermijn)</em>", html=False)

    def test_a_story_the_worker_has_not_done_yet_is_pseudonymised_by_the_run(self):
        Signal.objects.filter(pk=self.old.pk).update(story_pseudonymised="")
        self.run_retention()
        self.old.refresh_from_db()
        self.assertNotIn("Jan de Vries", self.old.story)
        self.assertEqual(self.old.story, self.old.story_pseudonymised)

    @override_settings(RETENTION_STORY_YEARS=1)
    def test_the_number_of_years_is_a_setting(self):
        self.assertEqual(self.run_retention()["stories_pseudonymised"], 2)

    def test_an_addition_after_it_gets_the_same_treatment(self):
        self.run_retention()
        services.signal_add_info(signal=self.old, text="Mijn buurman Piet Jansen helpt nu.")
        self.old.refresh_from_db()
        self.assertIsNone(self.old.story_replaced_at)
        self.assertEqual(self.run_retention()["stories_pseudonymised"], 1)
        self.old.refresh_from_db()
        self.assertNotIn("Piet Jansen", self.old.story)

    def test_a_story_changed_by_an_import_gets_the_same_treatment(self):
        from samensterk.intake import transfer

        self.run_retention()
        Signal.objects.filter(pk=self.old.pk).update(external_id="ext-1")
        with self.captureOnCommitCallbacks(execute=True):  # the worker pseudonymises it
            transfer.import_signals(
                organisation=self.alfa, header=["external_id", "text"],
                rows=[["ext-1", "Nieuw verhaal: mevrouw Klaasje Bos belde ons."]],
                actor=self.sanne, allowed_groups=None, default_group=None,
            )  # fmt: skip
        self.assertEqual(self.run_retention()["stories_pseudonymised"], 1)
        self.old.refresh_from_db()
        self.assertNotIn("Klaasje Bos", self.old.story)

    def test_withdrawn_signals_have_no_story_to_keep(self):
        services.signal_withdraw(signal=self.open)
        Signal.objects.filter(pk=self.open.pk).update(
            closed_at=timezone.now() - timedelta(days=3 * 365)
        )
        self.assertEqual(self.run_retention()["stories_pseudonymised"], 1)


class EraseDateTestCase(BaseTestCase):
    def test_the_later_of_the_term_and_the_day_after_the_extension(self):
        received = timezone.now() - timedelta(days=10)
        term_end = timezone.localdate(received + timedelta(days=365))
        self.assertEqual(retention.contact_erase_on(received, None), term_end)
        self.assertEqual(
            retention.contact_erase_on(received, term_end + timedelta(days=9)),
            term_end + timedelta(days=10),
        )
        self.assertEqual(
            retention.contact_erase_on(received, term_end - timedelta(days=9)), term_end
        )
