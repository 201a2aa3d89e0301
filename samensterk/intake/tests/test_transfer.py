import csv
import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from samensterk.intake.models import Signal, SignalContact
from samensterk.privacy.models import AuditLog
from samensterk.test import BaseTestCase, make_signal

GOOD = """external_id,received_at,channel,group,municipality,reporter_role,text,theme,consent_share_national,consent_anonymous_use,contact_email
CRM-1,2016-03-14,telefoon,groep-b,Vlissingen,familie,"De taxi was te laat, weer.",vervoer,ja,nee,
CRM-2,2016-03-15T10:00:00,email,,den bosch,zelf,Ik krijg geen hulp van Piet Jansen.,,NEE,ja,iemand@example.org
"""
BAD = GOOD + "CRM-3,gisteren,fax,nope,Atlantis,baas,,onzin,misschien,ja,geen-mail\n"


class ImportCommandTestCase(BaseTestCase):
    def run_import(self, content, name="signalen.csv"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
            out, err = io.StringIO(), io.StringIO()
            try:
                with self.captureOnCommitCallbacks(execute=True):  # the tasks it enqueues
                    call_command(
                        "import_signals", str(path), organisation="alfa", stdout=out, stderr=err
                    )
            except SystemExit as exit_:
                return exit_.code, out.getvalue()
            return 0, out.getvalue()

    def test_a_valid_file_creates_signals_and_says_how_many(self):
        code, out = self.run_import(GOOD)
        self.assertEqual(code, 0)
        self.assertIn("2 signals created, 0 updated.", out)
        one = Signal.objects.get(external_id="CRM-1")
        self.assertEqual(
            (one.group, one.municipality.name, one.theme.code),
            (self.group_b, "Vlissingen", "vervoer"),
        )
        self.assertEqual(one.received_at.date().isoformat(), "2016-03-14")
        two = Signal.objects.get(external_id="CRM-2")
        self.assertIsNone(two.group)
        self.assertEqual(two.municipality.code, "GM0796")
        self.assertEqual(SignalContact.objects.get(signal=two).email, "iemand@example.org")
        self.assertIn("[PERSOON-1]", two.story_pseudonymised)

    def test_re_importing_the_same_ids_updates_instead_of_duplicating(self):
        self.run_import(GOOD)
        code, out = self.run_import(GOOD.replace("weer.", "weer en weer."))
        self.assertIn("0 signals created, 2 updated.", out)
        self.assertEqual(Signal.objects.count(), 2)
        self.assertIn("weer en weer", Signal.objects.get(external_id="CRM-1").story)

    def test_one_bad_row_stores_nothing_and_every_problem_is_named(self):
        code, out = self.run_import(BAD)
        self.assertNotEqual(code, 0)
        self.assertFalse(Signal.objects.exists())
        lines = out.splitlines()
        for column in [
            "received_at",
            "channel",
            "group",
            "municipality",
            "reporter_role",
            "text",
            "theme",
            "consent_share_national",
            "contact_email",
        ]:
            self.assertTrue(any(line.startswith(f"row 3: {column}: ") for line in lines), column)
        self.assertFalse(
            any(line.startswith("row 1") or line.startswith("row 2") for line in lines)
        )

    def test_an_unknown_column_is_named(self):
        code, out = self.run_import("text,kleur\nHallo,rood\n")
        self.assertNotEqual(code, 0)
        self.assertIn("kleur", out)

    def test_a_missing_text_column_is_an_error(self):
        code, out = self.run_import("theme\nvervoer\n")
        self.assertNotEqual(code, 0)
        self.assertIn("text", out)

    def test_a_file_in_another_encoding_is_refused_clearly(self):
        code, out = self.run_import("text\nDe cliënt\n".encode("latin-1"))
        self.assertNotEqual(code, 0)
        self.assertIn("UTF-8", out)

    def test_excel_files_are_read_too(self):
        workbook = Workbook()
        sheet = workbook.active
        sheet.append(["text", "municipality", "consent_anonymous_use"])
        sheet.append(["Geen plek op de dagbesteding.", "Middelburg", "ja"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        code, out = self.run_import(buffer.getvalue(), name="signalen.xlsx")
        self.assertEqual(code, 0, out)
        self.assertEqual(Signal.objects.get().municipality.name, "Middelburg")


class ExportCommandTestCase(BaseTestCase):
    def setUp(self):
        make_signal(
            self.group_a,
            story="Bel Piet Jansen op 0612345678.",
            consent_contact=True,
            contact_phone="0612345678",
            external_id="E-1",
        )

    def export(self, *args):
        out = io.StringIO()
        call_command("export_signals", "--organisation", "alfa", *args, stdout=out)
        return list(csv.DictReader(io.StringIO(out.getvalue())))

    def test_without_contact_the_texts_are_pseudonymised_and_contact_columns_absent(self):
        rows = self.export()
        self.assertEqual(rows[0]["text"], "Bel [PERSOON-1] op [TELEFOON-1].")
        self.assertNotIn("contact_phone", rows[0])
        self.assertEqual(rows[0]["group"], "groep-a")
        self.assertFalse(AuditLog.objects.exists())

    def test_with_contact_the_originals_come_along_and_it_is_audited(self):
        rows = self.export("--include-contact")
        self.assertEqual(rows[0]["contact_phone"], "0612345678")
        self.assertIn("Piet Jansen", rows[0]["text"])
        self.assertEqual(AuditLog.objects.get().action, "export_contact")

    def test_an_exported_file_imports_back_as_updates(self):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "uit.csv"
            call_command(
                "export_signals",
                "--organisation",
                "alfa",
                "--output",
                str(path),
                "--include-contact",
                stderr=io.StringIO(),
            )
            out = io.StringIO()
            call_command("import_signals", str(path), organisation="alfa", stdout=out)
        self.assertIn("0 signals created, 1 updated.", out.getvalue())


class WebTransferTestCase(BaseTestCase):
    def upload(self, content, owner="g:groep-a", name="s.csv"):
        return self.client.post(
            reverse("intake:signal_import"),
            {"owner": owner, "file": _named(content, name)},
            follow=True,
        )

    def test_a_coordinator_imports_for_their_group(self):
        self.login(self.carla)
        response = self.upload("text,municipality\nDe bus kwam niet.,Amsterdam\n")
        self.assertContains(response, "1 signalen toegevoegd")
        self.assertEqual(Signal.objects.get().group, self.group_a)

    def test_a_coordinator_cannot_import_into_another_group(self):
        self.login(self.carla)
        response = self.upload("text,group\nDe bus kwam niet.,groep-b\n")
        self.assertContains(response, "rij 2, kolom groep: je mag geen signalen importeren")
        self.assertFalse(Signal.objects.exists())

    def test_volunteers_and_outsiders_get_404(self):
        self.assertNotFoundFor([self.vince, self.nina], "get", reverse("intake:signal_import"))
        self.assertNotFoundFor([self.vince, self.nina], "get", reverse("intake:signal_export"))

    def test_a_forged_choice_of_another_group_gives_no_file(self):
        make_signal(self.group_a, story="Ons verhaal")
        self.login(self.otto)
        response = self.client.post(
            reverse("intake:signal_export"), {"owner": "g:groep-a", "file_format": "csv"}
        )
        self.assertTrue(response["Content-Type"].startswith("text/html"))
        self.assertNotContains(response, "Ons verhaal")

    def test_a_coordinator_exports_their_group_as_excel(self):
        make_signal(self.group_a, story="Ons verhaal")
        make_signal(self.group_b, story="Niet ons verhaal")
        self.login(self.carla)
        response = self.client.post(
            reverse("intake:signal_export"), {"owner": "g:groep-a", "file_format": "xlsx"}
        )
        sheet = load_workbook(io.BytesIO(response.content)).active
        texts = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(texts, ["Ons verhaal"])


def _named(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)


class DeferredPseudonymisationTestCase(BaseTestCase):
    """Imports store the stories first; a task pseudonymises them after: the slowest step runs
    on the worker, and nothing leaves the group before it is done."""

    def import_rows(self, *texts):
        from samensterk.intake.transfer import import_signals

        result = import_signals(
            organisation=self.alfa,
            header=["text", "group"],
            rows=[[text, "groep-a"] for text in texts],
        )
        self.assertTrue(result.ok, result.errors)
        return list(Signal.objects.order_by("pk"))

    def test_a_waiting_story_is_not_shown_outside_the_group_and_reading_writes_nothing(self):
        from samensterk.accounts.permissions import scope_for
        from samensterk.intake.selectors import story_for

        (signal,) = self.import_rows("Jan de Vries belde: de taxi komt niet.")
        self.assertEqual(signal.story_pseudonymised, "")  # waiting
        signal.shared_with_national = True  # handed up, so national staff may read it
        shown = story_for(scope_for(self.sanne), signal)  # national staff: not the owner
        self.assertEqual(shown, "Wordt nog geanonimiseerd.")
        self.assertEqual(signal.shared_story, "")
        signal.refresh_from_db()
        self.assertEqual(signal.story_pseudonymised, "")  # a read is only a read

    def test_the_task_after_an_import_does_all_waiting_stories_once(self):
        from samensterk.intake.services import signal_withdraw
        from samensterk.intake.tasks import pseudonymise_pending

        first, second, third = self.import_rows(
            "Piet Jansen mist zijn taxi.", "Geen plek op school.", "Bel 0612345678."
        )
        signal_withdraw(signal=third)
        self.assertEqual(pseudonymise_pending.call(self.alfa.pk), 2)
        first.refresh_from_db()
        third.refresh_from_db()
        self.assertNotIn("Jansen", first.story_pseudonymised)
        self.assertEqual((third.story, third.story_pseudonymised), ("", ""))
        self.assertEqual(pseudonymise_pending.call(), 0)
        out = io.StringIO()
        call_command("pseudonymise_pending", "--now", stdout=out)
        self.assertIn("0 stories pseudonymised", out.getvalue())

    def test_the_hourly_command_enqueues_the_catch_up(self):
        (signal,) = self.import_rows("Piet Jansen mist zijn taxi.")
        out = io.StringIO()
        call_command("pseudonymise_pending", stdout=out)  # the tests' backend runs it at once
        self.assertIn("queued", out.getvalue())
        signal.refresh_from_db()
        self.assertIn("[PERSOON-1]", signal.story_pseudonymised)

    def test_the_web_import_enqueues_the_pseudonymisation(self):
        self.login(self.carla)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("intake:signal_import"),
                {
                    "owner": "g:groep-a",
                    "file": _named("text\nKarin Smit wacht al maanden.\n", "s.csv"),
                },
            )
        self.assertNotIn("Smit", Signal.objects.get().story_pseudonymised)
