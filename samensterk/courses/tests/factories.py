from datetime import timedelta

from django.utils import timezone

from samensterk.courses.models import CourseType, Session, Trainer


def course(organisation, name="Lokale Belangenbehartiging"):
    return CourseType.objects.create(
        organisation=organisation, name=name, description="Een dag over opkomen voor elkaar."
    )


def session(course_type, *, days=10, capacity=2, hours=6):
    start = timezone.now() + timedelta(days=days)
    return Session.objects.create(
        course_type=course_type, starts_at=start, ends_at=start + timedelta(hours=hours),
        place="Utrecht", capacity=capacity,
    )  # fmt: skip


def trainer(organisation, name, *course_types):
    found = Trainer.objects.create(organisation=organisation, name=name)
    found.qualified_for.set(course_types)
    return found
