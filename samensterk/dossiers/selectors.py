"""Permission-checked reads of dossiers.

Who sees a dossier:
- members of the group it belongs to;
- national staff and administrators of its organisation, for the national office's own
  dossiers and — read-only — for group dossiers the group shared with the national office;
- an installation superuser.
Who changes it: the owning side (the group's members, or national staff for national dossiers).
The linked signals each keep their own rules: a reader sees the ones they may see, with the
story as they may read it (selectors of intake); the others only count.
Everything else answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import BooleanField, Count, Prefetch, Q, QuerySet
from django.db.models.expressions import ExpressionWrapper
from django.http import Http404
from django.utils import timezone

from samensterk.accounts.permissions import Scope, scope_for
from samensterk.intake import selectors as signal_selectors
from samensterk.intake.disclosure import Purpose
from samensterk.intake.models import Signal, Status
from samensterk.network.models import Person
from samensterk.places.models import Municipality

from .models import (
    OPEN_DOSSIER_STATUSES,
    Area,
    CostItem,
    DeclinedProposal,
    Dossier,
    DossierAction,
    DossierEvent,
)

# Actions this many days ahead already count as "due" on dashboards and in reminders.
DUE_WITHIN_DAYS = 7
PROPOSALS_SHOWN = 20
HISTORY_SHOWN = 50


def visible_filter(scope: Scope, prefix: str = "") -> Q:
    return scope.visible_q(prefix, shared_field="shared_with_national")


def can_edit(scope: Scope, dossier: Dossier) -> bool:
    """Every member of the owning side works on a dossier."""
    return scope.owns(dossier)


def can_edit_costs(scope: Scope, dossier: Dossier) -> bool:
    """The cost sheet speaks for the group with money: its coordinators change it (national
    staff for the national office's dossiers); volunteers read it."""
    return can_edit(scope, dossier) and scope.can_manage(dossier)


def _base() -> QuerySet[Dossier]:
    return Dossier.objects.select_related("organisation", "group").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("name")), "themes"
    )


def dossier_get_for_user(user, reference: str) -> Dossier:
    scope = scope_for(user)
    if not scope.has_membership:
        raise Http404
    dossier = _base().filter(visible_filter(scope), reference=reference).first()
    if dossier is None:
        raise Http404
    return dossier


def dossier_get_for_editor(user, reference: str) -> Dossier:
    """A dossier the user may change; one they may only read answers 404 as well, so that a
    read-only reader cannot tell a hidden form from a missing one."""
    dossier = dossier_get_for_user(user, reference)
    if not can_edit(scope_for(user), dossier):
        raise Http404
    return dossier


def dossier_get_for_cost_editor(user, reference: str) -> Dossier:
    dossier = dossier_get_for_user(user, reference)
    if not can_edit_costs(scope_for(user), dossier):
        raise Http404
    return dossier


def dossier_list_for_user(
    user, *, owner: str = "", status: str = "", theme: str = ""
) -> QuerySet[Dossier]:
    """owner: a group slug or "landelijk"; status: a status or "open"."""
    scope = scope_for(user)
    if not scope.has_membership:
        return Dossier.objects.none()
    dossiers = _base().filter(visible_filter(scope))
    if owner == "landelijk":
        dossiers = dossiers.filter(group__isnull=True)
    elif owner:
        dossiers = dossiers.filter(group__slug=owner)
    if status == "open":
        dossiers = dossiers.filter(status__in=OPEN_DOSSIER_STATUSES)
    elif status:
        dossiers = dossiers.filter(status=status)
    if theme:
        dossiers = dossiers.filter(themes__code=theme)
    return dossiers.annotate(
        signal_count=Count(
            "links", filter=~Q(links__signal__status=Status.WITHDRAWN), distinct=True
        ),
        late_actions=Count(
            "actions",
            filter=Q(actions__done=False, actions__date__lt=timezone.localdate()),
            distinct=True,
        ),
    ).order_by("-updated_at", "-pk")


def affected_count(dossier: Dossier) -> int:
    """People affected as counted from the linked signals (withdrawn ones no longer count)."""
    return dossier.links.exclude(signal__status=Status.WITHDRAWN).count()


def linked_signals(scope: Scope, dossier: Dossier) -> tuple[list[Signal], int]:
    """The linked signals this reader may see (with `visible_story`), and how many others."""
    signals = list(
        Signal.objects.filter(dossier_links__dossier=dossier)
        .filter(signal_selectors.visible_filter(scope))
        .select_related("municipality", "theme", "group")
        .order_by("-received_at")
    )
    for signal in signals:
        signal.visible_story = signal_selectors.story_for(scope, signal, Purpose.LIST)
    hidden = dossier.links.count() - len(signals)
    return signals, hidden


