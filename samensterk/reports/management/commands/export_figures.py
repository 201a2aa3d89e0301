from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.lib import spreadsheet
from samensterk.reports.published import (
    csv_rows,
    figures_table,
    parse_dimensions,
    parse_period,
)


class Command(BaseCommand):
    help = (
        "Write a table of signal counts exactly as it would leave the organisation (a report, "
        "open data, a coalition partner), after disclosure control; --exact writes it as the "
        "organisation's own staff see it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument("--group", help="only this local group's signals (its slug)")
        parser.add_argument("--by", required=True, help="theme, municipality, quarter, or two")
        parser.add_argument("--period", required=True, help="2026, 2026-Q3 or 2025-11..2026-04")
        parser.add_argument("--exact", action="store_true")
        parser.add_argument("--output", help="CSV file to write (default: standard output)")

    def handle(self, *args, organisation, by, period, group=None, exact=False, output=None, **o):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"Onbekende organisatie '{organisation}'.")
        local = None
        if group:
            local = LocalGroup.objects.filter(organisation=found, slug=group).first()
            if local is None:
                raise CommandError(f"Onbekende groep '{group}' bij '{organisation}'.")
        try:
            dims, span = parse_dimensions(by), parse_period(period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        table = figures_table(found, span, dims, group=local, exact=exact)
        rows = csv_rows(table, dims)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                spreadsheet.write_csv(rows, handle, lineterminator="\n")
            self.stderr.write(f"Geschreven naar {output}.")
        else:
            spreadsheet.write_csv(rows, self.stdout, lineterminator="\n")
