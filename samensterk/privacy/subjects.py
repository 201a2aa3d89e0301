"""Data-subject requests (inzage, wissen): what each app holds about one person.

privacy knows no other app's models (as with retention.py): each app that keeps personal data
registers a `Finder` in its AppConfig.ready(). For one organisation and one searched person
(`SubjectQuery`: an e-mail address, a phone number or a name) a finder answers:

- find(organisation, query, scope) -> [Finding]: what it holds, with a link where a page exists
  that the user may open;
- export(findings, scope=, query=) -> [Record]: every field it holds about the person, for the
  JSON and the PDF;
- erase(findings, query=, actor=, note=): erase them the way that kind of thing is erased,
  inside the caller's transaction (services.subject_erase).

The helpers below (phone numbers written in any way, names with or without accents, a mention in
a longer text and its redaction) are shared, so that every app matches a person the same way.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext_lazy as _

from samensterk.lib.text import fold

EMAIL, PHONE, NAME = "email", "phone", "name"
KIND_LABELS = {EMAIL: _("e-mailadres"), PHONE: _("telefoonnummer"), NAME: _("naam")}

QUERY_MIN, QUERY_MAX = 3, 150
QUERY_EMPTY = _("Vul een e-mailadres, telefoonnummer of naam in.")
QUERY_TOO_SHORT = _(
    "Vul minstens 3 tekens in. Met minder vind je te veel mensen die het niet zijn."
)
QUERY_TOO_LONG = _("Dit is te lang om op te zoeken: hoogstens 150 tekens.")
EMAIL_INVALID = _(
    "Dit e-mailadres klopt niet. Kijk of er een @ in staat, bijvoorbeeld naam@voorbeeld.nl."
)
PHONE_INVALID = _(
    "Dit telefoonnummer klopt niet. Gebruik bijvoorbeeld 06 12345678 of +31 6 12345678."
)

# The tags a mention is replaced by, in the style of privacy/pseudonymise.py.
TAGS = {EMAIL: "[EMAIL]", PHONE: "[TELEFOON]", NAME: "[PERSOON]"}

# Results per kind are capped, so that a too common name cannot make the page endless.
MAX_FINDINGS = 200

_PHONE_CHARACTERS = re.compile(r"^[\d\s()+./-]+$")
_PHONE_SEPARATORS = re.compile(r"[\s()./-]")
_PHONE_NL = re.compile(r"^(?:\+31|0031|0)([1-9]\d{8})$")
_PHONE_OTHER = re.compile(r"^(?:\+|00)([1-9]\d{7,14})$")
# Between the digits of a phone number in a text: spaces, dashes, dots, brackets, a slash.
_SEP = r"[\s().\-/]{0,3}"
# Letters a name may carry an accent on; a name typed without accents finds it with them.
_ACCENTS = {
    "a": "aàáâäãå",
    "c": "cç",
    "e": "eèéêë",
    "i": "iìíîï",
    "n": "nñ",
    "o": "oòóôöõø",
    "u": "uùúûü",
    "y": "yýÿ",
}


def normalise_phone(value: str) -> str:
    """One form for a phone number however it was written: 0612345678 for a Dutch number
    (+31 6 1234 5678, 0031-6-12345678, 06 12345678), +4915112345678 for another; "" if it is
    none."""
    compact = _PHONE_SEPARATORS.sub("", value or "")
    # "+31 (0)6 …": the trunk zero written in brackets after the country code.
    compact = re.sub(r"^(\+31|0031)0", r"\1", compact)
    match = _PHONE_NL.match(compact)
    if match:
        return "0" + match.group(1)
    match = _PHONE_OTHER.match(compact)
    if match:
        return "+" + match.group(1)
    return ""


@dataclass(frozen=True)
class SubjectQuery:
    """Who is searched: `kind` (EMAIL, PHONE, NAME) and `value` in its one normal form."""

    kind: str
    value: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def digest(self) -> str:
        """A short keyed hash for the audit log: the same person gives the same digest, and the
        log alone does not give the address or number back (a phone number is easily guessed
        from a plain hash; this one needs the installation's secret)."""
        key = settings.SECRET_KEY.encode()
        message = f"subject:{self.kind}:{self.value}".encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:12]

    # --- matching a field ---------------------------------------------------------------------
    def pick(self, *, name: str = "", email: str = "", phone: str = "") -> str:
        """Of a model's name, e-mail and phone fields, the one this query searches ("" if the
        model has no field of its kind)."""
        return {NAME: name, EMAIL: email, PHONE: phone}[self.kind]

    def matches(self, value: str) -> bool:
        """Does a field holding an e-mail address, a phone number or a name (as fits the kind)
        hold this person's?"""
        if not value:
            return False
        if self.kind == EMAIL:
            return value.strip().lower() == self.value
        if self.kind == PHONE:
            return normalise_phone(value) == self.value
        return bool(self.pattern.search(value))

    def field_q(self, field_name: str) -> Q:
        """A first filter in SQL on a field of the query's kind; confirm each row with
        `matches` (a name filter is only a first cut, see `words_q`)."""
        if self.kind == EMAIL:
            return Q(**{f"{field_name}__iexact": self.value})
        if self.kind == PHONE:
            return Q(**{f"{_alias(field_name)}__endswith": self.value[-8:]})
        return self.words_q(field_name)

    def prepare(self, queryset: QuerySet, *field_names: str) -> QuerySet:
        """Adds what `field_q` needs for phone numbers: the field without separators."""
        if self.kind != PHONE:
            return queryset
        return queryset.alias(**{_alias(name): _compact(name) for name in field_names})

    def words_q(self, field_name: str) -> Q:
        """A first cut in SQL for a name: its longest word, with or without accents (a regular
        expression, which SQLite and PostgreSQL both run)."""
        word = max(fold(self.value).split(), key=len)
        return Q(**{f"{field_name}__iregex": _word_pattern(word)})

    # --- a mention in a longer text -----------------------------------------------------------
    def text_q(self, field_name: str) -> Q:
        """A first filter in SQL for texts that may mention the person (confirm with
        `mentions`). For a phone number: its last digits in the text without separators."""
        if self.kind == EMAIL:
            return Q(**{f"{field_name}__icontains": self.value})
        if self.kind == PHONE:
            return Q(**{f"{_alias(field_name)}__contains": self.value[-8:]})
        return self.words_q(field_name)

    @property
    def pattern(self) -> re.Pattern:
        return _pattern(self.kind, self.value)

    def mentions(self, text: str) -> bool:
        return bool(text) and bool(self.pattern.search(text))

    def snippet(self, text: str, width: int = 50) -> str:
        """The words around the first mention, for staff to see whether it is the person."""
        match = self.pattern.search(text or "")
        if match is None:
            return ""
        start, end = max(0, match.start() - width), min(len(text), match.end() + width)
        return (
            ("…" if start else "")
            + " ".join(text[start:end].split())
            + ("…" if end < len(text) else "")
        )

    def redact(self, text: str) -> str:
        """The text with every mention of the person replaced by a tag."""
        return self.pattern.sub(TAGS[self.kind], text or "")


