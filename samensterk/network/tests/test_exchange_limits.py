"""People files too large to check within a request are refused while they are read, and
nothing is stored."""

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samensterk.intake.tests import bombs
from samensterk.intake.transfer import MAX_CELL, MAX_XLSX_UNPACKED, cell_too_long, too_many_rows
from samensterk.network.exchange import MAX_PEOPLE
from samensterk.network.models import Person

from .test_register import NetworkTestCase

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n"


class PeopleImportLimitsTestCase(NetworkTestCase):
    def assertRefused(self, content: bytes, name: str, message: str):
        self.login(self.carla)
        before = Person.objects.count()
        response = self.client.post(
            reverse("network:import"),
            {"file": SimpleUploadedFile(name, content), "municipality": self.amsterdam.pk},
        )
        self.assertContains(response, message, status_code=400)
        self.assertEqual(Person.objects.count(), before)

    def test_a_csv_with_more_people_than_allowed_is_refused(self):
        content = "naam\n" + "".join(f"Persoon {n}\n" for n in range(MAX_PEOPLE + 1))
        self.assertRefused(content.encode(), "veel.csv", too_many_rows(MAX_PEOPLE))

    def test_a_csv_cell_longer_than_allowed_is_refused(self):
        content = b"naam,functie\nJan," + b"a" * (2 * MAX_CELL) + b"\n"
        self.assertRefused(content, "lang.csv", cell_too_long(1))

    def test_an_xlsx_of_a_million_rows_is_refused_before_its_end(self):
        rows = [*bombs.repeated(b"<row><c><v>1</v></c></row>", 1_000_000), b"<row><c></nope>"]
        self.assertRefused(bombs.xlsx(rows), "veel.xlsx", too_many_rows(MAX_PEOPLE))

    def test_an_xlsx_that_unpacks_to_something_huge_is_not_even_opened(self):
        content = bombs.xlsx(bombs.inline_string(MAX_XLSX_UNPACKED + 1))
        with mock.patch("openpyxl.load_workbook") as load_workbook:
            self.assertRefused(content, "groot.xlsx", "Dit Excel-bestand is uitgepakt groter")
        load_workbook.assert_not_called()

    def test_a_vcard_file_with_more_cards_than_allowed_is_refused_before_its_end(self):
        cards = "".join(CARD.format(name=f"Persoon {n}") for n in range(MAX_PEOPLE + 1))
        damaged = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN Piet\r\nEND:VCARD\r\n"  # never reached
        self.assertRefused((cards + damaged).encode(), "veel.vcf", too_many_rows(MAX_PEOPLE))

    def test_a_vcard_value_longer_than_allowed_is_refused(self):
        cards = CARD.format(name="Jan") + CARD.format(name="a" * (2 * MAX_CELL))
        self.assertRefused(cards.encode(), "lang.vcf", cell_too_long(2))
