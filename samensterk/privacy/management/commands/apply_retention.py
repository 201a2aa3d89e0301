from django.core.management.base import BaseCommand

from samensterk.privacy.tasks import apply_retention


class Command(BaseCommand):
    help = (
        "Erase contact details of signals older than the retention period, whatever their "
        "status, and the other personal data past its term; report per step (run daily)."
    )

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
            f"Retention ({result['retention_days']} days after receipt): "
            f"{result['contacts_erased']} contact records erased; "
            f"{result['network_people_erased']} network people who left their role erased; "
            f"{result['stories_pseudonymised']} stories pseudonymised; "
            f"{result['still_due']} still due."
        )
        for name, counts in result["steps"].items():
            done = ", ".join(
                f"{value} {key.replace('_', ' ')}"
                for key, value in counts.items()
                if key != "still_due"
            )
            self.stdout.write(
                f"- {name}: {done or 'nothing to do'}; still due: {counts['still_due']}"
            )
        if result["still_due"]:
            # Past its term and still there after the run: the operator must look at it.
            self.stderr.write(f"{result['still_due']} items are past their term and still kept.")
