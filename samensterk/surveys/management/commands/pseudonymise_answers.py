from django.core.management.base import BaseCommand

from samensterk.surveys.tasks import pseudonymise_answers


class Command(BaseCommand):
    help = (
        "Catch up with the text answers still waiting to be pseudonymised (a lost task, or "
        "answers given before they were): enqueues the work for the task worker. Run it hourly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="pseudonymise in this process instead (when no worker runs; loads deduce)",
        )

    def handle(self, *args, now, **options):
        if now:
            done = pseudonymise_answers.call()
            self.stdout.write(f"{done} answers pseudonymised.")
        else:
            pseudonymise_answers.enqueue()
            self.stdout.write("Pseudonymisation of the waiting answers queued for the worker.")
