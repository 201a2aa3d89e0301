"""Contacts in and out: people as CSV and vCard, planned meetings (agreed next steps) as iCal,
and importing people from CSV, Excel or vCard.

Import is all-or-nothing, like the signals import: every row is checked first; one bad row and
nothing is stored, with one line per problem as "rij N: kolom: melding" (N counts data rows, or
cards in a vCard file, from 1). A person whose name is already in the register for the same
municipality is updated (fields given in the file replace the old ones), so that importing an
export again does not make duplicates; a name that only looks like one there is refused.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

import vobject
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samensterk.intake.transfer import (
    MAX_CELL,
    ImportFileError,
    cell_too_long,
    read_table,
    too_many_rows,
)
from samensterk.lib import spreadsheet
from samensterk.lib.text import fold
from samensterk.places.selectors import municipality_lookup

from .models import NetworkStage, Person, PreferredContact, Stakeholder
from .selectors import Register, possible_duplicates
from .services import types_for

COLUMNS = [
    "naam",
    "functie",
    "organisatie",
    "gemeente",
    "email",
    "telefoon",
    "voorkeur_contact",
    "netwerkstap",
    "sleutelfiguur",
    "uit_functie_sinds",
]
REQUIRED = ["naam"]
# What a column fills on a Person (the others are looked up).
PERSON_FIELD = {
    "naam": "name",
    "functie": "role",
    "email": "email",
    "telefoon": "phone",
    "voorkeur_contact": "preferred_contact",
    "netwerkstap": "stage",
    "sleutelfiguur": "key_contact",
    "uit_functie_sinds": "left_role_on",
}
YES = {"ja", "j", "yes", "1", "true", "waar"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}


# --- Out ------------------------------------------------------------------------------------


def person_row(person: Person) -> list[str]:
    return [
        person.name,
        person.role,
        person.stakeholder.name if person.stakeholder_id else "",
        person.municipality.name if person.municipality_id else "",
        person.email,
        person.phone,
        person.preferred_contact,
        person.stage,
        "ja" if person.key_contact else "nee",
        person.left_role_on.isoformat() if person.left_role_on else "",
    ]


def people_csv(people) -> str:
    """ "CSV (Excel)": Excel set to Dutch splits a .csv on semicolons and reads it as UTF-8 only
    after a byte order mark, so both; the import reads this back (and comma or tab files)."""
    out = io.StringIO()
    out.write("\ufeff")
    spreadsheet.write_csv([COLUMNS, *(person_row(person) for person in people)], out, delimiter=";")
    return out.getvalue()


# Dutch surname particles ("tussenvoegsels"), written in lower case after a first name.
PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "te",
        "ten",
        "ter",
        "in",
        "op",
        "uit",
        "aan",
        "bij",
        "la",
        "le",
        "da",
        "du",
        "di",
        "dos",
        "del",
        "von",
        "d'",
        "l'",
    ]
)


def split_name(name: str) -> tuple[str, str]:
    """(given, family) of a full name, the particle kept with the family name: "Els de Jong"
    -> ("Els", "de Jong"). The particle belongs to the surname in Dutch law and address books
    (Apple and Google Contacts put "de Jong" in the last-name field), and vCard's prefix field
    is for titles ("Dr.", RFC 6350 6.2.2): a particle there shows as "de Els Jong"."""
    words = name.split()
    if len(words) < 2:
        return "", name.strip()
    if words[0].lower() in PARTICLES:  # only a surname: "De Vries"
        return "", " ".join(words)
    for index in range(1, len(words) - 1):
        if words[index] in PARTICLES:  # lower case only: "Jan Van Gogh" has no particle
            return " ".join(words[:index]), " ".join(words[index:])
    return " ".join(words[:-1]), words[-1]


def people_vcard(people) -> str:
    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("fn").value = person.name
        given, family = split_name(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if person.role:
            card.add("title").value = person.role
        if person.stakeholder_id:
            card.add("org").value = [person.stakeholder.name]
        if person.email:
            card.add("email").value = person.email
        if person.phone:
            card.add("tel").value = person.phone
        cards.append(card.serialize())
    return "".join(cards)


def planned_ical(moments, *, name: str) -> str:
    """The agreed next steps with a date, as all-day events."""
    calendar = vobject.iCalendar()
    calendar.add("x-wr-calname").value = name
    for moment in moments:
        who = moment.person or moment.stakeholder
        event = calendar.add("vevent")
        event.add("uid").value = f"netwerk-contact-{moment.pk}@samensterk"
        event.add("dtstart").value = moment.next_step_on
        event.add("dtend").value = moment.next_step_on + timedelta(days=1)
        event.add("summary").value = f"{moment.next_step} ({who})"
        event.add("description").value = _("Afgesproken na het contact van %(date)s.") % {
            "date": moment.date.strftime("%d-%m-%Y")
        }
    return calendar.serialize()


# --- In -------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    organisations_created: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# People per file. Each row is checked against the register with a few queries (about 3 ms a
# row), so that a file of this many is done well within a web request's time.
MAX_PEOPLE = 2_000


def read_people(content: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """(header, rows) from a CSV, Excel or vCard file; raises ImportFileError."""
    if filename.lower().endswith((".vcf", ".vcard")):
        return _read_vcard(content)
    header, rows = read_table(content, filename, max_rows=MAX_PEOPLE)
    return [h.lower() for h in header], rows


def _read_vcard(content: bytes):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            [
                _(
                    "Dit vCard-bestand is geen UTF-8-tekst: letters als é en ë zouden verkeerd "
                    "overkomen. Exporteer de contacten opnieuw als vCard met UTF-8 en probeer "
                    "het nog eens."
                )
            ]
        ) from None
    rows = []
    # Card by card, so that reading stops at the limits instead of after the whole file.
    cards = vobject.readComponents(text, ignoreUnreadable=False)
    read = 0
    while True:
        try:
            card = next(cards)
        except StopIteration:
            break
        except Exception as error:  # vobject raises ParseError and others for damaged files
            raise ImportFileError([_unreadable(text, str(error))]) from None
        read += 1
        if read > MAX_PEOPLE:
            raise ImportFileError([too_many_rows(MAX_PEOPLE)])
        if card.name != "VCARD":
            continue
        values = dict.fromkeys(COLUMNS, "")
        values["naam"] = _card_value(card, "fn")
        values["functie"] = _card_value(card, "title")
        organisation = card.contents.get("org")
        if organisation:
            parts = organisation[0].value
            values["organisatie"] = parts[0] if isinstance(parts, list) else str(parts)
        values["email"] = _card_value(card, "email")
        values["telefoon"] = _card_value(card, "tel")
        if any(len(value) > MAX_CELL for value in values.values()):
            raise ImportFileError([cell_too_long(len(rows) + 1)])
        rows.append([values[c] for c in COLUMNS])
    if not rows:
        raise ImportFileError([_("Er staan geen contacten (vCards) in dit bestand.")])
    return list(COLUMNS), rows


def _unreadable(text: str, problem: str) -> str:
    """Where a damaged vCard file went wrong, by the line's number in the file."""
    _before, found, line = problem.partition("Failed to parse line: ")
    if found:
        for number, content in enumerate(text.splitlines(), start=1):
            if content.strip() == line.strip():
                return _(
                    "Dit vCard-bestand kan niet worden gelezen: regel %(number)d klopt niet."
                ) % {"number": number}
    return _("Dit vCard-bestand kan niet worden gelezen.")


