"""The one rule for survey results (surveys/disclosure.py): all or nothing at the respondent
threshold, places merged so that no difference gives a small one away, free text only
pseudonymised, no list of who answered an anonymous questionnaire; on every page and file."""

import csv
import io
import os
import subprocess
import sys

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone

from samensterk.places.models import Municipality
from samensterk.privacy import tokens
from samensterk.surveys import disclosure, services
from samensterk.surveys.models import Kind, PanelMember, Question, Questionnaire
from samensterk.test import BaseTestCase

from .factories import answer

NAME_STORY = "Mijn begeleider Jan de Vries komt nooit op tijd."


class ThresholdSettingTests(SimpleTestCase):
    def test_a_threshold_below_five_is_refused(self):
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=4), self.assertRaises(ImproperlyConfigured):
            disclosure.threshold()
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=5):
            self.assertEqual(disclosure.threshold(), 5)
        # At start-up too: settings.py refuses it.
        env = {**os.environ, "SURVEY_RESPONDENT_THRESHOLD": "4", "DEBUG": "1"}
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", "import samensterk.settings"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SURVEY_RESPONDENT_THRESHOLD must be 5 or more", result.stderr)

    def test_places_under_the_threshold_are_merged_never_left_out(self):
        fold = disclosure._fold
        self.assertEqual(fold({"a": 12, "b": 10, "c": 2}, 10), {"a"})  # b joins c: 12 together
        self.assertEqual(fold({"a": 12, "b": 10}, 10), {"a", "b"})
        self.assertEqual(fold({"a": 12, "c": 2}, 10), set())  # a minus nothing would be c
        self.assertEqual(fold({"a": 3, "b": 4, "c": 5}, 10), set())


