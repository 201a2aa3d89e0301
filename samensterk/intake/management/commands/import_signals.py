import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import Organisation
from samensterk.intake.tasks import enqueue_on_commit, pseudonymise_pending
from samensterk.intake.transfer import ImportFileError, NotUtf8Error, import_signals, read_table


class Command(BaseCommand):
    help = (
        "Import signals from a CSV (UTF-8; commas or semicolons) or XLSX file in the exchange "
        "format. All or nothing: one bad row and nothing is stored; each problem is printed as "
        "'row N: column: message'. A theme or municipality changed in Samen Sterk is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument(
            "--encoding",
            help="the CSV file's encoding when it is not UTF-8, e.g. cp1252 (Excel on Windows)",
        )

    def handle(self, *args, file, organisation, encoding=None, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Unknown organisation '{organisation}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {file}")
        if encoding:
            try:
                "".encode(encoding)
            except LookupError:
                raise CommandError(f"Unknown encoding '{encoding}'.") from None
        try:
            header, rows = read_table(path.read_bytes(), path.name, encoding=encoding)
        except ImportFileError as error:
            for line in error.lines:
                self.stdout.write(f"file: {line}")
            if isinstance(error, NotUtf8Error):
                self.stdout.write("file: saved by Excel on Windows? Try --encoding cp1252.")
            sys.exit(1)

        def progress(done, total):
            if total >= 1000:
                self.stderr.write(f"{done}/{total} rows stored")

        result = import_signals(organisation=found, header=header, rows=rows, progress=progress)
        if not result.ok:
            for line in result.errors:
                self.stdout.write(line)
            self.stderr.write(f"Nothing imported: {len(result.errors)} problem(s).")
            sys.exit(1)
        for kept in result.kept:
            self.stdout.write(kept.cli())
        self.stdout.write(f"{result.created} signals created, {result.updated} updated.")
        enqueue_on_commit(pseudonymise_pending, found.pk)
        self.stdout.write("The task worker pseudonymises the stories.")
