from django.core.management.base import BaseCommand

from samensterk.network.notifications import send_digest


class Command(BaseCommand):
    help = (
        "E-mail each member whom to contact again and what was agreed for the coming week "
        "(run weekly, e.g. Monday morning from cron)."
    )

    def handle(self, *args, **options):
        sent, failed = send_digest()
        self.stdout.write(f"Network digest: {sent} e-mails sent, {failed} failed.")
