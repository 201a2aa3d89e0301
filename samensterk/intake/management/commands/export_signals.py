from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import Organisation
from samensterk.intake.models import Signal
from samensterk.intake.transfer import export_rows, exportable_signals, write_csv, write_xlsx
from samensterk.privacy.models import AuditLog


class Command(BaseCommand):
    help = (
        "Export an organisation's signals in the exchange format (CSV, or XLSX when the output "
        "ends in .xlsx). Texts are pseudonymised; --include-contact gives the original texts and "
        "the contact columns, and is written to the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--include-contact", action="store_true")

    def handle(self, *args, organisation, output=None, include_contact=False, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Unknown organisation '{organisation}'.")
        signals = exportable_signals(Signal.objects.filter(organisation=found)).order_by(
            "received_at", "pk"
        )
        rows = export_rows(signals.iterator(chunk_size=2000), include_contact=include_contact)
        if include_contact:
            AuditLog.objects.create(
                organisation=found,
                action=AuditLog.Action.EXPORT_CONTACT,
                detail="export_signals --include-contact (command line)",
            )
        if output and output.lower().endswith(".xlsx"):
            with open(output, "wb") as handle:
                handle.write(write_xlsx(rows))
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                write_csv(rows, handle)
        else:
            write_csv(rows, self.stdout)
            return
        self.stderr.write(f"Written to {output}.")
