"""The signals exchange file (spec section 2): import and export, CSV and XLSX.

Import is all-or-nothing: every row is checked first; one bad row and nothing is stored, with one
line per problem as "row N: column: message" (N counts data rows from 1). Re-importing the same
external_id for the same organisation updates instead of duplicating.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samensterk.accounts.models import LocalGroup
from samensterk.accounts.permissions import Scope
from samensterk.lib import spreadsheet
from samensterk.places.selectors import municipality_lookup
from samensterk.themes.models import Theme

from . import disclosure, services
from .models import Channel, ReporterRole, Signal, SignalContact, SignalEvent

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
REQUIRED = ["text"]
YES, NO = "ja", "nee"
OPERATOR = Scope(is_superuser=True)  # the command line: whoever runs it runs the installation


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, format, header)."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


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
    content: bytes, filename: str, *, max_rows: int = MAX_ROWS
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) from a CSV (UTF-8) or XLSX file; raises ImportFileError.

    A cell that an export neutralised against formulas (lib.spreadsheet) comes back as it was.
    """
    if filename.lower().endswith((".xlsx", ".xlsm")):
        table = _limited(_xlsx_rows(content), max_rows=max_rows, skip_blank=True)
    else:
        table = _limited(_csv_rows(content), max_rows=max_rows, skip_blank=False)
    if not table:
        raise ImportFileError([_("Het bestand is leeg.")])
    return [h.strip() for h in table[0]], table[1:]


def _limited(rows: Iterable[list[str]], *, max_rows: int, skip_blank: bool) -> list[list[str]]:
    """The rows, read one by one up to the limits. Blank rows count towards max_rows too: an
    XLSX sheet can claim a million of them in a few bytes."""
    table: list[list[str]] = []
    for read, cells in enumerate(rows):
        if read > max_rows:  # the header and max_rows data rows
            raise ImportFileError([too_many_rows(max_rows)])
        cells = [spreadsheet.restore(cell) for cell in cells]
        if skip_blank and not any(cell.strip() for cell in cells):
            continue
        if len(cells) > MAX_COLUMNS:
            raise ImportFileError([too_many_columns()])
        if any(len(cell) > MAX_CELL for cell in cells):
            raise ImportFileError([cell_too_long(len(table))])
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


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            ["Het bestand is geen UTF-8-tekst. Sla het op als ‘CSV UTF-8’ en probeer opnieuw."]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
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
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.municipalities: dict[str, object] = {}

    def municipality(self, value: str):
        if value not in self.municipalities:
            self.municipalities[value] = municipality_lookup(value)
        return self.municipalities[value]


def check_header(header: list[str]) -> list[str]:
    problems = []
    seen = set()
    for name in header:
        if name not in COLUMNS:
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


def _yes_no(value: str) -> bool | None:
    value = value.strip().lower()
    if value in {"ja", "yes", "j", "1", "true"}:
        return True
    if value in {"nee", "no", "n", "0", "false", ""}:
        return False
    return None


def _received_at(value: str):
    value = value.strip()
    if not value:
        return None
    day = parse_date(value) if len(value) == 10 else None
    # A bare date means that day: noon, so that no time zone moves it to another day.
    moment = datetime.combine(day, time(12, 0)) if day else parse_datetime(value)
    if moment is None:
        raise ValueError
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


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
        row["received_at"] = _received_at(value.get("received_at", ""))
    except (ValueError, TypeError):
        problems.append(
            ("received_at", f"‘{value['received_at']}’ is geen datum (gebruik 2016-03-14)")
        )
    row["channel"] = value.get("channel") or Channel.IMPORT
    if row["channel"] not in services.CHANNELS:
        problems.append(
            ("channel", f"onbekend kanaal ‘{row['channel']}’ ({', '.join(Channel.values)})")
        )
    slug = value.get("group", "")
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
    row["municipality"] = lookups.municipality(name) if name else None
    if name and row["municipality"] is None:
        problems.append(("municipality", f"onbekende gemeente ‘{name}’"))
    row["reporter_role"] = value.get("reporter_role") or ReporterRole.UNKNOWN
    if row["reporter_role"] not in services.ROLES:
        problems.append(
            (
                "reporter_role",
                f"onbekende rol ‘{row['reporter_role']}’ ({', '.join(ReporterRole.values)})",
            )
        )
    try:
        row["text"] = services.clean_story(raw.get("text") or "")
    except ValidationError as error:
        problems.append(("text", " ".join(error.messages)))
    code = value.get("theme", "")
    row["theme"] = lookups.themes.get(code) if code else None
    if code and row["theme"] is None:
        problems.append(("theme", f"onbekend thema ‘{code}’"))
    for column in ["consent_share_national", "consent_anonymous_use"]:
        answer = _yes_no(value.get(column, ""))
        if answer is None:
            problems.append((column, f"gebruik ‘ja’ of ‘nee’, niet ‘{value[column]}’"))
        row[column] = bool(answer)
    for column, cleaner in [
        ("contact_email", services.clean_email),
        ("contact_phone", services.clean_phone),
    ]:
        try:
            row[column] = cleaner(value.get(column, ""))
        except ValidationError as error:
            problems.append((column, " ".join(error.messages)))
    return row, problems


