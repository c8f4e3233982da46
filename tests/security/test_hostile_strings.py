"""500 hostile strings (HTML and script, file:// and data: images, RTL overrides and invisible
characters, huge Unicode, formula cells, control characters) as customer names, subjects, messages,
notes, tags and snippets, through every view of the workstation (queue, conversation, sidebar,
snippet picker, team board) and both exports: no crash, nothing loaded, no widget showing them
as rich text, and no formula in an export."""

from __future__ import annotations

import itertools
import re
import zipfile
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTextEdit

from cs_desk import gui
from cs_desk.domain.clock import to_iso
from cs_desk.store.apply import apply_rows
from cs_desk.sync.tokens import MemoryTokenStore
from cs_desk.views.desk import Desk
from cs_desk.views.export_job import CONVERSATION_COLUMNS, export_conversations
from tests.helpers.bulk import T0, big_store, conversation

URL = "ws://127.0.0.1:9/sync"
PROBE = "/tmp/cs-desk-hostile-probe.png"
BASES = [
    f'<img src="file://{PROBE}">', f"<img src=file:///{PROBE}>", '<img src="data:image/png;base64,iVBORw0KGgo=">',
    "<script>alert(1)</script>", "<b>粗体</b><i>斜体</i>", '<a href="http://evil.example/">点我退款</a>',
    "<style>*{display:none}</style>", "<!--", "]]>", "&lt;&amp;&#x202e;", "<iframe src=//x>",
    "=HYPERLINK(\"http://evil.example/\",\"退款\")", "+1+1", "-2-2", "@SUM(A1)", "\t=1", "\r=1",
    "\u202eevil\u202c", "\u200b\u200c\u200d\u2060\ufeff", "\u2066\u2067\u2068\u2069", "A\u0301" * 300,
    "🧑‍🧑‍🧒‍🧒" * 50, "\U0001F600" * 100, "𠜎𠜱𠝹𠱓" * 200, "\x00\x01\x02\x1b[31m", "退款" * 2000,
    "Z̵̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿" * 20, "%s%n%x{0}${jndi:ldap://x}", "'; DROP TABLE messages; --",
    "\n\n\n\n\n" * 40, "a" * 10_000, "", " ", "\\", "\"'`", "javascript:alert(1)", "file:///etc/passwd",
]
HOSTILE = [a + b for a, b in itertools.islice(itertools.product(BASES, ["", " 订单", "<br>", "\u202e", "=1"]), 500)]


def seeded(tmp_path):  # noqa: ANN001, ANN201
    s = big_store(tmp_path / "h.sqlite3", conversations=50)
    s.set_session({"id": 7, "name": "lena", "display_name": "Lena", "team_id": "a", "role": "lead"})
    rows = []
    for i, h in enumerate(HOSTILE):
        cid = 1000 + i
        t = to_iso(T0 + timedelta(minutes=i))
        rows.append({"k": "customer", "d": {"id": 5000 + i, "name": h[:200] or "x", "email": h[:100], "phone": h[:50],
                                            "region": h[:50], "note": h, "tags": [h[:64] or "x"], "created_at": t,
                                            "updated_at": t}})
        rows.append({"k": "conversation", "d": conversation(cid, customer_id=5000 + i, subject=h[:200],
                                                            last_message_preview=h[:140], tags=[h[:64] or "x"],
                                                            assignee_id=7)})
        rows.append({"k": "message", "d": {"id": f"h{i}", "conversation_id": cid, "author_kind": "customer",
                                           "author_id": None, "kind": "reply", "body": h or "x", "created_at": t,
                                           "meta": {"attachments": [{"sha256": "0" * 64, "name": h[:200],
                                                                     "mime": "image/png", "size": 1,
                                                                     "thumbnail": False}]}}})
        rows.append({"k": "message", "d": {"id": f"n{i}", "conversation_id": cid, "author_kind": "agent",
                                           "author_id": 7, "kind": "note", "body": h or "x", "created_at": t,
                                           "meta": None}})
        if i < 100:
            rows.append({"k": "snippet", "d": {"id": 900 + i, "title": h[:100] or "x", "body": h or "x",
                                               "shortcut": f"h{i}", "category": h[:30], "team_id": "a"}})
    with s.db.tx():
        apply_rows(s.conn, rows, s.me(), live=False)
    return s


def rich_text_showing_hostile(window) -> list[str]:  # noqa: ANN001
    """Labels and text boxes that would render markup while showing any hostile string."""
    bad = []
    for w in window.findChildren(QLabel):
        marked = w.text() and w.textFormat() != Qt.TextFormat.PlainText and ("<" in w.text() or "&" in w.text())
        if marked and any(h and h[:20] in w.text() for h in HOSTILE):
            bad.append(f"{w.objectName() or type(w.parent()).__name__}: {w.text()[:60]!r}")
    for w in window.findChildren(QTextEdit):
        if w.acceptRichText() and any(h and h[:20] in w.toPlainText() for h in HOSTILE):
            bad.append(f"QTextEdit {w.objectName()}")
    return bad


def test_500_hostile_strings_through_every_view_and_export(qapp, qtbot, tmp_path):
    import os

    if os.path.exists(PROBE):
        os.unlink(PROBE)
    store = seeded(tmp_path)
    s = gui.open_session(store, URL, MemoryTokenStore(), None)
    qtbot.addWidget(s.window)
    s.window.resize(1400, 900)
    s.window.show()
    w = s.window
    model = w.queue.model
    assert model.rowCount() >= 1
    for i in range(0, 500, 7):  # open a spread of them: conversation pane, sidebar, strip, banner
        w.open_conversation(1000 + i)
        qapp.processEvents()
        w.grab()  # paint everything: delegates, elided labels, chips
        assert not rich_text_showing_hostile(w)
    for r in range(min(model.rowCount(), 200)):
        for c in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                model.index(r, c).data(role)
    assert w.picker is not None
    w._open_picker()
    for h in HOSTILE[:40]:
        w.picker.search.setText(h[:30])
        qapp.processEvents()
    w.picker.grab()
    assert not rich_text_showing_hostile(w.picker)
    w.picker.reject()
    w.open_board()  # a lead's team board, with the hostile conversations queued
    qapp.processEvents()
    w.board_window.grab()
    assert not rich_text_showing_hostile(w.board_window)
    w.board_window.close()
    assert not os.path.exists(PROBE)  # nothing tried to load the file:// image (it is never even read)

    desk = Desk(store)
    for suffix in ("xlsx", "csv"):
        path = tmp_path / f"hostile.{suffix}"
        job = export_conversations(desk, path, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", CONVERSATION_COLUMNS)
        with qtbot.waitSignal(job.finished, timeout=60_000):
            job.start()
        if suffix == "xlsx":
            with zipfile.ZipFile(path) as z:
                assert z.testzip() is None
                sheet = z.read("xl/worksheets/sheet1.xml").decode()
            assert "<f>" not in sheet and "<script>" not in sheet  # no formula; markup escaped
            cells = re.findall(r'<c r="[A-Z]+\d+"( s="1")? t="inlineStr"><is><t xml:space="preserve">(.*?)</t>', sheet)
            for style, text in cells:
                assert (style == ' s="1"') == text.startswith(("=", "+", "-", "@", "\t", "&#13;")), text[:40]
        else:
            import csv

            with open(path, encoding="utf-8-sig", newline="") as f:
                for row in list(csv.reader(f))[1:]:
                    for cell in row:
                        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:40]
    w.close()
    store.close()
