"""The member-group monitoring template reproduces the figures of the seeds' `003` report when
its 32 answers are entered."""

from django.urls import reverse

from samensterk.surveys.models import Invitation
from samensterk.test import BaseTestCase

from .factories import answer, monitoring_round, more_groups

WHO_BOARD, WHO_COMMITTEE, WHO_MEMBER = (
    "Het bestuur",
    "Een commissie of een paar leden",
    "Een actief lid (het bestuur doet het niet)",
)
THEMES = [
    "participatie", "PGB", "belastingen", "Wlz", "onderwijs", "Wmo", "dementie", "erfrecht",
    "mentorschap", "vervoer naar school", "dagbesteding", "te weinig vrije tijd",
    "terugtrekken van de MEE organisaties", "kwaliteit van leven",
    "onafhankelijke cliënt ondersteuning", "schoolverlaters", "keukentafelgesprekken",
    "huishoudelijke hulp", "mensen met LVB", "locatie van de soos", "regiotaxi",
    "meepraten bij beleid", "aansluiten bij actualiteit",
]  # fmt: skip


def answers_003() -> list[dict]:
    """32 answers consistent with every figure in the 2016 report."""
    rows = []
    for i in range(32):
        doing = i < 23
        row = {
            "activiteit": 1 if i >= 28 else (6 if i % 2 else 7),
            "gezelligheid": i < 21,
            "themabijeenkomsten": i < 15,
            "belangenbehartiging": doing,
            "netwerk": i < 18,
            "signalen": i < 15,
        }
        if doing:
            row["tevreden_wel"] = i < 12
            if i >= 12:
                row["waarom_niet_tevreden"] = "Er is te weinig capaciteit."
            row["wie"] = (
                [WHO_BOARD, WHO_COMMITTEE]
                if i == 0
                else [WHO_BOARD]
                if i <= 15
                else [WHO_COMMITTEE]
                if i <= 21
                else [WHO_MEMBER]
            )
            row["zichtbaar"] = i < 9
            row["themas"] = THEMES[i]
        else:
            row["tevreden_niet"] = i < 27
            row["waarom_geen"] = "De focus ligt op gezelligheid."
        if i < 15:
            row["signalen_agenda"] = i == 0
        rows.append(row)
    return rows


class MonitoringReproductionTests(BaseTestCase):
    def test_the_overview_shows_the_figures_of_the_2016_report(self):
        groups = [self.group_a, self.group_b, *more_groups(self.alfa, 44)]
        survey_round = monitoring_round(self.alfa, self.sanne, groups)
        invitations = list(Invitation.objects.filter(round=survey_round).order_by("pk"))
        self.assertEqual(len(invitations), 46)
        for invitation, values in zip(invitations, answers_003(), strict=False):
            answer(invitation, values)
        self.login(self.sanne)
        page = self.client.get(reverse("surveys:round_overview", args=[survey_round.pk]))
        text = " ".join(page.content.decode().split())
        for expected in [
            "32 van de 46 ledengroepen hebben geantwoord (70%).",
            "gemiddeld een 5,8 op een schaal van 1 (slapend) tot 10 (maximaal actief)",
            "4 ledengroepen geven een 1.",
            "21 van de 32 (66%): organiseren ze",  # gezelligheidsactiviteiten
            "15 van de 32 (47%): organiseren ze",  # themabijeenkomsten
            "23 van de 32 (72%): doen eraan",
            "9 van de 32 (28%): niet",
            "12 van de 23 (52%): tevreden",
            "11 van de 23 (48%): niet tevreden",
            "16 van de 23 (70%): Het bestuur",
            "7 van de 23 (30%): Een commissie of een paar leden",
            "1 van de 23 (4%): Een actief lid (het bestuur doet het niet)",
            "5 van de 9 (56%): niet tevreden",
            "9 van de 32 (28%): ja",  # voldoende zichtbaar
            "14 van de 32 (44%): nee",  # niet voldoende zichtbaar
            "18 van de 32 (56%): ja",  # tevreden over het eigen netwerk
            "15 van de 32 (47%): ja",  # verzamelen signalen
            "14 van de 15 (93%): nee",  # niet standaard op de agenda
        ]:
            self.assertIn(expected, text)
        for theme in THEMES:
            self.assertIn(f"<td>{theme}</td><td>1</td>", text)

    def test_the_overview_says_so_when_no_group_gives_a_1_or_had_to_answer(self):
        survey_round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        invitations = list(Invitation.objects.filter(round=survey_round).order_by("pk"))
        for invitation, values in zip(invitations, answers_003()[:2], strict=True):
            answer(invitation, values)  # both active (6 or 7) and both doing advocacy
        self.login(self.sanne)
        page = self.client.get(reverse("surveys:round_overview", args=[survey_round.pk]))
        text = " ".join(page.content.decode().split())
        self.assertIn("Geen ledengroep geeft een 1.", text)
        self.assertNotIn("0 ledengroepen geven een 1.", text)
        # "Satisfied not doing advocacy" is asked only of groups that do none.
        self.assertIn("Geen ledengroep hoefde deze vraag te beantwoorden.", text)
        self.assertNotIn("0 van de 0", text)

    def test_a_group_sees_its_own_answers_over_the_rounds_and_no_other(self):
        first = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b], "Ronde 1")
        second = monitoring_round(self.alfa, self.sanne, [self.group_a], "Ronde 2")
        base = answers_003()
        answer(first.invitations.get(group=self.group_a), base[0])
        answer(first.invitations.get(group=self.group_b), {**base[30], "themas": "Geheim B"})
        answer(second.invitations.get(group=self.group_a), {**base[1], "activiteit": 9})
        url = reverse("surveys:group_monitoring", args=[self.group_a.slug])
        self.login(self.vince)
        page = self.client.get(url)
        self.assertContains(page, "Ronde 1")
        self.assertContains(page, "Ronde 2")
        self.assertNotContains(page, "Geheim B")
        self.login(self.sanne)
        self.assertContains(self.client.get(url), "Ronde 2")
        self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)
