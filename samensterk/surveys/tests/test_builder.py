from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samensterk.surveys.models import Invitation, Kind, Question, Questionnaire
from samensterk.test import BaseTestCase

from .factories import answer, monitoring_round


class BuilderTests(BaseTestCase):
    def setUp(self):
        self.login(self.sanne)
        self.client.post(
            reverse("surveys:questionnaire_create"),
            {"title": "Evaluatie cursus", "intro": "Vijf vragen.", "purpose": "cursus"},
        )
        self.questionnaire = Questionnaire.objects.get(title="Evaluatie cursus")

    def add(self, **data):
        values = {"text": "Was het nuttig?", "kind": "janee", "scale_min": 1, "scale_max": 10}
        values.update(data)
        return self.client.post(
            reverse("surveys:question_create", args=[self.questionnaire.pk]), values
        )

    def test_only_national_staff_build_and_others_get_404(self):
        for url in [
            reverse("surveys:questionnaire_list"),
            reverse("surveys:questionnaire_detail", args=[self.questionnaire.pk]),
            reverse("surveys:question_create", args=[self.questionnaire.pk]),
            reverse("surveys:round_create", args=[self.questionnaire.pk]),
            reverse("surveys:panel"),
        ]:
            self.assertNotFoundFor([self.carla, self.vince, self.otto, self.nina], "get", url)
        self.login(self.bea)
        self.assertEqual(
            self.client.get(
                reverse("surveys:questionnaire_detail", args=[self.questionnaire.pk])
            ).status_code,
            200,
        )

    def test_questions_with_conditions_keep_their_order(self):
        self.add(text="Heb je meegedaan?")
        first = Question.objects.get(text="Heb je meegedaan?")
        response = self.add(
            text="Wat vond je ervan?", kind="lang", condition_question=first.pk,
            condition_text="misschien",
        )  # fmt: skip
        self.assertContains(
            response, "Kies bij de voorwaarde één of meer antwoorden", status_code=400
        )
        self.add(
            text="Wat vond je ervan?", kind="lang", condition_question=first.pk, condition_text="ja"
        )
        second = Question.objects.get(text="Wat vond je ervan?")
        self.assertEqual(second.condition_values, ["ja"])
        response = self.add(text="Kies", kind="een", options_text="alleen één")
        self.assertContains(response, "minstens twee antwoorden", status_code=400)
        # Moving the dependent question above its condition is refused.
        move = reverse("surveys:question_move", args=[self.questionnaire.pk, second.pk])
        response = self.client.post(move, {"richting": "omhoog"}, follow=True)
        self.assertContains(response, "hangt af van ‘Heb je meegedaan?’")
        self.assertEqual(
            list(self.questionnaire.questions.values_list("pk", flat=True)), [first.pk, second.pk]
        )
        # Deleting the condition question is refused; the dependant first.
        delete = reverse("surveys:question_delete", args=[self.questionnaire.pk, first.pk])
        response = self.client.post(delete, follow=True)
        self.assertContains(response, "Deze vraag kan niet weg")
        self.assertTrue(Question.objects.filter(pk=first.pk).exists())
        # An edit cannot point the condition at a later question.
        edit = reverse("surveys:question_edit", args=[self.questionnaire.pk, first.pk])
        response = self.client.post(
            edit, {"text": "Heb je meegedaan?", "kind": "janee", "scale_min": 1,
                   "scale_max": 10, "condition_question": second.pk, "condition_text": "ja"},
        )  # fmt: skip
        self.assertContains(response, "Selecteer een geldige keuze", status_code=400)
        preview = self.client.get(
            reverse("surveys:questionnaire_preview", args=[self.questionnaire.pk])
        )
        self.assertContains(preview, "Alleen als ‘Heb je meegedaan?’ is beantwoord met: ja")

    def test_a_sent_questionnaire_is_copied_not_changed(self):
        self.add(text="Heb je meegedaan?")
        first = Question.objects.get(text="Heb je meegedaan?")
        self.add(text="Waarom?", kind="lang", condition_question=first.pk, condition_text="nee")
        response = self.client.post(
            reverse("surveys:round_create", args=[self.questionnaire.pk]),
            {"title": "Maart", "audience": "mensen", "closes_on": timezone.localdate().isoformat(),
             "people_text": "Ans, ans@example.org\nBen, geen-adres"},
        )  # fmt: skip
        self.assertContains(response, "Regel 2: ‘geen-adres’ is geen e-mailadres.", status_code=400)
        self.assertFalse(self.questionnaire.rounds.exists())
        response = self.client.post(
            reverse("surveys:round_create", args=[self.questionnaire.pk]),
            {"title": "Maart", "audience": "mensen", "closes_on": timezone.localdate().isoformat(),
             "people_text": "Ans, ans@example.org\nBen de Vries, ben@example.org"},
            follow=True,
        )  # fmt: skip
        self.assertContains(response, "2 uitnodigingen, 2 per e-mail verstuurd")
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("/vragenlijst/", mail.outbox[0].body)
        # Now it is locked: editing is refused, a new version copies keys and conditions.
        response = self.add(text="Nog een vraag")
        self.assertContains(response, "Deze vragenlijst is al verstuurd", status_code=400)
        response = self.client.post(
            reverse("surveys:questionnaire_new_version", args=[self.questionnaire.pk]), follow=True
        )
        copy = Questionnaire.objects.get(version=2)
        self.assertEqual(copy.family_id, self.questionnaire.pk)
        waarom = copy.questions.get(text="Waarom?")
        self.assertEqual(waarom.condition_question.questionnaire, copy)
        self.assertEqual(
            set(copy.questions.values_list("key", flat=True)),
            set(self.questionnaire.questions.values_list("key", flat=True)),
        )
        self.assertContains(response, "Versie 2 is gemaakt")

    def test_a_round_closing_in_the_past_is_refused(self):
        self.add()
        response = self.client.post(
            reverse("surveys:round_create", args=[self.questionnaire.pk]),
            {"title": "Oud", "audience": "mensen",
             "closes_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
             "people_text": "Ans, ans@example.org"},
        )  # fmt: skip
        self.assertContains(response, "De sluitdatum moet vandaag of later zijn.", status_code=400)


