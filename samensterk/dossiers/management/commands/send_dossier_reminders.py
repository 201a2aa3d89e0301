from django.core.management.base import BaseCommand

from samensterk.dossiers.notifications import send_reminders


class Command(BaseCommand):
    help = "E-mail the owners of dossier actions that are due (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        sent, failed = send_reminders()
        self.stdout.write(f"Reminders: {sent} e-mails sent, {failed} failed (tried again later).")
