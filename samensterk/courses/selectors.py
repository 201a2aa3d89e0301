"""Permission-checked reads of courses. National staff and administrators manage their
organisation's courses, sessions, trainers and registrations; everyone sees the public list of
upcoming sessions and registers; a participant reaches their own registration through its
personal link. Anything else answers 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from samensterk.accounts.models import Organisation
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
