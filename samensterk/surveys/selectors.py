"""Permission-checked reads of questionnaires, rounds and results.

- National staff and administrators of an organisation: its questionnaires, rounds, results
  and panel (they build and send them).
- A group's members: their own group's monitoring answers over the rounds; its coordinators also
  the panel results of the group's municipalities (under disclosure.py), nothing else.
- Respondents: through their personal link only (respond views).
Anything else answers 404.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from samensterk.accounts.models import LocalGroup
from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import require_staff
from samensterk.privacy import tokens

from .models import Audience, Invitation, PanelMember, Purpose, Questionnaire, Response, Round


def questionnaires_for_user(user) -> QuerySet[Questionnaire]:
    return (
        Questionnaire.objects.filter(organisation__in=require_staff(user))
        .annotate(round_count=Count("rounds"))
        .select_related("organisation")
        .order_by("title", "-version")
    )


def questionnaire_get_for_user(user, pk: int) -> Questionnaire:
    found = questionnaires_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def rounds_for_user(user) -> QuerySet[Round]:
    return Round.objects.filter(questionnaire__organisation__in=require_staff(user)).select_related(
        "questionnaire"
    )


def round_get_for_user(user, pk: int) -> Round:
    found = rounds_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def invitation_get_for_user(user, round_pk: int, pk: int) -> Invitation:
    survey_round = round_get_for_user(user, round_pk)
    found = survey_round.invitations.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def panel_for_user(user) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(organisation__in=require_staff(user)).select_related(
        "municipality"
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a personal link belongs to, or None for a wrong link."""
    invitations = Invitation.objects.select_related(
        "round", "round__questionnaire", "group", "panel_member"
    )
    return tokens.find("invitation", token, invitations, "nonce")


def panel_member_by_token(token: str) -> PanelMember | None:
    return tokens.find("panel", token, PanelMember.objects.all(), "secret")


def group_monitoring_for_user(user, slug: str):
    """A group's own monitoring answers over the rounds: (group, [(round, response)])."""
    scope = scope_for(user)
    group = LocalGroup.objects.filter(scope.groups_filter(), slug=slug).first()
    if group is None:
        raise Http404
    responses = (
        Response.objects.filter(
            group=group,
            completed_at__isnull=False,
            round__questionnaire__purpose=Purpose.MONITORING,
            round__questionnaire__organisation=group.organisation,
        )
        .select_related("round", "round__questionnaire")
        .prefetch_related("answers", "answers__question")
        .order_by("round__opened_at", "pk")
    )
    return group, list(responses)


def closed_q(today=None) -> Q:
    """Rounds whose answers are in. Results go to members and groups only then: while a round
    is open, comparing the results before and after one more answer would tell that answer."""
    return Q(closed_at__isnull=False) | Q(closes_on__lt=today or timezone.localdate())


def rounds_taken_part(member: PanelMember) -> QuerySet[Round]:
    """The closed panel rounds a member completed (whose overall results they may see)."""
    return (
        Round.objects.filter(
            Q(invitations__panel_member=member) & Q(invitations__completed_at__isnull=False)
        )
        .filter(closed_q())
        .distinct()
    )


def group_panel_for_user(user, slug: str):
    """A group the user coordinates (or manages as national staff) and its organisation's
    panel rounds, newest first: (group, rounds)."""
    scope = scope_for(user)
    group = LocalGroup.objects.filter(scope.groups_filter(), slug=slug).first()
    if group is None or not (
        scope.can_manage_group(group) or scope.is_staff_of(group.organisation_id)
    ):
        raise Http404
    rounds = (
        Round.objects.filter(
            questionnaire__organisation=group.organisation,
            audience=Audience.PANEL,
            opened_at__isnull=False,
        )
        .filter(closed_q())
        .select_related("questionnaire")
        .order_by("-opened_at", "-pk")
    )
    return group, list(rounds)