def signals_for_new_dossier(scope: Scope, references: list[str]) -> list[Signal]:
    """Signals chosen in the signal list to start a dossier with: only those the user may see
    and that can still be linked; the rest are left out."""
    signals = list(
        Signal.objects.filter(signal_selectors.visible_filter(scope), reference__in=references)
        .exclude(status=Status.WITHDRAWN)
        .select_related("municipality", "theme", "group", "organisation")
        .order_by("-received_at")[:500]
    )
    for signal in signals:
        signal.visible_story = signal_selectors.story_for(scope, signal, Purpose.LIST)
    return signals


def history(scope: Scope, dossier: Dossier) -> list[DossierEvent]:
    """The latest changes to a dossier, newest first. Which signals were linked is named only
    for its own side: a reader from the national office only sees how many."""
    events = list(dossier.events.select_related("actor").order_by("-at", "-pk")[:HISTORY_SHOWN])
    if not can_edit(scope, dossier):
        for event in events:
            if event.kind in {DossierEvent.Kind.SIGNALS_LINKED, DossierEvent.Kind.SIGNAL_UNLINKED}:
                event.note = ""
    return events


def linkable_filter(scope: Scope, dossier: Dossier) -> Q:
    """Signals an editor may add: those they can see, from the dossier's own side."""
    owner = (
        Q(group_id=dossier.group_id)
        if dossier.group_id is not None
        else Q(organisation_id=dossier.organisation_id)
    )
    return signal_selectors.visible_filter(scope) & owner & ~Q(status=Status.WITHDRAWN)


def linkable_signals(scope: Scope, dossier: Dossier, references: list[str]) -> QuerySet[Signal]:
    return Signal.objects.filter(linkable_filter(scope, dossier), reference__in=references)


def _match_filter(dossier: Dossier) -> Q | None:
    """Signals about the dossier's themes in its area; None when it has no theme to match."""
    theme_ids = [theme.pk for theme in dossier.themes.all()]
    if not theme_ids:
        return None
    match = Q(theme_id__in=theme_ids)
    if dossier.area != Area.NATIONAL:
        match &= Q(municipality_id__in=[m.pk for m in dossier.municipalities.all()])
    return match


def proposals_for(scope: Scope, dossier: Dossier) -> list[Signal]:
    """Signals that match an open dossier (theme and place) and are not linked or declined."""
    match = _match_filter(dossier)
    if match is None or not dossier.is_open or not can_edit(scope, dossier):
        return []
    signals = list(
        Signal.objects.filter(linkable_filter(scope, dossier) & match)
        .exclude(dossier_links__dossier=dossier)
        .exclude(pk__in=DeclinedProposal.objects.filter(dossier=dossier).values("signal_id"))
        .select_related("municipality", "theme", "group")
        .order_by("-received_at")[:PROPOSALS_SHOWN]
    )
    for signal in signals:
        signal.visible_story = signal_selectors.story_for(scope, signal, Purpose.LIST)
    return signals


def open_dossiers_matching(scope: Scope, signal: Signal) -> list[Dossier]:
    """Open dossiers the user may change that this signal fits and does not belong to yet."""
    if signal.theme_id is None or signal.status == Status.WITHDRAWN:
        return []
    candidates = (
        _base()
        .filter(visible_filter(scope), status__in=OPEN_DOSSIER_STATUSES, themes=signal.theme_id)
        .filter(Q(area=Area.NATIONAL) | Q(municipalities=signal.municipality_id))
        .exclude(links__signal=signal)
        .exclude(declined__signal=signal)
        .distinct()
        .order_by("-updated_at")[:10]
    )
    return [
        dossier
        for dossier in candidates
        if can_edit(scope, dossier)
        and Signal.objects.filter(linkable_filter(scope, dossier), pk=signal.pk).exists()
    ]


def dossiers_of_signal(scope: Scope, signal: Signal) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(visible_filter(scope), links__signal=signal)
        .select_related("group")
        .order_by("title")
    )


def dossier_actions(dossier: Dossier) -> QuerySet[DossierAction]:
    return dossier.actions.select_related("owner", "contact").order_by("date", "pk")


def action_get_for_editor(user, dossier: Dossier, pk: int) -> DossierAction:
    if not can_edit(scope_for(user), dossier):
        raise Http404
    action = dossier.actions.filter(pk=pk).first()
    if action is None:
        raise Http404
    return action