def _card_value(card, name: str) -> str:
    found = card.contents.get(name)
    return str(found[0].value).strip() if found else ""


def check_header(header: list[str]) -> list[str]:
    problems = []
    for name in header:
        if name not in COLUMNS:
            problems.append(
                _("onbekende kolom ‘%(name)s’ (toegestaan: %(allowed)s)")
                % {"name": name, "allowed": ", ".join(COLUMNS)}
                if name
                else _("een kolom zonder naam")
            )
    problems += [
        _("de verplichte kolom ‘%(name)s’ ontbreekt") % {"name": name}
        for name in REQUIRED
        if name not in header
    ]
    return problems


def _choice(value: str, choices) -> str | None:
    """A choice by its value or its label's first word, forgiving case; None if unknown."""
    wanted = fold(value)
    for choice in choices:
        if wanted in (fold(choice.value), fold(str(choice.label).split(":")[0])):
            return choice.value
    return None


class _Rows:
    """Checks the rows of one import against one register."""

    def __init__(self, register: Register, organisation, municipality):
        self.register = register
        self.organisation = organisation
        self.default_municipality = municipality
        self.seen: dict[tuple, int] = {}
        self.places: dict[str, object] = {}

    def municipality(self, value: str):
        if value not in self.places:
            self.places[value] = municipality_lookup(value)
        return self.places[value]

    def check(self, number: int, raw: dict) -> tuple[dict, list[tuple[str, str]]]:
        value = {k: (v or "").strip() for k, v in raw.items()}
        problems: list[tuple[str, str]] = []
        row: dict = {"number": number, "organisation_name": value.get("organisatie", "")}
        municipality = self.default_municipality
        if value.get("gemeente"):
            municipality = self.municipality(value["gemeente"])
            if municipality is None:
                problems.append(("gemeente", _("onbekende gemeente ‘%s’") % value["gemeente"]))
        if municipality is not None and not self.register.covers(
            self.organisation.pk, municipality.pk
        ):
            problems.append(
                ("gemeente", _("%s hoort niet bij het gebied van jullie groep") % municipality)
            )
        row["municipality"] = municipality
        fields = {}
        for column, name in PERSON_FIELD.items():
            if value.get(column):  # an empty cell keeps what is there (or the default)
                fields[name] = value[column]
        if "preferred_contact" in fields:
            chosen = _choice(fields["preferred_contact"], PreferredContact)
            if chosen is None:
                problems.append(
                    ("voorkeur_contact", _("onbekend: ‘%s’") % fields["preferred_contact"])
                )
            fields["preferred_contact"] = chosen or ""
        if "stage" in fields:
            chosen = _choice(fields["stage"], NetworkStage)
            if chosen is None:
                problems.append(
                    (
                        "netwerkstap",
                        _("onbekende stap ‘%s’ (spotten, vlinderen, vlooien, trompetteren)")
                        % fields["stage"],
                    )
                )
            fields["stage"] = chosen or NetworkStage.SPOTTED
        if "key_contact" in fields:
            answer = fields["key_contact"].lower()
            if answer not in YES | NO:
                problems.append(("sleutelfiguur", _("vul ‘ja’ of ‘nee’ in")))
            fields["key_contact"] = answer in YES
        if "left_role_on" in fields:
            try:
                fields["left_role_on"] = date.fromisoformat(fields["left_role_on"])
            except ValueError:
                problems.append(
                    (
                        "uit_functie_sinds",
                        _("‘%s’ is geen datum (gebruik 2026-03-14)") % fields["left_role_on"],
                    )
                )
                fields["left_role_on"] = None
        row["fields"] = fields
        problems += self._check_person(row)
        return row, problems

    def _check_person(self, row) -> list[tuple[str, str]]:
        fields, municipality = row["fields"], row["municipality"]
        name = fields.get("name", "")
        if not name:
            return [("naam", _("de naam is leeg"))]
        place = municipality.pk if municipality else None
        key = (fold(name), place)
        if key in self.seen:
            return [
                (
                    "naam",
                    _("%(name)s staat al op rij %(row)d") % {"name": name, "row": self.seen[key]},
                )
            ]
        self.seen[key] = row["number"]
        existing = Person.objects.filter(
            organisation=self.organisation, municipality_id=place, key=fold(name)
        ).first()
        row["existing"] = existing
        if existing is None:
            similar = possible_duplicates(
                Person, organisation_id=self.organisation.pk, municipality_id=place, name=name
            )
            if similar:
                return [
                    (
                        "naam",
                        _(
                            "lijkt op %(other)s, die al in het netwerk staat; gebruik precies "
                            "die naam om bij te werken"
                        )
                        % {"other": similar[0].name},
                    )
                ]
        candidate = existing or Person(organisation=self.organisation, municipality=municipality)
        for attribute, new in fields.items():
            setattr(candidate, attribute, new)
        try:
            candidate.full_clean(
                exclude=["organisation", "municipality", "stakeholder", "created_by"],
                validate_unique=False,
            )
        except ValidationError as error:
            column = {v: k for k, v in PERSON_FIELD.items()}
            return [(column.get(f, f), " ".join(m)) for f, m in error.message_dict.items()]
        row["person"] = candidate
        return []


