"""Who changed what when, for the lists kept up to date in the product (trainers, the advocate
pool, the communication calendar): written to Django's admin log, so that the admin's
"Geschiedenis" page of the object shows product and admin changes together."""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

__all__ = ["ADDITION", "CHANGE", "DELETION", "record"]


def record(user, obj, action: int, fields=()) -> None:
    """One line for `obj`; call before deleting it (it needs the primary key). `fields`: the
    names of the changed fields, shown the way the admin shows its own changes."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    message = [{"changed": {"fields": list(fields)}}] if fields else ""
    LogEntry.objects.log_actions(user.pk, [obj], action, change_message=message, single_object=True)
