"""The rules of courses: never more confirmed places than the capacity — also when two people
take the last place at the same moment (the session row is locked while a place is given) —
a waiting list that moves up when someone cancels, trainers only for what they are qualified
for and never in two places at once, at most three return meetings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.notify.models import Kind as NotificationKind
from samensterk.notify.services import forget_address, notify_address
from samensterk.privacy.tokens import new_nonce

from .models import MAX_FOLLOW_UPS, Registration, RegistrationStatus, Session, Trainer

IN_THE_PAST = gettext_lazy("Deze cursusdag is al geweest. Aanmelden kan niet meer.")
CANCELLED = gettext_lazy("Deze cursusdag gaat niet door.")
ALREADY = gettext_lazy("Je bent al aangemeld voor deze cursusdag met dit e-mailadres.")
TOO_BUSY = gettext_lazy(
    "Even wachten: er zijn net veel aanmeldingen. Probeer het over een uur opnieuw."
)
TOO_MANY_FOLLOW_UPS = gettext_lazy("Er kunnen hoogstens drie terugkomdagen bij een cursus.")
NOT_STARTED = gettext_lazy(
    "Deze cursusdag is nog niet begonnen. Wie er was, vul je in als de cursusdag begonnen is."
)
TRAINER_HAS_HISTORY = gettext_lazy(
    "Deze trainer staat bij een of meer cursusdagen. Weghalen kan daarom niet: dan klopt de "
    "geschiedenis niet meer. Zet de trainer op ‘niet actief’; dan kun je hem of haar niet meer "
    "kiezen."
)


def confirmed_count(session: Session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def places_left(session: Session) -> int:
    return max(0, session.capacity - confirmed_count(session))


def register(session: Session, *, name: str, email: str, phone: str = "", group=None,
             needs: str = "") -> Registration:  # fmt: skip
    """A place if there is one, else the waiting list. Raises ValidationError (Dutch)."""
    now = timezone.now()
    with transaction.atomic():
        # The lock: one registration at a time per session (PostgreSQL: the row; SQLite: every
        # write transaction is IMMEDIATE, so they are serialised anyway).
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.cancelled_at is not None:
            raise ValidationError(CANCELLED)
        if locked.starts_at <= now:
            raise ValidationError(IN_THE_PAST)
        if (
            locked.registrations.filter(email__iexact=email)
            .exclude(status=RegistrationStatus.CANCELLED)
            .exists()
        ):
            raise ValidationError(ALREADY)
        status = (
            RegistrationStatus.CONFIRMED
            if confirmed_count(locked) < locked.capacity
            else RegistrationStatus.WAITING
        )
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    session=locked, name=name, email=email.strip(), phone=phone, group=group,
                    needs=needs, status=status, nonce=new_nonce(),
                )  # fmt: skip
        except IntegrityError:
            raise ValidationError(ALREADY) from None
    return registration


def waiting_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    return (
        registration.session.registrations.filter(
            status=RegistrationStatus.WAITING, created_at__lte=registration.created_at
        )
        .exclude(pk__gt=registration.pk, created_at=registration.created_at)
        .count()
    )


def cancel(registration: Registration) -> Registration | None:
    """Cancel; if a place came free, the first on the waiting list gets it (returned, so that
    the caller can tell them)."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return None
        freed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if not freed or confirmed_count(session) >= session.capacity:
            return None
        first = session.registrations.filter(status=RegistrationStatus.WAITING).first()
        if first is not None:
            first.status = RegistrationStatus.CONFIRMED
            first.save(update_fields=["status"])
        return first


def check_trainers(session: Session, trainers) -> None:
    """Only qualified trainers, never two sessions at the same time."""
    problems = []
    for trainer in trainers:
        if not trainer.qualified_for.filter(pk=session.course_type_id).exists():
            problems.append(
                _("%(trainer)s mag ‘%(course)s’ (nog) niet geven: eerst de train-de-trainer.")
                % {"trainer": trainer.name, "course": session.course_type.name}
            )
        clash = (
            trainer.sessions.filter(cancelled_at__isnull=True)
            .filter(Q(starts_at__lt=session.ends_at) & Q(ends_at__gt=session.starts_at))
            .exclude(pk=session.pk)
            .first()
        )
        if clash is not None:
            problems.append(
                _("%(trainer)s geeft dan al ‘%(other)s’ (%(when)s).")
                % {
                    "trainer": trainer.name,
                    "other": clash.course_type.name,
                    "when": timezone.localtime(clash.starts_at).strftime("%d-%m-%Y %H:%M"),
                }
            )
    if problems:
        raise ValidationError({"trainers": problems})


@transaction.atomic
def session_save(session: Session, *, trainers, user=None) -> Session:
    """Plan or change a session with its trainers, all checked first (nothing half-stored)."""
    if (
        session.follow_up_of_id
        and session.pk is None
        and session.follow_up_of.follow_ups.count() >= MAX_FOLLOW_UPS
    ):
        raise ValidationError(TOO_MANY_FOLLOW_UPS)
    check_trainers(session, trainers)
    if session.pk is None:
        session.created_by = user
    before = set(session.trainers.values_list("pk", flat=True)) if session.pk else set()
    session.save()
    session.trainers.set(trainers)
    if session.cancelled_at is None:
        for trainer in trainers:
            if trainer.pk not in before:
                _tell_trainer(session, trainer, actor=user)
    return session


