from django.core.management.base import BaseCommand

from samensterk.intake.services import signals_pseudonymise_pending


class Command(BaseCommand):
    help = (
        "Pseudonymise the stories still waiting for it (imports store first and pseudonymise "
        "right after; this catches any that an interrupted import left). Run it hourly."
    )

    def handle(self, *args, **options):
        done = signals_pseudonymise_pending()
        self.stdout.write(f"{done} stories pseudonymised.")
