"""The pool's region chooser (provinces and typed names) and the channel of a signal made from a
support request."""

from samensterk.advocacy import services
from samensterk.advocacy.forms import AdvocateForm
from samensterk.advocacy.models import Advocate
from samensterk.intake.models import Channel
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase


class RegionChooserTests(BaseTestCase):
    def form(self, instance=None, **data):
        values = {"name": "Henk", "active": "on", **data}
        return AdvocateForm(values, organisation=self.alfa, instance=instance)

    def test_whole_provinces_and_names_become_the_region(self):
        from samensterk.places.models import Province

        zeeland = Province.objects.get(name="Zeeland")
        form = self.form(
            provinces=[zeeland.pk], municipality_names="Amsterdam\nden haag, GM0344\n\n"
        )
        self.assertTrue(form.is_valid(), form.errors)
        advocate = form.save(commit=False)
        advocate.organisation = self.alfa
        advocate.save()
        form.save_m2m()
        expected = set(
            Municipality.objects.filter(province=zeeland, active=True).values_list("pk", flat=True)
        ) | {Municipality.objects.get(code=code).pk for code in ("GM0363", "GM0518", "GM0344")}
        self.assertEqual(set(advocate.municipalities.values_list("pk", flat=True)), expected)
        # Editing shows Zeeland ticked and the three others by name.
        again = AdvocateForm(organisation=self.alfa, instance=advocate)
        self.assertEqual(list(again.initial["provinces"]), [zeeland])
        self.assertEqual(
            again.initial["municipality_names"].splitlines(),
            ["'s-Gravenhage", "Amsterdam", "Utrecht"],
        )

    def test_unknown_names_and_an_empty_region_are_clear_errors(self):
        form = self.form(municipality_names="Amsterdam\nAmsterdm-Oost\nAtlantis")
        self.assertFalse(form.is_valid())
        self.assertEqual(
            form.errors["municipality_names"],
            ["Deze gemeente kennen we niet: Amsterdm-Oost, Atlantis. Controleer de spelling."],
        )
        form = self.form()
        self.assertFalse(form.is_valid())
        self.assertIn("Kies minstens één provincie", form.errors["municipality_names"][0])
        self.assertFalse(Advocate.objects.exists())

    def test_the_pool_page_offers_checkboxes_and_a_box_not_a_list_of_342(self):
        self.login(self.sanne)
        from django.urls import reverse

        page = self.client.get(reverse("advocacy:pool"))
        self.assertContains(page, 'name="provinces" value=', count=12)
        self.assertContains(page, '<textarea name="municipality_names"')
        self.assertNotContains(page, "Ctrl")


class SignalChannelTests(BaseTestCase):
    def request(self, **contact):
        request = services.request_create(
            organisation=self.alfa, group=self.group_a, user=self.carla,
            contact={"name": "Mevrouw Jansen", "email": "", "phone": "", **contact},
            kind="voorbereiden", what="Keukentafelgesprek.",
            municipality=Municipality.objects.get(code="GM0363"),
        )  # fmt: skip
        services.outcome_save(request, outcome="Drie uur hulp.", consent_signal=True)
        return services.make_signal(request, user=self.carla)

    def test_the_way_the_member_can_be_reached_not_a_meeting(self):
        self.assertEqual(self.request(phone="06 1234 5678").channel, Channel.PHONE)
        self.assertEqual(self.request(email="jansen@example.org").channel, Channel.EMAIL)
        both = self.request(phone="06 1234 5678", email="jansen@example.org")
        self.assertEqual(both.channel, Channel.PHONE)
