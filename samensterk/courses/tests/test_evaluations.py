from django.core import mail
from django.urls import reverse

from samensterk.courses.models import CourseType, Registration, Trainer
from samensterk.surveys import services as survey_services
from samensterk.test import BaseTestCase

from .factories import course, session, trainer


class EvaluationTests(BaseTestCase):
    def setUp(self):
        self.course = course(self.alfa)
        self.tineke = trainer(self.alfa, "Tineke", self.course)
        self.login(self.sanne)

    def held(self, people, attended):
        past = session(self.course, days=-3, capacity=20)
        past.trainers.add(self.tineke)
        for name in people:
            Registration.objects.create(
                session=past, name=name, email=f"{name.lower()}@example.org", status="aangemeld",
                nonce="abc", attended=name in attended,
            )  # fmt: skip
        return past

    def test_sent_to_who_was_there_and_shown_per_course_and_trainer_suppressed(self):
        past = self.held(
            ["Anna", "Bert", "Cor", "Dirk", "Eva", "Fred", "Gijs"],
            attended=["Anna", "Bert", "Cor", "Dirk", "Eva", "Fred"],
        )
        empty = session(self.course, days=-10)
        response = self.client.post(
            reverse("courses:evaluation_send", args=[empty.pk]), follow=True
        )
        self.assertContains(response, "Vink eerst aan wie er waren")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("courses:evaluation_send", args=[past.pk]))
        past.refresh_from_db()
        self.assertEqual(past.evaluation.invitations.count(), 6)
        self.assertEqual(len(mail.outbox), 6)
        self.assertNotIn("gijs@example.org", [m.to[0] for m in mail.outbox])
        response = self.client.post(reverse("courses:evaluation_send", args=[past.pk]), follow=True)
        self.assertContains(response, "al verstuurd")
        invitations = list(past.evaluation.invitations.all())
        # Four answers: fewer than the threshold (5 here), nothing is shown, nor how many.
        for invitation, mark in zip(invitations[:4], [8, 9, 7, 8], strict=True):
            survey_services.answer_by_key(
                invitation, {"cijfer": mark, "geleerd": True, "trainer": 9}
            )
        with self.settings(SURVEY_RESPONDENT_THRESHOLD=5):
            page = self.client.get(reverse("courses:evaluations"))
            self.assertContains(page, "minder dan 5 antwoorden: niet getoond")
            self.assertNotContains(page, "Gemiddeld")
            # The round's own page: the same rule.
            own = self.client.get(reverse("surveys:round_detail", args=[past.evaluation_id]))
            self.assertContains(own, "Te weinig mensen hebben gereageerd (minder dan 5).")
            self.assertNotContains(own, "gemiddeld")
            self.assertNotContains(own, "Anna")  # anonymous: no list of who answered
            for invitation in invitations[4:]:
                survey_services.answer_by_key(
                    invitation, {"cijfer": 6, "geleerd": False, "trainer": 7}
                )
            page = self.client.get(reverse("courses:evaluations"))
            own = self.client.get(reverse("surveys:round_detail", args=[past.evaluation_id]))
        self.assertContains(page, "6 antwoorden")
        text = " ".join(page.content.decode().split())
        self.assertIn("Gemiddeld: 7,3", text)  # (8+9+7+8+6+6)/6
        self.assertIn("ja: 4 (67%)", text)  # above the threshold: exact, no "< 5"
        self.assertIn("nee: 2 (33%)", text)
        self.assertIn("Tineke", text)
        self.assertContains(own, "gemiddeld 7,3")
        # At the default threshold of 10, six answers show nothing.
        page = self.client.get(reverse("courses:evaluations"))
        self.assertContains(page, "minder dan 10 antwoorden: niet getoond")

    def test_a_train_the_trainer_puts_who_was_there_in_the_trainer_pool(self):
        ttt = CourseType.objects.create(
            organisation=self.alfa, name="Train-de-trainer", description="Trainer worden",
            is_train_the_trainer=True,
        )  # fmt: skip
        ttt.qualifies_for.set([self.course])
        held = session(ttt, days=-1)
        for name in ["Anna", "Bert"]:
            Registration.objects.create(
                session=held, name=name, email=f"{name.lower()}@example.org", status="aangemeld",
                nonce="abc",
            )  # fmt: skip
        anna = Registration.objects.get(name="Anna")
        page = self.client.post(
            reverse("courses:attendance", args=[held.pk]), {"aanwezig": [anna.pk]}, follow=True
        )
        self.assertContains(page, "In de trainerspool")
        self.assertEqual(list(Trainer.objects.get(name="Anna").qualified_for.all()), [self.course])
        self.assertFalse(Trainer.objects.filter(name="Bert").exists())

    def test_staff_make_and_change_a_course_type(self):
        response = self.client.post(
            reverse("courses:type_create"),
            {"name": "Wmo-commissie", "description": "Leren helpen bij het keukentafelgesprek."},
            follow=True,
        )
        self.assertContains(response, "Wmo-commissie")
        created = CourseType.objects.get(name="Wmo-commissie")
        self.assertEqual(created.organisation, self.alfa)
        self.assertNotFoundFor(
            [self.carla, self.otto], "get", reverse("courses:type_edit", args=[created.pk])
        )
        self.assertNotFoundFor([self.carla, self.otto], "get", reverse("courses:evaluations"))
