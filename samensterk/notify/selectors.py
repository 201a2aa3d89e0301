"""Reads of notifications: a person only ever sees their own."""

from django.db.models import QuerySet

from .models import Notification

RECENT = 20


def notifications_for(user, limit: int = RECENT) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")[:limit]
