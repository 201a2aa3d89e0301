from datetime import date

from django.urls import reverse

from samensterk.dossiers.tests.test_dossiers import make_dossier
from samensterk.network import selectors, services
from samensterk.network.models import (
    ContactMoment,
    DossierTarget,
    Person,
    Relation,
    RelationKind,
    Stakeholder,
)

from .test_register import NetworkTestCase


class MergeTests(NetworkTestCase):
    def test_merging_moves_everything_to_the_entry_that_stays(self):
        double = Person.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, name="W. Wethouder",
            phone="06 1234 5678", notes="Houdt van korte mails.", last_contact_on=date(2026, 5, 1),
        )  # fmt: skip
        Person.objects.filter(pk=self.wethouder.pk).update(phone="")
        self.wethouder.refresh_from_db()
        ContactMoment.objects.create(organisation=self.alfa, group=self.group_a, person=double,
                                     date=date(2026, 5, 1), kind="gesprek", discussed="Vervoer")  # fmt: skip
        dossier = make_dossier(self.group_a, self.carla)
        DossierTarget.objects.create(dossier=dossier, person=double)
        DossierTarget.objects.create(dossier=dossier, person=self.wethouder)
        Relation.objects.create(organisation=self.alfa, from_person=double,
                                kind=RelationKind.ADVISES, to_stakeholder=self.gemeente)  # fmt: skip
        Relation.objects.create(organisation=self.alfa, from_person=double,
                                kind=RelationKind.WORKS_WITH, to_person=self.wethouder)  # fmt: skip
        self.login(self.carla)
        confirm = self.client.get(
            reverse("network:merge"), {"houden": f"p:{self.wethouder.pk}", "weg": f"p:{double.pk}"}
        )
        self.assertContains(confirm, "Dit kun je niet ongedaan maken")
        self.assertTrue(Person.objects.filter(pk=double.pk).exists())
        response = self.client.post(
            reverse("network:merge"),
            {"houden": f"p:{self.wethouder.pk}", "weg": f"p:{double.pk}"},
            follow=True,
        )
        self.assertContains(response, "is samengevoegd met Wim Wethouder")
        self.assertFalse(Person.objects.filter(pk=double.pk).exists())
        kept = Person.objects.get(pk=self.wethouder.pk)
        self.assertEqual(kept.phone, "06 1234 5678")
        self.assertIn("korte mails", kept.notes)
        self.assertEqual(kept.last_contact_on, date(2026, 5, 1))
        self.assertEqual(ContactMoment.objects.get().person, kept)
        self.assertEqual(DossierTarget.objects.filter(dossier=dossier).count(), 1)
        # The relation to the gemeente moved; the one with himself is gone.
        self.assertEqual(
            [(r.source, r.kind, r.target) for r in Relation.objects.all()],
            [(kept, RelationKind.ADVISES, self.gemeente)],
        )

    def test_merging_organisations_moves_their_people(self):
        double = Stakeholder.objects.create(organisation=self.alfa, municipality=self.amsterdam,
                                            kind=self.gemeente_type, name="Gem. Amsterdam")  # fmt: skip
        Person.objects.filter(pk=self.wethouder.pk).update(stakeholder=double)
        services.entry_merge(register=selectors.register_for(self.sanne), keep=self.gemeente,
                             remove=double)  # fmt: skip
        self.assertEqual(Person.objects.get(pk=self.wethouder.pk).stakeholder, self.gemeente)

    def test_merging_what_cannot_be_merged_is_refused(self):
        register = selectors.register_for(self.sanne)
        with self.assertRaisesMessage(Exception, str(services.MERGE_OTHER_KIND)):
            services.entry_merge(register=register, keep=self.gemeente, remove=self.wethouder)
        with self.assertRaisesMessage(Exception, str(services.MERGE_SELF)):
            services.entry_merge(register=register, keep=self.gemeente, remove=self.gemeente)
        # Another group's entry cannot even be found.
        self.login(self.carla)
        response = self.client.post(
            reverse("network:merge"),
            {"houden": f"o:{self.gemeente.pk}", "weg": f"o:{self.zeeland.pk}"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotFoundFor(
            [self.bram, self.otto], "get", reverse("network:merge"),
            {"houden": f"o:{self.gemeente.pk}", "weg": f"p:{self.wethouder.pk}"},
        )  # fmt: skip
        self.assertEqual(Stakeholder.objects.filter(organisation=self.alfa).count(), 2)
