"""Permission-checked reads of the network register.

Who sees an organisation or person in the register of an organisation:
- members of its groups whose area holds the entry's municipality (one shared register: no
  copies per group), and every member of the organisation for entries without a municipality
  (national or regional ones);
- the organisation's national staff and administrators: all of it;
- an installation superuser.
Contact moments follow their organisation or person, except that a moment marked private is
seen only by the group that logged it. Anything else answers 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import ngettext

from samensterk.accounts.models import LocalGroup, Organisation
from samensterk.accounts.permissions import Scope, scope_for
from samensterk.lib.text import fold
from samensterk.places.models import Municipality
from samensterk.privacy.models import AuditLog

from .models import ContactMoment, DossierTarget, Person, Relation, RelationKind, Stakeholder


@dataclass
class Register:
    """What of the register one user may see and add to."""

    scope: Scope
    # organisation id -> municipality ids the user's groups cover
    areas: dict[int, set[int]] = field(default_factory=dict)

    @property
    def organisation_ids(self) -> set[int]:
        return set(self.areas) | self.scope.staff_organisation_ids

    def covers(self, organisation_id: int, municipality_id: int | None) -> bool:
        """May see (and add) an entry of this organisation in this municipality."""
        if self.scope.is_staff_of(organisation_id):
            return True
        if organisation_id not in self.areas:
            return False
        return municipality_id is None or municipality_id in self.areas[organisation_id]

    def filter(self, prefix: str = "") -> Q:
        if self.scope.is_superuser:
            return Q()
        allowed = Q(**{f"{prefix}organisation__in": list(self.scope.staff_organisation_ids)})
        for organisation_id, municipalities in self.areas.items():
            allowed |= Q(**{f"{prefix}organisation_id": organisation_id}) & (
                Q(**{f"{prefix}municipality__isnull": True})
                | Q(**{f"{prefix}municipality__in": list(municipalities)})
            )
        return allowed

    def municipalities(self, organisation_id: int) -> QuerySet[Municipality]:
        """Where the user may place an entry of this organisation."""
        if self.scope.is_staff_of(organisation_id):
            return Municipality.objects.filter(active=True).order_by("name")
        return Municipality.objects.filter(pk__in=self.areas.get(organisation_id, set())).order_by(
            "name"
        )

    def group_for(self, organisation_id: int, municipality_id: int | None) -> LocalGroup | None:
        """The user's group that logs a contact about this municipality (None: the office)."""
        groups = LocalGroup.objects.filter(
            pk__in=list(self.scope.group_roles), organisation_id=organisation_id
        ).order_by("name")
        if municipality_id is not None:
            covering = groups.filter(municipalities=municipality_id).first()
            if covering is not None:
                return covering
        if self.scope.is_staff_of(organisation_id):
            return None
        return groups.first()


def register_for(user) -> Register:
    scope = scope_for(user)
    areas: dict[int, set[int]] = defaultdict(set)
    if scope.group_roles:
        for organisation_id in set(scope.group_organisations.values()):
            areas[organisation_id]  # a group without an area still sees the national entries
        rows = LocalGroup.municipalities.through.objects.filter(
            localgroup_id__in=list(scope.group_roles)
        ).values_list("localgroup_id", "municipality_id")
        for group_id, municipality_id in rows:
            areas[scope.group_organisations[group_id]].add(municipality_id)
    return Register(scope=scope, areas=dict(areas))


def register_organisation(user) -> Organisation:
    """The organisation whose register the user adds to (the first, if they have several)."""
    register = register_for(user)
    organisation = Organisation.objects.filter(pk__in=register.organisation_ids).first()
    if organisation is None:
        raise Http404
    return organisation


def _require_member(register: Register) -> None:
    if not (register.scope.is_superuser or register.organisation_ids):
        raise Http404


def stakeholders_for_user(user, *, municipality=None, search: str = "") -> QuerySet[Stakeholder]:
    register = register_for(user)
    _require_member(register)
    found = Stakeholder.objects.filter(register.filter()).select_related("kind", "municipality")
    if municipality is not None:
        found = found.filter(municipality=municipality)
    if search:
        found = found.filter(key__contains=fold(search))
    return found


def people_for_user(user, *, municipality=None, search: str = "") -> QuerySet[Person]:
    register = register_for(user)
    _require_member(register)
    found = Person.objects.filter(register.filter()).select_related("stakeholder", "municipality")
    if municipality is not None:
        found = found.filter(municipality=municipality)
    if search:
        found = found.filter(Q(key__contains=fold(search)) | Q(role__icontains=search))
    return found


