"""Permission-checked reads of courses. National staff and administrators manage their
organisation's courses, sessions, trainers and registrations; everyone sees the public list of
upcoming sessions and registers; a participant reaches their own registration through its
personal link. Anything else answers 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from samensterk.accounts.models import GroupMembership, LocalGroup, Organisation
from samensterk.accounts.permissions import scope_for
from samensterk.accounts.selectors import require_staff
from samensterk.privacy import tokens

from .models import CourseType, Registration, RegistrationStatus, Session, Trainer


def _with_counts(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.select_related("course_type").annotate(
        confirmed=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    )


def public_sessions(organisation_slug: str) -> tuple[Organisation, QuerySet[Session]]:
    organisation = Organisation.objects.filter(slug=organisation_slug).first()
    if organisation is None:
        raise Http404
    sessions = Session.objects.filter(
        course_type__organisation=organisation,
        cancelled_at__isnull=True,
        follow_up_of__isnull=True,
        starts_at__gt=timezone.now(),
    )
    return organisation, _with_counts(sessions).order_by("starts_at")


def public_session(organisation_slug: str, pk: int) -> Session:
    organisation, sessions = public_sessions(organisation_slug)
    found = sessions.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def registration_by_token(token: str) -> Registration | None:
    registrations = Registration.objects.select_related("session", "session__course_type")
    return tokens.find("registration", token, registrations, "nonce")


def course_types_for_user(user) -> QuerySet[CourseType]:
    return CourseType.objects.filter(organisation__in=require_staff(user))


def course_type_get_for_user(user, pk: int) -> CourseType:
    found = course_types_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def sessions_for_user(user) -> QuerySet[Session]:
    return _with_counts(Session.objects.filter(course_type__organisation__in=require_staff(user)))


def session_get_for_user(user, pk: int) -> Session:
    found = sessions_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def trainers_for_user(user) -> QuerySet[Trainer]:
    return (
        Trainer.objects.filter(organisation__in=require_staff(user))
        .prefetch_related("qualified_for")
        .annotate(
            given=Count(
                "sessions",
                filter=Q(sessions__cancelled_at__isnull=True, sessions__ends_at__lt=timezone.now()),
            )
        )
    )


def trainer_get_for_user(user, pk: int) -> Trainer:
    found = Trainer.objects.filter(organisation__in=require_staff(user), pk=pk).first()
    if found is None:
        raise Http404
    return found


def member_groups_for_user(user) -> QuerySet[LocalGroup]:
    """The groups whose members' courses the user may follow: the groups they coordinate (all
    of the organisation's groups for its national staff)."""
    scope = scope_for(user)
    if scope.is_superuser:
        return LocalGroup.objects.filter(active=True).order_by("name")
    return LocalGroup.objects.filter(
        Q(pk__in=list(scope.coordinated_group_ids))
        | Q(organisation__in=list(scope.staff_organisation_ids)),
        active=True,
    ).order_by("name")


def member_registrations_for_user(user, slug: str) -> tuple[LocalGroup, QuerySet[Registration]]:
    """A group's members' registrations with their attendance: who named the group when
    registering, or registered with the e-mail address of one of its members. For the group's
    coordinators and national staff; 404 for everyone else."""
    group = member_groups_for_user(user).filter(slug=slug).first()
    if group is None:
        raise Http404
    emails = [
        e.lower()
        for e in GroupMembership.objects.filter(group=group).values_list("user__email", flat=True)
    ]
    registrations = (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(Q(group=group) | Q(email_lower__in=emails))
        .filter(course_type_scope(group))
        .select_related("session", "session__course_type")
        .order_by("-session__starts_at", "name")
    )
    return group, registrations


def course_type_scope(group: LocalGroup) -> Q:
    # Only the group's own organisation's courses: an e-mail address does not open another
    # organisation's registrations.
    return Q(session__course_type__organisation=group.organisation_id)