# What the dashboards show of a dossier and of an action (front/_dossiers.html): not the
# dossiers' long texts.
_DOSSIER_LIST_FIELDS = ("reference", "title", "status")
_ACTION_LIST_FIELDS = (
    "date",
    "title",
    *(f"dossier__{name}" for name in _DOSSIER_LIST_FIELDS),
    "owner__full_name",
    "owner__email",
)


def due_actions(
    scope: Scope, *, group=None, organisation=None, today: date | None = None
) -> QuerySet[DossierAction]:
    """Actions not done whose date has come or comes within DUE_WITHIN_DAYS, in open dossiers
    the user may change (a group's, or the national office's when `organisation` is given)."""
    today = today or timezone.localdate()
    actions = DossierAction.objects.filter(
        visible_filter(scope, "dossier__"),
        done=False,
        date__lte=today + timedelta(days=DUE_WITHIN_DAYS),
        dossier__status__in=OPEN_DOSSIER_STATUSES,
    )
    if group is not None:
        actions = actions.filter(dossier__group=group)
    elif organisation is not None:
        actions = actions.filter(dossier__organisation=organisation, dossier__group__isnull=True)
    return (
        actions.select_related("dossier", "owner")
        .only(*_ACTION_LIST_FIELDS)
        .annotate(
            late=ExpressionWrapper(Q(date__lt=today), output_field=BooleanField()),
        )
        .order_by("date", "pk")
    )


def open_dossiers(scope: Scope, *, group=None, organisation=None) -> QuerySet[Dossier]:
    dossiers = Dossier.objects.filter(visible_filter(scope), status__in=OPEN_DOSSIER_STATUSES)
    if group is not None:
        dossiers = dossiers.filter(group=group)
    elif organisation is not None:
        dossiers = dossiers.filter(organisation=organisation, group__isnull=True)
    return dossiers.only(*_DOSSIER_LIST_FIELDS).order_by("-updated_at")


def group_work(scope: Scope, group, *, limit: int) -> tuple[list[Dossier], list[DossierAction]]:
    """(open dossiers, actions due) of a group, the first `limit` of each, for its dashboards."""
    return (
        list(open_dossiers(scope, group=group)[:limit]),
        list(due_actions(scope, group=group)[:limit]),
    )


def today() -> date:
    return timezone.localdate()


def dossiers_of_entry(user, entry) -> QuerySet[Dossier]:
    """The dossiers an organisation or person in the network plays a part in (a target, or an
    action with them or their people) that the user may see."""
    if isinstance(entry, Person):
        about = Q(targets__person=entry) | Q(actions__contact=entry)
    else:
        about = Q(targets__stakeholder=entry) | Q(actions__contact__stakeholder=entry)
    return (
        Dossier.objects.filter(visible_filter(scope_for(user)))
        .filter(about)
        .distinct()
        .order_by("title")
    )


def for_signal(scope: Scope, signal: Signal) -> dict:
    """For a signal's page: the dossiers it is in, and open ones it could join."""
    return {
        "dossiers": list(dossiers_of_signal(scope, signal)),
        "matching_dossiers": (
            open_dossiers_matching(scope, signal)
            if signal_selectors.can_manage(scope, signal)
            else []
        ),
    }


@dataclass
class CostSheet:
    items: list[CostItem]
    note: str

    @property
    def current_total(self) -> Decimal:
        return sum((item.current_total for item in self.items), Decimal(0))

    @property
    def proposed_total(self) -> Decimal:
        return sum((item.proposed_total for item in self.items), Decimal(0))

    @property
    def difference(self) -> Decimal:
        return self.proposed_total - self.current_total

    @property
    def saving(self) -> Decimal:
        return max(-self.difference, Decimal(0))

    @property
    def per_payer(self) -> list[dict]:
        """Totals per payer (a fund or other payer by its name), in the order first met."""
        totals: dict[str, dict] = {}
        for item in self.items:
            row = totals.setdefault(
                item.payer_label.casefold(),
                {"payer": item.payer_label, "current": Decimal(0), "proposed": Decimal(0)},
            )
            row["current"] += item.current_total
            row["proposed"] += item.proposed_total
        for row in totals.values():
            row["difference"] = row["proposed"] - row["current"]
            row["saving"] = max(-row["difference"], Decimal(0))
        return list(totals.values())


def cost_sheet(dossier: Dossier) -> CostSheet | None:
    items = list(dossier.cost_items.all())
    if not items and not dossier.cost_note:
        return None
    return CostSheet(items=items, note=dossier.cost_note)
