"""Issue 34, part 2: the meldknop embedded in a group's website, what the reporter is told after
sending, status e-mails they asked for, /volg/ (reason, where the story went, no double
additions) and the public paper form of one A4 page."""

import io
import math
import re

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from samensterk.intake import services, tasks
from samensterk.intake.forms import website_origin
from samensterk.intake.models import Signal, SignalContact, Status
from samensterk.intake.services import tracking_code_for
from samensterk.intake.views import agenda
from samensterk.test import BaseTestCase, make_signal

STORY = "De taxi naar de dagbesteding kwam een uur te laat. Mijn zoon stond in de kou."


class EmbedTestCase(BaseTestCase):
    settings_url = reverse("intake:meldknop_settings", args=["groep-a"])

    def test_the_embed_code_sizes_the_frame_and_links_to_the_form_where_framing_is_refused(self):
        self.group_a.name = 'Groep "A" <b>'
        self.group_a.save(update_fields=["name"])
        self.login(self.carla)
        page = self.client.get(self.settings_url).content.decode()
        code = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', page, re.S).group(1)
        # Shown escaped in the page; what is copied is the code itself.
        code = code.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        code = code.replace("&amp;", "&")
        form = settings.SITE_URL + "/meld/groep-a/"
        self.assertIn(f'<iframe src="{form}?embed=1"', code)
        self.assertIn(f'<a href="{form}">Open het meldformulier van Groep &quot;A&quot;', code)
        self.assertIn(f'<p><a href="{form}">Lukt het niet? Open het meldformulier</a></p>', code)
        self.assertIn(f'<script src="{settings.SITE_URL}/static/meldknop/embed.js" async>', code)
        self.assertNotIn("<b>", code)  # the group's name is text, also on another website
        self.assertIsNotNone(finders.find("meldknop/embed.js"))

    def test_the_embedded_form_tells_its_height_only_to_the_allowed_websites(self):
        self.group_a.embed_origins = "https://www.groep-a.nl\nhttps://ouders.example"
        self.group_a.save(update_fields=["embed_origins"])
        url = reverse("intake:meldknop", args=["groep-a"])
        framed = self.client.get(url + "?embed=1")
        self.assertContains(
            framed, 'data-origins="https://www.groep-a.nl https://ouders.example" defer'
        )
        self.assertIn(
            "frame-ancestors 'self' https://www.groep-a.nl", framed["Content-Security-Policy"]
        )
        self.assertNotContains(self.client.get(url), "embedded.js")
        self.assertIsNotNone(finders.find("js/embedded.js"))

    def test_a_page_address_becomes_its_website_and_the_coordinator_is_told(self):
        self.login(self.carla)
        response = self.client.post(
            self.settings_url,
            {"embed_origins": "https://www.onzegroep.nl/meldknop/\nwww.ouders.nl\n"},
            follow=True,
        )
        self.group_a.refresh_from_db()
        self.assertEqual(
            self.group_a.embed_origin_list, ["https://www.onzegroep.nl", "https://www.ouders.nl"]
        )
        self.assertContains(response, "Van “https://www.onzegroep.nl/meldknop/” hebben we")
        self.assertContains(response, "De websites zijn opgeslagen.")

    def test_only_real_junk_is_refused(self):
        for line in ["javascript:alert(1)", "hallo daar", "ftp://x.nl", "https://x.nl:poort"]:
            self.assertIsNone(website_origin(line), line)
        self.assertEqual(website_origin("HTTP://Localhost:8000/x?y=1"), "http://localhost:8000")
        self.assertEqual(website_origin("https://a.nl:443/"), "https://a.nl")
        self.login(self.carla)
        response = self.client.post(
            self.settings_url, {"embed_origins": "https://www.goed.nl\nhallo daar"}
        )
        self.assertContains(response, "“hallo daar” is geen websiteadres", status_code=400)
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.embed_origins, "")  # nothing half-stored

    def test_the_coordinator_sets_how_reporters_reach_the_group(self):
        self.login(self.carla)
        data = {
            "save_contact": "1",
            "contact-email": "groep-a@example.org",
            "contact-phone": "020 - 123 45 67",
            "contact-postal_address": " Groep Amsterdam \n\nPostbus 1\n1000 AA Amsterdam",
            "contact-response_weeks": "3",
        }
        self.client.post(self.settings_url, data)
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.phone, "0201234567")
        self.assertEqual(
            self.group_a.postal_address, "Groep Amsterdam\nPostbus 1\n1000 AA Amsterdam"
        )
        self.assertEqual(self.group_a.response_weeks, 3)

        bad = {**data, "contact-phone": "bel me", "contact-response_weeks": "40"}
        response = self.client.post(self.settings_url, bad)
        self.assertContains(response, "Kies hoogstens 12 weken.", status_code=400)
        self.group_a.refresh_from_db()
        self.assertEqual(self.group_a.response_weeks, 3)
        self.assertNotFoundFor([self.vince, self.otto], "post", self.settings_url, data)


