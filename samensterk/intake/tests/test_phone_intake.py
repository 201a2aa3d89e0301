"""Phone intake: suggestions taken over in one click (also without JavaScript), the next call
ready at once, the same story twice caught, and 'bedoel je …?' for the municipality."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from django.utils import timezone

from samensterk.intake.models import Signal, SignalEvent
from samensterk.intake.services import signal_set_theme
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

STORY = "Mijn zoon wacht elke ochtend een uur op de regiotaxi naar de dagbesteding in Amsterdam."


class PhoneIntakeTestCase(BaseTestCase):
    url = reverse("intake:staff_intake")

    def setUp(self):
        self.login(self.carla)

    def data(self, **overrides):
        data = {
            "submission": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "owner": "g:groep-a",
            "channel": "telefoon",
            "reporter_role": "familie",
            "received_on": "2026-03-02",
            "story": STORY,
            "municipality": "",
            "consent_anonymous_use": "on",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def test_a_suggestion_is_taken_over_without_javascript_and_nothing_is_stored(self):
        transport = Theme.objects.get(code="vervoer")
        response = self.client.post(self.url, self.data(voorstel="1"))
        page = response.content.decode()
        self.assertIn('name="kies_thema"', page)
        self.assertIn('aria-keyshortcuts="Alt+1"', page)
        self.assertIn("Amsterdam", re.search(r'name="kies_gemeente"[^>]*>', page).group(0))
        response = self.client.post(
            self.url, self.data(kies_thema=str(transport.pk), kies_gemeente="Amsterdam")
        )
        page = response.content.decode()
        self.assertRegex(page, rf'<option value="{transport.pk}" selected>')
        self.assertIn('name="municipality" value="Amsterdam"', page)
        self.assertIn(STORY, page)
        self.assertIn('value="1b4e28ba-2fa1-11d2-883f-0016d3cca427"', page)  # same submission
        self.assertNotIn("error-summary", page)
        self.assertFalse(Signal.objects.exists())

    def test_after_saving_the_next_call_keeps_line_date_and_role_and_focuses_the_story(self):
        response = self.client.post(self.url, self.data(municipality="Amsterdam"))
        signal = Signal.objects.get()
        query = parse_qs(urlsplit(response.url).query)
        self.assertEqual(query["rol"], ["familie"])
        self.assertEqual(query["datum"], ["2026-03-02"])
        self.assertEqual(query["kanaal"], ["telefoon"])
        page = self.client.get(response.url).content.decode()
        self.assertIn(f"Opgeslagen: {signal.reference}. Volgende melding.", page)
        self.assertIn('<option value="familie" selected>', page)
        self.assertIn('value="2026-03-02"', page)
        story = re.search(r"<textarea[^>]*id=\"id_story\"[^>]*>", page).group(0)
        self.assertIn("autofocus", story)
        self.assertIn('aria-describedby="messages"', story)
        self.assertIn('id="messages" role="status"', page)
        self.assertNotIn(STORY, page.split('id="recent-h"')[0])  # the story box is empty
        # Loaded again (the message shown): no reference to a message that is not there.
        self.assertNotIn(
            'aria-describedby="messages"', self.client.get(response.url).content.decode()
        )

    def test_the_contact_label_is_for_staff(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn("Naam van de melder", page)
        self.assertNotIn("Je naam", page)
        self.client.logout()
        public = self.client.get(reverse("intake:meldknop", args=["groep-a"]))
        self.assertContains(public, "Je naam")

    def test_a_misspelt_municipality_offers_the_right_one_in_one_click(self):
        response = self.client.post(self.url, self.data(municipality="Vlisingen"))
        self.assertContains(response, "Bedoel je Vlissingen?")
        self.assertContains(response, 'name="kies_gemeente" value="Vlissingen"')
        self.assertFalse(Signal.objects.exists())
        response = self.client.post(
            self.url, self.data(municipality="Vlisingen", kies_gemeente="Vlissingen")
        )
        self.assertContains(response, 'name="municipality" value="Vlissingen"')
        for village in ("Oost-Souburg", "Rosmalen"):
            Signal.objects.all().delete()
            self.client.post(self.url, self.data(municipality=village, story=f"{village}: {STORY}"))
            self.assertIsNotNone(Signal.objects.get().municipality, village)

    def test_the_same_story_again_warns_and_stores_nothing_until_confirmed(self):
        earlier = make_signal(self.group_a, story=STORY)
        response = self.client.post(self.url, self.data(story=STORY.upper() + "  "))
        self.assertContains(response, "Is dit dezelfde melding?")
        self.assertContains(response, reverse("intake:signal_detail", args=[earlier.reference]))
        self.assertContains(response, 'name="toch_opslaan"')
        self.assertEqual(Signal.objects.count(), 1)
        response = self.client.post(self.url, self.data(story=STORY, toch_opslaan="1"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Signal.objects.count(), 2)

    def test_a_nearly_identical_story_or_the_same_caller_warns_too(self):
        earlier = make_signal(
            self.group_a,
            story="Iets heel anders over de Wmo.",
            consent_contact=True,
            contact_phone="06-12345678",
        )
        near = make_signal(self.group_a, story=STORY.replace("een uur", "een uurtje"))
        response = self.client.post(
            self.url,
            self.data(contact_phone="0612345678", consent_contact="on", contact_choice="ja"),
        )
        self.assertContains(response, earlier.reference)
        self.assertContains(response, near.reference)
        self.assertContains(response, "zelfde e-mailadres of telefoonnummer")
        self.assertEqual(Signal.objects.count(), 2)

    def test_only_recent_signals_the_user_may_see_count(self):
        old = make_signal(self.group_a, story=STORY)
        Signal.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=20))
        make_signal(self.group_b, story=STORY)  # another group's: not visible to Carla
        response = self.client.post(self.url, self.data())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Signal.objects.count(), 3)

    def test_the_history_shows_theme_names(self):
        signal = make_signal(self.group_a, story=STORY)
        signal_set_theme(signal=signal, theme=Theme.objects.get(code="vervoer"), actor=self.carla)
        event = SignalEvent.objects.get(signal=signal, kind=SignalEvent.Kind.THEME)
        self.assertEqual(event.to_label, "Vervoer")
        page = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(page, "→ Vervoer")
