"""Small files that unpack into something huge, for the import tests: an XLSX is a zip of XML
parts, and a part of repeated bytes packs down to almost nothing."""

import io
import zipfile
from collections.abc import Iterable

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
# With a <dimension> first, as Excel writes it; openpyxl reads as far as it when it opens a sheet.
_SHEET_HEAD = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<dimension ref="A1:A1"/><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_STRINGS_HEAD = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_STRINGS_TYPE = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def xlsx(rows: Iterable[bytes], *, strings: Iterable[bytes] | None = None) -> bytes:
    """A workbook whose first sheet holds the header "text" and then `rows` (each the XML of
    one <row>), with, if given, a shared strings part of the <si> elements in `strings`. Both
    are written in pieces, so that a test never holds them whole."""
    template = io.BytesIO()
    Workbook().save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            content = source.read(part)
            if part.filename == SHEET:
                _write(target, SHEET, [_SHEET_HEAD, header_row(), *rows, _SHEET_TAIL])
            elif part.filename == "[Content_Types].xml" and strings is not None:
                target.writestr(part, content.replace(b"</Types>", _STRINGS_TYPE + b"</Types>"))
            else:
                target.writestr(part, content)
        if strings is not None:
            _write(target, STRINGS, [_STRINGS_HEAD, *strings, b"</sst>"])
    return out.getvalue()


def header_row() -> bytes:
    return b'<row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row>'


def repeated(piece: bytes, times: int) -> Iterable[bytes]:
    """`piece` `times` times, in chunks of about a megabyte."""
    per_chunk = max(1, 1_000_000 // len(piece))
    chunk = piece * per_chunk
    for _ in range(times // per_chunk):
        yield chunk
    yield piece * (times % per_chunk)


def inline_string(length: int) -> Iterable[bytes]:
    """One data row with one inline string cell of `length` characters."""
    yield b'<row r="2"><c r="A2" t="inlineStr"><is><t>'
    yield from repeated(b"a", length)
    yield b"</t></is></c></row>"


def shared_string(length: int) -> Iterable[bytes]:
    """One shared string of `length` characters (a row refers to it as <v>0</v>)."""
    yield b"<si><t>"
    yield from repeated(b"a", length)
    yield b"</t></si>"


def unpacked_size(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(part.file_size for part in archive.infolist())


def _write(target: zipfile.ZipFile, name: str, pieces: Iterable[bytes]) -> None:
    with target.open(name, "w", force_zip64=True) as handle:
        for piece in pieces:
            handle.write(piece)