# --- Importing ------------------------------------------------------------------------------


def check_rows(
    *,
    organisation,
    header: list[str],
    rows: Iterable[list[str]],
    allowed_groups: set[str] | None = None,
    default_group=None,
    first_row: int = 1,
) -> tuple[list[dict], list[str]]:
    """The checked rows, and every problem as "row N: column: message" (or "header: ...").
    allowed_groups: group slugs the importing person may use; None means any group of the
    organisation. default_group: for rows without a group. first_row: the number of the first
    row (a part of a file)."""
    header_problems = check_header(header)
    if header_problems:
        return [], [f"header: {p}" for p in header_problems]
    lookups = _Lookups(organisation)
    checked, errors = [], []
    for number, cells in enumerate(rows, start=first_row):
        cells = list(cells) + [""] * (len(header) - len(cells))
        raw = dict(zip(header, cells[: len(header)], strict=True))
        if default_group is not None and not raw.get("group"):
            raw["group"] = default_group.slug
        row, problems = check_row(raw, lookups, allowed_groups)
        errors.extend(f"row {number}: {column}: {message}" for column, message in problems)
        checked.append(row)
    return checked, errors


def import_steps(*, organisation, actor=None, **check) -> Generator[int, None, ImportResult]:
    """Check every row (check_rows), then store all of them in one transaction, or nothing.

    A generator: it yields the number of rows stored every BATCH rows (for progress) and
    returns the ImportResult. Stopping it half-way rolls everything back.
    """
    result = ImportResult()
    checked, result.errors = check_rows(organisation=organisation, **check)
    if result.errors:
        return result
    with transaction.atomic():
        existing = _existing_by_external_id(organisation, [r["external_id"] for r in checked])
        new = []
        for number, row in enumerate(checked, start=1):
            signal = existing.get(row["external_id"]) if row["external_id"] else None
            if signal is None:
                new.append(row)
            else:
                _update(signal, row, actor)
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
        for signal in Signal.objects.filter(organisation=organisation, external_id__in=chunk):
            found[signal.external_id] = signal
        # An exported signal without an external id carries its reference instead.
        for signal in Signal.objects.filter(organisation=organisation, reference__in=chunk):
            found.setdefault(signal.reference, signal)
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


def _update(signal: Signal, row: dict, actor) -> None:
    fields = {
        "group": row["group"] if row["group"] is not None else signal.group,
        "channel": row["channel"],
        "reporter_role": row["reporter_role"],
        "municipality": row["municipality"],
        "theme": row["theme"],
        "consent_anonymous_use": row["consent_anonymous_use"],
        "consent_share_national": row["consent_share_national"],
    }
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


# --- Exporting ------------------------------------------------------------------------------


def export_rows(
    signals: Iterable[Signal], *, include_contact: bool, scope: Scope = OPERATOR
) -> Iterable[list[str]]:
    """The header and one row per signal. The text and contact details as the disclosure rule
    gives them to `scope` (the operator on the command line): pseudonymised without contact
    columns; with them, the original stories and contact details where the rule allows."""
    columns = COLUMNS if include_contact else [c for c in COLUMNS if c not in CONTACT_COLUMNS]
    purpose = disclosure.Purpose.EXPORT_FULL if include_contact else disclosure.Purpose.EXPORT
    yield columns
    for signal in signals:
        contact = None
        if include_contact and disclosure.contact_allowed(scope, signal, purpose):
            contact = getattr(signal, "contact", None)
        values = {
            "external_id": signal.external_id or signal.reference,
            "received_at": timezone.localtime(signal.received_at).isoformat(timespec="seconds"),
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
        yield [values[c] for c in columns]


def write_csv(rows: Iterable[list[str]], stream) -> None:
    spreadsheet.write_csv(rows, stream, lineterminator="\n")


def write_xlsx(rows: Iterable[list[str]]) -> bytes:
    return spreadsheet.write_xlsx(rows, title="signalen")


def exportable_signals(queryset):
    return queryset.select_related("group", "municipality", "theme", "contact").exclude(
        status="ingetrokken"
    )
