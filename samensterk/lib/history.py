"""Who changed what when, for the lists kept up to date in the product (trainers, the advocate
pool, the communication calendar): written to Django's admin log, so that the admin's
"Geschiedenis" page of the object shows product and admin changes together."""

from __future__ import annotations

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import ValidationError

__all__ = ["ADDITION", "CHANGE", "DELETION", "changed_labels", "delete_unless", "record"]


def record(user, obj, action: int, fields=()) -> None:
    """One line for `obj`; call before deleting it (it needs the primary key). `fields`: the
    names of the changed fields, shown the way the admin shows its own changes."""
    if user is None or not getattr(user, "is_authenticated", False):
        return
    message = [{"changed": {"fields": list(fields)}}] if fields else ""
    LogEntry.objects.log_actions(user.pk, [obj], action, change_message=message, single_object=True)


def changed_labels(form) -> list[str]:
    """The labels of the fields a bound form changed, for `record`."""
    return [str(form.fields[name].label) for name in form.changed_data]


def delete_unless(obj, *, user, can_delete, refusal) -> None:
    """Delete `obj` with a line in the history, unless `can_delete(obj)` (read under a row
    lock, inside the caller's transaction) says history depends on it: then the Dutch
    `refusal` as a ValidationError."""
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not can_delete(locked):
        raise ValidationError(refusal)
    record(user, locked, DELETION)
    locked.delete()