def meld_data(client, url, **extra) -> dict:
    """The public form's answers with a fresh token: consents all "nee" unless given."""
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    return {
        "story": STORY,
        "reporter_role": "familie",
        "consent_anonymous_use": "nee",
        "consent_share_national": "nee",
        "consent_contact": "nee",
        "form_token": token,
        **extra,
    }


class ThanksAndLostCodeTestCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def send(self, **extra):
        data = meld_data(self.client, self.url, **extra)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)

    def test_the_thanks_page_says_what_happens_next_and_how_to_reach_the_group(self):
        response = self.send()
        self.assertContains(response, "Wat gebeurt er nu?")
        self.assertContains(
            response, "Binnen 2 weken kijkt een vrijwilliger van Groep Amsterdam naar je verhaal."
        )
        self.assertContains(response, "Vul dan je code in op de pagina")
        self.assertNotContains(response, "mailto:")

        self.group_a.response_weeks = 1
        self.group_a.email = "groep-a@example.org"
        self.group_a.phone = "0201234567"
        self.group_a.save()
        response = self.send()
        self.assertContains(response, "Binnen 1 week kijkt een vrijwilliger")
        self.assertContains(response, '<a href="mailto:groep-a@example.org">')
        self.assertContains(response, '<a href="tel:0201234567">')
        self.assertContains(response, "Noem dan je code.")
        self.assertContains(response, "data-embed-arrived")

    def test_a_reporter_who_lost_the_code_is_told_what_to_do(self):
        response = self.client.get(reverse("intake:track"))
        self.assertContains(response, "Ben je je code kwijt?")
        self.assertContains(response, "Neem dan contact op met de groep")
        self.assertContains(response, "Zonder code laten we je verhaal hier niet zien.")


class StatusMailTestCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def send(self, **extra):
        data = meld_data(self.client, self.url, **{"consent_contact": "ja", **extra})
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url, data)
        return Signal.objects.latest("pk")

    def move(self, signal, status, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return services.signal_transition(
                signal=signal, to_status=status, actor=self.carla, **kwargs
            )

    def test_the_form_asks_next_to_the_email_address(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn('data-reveal-filled="id_contact_email"', page)
        self.assertIn("Ja, stuur me een e-mail als er nieuws is over mijn verhaal.", page)

    def test_only_a_reporter_who_asked_gets_a_mail_when_the_status_changes(self):
        asked = self.send(contact_email="ja@example.org", contact_status_mail="on")
        not_asked = self.send(contact_email="nee@example.org")
        phone_only = self.send(contact_phone="0612345678", contact_status_mail="on")
        self.assertTrue(SignalContact.objects.get(signal=asked).status_mail)
        self.assertFalse(SignalContact.objects.get(signal=not_asked).status_mail)
        self.assertFalse(SignalContact.objects.get(signal=phone_only).status_mail)
        mail.outbox.clear()
        for signal in (asked, not_asked, phone_only):
            self.move(signal, Status.IN_PROGRESS)
        self.assertEqual([m.to for m in mail.outbox], [["ja@example.org"]])
        body = mail.outbox[0].body
        self.assertIn("In behandeling", body)
        self.assertIn("/volg/", body)
        self.assertNotIn("taxi", body)  # no story in an e-mail

    def test_no_mail_once_the_contact_is_erased_or_the_story_withdrawn(self):
        erased = self.send(contact_email="weg@example.org", contact_status_mail="on")
        services.signal_erase_contact(signal=erased, actor=self.carla)
        withdrawn = self.send(contact_email="terug@example.org", contact_status_mail="on")
        self.move(withdrawn, Status.IN_PROGRESS)
        mail.outbox.clear()
        self.move(erased, Status.IN_PROGRESS)
        # A status e-mail still waiting in the queue when the reporter withdraws.
        services.signal_withdraw(signal=withdrawn)
        self.assertFalse(tasks.mail_status.call(withdrawn.pk, Status.WITHDRAWN))
        self.assertEqual(mail.outbox, [])

    def test_staff_see_before_and_after_that_the_reporter_gets_a_mail(self):
        signal = self.send(contact_email="ja@example.org", contact_status_mail="on")
        quiet = self.send(contact_email="nee@example.org")
        self.login(self.carla)
        mail.outbox.clear()
        detail = self.client.get(reverse("intake:signal_detail", args=[signal.reference]))
        self.assertContains(detail, "De melder wil een e-mail als er nieuws is.")
        self.assertContains(detail, "De melder ziet de reden op de volgpagina.")
        self.assertNotContains(
            self.client.get(reverse("intake:signal_detail", args=[quiet.reference])),
            "De melder wil een e-mail",
        )
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("intake:signal_status", args=[signal.reference]),
                {"status": Status.IN_PROGRESS},
                follow=True,
            )
        self.assertContains(response, "De melder krijgt hierover een e-mail.")
        self.assertEqual([m.to for m in mail.outbox], [["ja@example.org"]])


class TrackPageTestCase(BaseTestCase):
    url = reverse("intake:track")

    def setUp(self):
        self.signal = make_signal(
            self.group_a, story="Mijn zoon kreeg geen begeleiding.", consent_share_national=True
        )
        self.code = tracking_code_for(self.signal.submission_id)

    def test_the_reason_for_no_action_is_shown_in_plain_words(self):
        services.signal_transition(
            signal=self.signal,
            to_status=Status.NO_ACTION,
            actor=self.carla,
            reason="Dit hoort bij de gemeente Amstelveen.",
        )
        response = self.client.post(self.url, {"code": self.code})
        self.assertContains(response, "De groep doet nu niets met je verhaal.")
        self.assertContains(response, "De groep schreef erbij waarom:")
        self.assertContains(response, "Dit hoort bij de gemeente Amstelveen.")
        self.assertContains(response, "We bewaren je verhaal wel.")

    def test_where_the_story_went_without_naming_people(self):
        services.signal_handover_to_national(signal=self.signal, actor=self.carla)
        response = self.client.post(self.url, {"code": self.code})
        office = self.signal.organisation.office_name
        self.assertContains(
            response,
            f"Het is ook doorgegeven aan {office}, zoals je goedvond.",
        )
        self.assertNotContains(response, "Carla")

        national = make_signal(organisation=self.alfa, consent_share_group=True)
        services.signal_handover_to_group(signal=national, group=self.group_b, actor=self.sanne)
        response = self.client.post(self.url, {"code": tracking_code_for(national.submission_id)})
        self.assertContains(response, "Je verhaal is doorgegeven aan Groep Walcheren")
        self.assertNotContains(response, "Sanne")

    def test_a_reload_after_adding_does_not_add_it_twice(self):
        page = self.client.post(self.url, {"code": self.code}).content.decode()
        seen = re.search(r'name="seen" value="([0-9a-f]+)"', page).group(1)
        data = {
            "code": self.code,
            "action": "add",
            "text": "Het is nog niet opgelost.",
            "seen": seen,
        }
        first = self.client.post(self.url, data)
        self.assertContains(first, "We hebben bewaard wat je erbij schreef.")
        again = self.client.post(self.url, data)  # the browser sends the same form again
        self.assertContains(again, "Dit hadden we al bewaard.")
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.story.count("Het is nog niet opgelost."), 1)

        # Adding the same words again on purpose, from the page shown after: that is new.
        seen = re.search(r'name="seen" value="([0-9a-f]+)"', again.content.decode()).group(1)
        self.client.post(self.url, {**data, "seen": seen})
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.story.count("Het is nog niet opgelost."), 2)


