from django.core.management.base import BaseCommand

from samensterk.courses.notifications import send_reminders


class Command(BaseCommand):
    help = "E-mail participants of sessions starting within two days (run daily, e.g. cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"Courses: {send_reminders()} reminders sent.")
