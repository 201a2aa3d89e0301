"""Data-subject requests (privacy.subjects): who may use them, what a search finds in every
app, the exports, bad input and the audit lines."""

import io
import json

from django.urls import reverse
from pypdf import PdfReader

from samensterk.intake.models import Signal
from samensterk.privacy import subjects
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase

from .subject_data import EMAIL, NAME, make_subject

SEARCH = reverse("privacy:subject_search", args=["alfa"])
EXPORT = reverse("privacy:subject_export", args=["alfa"])
ERASE = reverse("privacy:subject_erase", args=["alfa"])
START = reverse("privacy:subject_start")


def kinds(response) -> dict[str, list]:
    return {f.finder.kind: f.findings for f in response.context["found"]}


class SubjectAccessTestCase(BaseTestCase):
    def test_national_staff_and_administrators_reach_their_organisations_page(self):
        for user in (self.sanne, self.bea):
            self.client.logout()
            self.login(user)
            self.assertRedirects(self.client.get(START), SEARCH)
            response = self.client.get(SEARCH)
            self.assertContains(response, "Verzoek van een betrokkene")
            self.assertContains(response, "Vereniging Alfa")

    def test_everyone_else_gets_404_for_every_page_and_action(self):
        others = [self.carla, self.vince, self.bram, self.otto, self.nina]
        self.assertNotFoundFor(others, "get", START)
        for url in (SEARCH, EXPORT, ERASE):
            self.assertNotFoundFor(others, "post", url, {"q": EMAIL, "file_format": "json"})
        self.assertNotFoundFor(others, "get", SEARCH)

    def test_staff_of_one_organisation_get_404_for_another(self):
        omega = reverse("privacy:subject_search", args=["omega"])
        self.assertNotFoundFor([self.sanne, self.bea], "post", omega, {"q": EMAIL})
        self.assertNotFoundFor([self.sanne], "get", reverse("privacy:subject_search", args=["x"]))

    def test_a_visitor_is_sent_to_log_in(self):
        for url in (START, SEARCH):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn("/inloggen/", response["Location"])

    def test_a_superuser_chooses_the_organisation(self):
        self.login(self.root)
        response = self.client.get(START)
        self.assertContains(response, "Vereniging Alfa")
        self.assertContains(response, reverse("privacy:subject_search", args=["omega"]))

    def test_the_menu_offers_it_to_staff_only(self):
        self.login(self.sanne)
        labels = [str(i["label"]) for i in self.client.get(SEARCH).context["nav_items"]]
        self.assertIn("Privacyverzoeken", labels)
        self.client.logout()
        self.login(self.carla)
        labels = [str(i["label"]) for i in self.client.get("/overzicht/").context["nav_items"]]
        self.assertNotIn("Privacyverzoeken", labels)


class SubjectSearchTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.made = make_subject(cls)

    def setUp(self):
        self.login(self.sanne)

    def search(self, q, status=200):
        response = self.client.post(SEARCH, {"q": q})
        self.assertEqual(response.status_code, status, response.content[:2000])
        return response

    def test_an_email_address_finds_the_person_in_every_app(self):
        found = kinds(self.search("  Marieke.deBoer@Example.org "))
        self.assertEqual(
            set(found),
            {
                "signal_contact",
                "network_person",
                "coalition_share",
                "panel_member",
                "survey_invitation",
                "course_registration",
                "course_trainer",
                "support_request",
            },
        )
        self.assertEqual(
            [f.reference for f in found["signal_contact"]], [self.made.contact_signal.reference]
        )
        self.assertEqual([f.pk for f in found["network_person"]], [self.made.person.pk])
        self.assertEqual([f.pk for f in found["survey_invitation"]], [self.made.invitation.pk])
        self.assertEqual([f.pk for f in found["support_request"]], [self.made.request.pk])

    def test_a_phone_number_is_found_however_it_was_written(self):
        for typed in ("+31 6 12 34 56 78", "0031-612345678", "06 123 456 78"):
            found = kinds(self.search(typed))
            self.assertEqual(
                set(found),
                {
                    "signal_contact",
                    "signal_story",
                    "network_person",
                    "coalition_share",
                    "course_registration",
                    "support_request",
                },
                typed,
            )
            story = found["signal_story"][0]
            self.assertEqual(story.reference, self.made.national_story.reference)
            self.assertIn("belde", " ".join(story.details))  # a snippet of the story

    def test_a_name_finds_stories_and_texts_but_only_stories_on_the_owning_side(self):
        found = kinds(self.search("marieke de boer"))
        self.assertEqual(
            [f.reference for f in found["signal_story"]], [self.made.national_story.reference]
        )
        self.assertEqual(
            {f.pk for f in found["support_request"]},
            {self.made.request.pk, self.made.text_request.pk},
        )
        self.assertEqual([f.pk for f in found["advocate"]], [self.made.advocate.pk])
        self.assertEqual([f.pk for f in found["duo"]], [self.made.duo.pk])
        # Group B's story is for group B; a superuser owns every side.
        self.client.logout()
        self.login(self.root)
        stories = kinds(self.search("Marieke de Boer"))["signal_story"]
        self.assertIn(self.made.group_b_story.reference, [f.reference for f in stories])

    def test_a_name_with_accents_is_found_without_them(self):
        self.made.trainer.name = "Mariëlle Dubois-Brûlé"
        self.made.trainer.save()
        found = kinds(self.search("marielle dubois brule"))
        self.assertEqual([f.pk for f in found["course_trainer"]], [self.made.trainer.pk])

    def test_a_part_of_a_word_is_no_match(self):
        self.assertEqual(kinds(self.search("Boe")), {})

    def test_national_staff_do_not_see_a_groups_contact_details_or_its_signal_page(self):
        response = self.search(EMAIL)
        contact = kinds(response)["signal_contact"][0]
        self.assertEqual(contact.url, "")
        self.assertIn("de contactgegevens ziet alleen Groep Amsterdam", contact.details[1])
        national = kinds(self.search(NAME))["signal_story"][0]
        self.assertEqual(
            national.url,
            reverse("intake:signal_detail", args=[self.made.national_story.reference]),
        )

    def test_another_organisations_people_are_never_found(self):
        for q in (EMAIL, NAME, "0612345678"):
            response = self.search(q)
            self.assertNotContains(response, self.made.omega_signal.reference)
            self.assertNotIn(
                self.made.omega_person.pk, [f.pk for f in kinds(response).get("network_person", [])]
            )

    def test_bad_input_gets_a_dutch_message_and_no_search(self):
        cases = [
            ("", subjects.QUERY_EMPTY),
            ("   ", subjects.QUERY_EMPTY),
            ("ab", subjects.QUERY_TOO_SHORT),
            ("a.b", subjects.QUERY_TOO_SHORT),
            ("marieke@", subjects.EMAIL_INVALID),
            ("12345", subjects.PHONE_INVALID),
            ("x" * 151, subjects.QUERY_TOO_LONG),
        ]
        for q, message in cases:
            response = self.search(q, status=400)
            self.assertContains(response, str(message), status_code=400)
            self.assertIsNone(response.context["found"])
        self.assertFalse(AuditLog.objects.exists())

    def test_every_search_is_in_the_audit_log_without_the_address_or_number(self):
        self.search(EMAIL)
        self.search("+31 6 12345678")
        lines = list(AuditLog.objects.order_by("pk"))
        self.assertEqual([line.action for line in lines], ["subject_search"] * 2)
        for line in lines:
            self.assertEqual(line.actor, self.sanne)
            self.assertEqual(line.organisation, self.alfa)
            self.assertTrue(line.object_reference.startswith("betrokkene-"))
            for clear in (EMAIL, "marieke", "12345678", "0612345678"):
                self.assertNotIn(clear, (line.detail + line.object_reference).lower())
        email = subjects.parse_query(EMAIL)
        self.assertEqual(lines[0].object_reference, f"betrokkene-{email.digest}")
        self.assertIn("e-mailadres", lines[0].detail)
        self.assertIn("telefoonnummer", lines[1].detail)


class SubjectExportTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.made = make_subject(cls)

    def setUp(self):
        self.login(self.sanne)

    def export(self, q, file_format):
        response = self.client.post(EXPORT, {"q": q, "file_format": file_format})
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response["Content-Disposition"])
        self.assertEqual(response["Cache-Control"], "no-store")
        return response

    def test_the_json_holds_every_field_of_everything_found(self):
        response = self.export(EMAIL, "json")
        self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
        data = json.loads(response.content)
        self.assertEqual(data["organisation"], "Vereniging Alfa")
        self.assertEqual(data["searched"], {"kind": "email", "value": EMAIL})
        records = {r["kind"]: r for r in data["records"]}
        contact = records["signal_contact"]
        # The disclosure rule: group A's contact details stay with group A's coordinators.
        self.assertNotIn("contact_email", contact["fields"])
        self.assertNotIn("0612345678", json.dumps(contact))
        self.assertIn("Groep Amsterdam", contact["fields"]["contact"])
        # Group A's story stays with group A: national staff export its pseudonymised form.
        self.assertNotIn("story", contact["fields"])
        self.assertIn("story_pseudonymised", contact["fields"])
        self.assertIn("note", contact)
        person = records["network_person"]["fields"]
        self.assertEqual(person["notes"], "Heeft een dochter op de dagbesteding.")
        self.assertEqual(person["role"], "Beleidsmedewerker Wmo")
        moments = records["network_person"]["parts"]
        self.assertIn("leerlingenvervoer", moments[0]["fields"]["discussed"])
        self.assertEqual(records["panel_member"]["parts"][0]["fields"]["round"], "Panelronde")
        self.assertEqual(records["course_registration"]["fields"]["status"], "Aangemeld")
        self.assertEqual(records["support_request"]["fields"]["member_phone"], "0612345678")
        self.assertEqual(records["coalition_share"]["fields"]["coalition"], "Vervoer Amsterdam")

    def test_the_json_of_a_name_holds_the_national_story_itself(self):
        data = json.loads(self.export(NAME, "json").content)
        stories = [r for r in data["records"] if r["kind"] == "signal_story"]
        self.assertEqual(stories[0]["fields"]["story"], self.made.national_story.story)
        duo = next(r for r in data["records"] if r["kind"] == "duo")
        # Only Marieke's own evaluation: what Jan wrote is his.
        self.assertEqual(len(duo["parts"]), 1)

    def test_the_pdf_is_readable_tagged_and_dutch(self):
        response = self.export(EMAIL, "pdf")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(page.extract_text() for page in reader.pages)
        for expected in (
            "Jouw gegevens bij Vereniging Alfa",
            NAME,
            "Beleidsmedewerker Wmo",
            "Netwerken in de gemeente",
            self.made.contact_signal.reference,
        ):
            self.assertIn(expected, text)
        root = reader.trailer["/Root"]
        self.assertEqual(root["/Lang"], "nl")
        self.assertTrue(root["/MarkInfo"]["/Marked"])
        self.assertIn("/StructTreeRoot", root)

    def test_an_export_of_nothing_says_so(self):
        data = json.loads(self.export("niemand@example.org", "json").content)
        self.assertEqual(data["records"], [])
        response = self.export("niemand@example.org", "pdf")
        text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
        self.assertIn("We hebben niets over jou gevonden.", text)

    def test_every_export_is_in_the_audit_log_without_the_address(self):
        self.export(EMAIL, "json")
        self.export(EMAIL, "pdf")
        lines = AuditLog.objects.filter(action="subject_export").order_by("pk")
        self.assertEqual([line.detail.split()[0] for line in lines], ["JSON", "PDF"])
        for line in lines:
            self.assertNotIn("marieke", (line.detail + line.object_reference).lower())

    def test_a_bad_export_request_gets_the_search_page_with_the_message(self):
        response = self.client.post(EXPORT, {"q": "", "file_format": "json"})
        self.assertContains(response, str(subjects.QUERY_EMPTY), status_code=400)
        response = self.client.post(EXPORT, {"q": EMAIL, "file_format": "exe"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(AuditLog.objects.exists())

    def test_a_withdrawn_signal_is_not_found_any_more(self):
        Signal.objects.filter(pk=self.made.national_story.pk).update(story="")
        response = self.client.post(SEARCH, {"q": NAME})
        self.assertNotIn("signal_story", kinds(response))


class SubjectExportOthersTestCase(BaseTestCase):
    """What the export leaves out: other people's details."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.made = make_subject(cls)

    def test_a_request_that_only_mentions_the_person_does_not_give_away_its_member(self):
        self.login(self.sanne)
        response = self.client.post(EXPORT, {"q": NAME, "file_format": "json"})
        requests = {
            r["reference"]: r
            for r in json.loads(response.content)["records"]
            if r["kind"] == "support_request"
        }
        own = requests[self.made.request.reference]
        other = requests[self.made.text_request.reference]
        self.assertEqual(own["fields"]["member_name"], NAME)
        self.assertNotIn("member_name", other["fields"])
        self.assertNotIn("Iemand Anders", response.content.decode())
        self.assertIn("iemand anders", other["note"])
