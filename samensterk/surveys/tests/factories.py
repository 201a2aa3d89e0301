"""Helpers for the survey tests: a monitoring round and answering it through the services."""

from datetime import timedelta

from django.utils import timezone

from samensterk.accounts.models import LocalGroup
from samensterk.surveys import monitoring, services


def monitoring_round(organisation, user, groups, title="Monitor 2016"):
    questionnaire = monitoring.install_template(organisation, user=user)
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
    response = services.response_for(invitation)
    questions = list(invitation.round.questionnaire.questions.order_by("position", "pk"))
    by_key = {q.key: q for q in questions}
    for key, value in values.items():
        services.answer_save(response, by_key[key], value)
    if complete:
        services.response_complete(response, questions)
    return response
