"""Telling people about work given to them: services.notify() is what other apps call.

The notification is stored (the person's page shows it) and, as the person chose for its kind,
e-mailed at once by the task worker, gathered into the daily overview (send_digests), or not
e-mailed. Subject and body may be lazy translations (format_lazy): they are made into text in
the recipient's language, not the language of whoever caused them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation

from samensterk.accounts.models import User

from .models import Delivery, Kind, MailLanguage, Notification, Preference

SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length
BODY_LENGTH = Notification._meta.get_field("body").max_length


def language_for(user) -> str:
    if user is None:
        return settings.LANGUAGE_CODE
    chosen = MailLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def delivery_for(user, kind: str) -> str:
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True)
    return chosen.first() or Delivery.DIRECT


def preferences_of(user) -> dict[str, str]:
    """Every kind with how the person gets it."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.DIRECT) for kind in Kind.values}


@transaction.atomic
def preferences_save(user, *, deliveries: dict[str, str], language: str) -> None:
    for kind, delivery in deliveries.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    MailLanguage.objects.update_or_create(user=user, defaults={"language": language})


def _text(value, language: str, length: int) -> str:
    with translation.override(language):
        return str(value)[:length]


def notify(user, kind: str, subject, body, link: str = "", *, actor=None) -> Notification | None:
    """Tell `user` (an account) about `kind`; `link` is a path on this site. Nobody is told about
    what they did themselves (`actor`), nor someone without an active account or e-mail."""
    if user is None or not user.is_active or not user.email:
        return None
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        return None
    language = language_for(user)
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        subject=_text(subject, language, SUBJECT_LENGTH),
        body=_text(body, language, BODY_LENGTH),
        link=link,
        delivery=delivery_for(user, kind),
    )
    if notification.delivery == Delivery.DIRECT:
        _mail_on_commit(notification)
    return notification


def notify_address(address: str, kind: str, subject, body, *, actor=None) -> Notification | None:
    """Tell someone who has no account (a trainer known by e-mail address only): at once, in
    Dutch, without preferences. When the address belongs to an account, that person's
    preferences count (notify)."""
    if not address:
        return None
    user = User.objects.filter(email__iexact=address.strip()).first()
    if user is not None:
        return notify(user, kind, subject, body, actor=actor)
    notification = Notification.objects.create(
        address=address,
        kind=kind,
        subject=_text(subject, settings.LANGUAGE_CODE, SUBJECT_LENGTH),
        body=_text(body, settings.LANGUAGE_CODE, BODY_LENGTH),
        delivery=Delivery.DIRECT,
    )
    _mail_on_commit(notification)
    return notification


def forget_address(address: str) -> int:
    """On the request of someone without an account (a trainer): what they were sent goes."""
    if not address:
        return 0
    return Notification.objects.filter(user=None, address__iexact=address).delete()[0]


def _mail_on_commit(notification: Notification) -> None:
    from .tasks import enqueue_on_commit, mail_notification

    enqueue_on_commit(mail_notification, notification.pk)
