from django.core.management.base import BaseCommand

from samensterk.privacy.tasks import apply_retention


class Command(BaseCommand):
    help = "Erase contact details of signals closed longer than the retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="override RETENTION_CONTACT_DAYS"
        )
        parser.add_argument(
            "--queue", action="store_true", help="leave it to the task worker instead of now"
        )

    def handle(self, *args, days=None, queue=False, **options):
        if queue:
            apply_retention.enqueue(contact_days=days)
            self.stdout.write("Retention queued for the task worker.")
            return
        result = apply_retention.call(contact_days=days)
        self.stdout.write(
            f"Retention ({result['retention_days']} days after closing): "
            f"{result['contacts_erased']} contact records erased; "
            f"{result['network_people_erased']} network people who left their role erased."
        )
