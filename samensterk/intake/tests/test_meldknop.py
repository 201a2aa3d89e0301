import io
import re
from unittest import mock

from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import TransactionTestCase, override_settings
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.intake import services, validation
from samensterk.intake.forms import FORM_EXPIRED, MeldForm
from samensterk.intake.models import Signal, SignalContact, tracking_hash
from samensterk.places.forms import MUNICIPALITY_UNKNOWN
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase


class MeldknopTestCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def form_data(self, **overrides):
        response = self.client.get(self.url)
        token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
        data = {
            "story": "De taxi naar de dagbesteding kwam een uur te laat. Mijn zoon stond in de kou.",
            "municipality": "Amsterdam",
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": token,
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def post(self, data, **kwargs):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data, **kwargs)

    def test_it_asks_in_easy_dutch_and_prefills_the_groups_only_municipality(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Wat is er gebeurd?")
        self.assertContains(response, "Wie vertelt dit?")
        self.assertContains(response, "Mag de groep je verhaal gebruiken, zonder je naam?")
        self.assertContains(response, 'value="Amsterdam"')
        self.assertContains(response, 'list="gemeenten-lijst"')

    def test_a_story_becomes_a_signal_with_a_tracking_code(self):
        response = self.post(self.form_data())
        self.assertContains(response, "Dank je wel!")
        signal = Signal.objects.get()
        code = re.search(
            r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4})</strong>", response.content.decode()
        ).group(1)
        self.assertEqual(signal.tracking_hash, tracking_hash(code))
        self.assertEqual(signal.group, self.group_a)
        self.assertEqual(signal.channel, "meldknop")
        self.assertEqual(signal.municipality.code, "GM0363")
        self.assertEqual(signal.reporter_role, "familie")
        self.assertTrue(signal.consent_anonymous_use)
        self.assertFalse(signal.consent_share_national)
        self.assertEqual(signal.consent_text.version, 1)
        self.assertEqual(signal.events.get().kind, "created")

    def test_the_consent_text_shown_is_the_one_stored(self):
        services.consent_text_current(self.alfa)
        services.consent_text_publish(organisation=self.alfa, anonymous_use="Mag het anoniem? (v2)")
        response = self.client.get(self.url)
        self.assertContains(response, "Mag het anoniem? (v2)")
        self.post(self.form_data())
        self.assertEqual(Signal.objects.get().consent_text.version, 2)

    def test_a_new_consent_text_published_while_writing_does_not_change_what_was_agreed(self):
        data = self.form_data()  # shown with version 1
        services.consent_text_publish(organisation=self.alfa, contact="Nieuwe vraag (v2)")
        self.post(data)
        self.assertEqual(Signal.objects.get().consent_text.version, 1)

    def test_contact_details_are_kept_apart_and_a_receipt_is_mailed(self):
        self.post(self.form_data(consent_contact="ja", contact_email="Ouder@Example.org"))
        contact = SignalContact.objects.get()
        self.assertEqual(contact.email, "ouder@example.org")
        self.assertNotIn("ouder@example.org", contact.signal.story)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ouder@example.org"])
        self.assertRegex(mail.outbox[0].body, r"[A-Z0-9]{4}-[A-Z0-9]{4}")
        contact.refresh_from_db()
        self.assertIsNotNone(contact.receipt_sent_at)

    def test_contact_details_without_consent_are_not_stored_but_asked_about(self):
        # The question itself: test_contact_question.py.
        response = self.post(
            self.form_data(contact_email="ouder@example.org", contact_phone="0612345678")
        )
        self.assertContains(response, "Mogen we je bellen of mailen?", status_code=400)
        self.assertFalse(Signal.objects.exists())
        self.assertFalse(SignalContact.objects.exists())
        self.assertEqual(len(mail.outbox), 0)

    def test_consent_to_contact_needs_an_address_or_number(self):
        response = self.post(self.form_data(consent_contact="ja"))
        self.assertContains(response, str(services.CONTACT_MISSING), status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_a_bad_e_mail_or_phone_number_is_explained_and_nothing_stored(self):
        response = self.post(
            self.form_data(consent_contact="ja", contact_email="ouder@", contact_phone="12345")
        )
        self.assertContains(response, str(validation.EMAIL_BAD_DOMAIN), status_code=400)
        self.assertContains(response, str(validation.PHONE_START), status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_dutch_phone_numbers_in_any_notation_are_accepted(self):
        for number in ["06-12345678", "+31 6 1234 5678", "0031612345678", "(020) 123 4567"]:
            self.assertRegex(services.clean_phone(number), r"^0\d{9}$", number)

    def test_an_empty_whitespace_or_html_only_story_is_refused(self):
        for story in ["", "   \n  ", "<p> </p><br>"]:
            response = self.post(self.form_data(story=story))
            self.assertEqual(response.status_code, 400, repr(story))
            self.assertContains(response, "Vertel wat er is gebeurd", status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_an_over_long_story_is_refused_and_kept_in_the_form(self):
        response = self.post(self.form_data(story="a" * 10_001))
        self.assertContains(response, "te lang", status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_a_municipality_we_cannot_place_never_stops_the_story(self):
        """The question is optional: districts, villages and typos are read or kept for triage."""
        for typed, expected in [
            ("Amsterdam-Noord", "Amsterdam"),
            ("Bijlmer", "Amsterdam"),
            ("Duivendrecht", "Ouder-Amstel"),
            ("amsterdm", None),
            ("Atlantis", None),
        ]:
            response = self.post(self.form_data(municipality=typed))
            self.assertEqual(response.status_code, 200, typed)
            self.assertNotContains(response, str(MUNICIPALITY_UNKNOWN))
            signal = Signal.objects.latest("created_at")
            self.assertEqual(getattr(signal.municipality, "name", None), expected, typed)
            self.assertEqual(signal.municipality_text, "" if expected else typed)
        guessed = Signal.objects.get(municipality_text="amsterdm")
        self.assertEqual(guessed.suggested_municipality.name, "Amsterdam")

    def test_sending_the_same_form_again_makes_no_second_signal_and_shows_no_code(self):
        """Back and send again, perhaps by the next person at a shared computer: the tracking
        code opens the story, so only the first receipt shows it."""
        data = self.form_data()
        first = self.post(data).content.decode()
        code = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4})</strong>", first).group(1)
        again = self.post(data)
        self.assertEqual(Signal.objects.count(), 1)
        self.assertContains(again, "Dit verhaal hadden we al gekregen")
        self.assertNotContains(again, code)
        self.assertNotContains(again, "tracking-code")

    def test_a_form_sent_twice_at_the_same_moment_shows_the_code_once(self):
        data = self.form_data()
        self.post(data)
        # The second request looked before the first had stored the signal.
        with mock.patch(
            "samensterk.intake.views.public.selectors.submission_received", return_value=False
        ):
            again = self.post(data)
        self.assertEqual(Signal.objects.count(), 1)
        self.assertContains(again, "Dit verhaal hadden we al gekregen")
        self.assertNotContains(again, "tracking-code")

    def test_a_reference_that_is_already_taken_is_drawn_again(self):
        self.post(self.form_data())
        taken = Signal.objects.get().reference
        fresh = iter([taken, "S-NEW1-NEW2"])
        with mock.patch.object(services, "random_reference", lambda prefix: next(fresh)):
            response = self.post(self.form_data())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            sorted(Signal.objects.values_list("reference", flat=True)),
            sorted([taken, "S-NEW1-NEW2"]),
        )
        self.assertEqual(Signal.objects.get(reference="S-NEW1-NEW2").events.count(), 1)

    def test_a_form_shown_with_an_earlier_consent_wording_keeps_that_version(self):
        data = self.form_data()
        newer = services.consent_text_publish(organisation=self.alfa, contact="Mogen we bellen?")
        self.post(data)
        signal = Signal.objects.get()
        self.assertNotEqual(signal.consent_text_id, newer.pk)
        self.assertEqual(signal.consent_text.version, newer.version - 1)

    def test_a_forged_form_token_stores_nothing(self):
        response = self.post(self.form_data(form_token="vals"))
        self.assertContains(response, str(FORM_EXPIRED), status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_a_token_of_another_group_is_refused(self):
        import uuid

        consent = services.consent_text_current(self.alfa)
        token = MeldForm.make_token(uuid.uuid4(), self.group_b.pk, consent.pk)
        response = self.post(self.form_data(form_token=token))
        self.assertContains(response, str(FORM_EXPIRED), status_code=400)
        self.assertFalse(Signal.objects.exists())

    def test_a_filled_honeypot_keeps_the_story_flagged_for_triage_and_mails_nobody(self):
        # A browser's autofill may fill it for a person: their story is not swallowed.
        response = self.post(
            self.form_data(
                website="http://spam.example",
                consent_contact="ja",
                contact_email="iemand@example.org",
            )
        )
        self.assertContains(response, "Dank je wel")
        signal = Signal.objects.get()
        self.assertTrue(signal.suspected_spam)
        self.assertIn("Mijn zoon stond in de kou.", signal.story)
        self.assertEqual(mail.outbox, [])  # no receipt to an address a robot may have typed

    def test_an_empty_honeypot_is_no_spam_and_the_field_is_hidden_from_everyone(self):
        page = self.client.get(self.url).content.decode()
        honeypot = page[
            page.index('<div class="hp"') : page.index("</div>", page.index('<div class="hp"'))
        ]
        self.assertIn('aria-hidden="true"', honeypot)
        self.assertIn("inert", honeypot)
        self.assertIn('tabindex="-1"', honeypot)
        self.assertIn('autocomplete="off"', honeypot)
        self.post(self.form_data())
        self.assertFalse(Signal.objects.get().suspected_spam)

    @override_settings(MELDKNOP_RATE=(2, 3600))
    def test_too_many_reports_from_one_client_are_slowed_down_and_the_text_kept(self):

        cache.clear()
        self.post(self.form_data())
        self.post(self.form_data())
        response = self.post(self.form_data(story="Mijn derde verhaal"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "Mijn derde verhaal", status_code=429)
        self.assertEqual(Signal.objects.count(), 2)
        # No raw address is kept: the cache holds keyed hashes only.
        with connection.cursor() as cursor:
            cursor.execute("SELECT cache_key, value FROM samensterk_cache")
            rows = cursor.fetchall()
        self.assertTrue(rows)
        self.assertFalse(any("127.0.0.1" in f"{key}{value}" for key, value in rows))

    def test_when_the_database_is_down_the_text_stays_with_a_calm_message(self):
        with mock.patch(
            "samensterk.intake.views.public.services.signal_create",
            side_effect=OperationalError("database is locked"),
        ):
            response = self.post(self.form_data(story="Mijn verhaal blijft staan"))
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "Je tekst staat er nog", status_code=503)
        self.assertContains(response, "Mijn verhaal blijft staan", status_code=503)

    def test_when_the_whole_database_is_gone_the_text_comes_back_to_send_again(self):
        # Not only the write fails: even the group cannot be looked up.
        data = self.form_data(story="Mijn verhaal <b>blijft</b> staan")
        with mock.patch(
            "samensterk.intake.views.public.meldknop_page",
            side_effect=OperationalError("could not connect to server"),
        ):
            response = self.post(data)
        self.assertEqual(response.status_code, 503)
        self.assertContains(response, "Je tekst staat er nog", status_code=503)
        self.assertContains(
            response, "Mijn verhaal &lt;b&gt;blijft&lt;/b&gt; staan", status_code=503
        )
        # Everything else the reporter sent goes along again, unchanged.
        self.assertContains(
            response, f'name="form_token" value="{data["form_token"]}"', status_code=503
        )
        self.assertEqual(Signal.objects.count(), 0)
        # Once the database is back, sending the same form again stores the signal.
        response = self.post(data)
        self.assertContains(response, "Dank je wel")
        self.assertEqual(Signal.objects.get().story, "Mijn verhaal <b>blijft</b> staan")

    def test_when_mail_fails_the_signal_is_kept_and_the_receipt_retried(self):
        from io import StringIO

        from django.core.management import call_command

        with mock.patch("samensterk.intake.notifications.send_mail", side_effect=OSError("down")):
            response = self.post(
                self.form_data(consent_contact="ja", contact_email="a@example.org")
            )
        self.assertContains(response, "Dank je wel")
        contact = SignalContact.objects.get()
        self.assertIsNone(contact.receipt_sent_at)
        out = StringIO()
        call_command("send_receipts", stdout=out)
        self.assertIn("1 sent", out.getvalue())
        self.assertEqual(len(mail.outbox), 1)

    def test_an_unknown_group_is_the_dutch_404(self):
        response = self.client.get(reverse("intake:meldknop", args=["bestaat-niet"]))
        self.assertContains(response, "Deze pagina bestaat niet", status_code=404)


class ChangedGroupTestCase(BaseTestCase):
    """A change to the group, its wording or its municipalities shows on the next request."""

    url = reverse("intake:meldknop", args=["groep-a"])

    def setUp(self):
        services.consent_text_current(self.alfa)  # the default wording, made on first use

    def test_a_group_switched_off_is_gone_at_once(self):
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.group_a.active = False
        self.group_a.save()
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_a_new_consent_wording_and_another_municipality_show_at_once(self):
        self.assertContains(self.client.get(self.url), 'value="Amsterdam"')
        services.consent_text_publish(organisation=self.alfa, anonymous_use="Mag het? (v2)")
        self.group_a.municipalities.set([Municipality.objects.get(code="GM0344")])
        response = self.client.get(self.url)
        self.assertContains(response, "Mag het? (v2)")
        self.assertContains(response, 'value="Utrecht"')

    def test_a_bulk_change_shows_on_the_next_request(self):
        self.assertContains(self.client.get(self.url), "Groep Amsterdam")
        LocalGroup.objects.filter(pk=self.group_a.pk).update(name="Groep Amstel")
        self.assertContains(self.client.get(self.url), "Groep Amstel")
        LocalGroup.objects.filter(pk=self.group_a.pk).update(active=False)
        self.assertEqual(self.client.get(self.url).status_code, 404)


class EmbedTestCase(BaseTestCase):
    def test_the_embedded_form_may_be_framed_only_by_the_groups_own_websites(self):
        self.group_a.embed_origins = "https://www.groep-a.nl\nhttps://ouders.example"
        self.group_a.save()
        response = self.client.get(reverse("intake:meldknop", args=["groep-a"]) + "?embed=1")
        policy = response.headers["Content-Security-Policy"]
        self.assertIn(
            "frame-ancestors 'self' https://www.groep-a.nl https://ouders.example", policy
        )
        self.assertNotIn("X-Frame-Options", response.headers)
        self.assertNotContains(response, 'class="main-nav"')
        self.assertNotContains(response, "site-footer")

    def test_the_full_page_may_not_be_framed(self):
        response = self.client.get(reverse("intake:meldknop", args=["groep-a"]))
        self.assertIn("frame-ancestors 'none'", response.headers["Content-Security-Policy"])


class FormAndReceiptTestCase(BaseTestCase):
    """Every reporter gets a form with a token of their own and a receipt with their own code."""

    url = reverse("intake:meldknop", args=["groep-a"])

    def setUp(self):
        services.consent_text_current(self.alfa)

    def token(self, response) -> str:
        return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)

    def send(self, token, **extra):
        data = {
            "story": "De bus kwam niet.",
            "reporter_role": "familie",
            "consent_anonymous_use": "nee",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": token,
        }
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, {**data, **extra})

    def test_every_reporter_gets_their_own_token(self):
        first, second = self.client.get(self.url), self.client.get(self.url)
        self.assertNotEqual(self.token(first), self.token(second))
        for response in (first, second):
            self.assertContains(self.send(self.token(response)), "Dank je wel!")
        self.assertEqual(Signal.objects.count(), 2)

    def test_each_receipt_shows_its_own_code_and_the_mail_line_only_when_mailed(self):
        pages = [self.send(self.token(self.client.get(self.url))) for _ in range(2)]
        mailed = self.send(
            self.token(self.client.get(self.url)),
            consent_contact="ja",
            contact_email="ouder@example.org",
        )
        codes = set()
        for signal, page in zip(Signal.objects.order_by("pk"), [*pages, mailed], strict=True):
            code = re.search(r"<strong>([A-Z0-9-]+)</strong>", page.content.decode()).group(1)
            self.assertEqual(signal.tracking_hash, tracking_hash(code))
            codes.add(code)
        self.assertEqual(len(codes), 3)
        for page in pages:
            self.assertNotContains(page, "We sturen je ook een e-mail")
        self.assertContains(mailed, "We sturen je ook een e-mail met deze code.")

    def test_a_renamed_group_and_the_embedded_form_show_at_once(self):
        self.assertContains(self.client.get(self.url), "Groep Amsterdam")
        self.group_a.name = "Groep Amstel & Co"
        self.group_a.save()
        self.assertContains(self.client.get(self.url), "Groep Amstel &amp; Co")
        embedded = self.client.get(self.url + "?embed=1")
        self.assertContains(embedded, f'action="{self.url}?embed=1"')
        self.assertNotContains(self.client.get(self.url), "?embed=1")

    def test_each_language_has_its_own_page(self):
        self.assertContains(self.client.get(self.url), "Vertel wat er gebeurde")
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.assertContains(self.client.get(self.url), "Tell what happened")
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        self.assertContains(self.client.get(self.url), "Vertel wat er gebeurde")

    def test_a_logged_in_visitor_gets_a_page_of_their_own(self):
        self.client.get(self.url)
        self.login(self.carla)
        own = self.client.get(self.url)
        self.assertContains(own, "X-CSRFToken")
        self.client.logout()
        self.assertNotContains(self.client.get(self.url), "X-CSRFToken")

    def test_other_query_strings_show_the_form(self):
        response = self.client.get(f"{self.url}?utm_source=nieuwsbrief")
        self.assertContains(response, "Vertel wat er gebeurde")
        self.assertContains(self.send(self.token(response)), "Dank je wel!")


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
class PseudonymisedByTheWorkerTests(TransactionTestCase):
    """The reporter does not wait for the pseudonymisation: the form stores the story and
    enqueues a task, and `samensterk db_worker` pseudonymises it (the real queue, on its own
    connections, hence a TransactionTestCase)."""

    STORY = "Jan de Vries belt 06-12345678: de taxi naar de dagbesteding kwam weer te laat."

    def setUp(self):
        organisation = Organisation.objects.create(name="Vereniging Beta", slug="beta")
        self.group = LocalGroup.objects.create(
            organisation=organisation, name="Groep Beta", slug="groep-beta"
        )
        self.url = reverse("intake:meldknop", args=[self.group.slug])

    def post_story(self):
        page = self.client.get(self.url).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
        response = self.client.post(
            self.url,
            {
                "story": self.STORY,
                "reporter_role": "familie",
                "consent_anonymous_use": "ja",
                "consent_share_national": "nee",
                "consent_contact": "nee",
                "form_token": token,
            },
        )
        self.assertContains(response, "Dank je wel!")
        return Signal.objects.get(group=self.group)

    def run_worker(self):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)

    def test_the_worker_pseudonymises_a_story_sent_with_the_public_form(self):
        signal = self.post_story()
        self.assertEqual(signal.story, self.STORY)
        self.assertEqual(signal.shared_story, "")  # nothing leaves the group yet
        self.assertEqual(DBTaskResult.objects.get().status, TaskResultStatus.READY)
        self.run_worker()
        signal.refresh_from_db()
        self.assertIn("[PERSOON-1]", signal.shared_story)
        self.assertIn("[TELEFOON-1]", signal.shared_story)
        self.assertNotIn("Vries", signal.shared_story)
        self.assertEqual(DBTaskResult.objects.get().status, TaskResultStatus.SUCCESSFUL)

    def test_a_story_changed_while_waiting_is_not_given_the_old_text(self):
        signal = self.post_story()
        services.signal_withdraw(signal=signal)
        self.run_worker()
        signal.refresh_from_db()
        self.assertEqual((signal.story, signal.story_pseudonymised), ("", ""))

    def test_a_lost_task_is_caught_up_by_the_hourly_command(self):
        signal = self.post_story()
        DBTaskResult.objects.all().delete()  # as if the task never reached the queue
        call_command("pseudonymise_pending", stdout=io.StringIO())
        self.run_worker()
        signal.refresh_from_db()
        self.assertIn("[PERSOON-1]", signal.shared_story)
