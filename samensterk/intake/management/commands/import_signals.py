import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import Organisation
from samensterk.intake.tasks import enqueue_on_commit, pseudonymise_pending
from samensterk.intake.transfer import ImportFileError, import_signals, read_table


class Command(BaseCommand):
    help = (
        "Import signals from a CSV (UTF-8) or XLSX file in the exchange format. All or nothing: "
        "one bad row and nothing is stored; each problem is printed as 'row N: column: message'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")

    def handle(self, *args, file, organisation, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Unknown organisation '{organisation}'.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {file}")
        try:
            header, rows = read_table(path.read_bytes(), path.name)
        except ImportFileError as error:
            for line in error.lines:
                self.stdout.write(f"file: {line}")
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
        self.stdout.write(f"{result.created} signals created, {result.updated} updated.")
        enqueue_on_commit(pseudonymise_pending, found.pk)
        self.stdout.write("The task worker pseudonymises the stories.")
