"""Changes to the network register. Callers fetch through selectors (access); these functions
keep the rules: the area, no duplicates without a choice, the contact log."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samensterk.lib.text import fold

from .models import (
    DEFAULT_TYPES,
    HIERARCHICAL,
    ContactMoment,
    DossierTarget,
    Person,
    Relation,
    Stakeholder,
    StakeholderType,
)
from .selectors import Register, possible_duplicates

OUTSIDE_AREA = gettext_lazy(
    "Deze gemeente hoort niet bij het gebied van jouw groep. Kies een gemeente uit jullie gebied."
)
OTHER_REGISTER = gettext_lazy("Deze organisatie staat niet in jullie netwerk.")
TYPE_UNKNOWN = gettext_lazy("Kies een soort organisatie.")
CONTACT_IN_FUTURE = gettext_lazy("Een contact dat nog moet komen, zet je bij de volgende stap.")
RELATION_SELF = gettext_lazy("Een relatie met zichzelf kan niet. Kies een andere.")
RELATION_EXISTS = gettext_lazy("Deze relatie staat er al.")
RELATION_CYCLE = gettext_lazy(
    "Dat kan niet: dan komt de keten weer uit bij waar hij begon (een rondje)."
)
TARGET_EXISTS = gettext_lazy("Deze staat al bij het dossier.")
NEXT_STEP_BEFORE = gettext_lazy("De volgende stap kan niet vóór het contact zelf liggen.")

STAKEHOLDER_FIELDS = ("name", "kind", "municipality", "website", "email", "phone", "notes",
                      "power", "interest")  # fmt: skip
PERSON_FIELDS = (
    "name",
    "role",
    "stakeholder",
    "municipality",
    "email",
    "phone",
    "preferred_contact",
    "stage",
    "key_contact",
    "keep_in_touch_days",
    "left_role_on",
    "notes",
    "power",
    "interest",
)
CONTACT_FIELDS = ("date", "kind", "our_people", "discussed", "next_step", "next_step_on", "private")


def types_for(organisation) -> list[StakeholderType]:
    """The organisation's kinds of organisation; the defaults the first time."""
    types = list(StakeholderType.objects.filter(organisation=organisation))
    if not types:
        StakeholderType.objects.bulk_create(
            [
                StakeholderType(organisation=organisation, name=str(name), position=n)
                for n, name in enumerate(DEFAULT_TYPES)
            ],
            ignore_conflicts=True,
        )
        types = list(StakeholderType.objects.filter(organisation=organisation))
    return types


def _duplicates_message(found) -> str:
    names = ", ".join(f"‘{entry.name}’" for entry in found[:3])
    return _(
        "Dit lijkt al in het netwerk te staan: %(names)s. Open die, of vink ‘toch toevoegen’ "
        "aan als het echt iemand anders is."
    ) % {"names": names}


def _check(register: Register, entry, *, confirmed: bool) -> None:
    errors = {}
    if not register.covers(entry.organisation_id, entry.municipality_id):
        errors["municipality"] = OUTSIDE_AREA
    if isinstance(entry, Stakeholder) and (
        entry.kind_id is None
        or not StakeholderType.objects.filter(
            pk=entry.kind_id, organisation_id=entry.organisation_id
        ).exists()
    ):
        errors["kind"] = TYPE_UNKNOWN
    if isinstance(entry, Person) and entry.stakeholder_id is not None:
        stakeholder = entry.stakeholder
        if stakeholder.organisation_id != entry.organisation_id or not register.covers(
            stakeholder.organisation_id, stakeholder.municipality_id
        ):
            errors["stakeholder"] = OTHER_REGISTER
    if not confirmed and not errors:
        found = possible_duplicates(
            type(entry),
            organisation_id=entry.organisation_id,
            municipality_id=entry.municipality_id,
            name=entry.name,
            exclude=entry.pk,
        )
        if found:
            errors["name"] = _duplicates_message(found)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def entry_save(
    *, register: Register, entry, data: dict, actor, confirmed: bool = False
) -> Stakeholder | Person:
    """Create or change an organisation or person in the register.

    `entry`: an unsaved instance with its organisation set, or one fetched through selectors.
    Raises ValidationError (Dutch, per field) and stores nothing on bad input.
    """
    fields = STAKEHOLDER_FIELDS if isinstance(entry, Stakeholder) else PERSON_FIELDS
    for name in fields:
        if name in data:
            setattr(entry, name, data[name])
    entry.full_clean(exclude=["organisation", "created_by", "key"])
    _check(register, entry, confirmed=confirmed)
    if entry.pk is None:
        entry.created_by = actor
    entry.save()
    return entry


