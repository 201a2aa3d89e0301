"""Erasing for a data subject: a confirmation step with a reason, each kind erased its own way,
all or nothing, in the audit log, and the reporter's tracking page still working."""

from unittest import mock

from django.core import mail
from django.urls import reverse

from samensterk.advocacy.models import Advocate, Duo, DuoEvaluation, RequestContact
from samensterk.coalitions.models import SharedItem
from samensterk.courses.models import Registration, RegistrationStatus, Trainer
from samensterk.intake.models import AgendaPdf, Signal, SignalContact, tracking_code_for
from samensterk.network.models import ContactMoment, Person
from samensterk.privacy import services, subjects
from samensterk.privacy.models import AuditLog
from samensterk.surveys.models import Invitation, PanelMember, Response
from samensterk.test import BaseTestCase

from .subject_data import EMAIL, NAME, make_subject

SEARCH = reverse("privacy:subject_search", args=["alfa"])
ERASE = reverse("privacy:subject_erase", args=["alfa"])
REASON = "Verzoek van de betrokkene per e-mail van 3 maart"


class SubjectEraseTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.made = make_subject(cls)

    def setUp(self):
        self.login(self.sanne)

    def keys(self, q, kind) -> list[str]:
        response = self.client.post(SEARCH, {"q": q})
        return [
            x.key for f in response.context["found"] if f.finder.kind == kind for x in f.findings
        ]

    def erase(self, q, keys, reason=REASON, status=200):
        response = self.client.post(
            ERASE, {"q": q, "keys": keys, "confirm": "on", "reason": reason}
        )
        self.assertEqual(response.status_code, status, response.content[:3000])
        return response

    def erase_kind(self, q, kind):
        keys = self.keys(q, kind)
        self.assertTrue(keys, kind)
        return self.erase(q, keys)

    def follow_up(self, signal):
        """The reporter's tracking page, with their code."""
        return self.client.post(
            reverse("intake:track"), {"code": tracking_code_for(signal.submission_id)}
        )

    # --- the confirmation step --------------------------------------------------------------
    def test_the_first_step_says_what_will_happen_and_erases_nothing(self):
        keys = self.keys(EMAIL, "signal_contact")
        response = self.client.post(ERASE, {"q": EMAIL, "keys": keys})
        self.assertContains(response, "Wissen: weet je het zeker?")
        self.assertContains(response, "de volgcode van de melder blijft werken")
        self.assertContains(response, self.made.contact_signal.reference)
        self.assertContains(response, 'name="confirm"')
        self.assertTrue(SignalContact.objects.filter(signal=self.made.contact_signal).exists())
        self.assertFalse(AuditLog.objects.filter(action="subject_erase").exists())

    def test_erase_everything_lists_everything_found(self):
        response = self.client.post(ERASE, {"q": EMAIL, "everything": "on"})
        listed = response.context["keys"]
        self.assertEqual(len(listed), response.context["total"])
        self.assertGreaterEqual(len(listed), 8)

    def test_a_reason_is_required(self):
        keys = self.keys(EMAIL, "signal_contact")
        response = self.erase(EMAIL, keys, reason="   ", status=400)
        self.assertContains(response, str(services.REASON_MISSING), status_code=400)
        self.assertTrue(SignalContact.objects.filter(signal=self.made.contact_signal).exists())

    def test_a_made_up_or_foreign_key_erases_nothing(self):
        omega_contact = SignalContact.objects.get(signal=self.made.omega_signal)
        for keys in (["signal_contact:999999"], [f"signal_contact:{omega_contact.pk}"]):
            response = self.erase(EMAIL, keys, status=400)
            self.assertContains(response, str(services.NOTHING_CHOSEN), status_code=400)
        self.assertTrue(SignalContact.objects.filter(pk=omega_contact.pk).exists())
        self.assertEqual(SignalContact.objects.count(), 2)

    def test_nothing_ticked_gets_a_message(self):
        response = self.client.post(ERASE, {"q": EMAIL})
        self.assertContains(response, str(services.NOTHING_CHOSEN), status_code=400)

    # --- each kind ------------------------------------------------------------------------
    def test_a_signals_contact_details_go_and_the_tracking_page_still_works(self):
        signal = self.made.contact_signal
        self.erase_kind(EMAIL, "signal_contact")
        self.assertFalse(SignalContact.objects.filter(signal=signal).exists())
        signal.refresh_from_db()
        self.assertFalse(signal.consent_contact)
        self.assertEqual(signal.story, signal.story_pseudonymised)
        self.assertEqual(
            [e.kind for e in signal.events.order_by("pk")][-2:], ["contact_erased", "edited"]
        )
        response = self.follow_up(signal)
        self.assertContains(response, "Jouw verhaal")
        self.assertContains(response, "De taxi naar de dagbesteding")

    def test_a_story_that_mentions_the_person_keeps_counting_without_them(self):
        signal = self.made.national_story
        self.erase_kind("06 12345678", "signal_story")
        signal.refresh_from_db()
        self.assertNotIn(NAME, signal.story)
        self.assertNotIn("1234 5678", signal.story)
        self.assertIn("geen vervoer", signal.story)
        self.assertEqual(signal.story, signal.story_pseudonymised)
        self.assertEqual(Signal.objects.filter(organisation=self.alfa).count(), 3)
        response = self.follow_up(signal)
        self.assertContains(response, "geen vervoer")
        self.assertNotContains(response, NAME)

    def test_a_story_waiting_for_the_worker_is_redacted_now_and_pseudonymised_by_a_task(self):
        signal = self.made.national_story
        Signal.objects.filter(pk=signal.pk).update(story_pseudonymised="")
        with self.captureOnCommitCallbacks(execute=True):
            self.erase_kind(NAME, "signal_story")
        signal.refresh_from_db()
        self.assertNotIn(NAME, signal.story)
        self.assertNotIn("+31 6 1234 5678", signal.story)  # the pseudonymiser's work
        self.assertEqual(signal.story, signal.story_pseudonymised)

    def test_kept_agenda_pdfs_that_quote_the_story_are_dropped(self):
        from samensterk.intake.agenda import agenda_create

        agenda = agenda_create(group=self.group_a, actor=self.carla)
        AgendaPdf.objects.create(agenda=agenda, content=b"%PDF", status="klaar")
        self.assertIn(self.made.contact_signal, agenda.signals.all())
        self.erase_kind(EMAIL, "signal_contact")
        self.assertFalse(AgendaPdf.objects.filter(agenda=agenda).exists())

    def test_a_network_person_is_anonymised_and_unshared(self):
        person = self.made.person
        self.erase(EMAIL, self.keys(EMAIL, "network_person") + self.keys(EMAIL, "coalition_share"))
        person.refresh_from_db()
        self.assertEqual(person.name, "Gewiste persoon")
        self.assertEqual((person.role, person.email, person.phone, person.notes), ("", "", "", ""))
        self.assertFalse(person.key_contact)
        self.assertIsNotNone(person.contact_erased_on)
        moment = ContactMoment.objects.get(pk=self.made.moment.pk)
        self.assertNotIn(NAME, moment.discussed)  # their own name too, though searched by e-mail
        self.assertIn("leerlingenvervoer", moment.discussed)
        self.assertFalse(SharedItem.objects.filter(pk=self.made.shared.pk).exists())
        self.assertTrue(Person.objects.filter(pk=self.made.omega_person.pk, name=NAME).exists())

    def test_a_panel_member_is_deleted_and_the_rounds_keep_their_figures(self):
        invitation = Invitation.objects.get(panel_member=self.made.member)
        token = invitation.token
        self.erase_kind(EMAIL, "panel_member")
        self.assertFalse(PanelMember.objects.filter(pk=self.made.member.pk).exists())
        invitation.refresh_from_db()
        self.assertEqual((invitation.name, invitation.email), ("", ""))
        self.assertNotEqual(invitation.token, token)
        self.assertEqual(self.made.panel_round.invitations.count(), 1)

    def test_an_invitee_loses_name_address_and_link_and_the_answers_stay_anonymous(self):
        from samensterk.surveys.services import response_for

        invitation = self.made.invitation
        response = response_for(invitation)
        token = invitation.token
        self.erase_kind(EMAIL, "survey_invitation")
        invitation.refresh_from_db()
        self.assertEqual((invitation.name, invitation.email), ("", ""))
        self.assertNotEqual(invitation.token, token)
        self.assertIsNone(Response.objects.get(pk=response.pk).invitation)
        self.assertEqual(self.client.get(f"/vragenlijst/{token}/").status_code, 404)

    def test_a_registration_goes_and_the_waiting_list_moves_up(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.erase_kind("06 12 34 56 78", "course_registration")
        self.assertFalse(Registration.objects.filter(pk=self.made.registration.pk).exists())
        waiting = Registration.objects.get(pk=self.made.waiting.pk)
        self.assertEqual(waiting.status, RegistrationStatus.CONFIRMED)
        self.assertEqual(mail.outbox[-1].to, ["piet@example.org"])

    def test_a_trainer_is_anonymised(self):
        self.erase_kind(EMAIL, "course_trainer")
        trainer = Trainer.objects.get(pk=self.made.trainer.pk)
        self.assertEqual(
            (trainer.name, trainer.email, trainer.active), ("Gewiste trainer", "", False)
        )

    def test_a_support_request_loses_the_members_details_and_name(self):
        self.erase(NAME, self.keys(NAME, "support_request"))
        self.assertFalse(RequestContact.objects.filter(request=self.made.request).exists())
        for request in (self.made.request, self.made.text_request):
            request.refresh_from_db()
            self.assertNotIn(NAME, request.what)
            self.assertIn("[PERSOON]", request.what)
        # The other member's details were not hers.
        self.assertTrue(RequestContact.objects.filter(request=self.made.text_request).exists())

    def test_an_advocate_leaves_the_pool_without_a_name(self):
        self.erase_kind(NAME, "advocate")
        advocate = Advocate.objects.get(pk=self.made.advocate.pk)
        self.assertEqual((advocate.name, advocate.active), ("Gewiste vrijwilliger", False))

    def test_one_of_a_duo_is_erased_with_their_own_evaluations(self):
        self.erase_kind(NAME, "duo")
        duo = Duo.objects.get(pk=self.made.duo.pk)
        self.assertEqual((duo.person_with, duo.person_without), ("Gewist", "Jan Jansen"))
        self.assertFalse(DuoEvaluation.objects.filter(pk=self.made.own_evaluation.pk).exists())
        self.assertTrue(DuoEvaluation.objects.filter(pk=self.made.other_evaluation.pk).exists())

    # --- all at once, audit, all or nothing -------------------------------------------------
    def test_erasing_everything_leaves_nothing_to_find_and_writes_an_audit_line_each(self):
        for q in (EMAIL, NAME, "0612345678"):
            keys = self.client.post(ERASE, {"q": q, "everything": "on"}).context
            if keys is not None and "keys" in keys:
                response = self.erase(q, keys["keys"])
                self.assertContains(response, "gewist.")
        for q in (EMAIL, NAME, "0612345678"):
            self.assertEqual(self.client.post(SEARCH, {"q": q}).context["found"], [])
        lines = AuditLog.objects.filter(action="subject_erase")
        self.assertGreaterEqual(lines.count(), 12)
        self.assertIn(self.made.contact_signal.reference, {line.object_reference for line in lines})
        for line in lines:
            self.assertEqual(line.actor, self.sanne)
            self.assertIn(REASON.split(" per ")[0], line.detail)
            self.assertNotIn("marieke", line.detail.lower())
        self.assertEqual(self.follow_up(self.made.contact_signal).status_code, 200)

    def test_the_audit_line_leaves_out_an_address_typed_in_the_reason(self):
        self.erase(EMAIL, self.keys(EMAIL, "course_trainer"), reason=f"Mail van {EMAIL}")
        line = AuditLog.objects.get(action="subject_erase")
        self.assertEqual(line.object_reference, f"trainer-{self.made.trainer.pk}")
        self.assertEqual(
            line.detail, f"betrokkene-{subjects.parse_query(EMAIL).digest}: Mail van [EMAIL]"
        )

    def test_a_failure_half_way_erases_nothing_at_all(self):
        query = subjects.parse_query(NAME)
        with (
            mock.patch(
                "samensterk.advocacy.services.duo_erase_person", side_effect=RuntimeError("stop")
            ),
            self.assertRaises(RuntimeError),
        ):
            services.subject_erase(
                organisation=self.alfa, query=query, user=self.sanne, keys=None, reason=REASON
            )
        self.made.national_story.refresh_from_db()
        self.assertIn(NAME, self.made.national_story.story)
        self.assertTrue(Person.objects.filter(pk=self.made.person.pk, name=NAME).exists())
        self.assertTrue(RequestContact.objects.filter(request=self.made.request).exists())
        self.assertTrue(Advocate.objects.filter(pk=self.made.advocate.pk, name=NAME).exists())
        self.assertFalse(AuditLog.objects.filter(action="subject_erase").exists())
