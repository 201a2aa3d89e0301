"""Each of the four moments tells exactly the right person, once, and never whoever did it."""

from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samensterk.accounts.models import OrganisationMembership, OrganisationRole
from samensterk.advocacy import services as advocacy
from samensterk.advocacy.models import Advocate
from samensterk.coalitions import services as coalitions
from samensterk.courses import services as courses
from samensterk.courses.tests import factories
from samensterk.dossiers import services as dossiers
from samensterk.dossiers.models import ActionKind, DossierAction
from samensterk.dossiers.tests.test_dossiers import make_dossier
from samensterk.notify.models import Kind, Notification
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_user


class TriggerTests(BaseTestCase):
    def setUp(self):
        self.amsterdam = Municipality.objects.get(code="GM0363")

    def test_a_support_request_assigned_to_a_volunteer_with_an_account(self):
        ans = make_user("ans@example.org", "Ans Advocaat")
        advocate = Advocate.objects.create(organisation=self.alfa, name="Ans", user=ans)
        advocate.municipalities.add(self.amsterdam)
        request = advocacy.request_create(
            organisation=self.alfa, group=self.group_a, user=self.vince,
            contact={"name": "Mevrouw Jansen", "phone": "06 1234 5678", "email": ""},
            kind="meegaan", what="Keukentafelgesprek.", municipality=self.amsterdam,
        )  # fmt: skip
        self.login(self.carla)
        url = reverse("advocacy:request_assign", args=[request.reference])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(url, {"vrijwilliger": advocate.pk})
            self.client.post(url, {"vrijwilliger": advocate.pk})  # the same again: no news
        [sent] = mail.outbox
        self.assertEqual(sent.to, ["ans@example.org"])
        self.assertEqual(sent.subject, f"Hulpvraag {request.reference} is aan jou toegewezen")
        self.assertIn("Mee naar het keukentafelgesprek", sent.body)
        self.assertNotIn("Jansen", sent.body)  # the member's details stay behind the log-in
        self.assertIn(request.get_absolute_url(), sent.body)
        self.assertEqual(Notification.objects.get().kind, Kind.REQUEST_ASSIGNED)

    def test_a_dossier_action_given_to_someone_else(self):
        dossier = make_dossier(self.group_a, self.carla)
        action = DossierAction(
            dossier=dossier, kind=ActionKind.LETTER, date=timezone.localdate(), title="Brief",
            owner=self.carla,
        )  # fmt: skip
        with self.captureOnCommitCallbacks(execute=True):
            dossiers.action_save(action=action, actor=self.carla)  # her own: no mail
            action.owner = self.vince
            dossiers.action_save(action=action, actor=self.carla)
            action.next_step = "Bellen"
            dossiers.action_save(action=action, actor=self.carla)  # still Vince's: no news
        [sent] = mail.outbox
        self.assertEqual((sent.to, sent.subject), (["vince@example.org"], "Actie voor jou: Brief"))
        self.assertIn(dossier.title, sent.body)
        self.assertIn(dossier.get_absolute_url(), sent.body)

    def test_an_organisation_invited_to_a_coalition(self):
        olga = make_user("olga@example.org", "Olga Omega")
        OrganisationMembership.objects.create(
            user=olga, organisation=self.omega, role=OrganisationRole.STAFF
        )
        with self.captureOnCommitCallbacks(execute=True):
            coalition = coalitions.coalition_create(
                organisation=self.alfa, user=self.sanne, name="Vervoer Amsterdam",
                municipality=self.amsterdam,
            )  # fmt: skip
            coalitions.coalition_invite(coalition, self.omega, user=self.sanne)
        [sent] = mail.outbox  # Olga, not Sanne nor Bea of the inviting organisation
        self.assertEqual(sent.to, ["olga@example.org"])
        self.assertIn("Vervoer Amsterdam", sent.subject)
        self.assertIn(coalition.get_absolute_url(), sent.body)

    def test_a_trainer_booked_for_a_session(self):
        course_type = factories.course(self.alfa)
        with_account = factories.trainer(self.alfa, "Vince", course_type)
        with_account.email = "vince@example.org"
        with_account.save()
        address_only = factories.trainer(self.alfa, "Tineke", course_type)
        address_only.email = "tineke@example.org"
        address_only.save()
        session = factories.session(course_type)
        with self.captureOnCommitCallbacks(execute=True):
            courses.session_save(session, trainers=[with_account], user=self.sanne)
            session.place = "Amersfoort"
            courses.session_save(session, trainers=[with_account], user=self.sanne)
        [sent] = mail.outbox
        self.assertEqual(sent.to, ["vince@example.org"])
        self.assertIn("Je geeft ‘Lokale Belangenbehartiging’ op", sent.subject)
        self.assertIn("Waar: Utrecht.", sent.body)  # as booked; a later change tells nobody
        mail.outbox = []
        with self.captureOnCommitCallbacks(execute=True):
            courses.session_save(session, trainers=[with_account, address_only], user=self.sanne)
        [sent] = mail.outbox
        self.assertEqual(sent.to, ["tineke@example.org"])
        self.assertIsNone(Notification.objects.get(address="tineke@example.org").user)
        # Erasing the trainer on their request takes what was sent to them too.
        courses.trainer_erase(trainer=address_only)
        self.assertFalse(Notification.objects.filter(address="tineke@example.org").exists())

    def test_a_cancelled_session_books_nobody(self):
        course_type = factories.course(self.alfa)
        trainer = factories.trainer(self.alfa, "Tineke", course_type)
        trainer.email = "tineke@example.org"
        trainer.save()
        session = factories.session(course_type, days=20)
        session.cancelled_at = timezone.now() - timedelta(hours=1)
        with self.captureOnCommitCallbacks(execute=True):
            courses.session_save(session, trainers=[trainer], user=self.sanne)
        self.assertEqual(mail.outbox, [])