@transaction.atomic
def contact_log(
    *, register: Register, actor, data: dict, person=None, stakeholder=None
) -> ContactMoment:
    """Log a contact with a person or an organisation; the person's last contact (and, when
    given, networking step) follow."""
    subject = person or stakeholder
    moment = ContactMoment(
        organisation_id=subject.organisation_id,
        group=register.group_for(subject.organisation_id, subject.municipality_id),
        person=person,
        stakeholder=stakeholder,
        created_by=actor,
        **{name: data.get(name) for name in CONTACT_FIELDS if name in data},
    )
    moment.full_clean(exclude=["organisation", "group", "created_by", "person", "stakeholder"])
    errors = {}
    if moment.date > timezone.localdate():
        errors["date"] = CONTACT_IN_FUTURE
    if moment.next_step_on and moment.next_step_on < moment.date:
        errors["next_step_on"] = NEXT_STEP_BEFORE
    if errors:
        raise ValidationError(errors)
    if (
        moment.private
        and moment.group is None
        and not register.scope.is_staff_of(moment.organisation_id)
    ):
        moment.private = False
    moment.save()
    if person is not None:
        changed = ["updated_at"]
        if person.last_contact_on is None or moment.date > person.last_contact_on:
            person.last_contact_on = moment.date
            changed.append("last_contact_on")
        stage = data.get("stage")
        if stage and stage != person.stage:
            person.stage = stage
            changed.append("stage")
        person.save(update_fields=changed)
    return moment


def _ends(entry) -> dict:
    return {"person": entry} if isinstance(entry, Person) else {"stakeholder": entry}


def _side(prefix: str, entry) -> dict:
    return {f"{prefix}_{key}": value for key, value in _ends(entry).items()}


def _reaches(organisation_id: int, kind: str, start, goal) -> bool:
    """Does a chain of `kind` relations lead from `start` to `goal`?"""
    edges: dict[tuple, list[tuple]] = {}
    rows = Relation.objects.filter(organisation_id=organisation_id, kind=kind).values_list(
        "from_person", "from_stakeholder", "to_person", "to_stakeholder"
    )
    for from_person, from_stakeholder, to_person, to_stakeholder in rows:
        source = ("p", from_person) if from_person else ("o", from_stakeholder)
        target = ("p", to_person) if to_person else ("o", to_stakeholder)
        edges.setdefault(source, []).append(target)
    key = lambda entry: ("p" if isinstance(entry, Person) else "o", entry.pk)  # noqa: E731
    seen, todo = set(), [key(start)]
    while todo:
        node = todo.pop()
        if node == key(goal):
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(edges.get(node, []))
    return False


@transaction.atomic
def relation_add(*, register: Register, actor, source, kind: str, target) -> Relation:
    """Relate two entries of one register (both fetched through selectors)."""
    if type(source) is type(target) and source.pk == target.pk:
        raise ValidationError({"target": RELATION_SELF})
    if source.organisation_id != target.organisation_id or not register.covers(
        target.organisation_id, target.municipality_id
    ):
        raise ValidationError({"target": OTHER_REGISTER})
    relation = Relation(
        organisation_id=source.organisation_id,
        kind=kind,
        created_by=actor,
        **_side("from", source),
        **_side("to", target),
    )
    relation.full_clean(exclude=["organisation", "created_by"])
    existing = Relation.objects.filter(kind=kind, **_side("from", source), **_side("to", target))
    if existing.exists():
        raise ValidationError({"target": RELATION_EXISTS})
    if kind in HIERARCHICAL and _reaches(source.organisation_id, kind, target, source):
        raise ValidationError({"target": RELATION_CYCLE})
    relation.save()
    return relation


def relation_remove(*, relation: Relation) -> None:
    relation.delete()


def target_add(*, register: Register, actor, dossier, entry) -> DossierTarget:
    """Add an organisation or person (fetched through selectors) to a dossier the caller may
    change (dossier selectors)."""
    if entry.organisation_id != dossier.organisation_id or not register.covers(
        entry.organisation_id, entry.municipality_id
    ):
        raise ValidationError({"target": OTHER_REGISTER})
    side = {"person": entry} if isinstance(entry, Person) else {"stakeholder": entry}
    if DossierTarget.objects.filter(dossier=dossier, **side).exists():
        raise ValidationError({"target": TARGET_EXISTS})
    return DossierTarget.objects.create(dossier=dossier, added_by=actor, **side)