def register_municipalities(user) -> QuerySet[Municipality]:
    """The municipalities with entries the user may see (the register's filter)."""
    return Municipality.objects.filter(
        Q(pk__in=stakeholders_for_user(user).values("municipality"))
        | Q(pk__in=people_for_user(user).values("municipality"))
    ).order_by("name")


def stakeholder_get_for_user(user, pk: int) -> Stakeholder:
    found = stakeholders_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def person_get_for_user(user, pk: int) -> Person:
    found = people_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def moments_filter(scope: Scope) -> Q:
    """Private moments: only for the group that logged them (or the office, its own)."""
    return Q(private=False) | scope.owned_q()


def contact_moments(user, *, person=None, stakeholder=None) -> QuerySet[ContactMoment]:
    """The contacts with someone the caller already fetched through this module."""
    scope = scope_for(user)
    moments = ContactMoment.objects.filter(moments_filter(scope)).select_related(
        "group", "created_by", "person"
    )
    if person is not None:
        return moments.filter(person=person)
    return moments.filter(Q(stakeholder=stakeholder) | Q(person__stakeholder=stakeholder))


def person_contact_for_user(user, person: Person) -> dict[str, str]:
    """A person's e-mail address and phone number; every look is in the audit log."""
    person = person_get_for_user(user, person.pk)
    AuditLog.objects.create(
        actor=user,
        organisation_id=person.organisation_id,
        action=AuditLog.Action.VIEW_CONTACT,
        object_reference=f"netwerk-persoon-{person.pk}",
        detail="" if (person.email or person.phone) else "geen contactgegevens",
    )
    return {"email": person.email, "phone": person.phone}


def keep_in_touch_due(user, today: date | None = None) -> list[Person]:
    """Key contacts not contacted within their chosen period, longest ago first."""
    today = today or timezone.localdate()
    due = []
    people = people_for_user(user).filter(
        key_contact=True, keep_in_touch_days__isnull=False, left_role_on__isnull=True
    )
    for person in people:
        last = person.last_contact_on
        if last is None or last + timedelta(days=person.keep_in_touch_days) <= today:
            due.append(person)
    return sorted(due, key=lambda p: (p.last_contact_on or date.min, p.name))


def grid_entries(user, *, municipality) -> list:
    """The organisations and people (still in their role) of one municipality's network, or of
    the entries without a municipality, for the power/interest grid."""

    from .grid import GridEntry

    place = {"municipality": municipality} if municipality else {"municipality__isnull": True}
    entries = [GridEntry.of(s) for s in stakeholders_for_user(user).filter(**place)]
    entries += [
        GridEntry.of(p) for p in people_for_user(user).filter(left_role_on__isnull=True, **place)
    ]
    return entries


def relations_filter(register: Register) -> Q:
    """Relations whose two ends the user may both see."""
    if register.scope.is_superuser:
        return Q()
    ends = Q()
    for side in ("from", "to"):
        ends &= Q(**{f"{side}_person__isnull": True}) | register.filter(f"{side}_person__")
        ends &= Q(**{f"{side}_stakeholder__isnull": True}) | register.filter(
            f"{side}_stakeholder__"
        )
    return ends


def relations_of(user, entry) -> list[Relation]:
    """The relations of one person or organisation (fetched through this module)."""
    register = register_for(user)
    side = "person" if isinstance(entry, Person) else "stakeholder"
    return list(
        Relation.objects.filter(relations_filter(register))
        .filter(Q(**{f"from_{side}": entry}) | Q(**{f"to_{side}": entry}))
        .select_related("from_person", "from_stakeholder", "to_person", "to_stakeholder")
        .order_by("kind", "pk")
    )


def relation_get_for_user(user, pk: int) -> Relation:
    found = Relation.objects.filter(relations_filter(register_for(user)), pk=pk).first()
    if found is None:
        raise Http404
    return found


def entry_key(entry) -> str:
    """ "p:12" for a person, "o:7" for an organisation (see entry_by_key)."""
    return f"{'p' if isinstance(entry, Person) else 'o'}:{entry.pk}"


def entry_by_key(user, key: str):
    """'p:12' or 'o:7' -> the person or organisation, if the user may see it; else 404."""
    kind, _sep, pk = (key or "").partition(":")
    if kind not in ("p", "o") or not pk.isdigit():
        raise Http404
    getter = person_get_for_user if kind == "p" else stakeholder_get_for_user
    return getter(user, int(pk))


