"""CSV and XLSX files written row by row, safe to open in a spreadsheet.

A text cell that a spreadsheet would take for a formula (starting with = + - @, or a tab or carriage
return that hides one) is guarded against formula injection (OWASP CSV injection), so customer text
such as `=HYPERLINK("http://evil", "退款")` shows as text and never runs: in CSV it gets a leading
apostrophe; in XLSX it is an inline string (never a formula) with the quotePrefix style, which is
how Excel itself marks typed text that looks like a formula, so it stays text when re-saved as CSV.
Numbers stay numbers. XLSX is written directly as its XML parts in a zip (no shared-string table), so
100,000 rows stream to disk without holding the sheet in memory; characters XML cannot carry
(control characters in hostile text) are dropped there."""

from __future__ import annotations

import csv
import math
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


def plain_value(value: Any) -> Any:
    """Numbers as numbers (not a number or infinite: empty), None as empty, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, int | float):
        return value
    return str(value)


def cell_value(value: Any) -> Any:
    """What goes in a CSV cell: plain_value, with text guarded."""
    v = plain_value(value)
    return safe_text(v) if isinstance(v, str) else v


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
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
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
        'worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>'),
    # style 1: quotePrefix, for text that would otherwise read as a formula
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}
_XML_TEXT = {"\r": "&#13;"}  # a carriage return kept as one (XML readers turn a raw one into a newline)


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
                v = plain_value(v)
                ref = f"{_col(i)}{r}"
                if isinstance(v, int | float):
                    cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
                elif v:
                    text = escape(_XML_BAD.sub("", v)[:MAX_XLSX_CELL], _XML_TEXT)
                    style = ' s="1"' if v.startswith(FORMULA_START) else ""
                    cells.append(f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
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
