"""Answering through a personal link: no account, one question per page (fits a phone), every
answer stored as soon as the page is sent, so that someone can stop and go on later with the
same link. Staff entering answers taken by phone use the same pages while logged in."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from samensterk.accounts.permissions import scope_for

from . import engine, selectors, services
from .models import Invitation, Response


def _problem(request, kind: str, invitation: Invitation | None = None, status: int = 200):
    return render(
        request,
        "surveys/respond_problem.html",
        {"kind": kind, "invitation": invitation},
        status=status,
    )


def _load(request, token: str):
    """(invitation, error response): a wrong link 404, a closed round 410, a finished one the
    thank-you page."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return None, _problem(request, "wrong", status=404)
    if invitation.completed_at is not None:
        return invitation, redirect("surveys:respond_thanks", token=token)
    if not services.is_open(invitation.round):
        return invitation, _problem(request, "closed", invitation, status=410)
    return invitation, None


def _entered_by(request, invitation):
    """Staff of the organisation filling in answers taken by phone."""
    if not request.user.is_authenticated:
        return None
    organisation_id = invitation.round.questionnaire.organisation_id
    return request.user if scope_for(request.user).is_staff_of(organisation_id) else None


def _questions(invitation):
    return list(invitation.round.questionnaire.questions.order_by("position", "pk"))


def _next_after(shown, current=None):
    if current is None:
        return shown[0] if shown else None
    ids = [q.pk for q in shown]
    if current.pk in ids:
        index = ids.index(current.pk) + 1
        return shown[index] if index < len(shown) else None
    later = [q for q in shown if (q.position, q.pk) > (current.position, current.pk)]
    return later[0] if later else None


def _question_url(token, question):
    if question is None:
        return reverse("surveys:respond_review", args=[token])
    return reverse("surveys:respond_question", args=[token, question.pk])


@never_cache
def respond_start(request, token):
    invitation, problem = _load(request, token)
    if problem:
        return problem
    response = Response.objects.filter(invitation=invitation).first()
    answers = services.answers_of(response) if response else {}
    shown = engine.visible(_questions(invitation), answers)
    first_open = next((q for q in shown if q.pk not in answers), None)
    return render(
        request,
        "surveys/respond_start.html",
        {
            "invitation": invitation,
            "questionnaire": invitation.round.questionnaire,
            "token": token,
            "started": bool(answers),
            "continue_url": _question_url(token, first_open) if answers else None,
            "first_url": _question_url(token, shown[0] if shown else None),
            "count": len(shown),
            "staff": _entered_by(request, invitation) is not None,
        },
    )


@never_cache
def respond_question(request, token, question_pk):
    invitation, problem = _load(request, token)
    if problem:
        return problem
    questions = _questions(invitation)
    question = next((q for q in questions if q.pk == question_pk), None)
    if question is None:
        return _problem(request, "wrong", status=404)
    response = services.response_for(invitation, entered_by=_entered_by(request, invitation))
    answers = services.answers_of(response)
    shown = engine.visible(questions, answers)
    if question not in shown:  # a condition hides it now: on to the next one shown
        return redirect(_question_url(token, _next_after(shown, question)))
    error = ""
    value = answers.get(question.pk)
    if request.method == "POST":
        try:
            value = engine.parse(question, request.POST)
            services.answer_save(response, question, value)
        except ValidationError as problem_:
            error = " ".join(problem_.messages)
        else:
            answers[question.pk] = value
            return redirect(
                _question_url(token, _next_after(engine.visible(questions, answers), question))
            )
    index = shown.index(question)
    return render(
        request,
        "surveys/respond_question.html",
        {
            "invitation": invitation,
            "questionnaire": invitation.round.questionnaire,
            "question": question,
            "value": value,
            "error": error,
            "token": token,
            "number": index + 1,
            "count": len(shown),
            "previous_url": _question_url(token, shown[index - 1]) if index else None,
            "options": _options(question, value),
        },
        status=400 if error else 200,
    )


def _options(question, value) -> list[dict]:
    """The choices of a question with whether each is chosen (for radios and checkboxes)."""
    if question.kind == engine.Kind.YES_NO:
        pairs = [(engine.YES, _("ja"), value is True), (engine.NO, _("nee"), value is False)]
    elif question.kind == engine.Kind.SCALE:
        pairs = [
            (str(n), str(n), value == n) for n in range(question.scale_min, question.scale_max + 1)
        ]
    elif question.kind == engine.Kind.MULTIPLE:
        pairs = [(o, o, o in (value or [])) for o in question.options]
    else:
        pairs = [(o, o, o == value) for o in question.options]
    return [{"value": v, "label": label, "chosen": chosen} for v, label, chosen in pairs]


@never_cache
def respond_review(request, token):
    invitation, problem = _load(request, token)
    if problem:
        return problem
    questions = _questions(invitation)
    response = services.response_for(invitation, entered_by=_entered_by(request, invitation))
    answers = services.answers_of(response)
    shown = engine.visible(questions, answers)
    error = ""
    if request.method == "POST":
        try:
            services.response_complete(response, questions)
        except ValidationError as problem_:
            error = " ".join(problem_.messages)
        else:
            return redirect("surveys:respond_thanks", token=token)
    return render(
        request,
        "surveys/respond_review.html",
        {
            "invitation": invitation,
            "questionnaire": invitation.round.questionnaire,
            "token": token,
            "error": error,
            "rows": [
                {
                    "question": q,
                    "answer": engine.display(q, answers.get(q.pk)),
                    "url": _question_url(token, q),
                }
                for q in shown
            ],
        },
        status=400 if error else 200,
    )


@never_cache
def respond_thanks(request, token):
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return _problem(request, "wrong", status=404)
    if invitation.completed_at is None:
        return redirect("surveys:respond_start", token=token)
    return render(
        request,
        "surveys/respond_thanks.html",
        {"invitation": invitation, "questionnaire": invitation.round.questionnaire},
    )
