from django.core.management.base import BaseCommand

from samensterk.reports.rollup import rebuild, rebuild_patterns, rebuild_statuses


class Command(BaseCommand):
    help = "Recount the dashboard figures from the signals (after a restore; normally not needed)."

    def handle(self, *args, **options):
        rows = rebuild()
        patterns = rebuild_patterns()
        statuses = rebuild_statuses()
        self.stdout.write(
            f"Figures recounted: {rows} rows, patterns {patterns} rows, statuses {statuses} rows."
        )
