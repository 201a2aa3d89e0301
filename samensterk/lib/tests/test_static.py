from unittest import mock

from django.contrib.staticfiles.storage import StaticFilesStorage
from django.test import SimpleTestCase
from whitenoise.storage import CompressedManifestStaticFilesStorage

from samensterk.lib.static import DevelopmentStaticStorage, ProductionStaticStorage


def _address(storage, name, force=False):
    return f"/static/{name}" + ("?forced" if force else "")


class RememberedURLsTestCase(SimpleTestCase):
    def test_each_address_is_worked_out_once_and_is_the_storages_own(self):
        storage = DevelopmentStaticStorage()
        with mock.patch.object(
            StaticFilesStorage, "url", autospec=True, side_effect=_address
        ) as worked_out:
            self.assertEqual(storage.url("css/a.css"), "/static/css/a.css")
            self.assertEqual(storage.url("css/a.css"), "/static/css/a.css")
            self.assertEqual(storage.url("js/b.js"), "/static/js/b.js")
        self.assertEqual(worked_out.call_count, 2)
        name = "img/een logo.svg"  # quoted as Django quotes it
        self.assertEqual(DevelopmentStaticStorage().url(name), StaticFilesStorage().url(name))

    def test_a_forced_address_is_worked_out_every_time_and_not_remembered(self):
        storage = ProductionStaticStorage()
        with mock.patch.object(
            CompressedManifestStaticFilesStorage, "url", autospec=True, side_effect=_address
        ) as worked_out:
            self.assertEqual(storage.url("css/a.css", force=True), "/static/css/a.css?forced")
            self.assertEqual(storage.url("css/a.css", force=True), "/static/css/a.css?forced")
            self.assertEqual(storage.url("css/a.css"), "/static/css/a.css")
        self.assertEqual(worked_out.call_count, 3)
