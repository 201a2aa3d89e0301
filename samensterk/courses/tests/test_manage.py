import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from samensterk.courses import services
from samensterk.courses.models import CourseType, Registration, Session
from samensterk.test import BaseTestCase

from .factories import course, session, trainer

FORMAT = "%Y-%m-%dT%H:%M"


class SessionPlanningTests(BaseTestCase):
    def setUp(self):
        self.course = course(self.alfa)
        self.duo = course(self.alfa, "Belangenbehartiging in duo's")
        self.tineke = trainer(self.alfa, "Tineke", self.course)
        self.login(self.sanne)

    def plan(self, start, hours=6, trainers=(), course_type=None):
        return self.client.post(
            reverse("courses:session_create"),
            {
                "course_type": (course_type or self.course).pk,
                "starts_at": timezone.localtime(start).strftime(FORMAT),
                "ends_at": timezone.localtime(start + timedelta(hours=hours)).strftime(FORMAT),
                "place": "Utrecht",
                "capacity": 12,
                "trainers": [t.pk for t in trainers],
            },
        )

    def test_trainers_only_where_qualified_and_never_twice_at_once(self):
        start = (timezone.now() + timedelta(days=20)).replace(minute=0, second=0, microsecond=0)
        response = self.plan(start, trainers=[self.tineke], course_type=self.duo)
        self.assertContains(
            response,
            "Tineke mag ‘Belangenbehartiging in duo&#x27;s’ (nog) niet geven",
            status_code=400,
        )
        self.assertFalse(Session.objects.exists())
        response = self.plan(start, trainers=[self.tineke])
        self.assertEqual(response.status_code, 302)
        response = self.plan(start + timedelta(hours=2), trainers=[self.tineke])
        self.assertContains(
            response, "Tineke geeft dan al ‘Lokale Belangenbehartiging’", status_code=400
        )
        self.assertEqual(Session.objects.count(), 1)
        response = self.plan(start, hours=-1)
        self.assertContains(response, "Het einde moet na het begin liggen.", status_code=400)
        response = self.client.post(
            reverse("courses:session_create"),
            {"course_type": self.course.pk, "starts_at": "morgen", "ends_at": "", "capacity": 0,
             "online_url": "geen link"},
        )  # fmt: skip
        self.assertContains(response, "Voer een geldige URL in.", status_code=400)

    def test_return_meetings_attendance_and_certificates(self):
        original = session(self.course, capacity=3)
        original.trainers.add(self.tineke)
        for name in ["Anna", "Bert", "Cor", "Dirk"]:
            services.register(original, name=name, email=f"{name.lower()}@example.org")
        url = reverse("courses:session_detail", args=[original.pk])
        page = self.client.get(url)
        self.assertContains(page, "3 van de 3 plekken bezet, 1 op de wachtlijst.")
        self.assertContains(page, "Wie er was, vul je in als de cursusdag begonnen is.")
        anna, bert = Registration.objects.filter(name__in=["Anna", "Bert"]).order_by("name")
        # Before the start nobody can have been there: a message, nothing stored.
        page = self.client.post(
            reverse("courses:attendance", args=[original.pk]),
            {"aanwezig": [anna.pk, bert.pk]},
            follow=True,
        )
        self.assertContains(page, "Deze cursusdag is nog niet begonnen.")
        self.assertFalse(Registration.objects.filter(attended__isnull=False).exists())
        Session.objects.filter(pk=original.pk).update(starts_at=timezone.now() - timedelta(hours=1))
        self.assertNotContains(
            self.client.get(url), "Wie er was, vul je in als de cursusdag begonnen is."
        )
        self.client.post(
            reverse("courses:attendance", args=[original.pk]), {"aanwezig": [anna.pk, bert.pk]}
        )
        self.assertEqual(
            set(Registration.objects.filter(attended=True).values_list("name", flat=True)),
            {"Anna", "Bert"},
        )
        pdf = self.client.get(reverse("courses:certificates", args=[original.pk]))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        self.assertIn("Anna", text)
        self.assertIn("Bert", text)
        self.assertNotIn("Cor", text)
        for n in range(3):
            start = original.starts_at + timedelta(days=30 * (n + 1))
            response = self.client.post(
                reverse("courses:follow_up", args=[original.pk]),
                {"starts_at": timezone.localtime(start).strftime(FORMAT),
                 "ends_at": timezone.localtime(start + timedelta(hours=3)).strftime(FORMAT)},
            )  # fmt: skip
            self.assertEqual(response.status_code, 302)
        follow_up = original.follow_ups.first()
        self.assertEqual(
            set(follow_up.registrations.values_list("name", flat=True)), {"Anna", "Bert", "Cor"}
        )
        self.assertEqual(list(follow_up.trainers.all()), [self.tineke])
        start = original.starts_at + timedelta(days=150)
        response = self.client.post(
            reverse("courses:follow_up", args=[original.pk]),
            {"starts_at": timezone.localtime(start).strftime(FORMAT),
             "ends_at": timezone.localtime(start + timedelta(hours=3)).strftime(FORMAT)},
            follow=True,
        )  # fmt: skip
        self.assertContains(response, "hoogstens drie terugkomdagen")
        self.assertEqual(original.follow_ups.count(), 3)

    def test_course_book_and_trainers(self):
        page = self.client.post(
            reverse("courses:type_detail", args=[self.course.pk]),
            {
                "title": "Stap 1: vogels spotten",
                "body": "Wie is wie in de gemeente?",
                "position": 1,
            },
            follow=True,
        )
        self.assertContains(page, "Stap 1: vogels spotten")
        page_obj = self.course.pages.get()
        edit = reverse("courses:page_edit", args=[self.course.pk, page_obj.pk])
        response = self.client.post(edit, {"title": "", "body": "x", "position": 1})
        self.assertContains(response, "Dit veld is verplicht.", status_code=400)
        self.client.post(
            edit,
            {
                "title": "Stap 1: vogels spotten",
                "body": "Wie is wie in de gemeente? Maak een lijst.",
                "position": 1,
            },
        )
        self.assertEqual(self.course.pages.get().body, "Wie is wie in de gemeente? Maak een lijst.")
        self.assertNotFoundFor([self.carla, self.otto], "get", edit)
        self.login(self.sanne)
        pdf = self.client.get(reverse("courses:course_book", args=[self.course.pk]))
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
        self.assertIn("vogels spotten", text)
        page = self.client.post(
            reverse("courses:trainers"),
            {"name": "Henk", "qualified_for": [self.duo.pk], "active": "on"},
            follow=True,
        )
        self.assertContains(page, "Henk")

    def test_others_get_404(self):
        from samensterk.accounts.models import OrganisationMembership, OrganisationRole
        from samensterk.test import make_user

        olga = make_user("olga@example.org", "Olga Omega")
        OrganisationMembership.objects.create(
            user=olga, organisation=self.omega, role=OrganisationRole.STAFF
        )
        original = session(self.course)
        for method, url in [
            ("get", reverse("courses:session_detail", args=[original.pk])),
            ("get", reverse("courses:session_edit", args=[original.pk])),
            ("post", reverse("courses:attendance", args=[original.pk])),
            ("post", reverse("courses:follow_up", args=[original.pk])),
            ("get", reverse("courses:certificates", args=[original.pk])),
            ("get", reverse("courses:type_detail", args=[self.course.pk])),
            ("get", reverse("courses:course_book", args=[self.course.pk])),
        ]:
            self.assertNotFoundFor([olga, self.carla, self.otto, self.nina], method, url)
        self.assertNotFoundFor([self.carla, self.nina], "get", reverse("courses:overview"))

    def test_only_staff_get_the_form_for_a_new_course_type(self):
        url = reverse("courses:type_create")
        for method in ["get", "post"]:
            self.assertNotFoundFor([self.vince, self.carla, self.nina], method, url, {"name": "X"})
        self.assertFalse(CourseType.objects.filter(name="X").exists())
        # The link is on the courses overview, which they cannot open, and nowhere else.
        self.login(self.vince)
        for page in [
            reverse("front:dashboard"),
            reverse("accounts:group_detail", args=["groep-a"]),
        ]:
            self.assertNotContains(self.client.get(page), url)
        self.login(self.sanne)
        self.assertContains(self.client.get(reverse("courses:overview")), url)
        form = self.client.get(url)
        self.assertContains(form, "Belangenbehartiging in duo")  # may qualify for her own types
        response = self.client.post(url, {"name": "Nieuw", "description": "Wat je leert."})
        self.assertEqual(CourseType.objects.get(name="Nieuw").organisation, self.alfa)
        self.assertEqual(response.status_code, 302)
