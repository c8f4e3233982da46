"""CSV and XLSX files written row by row, safe to open in a spreadsheet.

A text cell that a spreadsheet would take for a formula (starting with = + - @, or a tab or carriage
return that hides one) gets a leading apostrophe, the usual guard against formula injection (OWASP
CSV injection): customer text such as `=HYPERLINK("http://evil", "退款")` shows as text and never
runs. Numbers stay numbers. XLSX is written directly as its XML parts in a zip (inline strings, no
shared-string table), so 100,000 rows stream to disk without holding the sheet in memory; characters
XML cannot carry (control characters in hostile text) are dropped there."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_XLSX_CELL = 32_767  # Excel's limit on a cell's characters


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def cell_value(value: Any) -> Any:
    """What goes in a cell: numbers as numbers, None as empty, everything else as guarded text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    return safe_text(str(value))


class CsvWriter:
    """UTF-8 with a byte-order mark, so Excel on Windows reads the Chinese right."""

    def __init__(self, path: Path, headers: Sequence[str]) -> None:
        self._f: IO[str] = open(path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 - closed in close()
        self._w = csv.writer(self._f)
        self._w.writerow([cell_value(h) for h in headers])

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        self._w.writerows([cell_value(v) for v in row] for row in rows)

    def close(self) -> None:
        self._f.close()


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return name


_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


class XlsxWriter:
    def __init__(self, path: Path, headers: Sequence[str], sheet: str = "Sheet1") -> None:
        self._zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        for name, text in _PARTS.items():
            self._zip.writestr(name, text)
        sheet_name = escape(_XML_BAD.sub("", sheet)[:31] or "Sheet1", {'"': "&quot;"})
        self._zip.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                          b'<sheetData>')
        self._row = 0
        self.rows([headers])

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        out = []
        for row in rows:
            self._row += 1
            r = self._row
            cells = []
            for i, v in enumerate(row):
                v = cell_value(v)
                ref = f"{_col(i)}{r}"
                if isinstance(v, int | float):
                    cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
                elif v:
                    text = escape(_XML_BAD.sub("", v)[:MAX_XLSX_CELL])
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
            out.append(f'<row r="{r}">{"".join(cells)}</row>')
        self._sheet.write("".join(out).encode("utf-8"))

    def close(self) -> None:
        self._sheet.write(b"</sheetData></worksheet>")
        self._sheet.close()
        self._zip.close()


def writer_for(path: Path, headers: Sequence[str], sheet: str = "Sheet1") -> CsvWriter | XlsxWriter:
    if path.suffix.lower() == ".xlsx":
        return XlsxWriter(path, headers, sheet)
    return CsvWriter(path, headers)
