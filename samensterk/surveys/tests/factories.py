"""Helpers for the survey tests: a monitoring round and answering it through the services."""

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup
from samensterk.surveys import monitoring, services


def monitoring_round(organisation, user, groups, title="Monitor 2016"):
    questionnaire, _created = monitoring.install_template(organisation, user=user)
    return services.round_open(
        questionnaire,
        user=user,
        title=title,
        audience="groepen",
        closes_on=timezone.localdate() + timedelta(days=30),
        groups=groups,
    )


def more_groups(organisation, n):
    return [
        LocalGroup.objects.create(organisation=organisation, name=f"Ledengroep {i}", slug=f"lg-{i}")
        for i in range(n)
    ]


def answer(invitation, values: dict, *, complete=True):
    """Answer by question key (as the respondent would: value as stored)."""
    return services.answer_by_key(invitation, values, complete=complete)
