"""The smaller points of the monitor: the overview only for the template, installing it once,
numbers in Excel, themes counted, reminders only to groups that did not answer, and a round
closed early saying so."""

import io
from datetime import timedelta

from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samensterk.surveys import monitoring, services
from samensterk.surveys.models import Invitation, Purpose, Question, Questionnaire
from samensterk.surveys.notifications import send_reminders
from samensterk.test import BaseTestCase

from .factories import answer, monitoring_round

BASE = {"activiteit": 6, "gezelligheid": True, "themabijeenkomsten": False,
        "belangenbehartiging": False, "tevreden_niet": True, "signalen": False}  # fmt: skip
OVERVIEW = "Overzicht zoals in het verslag"


class OverviewOnlyForTheTemplateTests(BaseTestCase):
    def test_a_hand_made_monitoring_questionnaire_gets_no_overview(self):
        own = Questionnaire.objects.create(
            organisation=self.alfa, title="Eigen monitor", purpose=Purpose.MONITORING,
            anonymous=False,
        )  # fmt: skip
        Question.objects.create(questionnaire=own, key="cijfer", kind="schaal", text="Cijfer?",
                                scale_min=1, scale_max=10, position=0)  # fmt: skip
        survey_round = services.round_open(
            own, user=self.sanne, title="Eigen ronde", audience="groepen",
            closes_on=timezone.localdate() + timedelta(days=9), groups=[self.group_a],
        )  # fmt: skip
        self.login(self.sanne)
        page = self.client.get(survey_round.get_absolute_url())
        self.assertNotContains(page, OVERVIEW)
        url = reverse("surveys:round_overview", args=[survey_round.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_the_template_and_its_new_versions_get_the_overview(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a])
        self.login(self.sanne)
        self.assertContains(self.client.get(survey_round.get_absolute_url()), OVERVIEW)
        version = services.new_version(survey_round.questionnaire, user=self.sanne)
        later = services.round_open(
            version, user=self.sanne, title="Later", audience="groepen",
            closes_on=timezone.localdate() + timedelta(days=9), groups=[self.group_a],
        )  # fmt: skip
        self.assertContains(self.client.get(later.get_absolute_url()), OVERVIEW)
        url = reverse("surveys:round_overview", args=[later.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertNotFoundFor([self.carla, self.otto, self.nina], "get", url)


class InstallOnceTests(BaseTestCase):
    def test_adding_the_monitor_twice_gives_the_same_one(self):
        self.login(self.sanne)
        url = reverse("surveys:install_monitoring")
        first = self.client.post(url)
        second = self.client.post(url, follow=True)
        self.assertEqual(Questionnaire.objects.filter(organisation=self.alfa).count(), 1)
        questionnaire = Questionnaire.objects.get(organisation=self.alfa)
        self.assertRedirects(first, questionnaire.get_absolute_url())
        self.assertRedirects(second, questionnaire.get_absolute_url())
        self.assertContains(second, "was al toegevoegd")
        self.assertEqual(monitoring.install_template(self.alfa), (questionnaire, False))

    def test_the_database_refuses_a_second_template_of_one_organisation(self):
        monitoring.install_template(self.alfa)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Questionnaire.objects.create(organisation=self.alfa, title="x", template="monitor")
        Questionnaire.objects.create(organisation=self.alfa, title="y")  # hand-made: any number
        Questionnaire.objects.create(organisation=self.alfa, title="z")


class ExcelNumbersTests(BaseTestCase):
    def test_numbers_are_number_cells(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        answer(survey_round.invitations.get(group=self.group_a), {**BASE, "activiteit": 8})
        self.login(self.sanne)
        url = reverse("surveys:round_export", args=[survey_round.pk, "xlsx"])
        sheet = load_workbook(io.BytesIO(self.client.get(url).content)).worksheets[0]
        header, row = list(sheet.iter_rows())
        cells = {column.value: cell for column, cell in zip(header, row, strict=True)}
        self.assertEqual((cells["activiteit"].data_type, cells["activiteit"].value), ("n", 8))
        self.assertEqual((cells["antwoord"].data_type, cells["antwoord"].value), ("n", 1))
        self.assertTrue(cells["ingevuld_op"].is_date)
        self.assertEqual(cells["gezelligheid"].data_type, "s")
        csv_text = self.client.get(
            reverse("surveys:round_export", args=[survey_round.pk, "csv"])
        ).content.decode()
        self.assertIn(",8,", csv_text)

    @override_settings(SURVEY_RESPONDENT_THRESHOLD=5)
    def test_counts_percentages_and_averages_of_a_protected_round_are_numbers(self):
        groups = [self.group_a, self.group_b, self.group_x]
        survey_round = monitoring_round(self.alfa, self.sanne, groups)
        Questionnaire.objects.filter(pk=survey_round.questionnaire_id).update(anonymous=True)
        for index in range(5):  # one group invited five times: the count is what matters
            invitation = Invitation.objects.create(
                round=survey_round, name=f"Iemand {index}", email=f"i{index}@x.example",
                nonce=f"n{index}",
            )  # fmt: skip
            answer(invitation, {**BASE, "activiteit": 5 + index % 2})
        self.login(self.sanne)
        url = reverse("surveys:round_export", args=[survey_round.pk, "xlsx"])
        sheet = load_workbook(io.BytesIO(self.client.get(url).content)).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(min_row=2)]
        respondents = rows[0]
        self.assertEqual((respondents[2].data_type, respondents[2].value), ("n", 5))
        average = next(r for r in rows if r[0].value == "activiteit" and r[1].value == "gemiddeld")
        self.assertEqual((average[2].data_type, average[2].value), ("n", 5.4))
        count = next(r for r in rows if r[0].value == "gezelligheid" and r[1].value == "ja")
        self.assertEqual([count[2].value, count[3].value], [5, 100])
        self.assertEqual({count[2].data_type, count[3].data_type}, {"n"})


class ThemesCountedTests(BaseTestCase):
    def test_the_overview_counts_the_groups_naming_each_theme(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        answer(survey_round.invitations.get(group=self.group_a),
               {**BASE, "themas": "Vervoer\n- PGB\nvervoer"})  # fmt: skip
        answer(survey_round.invitations.get(group=self.group_b), {**BASE, "themas": "pgb"})
        self.login(self.sanne)
        page = self.client.get(reverse("surveys:round_overview", args=[survey_round.pk]))
        text = " ".join(page.content.decode().split())
        self.assertIn("<td>PGB</td><td>2</td>", text)
        self.assertIn("<td>Vervoer</td><td>1</td>", text)
        self.assertLess(text.index("<td>PGB</td>"), text.index("<td>Vervoer</td>"))

    @override_settings(SURVEY_RESPONDENT_THRESHOLD=5)
    def test_under_the_rule_rare_themes_are_not_shown_on_their_own(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a])
        Questionnaire.objects.filter(pk=survey_round.questionnaire_id).update(anonymous=True)
        survey_round.refresh_from_db()
        texts = ["Wmo\nDementie"] * 5 + ["Wmo\nErfrecht", "Wmo"]
        self.assertEqual(
            monitoring.theme_counts(survey_round, texts), ([("Wmo", 7), ("Dementie", 5)], True)
        )
        texts += ["Erfrecht", "Regiotaxi", "Onderwijs\nregiotaxi", "Wlz"]
        rows, left_out = monitoring.theme_counts(survey_round, texts)
        self.assertEqual(rows, [("Wmo", 7), ("Dementie", 5), ("andere thema's", 5)])
        self.assertFalse(left_out)


class RemindersTests(BaseTestCase):
    def test_only_groups_that_did_not_answer_are_mailed(self):
        groups = [self.group_a, self.group_b, self.group_x]
        survey_round = monitoring_round(self.alfa, self.sanne, groups)
        # Group A's answers were taken by phone before any mail went out; group X answered
        # after the invitation; group B did neither.
        answer(survey_round.invitations.get(group=self.group_a), BASE)
        long_ago = timezone.now() - timedelta(days=8)
        survey_round.invitations.filter(group=self.group_x).update(sent_at=long_ago)
        answer(survey_round.invitations.get(group=self.group_x), BASE)
        mail.outbox = []
        self.assertEqual(send_reminders(), (1, 0))  # the invitation to B, nothing to A or X
        self.assertEqual([m.to for m in mail.outbox], [[self.bram.email]])
        survey_round.invitations.filter(group=self.group_b).update(sent_at=long_ago)
        mail.outbox = []
        self.assertEqual(send_reminders(), (1, 0))  # a week on: B reminded, A and X not
        self.assertEqual([m.to for m in mail.outbox], [[self.bram.email]])
        self.assertIn("nog niet helemaal ingevuld", mail.outbox[0].body)
        reminded = survey_round.invitations.filter(reminded_at__isnull=False)
        self.assertEqual([i.group for i in reminded], [self.group_b])


class ClosedEarlyTests(BaseTestCase):
    def test_a_round_closed_early_says_when_it_closed(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        self.login(self.sanne)
        self.client.post(reverse("surveys:round_close", args=[survey_round.pk]))
        survey_round.refresh_from_db()
        today = timezone.localdate()
        self.assertEqual(survey_round.closed_early_on, today)
        self.client.logout()
        invitation = survey_round.invitations.get(group=self.group_b)
        page = self.client.get(invitation.get_absolute_url())
        self.assertEqual(page.status_code, 410)
        text = " ".join(page.content.decode().split())
        self.assertIn(f"De vragenlijst is op {today.day} ", text)
        self.assertNotIn("Je kon antwoorden tot en met", text)
        self.login(self.sanne)
        self.assertContains(self.client.get(survey_round.get_absolute_url()), "Gesloten op ")

    def test_a_round_past_its_date_keeps_its_date(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a])
        survey_round.closes_on = timezone.localdate() - timedelta(days=1)
        survey_round.save(update_fields=["closes_on"])
        page = self.client.get(survey_round.invitations.get().get_absolute_url())
        self.assertContains(page, "Je kon antwoorden tot en met", status_code=410)
        self.assertIsNone(survey_round.closed_early_on)
