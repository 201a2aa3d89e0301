"""Changes to questionnaires, rounds and responses. Callers fetch through selectors (access);
these functions keep the rules: a questionnaire with a round is never changed (a new version is
a copy), conditions point at earlier questions, answers are stored page by page."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.tokens import new_nonce

from . import engine
from .models import (
    CHOICE_KINDS,
    TEXT_KINDS,
    Answer,
    Invitation,
    Kind,
    Question,
    Questionnaire,
    Response,
    Round,
    Section,
)

LOCKED = gettext_lazy(
    "Deze vragenlijst is al verstuurd. Maak een nieuwe versie om iets te veranderen; de "
    "antwoorden die er al zijn, blijven bij de oude versie."
)
CONDITION_LATER = gettext_lazy("Een voorwaarde kan alleen naar een eerdere vraag verwijzen.")
CONDITION_KIND = gettext_lazy(
    "Een voorwaarde kan alleen op een vraag met antwoorden om te kiezen (ook ja/nee of een schaal)."
)
CONDITION_VALUES = gettext_lazy("Kies bij de voorwaarde één of meer antwoorden van die vraag.")
OPTIONS_NEEDED = gettext_lazy(
    "Zet bij deze soort vraag minstens twee antwoorden, elk op een regel."
)
ROWS_NEEDED = gettext_lazy("Zet bij een tabel minstens één onderdeel, elk op een regel.")
SCALE_RANGE = gettext_lazy("De schaal moet van laag naar hoog gaan, met hoogstens 11 stappen.")
ROUND_CLOSED = gettext_lazy("Deze ronde is gesloten.")
NOBODY = gettext_lazy("Kies wie de vragenlijst krijgen.")
CLOSES_IN_PAST = gettext_lazy("De sluitdatum moet vandaag of later zijn.")

CONDITIONAL_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO, Kind.SCALE}


def is_locked(questionnaire: Questionnaire) -> bool:
    return questionnaire.rounds.exists()


def _require_unlocked(questionnaire: Questionnaire) -> None:
    if is_locked(questionnaire):
        raise ValidationError(LOCKED)


def condition_choices(question: Question) -> list[str]:
    """The answers a condition on this question can name."""
    if question.kind == Kind.YES_NO:
        return [engine.YES, engine.NO]
    if question.kind == Kind.SCALE:
        return [str(n) for n in range(question.scale_min, question.scale_max + 1)]
    return list(question.options)


def _check_question(question: Question) -> None:
    errors: dict[str, list] = {}
    if question.kind in CHOICE_KINDS and len(question.options) < 2:
        errors["options"] = [OPTIONS_NEEDED]
    if question.kind == Kind.MATRIX and not question.rows:
        errors["rows"] = [ROWS_NEEDED]
    if question.kind == Kind.SCALE and not (
        question.scale_min < question.scale_max and question.scale_max - question.scale_min <= 10
    ):
        errors["scale_max"] = [SCALE_RANGE]
    condition = question.condition_question
    if condition is not None:
        if condition.questionnaire_id != question.questionnaire_id or (
            question.pk and condition.position >= question.position
        ):
            errors["condition_question"] = [CONDITION_LATER]
        elif condition.kind not in CONDITIONAL_KINDS:
            errors["condition_question"] = [CONDITION_KIND]
        elif not question.condition_values or not set(question.condition_values) <= set(
            condition_choices(condition)
        ):
            errors["condition_values"] = [CONDITION_VALUES]
    else:
        question.condition_values = []
    if errors:
        raise ValidationError(errors)


def _unique_key(questionnaire: Questionnaire, text: str, exclude=None) -> str:
    base = slugify(text)[:50] or "vraag"
    taken = set(questionnaire.questions.exclude(pk=exclude).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def question_save(question: Question) -> Question:
    """Add or change a question of an unlocked questionnaire (the caller fills its fields)."""
    questionnaire = question.questionnaire
    _require_unlocked(questionnaire)
    if question.pk is None:
        last = questionnaire.questions.aggregate(m=Max("position"))["m"]
        question.position = 0 if last is None else last + 1
        question.key = question.key or _unique_key(questionnaire, question.text)
    _check_question(question)
    question.save()
    return question


def question_move(question: Question, *, up: bool) -> None:
    _require_unlocked(question.questionnaire)
    siblings = list(question.questionnaire.questions.order_by("position", "pk"))
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    first, second = sorted([siblings[index], siblings[other]], key=lambda q: q.position)
    if second.condition_question_id == first.pk:
        raise ValidationError(
            _("‘%(later)s’ hangt af van ‘%(earlier)s’ en moet daarna blijven komen.")
            % {"later": second.text, "earlier": first.text}
        )
    siblings[index], siblings[other] = siblings[other], siblings[index]
    with transaction.atomic():
        for position, sibling in enumerate(siblings):
            if sibling.position != position:
                Question.objects.filter(pk=sibling.pk).update(position=position)


def question_delete(question: Question) -> None:
    _require_unlocked(question.questionnaire)
    dependants = list(question.dependants.all())
    if dependants:
        raise ValidationError(
            _("Deze vraag kan niet weg: %(names)s hangt ervan af. Haal eerst die voorwaarde weg.")
            % {"names": ", ".join(f"‘{d.text}’" for d in dependants)}
        )
    question.delete()


@transaction.atomic
def new_version(questionnaire: Questionnaire, *, user) -> Questionnaire:
    """A copy to change: same questions and keys, conditions pointing at the copies."""
    family = questionnaire.family_id or questionnaire.pk
    newest = Questionnaire.objects.filter(Q(pk=family) | Q(family_id=family)).aggregate(
        m=Max("version")
    )["m"]
    copy = Questionnaire.objects.create(
        organisation=questionnaire.organisation,
        title=questionnaire.title,
        intro=questionnaire.intro,
        purpose=questionnaire.purpose,
        anonymous=questionnaire.anonymous,
        family_id=family,
        version=newest + 1,
        created_by=user,
    )
    sections = {}
    for section in questionnaire.sections.all():
        sections[section.pk] = Section.objects.create(
            questionnaire=copy, title=section.title, position=section.position
        )
    copies: dict[int, Question] = {}
    for question in questionnaire.questions.order_by("position", "pk"):
        old_pk, condition = question.pk, question.condition_question_id
        question.pk = None
        question.questionnaire = copy
        question.section = sections.get(question.section_id)
        question.condition_question = copies.get(condition)
        question.save()
        copies[old_pk] = question
    return copy


# --- Rounds ---------------------------------------------------------------------------------


@transaction.atomic
def round_open(
    questionnaire: Questionnaire,
    *,
    user,
    title: str,
    audience: str,
    closes_on,
    groups=(),
    panel_members=(),
    people=(),
) -> Round:
    """A round with one invitation per group, panel member or person (name, e-mail)."""
    if closes_on < timezone.localdate():
        raise ValidationError({"closes_on": [CLOSES_IN_PAST]})
    if not (groups or panel_members or people):
        raise ValidationError(NOBODY)
    survey_round = Round.objects.create(
        questionnaire=questionnaire,
        title=title,
        audience=audience,
        closes_on=closes_on,
        opened_at=timezone.now(),
        created_by=user,
    )
    invitations = [
        Invitation(round=survey_round, group=g, name=g.name, nonce=new_nonce()) for g in groups
    ]
    invitations += [
        Invitation(
            round=survey_round, panel_member=m, name=m.name, email=m.email, nonce=new_nonce()
        )
        for m in panel_members
        if m.active
    ]
    invitations += [
        Invitation(round=survey_round, name=name, email=email, nonce=new_nonce())
        for name, email in people
    ]
    Invitation.objects.bulk_create(invitations)
    return survey_round


def round_close(survey_round: Round) -> None:
    survey_round.closed_at = timezone.now()
    survey_round.save(update_fields=["closed_at"])


def is_open(survey_round: Round, today=None) -> bool:
    today = today or timezone.localdate()
    return survey_round.closed_at is None and survey_round.closes_on >= today


# --- Answering ------------------------------------------------------------------------------


def response_for(invitation: Invitation, *, entered_by=None) -> Response:
    """The invitee's response in progress (made on the first answer page)."""
    response = Response.objects.filter(invitation=invitation).first()
    if response is None:
        member = invitation.panel_member
        response = Response.objects.create(
            round=invitation.round,
            invitation=invitation,
            group=invitation.group,
            municipality=member.municipality if member else None,
            themes=sorted(member.themes.values_list("name", flat=True)) if member else [],
            entered_by=entered_by,
        )
        Invitation.objects.filter(pk=invitation.pk, started_at__isnull=True).update(
            started_at=timezone.now()
        )
    elif entered_by is not None and response.entered_by_id is None:
        response.entered_by = entered_by
        response.save(update_fields=["entered_by"])
    return response


