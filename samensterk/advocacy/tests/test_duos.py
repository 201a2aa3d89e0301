from django.urls import reverse

from samensterk.advocacy.models import Duo, DuoEvaluation, Presentation
from samensterk.test import BaseTestCase

ANSWERS = {
    "feeling_score": "goed", "role_score": "gaat_wel", "contribution_score": "goed",
    "together_score": "niet_goed", "feeling": "Zenuwachtig, en daarna trots.",
    "went_well": "Mijn verhaal.", "better": "Langzamer praten.", "pitfalls": "Te snel willen.",
}  # fmt: skip


class DuoTests(BaseTestCase):
    def test_a_duo_prepares_with_a_run_sheet_and_both_evaluate(self):
        self.login(self.vince)
        response = self.client.post(
            reverse("advocacy:duo_list"),
            {"person_with": "Ellis", "person_without": "Ineke"},
            follow=True,
        )
        self.assertContains(response, "Een gezamenlijk uitdagend doel.")
        duo = Duo.objects.get()
        self.assertEqual(duo.group, self.group_a)
        response = self.client.post(
            duo.get_absolute_url(),
            {"title": "Wonen met begeleiding", "date": "2027-05-12", "audience": "Wmo-raad",
             "agreements": "Als ik vastloop, stelt Ineke een vraag."},
            follow=True,
        )  # fmt: skip
        presentation = Presentation.objects.get()
        for what, who, minutes in [("Wie zijn wij?", "samen", 5), ("Mijn verhaal", "met", 10)]:
            self.client.post(
                presentation.get_absolute_url(), {"what": what, "who": who, "minutes": minutes}
            )
        page = self.client.get(presentation.get_absolute_url())
        self.assertContains(page, "Mijn verhaal")
        self.assertEqual(page.context["total_minutes"], 15)
        # The run sheet names the two, not "de persoon met een beperking / de ander".
        self.assertContains(page, '<option value="met">Ellis</option>', html=True)
        self.assertContains(page, '<option value="samen">Ellis en Ineke samen</option>', html=True)
        self.assertNotContains(page, "de persoon met een beperking")
        url = reverse("advocacy:evaluation", args=[presentation.pk, "met"])
        form = self.client.get(url)
        # Easy questions with the two names; faces as radio buttons with visible words.
        self.assertContains(form, "Hoe ging de presentatie voor Ellis?")
        self.assertContains(form, "Hoe ging het samenwerken met Ineke?")
        self.assertContains(form, "<span>gaat wel</span>", html=True)
        self.assertContains(form, 'type="radio" name="feeling_score" value="niet_goed"')
        # Only the faces are needed; every text may stay empty.
        response = self.client.post(url, {"feeling": ""})
        self.assertContains(response, "Kies een van de drie gezichten.", status_code=400)
        self.assertNotContains(response, "Dit veld is verplicht.", status_code=400)
        faces_only = {k: v for k, v in ANSWERS.items() if k.endswith("_score")}
        self.client.post(url, faces_only)
        self.assertEqual(DuoEvaluation.objects.get(who="met").went_well, "")
        DuoEvaluation.objects.all().delete()
        self.client.post(url, ANSWERS)
        self.client.post(reverse("advocacy:evaluation", args=[presentation.pk, "zonder"]), ANSWERS)
        self.assertEqual(DuoEvaluation.objects.count(), 2)
        response = self.client.post(
            reverse("advocacy:evaluation", args=[presentation.pk, "met"]), ANSWERS, follow=True
        )
        self.assertContains(response, "al ingevuld")
        self.assertEqual(DuoEvaluation.objects.count(), 2)
        # Read back with the names, the faces' words and what was written.
        page = self.client.get(presentation.get_absolute_url())
        self.assertContains(page, "Was de taak van Ineke duidelijk?")
        self.assertContains(page, "<strong>niet goed</strong>", html=True)
        self.assertContains(page, "Zenuwachtig, en daarna trots.")
        self.assertEqual(
            self.client.get(
                reverse("advocacy:evaluation", args=[presentation.pk, "x"])
            ).status_code,
            404,
        )
        for url in [duo.get_absolute_url(), presentation.get_absolute_url(),
                    reverse("advocacy:evaluation", args=[presentation.pk, "met"])]:  # fmt: skip
            self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)


