from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import Organisation
from samensterk.intake.opendata import refresh


class Command(BaseCommand):
    help = (
        "Open data: work out again every closed quarter that is missing or whose counts changed "
        "(enqueued for the task worker). Run it hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="only this organisation (slug)")
        parser.add_argument(
            "--now", action="store_true", help="work them out in this process instead"
        )

    def handle(self, *args, organisation=None, now=False, **options):
        organisations = None
        if organisation:
            organisations = list(Organisation.objects.filter(slug=organisation))
            if not organisations:
                raise CommandError(f"No organisation {organisation!r}.")
        due = refresh(organisations, now=now)
        done = "worked out" if now else "queued for the worker"
        self.stdout.write(f"Open data: {due} quarters {done}.")
