import csv
import io
from datetime import date

from django.test import SimpleTestCase
from openpyxl import load_workbook

from samensterk.lib.spreadsheet import TRIGGERS, neutralise, restore, write_csv, write_xlsx

TEXTS = [
    '=HYPERLINK("http://aanvaller.example","Klik hier")',
    "+31 6 12345678",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "'=al met een aanhalingsteken",
    "''-met twee",
    "'s-Hertogenbosch",
    "'",
    "",
    "=",
    "Gewoon een verhaal = goed.",
    'x;=HYPERLINK("http://aanvaller.example");y',
    "a;'=b;''-c; d;@e",
    "Twee; drie",
]


class SpreadsheetTestCase(SimpleTestCase):
    def test_a_text_that_could_start_a_formula_gets_a_quote(self):
        for trigger in TRIGGERS:
            self.assertEqual(neutralise(trigger + "1+1"), "'" + trigger + "1+1")
        self.assertEqual(neutralise("'=1+1"), "''=1+1")

    def test_other_texts_numbers_and_dates_are_left_alone(self):
        for value in ["Gewoon = goed", "'s-Hertogenbosch", "", -5, 2.5, date(2016, 3, 14), None]:
            self.assertEqual(neutralise(value), value)

    def test_restore_gives_back_exactly_what_neutralise_was_given(self):
        for text in TEXTS:
            self.assertEqual(restore(neutralise(text)), text, repr(text))

    def test_no_neutralised_text_starts_a_formula(self):
        for text in TEXTS:
            self.assertFalse(neutralise(text).startswith(TRIGGERS), repr(text))

    def test_no_part_after_a_semicolon_starts_a_formula_either(self):
        """Excel set to Dutch splits a .csv on semicolons, also inside a field."""
        for text in TEXTS:
            for part in neutralise(text).split(";"):
                self.assertFalse(part.startswith(TRIGGERS), repr(text))
        self.assertEqual(neutralise("x;=1+1;y"), "x;'=1+1;y")

    def test_csv_cells_are_neutralised(self):
        out = io.StringIO()
        write_csv([["tekst", "getal"], ["=1+1", 3]], out)
        self.assertEqual(list(csv.reader(io.StringIO(out.getvalue()))), [
            ["tekst", "getal"], ["'=1+1", "3"]
        ])  # fmt: skip

    def test_xlsx_stores_texts_as_text_and_numbers_as_numbers(self):
        content = write_xlsx([["tekst", "getal"], ["=1+1", -5]], title="blad")
        sheet = load_workbook(io.BytesIO(content))["blad"]
        text, number = sheet["A2"], sheet["B2"]
        self.assertEqual((text.data_type, text.value), ("s", "'=1+1"))
        self.assertEqual((number.data_type, number.value), ("n", -5))

    def test_xlsx_leaves_out_control_characters_xml_cannot_hold(self):
        content = write_xlsx([["tekst"], ["Regel\x0bmet\x00tekens\tTab\nNieuw"]], title="blad")
        sheet = load_workbook(io.BytesIO(content))["blad"]
        self.assertEqual(sheet["A2"].value, "Regelmettekens\tTab\nNieuw")