def map_data(user, *, municipality, us_label: str):
    """Nodes and edges of one municipality's network (or of the entries without one): the
    organisations and people still in their role, their relations and who works where, and
    our contacts with them (an edge from "us", as thick as the number of contacts)."""
    from django.db.models import Count

    from .netmap import Edge, Node

    place = {"municipality": municipality} if municipality else {"municipality__isnull": True}
    stakeholders = list(stakeholders_for_user(user).filter(**place))
    people = list(people_for_user(user).filter(left_role_on__isnull=True, **place))
    nodes = [Node("us", us_label, "us")]
    nodes += [Node(f"o:{s.pk}", s.name, "organisation", s.get_absolute_url()) for s in stakeholders]
    nodes += [Node(f"p:{p.pk}", p.name, "person", p.get_absolute_url()) for p in people]
    shown = {node.key for node in nodes}
    edges = []
    for person in people:
        if person.stakeholder_id and f"o:{person.stakeholder_id}" in shown:
            edges.append(
                Edge(
                    f"p:{person.pk}",
                    f"o:{person.stakeholder_id}",
                    str(RelationKind.WORKS_AT.label),
                    kind=RelationKind.WORKS_AT.value,
                )
            )
    relations = Relation.objects.filter(relations_filter(register_for(user))).filter(
        Q(from_person__in=people) | Q(from_stakeholder__in=stakeholders)
    )
    for relation in relations:
        source = (
            f"p:{relation.from_person_id}"
            if relation.from_person_id
            else f"o:{relation.from_stakeholder_id}"
        )
        target = (
            f"p:{relation.to_person_id}"
            if relation.to_person_id
            else f"o:{relation.to_stakeholder_id}"
        )
        if source in shown and target in shown:
            edges.append(Edge(source, target, relation.get_kind_display(), kind=relation.kind))
    moments = (
        ContactMoment.objects.filter(moments_filter(scope_for(user)))
        .filter(Q(person__in=people) | Q(stakeholder__in=stakeholders))
        .values("person", "stakeholder")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in moments:
        key = f"p:{row['person']}" if row["person"] else f"o:{row['stakeholder']}"
        label = ngettext("%(n)s contact", "%(n)s contacten", row["n"]) % {"n": row["n"]}
        edges.append(Edge("us", key, label, weight=row["n"], kind="contact"))
    return nodes, edges


def possible_duplicates(model, *, organisation_id: int, municipality_id, name: str, exclude=None):
    """Entries of the same register that may be the same one: the same name (case, accents and
    punctuation forgiven) or a very similar one, in the same municipality."""
    from rapidfuzz import fuzz

    key = fold(name)
    if not key:
        return []
    candidates = model.objects.filter(
        organisation_id=organisation_id, municipality_id=municipality_id
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude)
    return [c for c in candidates.only("pk", "name", "key") if fuzz.ratio(c.key, key) >= 88]


# --- Dossiers and the network ---------------------------------------------------------------


def targets_of(user, dossier) -> list[DossierTarget]:
    """Whom a dossier (fetched through the dossier selectors) wants to reach, as far as the
    user may see them in the register."""
    register = register_for(user)
    return list(
        DossierTarget.objects.filter(dossier=dossier)
        .filter(
            (Q(person__isnull=True) | register.filter("person__"))
            & (Q(stakeholder__isnull=True) | register.filter("stakeholder__"))
        )
        .select_related("person", "stakeholder")
        .order_by("stakeholder__name", "person__name")
    )


def planned_next_steps(user, *, municipality=None, today: date | None = None):
    """Agreed next steps with a date from today on, with people and organisations the user
    sees (private moments only for their own group), soonest first."""
    today = today or timezone.localdate()
    people = people_for_user(user, municipality=municipality)
    stakeholders = stakeholders_for_user(user, municipality=municipality)
    return (
        ContactMoment.objects.filter(moments_filter(scope_for(user)))
        .filter(Q(person__in=people) | Q(stakeholder__in=stakeholders))
        .filter(next_step_on__gte=today)
        .exclude(next_step="")
        .select_related("person", "stakeholder")
        .order_by("next_step_on", "pk")
    )


DIGEST_DAYS = 7


def reminders_for(user, today: date | None = None) -> tuple[list[Person], list[ContactMoment]]:
    """For the dashboard and the weekly digest: key contacts due for a contact, and next steps
    in the coming week — of the user's own groups' municipalities and of the national or
    regional entries (for national staff only the latter: the groups keep their own)."""
    today = today or timezone.localdate()
    register = register_for(user)

    def own(entry) -> bool:
        return entry.municipality_id is None or entry.municipality_id in register.areas.get(
            entry.organisation_id, set()
        )

    due = [p for p in keep_in_touch_due(user, today) if own(p)]
    soon = [
        m
        for m in planned_next_steps(user, today=today).filter(
            next_step_on__lt=today + timedelta(days=DIGEST_DAYS)
        )
        if own(m.person or m.stakeholder)
    ]
    return due, soon
