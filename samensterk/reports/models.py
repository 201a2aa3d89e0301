"""Figures for dashboards and reports.

SignalRollup holds how many signals there are per organisation, group, municipality, confirmed
theme and month (Europe/Amsterdam): dashboards read these few thousand rows instead of counting
a million signals. Database triggers (migration 0001) keep it exact on every insert, update and
delete of a signal, whichever code path makes the change (forms, imports, bulk updates,
retention); `rollup.rebuild()` recounts it from scratch. A withdrawn signal no longer counts.
Zero stands for "none" (the national office, no municipality, no theme yet).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalRollup(models.Model):
    organisation_id = models.IntegerField()
    group_id = models.IntegerField(default=0)
    municipality_id = models.IntegerField(default=0)
    theme_id = models.IntegerField(default=0)
    month = models.DateField()
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation_id", "group_id", "municipality_id", "theme_id", "month"],
                name="one_rollup_row_per_cell",
            )
        ]
        indexes = [
            models.Index(fields=["group_id", "month"], name="rollup_group_month"),
            models.Index(fields=["organisation_id", "month"], name="rollup_org_month"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.group_id}/{self.month}: {self.n}"
