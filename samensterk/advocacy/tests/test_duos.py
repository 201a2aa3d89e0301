from django.urls import reverse

from samensterk.advocacy.models import Duo, DuoEvaluation, Presentation
from samensterk.test import BaseTestCase

ANSWERS = {
    "feeling": "Zenuwachtig, en daarna trots.", "role_clear": "Ja.", "went_well": "Mijn verhaal.",
    "better": "Langzamer praten.", "contribution": "Ja.", "pitfalls": "Te snel willen.",
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
        response = self.client.post(
            reverse("advocacy:evaluation", args=[presentation.pk, "met"]), {"feeling": ""}
        )
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.client.post(reverse("advocacy:evaluation", args=[presentation.pk, "met"]), ANSWERS)
        self.client.post(reverse("advocacy:evaluation", args=[presentation.pk, "zonder"]), ANSWERS)
        self.assertEqual(DuoEvaluation.objects.count(), 2)
        response = self.client.post(
            reverse("advocacy:evaluation", args=[presentation.pk, "met"]), ANSWERS, follow=True
        )
        self.assertContains(response, "al ingevuld")
        self.assertEqual(DuoEvaluation.objects.count(), 2)
        self.assertEqual(
            self.client.get(
                reverse("advocacy:evaluation", args=[presentation.pk, "x"])
            ).status_code,
            404,
        )
        for url in [duo.get_absolute_url(), presentation.get_absolute_url(),
                    reverse("advocacy:evaluation", args=[presentation.pk, "met"])]:  # fmt: skip
            self.assertNotFoundFor([self.bram, self.otto, self.nina], "get", url)
