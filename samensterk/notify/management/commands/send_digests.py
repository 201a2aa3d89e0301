from django.core.management.base import BaseCommand

from samensterk.notify.mail import catch_up, send_digests


class Command(BaseCommand):
    help = (
        "E-mail each person's daily overview of notifications, and enqueue direct e-mails still "
        "unsent after the worker's attempts (run daily, e.g. from a systemd timer)."
    )

    def handle(self, *args, **options):
        sent, failed = send_digests()
        again = catch_up()
        self.stdout.write(
            f"Overviews: {sent} e-mails sent, {failed} failed (tried again next run); "
            f"{again} direct e-mails enqueued again."
        )
