"""Trainers changed, switched off and removed (with a confirmation, refused when sessions
depend on them), in the product and the admin; coordinators follow their members' courses."""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from samensterk.courses.models import Registration, Trainer
from samensterk.test import BaseTestCase

from .factories import course, session, trainer


class TrainerListTests(BaseTestCase):
    def setUp(self):
        self.course = course(self.alfa)
        self.tineke = trainer(self.alfa, "Tineke", self.course)
        self.login(self.sanne)

    def test_change_and_switch_off_keeps_history(self):
        url = reverse("courses:trainer_edit", args=[self.tineke.pk])
        self.assertContains(self.client.get(reverse("courses:trainers")), url)
        response = self.client.post(url, {"name": "", "qualified_for": [self.course.pk]})
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        response = self.client.post(
            url, {"name": "Tineke de Vries", "email": "tineke@example.org",
                  "qualified_for": [self.course.pk]},
        )  # fmt: skip
        self.assertRedirects(response, reverse("courses:trainers"))
        self.tineke.refresh_from_db()
        self.assertEqual(self.tineke.name, "Tineke de Vries")
        self.assertFalse(self.tineke.active)  # the box was not ticked: switched off
        # Switched off: no longer a choice when planning a session.
        form = self.client.get(reverse("courses:session_create"))
        self.assertNotContains(form, "Tineke de Vries")
        entry = LogEntry.objects.get(object_id=str(self.tineke.pk))
        self.assertEqual(entry.user, self.sanne)
        self.assertIn("Actief gewijzigd", entry.get_change_message())

    def test_remove_after_confirmation(self):
        henk = trainer(self.alfa, "Henk", self.course)
        url = reverse("courses:trainer_delete", args=[henk.pk])
        page = self.client.get(url)
        self.assertContains(page, "Henk weghalen?")
        self.assertTrue(Trainer.objects.filter(pk=henk.pk).exists())  # the GET removes nothing
        response = self.client.post(url, follow=True)
        self.assertContains(response, "Henk is weggehaald.")
        self.assertFalse(Trainer.objects.filter(pk=henk.pk).exists())

    def test_remove_refused_when_sessions_depend_on_it(self):
        given = session(self.course, days=-5)
        given.trainers.add(self.tineke)
        url = reverse("courses:trainer_delete", args=[self.tineke.pk])
        page = self.client.get(url)
        self.assertContains(page, "Weghalen kan daarom niet")
        self.assertNotContains(page, "Ja, weghalen")
        response = self.client.post(url)
        self.assertContains(response, "Zet de trainer op ‘niet actief’", status_code=400)
        self.assertTrue(Trainer.objects.filter(pk=self.tineke.pk).exists())
        self.assertNotContains(
            self.client.get(reverse("courses:trainer_edit", args=[self.tineke.pk])),
            "Trainer weghalen",
        )

    def test_others_get_404(self):
        for name in ["courses:trainer_edit", "courses:trainer_delete"]:
            url = reverse(name, args=[self.tineke.pk])
            for method in ["get", "post"]:
                self.assertNotFoundFor([self.carla, self.otto, self.nina], method, url)
        self.assertTrue(Trainer.objects.filter(pk=self.tineke.pk).exists())

    def test_admin(self):
        given = trainer(self.alfa, "Gerrit", self.course)
        session(self.course, days=3).trainers.add(given)
        self.login(self.bea)
        self.assertEqual(
            self.client.get(reverse("admin:courses_trainer_changelist")).status_code, 200
        )
        change = reverse("admin:courses_trainer_change", args=[self.tineke.pk])
        self.assertContains(self.client.get(change), "Tineke")
        self.assertEqual(
            self.client.get(reverse("admin:courses_trainer_delete", args=[given.pk])).status_code,
            404,
        )
        self.client.post(reverse("admin:courses_trainer_delete", args=[self.tineke.pk]),
                         {"post": "yes"})  # fmt: skip
        self.assertFalse(Trainer.objects.filter(pk=self.tineke.pk).exists())
        other = trainer(self.omega, "Olaf")
        self.assertEqual(
            self.client.get(reverse("admin:courses_trainer_change", args=[other.pk])).status_code,
            404,
        )


class MemberCoursesTests(BaseTestCase):
    def setUp(self):
        self.course = course(self.alfa)
        self.held = session(self.course, days=-3)
        self.coming = session(self.course, days=8)
        make = Registration.objects.create
        # Chose the group when registering / registered with a member's address / another group.
        make(session=self.held, name="Anna", email="anna@example.org", group=self.group_a,
             status="aangemeld", attended=True, nonce="a")  # fmt: skip
        make(session=self.coming, name="Vince", email="VINCE@example.org", status="wachtlijst",
             nonce="v")  # fmt: skip
        make(session=self.held, name="Bert", email="bert@example.org", group=self.group_b,
             status="aangemeld", attended=False, nonce="b")  # fmt: skip

    def test_a_coordinator_sees_their_members_registrations_and_attendance(self):
        self.login(self.carla)
        response = self.client.get(reverse("courses:member_groups"))
        url = reverse("courses:member_registrations", args=["groep-a"])
        self.assertRedirects(response, url)
        page = self.client.get(url)
        self.assertContains(page, "Anna")
        self.assertContains(page, "Vince")
        self.assertContains(page, "Op de wachtlijst")
        self.assertNotContains(page, "Bert")
        self.assertContains(page, "<td>ja</td>", html=True)
        # In the main menu.
        self.assertContains(
            self.client.get(reverse("front:dashboard")), reverse("courses:member_groups")
        )

    def test_other_groups_and_volunteers_get_404(self):
        url = reverse("courses:member_registrations", args=["groep-a"])
        self.assertNotFoundFor([self.bram, self.otto, self.vince, self.nina], "get", url)
        self.assertNotFoundFor([self.vince, self.nina], "get", reverse("courses:member_groups"))
        # Staff of the organisation see every group.
        self.login(self.sanne)
        self.assertContains(self.client.get(url), "Anna")
        # Staff still cannot manage sessions they do not own; a coordinator cannot manage any.
        self.assertNotFoundFor(
            [self.carla], "get", reverse("courses:session_detail", args=[self.held.pk])
        )

    def test_attendance_cannot_be_marked_before_the_start(self):
        from django.core.exceptions import ValidationError

        from samensterk.courses import services

        with self.assertRaisesMessage(ValidationError, "nog niet begonnen"):
            services.attendance_save(self.coming, set(), now=timezone.now())
        services.attendance_save(
            self.coming, set(), now=self.coming.starts_at + timedelta(minutes=1)
        )
