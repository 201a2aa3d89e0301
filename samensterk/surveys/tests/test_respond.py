from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samensterk.surveys import services
from samensterk.surveys.models import Answer, Invitation, Kind, Question, Questionnaire, Response
from samensterk.test import BaseTestCase

from .factories import monitoring_round


class RespondTestCase(BaseTestCase):
    def setUp(self):
        self.round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        self.invitation = self.round.invitations.get(group=self.group_a)
        self.token = self.invitation.token
        self.questions = {q.key: q for q in self.round.questionnaire.questions.all()}

    def page(self, key):
        return reverse("surveys:respond_question", args=[self.token, self.questions[key].pk])

    def send(self, key, value, follow=False):
        name = f"q{self.questions[key].pk}"
        data = {name: value} if not isinstance(value, list) else {name: value}
        return self.client.post(self.page(key), data, follow=follow)


class RespondFlowTests(RespondTestCase):
    def test_one_question_at_a_time_with_conditions_pause_and_continue(self):
        start = self.client.get(reverse("surveys:respond_start", args=[self.token]))
        self.assertContains(start, "de antwoorden worden bewaard bij de naam van jullie groep")
        self.assertContains(start, "Beginnen")
        response = self.send("activiteit", "7")
        self.assertRedirects(response, self.page("gezelligheid"))
        self.send("gezelligheid", "ja")
        self.send("themabijeenkomsten", "nee")
        # "No" to advocacy: the questions for those who do it are skipped.
        response = self.send("belangenbehartiging", "nee")
        self.assertRedirects(response, self.page("tevreden_niet"))
        # Stop here; the same link goes on where it was.
        start = self.client.get(reverse("surveys:respond_start", args=[self.token]))
        self.assertContains(start, "Verder waar je was")
        self.assertContains(start, self.page("tevreden_niet"))
        self.assertEqual(Answer.objects.filter(response__invitation=self.invitation).count(), 4)
        # A skipped required question gets a message and keeps the page.
        response = self.client.post(self.page("tevreden_niet"), {})
        self.assertContains(response, "Deze vraag moet je beantwoorden.", status_code=400)
        response = self.send("tevreden_niet", "misschien")
        self.assertContains(response, "Kies ja of nee.", status_code=400)
        self.send("tevreden_niet", "ja")
        response = self.send("waarom_geen", "Te weinig mensen.")
        self.assertRedirects(response, self.page("zichtbaar"))
        self.send("zichtbaar", "")  # optional: skipped
        self.send("netwerk", "ja")
        self.send("signalen", "nee")
        response = self.send("themas", "Wonen\nVervoer", follow=True)
        self.assertContains(response, "Klaar? Kijk je antwoorden na")
        self.assertContains(response, "Te weinig mensen.")
        # A hidden question's page sends on to the next one shown.
        hidden = self.client.get(self.page("wie"))
        self.assertEqual(hidden.status_code, 302)
        done = self.client.post(reverse("surveys:respond_review", args=[self.token]), follow=True)
        self.assertContains(done, "Dank je wel!")
        self.invitation.refresh_from_db()
        self.assertIsNotNone(self.invitation.completed_at)
        # A used link shows the thanks again; answering is over.
        again = self.client.get(reverse("surveys:respond_start", args=[self.token]), follow=True)
        self.assertContains(again, "Je antwoorden op")
        response = self.send("activiteit", "2")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            Answer.objects.get(question=self.questions["activiteit"]).value, 7
        )  # unchanged

    def test_changing_an_earlier_answer_drops_answers_no_longer_asked(self):
        for key, value in [("activiteit", "5"), ("gezelligheid", "ja"),
                           ("themabijeenkomsten", "ja"), ("belangenbehartiging", "ja"),
                           ("tevreden_wel", "ja")]:  # fmt: skip
            self.send(key, value)
        self.client.post(self.page("wie"), {f"q{self.questions['wie'].pk}": ["Het bestuur"]})
        self.send("belangenbehartiging", "nee")
        for key, value in [("tevreden_niet", "nee"), ("signalen", "nee")]:
            self.send(key, value)
        self.client.post(reverse("surveys:respond_review", args=[self.token]))
        response = Response.objects.get(round=self.round)
        keys = set(response.answers.values_list("question__key", flat=True))
        self.assertNotIn("wie", keys)
        self.assertNotIn("tevreden_wel", keys)
        self.assertIn("tevreden_niet", keys)

    def test_sending_before_all_required_questions_are_answered(self):
        self.send("activiteit", "5")
        response = self.client.post(reverse("surveys:respond_review", args=[self.token]))
        self.assertContains(response, "Nog niet alles is ingevuld", status_code=400)
        self.assertIsNone(Invitation.objects.get(pk=self.invitation.pk).completed_at)

    def test_wrong_expired_and_closed_links(self):
        for token in ["nonsense", f"{self.invitation.pk}-{'0' * 24}", "999999-" + "a" * 24]:
            response = self.client.get(reverse("surveys:respond_start", args=[token]))
            self.assertContains(response, "Deze link klopt niet", status_code=404)
        self.send("activiteit", "8")
        self.round.closes_on = timezone.localdate() - timedelta(days=1)
        self.round.save()
        response = self.client.get(reverse("surveys:respond_start", args=[self.token]))
        self.assertContains(response, "Deze vragenlijst is gesloten", status_code=410)
        response = self.send("gezelligheid", "ja")
        self.assertEqual(response.status_code, 410)
        self.assertEqual(Answer.objects.count(), 1)  # what was given is kept

    def test_staff_enter_answers_taken_by_phone(self):
        self.login(self.sanne)
        start = self.client.get(reverse("surveys:respond_start", args=[self.token]))
        self.assertContains(start, "Je vult de antwoorden in voor Groep Amsterdam")
        self.send("activiteit", "6")
        self.assertEqual(Response.objects.get().entered_by, self.sanne)

    def test_scale_number_multiple_and_matrix_answers(self):
        questionnaire = Questionnaire.objects.create(
            organisation=self.alfa, title="Evaluatie", anonymous=True
        )
        number = Question.objects.create(
            questionnaire=questionnaire, key="leeftijd", kind=Kind.NUMBER, text="Hoe oud?",
            position=0,
        )  # fmt: skip
        matrix = Question.objects.create(
            questionnaire=questionnaire, key="oordeel", kind=Kind.MATRIX, text="Wat vond je?",
            options=["goed", "slecht"], rows=["eten", "zaal"], position=1, required=True,
        )  # fmt: skip
        survey_round = services.round_open(
            questionnaire, user=self.sanne, title="Cursus maart", audience="mensen",
            closes_on=timezone.localdate(), people=[("Ans", "ans@example.org")],
        )  # fmt: skip
        invitation = survey_round.invitations.get()
        token = invitation.token
        url = reverse("surveys:respond_question", args=[token, number.pk])
        response = self.client.post(url, {f"q{number.pk}": "veertig"})
        self.assertContains(response, "Vul een getal in", status_code=400)
        self.client.post(url, {f"q{number.pk}": "41,5"})
        url = reverse("surveys:respond_question", args=[token, matrix.pk])
        response = self.client.post(url, {f"q{matrix.pk}_0": "goed"})
        self.assertContains(response, "Kies bij elk onderdeel een antwoord.", status_code=400)
        response = self.client.post(url, {f"q{matrix.pk}_0": "goed", f"q{matrix.pk}_1": "fout"})
        self.assertContains(response, "Kies uit de antwoorden die er staan.", status_code=400)
        self.client.post(url, {f"q{matrix.pk}_0": "goed", f"q{matrix.pk}_1": "slecht"})
        self.client.post(reverse("surveys:respond_review", args=[token]))
        response = Response.objects.get(round=survey_round)
        # Anonymous: once finished, no link between the answers and Ans.
        self.assertIsNone(response.invitation)
        self.assertIsNotNone(Invitation.objects.get(pk=invitation.pk).completed_at)
        values = dict(response.answers.values_list("question__key", "value"))
        self.assertEqual(values, {"leeftijd": 41.5, "oordeel": {"eten": "goed", "zaal": "slecht"}})
