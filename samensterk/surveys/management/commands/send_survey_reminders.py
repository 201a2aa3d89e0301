from django.core.management.base import BaseCommand

from samensterk.surveys.notifications import send_reminders


class Command(BaseCommand):
    help = (
        "Send survey invitations not sent yet, and a reminder to invitees of open rounds who "
        "have not finished after a week (run daily, e.g. from cron)."
    )

    def handle(self, *args, **options):
        sent, failed = send_reminders()
        self.stdout.write(f"Surveys: {sent} e-mails sent, {failed} failed (tried again later).")
