from django.core.management.base import BaseCommand

from samensterk.intake.tasks import pseudonymise_pending


class Command(BaseCommand):
    help = (
        "Catch up with the stories still waiting to be pseudonymised (a task that was lost or "
        "failed): enqueues the work for the task worker. Run it hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="pseudonymise in this process instead (when no worker runs; loads deduce)",
        )

    def handle(self, *args, now, **options):
        if now:
            done = pseudonymise_pending.call()
            self.stdout.write(f"{done} stories pseudonymised.")
        else:
            pseudonymise_pending.enqueue()
            self.stdout.write("Pseudonymisation of the waiting stories queued for the worker.")
