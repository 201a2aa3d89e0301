from django.http import HttpResponse
from django.test import SimpleTestCase, override_settings
from django.urls import NoReverseMatch, path, reverse, set_script_prefix

from samensterk.lib.urls import fixed_reverse

urlpatterns = [path("elders/", lambda request: HttpResponse(), name="home")]


class FixedReverseTestCase(SimpleTestCase):
    def test_the_same_address_as_reverse_per_configuration_and_prefix(self):
        self.assertEqual(fixed_reverse("intake:track"), reverse("intake:track"))
        with override_settings(ROOT_URLCONF=__name__):
            self.assertEqual(fixed_reverse("home"), "/elders/")
            with self.assertRaises(NoReverseMatch):
                fixed_reverse("intake:track")
        set_script_prefix("/sub/")
        try:
            self.assertEqual(fixed_reverse("intake:track"), "/sub/volg/")
        finally:
            set_script_prefix("/")
        self.assertEqual(fixed_reverse("intake:track"), "/volg/")
