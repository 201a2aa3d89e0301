"""E-mails to reporters. A failing mail server never loses a signal: receipts are retried."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import SignalContact
from .services import tracking_code_for

logger = logging.getLogger(__name__)


def send_receipt(contact: SignalContact) -> bool:
    """Send the receipt with the tracking code; True when sent. Never raises."""
    if not contact.email or contact.receipt_sent_at is not None:
        return False
    signal = contact.signal
    context = {
        "signal": signal,
        "group": signal.group,
        "code": tracking_code_for(signal.submission_id),
        "site_url": settings.SITE_URL,
    }
    with translation.override("nl"):
        subject = render_to_string("intake/email/receipt_subject.txt", context).strip()
        body = render_to_string("intake/email/receipt_body.txt", context)
    try:
        send_mail(subject, body, None, [contact.email], fail_silently=False)
    except Exception:  # any mail failure: keep the signal, retry later
        logger.warning("Receipt for %s not sent; will be retried.", signal.reference, exc_info=True)
        return False
    contact.receipt_sent_at = timezone.now()
    contact.save(update_fields=["receipt_sent_at"])
    return True
