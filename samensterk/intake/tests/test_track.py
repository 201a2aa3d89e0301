from django.test import SimpleTestCase, override_settings
from django.urls import reverse

from samensterk.intake.models import SignalContact, Status
from samensterk.intake.services import tracking_code_for
from samensterk.intake.views.public import CODE_UNKNOWN
from samensterk.test import BaseTestCase, make_signal


class TrackTestCase(BaseTestCase):
    url = reverse("intake:track")

    def setUp(self):
        from django.core.cache import cache

        cache.clear()
        self.signal = make_signal(
            self.group_a,
            story="Mijn zoon Jan de Vries kreeg geen begeleiding.",
            consent_contact=True,
            contact_email="ouder@example.org",
        )
        self.code = tracking_code_for(self.signal.submission_id)

    def test_the_reporter_sees_the_status_in_easy_dutch(self):
        response = self.client.post(self.url, {"code": self.code.lower().replace("-", " ")})
        self.assertContains(response, "Je verhaal is binnen. De groep gaat het lezen.")
        self.assertContains(response, "Jan de Vries")

    def test_an_unknown_code_is_explained(self):
        response = self.client.post(self.url, {"code": "AAAA-AAAA"})
        self.assertContains(response, str(CODE_UNKNOWN), status_code=404)

    @override_settings(TRACKING_RATE=(3, 900))
    def test_guessing_codes_is_slowed_down(self):
        for _ in range(3):
            self.client.post(self.url, {"code": "AAAA-AAAA"})
        response = self.client.post(self.url, {"code": self.code})
        self.assertEqual(response.status_code, 429)
        self.assertNotContains(response, "Jan de Vries", status_code=429)

    @override_settings(TRACKING_RATE=(3, 900))
    def test_only_wrong_codes_count_towards_the_limit(self):
        # A reporter reading, adding and reading again ten times is never shut out.
        for _ in range(10):
            response = self.client.post(self.url, {"code": self.code})
            self.assertEqual(response.status_code, 200)
        self.client.post(self.url, {"code": "AAAA-AAAA"})
        self.client.post(self.url, {"code": "AAAA-AAAB"})
        # Two typos among many correct look-ups: still in.
        self.assertContains(self.client.post(self.url, {"code": self.code}), "Jan de Vries")
        self.client.post(self.url, {"code": "AAAA-AAAC"})
        self.assertEqual(self.client.post(self.url, {"code": self.code}).status_code, 429)

    def test_the_reporter_adds_information(self):
        with self.captureOnCommitCallbacks() as enqueue:
            response = self.client.post(
                self.url,
                {"code": self.code, "action": "add", "text": "Het is nu twee weken later."},
            )
        self.assertContains(response, "We hebben bewaard wat je erbij schreef")
        self.signal.refresh_from_db()
        self.assertIn("Het is nu twee weken later.", self.signal.story)
        self.assertEqual(self.signal.shared_story, "")  # the old one no longer fits: none yet
        for callback in enqueue:  # the worker pseudonymises the longer story
            callback()
        self.signal.refresh_from_db()
        self.assertIn("Het is nu twee weken later.", self.signal.story_pseudonymised)
        self.assertEqual(self.signal.events.last().kind, "info_added")

    def test_withdrawing_needs_a_tick_and_then_erases_story_and_contact(self):
        response = self.client.post(self.url, {"code": self.code, "action": "withdraw"})
        self.assertContains(response, "Zet een vinkje")
        self.signal.refresh_from_db()
        self.assertNotEqual(self.signal.status, Status.WITHDRAWN)

        response = self.client.post(
            self.url, {"code": self.code, "action": "withdraw", "confirm": "on"}
        )
        self.assertContains(response, "Je verhaal is weggehaald")
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.status, Status.WITHDRAWN)
        self.assertEqual(self.signal.story, "")
        self.assertEqual(self.signal.story_pseudonymised, "")
        self.assertFalse(SignalContact.objects.filter(signal=self.signal).exists())
        self.assertEqual(self.signal.events.last().kind, "withdrawn")


class ReferenceTestCase(SimpleTestCase):
    def test_references_use_the_whole_alphabet_evenly(self):
        """S-, four characters, a dash and four more, from the unambiguous alphabet, each
        character about equally often."""
        from collections import Counter

        from samensterk.intake.models import TRACKING_ALPHABET
        from samensterk.intake.services import random_reference

        references = [random_reference("S") for _n in range(3000)]
        for reference in references[:50]:
            self.assertRegex(
                reference, rf"^S-[{TRACKING_ALPHABET}]{{4}}-[{TRACKING_ALPHABET}]{{4}}$"
            )
        self.assertEqual(len(set(references)), len(references))
        counts = Counter("".join(r[2:6] + r[7:] for r in references))
        self.assertEqual(set(counts), set(TRACKING_ALPHABET))
        # 24,000 characters: 800 expected of each; a biased draw would stray far further.
        self.assertLess(max(counts.values()) - min(counts.values()), 260)
