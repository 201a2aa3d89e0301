from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samensterk.places.models import Municipality
from samensterk.privacy import tokens
from samensterk.surveys import services
from samensterk.surveys.models import Kind, PanelMember, Question, Questionnaire
from samensterk.test import BaseTestCase

from .factories import answer


class PanelTests(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.utrecht = Municipality.objects.get(code="GM0344")
        self.members = [
            PanelMember.objects.create(
                organisation=self.alfa,
                name=f"Panellid {i}",
                email=f"p{i}@example.org",
                municipality=self.amsterdam if i < 6 else self.utrecht,
                consent_at=timezone.now(),
                secret=tokens.new_nonce(),
            )  # fmt: skip
            for i in range(8)
        ]

    def panel_round(self):
        questionnaire = Questionnaire.objects.create(
            organisation=self.alfa, title="Panel wonen", purpose="panel", anonymous=True
        )
        Question.objects.create(
            questionnaire=questionnaire, key="woning", kind=Kind.YES_NO, position=0,
            text="Heb je een passende woning?", required=True,
        )  # fmt: skip
        return services.round_open(
            questionnaire, user=self.sanne, title="Panel voorjaar", audience="panel",
            closes_on=timezone.localdate(), panel_members=PanelMember.objects.all(),
        )  # fmt: skip

    def test_staff_add_members_only_with_consent_and_see_the_panel_per_municipality(self):
        self.login(self.sanne)
        data = {"name": "Fatima", "email": "fatima@example.org",
                "municipality": self.amsterdam.pk, "relation": "naaste"}  # fmt: skip
        response = self.client.post(reverse("surveys:panel"), data)
        self.assertContains(
            response, "Zonder toestemming kan iemand niet in het panel.", status_code=400
        )
        self.assertFalse(PanelMember.objects.filter(name="Fatima").exists())
        self.client.post(reverse("surveys:panel"), {**data, "consent": "on"})
        response = self.client.post(reverse("surveys:panel"), {**data, "consent": "on"})
        self.assertContains(response, "Dit e-mailadres staat al in het panel.", status_code=400)
        page = self.client.get(reverse("surveys:panel"))
        self.assertContains(page, "9 panelleden doen mee.")
        rows = {r["municipality__name"]: r["n"] for r in page.context["per_municipality"]}
        self.assertEqual(rows, {"Amsterdam": 7, "Utrecht": 2})

    def test_members_answer_see_results_only_above_the_threshold_and_leave(self):
        survey_round = self.panel_round()
        self.assertEqual(survey_round.invitations.count(), 8)
        for i, invitation in enumerate(survey_round.invitations.order_by("pk")):
            if i < 7:
                answer(invitation, {"woning": i < 5})  # 5 ja, 2 nee
        member = self.members[0]
        url = reverse("surveys:panel_results", args=[member.token, survey_round.pk])
        # While the round is open, no results: one more answer would stand out.
        home = self.client.get(reverse("surveys:panel_home", args=[member.token]))
        self.assertContains(home, "zie je hier als de vragenlijst dicht is")
        self.assertEqual(self.client.get(url).status_code, 404)
        services.round_close(survey_round)
        home = self.client.get(reverse("surveys:panel_home", args=[member.token]))
        self.assertContains(home, "Bekijk wat eruit kwam")
        # 7 answered, the threshold is 10: no figure at all, not even how many answered.
        results = self.client.get(url)
        self.assertContains(results, "Te weinig mensen hebben gereageerd (minder dan 10).")
        self.assertNotContains(results, "7 mensen")
        self.assertNotContains(results, "ja:")
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=7):
            results = self.client.get(url)
        self.assertContains(results, "7 mensen vulden de vragenlijst in.")
        text = " ".join(results.content.decode().split())
        self.assertIn("<td>ja</td><td>5</td><td>71%</td>", text)
        self.assertIn("<td>nee</td><td>2</td><td>29%</td>", text)
        # The member who did not answer sees no results of that round.
        self.assertEqual(
            self.client.get(
                reverse("surveys:panel_results", args=[self.members[7].token, survey_round.pk])
            ).status_code,
            404,
        )
        # Leaving: no more invitations or reminders.
        self.client.post(reverse("surveys:panel_leave", args=[self.members[7].token]))
        self.members[7].refresh_from_db()
        self.assertIsNotNone(self.members[7].opted_out_at)
        mail.outbox.clear()
        survey_round.invitations.update(sent_at=None)
        from samensterk.surveys.notifications import send_invitations

        send_invitations(survey_round)
        self.assertNotIn(["p7@example.org"], [m.to for m in mail.outbox])
        home = self.client.get(reverse("surveys:panel_home", args=[self.members[7].token]))
        self.assertContains(home, "Je bent afgemeld voor het panel")

    def test_wrong_links_and_other_organisations(self):
        self.assertEqual(
            self.client.get(reverse("surveys:panel_home", args=["1-" + "0" * 24])).status_code,
            404,
        )
        self.assertNotFoundFor([self.otto, self.carla], "get", reverse("surveys:panel"))

    def test_break_downs_by_theme_and_filters_by_municipality_follow_the_threshold(self):
        from samensterk.themes.models import Theme

        wonen = Theme.objects.get(code="wonen")
        for member in self.members:
            member.themes.add(wonen)
        survey_round = self.panel_round()
        for invitation in survey_round.invitations.all():
            answer(invitation, {"woning": True})
        question = survey_round.questionnaire.questions.get()
        self.login(self.sanne)
        url = reverse("surveys:round_detail", args=[survey_round.pk])
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=8):
            page = self.client.get(url, {"uitsplitsen": "thema", "vraag": question.pk})
        table = page.context["split"]["table"]
        self.assertEqual(table.rows, [("Wonen", [(8, 100), (0, 0)], 8)])
        # Utrecht has 2 of the 8: not shown on its own, not even as a filter.
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=6):
            page = self.client.get(url, {"gemeente": self.utrecht.pk})
        self.assertFalse(page.context["outcome"].shown)
        self.assertContains(page, "Te weinig mensen hebben gereageerd (minder dan 6).")
        self.assertNotContains(page, "<svg")
        self.assertEqual(self.client.get(url, {"gemeente": "99999"}).status_code, 404)
        self.assertEqual(self.client.get(url, {"groep": "nergens"}).status_code, 404)


class PanelSignupTests(BaseTestCase):
    def setUp(self):
        self.url = reverse("surveys:panel_signup", args=[self.alfa.slug])
        self.data = {
            "name": "Joke",
            "email": "joke@example.org",
            "municipality": Municipality.objects.get(code="GM0363").pk,
            "relation": "zelf",
        }

    def test_signing_up_needs_consent_and_sends_the_personal_link(self):
        response = self.client.post(self.url, self.data)
        self.assertContains(response, "Zet een vinkje als je mee wilt doen.", status_code=400)
        self.assertFalse(PanelMember.objects.exists())
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {**self.data, "consent": "on"})
        self.assertContains(response, "We hebben je een e-mail gestuurd met je eigen link.")
        member = PanelMember.objects.get()
        self.assertIsNotNone(member.consent_at)
        self.assertIn(reverse("surveys:panel_home", args=[member.token]), mail.outbox[0].body)
        # The same address again: the same answer, the link again, no second member.
        with self.captureOnCommitCallbacks(execute=True):
            again = self.client.post(self.url, {**self.data, "name": "Iemand", "consent": "on"})
        self.assertContains(again, "We hebben je een e-mail gestuurd met je eigen link.")
        self.assertEqual(PanelMember.objects.get().name, "Joke")
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(self.client.get("/panel/nergens/aanmelden/").status_code, 404)