def _pattern(kind: str, value: str) -> re.Pattern:
    if kind == EMAIL:
        return re.compile(rf"(?<![\w.+-]){re.escape(value)}(?![\w-])", re.IGNORECASE)
    if kind == PHONE:
        # A Dutch number also as +31 6…, 0031 6… or +31 (0)6…; another with + or 00.
        dutch = rf"(?:(?:\+31|0031){_SEP}(?:\(0\))?|0)"
        prefix = dutch if value.startswith("0") else r"(?:\+|00)"
        body = _SEP.join(value[1:])
        return re.compile(rf"(?<![\w+]){prefix}{_SEP}{body}(?!\d)")
    words = [_word_pattern(word) for word in fold(value).split()]
    return re.compile(r"(?<!\w)" + r"[\s'.-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def _word_pattern(word: str) -> str:
    """A folded word as a regular expression that also matches it with accents."""
    return "".join(f"[{_ACCENTS[c]}]" if c in _ACCENTS else re.escape(c) for c in word)


def _alias(field_name: str) -> str:
    return "subject_compact_" + field_name.replace("__", "_")


def _compact(field_name: str):
    expression = F(field_name)
    for character in " -.()/+\n\t":
        expression = Replace(expression, Value(character), Value(""), output_field=TextField())
    return expression


def parse_query(text: str) -> SubjectQuery:
    """What staff typed, as a query; ValidationError (Dutch) for what cannot be searched."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(QUERY_EMPTY, code="empty")
    if len(text) > QUERY_MAX:
        raise ValidationError(QUERY_TOO_LONG, code="too_long")
    if len(text) < QUERY_MIN:
        raise ValidationError(QUERY_TOO_SHORT, code="too_short")
    if "@" in text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(EMAIL_INVALID, code="email") from None
        return SubjectQuery(EMAIL, text.lower())
    if _PHONE_CHARACTERS.match(text) and any(c.isdigit() for c in text):
        phone = normalise_phone(text)
        if not phone:
            raise ValidationError(PHONE_INVALID, code="phone")
        return SubjectQuery(PHONE, phone)
    # Names are matched by their letters without accents (lib.text.fold).
    if len(fold(text).replace(" ", "")) < QUERY_MIN or not any(c.isalpha() for c in text):
        raise ValidationError(QUERY_TOO_SHORT, code="too_short")
    return SubjectQuery(NAME, text)


# --- What finders return --------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing held about the person: `pk` within its finder's kind, a `reference` for the
    audit log and the export, what the page shows (`label`, `details`) and a link (`url`)."""

    kind: str
    pk: int
    reference: str
    label: str
    details: tuple[str, ...] = ()
    url: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass
class Record:
    """Everything held about the person in one thing, for the export. `fields` are
    (key, Dutch label, value): the JSON uses the keys, the PDF the labels."""

    kind: str
    reference: str
    title: str
    fields: list[tuple[str, str, object]]
    parts: list[Record] = field(default_factory=list)
    note: str = ""

    def as_json(self) -> dict:
        data = {
            "kind": self.kind,
            "reference": self.reference,
            "title": str(self.title),
            "fields": {key: value for key, _label, value in self.fields},
        }
        if self.parts:
            data["parts"] = [part.as_json() for part in self.parts]
        if self.note:
            data["note"] = str(self.note)
        return data


@dataclass(frozen=True)
class Finder:
    """One kind of thing an app holds about people. `title` heads its findings; `erases`
    says what erasing does to it, on the confirmation page and in docs."""

    kind: str
    title: str
    erases: str
    find: Callable[..., list[Finding]]
    export: Callable[..., list[Record]]
    erase: Callable[..., None]


FINDERS: list[Finder] = []


def register(finder: Finder) -> Finder:
    if all(f.kind != finder.kind for f in FINDERS):
        FINDERS.append(finder)
    return finder


def _value(row, path: str) -> str:
    """A field of the row, also through relations ("contact__email")."""
    for name in path.split("__"):
        row = getattr(row, name, None)
        if row is None:
            return ""
    return row or ""


def confirmed(rows, query: SubjectQuery, *fields: str) -> list:
    """The rows whose `fields` really hold the person (after a first cut in SQL), capped."""
    found = []
    for row in rows:
        if any(query.matches(_value(row, name)) for name in fields):
            found.append(row)
            if len(found) >= MAX_FINDINGS:
                break
    return found


def mentioning(rows, query: SubjectQuery, *fields: str) -> list:
    """The rows whose text `fields` mention the person, capped."""
    found = []
    for row in rows:
        if any(query.mentions(_value(row, name)) for name in fields):
            found.append(row)
            if len(found) >= MAX_FINDINGS:
                break
    return found