class PanelDisclosureTests(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.utrecht = Municipality.objects.get(code="GM0344")
        self.diemen = Municipality.objects.get(code="GM0384")
        self.questionnaire = Questionnaire.objects.create(
            organisation=self.alfa, title="Panel wonen", purpose="panel", anonymous=True
        )
        Question.objects.create(
            questionnaire=self.questionnaire, key="woning", kind=Kind.YES_NO, position=0,
            text="Heb je een passende woning?", required=True,
        )  # fmt: skip
        Question.objects.create(
            questionnaire=self.questionnaire, key="wens", kind=Kind.LONG_TEXT, position=1,
            text="Wat zou je willen veranderen?",
        )  # fmt: skip

    def panel_round(self, places: dict):
        """Members per municipality (municipality -> how many), all invited."""
        members = []
        for municipality, n in places.items():
            for _i in range(n):
                number = len(members)
                members.append(
                    PanelMember.objects.create(
                        organisation=self.alfa,
                        name=f"Panellid {number}",
                        email=f"p{number}@example.org",
                        municipality=municipality,
                        consent_at=timezone.now(),
                        secret=tokens.new_nonce(),
                    )  # fmt: skip
                )
        return services.round_open(
            self.questionnaire, user=self.sanne, title="Panel voorjaar", audience="panel",
            closes_on=timezone.localdate(), panel_members=members,
        )  # fmt: skip

    def answer_all(self, survey_round, **values):
        for i, invitation in enumerate(survey_round.invitations.order_by("pk")):
            answer(invitation, {"woning": i % 3 != 0, **values})

    def test_nine_respondents_show_nothing_ten_show_exact_counts(self):
        survey_round = self.panel_round({self.amsterdam: 10})
        invitations = list(survey_round.invitations.order_by("pk"))
        for i, invitation in enumerate(invitations[:9]):
            answer(invitation, {"woning": i < 3})
        found = disclosure.outcome(survey_round)
        self.assertFalse(found.shown)
        self.assertEqual((found.respondents, found.results), (None, []))
        self.assertEqual(found.respondents_text, "minder dan 10")
        self.assertEqual(
            found.message,
            "Te weinig mensen hebben gereageerd (minder dan 10). "
            "Daarom tonen we hier geen uitkomsten.",
        )
        answer(invitations[9], {"woning": False})
        found = disclosure.outcome(survey_round)
        self.assertTrue(found.shown)
        self.assertEqual(found.respondents, 10)
        self.assertEqual(found.results[0].counts, [("ja", 3, 30), ("nee", 7, 70)])

    def test_free_text_only_pseudonymised_and_only_above_the_threshold(self):
        survey_round = self.panel_round({self.amsterdam: 10})
        invitations = list(survey_round.invitations.order_by("pk"))
        with self.captureOnCommitCallbacks(execute=True):  # the task worker runs at once
            for invitation in invitations[:9]:
                answer(invitation, {"woning": True, "wens": NAME_STORY})
        self.login(self.sanne)
        url = reverse("surveys:round_detail", args=[survey_round.pk])
        page = self.client.get(url)
        self.assertNotContains(page, "komt nooit op tijd")
        with self.captureOnCommitCallbacks(execute=True):
            answer(invitations[9], {"woning": True, "wens": NAME_STORY})
        page = self.client.get(url)
        self.assertContains(page, "komt nooit op tijd", count=10)
        self.assertNotContains(page, "Jan de Vries")
        self.assertContains(page, "[PERSOON-1]")

    def test_an_anonymous_round_lists_nobody_only_the_overall_counts(self):
        survey_round = self.panel_round({self.amsterdam: 12})
        for invitation in survey_round.invitations.order_by("pk")[:3]:
            answer(invitation, {"woning": True})
        self.login(self.sanne)
        page = self.client.get(reverse("surveys:round_detail", args=[survey_round.pk]))
        self.assertContains(page, "12 mensen uitgenodigd, geantwoord: minder dan 10.")
        self.assertNotContains(page, "Panellid 0")
        self.assertNotContains(page, "ingevuld")
        self.assertIsNone(page.context["invitations"])
        panel = self.client.get(reverse("surveys:panel"))
        self.assertNotContains(panel, "Geantwoord")
        self.assertContains(panel, "12 mensen uitgenodigd, geantwoord: minder dan 10.")

    def test_small_places_are_merged_within_their_province(self):
        # Amsterdam 12 and Diemen 2 (both Noord-Holland), Utrecht 10. Amsterdam alone would
        # give Diemen away (Noord-Holland minus Amsterdam): the two are shown together.
        survey_round = self.panel_round({self.amsterdam: 12, self.diemen: 2, self.utrecht: 10})
        self.answer_all(survey_round)
        part = disclosure.partition(survey_round, "gemeente")
        self.assertEqual(part.table, [("Utrecht", 10), ("gemeenten in Noord-Holland", 14)])
        self.assertEqual(part.merged, ["Amsterdam", "Diemen"])
        provinces = disclosure.partition(survey_round, "provincie")
        self.assertEqual(provinces.table, [("Noord-Holland", 14), ("Utrecht", 10)])
        amsterdam = disclosure.place_outcome(survey_round, municipality=self.amsterdam)
        self.assertFalse(amsterdam.shown)
        self.assertTrue(amsterdam.merged)
        self.assertTrue(disclosure.place_outcome(survey_round, municipality=self.utrecht).shown)
        self.login(self.sanne)
        question = self.questionnaire.questions.get(key="woning")
        url = reverse("surveys:round_detail", args=[survey_round.pk])
        page = self.client.get(url, {"uitsplitsen": "gemeente", "vraag": question.pk})
        self.assertContains(page, "Samengevoegd in een rij ‘overige’ of per provincie")
        rows = {name: total for name, _cells, total in page.context["split"]["table"].rows}
        self.assertEqual(rows, {"Utrecht": 10, "gemeenten in Noord-Holland": 14})

    def test_coordinators_see_their_own_municipality_above_the_threshold(self):
        survey_round = self.panel_round({self.amsterdam: 10, self.utrecht: 10})
        url = reverse("surveys:group_panel", args=[self.group_a.slug])
        invitations = list(survey_round.invitations.order_by("pk"))
        for invitation in invitations[:19]:  # Amsterdam 10, Utrecht 9
            answer(invitation, {"woning": True})
        self.login(self.carla)
        # Open: not on the page yet (one more answer would stand out).
        self.assertNotContains(self.client.get(url), survey_round.title)
        services.round_close(survey_round)
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200)
        # Utrecht (9, another province) is merged, so Amsterdam cannot stand alone either.
        self.assertNotContains(page, "<td>ja</td>")
        self.assertContains(page, "apart te tonen")
        survey_round.closed_at = None  # open again for one more answer
        survey_round.save(update_fields=["closed_at"])
        answer(invitations[19], {"woning": False})
        services.round_close(survey_round)
        page = self.client.get(url)
        self.assertContains(page, "10 mensen reageerden.")
        self.assertContains(page, "<td>ja</td><td>10</td><td>100%</td>")
        self.assertNotContains(page, "Utrecht")
        self.assertNotFoundFor([self.bram, self.otto, self.vince, self.nina], "get", url)
        self.assertNotFoundFor(
            [self.carla], "get", reverse("surveys:group_panel", args=[self.group_b.slug])
        )

    def test_a_coordinator_below_the_threshold_sees_the_line(self):
        survey_round = self.panel_round({self.amsterdam: 10})
        for invitation in survey_round.invitations.order_by("pk")[:4]:
            answer(invitation, {"woning": True})
        services.round_close(survey_round)
        self.login(self.carla)
        page = self.client.get(reverse("surveys:group_panel", args=[self.group_a.slug]))
        self.assertContains(page, "Te weinig mensen hebben gereageerd (minder dan 10).")
        self.assertNotContains(page, "<td>")
        self.assertNotContains(page, "4 mensen")

    def test_the_export_holds_the_results_under_the_same_rule(self):
        survey_round = self.panel_round({self.amsterdam: 12})
        invitations = list(survey_round.invitations.order_by("pk"))
        with self.captureOnCommitCallbacks(execute=True):
            for invitation in invitations[:9]:
                answer(invitation, {"woning": True, "wens": NAME_STORY})
        self.login(self.sanne)
        url = reverse("surveys:round_export", args=[survey_round.pk, "csv"])
        rows = list(csv.reader(io.StringIO(self.client.get(url).content.decode())))
        self.assertEqual(len(rows), 2)
        self.assertIn("Te weinig mensen hebben gereageerd", rows[1][1])
        with self.captureOnCommitCallbacks(execute=True):
            answer(invitations[9], {"woning": False, "wens": NAME_STORY})
        text = self.client.get(url).content.decode()
        rows = list(csv.reader(io.StringIO(text)))
        self.assertIn(["woning", "ja", "9", "90"], rows)
        self.assertIn(["woning", "nee", "1", "10"], rows)
        self.assertIn(["gemeente", "Amsterdam", "10", ""], rows)
        self.assertNotIn("Jan de Vries", text)
        self.assertIn("[PERSOON-1]", text)
        self.assertNotIn("Panellid", text)
        xlsx = self.client.get(reverse("surveys:round_export", args=[survey_round.pk, "xlsx"]))
        self.assertEqual(xlsx.content[:2], b"PK")
