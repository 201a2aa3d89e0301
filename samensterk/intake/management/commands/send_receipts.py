from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from samensterk.intake.models import SignalContact
from samensterk.intake.notifications import send_receipt


class Command(BaseCommand):
    help = "Send receipts that could not be sent when the signal came in (mail server down)."

    def handle(self, *args, **options):
        pending = (
            SignalContact.objects.filter(
                receipt_sent_at__isnull=True,
                signal__channel="meldknop",
                signal__created_at__gte=timezone.now() - timedelta(days=7),
            )
            .exclude(email="")
            .select_related("signal", "signal__group")
        )
        sent = sum(1 for contact in pending if send_receipt(contact))
        self.stdout.write(f"Receipts: {sent} sent, {len(pending) - sent} still pending.")
