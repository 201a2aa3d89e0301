"""Permission-checked reads of coalitions.

Who takes part for an organisation that is a member (status "lid"):
- its national staff and administrators;
- the members of its groups, for a coalition about a municipality in their group's area, or
  for a coalition about a theme only (no municipality).
The staff of an invited organisation see the invitation (name, purpose, members), nothing
shared.
A guest (the contact of a partner without an installation of its own) takes part like staff of
their guest organisation: they see its coalitions and invitations, nothing else of the product.
Who acts for an organisation in a coalition (invites, leaves): its staff, and the coordinators
of the local group that started the coalition. Inside a coalition, a partner sees only what was
shared with it, and signal figures only through disclosure control, each organisation's on its
own. Anything else answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samensterk.accounts.models import LocalGroup, Organisation, hash_token
from samensterk.intake.models import Status
from samensterk.lib.suppression import OTHER, Table, minimum, publish_list
from samensterk.network.selectors import Register, register_for
from samensterk.reports.figures import counted
from samensterk.themes.models import Theme

from .models import Coalition, CoalitionMember, MemberStatus, PartnerInvitation, SharedItem

FIGURE_MONTHS = 12


def _member_filter(register: Register) -> Q:
    """Coalitions in which the user takes part for one of their organisations."""
    scope = register.scope
    allowed = Q(
        members__organisation__in=list(scope.staff_organisation_ids | scope.guest_organisation_ids),
        members__status=MemberStatus.MEMBER,
    )
    for organisation_id, municipalities in register.areas.items():
        allowed |= Q(
            members__organisation_id=organisation_id, members__status=MemberStatus.MEMBER
        ) & (Q(municipality__isnull=True) | Q(municipality__in=list(municipalities)))
    return allowed


def coalitions_for_user(user) -> QuerySet[Coalition]:
    register = register_for(user)
    if register.scope.is_superuser:
        found = Coalition.objects.all()
    elif not (register.organisation_ids or register.scope.guest_organisation_ids):
        return Coalition.objects.none()
    else:
        found = Coalition.objects.filter(
            pk__in=Coalition.objects.filter(_member_filter(register)).values("pk")
        )
    return found.select_related("municipality", "theme", "started_by").order_by("name")


def invitations_for_user(user) -> QuerySet[CoalitionMember]:
    """Open invitations to the organisations whose staff (or guest) the user is."""
    scope = register_for(user).scope
    return (
        CoalitionMember.objects.filter(
            organisation__in=list(scope.staff_organisation_ids | scope.guest_organisation_ids),
            status=MemberStatus.INVITED,
        )
        .select_related("coalition", "coalition__municipality", "coalition__theme", "organisation")
        .order_by("coalition__name")
    )


def coalition_get_for_user(user, pk: int) -> Coalition:
    found = coalitions_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def invitation_get_for_user(user, coalition_pk: int) -> CoalitionMember:
    found = invitations_for_user(user).filter(coalition_id=coalition_pk).first()
    if found is None:
        raise Http404
    return found


def members_of(coalition: Coalition) -> list[CoalitionMember]:
    return list(coalition.members.select_related("organisation").order_by("organisation__name"))


def member_organisation_ids(coalition: Coalition) -> set[int]:
    return set(
        coalition.members.filter(status=MemberStatus.MEMBER).values_list(
            "organisation_id", flat=True
        )
    )


def acting_organisations(user, coalition: Coalition) -> list[Organisation]:
    """The member organisations the user speaks for in this coalition: staff of them, or a
    coordinator of the group that started it (for the group's organisation)."""
    scope = register_for(user).scope
    members = member_organisation_ids(coalition)
    ids = members if scope.is_superuser else members & scope.staff_organisation_ids
    if coalition.group_id in scope.coordinated_group_ids and coalition.started_by_id in members:
        ids = ids | {coalition.started_by_id}
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def starting_groups(user) -> QuerySet[LocalGroup]:
    """The active groups the user coordinates: for which they may start a coalition."""
    scope = register_for(user).scope
    return (
        LocalGroup.objects.filter(pk__in=list(scope.coordinated_group_ids), active=True)
        .select_related("organisation")
        .order_by("name")
    )


def partner_invitations_of(coalition: Coalition) -> list[PartnerInvitation]:
    """The e-mailed invitations of a coalition still waiting for an answer (for its members)."""
    return list(
        PartnerInvitation.objects.filter(
            member__coalition=coalition,
            member__status=MemberStatus.INVITED,
            accepted_at__isnull=True,
        ).select_related("member__organisation")
    )


def partner_invitation_by_token(token: str) -> PartnerInvitation | None:
    """The invitation a link points to, whatever its state; None if there is none."""
    if not token or len(token) > 100:
        return None
    return (
        PartnerInvitation.objects.select_related(
            "member", "member__organisation", "member__coalition"
        )
        .filter(token_hash=hash_token(token))
        .first()
    )


def shared_items(coalition: Coalition) -> list[SharedItem]:
    """Everything shared with a coalition (fetched through coalition_get_for_user)."""
    return list(
        coalition.shared.select_related(
            "organisation",
            "stakeholder",
            "stakeholder__kind",
            "stakeholder__municipality",
            "person",
            "person__stakeholder",
            "person__municipality",
            "dossier",
        ).order_by("organisation__name", "pk")
    )


def shared_item_get_for_user(user, coalition_pk: int, pk: int) -> SharedItem:
    coalition = coalition_get_for_user(user, coalition_pk)
    for item in shared_items(coalition):
        if item.pk == pk:
            return item
    raise Http404


def shares_of(user, entry) -> list[SharedItem]:
    """With which of the user's coalitions an entry or dossier (fetched through its own
    selectors) is shared."""
    field = entry._meta.model_name  # stakeholder, person or dossier
    return list(
        SharedItem.objects.filter(
            **{field: entry}, coalition__in=coalitions_for_user(user)
        ).select_related("coalition")
    )


def coalitions_to_share_with(user, entry) -> list[Coalition]:
    """The coalitions the entry's organisation takes part in, that the user sees, that it is
    not shared with yet and (for a coalition about a municipality) where it belongs."""
    found = coalitions_for_user(user).filter(
        members__organisation_id=entry.organisation_id, members__status=MemberStatus.MEMBER
    )
    field = entry._meta.model_name
    found = found.exclude(**{f"shared__{field}": entry})
    if field != "dossier" and entry.municipality_id is not None:
        found = found.filter(Q(municipality__isnull=True) | Q(municipality=entry.municipality_id))
    return list(found)


def signal_count(dossier) -> Table:
    """A shared dossier's number of signals, through disclosure control like every figure
    that leaves."""
    # A withdrawn story no longer counts anywhere, in a partner's figures neither.
    return publish_list({"signals": dossier.signals.exclude(status=Status.WITHDRAWN).count()})


@dataclass
class OrganisationFigures:
    """One organisation's row: per theme a Cell, or None where the theme went into the row's
    "overige thema's"; that merged cell; the row's total; the names merged."""

    name: str
    cells: list
    other: object
    total: object
    merged: list


def organisation_tables(counts: dict, organisations: list, columns: list) -> dict:
    """Each organisation's counts (organisation, column) -> n published on their own."""
    return {
        organisation: publish_list({c: counts.get((organisation, c), 0) for c in columns})
        for organisation in organisations
    }


def coalition_figures(coalition: Coalition, today=None) -> dict:
    """The members' signals of the last twelve months about the coalition's municipality and
    theme, per organisation and theme.

    A partner knows its own counts and can add signals of its own. So each organisation's row
    is published on its own (lib.suppression.publish_list: small themes merged, then
    suppressed), over the same themes whatever the counts, and there are no totals across
    organisations: nothing a partner sees of another depends on the partner's own counts."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - (FIGURE_MONTHS - 1)
    since = date(months // 12, months % 12 + 1, 1)
    organisations = list(
        Organisation.objects.filter(pk__in=member_organisation_ids(coalition)).order_by("name")
    )
    signals = counted(since, organisation_id__in=[o.pk for o in organisations])
    if coalition.municipality_id:
        signals = signals.filter(municipality_id=coalition.municipality_id)
    if coalition.theme_id:
        signals = signals.filter(theme_id=coalition.theme_id)
    counts = {
        (organisation_id, theme_id or 0): n
        for organisation_id, theme_id, n in signals.values_list("organisation_id", "theme_id")
        .annotate(n=Count("*"))
        .order_by()
    }
    themes = Theme.objects.order_by("position", "name")
    themes = list(themes.filter(pk=coalition.theme_id) if coalition.theme_id else themes)
    columns = [t.pk for t in themes] + ([] if coalition.theme_id else [0])
    names = {t.pk: t.name for t in themes} | {0: _("zonder thema")}
    tables = organisation_tables(counts, [o.pk for o in organisations], columns)
    rows = []
    for organisation in organisations:
        table = tables[organisation.pk]
        merged = set(table.merged_rows)
        rows.append(
            OrganisationFigures(
                name=organisation.name,
                cells=[None if c in merged else table.cell(c, "n") for c in columns],
                other=table.cell(OTHER, "n") if merged else None,
                total=table.total,
                merged=[names[c] for c in columns if c in merged],
            )
        )
    return {
        "since": since,
        "k": minimum(),
        "columns": [names[c] for c in columns],
        "rows": rows,
        "any_merged": any(row.merged for row in rows),
    }


def shared_people_of(shared: SharedItem) -> list[SharedItem]:
    """The people shared with the same coalition who work at a shared organisation."""
    return list(
        SharedItem.objects.filter(
            coalition_id=shared.coalition_id, person__stakeholder_id=shared.stakeholder_id
        )
        .select_related("person")
        .order_by("person__name")
    )