class RunSheetTests(BaseTestCase):
    def setUp(self):
        from samensterk.advocacy import services

        self.duo = Duo.objects.create(
            organisation=self.alfa, group=self.group_a, person_with="Ellis", person_without="Ineke"
        )
        self.presentation = Presentation.objects.create(
            duo=self.duo, title="Wonen", date="2027-05-12"
        )
        self.parts = [
            services.part_add(self.presentation, what=what, who="samen", minutes=5)
            for what in ["Begin", "Midden", "Eind"]
        ]
        self.login(self.vince)

    def order(self):
        return list(self.presentation.parts.values_list("what", flat=True))

    def test_reorder_with_buttons(self):
        begin, midden, eind = self.parts
        move = reverse("advocacy:part_move", args=[self.presentation.pk, eind.pk])
        self.assertContains(self.client.get(self.presentation.get_absolute_url()), move)
        response = self.client.post(move, {"richting": "omhoog"})
        self.assertRedirects(
            response, self.presentation.get_absolute_url() + f"#onderdeel-{eind.pk}",
            fetch_redirect_response=False,
        )  # fmt: skip
        self.assertEqual(self.order(), ["Begin", "Eind", "Midden"])
        self.client.post(
            reverse("advocacy:part_move", args=[self.presentation.pk, begin.pk]),
            {"richting": "omlaag"},
        )
        self.assertEqual(self.order(), ["Eind", "Begin", "Midden"])
        # Past the top: nothing changes.
        self.client.post(move, {"richting": "omhoog"})
        self.client.post(move, {"richting": "omhoog"})
        self.assertEqual(self.order(), ["Eind", "Begin", "Midden"])
        self.assertEqual(self.client.post(move, {"richting": "opzij"}).status_code, 404)
        self.assertEqual(self.client.get(move).status_code, 405)

    def test_change_and_remove_after_confirmation(self):
        midden = self.parts[1]
        edit = reverse("advocacy:part_edit", args=[self.presentation.pk, midden.pk])
        page = self.client.get(edit)
        self.assertContains(page, '<option value="zonder">Ineke</option>', html=True)
        response = self.client.post(edit, {"what": "", "who": "met", "minutes": 5})
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.client.post(edit, {"what": "Ellis vertelt", "who": "met", "minutes": 8})
        midden.refresh_from_db()
        self.assertEqual((midden.what, midden.who, midden.minutes), ("Ellis vertelt", "met", 8))
        delete = reverse("advocacy:part_delete", args=[self.presentation.pk, midden.pk])
        self.assertContains(self.client.get(delete), "Ellis vertelt weghalen?")
        self.assertEqual(len(self.order()), 3)
        response = self.client.post(delete, follow=True)
        self.assertContains(response, "Het onderdeel is uit het draaiboek gehaald.")
        self.assertEqual(self.order(), ["Begin", "Eind"])
        self.assertEqual(list(self.presentation.parts.values_list("position", flat=True)), [0, 1])

    def test_other_groups_get_404(self):
        part = self.parts[0]
        for name, method in [
            ("advocacy:part_edit", "get"),
            ("advocacy:part_move", "post"),
            ("advocacy:part_delete", "get"),
            ("advocacy:part_delete", "post"),
        ]:
            url = reverse(name, args=[self.presentation.pk, part.pk])
            self.assertNotFoundFor(
                [self.bram, self.otto, self.nina], method, url, {"richting": "omlaag"}
            )
        self.assertEqual(len(self.order()), 3)
        self.assertEqual(self.order()[0], "Begin")


class EvaluationMigrationTests(BaseTestCase):
    def test_plain_yes_and_no_become_faces_other_text_stays(self):
        import importlib

        from django.apps import apps

        migration = importlib.import_module("samensterk.advocacy.migrations.0002_evaluation_faces")
        duo = Duo.objects.create(
            organisation=self.alfa, group=self.group_a, person_with="Ellis", person_without="Ineke"
        )
        presentation = Presentation.objects.create(duo=duo, title="Wonen", date="2027-05-12")
        old = DuoEvaluation.objects.create(
            presentation=presentation, who="met", feeling="Trots.", role_clear="Ja.",
            contribution="Nee", went_well="Alles.",
        )  # fmt: skip
        unclear = DuoEvaluation.objects.create(
            presentation=presentation, who="zonder", role_clear="Ja, maar laat.", contribution=""
        )
        migration.faces_from_yes_no(apps, None)
        old.refresh_from_db()
        unclear.refresh_from_db()
        self.assertEqual((old.role_score, old.contribution_score), ("goed", "niet_goed"))
        self.assertEqual((old.feeling_score, old.role_clear), ("", "Ja."))
        self.assertEqual((unclear.role_score, unclear.contribution_score), ("", ""))
