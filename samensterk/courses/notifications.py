"""E-mails to participants: the confirmation (or waiting-list message) with the session as an
iCal attachment, the place that came free, and a reminder two days before."""

import logging
from datetime import timedelta

import vobject
from dateutil import tz
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Registration, RegistrationStatus, Session

logger = logging.getLogger(__name__)
REMIND_DAYS_BEFORE = 2


def session_ical(session: Session) -> str:
    calendar = vobject.iCalendar()
    event = calendar.add("vevent")
    event.add("uid").value = f"cursusdag-{session.pk}@samensterk"
    event.add("dtstart").value = session.starts_at.astimezone(tz.tzutc())
    event.add("dtend").value = session.ends_at.astimezone(tz.tzutc())
    event.add("summary").value = session.course_type.name
    event.add("location").value = session.place or session.online_url or ""
    return calendar.serialize()


def send(registration: Registration, template: str) -> bool:
    session = registration.session
    context = {
        "registration": registration,
        "session": session,
        "link": settings.SITE_URL + registration.get_absolute_url(),
        "waiting": registration.status == RegistrationStatus.WAITING,
    }
    with translation.override("nl"):
        subject = render_to_string(f"courses/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"courses/email/{template}_body.txt", context)
    message = EmailMessage(subject, body, to=[registration.email])
    try:
        if registration.status == RegistrationStatus.CONFIRMED:
            message.attach("cursusdag.ics", session_ical(session), "text/calendar")
        message.send()
    except Exception:  # a failing mail server never loses a registration
        logger.warning("Course mail %s to registration %s not sent.", template, registration.pk,
                       exc_info=True)  # fmt: skip
        return False
    return True


def send_reminders(now=None) -> int:
    """Confirmed participants of sessions starting within two days, once."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        session__cancelled_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("session", "session__course_type")
    sent = 0
    for registration in due:
        if send(registration, "reminder"):
            Registration.objects.filter(pk=registration.pk).update(reminded_at=now)
            sent += 1
    return sent
