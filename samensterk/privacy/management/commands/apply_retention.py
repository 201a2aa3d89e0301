from django.core.management.base import BaseCommand

from samensterk.privacy.services import apply_retention


class Command(BaseCommand):
    help = "Erase contact details of signals closed longer than the retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="override RETENTION_CONTACT_DAYS"
        )

    def handle(self, *args, days=None, **options):
        result = apply_retention(contact_days=days)
        self.stdout.write(
            f"Retention ({result['retention_days']} days after closing): "
            f"{result['contacts_erased']} contact records erased; "
            f"{result['network_people_erased']} network people who left their role erased."
        )
