"""Exports from the team board: 100,000 conversations to XLSX and CSV in pages with progress, formula
cells escaped (= + - @, and tab / carriage return in front of one), Chinese intact, numbers kept as
numbers, a cancelled export leaves no file; the figures export matches the table on screen."""

from __future__ import annotations

import csv
import re
import zipfile

import pytest

from cs_desk.store.apply import apply_rows
from cs_desk.views.desk import Desk
from cs_desk.views.export_files import XlsxWriter, cell_value, safe_text
from cs_desk.views.export_job import CONVERSATION_COLUMNS, export_conversations, export_rows
from tests.helpers.bulk import ME, big_store, conversation

HOSTILE = ['=HYPERLINK("http://evil.example/","退款")', "+1+2", "-2+3", "@SUM(A1)", "\t=1+1", "\r=cmd|' /C calc'!A0",
           "<script>alert(1)</script>", "\u202eevil\u202c", "a\x00b\x1fc"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = big_store(tmp_path_factory.mktemp("exp") / "c.sqlite3", conversations=100_000)
    s.set_session({**ME, "role": "lead"})
    rows = [{"k": "conversation", "d": conversation(100_000 + i, subject=h)} for i, h in enumerate(HOSTILE, 1)]
    with s.db.tx():
        apply_rows(s.conn, rows, s.me(), live=False)
    yield s
    s.close()


def run_job(qtbot, job):
    seen = []
    job.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job.finished, timeout=120_000):
        job.start()
    return seen


def test_safe_text_rules():
    assert [safe_text(h)[:2] for h in HOSTILE[:6]] == ["'=", "'+", "'-", "'@", "'\t", "'\r"]
    assert safe_text("退款 = refund") == "退款 = refund" and safe_text("") == ""
    assert cell_value(-5) == -5 and cell_value(None) == "" and cell_value(True) == 1
    assert cell_value(float("nan")) == "" and cell_value(float("inf")) == ""


def test_100k_conversations_to_xlsx_with_formulas_escaped(qapp, qtbot, store, tmp_path):
    desk = Desk(store)
    path = tmp_path / "convs.xlsx"
    job = export_conversations(desk, path, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", CONVERSATION_COLUMNS)
    assert job.total == 100_000 + len(HOSTILE)
    seen = run_job(qtbot, job)
    assert len(seen) > 50 and seen[-1] == (job.total, job.total)  # a page at a time
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert sheet.count("<row ") == job.total + 1
    cells = re.findall(r'<c r="[A-Z]+\d+"( s="1")? t="inlineStr"><is><t xml:space="preserve">(.*?)</t>', sheet)
    texts = [t for _s, t in cells]
    assert '=HYPERLINK("http://evil.example/","退款")' in texts
    for style, text in cells:  # text that reads as a formula carries the quotePrefix style, nothing else does
        assert (style == ' s="1"') == text.startswith(("=", "+", "-", "@", "\t", "&#13;")), text
    assert sum(1 for style, _t in cells if style) == 6
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts  # text, escaped for XML
    assert "abc" in texts  # characters XML cannot carry are dropped, the rest kept
    assert "<f>" not in sheet  # no formula anywhere
    assert "订单问题 1<" in sheet


def test_csv_export_and_cancelling(qapp, qtbot, store, tmp_path):
    desk = Desk(store)
    path = tmp_path / "convs.csv"
    job = export_conversations(desk, path, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", CONVERSATION_COLUMNS)
    run_job(qtbot, job)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(CONVERSATION_COLUMNS) and len(rows) == job.total + 1
    subjects = {r[8] for r in rows[1:]}
    assert "'@SUM(A1)" in subjects and "'-2+3" in subjects and "订单问题 7" in subjects
    assert not any(s.startswith(("=", "+", "-", "@", "\t", "\r")) for s in subjects)

    gone = tmp_path / "cancelled.xlsx"
    job = export_conversations(desk, gone, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", CONVERSATION_COLUMNS)
    job.progress.connect(lambda done, _t: done >= 10_000 and job.cancel())
    job.start()
    qtbot.waitUntil(lambda: not gone.exists(), timeout=30_000)
    assert job.done < job.total


def test_a_full_disk_or_a_bad_path_is_a_clear_failure(qapp, qtbot, tmp_path):
    job = export_rows(tmp_path / "no" / "such" / "dir.xlsx", ["a"], [[1]], "m")
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start()
    assert "No such file" in blocker.args[0]


def test_xlsx_cells_keep_numbers_and_sheet_names(tmp_path):
    w = XlsxWriter(tmp_path / "m.xlsx", ["team", "rate"], sheet="指标/metrics")
    w.rows([["售前", 0.25], ["=evil", -3]])
    w.close()
    with zipfile.ZipFile(tmp_path / "m.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert 'name="指标/metrics"' in z.read("xl/workbook.xml").decode()
    assert "<v>0.25</v>" in sheet and "<v>-3</v>" in sheet and '<c r="A3" s="1" t="inlineStr"><is><t xml:space="preserve">=evil' in sheet