class PaperFormTestCase(BaseTestCase):
    url = reverse("intake:paper_form", args=["groep-a"])

    def test_anyone_prints_one_tagged_a4_page_with_the_return_address_and_a_qr_code(self):
        self.group_a.postal_address = "Groep Amsterdam\nPostbus 1234\n1000 AB Amsterdam"
        self.group_a.phone = "0201234567"
        self.group_a.embed_origins = "https://geheim.example"
        self.group_a.save()
        response = self.client.get(self.url)  # nobody logged in: it is for members to hand out
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = PdfReader(io.BytesIO(response.content))
        self.assertEqual(len(pdf.pages), 1)
        self.assertIn("/StructTreeRoot", pdf.trailer["/Root"])
        self.assertEqual(
            [round(float(x)) for x in pdf.pages[0].mediabox[2:]], [595, 842]
        )  # A4 in points
        text = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
        self.assertIn("Wie vertelt dit? (Kies één)", text)
        self.assertIn("Postbus 1234", text)
        self.assertIn("0201234567", text)
        self.assertIn("Op papier krijg je geen volgcode.", text)
        self.assertNotIn("Met je volgcode", text)  # the online promise is left out
        self.assertNotIn("geheim.example", text)
        self.assertTrue(response.context["qr"].startswith("data:image/svg+xml"))
        self.assertIn(settings.SITE_URL + "/meld/groep-a/", text)  # what the QR code holds
        # The same form again comes from the cache: no second rendering.
        self.assertEqual(self.client.get(self.url).content, response.content)

    def test_the_privacy_text_is_readable_on_paper(self):
        pdf = PdfReader(io.BytesIO(self.client.get(self.url).content))
        sizes = {}

        def visit(text, cm, tm, font, size):
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            if text.strip():
                sizes[text.strip()] = size * scale

        pdf.pages[0].extract_text(visitor_text=visit)
        privacy = [
            size
            for text, size in sizes.items()
            if text.startswith(("Wij gaan zorgvuldig", "Wat doen we met je gegevens", "Op papier"))
        ]
        self.assertTrue(privacy)
        self.assertGreaterEqual(round(min(privacy), 1), 11)
        self.assertEqual(
            agenda.paper_explanation("Eén. Met je volgcode kun je het intrekken. Twee!"),
            "Eén. Twee!",
        )
