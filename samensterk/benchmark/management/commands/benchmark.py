import json

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from samensterk.benchmark.suite import ScratchDatabase, run


class Command(BaseCommand):
    help = (
        "Run the performance suite on a scratch database with N synthetic signals and print one "
        "JSON object per line: name, value, unit, baseline, baseline_value, n."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=100_000)

    def handle(self, *args, size, **options):
        if size < 100:
            raise CommandError("--size must be at least 100.")
        # Measured as production runs: DEBUG off, whatever the environment says (with DEBUG on,
        # Django keeps the text of every query).
        with ScratchDatabase(), override_settings(DEBUG=False):
            run(size, lambda line: self.stdout.write(json.dumps(line)))
