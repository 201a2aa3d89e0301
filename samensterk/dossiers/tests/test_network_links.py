from django.urls import reverse

from samensterk.dossiers.selectors import dossiers_of_entry
from samensterk.dossiers.tests.test_dossiers import make_dossier
from samensterk.network import selectors, services
from samensterk.network.models import DossierTarget, Person
from samensterk.network.tests.test_register import NetworkTestCase


class DossierTargetTests(NetworkTestCase):
    def setUp(self):
        self.dossier = make_dossier(self.group_a, self.carla)

    def add(self, user, key):
        self.login(user)
        return self.client.post(
            reverse("dossiers:dossier_target_add", args=[self.dossier.reference]),
            {"wie": key},
            follow=True,
        )

    def test_a_dossier_names_whom_it_wants_to_reach_and_their_pages_show_it(self):
        response = self.add(self.vince, f"p:{self.wethouder.pk}")
        self.assertContains(response, "Wim Wethouder staat nu bij het dossier")
        self.assertContains(response, "Wie willen we bereiken?")
        self.add(self.vince, f"o:{self.gemeente.pk}")
        self.assertEqual(DossierTarget.objects.filter(dossier=self.dossier).count(), 2)
        page = self.client.get(reverse("network:person_detail", args=[self.wethouder.pk]))
        self.assertContains(page, self.dossier.title)
        grid = self.client.get(reverse("dossiers:dossier_grid", args=[self.dossier.reference]))
        self.assertContains(grid, "<svg")
        self.assertContains(grid, "Wim Wethouder")
        # Twice is refused with a message.
        response = self.add(self.vince, f"p:{self.wethouder.pk}")
        self.assertContains(response, "Deze staat al bij het dossier")
        target = DossierTarget.objects.get(person=self.wethouder)
        self.client.post(
            reverse("dossiers:dossier_target_remove", args=[self.dossier.reference, target.pk])
        )
        self.assertFalse(DossierTarget.objects.filter(person=self.wethouder).exists())

    def test_outsiders_and_readers_cannot_add_or_see(self):
        # Another group's entry cannot be added; other groups and organisations get 404.
        self.assertEqual(self.add(self.carla, f"o:{self.zeeland.pk}").status_code, 404)
        self.assertEqual(self.add(self.bram, f"p:{self.wethouder.pk}").status_code, 404)
        self.assertEqual(self.add(self.otto, f"p:{self.wethouder.pk}").status_code, 404)
        # National staff do not see an unshared group dossier, let alone change it.
        self.assertEqual(self.add(self.sanne, f"p:{self.wethouder.pk}").status_code, 404)
        self.assertFalse(DossierTarget.objects.exists())
        url = reverse("dossiers:dossier_grid", args=[self.dossier.reference])
        self.assertNotFoundFor([self.bram, self.otto, self.sanne, self.nina], "get", url)

    def test_the_person_page_shows_only_dossiers_the_user_may_see(self):
        DossierTarget.objects.create(dossier=self.dossier, person=self.wethouder)
        self.assertEqual(list(dossiers_of_entry(self.carla, self.wethouder)), [self.dossier])
        self.assertEqual(list(dossiers_of_entry(self.sanne, self.wethouder)), [])
        person = Person.objects.get(pk=self.wethouder.pk)
        self.login(self.sanne)
        page = self.client.get(reverse("network:person_detail", args=[person.pk]))
        self.assertNotContains(page, self.dossier.title)


class ActionContactTests(NetworkTestCase):
    def test_an_action_is_linked_to_a_contact_from_the_network(self):
        dossier = make_dossier(self.group_a, self.carla)
        self.login(self.carla)
        url = reverse("dossiers:action_create", args=[dossier.reference])
        data = {"kind": "wethouder", "date": "2026-12-15", "title": "Gesprek",
                "contact": self.wethouder.pk}  # fmt: skip
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        action = dossier.actions.get()
        self.assertEqual(action.contact, self.wethouder)
        page = self.client.get(reverse("dossiers:dossier_detail", args=[dossier.reference]))
        self.assertContains(page, "Wim Wethouder</a>")
        self.assertEqual(list(dossiers_of_entry(self.carla, self.gemeente)), [dossier])
        # Someone outside the group's register is no choice.
        other = Person.objects.create(organisation=self.alfa, municipality=self.middelburg,
                                      name="Zeeuwse wethouder")  # fmt: skip
        response = self.client.post(url, {**data, "contact": other.pk})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(dossier.actions.count(), 1)

    def test_merging_a_double_moves_the_actions_with_them(self):
        dossier = make_dossier(self.group_a, self.carla)
        double = Person.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, name="W. Wethouder"
        )
        action = dossier.actions.create(kind="wethouder", date="2026-12-15", title="Gesprek",
                                        contact=double)  # fmt: skip
        services.entry_merge(
            register=selectors.register_for(self.carla), keep=self.wethouder, remove=double
        )
        action.refresh_from_db()
        self.assertEqual(action.contact, self.wethouder)
