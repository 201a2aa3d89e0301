"""Importing what a volunteer's spreadsheet really holds (issue 34): lenient values, errors as
the spreadsheet numbers them, Windows files after a question, corrections kept on re-import,
one job per form, and exports that read well in Excel and import again."""

import csv
import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samensterk.intake import services
from samensterk.intake.models import ImportJob, Signal
from samensterk.intake.transfer import COLUMNS, import_signals, read_table
from samensterk.places.models import Municipality
from samensterk.test import BaseTestCase, make_signal
from samensterk.themes.models import Theme


def run_import(content, name="signalen.csv", *args):
    """(exit code, stdout) of `samensterk import_signals`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        out = io.StringIO()
        try:
            call_command(
                "import_signals", str(path), *args, organisation="alfa", stdout=out,
                stderr=io.StringIO(),
            )  # fmt: skip
        except SystemExit as exit_:
            return exit_.code, out.getvalue()
        return 0, out.getvalue()


class LenientValuesTests(BaseTestCase):
    def test_what_excel_holds_is_read_as_meant(self):
        content = (
            "\ufefftext;theme;channel;reporter_role;consent_share_national;received_at;"
            "contact_phone;municipality\r\n"
            "De taxi kwam niet.;Vervoer;Papier;Familie;JA;14-03-2026;612345678;vlissingen\r\n"
            "Geen plek.;VERVOER;TELEFOON;zelf;Nee;14/3/2026;31612345678;Oost-Souburg\r\n"
            "Weer niet.;vervoer;E-mail;De persoon zelf;ja;2026-03-14;06-12345678;GM0718\r\n"
        )
        code, out = run_import(content.encode("utf-8"))
        self.assertEqual(code, 0, out)
        signals = list(Signal.objects.order_by("pk"))
        self.assertEqual([s.theme.code for s in signals], ["vervoer"] * 3)
        self.assertEqual([s.channel for s in signals], ["papier", "telefoon", "email"])
        self.assertEqual([s.reporter_role for s in signals], ["familie", "zelf", "zelf"])
        self.assertEqual([s.consent_share_national for s in signals], [True, False, True])
        self.assertEqual({s.received_at.date().isoformat() for s in signals}, {"2026-03-14"})
        self.assertEqual({s.contact.phone for s in signals}, {"0612345678"})
        # A village in one municipality is a sure answer.
        self.assertEqual({s.municipality.name for s in signals}, {"Vlissingen"})

    def test_a_typo_in_a_municipality_names_the_guess_and_stores_nothing(self):
        code, out = run_import("text,municipality\nGeen bus.,Vlisingen\n")
        self.assertEqual(code, 1)
        self.assertIn("row 1: municipality: onbekende gemeente ‘Vlisingen’", out)
        self.assertIn("bedoel je Vlissingen?", out)
        self.assertFalse(Signal.objects.exists())

    def test_an_impossible_date_and_an_unknown_theme_are_errors(self):
        code, out = run_import("text,received_at,theme\nA.,31-02-2026,Vervoer\nB.,,Rommel\n")
        self.assertEqual(code, 1)
        self.assertIn("row 1: received_at:", out)
        self.assertIn("row 2: theme: onbekend thema ‘Rommel’", out)

    def test_the_command_line_reads_windows_files_when_told(self):
        content = "text;municipality\nDe cliënt wacht op zorg.;Súdwest-Fryslân\n".encode("cp1252")
        code, out = run_import(content)
        self.assertEqual(code, 1)
        self.assertIn("UTF-8", out)
        self.assertIn("--encoding cp1252", out)
        code, out = run_import(content, "signalen.csv", "--encoding", "cp1252")
        self.assertEqual(code, 0, out)
        signal = Signal.objects.get()
        self.assertEqual(signal.story, "De cliënt wacht op zorg.")
        self.assertEqual(signal.municipality.name, "Súdwest-Fryslân")

    def test_blank_rows_keep_the_numbers_the_spreadsheet_shows(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["text", "municipality"])
        sheet.append(["Goed verhaal.", "Middelburg"])
        sheet.append([])
        sheet.append(["Ander verhaal.", "Atlantis"])
        sheet.append([])
        buffer = io.BytesIO()
        workbook.save(buffer)
        header, rows = read_table(buffer.getvalue(), "s.xlsx")
        self.assertEqual(len(rows), 3)  # the trailing blank row is gone, the middle one stays
        result = import_signals(organisation=self.alfa, header=header, rows=rows)
        self.assertEqual([p.cli() for p in result.problems], [
            "row 3: municipality: onbekende gemeente ‘Atlantis’"
        ])  # fmt: skip
        self.assertEqual(
            [p.web() for p in result.problems],
            ["rij 4, kolom gemeente: onbekende gemeente ‘Atlantis’"],
        )

    def test_an_empty_story_is_told_to_staff_not_to_a_reporter(self):
        code, out = run_import("text,theme\n,vervoer\n")
        self.assertIn("row 1: text: Het verhaal is leeg.", out)
        self.assertNotIn("Vertel wat er is gebeurd", out)


class BrowserImportTests(BaseTestCase):
    def upload(self, content: bytes, token="", name="s.csv", follow=False):
        return self.client.post(
            reverse("intake:signal_import"),
            {"owner": "g:groep-a", "token": token, "file": SimpleUploadedFile(name, content)},
            follow=follow,
        )

    def test_a_windows_file_is_read_after_the_person_confirmed_it(self):
        self.login(self.carla)
        content = "text;municipality\nDe cliënt wacht op zorg.;Middelburg\n".encode("cp1252")
        response = self.upload(content, follow=True)
        self.assertContains(response, "Dit bestand lijkt uit Excel (Windows) te komen. Zo lezen?")
        self.assertContains(response, "De cliënt wacht op zorg.")  # the preview, decoded
        self.assertFalse(Signal.objects.exists())
        job = ImportJob.objects.get()
        self.assertEqual(job.status, "vraag")
        self.assertNotContains(self.client.get(reverse("intake:signal_import")), job.file_name)
        confirm = reverse("intake:signal_import_confirm", args=[job.pk])
        response = self.client.post(confirm, {"answer": "ja"}, follow=True)
        self.assertContains(response, "Klaar: 1 signalen toegevoegd, 0 bijgewerkt.")
        signal = Signal.objects.get()
        self.assertEqual((signal.story, signal.group), ("De cliënt wacht op zorg.", self.group_a))
        self.client.post(confirm, {"answer": "ja"})  # a second click stores nothing again
        self.assertEqual(Signal.objects.count(), 1)

    def test_saying_no_to_the_question_keeps_nothing(self):
        self.login(self.carla)
        self.upload("text\nDe cliënt.\n".encode("cp1252"))
        job = ImportJob.objects.get()
        self.assertNotFoundFor(
            [self.otto, self.vince],
            "post",
            reverse("intake:signal_import_confirm", args=[job.pk]),
            {"answer": "ja"},
        )
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:signal_import_confirm", args=[job.pk]), {"answer": "nee"}
        )
        self.assertRedirects(response, reverse("intake:signal_import"))
        self.assertFalse(ImportJob.objects.exists())
        self.assertFalse(Signal.objects.exists())

    def test_the_same_form_sent_twice_starts_one_import(self):
        self.login(self.carla)
        form = self.client.get(reverse("intake:signal_import"))
        token = form.context["form"]["token"].value()
        self.assertTrue(token)
        first = self.upload(b"text\nDe bus kwam niet.\n", token=token)
        second = self.upload(b"text\nDe bus kwam niet.\n", token=token)
        job = ImportJob.objects.get()
        self.assertEqual(first["Location"], second["Location"])
        self.assertEqual(Signal.objects.count(), 1)
        # Back in the browser with another file: a new import, not the old one's page.
        third = self.upload(b"text\nDe trein ook niet.\n", token=token)
        self.assertNotEqual(third["Location"], first["Location"])
        self.assertEqual(Signal.objects.count(), 2)
        ImportJob.objects.exclude(pk=job.pk).delete()
        # The import page lists it, so that it can be found again.
        page = self.client.get(reverse("intake:signal_import"))
        self.assertContains(page, reverse("intake:signal_import_job", args=[job.pk]))
        self.assertContains(page, "data-submit-once")
        self.login(self.otto)  # another group's coordinator does not see it
        page = self.client.get(reverse("intake:signal_import"))
        self.assertNotContains(page, reverse("intake:signal_import_job", args=[job.pk]))

    def test_a_running_import_refreshes_without_javascript_unless_asked_not_to(self):
        job = ImportJob.objects.create(
            organisation=self.alfa, group=self.group_a, total=900, done=300, status="bezig"
        )
        self.login(self.carla)
        url = reverse("intake:signal_import_job", args=[job.pk])
        page = self.client.get(url)
        self.assertContains(page, '<meta http-equiv="refresh" content="5">')
        self.assertContains(
            page, '<progress id="import-bar" class="import-bar" max="900" value="300">'
        )
        self.assertNotContains(self.client.get(url + "?vast=1"), 'http-equiv="refresh"')


class KeepCorrectionsTests(BaseTestCase):
    FILE = "external_id,text,theme,municipality\nCRM-1,De taxi kwam niet.,{theme},{place}\n"

    def test_a_re_import_keeps_what_a_coordinator_corrected(self):
        code, out = run_import(self.FILE.format(theme="vervoer", place="Middelburg"))
        self.assertEqual(code, 0, out)
        signal = Signal.objects.get()
        other = Theme.objects.exclude(code="vervoer").first()
        services.signal_set_theme(signal=signal, theme=other, actor=self.carla)

        code, out = run_import(self.FILE.format(theme="vervoer", place="Vlissingen"))
        self.assertEqual(code, 0, out)
        self.assertIn("row 1: theme: kept (changed in Samen Sterk)", out)
        self.assertIn("0 signals created, 1 updated.", out)
        signal.refresh_from_db()
        self.assertEqual(signal.theme, other)  # corrected: kept
        self.assertEqual(signal.municipality.name, "Vlissingen")  # not corrected: updated

        # On the page too, numbered as the spreadsheet shows it.
        services.signal_set_municipality(
            signal=signal, municipality=Municipality.objects.get(name="Veere"), actor=self.carla
        )
        self.login(self.sanne)
        content = self.FILE.format(theme="vervoer", place="Middelburg")
        response = self.client.post(
            reverse("intake:signal_import"),
            {"owner": "o:alfa", "file": SimpleUploadedFile("s.csv", content.encode())},
            follow=True,
        )
        self.assertContains(response, "rij 2: thema behouden (aangepast in Samen Sterk)")
        self.assertContains(response, "rij 2: gemeente behouden (aangepast in Samen Sterk)")
        signal.refresh_from_db()
        self.assertEqual((signal.theme, signal.municipality.name), (other, "Veere"))

    def test_a_column_the_file_lacks_is_left_alone(self):
        run_import(self.FILE.format(theme="vervoer", place="Middelburg"))
        code, out = run_import("external_id,text\nCRM-1,De taxi kwam weer niet.\n")
        self.assertEqual(code, 0, out)
        signal = Signal.objects.get()
        self.assertEqual((signal.theme.code, signal.municipality.name), ("vervoer", "Middelburg"))

    def test_a_group_cannot_update_another_groups_signal_by_its_id(self):
        make_signal(self.group_b, story="Van groep B.", external_id="B-1")
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:signal_import"),
            {"owner": "g:groep-a", "file": SimpleUploadedFile("s.csv", b"external_id,text\nB-1,Van A.\n")},
        )  # fmt: skip
        self.assertContains(response, "rij 2, kolom external_id:")
        self.assertEqual(Signal.objects.get(external_id="B-1").story, "Van groep B.")


class SpreadsheetExportTests(BaseTestCase):
    def setUp(self):
        self.signal = make_signal(
            self.group_a,
            story="=1+1 is geen verhaal, maar de taxi kwam niet.",
            external_id="E-1",
            theme=Theme.objects.get(code="vervoer"),
        )
        self.login(self.carla)

    def export(self, file_format):
        return self.client.post(
            reverse("intake:signal_export"), {"owner": "g:groep-a", "file_format": file_format}
        )

    def reimport(self, content: bytes, name: str):
        return self.client.post(
            reverse("intake:signal_import"),
            {"owner": "g:groep-a", "file": SimpleUploadedFile(name, content)},
            follow=True,
        )

    def test_the_excel_file_reads_well_and_imports_again(self):
        response = self.export("xlsx")
        sheet = load_workbook(io.BytesIO(response.content)).active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[-3:], ["theme_name", "status", "closed_at"])
        row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
        self.assertEqual((row["theme_name"], row["status"]), ("Vervoer", "Nieuw"))
        self.assertEqual(row["text"], "'=1+1 is geen verhaal, maar de taxi kwam niet.")
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, f"A1:{sheet.cell(1, len(header)).column_letter}2")
        self.assertEqual(sheet.column_dimensions["G"].width, 60)  # the story
        response = self.reimport(response.content, "uit.xlsx")
        self.assertContains(response, "Klaar: 0 signalen toegevoegd, 1 bijgewerkt.")
        self.signal.refresh_from_db()
        self.assertEqual(self.signal.story, "=1+1 is geen verhaal, maar de taxi kwam niet.")

    def test_csv_for_excel_has_semicolons_and_a_bom_and_imports_again(self):
        response = self.export("excel-csv")
        text = response.content.decode("utf-8")
        self.assertTrue(text.startswith("\ufeffexternal_id;received_at;"))
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
        self.assertEqual(rows[0]["text"], "'=1+1 is geen verhaal, maar de taxi kwam niet.")
        self.assertRegex(rows[0]["received_at"], r"^\d\d-\d\d-\d{4} \d\d:\d\d$")
        response = self.reimport(response.content, "uit.csv")
        self.assertContains(response, "Klaar: 0 signalen toegevoegd, 1 bijgewerkt.")
        self.assertEqual(Signal.objects.count(), 1)

    def test_the_exchange_csv_keeps_the_spec_columns(self):
        text = self.export("csv").content.decode("utf-8")
        header = next(csv.reader(io.StringIO(text)))
        self.assertEqual(header, [c for c in COLUMNS if not c.startswith("contact_")])
        out = io.StringIO()
        call_command("export_signals", "--organisation", "alfa", stdout=out)
        self.assertEqual(out.getvalue().splitlines()[0], ",".join(header))
