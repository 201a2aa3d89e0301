"""Import bombs: small files that hold millions of rows or one giant cell are refused while
they are read, on the import page and by the command, and nothing is stored."""

import io
import tempfile
from pathlib import Path
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from samensterk.intake.models import Signal
from samensterk.intake.transfer import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_XLSX_UNPACKED,
    cell_too_long,
    too_many_columns,
    too_many_rows,
)
from samensterk.intake.views.transfer import PAGE_MAX_ROWS
from samensterk.test import BaseTestCase

from . import bombs

TOO_LARGE = "Dit Excel-bestand is uitgepakt groter dan 30 MB"
# Rows as small as a row can be; after them, XML that cannot be read: a reader that went on to
# the end of the sheet would say the file is damaged instead of that it has too many rows.
SMALL_ROW = b"<row><c><v>1</v></c></row>"
BROKEN_TAIL = b"<row><c><v>1</nope>"


class ImportLimitsTestCase(BaseTestCase):
    def assertRefused(self, content: bytes, name: str, message: str, page_message: str = ""):
        """Refused with `message` by the command, and with `page_message` (or the same) on the
        page (as a coordinator)."""
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:signal_import"),
            {"owner": "g:groep-a", "file": SimpleUploadedFile(name, content)},
        )
        self.assertContains(response, page_message or message)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(content)
            out = io.StringIO()
            with self.assertRaises(SystemExit) as exit_:
                call_command("import_signals", str(path), organisation="alfa", stdout=out)
        self.assertEqual(exit_.exception.code, 1)
        self.assertIn(f"file: {message}", out.getvalue())
        self.assertFalse(Signal.objects.exists())

    def test_a_csv_with_more_rows_than_allowed_is_refused_before_its_end(self):
        # At the end a cell that the csv module itself refuses: a reader that went on to the
        # end would say that instead of that the file has too many rows.
        content = b"text\n" + b"De bus kwam niet.\n" * (MAX_ROWS + 1) + b"a" * 200_000
        self.assertRefused(
            content, "veel.csv", too_many_rows(MAX_ROWS), too_many_rows(PAGE_MAX_ROWS)
        )

    def test_the_page_takes_no_more_rows_than_it_stores_within_a_web_workers_timeout(self):
        content = b"text\n" + b"De bus kwam niet.\n" * (PAGE_MAX_ROWS + 1)
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:signal_import"),
            {"owner": "g:groep-a", "file": SimpleUploadedFile("groot.csv", content)},
        )
        self.assertContains(response, "Splits het in kleinere bestanden")
        self.assertContains(response, too_many_rows(PAGE_MAX_ROWS))
        self.assertFalse(Signal.objects.exists())

    def test_a_csv_with_just_as_many_rows_as_allowed_is_read(self):
        from samensterk.intake.transfer import read_table

        header, rows = read_table(b"text\n" + b"x\n" * MAX_ROWS, "genoeg.csv")
        self.assertEqual((header, len(rows)), (["text"], MAX_ROWS))

    def test_a_csv_cell_longer_than_a_story_is_refused(self):
        content = b"text\nKort verhaal.\n" + b"a" * 20_000 + b"\n"
        self.assertRefused(content, "lang.csv", cell_too_long(2))

    def test_a_csv_cell_past_the_csv_modules_own_limit_is_refused_too(self):
        self.assertRefused(b"text\n" + b"a" * 200_000 + b"\n", "langer.csv", cell_too_long(None))

    def test_an_xlsx_of_a_million_rows_is_refused_before_its_end(self):
        content = bombs.xlsx([*bombs.repeated(SMALL_ROW, 1_000_000), BROKEN_TAIL])
        self.assertLess(len(content), 100_000)
        self.assertLess(bombs.unpacked_size(content), MAX_XLSX_UNPACKED)  # read, not refused
        self.assertRefused(
            content, "veel.xlsx", too_many_rows(MAX_ROWS), too_many_rows(PAGE_MAX_ROWS)
        )

    def test_an_xlsx_that_claims_four_million_empty_rows_in_a_few_bytes_is_refused(self):
        content = bombs.xlsx([b'<row r="4000000"><c r="A4000000"><v>1</v></c></row>'])
        self.assertLess(bombs.unpacked_size(content), 20_000)
        self.assertRefused(
            content, "leeg.xlsx", too_many_rows(MAX_ROWS), too_many_rows(PAGE_MAX_ROWS)
        )

    def test_an_xlsx_that_unpacks_to_four_million_rows_is_not_even_opened(self):
        content = bombs.xlsx(bombs.repeated(SMALL_ROW, 4_000_000))
        self.assertGreater(bombs.unpacked_size(content), MAX_XLSX_UNPACKED)
        with mock.patch("openpyxl.load_workbook") as load_workbook:
            self.assertRefused(content, "veel.xlsx", TOO_LARGE)
        load_workbook.assert_not_called()

    def test_an_xlsx_with_one_huge_shared_string_is_not_even_opened(self):
        # openpyxl reads the shared strings whole, even read-only: only the size shields it.
        content = bombs.xlsx(
            [b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
            strings=bombs.shared_string(MAX_XLSX_UNPACKED + 1),
        )
        self.assertLess(len(content), 100_000)
        with mock.patch("openpyxl.load_workbook") as load_workbook:
            self.assertRefused(content, "groot.xlsx", TOO_LARGE)
        load_workbook.assert_not_called()

    def test_an_xlsx_with_one_huge_inline_string_is_not_even_opened(self):
        content = bombs.xlsx(bombs.inline_string(MAX_XLSX_UNPACKED + 1))
        self.assertLess(len(content), 100_000)
        with mock.patch("openpyxl.load_workbook") as load_workbook:
            self.assertRefused(content, "groot.xlsx", TOO_LARGE)
        load_workbook.assert_not_called()

    def test_an_xlsx_cell_longer_than_a_story_is_refused(self):
        content = bombs.xlsx(bombs.inline_string(2 * MAX_CELL))
        self.assertRefused(content, "lang.xlsx", cell_too_long(1))

    def test_an_xlsx_row_wider_than_allowed_is_refused(self):
        wide = b'<row r="2"><c r="A2"><v>1</v></c><c r="AY2"><v>1</v></c></row>'  # column 51
        self.assertRefused(bombs.xlsx([wide]), "breed.xlsx", too_many_columns())

    def test_a_cell_in_the_last_column_does_not_make_every_row_16384_cells(self):
        """Beyond every column that could be known, cells are not even read: a sheet of rows
        holding one blank in column XFD costs no more than rows of one cell."""
        from samensterk.intake.transfer import _xlsx_rows

        far = b'<row><c r="XFD1" t="inlineStr"><is><t> </t></is></c></row>'
        rows = list(_xlsx_rows(bombs.xlsx([b"<row><c><v>1</v></c></row>", *[far] * 50])))
        self.assertGreaterEqual(len(rows), 51)  # and the header bombs.xlsx writes
        self.assertTrue(all(len(row) <= MAX_COLUMNS + 1 for row in rows))

    def test_a_damaged_xlsx_is_refused(self):
        content = bombs.xlsx([SMALL_ROW, BROKEN_TAIL])
        self.assertRefused(content, "kapot.xlsx", "Dit Excel-bestand kan niet worden gelezen.")