MERGE_SELF = gettext_lazy("Kies een andere om mee samen te voegen.")
MERGE_OTHER_KIND = gettext_lazy("Alleen twee organisaties of twee personen kun je samenvoegen.")

# Fields the kept entry takes over from the other when it has none itself.
FILL_IN = ("municipality", "website", "email", "phone", "role", "stakeholder",
           "preferred_contact", "keep_in_touch_days", "last_contact_on")  # fmt: skip


@transaction.atomic
def entry_merge(*, register: Register, keep, remove):
    """Merge a duplicate into the entry that stays (both fetched through selectors): its
    contacts, relations, dossiers and people move over, empty fields are filled in, notes are
    kept; then the duplicate is deleted. All or nothing."""
    if type(keep) is not type(remove):
        raise ValidationError({"other": MERGE_OTHER_KIND})
    if keep.pk == remove.pk:
        raise ValidationError({"other": MERGE_SELF})
    if keep.organisation_id != remove.organisation_id or not register.covers(
        remove.organisation_id, remove.municipality_id
    ):
        raise ValidationError({"other": OTHER_REGISTER})
    side = "person" if isinstance(keep, Person) else "stakeholder"
    for name in FILL_IN:
        if hasattr(keep, name) and not getattr(keep, name) and getattr(remove, name):
            setattr(keep, name, getattr(remove, name))
    if remove.notes:
        keep.notes = "\n\n".join(n for n in (keep.notes, remove.notes) if n)[:5000]
    keep.key_contact = getattr(keep, "key_contact", False) or getattr(remove, "key_contact", False)
    ContactMoment.objects.filter(**{side: remove}).update(**{side: keep})
    for target in DossierTarget.objects.filter(**{side: remove}):
        if DossierTarget.objects.filter(dossier=target.dossier_id, **{side: keep}).exists():
            target.delete()
        else:
            DossierTarget.objects.filter(pk=target.pk).update(**{side: keep})
    for end in ("from", "to"):
        Relation.objects.filter(**{f"{end}_{side}": remove}).update(**{f"{end}_{side}": keep})
    # A relation that now runs from the kept entry to itself, or twice, goes.
    seen = set()
    for relation in Relation.objects.filter(
        Q(**{f"from_{side}": keep}) | Q(**{f"to_{side}": keep})
    ):
        ends = (relation.from_person_id, relation.from_stakeholder_id, relation.kind,
                relation.to_person_id, relation.to_stakeholder_id)  # fmt: skip
        if relation.source == relation.target or ends in seen:
            relation.delete()
        seen.add(ends)
    # What other apps keep about the duplicate (a dossier action's contact, ...) moves over too,
    # rather than going with it when it is deleted.
    for related in type(remove)._meta.related_objects:
        if related.one_to_many:
            field = related.field.name
            related.related_model._base_manager.filter(**{field: remove}).update(**{field: keep})
    if (
        side == "person"
        and remove.last_contact_on
        and (keep.last_contact_on is None or remove.last_contact_on > keep.last_contact_on)
    ):
        keep.last_contact_on = remove.last_contact_on
    remove.delete()
    keep.save()
    return keep


ERASED_PERSON = gettext_lazy("Gewiste persoon")


@transaction.atomic
def person_erase(*, person: Person, redact=None) -> None:
    """On the person's own request (privacy.subjects): everything that says who they are is
    erased — name, role, e-mail, phone, notes, how they like contact — and they are no longer
    a key contact. The entry stays, so that the contact log, relations and dossiers of the
    organisation still read ("Gewiste persoon at the municipality"); further than retention,
    which keeps name and role. `redact` (text -> text) takes the person's name out of what was
    written in their contact log."""
    name = str(ERASED_PERSON)
    Person.objects.filter(pk=person.pk).update(
        name=name,
        key=fold(name),
        role="",
        email="",
        phone="",
        notes="",
        preferred_contact="",
        key_contact=False,
        keep_in_touch_days=None,
        contact_erased_on=timezone.localdate(),
        updated_at=timezone.now(),
    )
    if redact is None:
        return
    for moment in ContactMoment.objects.filter(person=person):
        discussed, next_step = redact(moment.discussed), redact(moment.next_step)
        if (discussed, next_step) != (moment.discussed, moment.next_step):
            moment.discussed, moment.next_step = discussed, next_step
            moment.save(update_fields=["discussed", "next_step"])
