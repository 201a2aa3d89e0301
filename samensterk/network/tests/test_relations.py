from django.http import Http404
from django.urls import reverse

from samensterk.network import selectors, services
from samensterk.network.models import Relation, RelationKind, Stakeholder

from .test_register import NetworkTestCase


class RelationTests(NetworkTestCase):
    def add(self, user, source_key, kind, target_key):
        self.login(user)
        return self.client.post(
            reverse("network:relation_create"),
            {"van": source_key, "kind": kind, "target": target_key},
            follow=True,
        )

    def test_relations_are_added_shown_on_both_sides_and_removed(self):
        raad = Stakeholder.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, kind=self.gemeente_type,
            name="Wmo-raad Amsterdam",
        )  # fmt: skip
        response = self.add(self.vince, f"p:{self.wethouder.pk}", "adviseert", f"o:{raad.pk}")
        self.assertContains(response, "De relatie is toegevoegd")
        relation = Relation.objects.get()
        self.assertEqual((relation.source, relation.target), (self.wethouder, raad))
        page = self.client.get(reverse("network:stakeholder_detail", args=[raad.pk]))
        self.assertContains(page, "Wim Wethouder</a> adviseert deze")
        response = self.client.post(
            reverse("network:relation_delete", args=[relation.pk]),
            {"van": f"o:{raad.pk}"},
            follow=True,
        )
        self.assertContains(response, "De relatie is verwijderd")
        self.assertFalse(Relation.objects.exists())

    def test_bad_relations_are_explained_and_not_stored(self):
        me = f"o:{self.gemeente.pk}"
        response = self.add(self.carla, me, "werkt_samen_met", me)  # not among the choices
        self.assertContains(response, "Kies een soort relatie")
        with self.assertRaisesMessage(Exception, str(services.RELATION_SELF)):
            services.relation_add(register=selectors.register_for(self.carla), actor=None,
                                  source=self.gemeente, kind="financiert", target=self.gemeente)  # fmt: skip
        # Another group's (or organisation's) entry is no choice and cannot be found.
        for other in [self.zeeland, self.utrecht]:
            response = self.add(self.carla, me, "financiert", f"o:{other.pk}")
            self.assertContains(response, "Kies een soort relatie")
            self.assertNotContains(response, other.name)
            with self.assertRaises(Http404):
                selectors.entry_by_key(self.carla, f"o:{other.pk}")
        # Nor can another group start a relation from this one.
        response = self.add(self.bram, me, "financiert", f"o:{self.zeeland.pk}")
        self.assertEqual(response.status_code, 404)
        response = self.add(self.carla, me, "onbekend", f"p:{self.wethouder.pk}")
        self.assertContains(response, "Kies een soort relatie")
        self.assertFalse(Relation.objects.exists())

    def test_a_hierarchy_cannot_go_round_in_a_circle(self):
        register = selectors.register_for(self.sanne)
        team = Stakeholder.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, kind=self.gemeente_type,
            name="Team Wmo",
        )  # fmt: skip
        afdeling = Stakeholder.objects.create(
            organisation=self.alfa, municipality=self.amsterdam, kind=self.gemeente_type,
            name="Afdeling Zorg",
        )  # fmt: skip
        part_of = RelationKind.PART_OF
        services.relation_add(register=register, actor=None, source=team, kind=part_of,
                              target=afdeling)  # fmt: skip
        services.relation_add(register=register, actor=None, source=afdeling, kind=part_of,
                              target=self.gemeente)  # fmt: skip
        with self.assertRaisesMessage(Exception, str(services.RELATION_CYCLE)):
            services.relation_add(register=register, actor=None, source=self.gemeente,
                                  kind=part_of, target=team)  # fmt: skip
        with self.assertRaisesMessage(Exception, str(services.RELATION_EXISTS)):
            services.relation_add(register=register, actor=None, source=team, kind=part_of,
                                  target=afdeling)  # fmt: skip
        # Working together both ways is no hierarchy.
        services.relation_add(register=register, actor=None, source=self.gemeente,
                              kind=RelationKind.WORKS_WITH, target=team)  # fmt: skip
        self.assertEqual(Relation.objects.count(), 3)

    def test_a_relation_to_an_entry_the_user_cannot_see_is_hidden_and_not_removable(self):
        register = selectors.register_for(self.sanne)
        relation = services.relation_add(
            register=register, actor=None, source=self.gemeente,
            kind=RelationKind.WORKS_WITH, target=self.zeeland,
        )  # fmt: skip
        self.assertEqual(selectors.relations_of(self.carla, self.gemeente), [])
        self.assertEqual(selectors.relations_of(self.sanne, self.gemeente), [relation])
        url = reverse("network:relation_delete", args=[relation.pk])
        self.assertNotFoundFor([self.carla, self.bram, self.otto], "post", url, {"van": "o:1"})
        self.assertTrue(Relation.objects.exists())