class RoundResultTests(BaseTestCase):
    def test_results_breakdown_export_reminders_and_access(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        a = survey_round.invitations.get(group=self.group_a)
        answer(a, {"activiteit": 8, "gezelligheid": True, "themabijeenkomsten": False,
                   "belangenbehartiging": False, "tevreden_niet": True, "signalen": False,
                   "themas": "Vervoer"})  # fmt: skip
        self.login(self.sanne)
        url = reverse("surveys:round_detail", args=[survey_round.pk])
        page = self.client.get(url)
        self.assertContains(page, "1 van de 2 hebben geantwoord (50%)")
        self.assertContains(page, "<svg")
        self.assertContains(page, "Vervoer")
        question = survey_round.questionnaire.questions.get(key="gezelligheid")
        split = self.client.get(url, {"uitsplitsen": "groep", "vraag": question.pk})
        # Member groups answering under their own name are outside the respondent threshold
        # (disclosure.applies): staff see each group's answers anyway.
        rows = {name: cells for name, cells, _n in split.context["split"]["table"].rows}
        self.assertEqual(rows, {"Groep Amsterdam": [(1, 100), (0, 0)]})
        self.assertEqual(
            self.client.get(url, {"uitsplitsen": "groep", "vraag": 0}).status_code, 404
        )
        export = self.client.get(reverse("surveys:round_export", args=[survey_round.pk, "csv"]))
        text = export.content.decode()
        self.assertIn("groep,naam,activiteit", text)
        self.assertIn("Groep Amsterdam", text)
        xlsx = self.client.get(reverse("surveys:round_export", args=[survey_round.pk, "xlsx"]))
        self.assertEqual(xlsx.content[:2], b"PK")
        for target in [url, reverse("surveys:round_overview", args=[survey_round.pk])]:
            self.assertNotFoundFor([self.carla, self.otto, self.nina], "get", target)
        # Reminders: a week after the invitation, to whom has not finished (B's coordinator).
        Invitation.objects.update(sent_at=timezone.now() - timedelta(days=8))
        mail.outbox.clear()
        call_command("send_survey_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual([m.to for m in mail.outbox], [[self.bram.email]])
        self.assertIn("nog niet helemaal ingevuld", mail.outbox[0].body)
        mail.outbox.clear()
        call_command("send_survey_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual(mail.outbox, [])  # not again within the week
        # Closing ends answering.
        self.login(self.sanne)
        self.client.post(reverse("surveys:round_close", args=[survey_round.pk]))
        b = survey_round.invitations.get(group=self.group_b)
        self.client.logout()
        response = self.client.get(reverse("surveys:respond_start", args=[b.token]))
        self.assertEqual(response.status_code, 410)


class KindTests(BaseTestCase):
    def test_every_kind_of_question_can_be_added(self):
        self.login(self.sanne)
        self.client.post(
            reverse("surveys:questionnaire_create"),
            {"title": "Alles", "purpose": "anders", "anonymous": "on"},
        )
        questionnaire = Questionnaire.objects.get(title="Alles")
        for kind in Kind.values:
            response = self.client.post(
                reverse("surveys:question_create", args=[questionnaire.pk]),
                {"text": f"Vraag {kind}", "kind": kind, "scale_min": 1, "scale_max": 5,
                 "options_text": "een\ntwee", "rows_text": "rij"},
            )  # fmt: skip
            self.assertEqual(response.status_code, 302, kind)
        self.assertEqual(questionnaire.questions.count(), len(Kind.values))


class OtherOrganisationTests(BaseTestCase):
    def test_staff_of_another_organisation_get_404_for_everything_of_this_one(self):
        from samensterk.accounts.models import OrganisationMembership, OrganisationRole
        from samensterk.test import make_user

        olga = make_user("olga@example.org", "Olga Omega")
        OrganisationMembership.objects.create(
            user=olga, organisation=self.omega, role=OrganisationRole.STAFF
        )
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a])
        questionnaire = survey_round.questionnaire
        question = questionnaire.questions.first()
        invitation = survey_round.invitations.get()
        for method, url in [
            ("get", reverse("surveys:questionnaire_detail", args=[questionnaire.pk])),
            ("get", reverse("surveys:questionnaire_preview", args=[questionnaire.pk])),
            ("get", reverse("surveys:questionnaire_edit", args=[questionnaire.pk])),
            ("post", reverse("surveys:questionnaire_new_version", args=[questionnaire.pk])),
            ("get", reverse("surveys:question_edit", args=[questionnaire.pk, question.pk])),
            ("post", reverse("surveys:question_delete", args=[questionnaire.pk, question.pk])),
            ("get", reverse("surveys:round_create", args=[questionnaire.pk])),
            ("get", reverse("surveys:round_detail", args=[survey_round.pk])),
            ("get", reverse("surveys:round_overview", args=[survey_round.pk])),
            ("get", reverse("surveys:round_export", args=[survey_round.pk, "csv"])),
            ("post", reverse("surveys:round_close", args=[survey_round.pk])),
            ("get", reverse("surveys:group_monitoring", args=[self.group_a.slug])),
        ]:
            self.assertNotFoundFor([olga], method, url)
        self.login(olga)
        listing = self.client.get(reverse("surveys:questionnaire_list"))
        self.assertNotContains(listing, "Monitor 2016")
        self.assertNotContains(listing, "Monitor lokale belangenbehartiging")
        self.assertIsNone(Invitation.objects.get(pk=invitation.pk).round.closed_at)
