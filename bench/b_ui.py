"""Desktop-client figures (issue: agent workstation), each next to its floor:

  cold_start_s        process start → queue drawn from a 50,000-conversation cache.
                      floor: `import PySide6.QtWidgets` + an empty window shown, in a fresh process.
  open_conv_10k_ms    open a conversation of 10,000 messages in the conversation pane (model + first paint).
  open_conv_100img_ms open a conversation of 100 photos whose thumbnails are cached (strip decoded + paint).
                      floor: the same newest-page SELECT alone.
  search_500k_ms      message search over 500,000 messages, median over Chinese (1, 2, 4 chars) and Latin
                      queries through cs_desk.store.search. floor: a bare FTS5 MATCH on the same table.
  event_to_screen_ms  intake POST → the conversation's row in the agent's queue model shows it (real server
                      subprocess, real sync client under qasync). floor: the HTTP POST round trip alone.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS_ZH = ["退款", "物流", "发票", "尺码", "优惠券", "快递", "退货", "换货", "质量", "破损", "发货", "客服", "订单号", "地址"]
WORDS_EN = ["refund", "parcel", "invoice", "size", "coupon", "delivery", "return", "broken", "order", "address"]


def _log(msg: str) -> None:
    print(f"[bench ui] {msg}", file=sys.stderr, flush=True)


def build_cache(path: Path, conversations: int, messages: int, big_conv_messages: int = 0) -> None:
    """A cache as sync would leave it, written through cs_desk.store.apply (FTS triggers included)."""
    sys.path.insert(0, str(ROOT))
    from cs_desk.domain.clock import to_iso
    from cs_desk.store.apply import apply_rows
    from cs_desk.store.store import Store

    t0 = datetime(2026, 10, 1, tzinfo=UTC)
    store = Store(path)
    store.set_session({"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    rows = [{"k": "customer", "d": {"id": c, "name": f"顾客{c}", "email": f"c{c}@example.com", "phone": "",
                                    "region": "广东", "note": "", "tags": [], "created_at": to_iso(t0),
                                    "updated_at": to_iso(t0)}} for c in range(1, 5001)]
    for i in range(1, conversations + 1):
        t = to_iso(t0 + timedelta(seconds=i * 11))
        rows.append({"k": "conversation", "d": {
            "id": i, "customer_id": i % 5000 + 1, "team_id": "a", "assignee_id": 7 if i % 3 == 0 else None,
            "status": "open", "channel": "web", "subject": f"订单问题 {i}", "tags": [], "created_at": t,
            "updated_at": t, "last_message_at": t, "last_message_preview": f"消息 {i}",
            "last_author_kind": "customer" if i % 2 else "agent", "message_count": 1, "first_response_at": None}})
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)
    batch: list[dict] = []
    n = 0
    for m in range(messages):
        conv = 1 if m < big_conv_messages else (m % conversations) + 1
        w = WORDS_ZH[m % len(WORDS_ZH)] + WORDS_ZH[(m * 7) % len(WORDS_ZH)]
        body = f"亲，关于{w}的问题，订单 E{m:08d} 已处理" if m % 3 else f"Hi, about your {WORDS_EN[m % len(WORDS_EN)]} #{m}"
        batch.append({"k": "message", "d": {"id": f"m{m:09d}", "conversation_id": conv,
                                             "author_kind": "customer" if m % 2 else "agent", "author_id": 7,
                                             "kind": "reply", "body": body,
                                             "created_at": to_iso(t0 + timedelta(seconds=m))}})
        if len(batch) == 20_000:
            with store.db.tx():
                apply_rows(store.conn, batch, None, live=False)
            n += len(batch)
            batch = []
    if batch:
        with store.db.tx():
            apply_rows(store.conn, batch, None, live=False)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()


COLD = r"""
import os, sys, time
t0 = float(sys.argv[2])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[3])
from PySide6.QtWidgets import QApplication
from cs_desk import gui
from cs_desk.store.store import Store
from cs_desk.sync.tokens import MemoryTokenStore
app = gui.make_app()
s = gui.open_session(Store(sys.argv[1]), "ws://127.0.0.1:9/sync", MemoryTokenStore(), None)
s.window.queue.tabs.setCurrentIndex(2)
s.window.show()
app.processEvents()
s.window.queue.table.viewport().repaint()
assert s.window.queue.model.rowCount() > 0
print(time.time() - t0)
"""
FLOOR = r"""
import os, sys, time
t0 = float(sys.argv[1])
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1280, 780); w.show(); app.processEvents(); w.repaint()
print(time.time() - t0)
"""


def cold_start(cache: Path, runs: int) -> tuple[float, float]:
    def once(code: str, *args: str) -> float:
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True,
                             env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        return float(out.stdout.strip().splitlines()[-1])

    fig = [once(COLD, str(cache), repr(time.time()), str(ROOT)) for _ in range(runs)]
    flo = [once(FLOOR, repr(time.time())) for _ in range(runs)]
    return statistics.median(fig), statistics.median(flo)


def open_conversation(cache: Path, runs: int) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from cs_desk.store.store import Store
    from cs_desk.ui.conversation.conversation_pane import ConversationPane
    from cs_desk.views.desk import Desk

    app = QApplication.instance() or QApplication([])
    store = Store(cache)
    pane = ConversationPane(Desk(store))
    pane.resize(700, 700)
    pane.show()
    figures = _time_opening(app, pane, runs, pane.messages.viewport().repaint, lambda: store.conn.execute(
        "SELECT * FROM messages WHERE conversation_id=1 ORDER BY created_at DESC LIMIT 200").fetchall())
    assert pane.model.rowCount() == 200
    _dispose(app, pane, store)
    return figures


def _time_opening(app: Any, pane: Any, runs: int, paint: Callable[[], None],
                  floor: Callable[[], object]) -> tuple[float, float]:
    """Median ms of opening conversation 1 in the pane (shown, events processed, painted), and of
    `floor`, over `runs` times."""
    fig, flo = [], []
    for _ in range(runs):
        pane.show_conversation(None)
        app.processEvents()
        t = time.perf_counter()
        pane.show_conversation(1)
        app.processEvents()
        paint()
        fig.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        floor()
        flo.append((time.perf_counter() - t) * 1000)
    return statistics.median(fig), statistics.median(flo)


def _dispose(app: Any, pane: Any, store: Any) -> None:
    # Delete the widget before its store, inside Qt's loop: a pane garbage-collected later, under the
    # next measurement's qasync loop, crashed the process (SIGSEGV).
    pane.close()
    pane.deleteLater()
    app.processEvents()
    store.close()


def open_conversation_images(tmp: Path, runs: int) -> tuple[float, float]:
    """open_conv_100img_ms: a conversation whose 100 messages each carry a photo, all thumbnails in the
    local cache (320 px JPEGs): show_conversation → the strip's 100 thumbnails decoded and the pane
    painted. Floor: reading the 100 cached thumbnails from SQLite."""
    import io

    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from cs_desk.store import file_cache
    from cs_desk.store.apply import apply_rows
    from cs_desk.ui.conversation.conversation_pane import ConversationPane
    from cs_desk.views.desk import Desk
    from tests.helpers.bulk import big_store, conversation

    app = QApplication.instance() or QApplication([])
    store = big_store(tmp / "images.sqlite3", conversations=0)
    rows = [{"k": "conversation", "d": conversation(1)}]
    shas = []
    for i in range(100):
        img = Image.new("RGB", (320, 240), (i * 2, 100, 200 - i))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        sha = f"{i:064x}"
        shas.append(sha)
        file_cache.put(store.conn, sha, "thumb", buf.getvalue())
        rows.append({"k": "message", "d": {
            "id": f"m{i}", "conversation_id": 1, "author_kind": "customer", "author_id": None, "kind": "reply",
            "body": f"照片 {i}", "created_at": f"2026-12-03T01:{i // 60:02d}:{i % 60:02d}.000000Z",
            "meta": {"attachments": [{"sha256": sha, "name": f"破损{i}.jpg", "mime": "image/jpeg", "size": 50_000,
                                      "width": 1200, "height": 900, "thumbnail": True}]}}})
    with store.db.tx():
        apply_rows(store.conn, rows, store.me(), live=False)
    pane = ConversationPane(Desk(store))
    pane.resize(900, 700)
    pane.show()

    def floor() -> None:
        for sha in shas:
            store.conn.execute("SELECT data FROM file_cache WHERE sha256 = ? AND kind = 'thumb'", (sha,)).fetchone()

    figures = _time_opening(app, pane, runs, pane.repaint, floor)
    assert pane.attachments.count() == 100 and pane.attachments.loaded() == 100
    _dispose(app, pane, store)
    return figures


def search(cache: Path) -> dict:
    from cs_desk.store import search as fts
    from cs_desk.store.store import Store

    store = Store(cache)
    queries = {"zh1": "退", "zh2": "物流", "zh4": "优惠券的", "zh_long": "订单 E0000", "latin": "parcel", "latin2": "refund #1"}
    per: dict[str, float] = {}
    for name, q in queries.items():
        times = []
        for _ in range(5):
            t = time.perf_counter()
            fts.messages(store.conn, q, 50)
            times.append((time.perf_counter() - t) * 1000)
        per[name] = round(statistics.median(times), 2)
    floor = []
    for _ in range(5):
        t = time.perf_counter()
        store.conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH '\"优惠券\"' LIMIT 50").fetchall()
        floor.append((time.perf_counter() - t) * 1000)
    store.close()
    return {"search_500k_ms": round(statistics.median(per.values()), 2), "search_500k_ms_max": max(per.values()),
            "search_500k_ms_by_query": per, "search_500k_ms_floor": round(statistics.median(floor), 2)}


def event_to_screen(tmp: Path, events: int) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    import qasync
    from PySide6.QtWidgets import QApplication

    from cs_desk import gui
    from cs_desk.store.store import Store
    from cs_desk.sync.engine import State
    from cs_desk.sync.tokens import MemoryTokenStore
    from tests.helpers.seed import PASSWORD, seed

    data = tmp / "srv"
    world = seed(data)
    proc = subprocess.Popen([sys.executable, "-m", "cs_desk.server", "serve", "--data", str(data), "--port", "0",
                             "--log-level", "warning"], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stdout.readline()
        port = int(line.split("/sync")[0].rsplit(":", 1)[1])
        http = f"http://127.0.0.1:{port}"
        app = QApplication.instance() or QApplication([])
        store = Store(tmp / "agent.sqlite3")
        s = gui.open_session(store, f"ws://127.0.0.1:{port}/sync", MemoryTokenStore(), None, ("alice", PASSWORD))
        s.window.queue.tabs.setCurrentIndex(2)
        s.window.show()
        model = s.window.queue.model
        conv = world.convs["a"][0]

        def post(body: str, idem: str) -> None:
            req = urllib.request.Request(f"{http}/api/v1/messages", method="POST", data=json.dumps(
                {"customer": {"name": "顾客a0", "email": "ca0@example.com"}, "body": body,
                 "conversation_id": conv}).encode(), headers={
                "Authorization": f"Bearer {world.keys['a']}", "Idempotency-Key": idem,
                "Content-Type": "application/json"})
            urllib.request.urlopen(req, timeout=10).read()

        fig, flo = [], []

        async def main() -> None:
            s.bridge.start()
            await s.bridge.client.wait_for(lambda: s.engine.state is State.LIVE, 30)
            for i in range(events):
                body = f"bench event {i}"
                t = time.perf_counter()
                fut = asyncio.get_running_loop().run_in_executor(None, post, body, f"b{i}")
                seen = asyncio.Event()

                def check(*_a: object, body: str = body, seen: asyncio.Event = seen) -> None:
                    row = model.row_of(conv)
                    if row is not None and model.index(row, model.PREVIEW).data() == body:
                        seen.set()

                model.dataChanged.connect(check)
                model.layoutChanged.connect(check)
                await asyncio.wait_for(seen.wait(), 10)
                fig.append((time.perf_counter() - t) * 1000)
                model.dataChanged.disconnect(check)
                model.layoutChanged.disconnect(check)
                await fut
                t = time.perf_counter()
                await asyncio.get_running_loop().run_in_executor(None, post, body + " floor", f"f{i}")
                flo.append((time.perf_counter() - t) * 1000)
            await s.bridge.stop()

        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(main())
        asyncio.set_event_loop(None)
        store.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return statistics.median(fig), statistics.median(flo)


def run(quick: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    n_msgs = 100_000 if quick else 500_000
    out: dict = {"ui_counts": {"cold_start_conversations": 50_000, "search_messages": n_msgs,
                               "open_conversation_messages": 10_000}}
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-ui-") as d:
        tmp = Path(d)
        cache = tmp / "cache.sqlite3"
        t = time.perf_counter()
        build_cache(cache, 50_000, n_msgs, big_conv_messages=10_000)
        _log(f"cache with 50,000 conversations and {n_msgs:,} messages built in {time.perf_counter() - t:.1f} s")
        fig, flo = cold_start(cache, 3 if quick else 5)
        out.update(cold_start_s=round(fig, 3), cold_start_s_floor=round(flo, 3))
        _log(f"cold_start_s {fig:.3f} (floor {flo:.3f})")
        fig, flo = open_conversation(cache, 5 if quick else 15)
        out.update(open_conv_10k_ms=round(fig, 2), open_conv_10k_ms_floor=round(flo, 2))
        _log(f"open_conv_10k_ms {fig:.2f} (floor {flo:.2f})")
        fig, flo = open_conversation_images(tmp, 5 if quick else 15)
        out.update(open_conv_100img_ms=round(fig, 2), open_conv_100img_ms_floor=round(flo, 2))
        _log(f"open_conv_100img_ms {fig:.2f} (floor {flo:.2f})")
        out.update(search(cache))
        _log(f"search_500k_ms {out['search_500k_ms']} by query {out['search_500k_ms_by_query']}")
        fig, flo = event_to_screen(tmp, 10 if quick else 30)
        out.update(event_to_screen_ms=round(fig, 2), event_to_screen_ms_floor=round(flo, 2))
        _log(f"event_to_screen_ms {fig:.2f} (floor {flo:.2f})")
    return out


def run_isolated(quick: bool) -> dict:
    """Runs the figures in a child process: PySide6 can abort while the interpreter finalizes
    ("bool_dealloc", seen with 6.12), which must not take the other benches' figures with it."""
    with tempfile.TemporaryDirectory(prefix="csdesk-bench-ui-out-") as d:
        out = Path(d) / "ui.json"
        cmd = [sys.executable, "-m", "bench.b_ui", "--out", str(out)] + (["--quick"] if quick else [])
        subprocess.run(cmd, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        return json.loads(out.read_text())


if __name__ == "__main__":
    figures = run("--quick" in sys.argv)
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    if "--out" in sys.argv:
        Path(sys.argv[sys.argv.index("--out") + 1]).write_text(text)
    else:
        print(text, flush=True)
    sys.stderr.flush()
    os._exit(0)  # skip Qt's teardown at interpreter exit (see run_isolated)