def answers_of(response: Response) -> dict[int, object]:
    return dict(response.answers.values_list("question_id", "value"))


def answer_save(response: Response, question: Question, value) -> None:
    if not is_open(response.round):
        raise ValidationError(ROUND_CLOSED)
    if value is None:
        Answer.objects.filter(response=response, question=question).delete()
    else:
        Answer.objects.update_or_create(
            response=response,
            question=question,
            defaults={"value": value, "text_pseudonymised": ""},
        )


@transaction.atomic
def response_complete(response: Response, questions: list[Question]) -> None:
    """Finish: every required question shown must be answered; answers to questions no longer
    shown (an earlier answer changed) are dropped; an anonymous response loses its invitee."""
    if not is_open(response.round):
        raise ValidationError(ROUND_CLOSED)
    answers = answers_of(response)
    shown = engine.visible(questions, answers)
    missing = [q for q in shown if q.required and engine.is_empty(answers.get(q.pk))]
    if missing:
        raise ValidationError(
            _("Nog niet alles is ingevuld: ‘%(question)s’ moet je beantwoorden.")
            % {"question": missing[0].text},
            code=f"missing:{missing[0].key}",
        )
    shown_ids = {q.pk for q in shown}
    response.answers.exclude(question_id__in=shown_ids).delete()
    invitation = response.invitation
    now = timezone.now()
    response.completed_at = now
    if response.round.questionnaire.anonymous:
        response.invitation = None
    response.save(update_fields=["completed_at", "invitation"])
    Invitation.objects.filter(pk=invitation.pk).update(completed_at=now)
    if response.answers.filter(question__kind__in=TEXT_KINDS).exists():
        from .tasks import pseudonymise_answers

        # Once committed, so that the worker finds the answers (on its own connection).
        transaction.on_commit(partial(pseudonymise_answers.enqueue, response.pk))


