"""`cs-desk demo`: an embedded server with demo data, a customer simulator posting through the real
HTTP intake, and a headless agent logged in that syncs, prints and answers (through its outbox)."""

from __future__ import annotations

import asyncio
import random
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cs_desk.headless import Printer, run_client
from cs_desk.ops import actions
from cs_desk.server.simulator import FOLLOW_UPS, SCENARIOS, Simulator
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import SyncEngine
from cs_desk.sync.tokens import MemoryTokenStore

# What the simulator's customers write (cs_desk/server/simulator.py), for the headless agent to answer.
CUSTOMER_LINES = {line for lines in SCENARIOS.values() for line in lines} | set(FOLLOW_UPS)
REPLIES_ZH = ["亲，您好！已为您查询，{name}，我们会在24小时内给您答复。", "收到，{name}，马上为您处理～"]
REPLIES_EN = ["Thanks {name}, I am checking this for you now.", "Hi {name}, I will get back to you within 24 hours."]


def _reply_for(body: str, name: str) -> str:
    chinese = any("\u4e00" <= ch <= "\u9fff" for ch in body)
    return random.choice(REPLIES_ZH if chinese else REPLIES_EN).format(name=name)


def _prepare(data: Path, seed: int) -> tuple[str, dict[str, Any]]:
    from cs_desk.server import demo_data, demo_load
    from cs_desk.server.db import Database, sqlite_url

    server_dir = data / "server"
    key_file = server_dir / "demo-api-key.txt"
    if key_file.exists():
        return key_file.read_text().strip(), {}
    server_dir.mkdir(parents=True, exist_ok=True)
    db = Database(sqlite_url(server_dir))
    db.create_schema()
    try:
        with db.write_tx() as conn:
            # Relative to now: waiting times and SLA countdowns look like a shop at work.
            info = demo_load.load(conn, demo_data.generate(seed=seed, now=datetime.now(UTC)))
    finally:
        db.close()
    key_file.write_text(info["api_key"] + "\n")
    return info["api_key"], info


def _demo_user(data: Path, role: str) -> str:
    import sqlite3

    conn = sqlite3.connect(data / "server" / "server.sqlite3")
    try:
        row = conn.execute("SELECT name FROM users WHERE team_id='presales' AND role=? ORDER BY id LIMIT 1",
                           (role,)).fetchone()
    finally:
        conn.close()
    if row is None:
        raise SystemExit(f"no demo user with role {role}")
    return row[0]


async def _widget_url(running: Any) -> str:
    """A web-chat widget for the pre-sales team (made once per data directory), so one can play the
    customer next to the workstation."""
    from cs_desk.server import visitors

    def find_or_add(conn: Any) -> str:
        row = conn.exec_driver_sql("SELECT id FROM widgets ORDER BY created_at LIMIT 1").first()
        return row[0] if row else visitors.add_widget(conn, "presales")

    return f"{running.http}/widget/?w={await running.app.db.write(find_or_add)}"


async def _simulate(http: str, key: str, rate: float) -> None:
    """The demo's customers: the simulator, through the public intake API, until cancelled."""
    await Simulator(http, key).run(rate)


async def run(data: Path | None, role: str, duration: float | None, port: int, seed: int, rate: float) -> int:
    from cs_desk.server.app import serve

    keep = data is not None
    data = data or Path(tempfile.mkdtemp(prefix="cs-desk-demo-"))
    try:
        print(f"[demo] data in {data}", flush=True)
        key, info = await asyncio.to_thread(_prepare, data, seed)
        if info:
            print(f"[demo] generated {info['customers']:,} customers, {info['conversations']:,} conversations, "
                  f"{info['messages']:,} messages, {info['snippets']} snippets", flush=True)
        user = _demo_user(data, role)
        async with serve(data / "server", port=port) as running:
            print(f"[demo] server on {running.url}; customers write through {running.http}/api/v1/messages",
                  flush=True)
            print(f"[demo] chat as a customer in a browser: {await _widget_url(running)}", flush=True)
            print(f"[demo] logging in as {user} (password 'demo')", flush=True)
            store = Store(data / f"client-{user}.sqlite3")
            engine = SyncEngine(store, MemoryTokenStore(), running.url, login=(user, "demo"))
            printer = Printer(store)
            engine.listeners.append(printer)
            client = SyncClient(engine, running.url)

            def answer(msg: dict[str, Any]) -> None:
                # Only the simulator's live messages: the demo agent answers so the outbox is seen at work.
                if msg["body"] in CUSTOMER_LINES:
                    actions.send_reply(store, msg["conversation_id"],
                                       _reply_for(msg["body"], msg.get("customer") or ""))
                    client.outbox_changed()

            printer.on_customer_message = answer
            sim = asyncio.create_task(_simulate(running.http, key, rate))
            try:
                await run_client(client, duration)
            finally:
                sim.cancel()
                store.close()
        return 0
    finally:
        if not keep:
            shutil.rmtree(data, ignore_errors=True)


class DemoServer:
    """The demo's server and customer simulator on their own thread and event loop, so the window's
    Qt loop stays the app's only concern."""

    def __init__(self, data: Path, port: int, rate: float) -> None:
        self.data, self.port, self.rate = data, port, rate
        self.url = self.http = ""
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="demo-server", daemon=True)

    def start(self, timeout: float = 60) -> None:
        self._thread.start()
        if not self._ready.wait(timeout) or self._error:
            raise RuntimeError(f"demo server did not start: {self._error}")

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        try:
            self._loop.run_until_complete(self._main())
        except BaseException as exc:  # surfaced by start()
            self._error = exc
            self._ready.set()

    async def _main(self) -> None:
        from cs_desk.server.app import serve

        self._stop = asyncio.Event()
        key, _ = await asyncio.to_thread(_prepare, self.data, 42)
        async with serve(self.data / "server", port=self.port) as running:
            self.url, self.http = running.url, running.http
            print(f"[demo] chat as a customer in a browser: {await _widget_url(running)}", flush=True)
            self._ready.set()
            sim = asyncio.create_task(_simulate(running.http, key, self.rate)) if self.rate > 0 else None
            await self._stop.wait()
            if sim:
                sim.cancel()

    def stop(self) -> None:
        if self._loop and self._stop:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)


def run_gui(data: Path | None, role: str, port: int, rate: float, screenshot: Path | None,
            language: str = "") -> int:
    from cs_desk import gui, i18n

    keep = data is not None
    data = data or Path(tempfile.mkdtemp(prefix="cs-desk-demo-"))
    app = gui.make_app()
    i18n.install(app, language)
    server = DemoServer(data, port, rate if screenshot is None else 0)
    try:
        server.start()
        user = _demo_user(data, role)
        store = Store(data / f"client-{user}.sqlite3")
        s = gui.open_session(store, server.url, MemoryTokenStore(), None, (user, "demo"))
        gui.wire_language(app, None, s)

        async def main() -> int:
            s.window.show()
            s.bridge.start()
            if screenshot is not None:
                await gui.grab_when_ready(s, screenshot)
                print(f"[demo] screenshot saved to {screenshot}", flush=True)
            else:
                await gui._wait_closed_or_logout(s)  # logging out of the demo ends it
            await s.bridge.stop()
            store.close()
            return 0

        return gui.run_loop(app, main)
    finally:
        server.stop()
        if not keep:
            shutil.rmtree(data, ignore_errors=True)
