"""What courses hold about a person, for data-subject requests (privacy.subjects): their
registrations for sessions (name, e-mail, phone, what they need to take part) and, for a
volunteer trainer, the trainer record.

Erasing deletes a registration (a place still to come is cancelled first, so the waiting list
moves up) and anonymises a trainer (services.registration_erase, services.trainer_erase).
"""

from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.privacy.subjects import Finder, Finding, Record, confirmed

from . import notifications, services
from .models import Registration, Trainer


def _session(session) -> str:
    when = formats.date_format(timezone.localtime(session.starts_at), "j F Y")
    return f"{session.course_type.name}, {when}"


# --- Registrations --------------------------------------------------------------------------


def find_registrations(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="email", phone="phone")
    rows = (
        query.prepare(Registration.objects.all(), name)
        .filter(query.field_q(name), session__course_type__organisation=organisation)
        .select_related("session__course_type")
        .order_by("-session__starts_at", "pk")
    )
    return [
        Finding(
            kind="course_registration",
            pk=registration.pk,
            reference=f"cursusaanmelding-{registration.pk}",
            label=_session(registration.session),
            details=(
                ", ".join(
                    v for v in (registration.name, registration.email, registration.phone) if v
                ),
                registration.get_status_display(),
            ),
            url=reverse("courses:session_detail", args=[registration.session_id]),
        )
        for registration in confirmed(rows, query, name)
    ]


def export_registrations(findings, *, scope, query) -> list[Record]:
    registrations = Registration.objects.filter(pk__in=[f.pk for f in findings]).select_related(
        "session__course_type", "group"
    )
    return [
        Record(
            kind="course_registration",
            reference=f"cursusaanmelding-{registration.pk}",
            title=_("Aangemeld voor %(session)s") % {"session": _session(registration.session)},
            fields=[
                ("course", _("Cursus"), registration.session.course_type.name),
                ("starts_at", _("Begint"), registration.session.starts_at),
                ("place", _("Plaats"), registration.session.place),
                ("name", _("Naam"), registration.name),
                ("email", _("E-mailadres"), registration.email),
                ("phone", _("Telefoonnummer"), registration.phone),
                ("group", _("Ledengroep"), registration.group.name if registration.group else ""),
                ("needs", _("Nodig om mee te doen"), registration.needs),
                ("status", _("Status"), registration.get_status_display()),
                ("attended", _("Aanwezig"), registration.attended),
                ("created_at", _("Aangemeld op"), registration.created_at),
                ("cancelled_at", _("Afgemeld op"), registration.cancelled_at),
            ],
        )
        for registration in registrations.order_by("pk")
    ]


def erase_registrations(findings, *, query, actor, note: str) -> None:
    for registration in Registration.objects.filter(pk__in=[f.pk for f in findings]):
        promoted = services.registration_erase(registration=registration)
        if promoted is not None:
            transaction.on_commit(partial(notifications.send, promoted, "place"))


# --- Trainers -------------------------------------------------------------------------------


def find_trainers(organisation, query, scope) -> list[Finding]:
    name = query.pick(name="name", email="email")
    if not name:
        return []
    rows = Trainer.objects.filter(query.field_q(name), organisation=organisation).order_by("name")
    return [
        Finding(
            kind="course_trainer",
            pk=trainer.pk,
            reference=f"trainer-{trainer.pk}",
            label=trainer.name,
            details=(trainer.email, _("actief") if trainer.active else _("niet actief")),
            url=reverse("courses:trainers"),
        )
        for trainer in confirmed(rows, query, name)
    ]


def export_trainers(findings, *, scope, query) -> list[Record]:
    trainers = Trainer.objects.filter(pk__in=[f.pk for f in findings]).prefetch_related(
        "qualified_for", "sessions__course_type"
    )
    return [
        Record(
            kind="course_trainer",
            reference=f"trainer-{trainer.pk}",
            title=_("Trainer: %(name)s") % {"name": trainer.name},
            fields=[
                ("name", _("Naam"), trainer.name),
                ("email", _("E-mailadres"), trainer.email),
                ("availability", _("Wanneer beschikbaar"), trainer.availability),
                ("active", _("Actief"), trainer.active),
                (
                    "qualified_for",
                    _("Mag geven"),
                    sorted(t.name for t in trainer.qualified_for.all()),
                ),
                (
                    "sessions",
                    _("Gegeven cursusdagen"),
                    [_session(s) for s in trainer.sessions.all()],
                ),
            ],
        )
        for trainer in trainers
    ]


def erase_trainers(findings, *, query, actor, note: str) -> None:
    for trainer in Trainer.objects.filter(pk__in=[f.pk for f in findings]):
        services.trainer_erase(trainer=trainer)


REGISTRATIONS = Finder(
    kind="course_registration",
    title=gettext_lazy("Aanmeldingen voor cursussen"),
    erases=gettext_lazy(
        "De aanmelding wordt verwijderd. Is de cursusdag nog niet geweest, dan komt de plaats "
        "vrij voor wie op de wachtlijst staat."
    ),
    find=find_registrations,
    export=export_registrations,
    erase=erase_registrations,
)

TRAINERS = Finder(
    kind="course_trainer",
    title=gettext_lazy("Trainers"),
    erases=gettext_lazy(
        "Naam, e-mailadres en beschikbaarheid worden gewist en de trainer staat niet meer op "
        "actief. Gegeven cursusdagen blijven, zonder naam."
    ),
    find=find_trainers,
    export=export_trainers,
    erase=erase_trainers,
)
