"""E-mails to reporters. A failing mail server never loses a signal: tasks.py retries them."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Signal, SignalContact, Status, tracking_code_for

logger = logging.getLogger(__name__)

# The changes a reporter hears about: staff took it up, or it reached an end. Not the steps in
# between (discussed, handed over), and never the reporter's own withdrawal.
STATUS_MAILED = {Status.IN_PROGRESS, Status.BUNDLED, Status.NO_ACTION, Status.CLOSED}


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


def status_address(signal: Signal) -> str:
    """Where a status e-mail for the signal goes: "" unless the reporter asked for news by
    e-mail, still has their contact details with us and has not withdrawn, and the status is
    one they hear about."""
    if signal.status not in STATUS_MAILED or not signal.consent_contact or signal.is_withdrawn:
        return ""
    contact = SignalContact.objects.filter(
        signal=signal, status_mail=True, erased_at__isnull=True
    ).first()
    return contact.email if contact else ""


def status_mail_expected(signal: Signal) -> bool:
    """Whether the reporter hears of a change to a status in STATUS_MAILED: staff are told."""
    if not signal.consent_contact or signal.is_withdrawn:
        return False
    return (
        SignalContact.objects.filter(signal=signal, status_mail=True, erased_at__isnull=True)
        .exclude(email="")
        .exists()
    )


def send_status(signal: Signal, address: str) -> None:
    """The new status in words and the tracking link; no story, no staff names. Raises when the
    mail server fails."""
    context = {
        "signal": signal,
        "sender": signal.group.name if signal.group else signal.organisation.office_name,
        "site_url": settings.SITE_URL,
    }
    with translation.override("nl"):
        context["status"] = signal.get_status_display()
        subject = render_to_string("intake/email/status_subject.txt", context).strip()
        body = render_to_string("intake/email/status_body.txt", context)
    send_mail(subject, body, None, [address], fail_silently=False)
