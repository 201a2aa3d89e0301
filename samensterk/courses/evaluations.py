"""Evaluations of sessions through the survey engine: a ready questionnaire, a round per session
for its participants, and the results per course type and per trainer — over all their
sessions' rounds, under the one rule for survey results (surveys/disclosure.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.surveys import disclosure
from samensterk.surveys import services as survey_services
from samensterk.surveys.models import Answer, Kind, Purpose, Question, Questionnaire, Response
from samensterk.surveys.results import option_labels, percent

from .models import RegistrationStatus, Session

TITLE = "Evaluatie van de cursusdag"
MARK = {"scale_min": 1, "scale_max": 10, "scale_min_label": "slecht",
        "scale_max_label": "heel goed"}  # fmt: skip
QUESTIONS = [
    ("cijfer", Kind.SCALE, "Welk cijfer geef je de cursusdag?", True, MARK),
    ("geleerd", Kind.YES_NO, "Heb je genoeg geleerd om mee aan de slag te gaan?", True, {}),
    ("trainer", Kind.SCALE, "Welk cijfer geef je de trainer(s)?", True, MARK),
    ("beter", Kind.LONG_TEXT, "Wat kan er beter?", False, {}),
]  # fmt: skip
NOBODY_THERE = gettext_lazy("Vink eerst aan wie er waren: zij krijgen de evaluatie.")
ALREADY_SENT = gettext_lazy("De evaluatie van deze cursusdag is al verstuurd.")
EVALUATION_DAYS = 14


def evaluation_questionnaire(organisation, *, user=None) -> Questionnaire:
    """The organisation's course evaluation (the newest version), made on first use."""
    found = (
        Questionnaire.objects.filter(organisation=organisation, purpose=Purpose.COURSE)
        .order_by("-version", "-pk")
        .first()
    )
    if found is not None:
        return found
    questionnaire = Questionnaire.objects.create(
        organisation=organisation, title=TITLE, purpose=Purpose.COURSE, anonymous=True,
        intro="Vier korte vragen over de cursusdag. Je antwoorden zijn anoniem.", created_by=user,
    )  # fmt: skip
    for position, (key, kind, text, required, extra) in enumerate(QUESTIONS):
        Question.objects.create(
            questionnaire=questionnaire, key=key, kind=kind, text=text, required=required,
            position=position, **extra,
        )  # fmt: skip
    return questionnaire


@transaction.atomic
def send_evaluation(session: Session, *, user):
    """A round of the course evaluation for who was there; invitations go out by e-mail."""
    from samensterk.surveys.notifications import send_invitations

    if session.evaluation_id:
        raise ValidationError(ALREADY_SENT)
    present = session.registrations.filter(status=RegistrationStatus.CONFIRMED, attended=True)
    if not present.exists():
        raise ValidationError(NOBODY_THERE)
    questionnaire = evaluation_questionnaire(session.course_type.organisation, user=user)
    survey_round = survey_services.round_open(
        questionnaire,
        user=user,
        title=f"{session.course_type.name}, {timezone.localtime(session.starts_at):%d-%m-%Y}",
        audience="mensen",
        closes_on=timezone.localdate() + timedelta(days=EVALUATION_DAYS),
        people=[(r.name, r.email) for r in present],
    )
    session.evaluation = survey_round
    session.save(update_fields=["evaluation"])
    transaction.on_commit(lambda: send_invitations(survey_round))
    return survey_round


@dataclass
class Summary:
    """Results of the evaluations of a set of sessions, under the survey disclosure rule: all
    or nothing, at the respondent threshold."""

    label: str
    sessions: int
    respondents: int | None  # None when hidden: the count itself is not told
    questions: list = field(default_factory=list)  # (text, average or None, [(label, n, %)])
    hidden: bool = False
    k: int = 10


def summarise(label: str, sessions) -> Summary:
    rounds = [s.evaluation_id for s in sessions if s.evaluation_id]
    responses = Response.objects.filter(round__in=rounds, completed_at__isnull=False)
    k = disclosure.threshold()
    respondents = responses.count()
    summary = Summary(label, len(sessions), respondents, k=k)
    if respondents < k:
        summary.hidden = bool(respondents)
        summary.respondents = None if respondents else 0
        return summary
    values: dict[str, list] = {}
    questions: dict[str, Question] = {}
    for answer in Answer.objects.filter(response__in=responses).select_related("question"):
        if answer.question.kind in (Kind.SCALE, Kind.YES_NO, Kind.SINGLE):
            values.setdefault(answer.question.key, []).append(answer.value)
            questions.setdefault(answer.question.key, answer.question)
    for key, question in questions.items():
        found = values[key]
        counts = Counter(
            (_("ja") if v else _("nee")) if isinstance(v, bool) else str(v) for v in found
        )
        numbers = [v for v in found if isinstance(v, int) and not isinstance(v, bool)]
        average = round(sum(numbers) / len(numbers), 1) if numbers else None
        rows = [
            (label, counts[label], percent(counts[label], len(found)))
            for label in option_labels(question)
        ]
        summary.questions.append((question.text, average, rows))
    return summary


def results_for(user):
    """Per course type and per trainer, over the sessions with an evaluation."""
    from . import selectors

    sessions = list(
        selectors.sessions_for_user(user)
        .filter(evaluation__isnull=False)
        .prefetch_related("trainers")
    )
    by_type: dict = {}
    by_trainer: dict = {}
    for session in sessions:
        by_type.setdefault(session.course_type.name, []).append(session)
        for trainer in session.trainers.all():
            by_trainer.setdefault(trainer.name, []).append(session)
    return (
        [summarise(name, items) for name, items in sorted(by_type.items())],
        [summarise(name, items) for name, items in sorted(by_trainer.items())],
    )
