"""The rules of support requests and duos. Callers fetch through selectors (access)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from samensterk.notify.models import Kind as NotificationKind
from samensterk.notify.services import notify

from .models import (
    Advocate,
    DuoEvaluation,
    RequestContact,
    RequestKind,
    RequestStatus,
    RunSheetPart,
    SupportRequest,
    Who,
)

NOT_IN_REGION = gettext_lazy(
    "Deze vrijwilliger werkt niet in deze gemeente. Kies iemand uit de regio."
)
NO_CONSENT = gettext_lazy(
    "Het lid heeft geen toestemming gegeven om hier een signaal van te maken."
)
NO_OUTCOME = gettext_lazy("Schrijf eerst op wat er is gebeurd.")
ALREADY_SIGNAL = gettext_lazy("Hier is al een signaal van gemaakt.")
ADVOCATE_HAS_HISTORY = gettext_lazy(
    "Deze vrijwilliger heeft al hulpvragen gehad. Weghalen kan daarom niet: dan klopt de "
    "geschiedenis niet meer. Zet de vrijwilliger op ‘niet actief’; dan wordt hij of zij niet "
    "meer voorgesteld."
)
ALREADY_EVALUATED = gettext_lazy("Deze evaluatie is al ingevuld. Je kunt hem hieronder lezen.")

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _reference() -> str:
    while True:
        code = "H-" + "".join(secrets.choice(ALPHABET) for _ in range(6))
        if not SupportRequest.objects.filter(reference=code).exists():
            return code


@transaction.atomic
def request_create(*, organisation, group, user, contact: dict, **fields) -> SupportRequest:
    request = SupportRequest.objects.create(
        organisation=organisation, group=group, created_by=user, reference=_reference(), **fields
    )
    RequestContact.objects.create(request=request, **contact)
    return request


def suggestions(request: SupportRequest, limit: int = 5) -> list[Advocate]:
    """Active advocates of the organisation whose region holds the municipality; those with the
    request's theme first, then those with fewer open requests."""
    found = (
        Advocate.objects.filter(
            organisation=request.organisation, active=True, municipalities=request.municipality
        )
        .annotate(
            theme_match=Count("themes", filter=Q(themes=request.theme_id), distinct=True),
            open_requests=Count(
                "requests", filter=Q(requests__status=RequestStatus.ASSIGNED), distinct=True
            ),
        )
        .order_by("-theme_match", "open_requests", "name")
    )
    return list(found[:limit])


@transaction.atomic
def assign(request: SupportRequest, advocate: Advocate, *, user=None) -> None:
    """Give the request to a volunteer of the pool; one with an account is told (`user`:
    who assigns, never told about their own choice)."""
    if not advocate.municipalities.filter(pk=request.municipality_id).exists():
        raise ValidationError(NOT_IN_REGION)
    changed = request.advocate_id != advocate.pk
    request.advocate = advocate
    request.status = RequestStatus.ASSIGNED
    request.save(update_fields=["advocate", "status"])
    if changed and advocate.user_id:
        _tell_assigned(request, advocate.user, actor=user)


def _tell_assigned(request: SupportRequest, volunteer, *, actor) -> None:
    # Only what the volunteer needs to decide to log in: the member's name and contact details
    # stay behind the log-in.
    notify(
        volunteer,
        NotificationKind.REQUEST_ASSIGNED,
        format_lazy(
            gettext_lazy("Hulpvraag {reference} is aan jou toegewezen"),
            reference=request.reference,
        ),
        format_lazy(
            gettext_lazy(
                "Je helpt een lid in {municipality}: {kind}. Op de pagina van de hulpvraag "
                "staan de gegevens van het lid en wat er nodig is."
            ),
            municipality=request.municipality.name,
            kind=RequestKind(request.kind).label,
        ),
        request.get_absolute_url(),
        actor=actor,
    )


def advocate_can_delete(advocate: Advocate) -> bool:
    return not advocate.requests.exists()


@transaction.atomic
def advocate_save(advocate: Advocate, *, form, user) -> Advocate:
    """Add or change someone in the pool (the form's many-to-many too), with a line in the
    history."""
    from samensterk.lib import history

    adding = advocate.pk is None
    form.save()
    changed = [] if adding else history.changed_labels(form)
    history.record(user, advocate, history.ADDITION if adding else history.CHANGE, changed)
    return advocate


@transaction.atomic
def advocate_delete(advocate: Advocate, *, user) -> None:
    from samensterk.lib import history

    history.delete_unless(
        advocate, user=user, can_delete=advocate_can_delete, refusal=ADVOCATE_HAS_HISTORY
    )


