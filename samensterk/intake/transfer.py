"""The signals exchange file (spec section 2): import and export, CSV and XLSX.

Import is all-or-nothing: every row is checked first; one bad row and nothing is stored, with one
line per problem as "row N: column: message" (N counts data rows from 1) on the command line, and
as the spreadsheet numbers it ("rij N+1, kolom gemeente: ...") on the page. Re-importing the same
external_id for the same organisation updates instead of duplicating, but keeps the theme and
municipality a coordinator corrected in the product (the status is never imported).

Values are read as spreadsheets hold them (import_values): theme names as well as codes, any
case, Dutch dates, phone numbers without their leading 0, semicolon-separated CSV.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samensterk.accounts.models import LocalGroup
from samensterk.accounts.permissions import Scope
from samensterk.lib import spreadsheet
from samensterk.lib.text import fold
from samensterk.places.selectors import municipality_resolve
from samensterk.themes.models import Theme

from . import disclosure, import_values, services
from .models import Channel, ReporterRole, Signal, SignalContact, SignalEvent, Status

COLUMNS = [
    "external_id",
    "received_at",
    "channel",
    "group",
    "municipality",
    "reporter_role",
    "text",
    "theme",
    "consent_share_national",
    "consent_anonymous_use",
    "contact_email",
    "contact_phone",
]
CONTACT_COLUMNS = ["contact_email", "contact_phone"]
# Columns the page's spreadsheet export adds for reading (export_rows(readable=True)). An import
# accepts and ignores them, so that such a file can be corrected and imported again.
READABLE_COLUMNS = ["theme_name", "status", "closed_at"]
# How the page names the columns in its messages ("rij 19, kolom gemeente: ...").
COLUMN_LABELS = {
    "external_id": "external_id",
    "received_at": "datum",
    "channel": "kanaal",
    "group": "groep",
    "municipality": "gemeente",
    "reporter_role": "melder",
    "text": "verhaal",
    "theme": "thema",
    "consent_share_national": "toestemming landelijk",
    "consent_anonymous_use": "toestemming anoniem gebruik",
    "contact_email": "e-mail",
    "contact_phone": "telefoon",
}
REQUIRED = ["text"]
YES, NO = "ja", "nee"
OPERATOR = Scope(is_superuser=True)  # the command line: whoever runs it runs the installation


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, format, header)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


class NotUtf8Error(ImportFileError):
    """The bytes are not UTF-8: most likely a CSV file saved by Excel on Windows (cp1252)."""


@dataclass(frozen=True)
class Problem:
    """One problem of an import. row: the data row (from 1); None for the file's header."""

    row: int | None
    column: str
    message: str

    def cli(self) -> str:
        """As the spec prints it: "row N: column: message"."""
        if self.row is None:
            return f"header: {self.message}"
        return f"row {self.row}: {self.column}: {self.message}"

    def web(self) -> str:
        """As the spreadsheet shows it: the header is row 1, so data row N is row N + 1."""
        if self.row is None:
            return _("rij 1 (de namen van de kolommen): %(message)s") % {"message": self.message}
        return _("rij %(row)d, kolom %(column)s: %(message)s") % {
            "row": self.row + 1,
            "column": COLUMN_LABELS.get(self.column, self.column),
            "message": self.message,
        }


@dataclass(frozen=True)
class Kept:
    """A value a re-import left alone because a coordinator changed it in the product."""

    row: int
    column: str

    def cli(self) -> str:
        return f"row {self.row}: {self.column}: kept (changed in Samen Sterk)"

    def web(self) -> str:
        return _("rij %(row)d: %(column)s behouden (aangepast in Samen Sterk)") % {
            "row": self.row + 1,
            "column": COLUMN_LABELS[self.column],
        }


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    kept: list[Kept] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [problem.cli() for problem in self.problems]

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Reading --------------------------------------------------------------------------------

# What one file may hold, checked while it is read, so that a file with millions of rows or one
# giant cell is refused early instead of filling a worker's time and memory.
MAX_ROWS = 100_000  # data rows
MAX_CELL = services.STORY_MAX  # characters in one cell: the longest story
MAX_COLUMNS = 50  # the exchange formats have a dozen
# An XLSX file is a zip of XML parts. openpyxl reads the shared strings whole, even read-only,
# scans a sheet without a <dimension> whole when it opens it, and parses rows at a few MB a
# second, so the parts' unpacked size bounds both memory and time. The zip declares each part's
# size and Python's zipfile never unpacks beyond it; a file of tens of thousands of signals
# stays below this.
MAX_XLSX_UNPACKED = 30 * 1024 * 1024


