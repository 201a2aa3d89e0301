"""The public report form as reporters found it (issue 34): long stories, required marks, the
error summary, e-mail and phone messages, yes/no consent and the honeypot that flags."""

import importlib
import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.urls import reverse

from samensterk.intake import services, validation
from samensterk.intake.forms import CONSENT_MISSING, MARK_OPTIONAL, MARK_REQUIRED
from samensterk.intake.models import ConsentText, Signal, SignalEvent
from samensterk.test import BaseTestCase, make_signal

consent_migration = importlib.import_module(
    "samensterk.intake.migrations.0016_meldknop_spam_flag_and_phone_note"
)


class MeldFormCase(BaseTestCase):
    url = reverse("intake:meldknop", args=["groep-a"])

    def form_data(self, **overrides):
        page = self.client.get(self.url).content.decode()
        data = {
            "story": "De taxi naar de dagbesteding kwam een uur te laat.",
            "municipality": "Amsterdam",
            "reporter_role": "familie",
            "consent_anonymous_use": "ja",
            "consent_share_national": "nee",
            "consent_contact": "nee",
            "form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1),
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def post(self, data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url, data)


class LongStoryTestCase(MeldFormCase):
    def test_a_too_long_story_is_kept_and_its_length_told(self):
        story = "Het busje kwam niet. " + "a" * 10_229
        response = self.post(self.form_data(story=story))
        self.assertContains(
            response,
            "Je verhaal is te lang: 10.250 tekens. Het mag hoogstens 10.000 tekens zijn.",
            status_code=400,
        )
        self.assertContains(response, story, status_code=400)  # nothing cut
        self.assertFalse(Signal.objects.exists())

    def test_the_box_does_not_cut_the_text_and_carries_the_counter(self):
        page = self.client.get(self.url).content.decode()
        textarea = re.search(r"<textarea[^>]*>", page).group(0)
        self.assertNotIn("maxlength", textarea)
        self.assertIn('data-count-max="10000"', textarea)
        self.assertIn('data-count-from="9000"', textarea)
        self.assertIn('data-counter-for="id_story"', page)
        self.assertIn('aria-live="polite"', page)

    def test_line_breaks_count_as_one_character_as_the_service_counts_them(self):
        story = ("regel\r\n" * 1_428).strip()  # 9,995 characters with \n, 11,422 with \r\n
        self.assertContains(self.post(self.form_data(story=story)), "Dank je wel!")


class RequiredMarksTestCase(MeldFormCase):
    def test_every_question_says_in_words_whether_it_must_be_answered(self):
        page = self.client.get(self.url).content.decode()
        required = f'<span class="field__mark">{MARK_REQUIRED}</span>'
        optional = f'<span class="field__mark">{MARK_OPTIONAL}</span>'
        for question, mark in [
            ("Wat is er gebeurd?", required),
            ("In welke gemeente was het?", optional),
            ("Wie vertelt dit?", required),
            ("Mag de groep je verhaal gebruiken, zonder je naam?", required),
            ("Mag de groep je verhaal doorgeven aan het landelijke kantoor?", required),
            ("Mogen we je bellen of mailen over je verhaal?", required),
            ("Je naam", optional),
        ]:
            self.assertIn(f"{question} {mark}", page)
        self.assertIn('E-mailadres <span class="field__mark">(één van de twee)</span>', page)


class ErrorSummaryTestCase(MeldFormCase):
    def test_it_lists_every_problem_with_a_link_to_its_question(self):
        response = self.post(
            self.form_data(
                story="",
                reporter_role=None,
                consent_anonymous_use=None,
                consent_contact="ja",
                contact_email="ouder.example.org",
            )
        )
        page = response.content.decode()
        summary = page[page.index('<div class="error-summary"') :]
        summary = summary[: summary.index("</div>")]
        self.assertNotIn("Er ging iets mis", page)
        links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', summary)
        self.assertEqual(
            [target for target, _message in links],
            ["id_story", "id_reporter_role_0", "id_consent_anonymous_use_0", "id_contact_email"],
        )
        self.assertIn(str(validation.STORY_EMPTY), links[0][1])
        self.assertIn("Mag de groep je verhaal gebruiken, zonder je naam?", links[2][1])
        self.assertIn(str(validation.EMAIL_NO_AT), links[3][1])
        # Each field is described by its message, for screen readers in the field itself.
        self.assertRegex(page, r'<textarea[^>]*aria-describedby="[^"]*id_story_error')
        self.assertRegex(page, r'<input type="email"[^>]*aria-describedby="id_contact_email_error')
        self.assertIn('<fieldset aria-describedby="id_reporter_role_error">', page)
        self.assertIn('<fieldset aria-describedby="id_consent_anonymous_use_error">', page)
        self.assertFalse(Signal.objects.exists())

    def test_contact_details_are_checked_with_the_rest_not_after_it(self):
        response = self.post(
            self.form_data(
                story="", consent_contact="ja", contact_email="a@b", contact_phone="12345"
            )
        )
        self.assertContains(response, str(validation.STORY_EMPTY), status_code=400)
        self.assertContains(response, str(validation.EMAIL_BAD_DOMAIN), status_code=400)
        self.assertContains(response, str(validation.PHONE_START), status_code=400)


class EmailAndPhoneTestCase(SimpleTestCase):
    def assertProblem(self, cleaner, value, field, message):  # noqa: N802
        with self.assertRaises(ValidationError) as caught:
            cleaner(value)
        self.assertEqual(caught.exception.message_dict[field], [str(message)], value)

    def test_each_e_mail_problem_has_its_own_message(self):
        for typed, message in [
            ("ouder.example.org", validation.EMAIL_NO_AT),
            ("ouder@@example.org", validation.EMAIL_TWO_ATS),
            ("ouder @example.org", validation.EMAIL_SPACE),
            ("ouder@example,org", validation.EMAIL_COMMA),
            ("@example.org", validation.EMAIL_NOTHING_BEFORE_AT),
            ("ouder@", validation.EMAIL_BAD_DOMAIN),
            ("ouder@example", validation.EMAIL_BAD_DOMAIN),
        ]:
            self.assertProblem(validation.clean_email, typed, "contact_email", message)
        self.assertEqual(validation.clean_email(" Ouder@Example.org "), "ouder@example.org")

    def test_an_address_with_an_at_is_never_told_to_add_one(self):
        for typed in ["ouder@", "ouder@example", "ouder@@example.org", "o uder@x.nl"]:
            with self.assertRaises(ValidationError) as caught:
                validation.clean_email(typed)
            self.assertNotIn("geen @", caught.exception.messages[0], typed)

    def test_international_numbers_and_a_note_after_the_number_are_accepted(self):
        for typed, stored in [
            ("0032 470 12 34 56", "+32470123456"),
            ("+49 30 1234567", "+49301234567"),
            ("0612345678 (na 17u)", "0612345678 (na 17u)"),
            ("06-12345678 na 5 uur", "0612345678 na 5 uur"),
            ("+31 (0)6 1234 5678", "0612345678"),
            ("(020) 123 4567", "0201234567"),
        ]:
            self.assertEqual(validation.clean_phone(typed), stored, typed)

    def test_each_phone_problem_has_its_own_message(self):
        for typed, message in [
            ("bel me maar", validation.PHONE_NO_DIGITS),
            ("12345", validation.PHONE_START),
            ("06123456789", "Dit telefoonnummer heeft 11 cijfers."),
            ("+31 6 1234 567", "Dit telefoonnummer heeft 9 cijfers."),  # Dutch: Dutch rule
            ("+32 12", "Dit buitenlandse nummer heeft 4 cijfers."),
            ("06 1234 5678 9", "Dit telefoonnummer heeft 11 cijfers."),  # a digit is no note
        ]:
            with self.assertRaises(ValidationError) as caught:
                validation.clean_phone(typed)
            self.assertIn(str(message), caught.exception.message_dict["contact_phone"][0], typed)
        self.assertProblem(
            validation.clean_phone,
            "0612345678 (" + "bel me liever niet op mijn werk maar thuis" + ")",
            "contact_phone",
            validation.PHONE_NOTE_TOO_LONG,
        )

    def test_the_rule_is_the_same_for_every_way_in(self):
        contact = services.clean_contact(
            consent_contact=True, name="", email="", phone="0032 470 12 34 56 (avond)"
        )
        self.assertEqual(contact["phone"], "+32470123456 (avond)")


class PhoneOnTheFormTestCase(MeldFormCase):
    def test_a_number_with_a_note_is_stored_with_its_note(self):
        self.post(self.form_data(consent_contact="ja", contact_phone="0612345678 (na 17u)"))
        self.assertEqual(Signal.objects.get().contact.phone, "0612345678 (na 17u)")


class ConsentYesNoTestCase(MeldFormCase):
    def test_each_consent_must_be_answered_and_nothing_is_stored_until_then(self):
        response = self.post(
            self.form_data(
                consent_anonymous_use=None, consent_share_national=None, consent_contact=None
            )
        )
        page = response.content.decode()
        self.assertEqual(response.status_code, 400)
        self.assertEqual(page.count(f"<li>{CONSENT_MISSING}</li>"), 3)
        self.assertNotIn('id="contact-question"', page)
        self.assertFalse(Signal.objects.exists())

    def test_a_ticked_box_of_the_old_form_is_no_answer(self):
        response = self.post(self.form_data(consent_share_national="on"))
        self.assertContains(response, str(CONSENT_MISSING), status_code=400)

    def test_yes_and_no_are_stored_as_answered(self):
        self.post(self.form_data(consent_anonymous_use="nee", consent_share_national="ja"))
        signal = Signal.objects.get()
        self.assertFalse(signal.consent_anonymous_use)
        self.assertTrue(signal.consent_share_national)
        self.assertFalse(signal.consent_contact)

    def test_each_answer_says_what_it_means_and_none_is_chosen_beforehand(self):
        page = self.client.get(self.url).content.decode()
        self.assertIn("Je verhaal blijft bij de groep.", page)
        self.assertIn("We nemen geen contact met je op.", page)
        for name in ["consent_anonymous_use", "consent_share_national", "consent_contact"]:
            radios = re.findall(rf'<input type="radio" name="{name}"[^>]*>', page)
            self.assertEqual(len(radios), 2)
            self.assertFalse([r for r in radios if "checked" in r], name)

    def test_plain_words_replace_the_hard_ones(self):
        page = self.client.get(self.url).content.decode().lower()
        for word in [
            "landelijk bureau",
            "bewindvoerder",
            "vertegenwoordiger<",
            "mentor",
            "volgcode",
            "zorgvuldig",
            "intrekken",
            "ledengroep",
            "volgpagina",
            "ongedaan",
            "aanvulling",
            "dossier",
            "oppakken",
        ]:
            self.assertNotIn(word, page)

    def test_an_organisation_on_the_old_default_wording_gets_the_new_one_as_a_new_version(self):
        old = ConsentText.objects.create(
            organisation=self.alfa, version=1, **consent_migration.OLD_DEFAULT
        )
        own = ConsentText.objects.create(
            organisation=self.omega,
            version=1,
            **{**consent_migration.OLD_DEFAULT, "contact": "Mogen we je opbellen?"},
        )
        signal = make_signal(self.group_a, consent_text=old)
        consent_migration.publish_plain_wording(apps, None)
        current = services.consent_text_current(self.alfa)
        self.assertEqual(current.version, 2)
        self.assertEqual(current.contact, "Mogen we je bellen of mailen over je verhaal?")
        self.assertEqual(services.consent_text_current(self.omega), own)  # their own words
        signal.refresh_from_db()
        self.assertEqual(signal.consent_text, old)  # what was agreed stays what was agreed


class HoneypotFlagTestCase(MeldFormCase):
    def flagged(self):
        self.post(self.form_data(website="https://spam.example", story="Koop nu goedkope pillen"))
        return Signal.objects.get(story__startswith="Koop nu")

    def test_triage_filters_on_the_flag_and_shows_it(self):
        flagged = self.flagged()
        make_signal(self.group_a, story="Een gewoon verhaal over de bus.")
        self.login(self.carla)
        listing = reverse("intake:signal_list")
        only_spam = self.client.get(listing, {"spam": "ja"})
        self.assertContains(only_spam, "Koop nu goedkope pillen")
        self.assertNotContains(only_spam, "Een gewoon verhaal over de bus.")
        self.assertContains(only_spam, "Mogelijk spam")
        no_spam = self.client.get(listing, {"spam": "nee"})
        self.assertNotContains(no_spam, "Koop nu goedkope pillen")
        self.assertContains(no_spam, "Een gewoon verhaal over de bus.")
        detail = self.client.get(reverse("intake:signal_detail", args=[flagged.reference]))
        self.assertContains(detail, "Mogelijk spam")
        self.assertContains(detail, reverse("intake:signal_not_spam", args=[flagged.reference]))

    def test_staff_clear_the_flag_and_it_is_in_the_history(self):
        flagged = self.flagged()
        self.login(self.carla)
        self.client.post(reverse("intake:signal_not_spam", args=[flagged.reference]))
        flagged.refresh_from_db()
        self.assertFalse(flagged.suspected_spam)
        self.assertTrue(flagged.events.filter(kind=SignalEvent.Kind.NOT_SPAM).exists())

    def test_who_may_not_manage_the_signal_gets_404(self):
        flagged = self.flagged()
        url = reverse("intake:signal_not_spam", args=[flagged.reference])
        self.assertNotFoundFor([self.otto, self.bram, self.nina], "post", url)
        flagged.refresh_from_db()
        self.assertTrue(flagged.suspected_spam)