def _tell_trainer(session: Session, trainer: Trainer, *, actor) -> None:
    """By e-mail address: a trainer whose address has an account gets it as they chose; one
    without an account gets it at once. No link: a trainer need not see the course pages."""
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    notify_address(
        trainer.email,
        NotificationKind.TRAINER_BOOKED,
        format_lazy(
            gettext_lazy("Je geeft ‘{course}’ op {date}"),
            course=session.course_type.name,
            date=f"{starts:%d-%m-%Y}",
        ),
        format_lazy(
            gettext_lazy(
                "Je bent ingeroosterd als trainer voor ‘{course}’ op {date}, van {start} tot "
                "{end}. Waar: {place}. Kun je niet? Laat het de organisatie zo snel mogelijk "
                "weten."
            ),
            course=session.course_type.name,
            date=f"{starts:%d-%m-%Y}",
            start=f"{starts:%H:%M}",
            end=f"{ends:%H:%M}",
            place=session.place or session.online_url or "—",
        ),
        actor=actor,
    )


@transaction.atomic
def follow_up_plan(original: Session, *, starts_at, ends_at, place="", user=None) -> Session:
    """A return meeting: the same course, trainers and people (who are registered for it)."""
    session = Session(
        course_type=original.course_type,
        follow_up_of=original,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place or original.place,
        online_url=original.online_url,
        capacity=original.capacity,
    )
    session_save(session, trainers=list(original.trainers.all()), user=user)
    for registration in original.registrations.filter(status=RegistrationStatus.CONFIRMED):
        Registration.objects.create(
            session=session, name=registration.name, email=registration.email,
            phone=registration.phone, group=registration.group,
            status=RegistrationStatus.CONFIRMED, nonce=new_nonce(),
        )  # fmt: skip
    return session


@transaction.atomic
def attendance_save(session: Session, present_ids: set[int], now=None) -> list[Trainer]:
    """Who was there. After a train-the-trainer, who was there may give the courses it trains
    for: they join the trainer pool (returned), or get those courses added. Not before the
    session starts: nobody can have been there yet (and nobody joins the pool early)."""
    if session.starts_at > (now or timezone.now()):
        raise ValidationError(NOT_STARTED)
    qualified = []
    course_type = session.course_type
    trains_for = list(course_type.qualifies_for.all()) if course_type.is_train_the_trainer else []
    for registration in session.registrations.filter(status=RegistrationStatus.CONFIRMED):
        attended = registration.pk in present_ids
        if registration.attended != attended:
            registration.attended = attended
            registration.save(update_fields=["attended"])
        if attended and trains_for:
            trainer = Trainer.objects.filter(
                organisation=course_type.organisation, email__iexact=registration.email
            ).first() or Trainer.objects.create(
                organisation=course_type.organisation,
                name=registration.name,
                email=registration.email,
            )
            trainer.qualified_for.add(*trains_for)
            qualified.append(trainer)
    return qualified


def trainer_can_delete(trainer: Trainer) -> bool:
    return not trainer.sessions.exists()


@transaction.atomic
def trainer_save(trainer: Trainer, *, qualified_for, user, changed=()) -> Trainer:
    from samensterk.lib import history

    adding = trainer.pk is None
    trainer.save()
    trainer.qualified_for.set(qualified_for)
    history.record(user, trainer, history.ADDITION if adding else history.CHANGE, changed)
    return trainer


@transaction.atomic
def trainer_delete(trainer: Trainer, *, user) -> None:
    """Only a trainer who never was at a session: otherwise the evaluations per trainer and the
    past sessions would lose them. They can be switched off instead."""
    from samensterk.lib import history

    history.delete_unless(
        trainer, user=user, can_delete=trainer_can_delete, refusal=TRAINER_HAS_HISTORY
    )


# --- Data-subject requests (privacy.subjects) -----------------------------------------------

ERASED_TRAINER = gettext_lazy("Gewiste trainer")


@transaction.atomic
def registration_erase(*, registration: Registration) -> Registration | None:
    """On the participant's own request the registration is deleted: it is a booking, nothing
    else hangs on it (a past session counts one participant less). A place at a session still
    to come is cancelled first, so the waiting list moves up; who moved up is returned, to be
    told."""
    promoted = None
    if (
        registration.status != RegistrationStatus.CANCELLED
        and registration.session.starts_at > timezone.now()
    ):
        promoted = cancel(registration)
    registration.delete()
    return promoted


@transaction.atomic
def trainer_erase(*, trainer: Trainer) -> None:
    """On the trainer's own request: name, e-mail address and availability are erased and the
    trainer no longer gives courses; the sessions they gave keep their (erased) trainer, so
    that the evaluations per trainer still add up."""
    forget_address(trainer.email)
    trainer.name = str(ERASED_TRAINER)
    trainer.email = ""
    trainer.availability = ""
    trainer.active = False
    trainer.save(update_fields=["name", "email", "availability", "active"])