def read_table(
    content: bytes, filename: str, *, max_rows: int = MAX_ROWS, encoding: str | None = None
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) from a CSV or XLSX file; raises ImportFileError (NotUtf8Error for a CSV
    file that is not UTF-8 when no `encoding` is given).

    A CSV file may be separated by commas, semicolons or tabs (sniffed from the header). Blank
    rows stay in place, so that rows keep the numbers the spreadsheet shows (check_rows skips
    them), except at the end. A cell that an export neutralised against formulas
    (lib.spreadsheet) comes back as it was.
    """
    if filename.lower().endswith((".xlsx", ".xlsm")):
        table = _limited(_xlsx_rows(content), max_rows=max_rows)
    else:
        table = _limited(_csv_rows(content, encoding), max_rows=max_rows)
    if not table:
        raise ImportFileError([_("Het bestand is leeg.")])
    return [h.strip().lower() for h in table[0]], table[1:]


def _limited(rows: Iterable[list[str]], *, max_rows: int) -> list[list[str]]:
    """The rows, read one by one up to the limits, without the blank rows at the end. Blank
    rows count towards max_rows too: an XLSX sheet can claim a million of them in a few
    bytes."""
    table: list[list[str]] = []
    blank = 0  # blank rows read since the last row with a value
    for read, cells in enumerate(rows):
        if read > max_rows:  # the header and max_rows data rows
            raise ImportFileError([too_many_rows(max_rows)])
        cells = [spreadsheet.restore(cell) for cell in cells]
        if not any(cell.strip() for cell in cells):
            blank += 1
            continue
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError([too_many_columns()])
        if any(len(cell) > MAX_CELL for cell in cells):
            raise ImportFileError([cell_too_long(len(table) + blank)])
        table.extend([[]] * blank)
        blank = 0
        table.append(cells)
    return table


def too_many_rows(limit: int) -> str:
    return _(
        "Het bestand heeft meer dan %(limit)s rijen. Splits het in kleinere bestanden en "
        "importeer die na elkaar."
    ) % {"limit": number_format(limit, force_grouping=True)}


def too_many_columns() -> str:
    return _(
        "Het bestand heeft meer dan %(limit)d kolommen. Laat alleen de kolommen staan die "
        "geïmporteerd moeten worden en probeer het opnieuw."
    ) % {"limit": MAX_COLUMNS}


def cell_too_long(row: int | None) -> str:
    """row: the data row (from 1), 0 for the first line, None when not known."""
    limit = number_format(MAX_CELL, force_grouping=True)
    if row is None:
        return _(
            "Er staat een cel in het bestand met meer dan %(limit)s tekens. Maak die tekst "
            "korter en probeer het opnieuw."
        ) % {"limit": limit}
    if row == 0:
        return _(
            "De eerste regel heeft een cel met meer dan %(limit)s tekens. Zet daar alleen de "
            "namen van de kolommen."
        ) % {"limit": limit}
    return _(
        "Rij %(row)d heeft een cel met meer dan %(limit)s tekens. Maak die tekst korter en "
        "probeer het opnieuw."
    ) % {"row": row, "limit": limit}


def _csv_rows(content: bytes, encoding: str | None) -> Iterator[list[str]]:
    try:
        text = content.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        if encoding:
            raise ImportFileError(
                [
                    _("Het bestand kan niet als %(encoding)s worden gelezen.")
                    % {"encoding": encoding}
                ]
            ) from None
        raise NotUtf8Error(
            [_("Het bestand is geen UTF-8-tekst. Sla het op als ‘CSV UTF-8’ en probeer opnieuw.")]
        ) from None
    text = text.removeprefix("\ufeff")  # a BOM, also when the encoding was given
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=import_values.sniff_delimiter(text)
    )
    try:
        yield from reader
    except csv.Error as error:
        # csv refuses a field past its own limit (131,072 characters) before we can count it.
        if "field larger than field limit" in str(error):
            raise ImportFileError([cell_too_long(None)]) from None
        raise ImportFileError(
            [
                _("Dit CSV-bestand kan niet worden gelezen: regel %(line)d klopt niet.")
                % {"line": reader.line_num}
            ]
        ) from None


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    unreadable = ImportFileError([_("Dit Excel-bestand kan niet worden gelezen.")])
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise unreadable from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise ImportFileError(
            [
                _(
                    "Dit Excel-bestand is uitgepakt groter dan %(limit)d MB en is daarom te groot "
                    "om te lezen. Splits het in kleinere bestanden, of sla het op als ‘CSV "
                    "UTF-8’ en importeer dat."
                )
                % {"limit": MAX_XLSX_UNPACKED // (1024 * 1024)}
            ]
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise unreadable from None
    try:
        if not workbook.worksheets:
            raise unreadable
        sheet = workbook.worksheets[0]
        # The size a sheet claims may be wrong both ways (openpyxl's docs on read-only mode), and
        # openpyxl pads every row to it, or to the row's own last cell (a single cell in the
        # last column makes 16,384): read one column past the limit, enough to refuse a row
        # that is too wide.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception:  # a damaged sheet shows only while it is read
                raise unreadable from None
            cells = ["" if value is None else _cell_text(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()  # an empty cell that only carries a style
            yield cells
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Checking -------------------------------------------------------------------------------


class _Lookups:
    """Caches for the values that repeat across rows."""

    def __init__(self, organisation):
        self.groups = {g.slug: g for g in LocalGroup.objects.filter(organisation=organisation)}
        themes = list(Theme.objects.all())
        # A theme by its code or by its name as the product shows it, in any case; a code wins.
        self.themes = {fold(t.name): t for t in themes} | {fold(t.code): t for t in themes}
        self.municipalities: dict[str, object] = {}

    def municipality(self, value: str):
        if value not in self.municipalities:
            self.municipalities[value] = municipality_resolve(value)
        return self.municipalities[value]


def check_header(header: list[str]) -> list[str]:
    problems = []
    seen = set()
    for name in header:
        if name not in COLUMNS and name not in READABLE_COLUMNS:
            problems.append(
                f"onbekende kolom ‘{name}’ (toegestaan: {', '.join(COLUMNS)})"
                if name
                else "een kolom zonder naam"
            )
        elif name in seen:
            problems.append(f"kolom ‘{name}’ staat er twee keer in")
        seen.add(name)
    for name in REQUIRED:
        if name not in header:
            problems.append(f"de verplichte kolom ‘{name}’ ontbreekt")
    return problems


def check_row(
    raw: dict[str, str], lookups: _Lookups, allowed_groups: set[str] | None
) -> tuple[dict, list[tuple[str, str]]]:
    """The cleaned values of one row, and its problems as (column, message)."""
    problems: list[tuple[str, str]] = []
    value = {k: (v or "").strip() if isinstance(v, str) else str(v or "") for k, v in raw.items()}
    row: dict = {"external_id": value.get("external_id", "")}
    if len(row["external_id"]) > 64:
        problems.append(("external_id", "hoogstens 64 tekens"))
    try:
        row["received_at"] = import_values.received_at(value.get("received_at", ""))
    except (ValueError, TypeError):
        problems.append(
            (
                "received_at",
                f"‘{value['received_at']}’ is geen datum (gebruik 14-03-2016 of 2016-03-14)",
            )
        )
    given = value.get("channel", "")
    row["channel"] = import_values.choice(given, Channel) if given else Channel.IMPORT
    if row["channel"] is None:
        problems.append(("channel", f"onbekend kanaal ‘{given}’ ({', '.join(Channel.values)})"))
    slug = value.get("group", "").lower()
    row["group"] = None
    if slug:
        row["group"] = lookups.groups.get(slug)
        if row["group"] is None:
            problems.append(("group", f"onbekende groep ‘{slug}’"))
        elif allowed_groups is not None and slug not in allowed_groups:
            problems.append(("group", f"je mag geen signalen importeren voor groep ‘{slug}’"))
    elif allowed_groups is not None and "" not in allowed_groups:
        problems.append(("group", "vul de groep in"))
    name = value.get("municipality", "")
    row["municipality"] = None
    if name:
        match = lookups.municipality(name)
        # Only a sure answer is used: a guess could file the signal under the wrong place.
        row["municipality"] = match.municipality
        if match.municipality is None:
            problems.append(("municipality", _unknown_municipality(name, match.suggestions)))
    given = value.get("reporter_role", "")
    row["reporter_role"] = (
        import_values.choice(given, ReporterRole) if given else ReporterRole.UNKNOWN
    )
    if row["reporter_role"] is None:
        problems.append(
            ("reporter_role", f"onbekende rol ‘{given}’ ({', '.join(ReporterRole.values)})")
        )
    text = (raw.get("text") or "").strip()
    try:
        row["text"] = services.clean_story(text)
    except ValidationError:
        # Written for the staff who import, not the reporter's prompt of the form.
        problems.append(
            (
                "text",
                "Het verhaal is leeg."
                if not text
                else "Het verhaal is te lang: hoogstens 10.000 tekens.",
            )
        )
    code = value.get("theme", "")
    row["theme"] = lookups.themes.get(fold(code)) if code else None
    if code and row["theme"] is None:
        problems.append(("theme", f"onbekend thema ‘{code}’"))
    for column in ["consent_share_national", "consent_anonymous_use"]:
        answer = import_values.yes_no(value.get(column, ""))
        if answer is None:
            problems.append((column, f"gebruik ‘ja’ of ‘nee’, niet ‘{value[column]}’"))
        row[column] = bool(answer)
    for column, cleaner in [
        ("contact_email", services.clean_email),
        ("contact_phone", lambda v: services.clean_phone(import_values.phone(v))),
    ]:
        try:
            row[column] = cleaner(value.get(column, ""))
        except ValidationError as error:
            problems.append((column, " ".join(error.messages)))
    return row, problems


def _unknown_municipality(name: str, suggestions) -> str:
    if not suggestions:
        return f"onbekende gemeente ‘{name}’"
    names = [m.name for m in suggestions]
    guess = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} of {names[-1]}"
    return f"onbekende gemeente ‘{name}’ (bedoel je {guess}?)"


# --- Importing ------------------------------------------------------------------------------


def check_rows(
    *,
    organisation,
    header: list[str],
    rows: Iterable[list[str]],
    allowed_groups: set[str] | None = None,
    default_group=None,
    first_row: int = 1,
) -> tuple[list[dict], list[Problem]]:
    """The checked rows (each with its "number"), and every problem. Blank rows are skipped.
    allowed_groups: group slugs the importing person may use; None means any group of the
    organisation. default_group: for rows without a group. first_row: the number of the first
    row (a part of a file)."""
    header_problems = check_header(header)
    if header_problems:
        return [], [Problem(None, "", p) for p in header_problems]
    lookups = _Lookups(organisation)
    checked, errors = [], []
    for number, cells in enumerate(rows, start=first_row):
        if not any(str(cell).strip() for cell in cells):
            continue
        cells = list(cells) + [""] * (len(header) - len(cells))
        raw = dict(zip(header, cells[: len(header)], strict=True))
        if default_group is not None and not raw.get("group"):
            raw["group"] = default_group.slug
        row, problems = check_row(raw, lookups, allowed_groups)
        errors.extend(Problem(number, column, message) for column, message in problems)
        row["number"] = number
        checked.append(row)
    if allowed_groups is not None:
        errors.extend(_outside_scope(organisation, checked, allowed_groups))
        errors.sort(key=lambda problem: problem.row)
    return checked, errors


def _outside_scope(organisation, checked: list[dict], allowed_groups: set[str]) -> list[Problem]:
    """A group's import may update only its own signals: an external_id of another group's
    signal (or the office's) would change a signal the importer may not see."""
    existing = _existing_by_external_id(organisation, [r["external_id"] for r in checked])
    problems = []
    for row in checked:
        signal = existing.get(row["external_id"]) if row["external_id"] else None
        if signal is not None and (signal.group.slug if signal.group else "") not in allowed_groups:
            problems.append(
                Problem(
                    row["number"],
                    "external_id",
                    f"‘{row['external_id']}’ is al in gebruik voor een signaal dat je niet mag "
                    "bijwerken; kies een ander external_id",
                )
            )
    return problems


def import_steps(*, organisation, actor=None, **check) -> Generator[int, None, ImportResult]:
    """Check every row (check_rows), then store all of them in one transaction, or nothing.

    A generator: it yields the number of rows stored every BATCH rows (for progress) and
    returns the ImportResult. Stopping it half-way rolls everything back.
    """
    result = ImportResult()
    checked, result.problems = check_rows(organisation=organisation, **check)
    if result.problems:
        return result
    columns = set(check["header"])
    with transaction.atomic():
        existing = _existing_by_external_id(organisation, [r["external_id"] for r in checked])
        corrected = _corrected(existing.values())
        new = []
        for number, row in enumerate(checked, start=1):
            signal = existing.get(row["external_id"]) if row["external_id"] else None
            if signal is None:
                new.append(row)
            else:
                kept = _update(signal, row, actor, columns, corrected.get(signal.pk, set()))
                result.kept.extend(Kept(row["number"], column) for column in kept)
                result.updated += 1
            if len(new) == BATCH or (number == len(checked) and new):
                services.signal_create_many(
                    organisation=organisation, items=[_item(r, actor) for r in new]
                )
                result.created += len(new)
                new = []
            if number % BATCH == 0:
                yield number
    return result


def import_signals(*, progress: Callable[[int, int], None] | None = None, **kwargs) -> ImportResult:
    """import_steps run to the end; `progress(done, total)` is called every BATCH rows."""
    total = len(kwargs.get("rows") or [])
    steps = import_steps(**kwargs)
    while True:
        try:
            done = next(steps)
        except StopIteration as stop:
            return stop.value
        if progress:
            progress(done, total)


def _existing_by_external_id(organisation, ids: list[str]) -> dict[str, Signal]:
    ids = [i for i in ids if i]
    found: dict[str, Signal] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        signals = Signal.objects.filter(organisation=organisation).select_related("group")
        for signal in signals.filter(external_id__in=chunk):
            found[signal.external_id] = signal
        # An exported signal without an external id carries its reference instead.
        for signal in signals.filter(reference__in=chunk):
            found.setdefault(signal.reference, signal)
    return found


def _corrected(signals: Iterable[Signal]) -> dict[int, set[str]]:
    """{signal pk: the columns a person changed in the product}. An import records no theme or
    municipality event (it records "imported"), so such an event is a correction; it stays one
    after later imports too."""
    kinds = {SignalEvent.Kind.THEME: "theme", SignalEvent.Kind.MUNICIPALITY: "municipality"}
    found: dict[int, set[str]] = {}
    pks = [signal.pk for signal in signals]
    for start in range(0, len(pks), 500):
        events = SignalEvent.objects.filter(signal_id__in=pks[start : start + 500], kind__in=kinds)
        for signal_id, kind in events.values_list("signal_id", "kind").distinct():
            found.setdefault(signal_id, set()).add(kinds[kind])
    return found


# Rows stored per call of signal_create_many: the suggester's batch, and the step of progress.
BATCH = 1000


def _item(row: dict, actor) -> dict:
    """The fields of signal_create for one checked row."""
    contact = bool(row["contact_email"] or row["contact_phone"])
    return dict(  # noqa: C408
        group=row["group"],
        channel=row["channel"],
        story=row["text"],
        received_at=row["received_at"],
        reporter_role=row["reporter_role"],
        municipality=row["municipality"],
        theme=row["theme"],
        consent_anonymous_use=row["consent_anonymous_use"],
        consent_share_national=row["consent_share_national"],
        consent_contact=contact,
        contact_email=row["contact_email"],
        contact_phone=row["contact_phone"],
        external_id=row["external_id"],
        created_by=actor,
    )


def _update(signal: Signal, row: dict, actor, columns: set[str], corrected: set[str]) -> list[str]:
    """Update a signal from a row: only the columns the file has, and not the ones a person
    corrected in the product. Returns those kept although the file has another value."""
    fields = {
        "group": row["group"] if row["group"] is not None else signal.group,
        "channel": row["channel"],
        "reporter_role": row["reporter_role"],
        "municipality": row["municipality"],
        "theme": row["theme"],
        "consent_anonymous_use": row["consent_anonymous_use"],
        "consent_share_national": row["consent_share_national"],
    }
    fields = {name: value for name, value in fields.items() if name in columns}
    kept = [
        name
        for name in ("theme", "municipality")
        if name in corrected and name in fields and fields.pop(name) != getattr(signal, name)
    ]
    if row["received_at"] is not None:
        fields["received_at"] = row["received_at"]
    if row["text"] != signal.story:
        fields["story"] = row["text"]
        fields["story_pseudonymised"] = ""  # pseudonymised after the import, as new ones
        fields["story_replaced_at"] = None  # and retention treats the new text as new
    for name, value in fields.items():
        setattr(signal, name, value)
    signal.save(update_fields=[*fields, "updated_at"])
    if row["contact_email"] or row["contact_phone"]:
        SignalContact.objects.update_or_create(
            signal=signal,
            defaults={"email": row["contact_email"], "phone": row["contact_phone"]},
        )
        if not signal.consent_contact:
            signal.consent_contact = True
            signal.save(update_fields=["consent_contact"])
    SignalEvent.objects.create(signal=signal, actor=actor, kind=SignalEvent.Kind.IMPORTED)
    return kept


# --- Exporting ------------------------------------------------------------------------------


def export_rows(
    signals: Iterable[Signal],
    *,
    include_contact: bool,
    scope: Scope = OPERATOR,
    readable: str = "",
) -> Iterable[list]:
    """The header and one row per signal. The text and contact details as the disclosure rule
    gives them to `scope` (the operator on the command line): pseudonymised without contact
    columns; with them, the original stories and contact details where the rule allows.

    readable: "" for the exchange format exactly (the command line); "xlsx" or "csv" for a
    spreadsheet to read: the READABLE_COLUMNS added at the end (an import ignores them) and
    the dates as a date cell (xlsx) or as Dutch Excel writes them (csv)."""
    columns = COLUMNS if include_contact else [c for c in COLUMNS if c not in CONTACT_COLUMNS]
    if readable:
        columns = [*columns, *READABLE_COLUMNS]
    purpose = disclosure.Purpose.EXPORT_FULL if include_contact else disclosure.Purpose.EXPORT
    moment = {"xlsx": _moment_cell, "csv": _moment_dutch}.get(readable, _moment_iso)
    yield columns
    for signal in signals:
        contact = None
        if include_contact and disclosure.contact_allowed(scope, signal, purpose):
            contact = getattr(signal, "contact", None)
        values = {
            "external_id": signal.external_id or signal.reference,
            "received_at": moment(signal.received_at),
            "channel": signal.channel,
            "group": signal.group.slug if signal.group else "",
            "municipality": signal.municipality.name if signal.municipality else "",
            "reporter_role": signal.reporter_role,
            "text": disclosure.story_text(scope, signal, purpose),
            "theme": signal.theme.code if signal.theme else "",
            "consent_share_national": YES if signal.consent_share_national else NO,
            "consent_anonymous_use": YES if signal.consent_anonymous_use else NO,
            "contact_email": contact.email if contact else "",
            "contact_phone": contact.phone if contact else "",
        }
        if readable:
            values["theme_name"] = signal.theme.name if signal.theme else ""
            values["status"] = str(Status(signal.status).label)
            values["closed_at"] = moment(signal.closed_at) if signal.closed_at else ""
        yield [values[c] for c in columns]


def _moment_iso(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _moment_dutch(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M}"


def _moment_cell(moment: datetime) -> datetime:
    # A spreadsheet knows no time zones: the local time, as the product shows it.
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


# Column widths of the readable spreadsheet, in characters; the story gets the most room.
WIDTHS = {"text": 60, "received_at": 17, "closed_at": 17, "theme_name": 24, "status": 18}


def write_csv(rows: Iterable[list[str]], stream) -> None:
    spreadsheet.write_csv(rows, stream, lineterminator="\n")


def write_xlsx(rows: Iterable[list]) -> bytes:
    """A workbook to read: the header frozen, with filters, the columns wide enough."""
    rows = iter(rows)
    header = next(rows)
    widths = [WIDTHS.get(name, max(12, len(name) + 2)) for name in header]
    return spreadsheet.write_xlsx(
        [header, *rows], title="signalen", widths=widths, freeze_header=True, autofilter=True
    )


def write_excel_csv(rows: Iterable[list], stream) -> None:
    """CSV as Excel in Dutch opens it with a double click: semicolons and a UTF-8 BOM."""
    stream.write("\ufeff")
    spreadsheet.write_csv(rows, stream, delimiter=";", lineterminator="\r\n")


def exportable_signals(queryset):
    return queryset.select_related("group", "municipality", "theme", "contact").exclude(
        status="ingetrokken"
    )
