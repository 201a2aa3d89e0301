from django.urls import reverse

from samensterk.network import services
from samensterk.network.models import StakeholderType

from .test_register import NetworkTestCase


class StakeholderTypeAdminTests(NetworkTestCase):
    def test_an_administrator_edits_the_types_of_their_own_organisation_only(self):
        self.login(self.bea)
        listing = self.client.get(reverse("admin:network_stakeholdertype_changelist"))
        self.assertContains(listing, "Wmo-raad / adviesraad sociaal domein")
        self.assertEqual(
            set(listing.context["cl"].queryset.values_list("organisation", flat=True)),
            {self.alfa.pk},
        )
        self.client.post(
            reverse("admin:network_stakeholdertype_add"),
            {"organisation": self.alfa.pk, "name": "Woningcorporatie", "position": 20},
        )
        kind = StakeholderType.objects.get(name="Woningcorporatie")
        self.assertIn(kind, services.types_for(self.alfa))
        omega_type = services.types_for(self.omega)[0]
        response = self.client.get(
            reverse("admin:network_stakeholdertype_change", args=[omega_type.pk])
        )
        self.assertNotEqual(response.status_code, 200)
        # The new type is offered when adding an organisation to the register.
        self.login(self.carla)
        form = self.client.get(reverse("network:stakeholder_create"))
        self.assertContains(form, "Woningcorporatie")
        # Volunteers and coordinators have no admin.
        self.assertEqual(
            self.client.get(reverse("admin:network_stakeholdertype_changelist")).status_code, 403
        )