def import_people(
    *, register: Register, organisation, municipality, header, rows, actor
) -> ImportResult:
    """Check every row, then store all of them in one transaction (or nothing)."""
    result = ImportResult()
    result.errors = check_header(header)
    if result.errors:
        return result
    checker = _Rows(register, organisation, municipality)
    checked = []
    for number, cells in enumerate(rows, start=1):
        if not any(str(c).strip() for c in cells):
            continue
        raw = dict(zip(header, [str(c) for c in cells], strict=False))
        row, problems = checker.check(number, raw)
        result.errors += [
            _("rij %(row)d: %(column)s: %(message)s") % {"row": number, "column": c, "message": m}
            for c, m in problems
        ]
        checked.append(row)
    if not checked and not result.errors:
        result.errors.append(_("Er staan geen contacten in het bestand."))
    if result.errors:
        return result
    with transaction.atomic():
        _store(checked, organisation, actor, result)
    return result


def _store(checked, organisation, actor, result: ImportResult) -> None:
    other = types_for(organisation)[-1]  # "Anders"
    made: dict[tuple, Stakeholder] = {}
    for row in checked:
        person, municipality = row["person"], row["municipality"]
        name = row["organisation_name"]
        if name:
            place = municipality.pk if municipality else None
            key = (fold(name), place)
            if key not in made:
                found = Stakeholder.objects.filter(
                    organisation=organisation, municipality_id=place, key=fold(name)
                ).first()
                if found is None:
                    found = Stakeholder.objects.create(
                        organisation=organisation,
                        municipality=municipality,
                        kind=other,
                        name=name,
                        created_by=actor,
                    )
                    result.organisations_created += 1
                made[key] = found
            person.stakeholder = made[key]
        if person.pk:
            result.updated += 1
        else:
            person.created_by = actor
            result.created += 1
        person.save()