def answer_by_key(invitation: Invitation, values: dict, *, complete: bool = True) -> Response:
    """Store answers given by question key, as stored values (demo data, tests, imports)."""
    response = response_for(invitation)
    questions = list(invitation.round.questionnaire.questions.order_by("position", "pk"))
    by_key = {q.key: q for q in questions}
    for key, value in values.items():
        answer_save(response, by_key[key], value)
    if complete:
        response_complete(response, questions)
    return response


@transaction.atomic
def panel_signup(organisation, *, name, email, municipality, relation, themes=(), consent=True):
    """Someone signs up with consent; a known address gets its own link again, unchanged."""
    from .models import PanelMember
    from .notifications import send_panel_welcome

    member = PanelMember.objects.filter(organisation=organisation, email__iexact=email).first()
    if member is not None and member.opted_out_at is not None:  # back again, with new consent
        member.opted_out_at = None
        member.consent_at = timezone.now()
        member.save(update_fields=["opted_out_at", "consent_at"])
    if member is None:
        member = PanelMember.objects.create(
            organisation=organisation,
            name=name,
            email=email,
            municipality=municipality,
            relation=relation,
            consent_at=timezone.now(),
            secret=new_nonce(),
        )
        member.themes.set(themes)
    transaction.on_commit(lambda: send_panel_welcome(member))
    return member


# --- Data-subject requests (privacy.subjects) -----------------------------------------------


def _invitations_erase(invitations) -> None:
    """Who was invited is erased and their link stops working; the invitation stays, so the
    round's response rate stays right, and its answers stay without a name (as an anonymous
    questionnaire keeps them)."""
    invitations = list(invitations)
    Response.objects.filter(invitation__in=invitations).update(invitation=None)
    for invitation in invitations:
        invitation.panel_member = None
        invitation.name = ""
        invitation.email = ""
        invitation.nonce = new_nonce()
        invitation.save(update_fields=["panel_member", "name", "email", "nonce"])


@transaction.atomic
def invitation_erase(*, invitation: Invitation) -> None:
    """On the invitee's own request: their name and address go, the link stops working."""
    _invitations_erase([invitation])


@transaction.atomic
def panel_member_erase(*, member) -> None:
    """On the member's own request: they leave the panel and their record is deleted (their
    personal link stops working); the rounds they were invited to keep their figures, without
    a name (see _invitations_erase)."""
    _invitations_erase(member.invitations.all())
    member.delete()