def outcome_save(request: SupportRequest, *, outcome: str, consent_signal: bool) -> None:
    request.outcome = outcome
    request.consent_signal = consent_signal
    request.status = RequestStatus.DONE
    request.closed_at = request.closed_at or timezone.now()
    request.save(update_fields=["outcome", "consent_signal", "status", "closed_at"])


@transaction.atomic
def make_signal(request: SupportRequest, *, user):
    """The outcome as a signal of the group (with the member's consent, without their name:
    the story is pseudonymised like every signal)."""
    from samensterk.intake.models import ReporterRole
    from samensterk.intake.services import signal_create

    if request.signal_id:
        raise ValidationError(ALREADY_SIGNAL)
    if not request.consent_signal:
        raise ValidationError(NO_CONSENT)
    if not request.outcome.strip():
        raise ValidationError(NO_OUTCOME)
    signal = signal_create(
        organisation=request.organisation,
        group=request.group,
        story=f"{request.what}\n\n{request.outcome}",
        channel=_channel(request),
        municipality=request.municipality,
        theme=request.theme,
        reporter_role=ReporterRole.REPRESENTATIVE,
        consent_anonymous_use=True,
        created_by=user,
    )
    request.signal = signal
    request.save(update_fields=["signal"])
    return signal


def _channel(request: SupportRequest) -> str:
    """How the member reached the group: the way the volunteer can reach them back (phone
    first, as the request form asks), else e-mail; not "Bijeenkomst", no meeting took place."""
    from samensterk.intake.models import Channel

    contact = RequestContact.objects.filter(request=request).first()
    if contact is not None and not contact.phone and contact.email:
        return Channel.EMAIL
    return Channel.PHONE


def part_add(presentation, *, what, who, minutes, new_for_me=False) -> RunSheetPart:
    last = presentation.parts.order_by("-position").first()
    return RunSheetPart.objects.create(
        presentation=presentation, what=what, who=who, minutes=minutes, new_for_me=new_for_me,
        position=(last.position + 1) if last else 0,
    )  # fmt: skip


@transaction.atomic
def part_move(part: RunSheetPart, direction: int) -> None:
    """One place up (-1) or down (+1) in the run sheet; numbered afresh so that equal or
    missing positions from before cannot make a move do nothing."""
    parts = list(
        RunSheetPart.objects.select_for_update()
        .filter(presentation=part.presentation_id)
        .order_by("position", "pk")
    )
    index = next(i for i, p in enumerate(parts) if p.pk == part.pk)
    target = index + direction
    if 0 <= target < len(parts):
        parts[index], parts[target] = parts[target], parts[index]
    for position, each in enumerate(parts):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


@transaction.atomic
def part_delete(part: RunSheetPart) -> None:
    presentation_id = part.presentation_id
    part.delete()
    for position, each in enumerate(
        RunSheetPart.objects.filter(presentation=presentation_id).order_by("position", "pk")
    ):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


def evaluation_save(presentation, who: str, answers: dict) -> DuoEvaluation:
    if presentation.evaluations.filter(who=who).exists():
        raise ValidationError(ALREADY_EVALUATED)
    return DuoEvaluation.objects.create(presentation=presentation, who=who, **answers)


# --- Data-subject requests (privacy.subjects) -----------------------------------------------

ERASED_NAME = gettext_lazy("Gewist")
ERASED_VOLUNTEER = gettext_lazy("Gewiste vrijwilliger")


@transaction.atomic
def request_erase(*, request: SupportRequest, redact, contact: bool) -> None:
    """On the person's own request: `redact` (text -> text) takes them out of what was written
    about the request and, if they are its member (`contact`), their name and contact details
    are deleted as retention does. The request itself stays, so the pool's work still
    counts."""
    if contact:
        RequestContact.objects.filter(request=request).delete()
    what, outcome = redact(request.what), redact(request.outcome)
    if (what, outcome) != (request.what, request.outcome):
        request.what, request.outcome = what, outcome
        request.save(update_fields=["what", "outcome"])


@transaction.atomic
def advocate_erase(*, advocate: Advocate) -> None:
    """On the volunteer's own request: out of the pool, without a name; the requests they
    helped with keep their (erased) volunteer."""
    advocate.name = str(ERASED_VOLUNTEER)
    advocate.availability = ""
    advocate.active = False
    advocate.user = None
    advocate.save(update_fields=["name", "availability", "active", "user"])


@transaction.atomic
def duo_erase_person(*, duo, who: str) -> None:
    """On the request of one of the two (`who`: Who.WITH or Who.WITHOUT): their name is erased
    and their own evaluations are deleted; the other's stay."""
    field = "person_with" if who == Who.WITH else "person_without"
    setattr(duo, field, str(ERASED_NAME))
    duo.save(update_fields=[field])
    DuoEvaluation.objects.filter(presentation__duo=duo, who=who).delete()
