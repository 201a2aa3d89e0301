"""Changes to dossiers. Callers check access (selectors); these functions keep the rules."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samensterk.intake import services as signal_services
from samensterk.intake.models import TRANSITIONS, Signal, Status
from samensterk.notify.models import Kind as NotificationKind
from samensterk.notify.services import notify

from .models import (
    OPEN_DOSSIER_STATUSES,
    ActionKind,
    Area,
    CostItem,
    DeclinedProposal,
    Dossier,
    DossierAction,
    DossierEvent,
    DossierSignal,
)

Kind = DossierEvent.Kind

ONE_MUNICIPALITY = _("Kies precies één gemeente, of kies ‘regio’ of ‘landelijk’.")
SOME_MUNICIPALITIES = _("Kies de gemeenten van de regio.")
NO_MUNICIPALITIES = _("Een landelijk dossier heeft geen gemeenten.")
NATIONAL_ONLY = _("Alleen het landelijk bureau maakt landelijke dossiers.")
OTHER_NETWORK = _("Deze persoon staat niet in het netwerk van deze organisatie.")
ESTIMATE_SOURCE = _("Schrijf erbij waar de schatting vandaan komt.")

# The dossier fields a form may set (municipalities and themes apart: they are many-to-many).
FIELDS = (
    "title",
    "problem",
    "area",
    "region_name",
    "affected_estimate",
    "affected_estimate_source",
    "goals",
    "strategy",
    "status",
    "outcome",
    "shared_with_national",
    "cost_note",
)


# Fields whose old and new value the history shows; the long texts only say that they changed.
SHORT_FIELDS = {
    "title",
    "area",
    "region_name",
    "affected_estimate",
    "strategy",
    "shared_with_national",
}


def _event(dossier: Dossier, actor, kind: str, **values) -> DossierEvent:
    for key in ("from_value", "to_value"):
        if key in values:
            values[key] = str(values[key])[:200]
    return DossierEvent.objects.create(dossier=dossier, actor=actor, kind=kind, **values)


def _shown(value) -> str:
    return "" if value is None else str(value)


def _names(objects) -> str:
    return ", ".join(sorted(str(getattr(o, "name", o)) for o in objects))


def _validate(*, group, area: str, municipalities, affected_estimate, source: str) -> None:
    errors = {}
    count = len(municipalities)
    if area == Area.MUNICIPALITY and count != 1:
        errors["municipalities"] = ONE_MUNICIPALITY
    elif area == Area.REGION and count == 0:
        errors["municipalities"] = SOME_MUNICIPALITIES
    elif area == Area.NATIONAL:
        if count:
            errors["municipalities"] = NO_MUNICIPALITIES
        if group is not None:
            errors["area"] = NATIONAL_ONLY
    if affected_estimate is not None and not (source or "").strip():
        errors["affected_estimate_source"] = ESTIMATE_SOURCE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dossier_create(
    *, organisation, group, actor, municipalities=(), themes=(), signals=(), **fields
) -> Dossier:
    fields = {key: value for key, value in fields.items() if key in FIELDS}
    _validate(
        group=group,
        area=fields.get("area", Area.MUNICIPALITY),
        municipalities=list(municipalities),
        affected_estimate=fields.get("affected_estimate"),
        source=fields.get("affected_estimate_source", ""),
    )
    if group is None:
        fields["shared_with_national"] = False  # it is the national office's own
    dossier = Dossier(
        organisation=organisation,
        group=group,
        reference=signal_services.unique_reference(Dossier, "D"),
        created_by=actor,
        **fields,
    )
    if dossier.status not in OPEN_DOSSIER_STATUSES:
        dossier.closed_at = timezone.now()
    dossier.full_clean(exclude=["reference"])
    dossier.save()
    dossier.municipalities.set(municipalities)
    dossier.themes.set(themes)
    _event(dossier, actor, Kind.CREATED, to_value=dossier.title)
    if signals:
        dossier_link_signals(dossier=dossier, signals=signals, actor=actor)
    return dossier


@transaction.atomic
def dossier_update(*, dossier: Dossier, actor, municipalities=(), themes=(), **fields) -> Dossier:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    fields = {key: value for key, value in fields.items() if key in FIELDS}
    _validate(
        group=dossier.group,
        area=fields.get("area", dossier.area),
        municipalities=list(municipalities),
        affected_estimate=fields.get("affected_estimate", dossier.affected_estimate),
        source=fields.get("affected_estimate_source", dossier.affected_estimate_source),
    )
    was_open = dossier.is_open
    before = {key: getattr(dossier, key) for key in fields}
    before_places = _names(dossier.municipalities.all())
    before_themes = _names(dossier.themes.all())
    for key, value in fields.items():
        setattr(dossier, key, value)
    if dossier.group_id is None:
        dossier.shared_with_national = False
    if was_open and not dossier.is_open:
        dossier.closed_at = timezone.now()
    elif dossier.is_open:
        dossier.closed_at = None
    dossier.full_clean()
    dossier.save()
    dossier.municipalities.set(municipalities)
    dossier.themes.set(themes)
    _record_changes(dossier, actor, before, before_places, before_themes)
    return dossier


def _record_changes(dossier, actor, before: dict, before_places: str, before_themes: str) -> None:
    for key, old in before.items():
        new = getattr(dossier, key)
        if old == new:
            continue
        if key == "status":
            _event(dossier, actor, Kind.STATUS, from_value=old, to_value=new)
        elif key in SHORT_FIELDS:
            _event(
                dossier,
                actor,
                Kind.CHANGED,
                field=key,
                from_value=_shown(old),
                to_value=_shown(new),
            )
        else:
            _event(dossier, actor, Kind.CHANGED, field=key)
    for key, old in (
        ("municipalities", before_places),
        ("themes", before_themes),
    ):
        new = _names(getattr(dossier, key).all())
        if old != new:
            _event(dossier, actor, Kind.CHANGED, field=key, from_value=old, to_value=new)


@transaction.atomic
def dossier_link_signals(*, dossier: Dossier, signals, actor) -> int:
    """Link signals (the caller chose them with selectors.linkable_signals); returns how many
    were new. Signals that can move to 'bundled in a dossier' do so, with an event."""
    signals = [s for s in signals if s.status != Status.WITHDRAWN]
    already = set(dossier.links.filter(signal__in=signals).values_list("signal_id", flat=True))
    new = [s for s in signals if s.pk not in already]
    DossierSignal.objects.bulk_create(
        [DossierSignal(dossier=dossier, signal=s, added_by=actor) for s in new]
    )
    DeclinedProposal.objects.filter(dossier=dossier, signal__in=new).delete()
    can_bundle = [
        status for status, following in TRANSITIONS.items() if Status.BUNDLED in following
    ]
    for signal in Signal.objects.filter(pk__in=[s.pk for s in new], status__in=can_bundle):
        signal_services.signal_transition(
            signal=signal,
            to_status=Status.BUNDLED,
            actor=actor,
            reason=f"{dossier.reference} {dossier.title}"[:500],
        )
    Dossier.objects.filter(pk=dossier.pk).update(updated_at=timezone.now())
    if new:
        _event(
            dossier,
            actor,
            Kind.SIGNALS_LINKED,
            to_value=len(new),
            note=" ".join(s.reference for s in new),
        )
    return len(new)


@transaction.atomic
def dossier_unlink_signal(*, dossier: Dossier, signal: Signal, actor=None) -> None:
    if dossier.links.filter(signal=signal).delete()[0]:
        _event(dossier, actor, Kind.SIGNAL_UNLINKED, note=signal.reference)
    DeclinedProposal.objects.get_or_create(dossier=dossier, signal=signal)


def proposal_decline(*, dossier: Dossier, signal: Signal) -> None:
    DeclinedProposal.objects.get_or_create(dossier=dossier, signal=signal)


@transaction.atomic
def action_save(*, action: DossierAction, actor=None) -> DossierAction:
    """Create or change an action (validated by its form). A new date asks for a new reminder."""
    previous = (
        DossierAction.objects.filter(pk=action.pk)
        .values("date", "done", "title", "owner_id")
        .first()
        if action.pk
        else None
    )
    if previous and previous["date"] != action.date:
        action.reminded_on = None
    action.full_clean()
    if action.contact_id and action.contact.organisation_id != action.dossier.organisation_id:
        raise ValidationError({"contact": OTHER_NETWORK})
    action.save()
    Dossier.objects.filter(pk=action.dossier_id).update(updated_at=timezone.now())
    if previous is None:
        _event(action.dossier, actor, Kind.ACTION_ADDED, to_value=action.date, note=action.title)
    elif action.done and not previous["done"]:
        _event(action.dossier, actor, Kind.ACTION_DONE, note=action.title)
    elif previous["date"] != action.date:
        _event(
            action.dossier,
            actor,
            Kind.ACTION_CHANGED,
            from_value=previous["date"],
            to_value=action.date,
            note=action.title,
        )
    else:
        _event(action.dossier, actor, Kind.ACTION_CHANGED, note=action.title)
    if action.owner_id and not action.done and (previous or {}).get("owner_id") != action.owner_id:
        _tell_owner(action, actor=actor)
    return action


def _tell_owner(action: DossierAction, *, actor) -> None:
    notify(
        action.owner,
        NotificationKind.ACTION_ASSIGNED,
        format_lazy(_("Actie voor jou: {title}"), title=action.title),
        format_lazy(
            _("In het dossier ‘{dossier}’ staat een actie op jouw naam: {title} ({kind}, {date})."),
            dossier=action.dossier.title,
            title=action.title,
            kind=ActionKind(action.kind).label,
            date=action.date.strftime("%d-%m-%Y"),
        ),
        action.dossier.get_absolute_url(),
        actor=actor,
    )


@transaction.atomic
def action_delete(*, action: DossierAction, actor=None) -> None:
    _event(action.dossier, actor, Kind.ACTION_DELETED, note=action.title)
    action.delete()


@transaction.atomic
def cost_items_replace(
    *, dossier: Dossier, items: list[dict], note: str, actor=None
) -> list[CostItem]:
    """The whole cost sheet at once: either every line is stored or none."""
    dossier.cost_items.all().delete()
    created = []
    for position, item in enumerate(items):
        cost = CostItem(dossier=dossier, position=position, **item)
        cost.full_clean()
        cost.save()
        created.append(cost)
    Dossier.objects.filter(pk=dossier.pk).update(cost_note=note, updated_at=timezone.now())
    _event(dossier, actor, Kind.COSTS, to_value=len(created))
    return created
