"""Session tokens and passwords are never written to a log or a file: a real server process logging
at DEBUG, a client logging at DEBUG, a password login, a wrong password, sync, a reply with a file
upload; then every file under the test's folder (server data and log, client cache, client log) is
scanned for the token and the password."""

from __future__ import annotations

import asyncio
import logging
import sys

import keyring

from bench.common import cs_server
from cs_desk.domain.file_types import LocalFile
from cs_desk.ops import actions
from cs_desk.store import cache
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import SERVICE, KeyringTokenStore
from tests.helpers.fixtures import Agent
from tests.helpers.seed import PASSWORD, seed
from tests.integration.test_agent_files import local_photo
from tests.unit.test_tokens import MemoryKeyring


async def test_no_token_or_password_in_any_log_or_file(tmp_path):
    data = tmp_path / "server"
    world = seed(data)
    old = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    client_log = tmp_path / "client.log"
    handler = logging.FileHandler(client_log, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    srv = cs_server(data)
    srv.argv[srv.argv.index("warning")] = "debug"
    try:
        with srv:
            url = f"ws://127.0.0.1:{srv.port}/sync"
            tokens = KeyringTokenStore()
            store = cache.open_cache(tmp_path / "alice.sqlite3", tokens)
            wrong = SyncEngine(store, tokens, url, login=("alice", "not-the-password"), backoff=Backoff(0.02, 0.1))
            bad = SyncClient(wrong, url)
            task = asyncio.create_task(bad.run())
            await bad.wait_for(lambda: wrong.state is State.AUTH_FAILED, 30)
            await task
            engine = SyncEngine(store, tokens, url, login=("alice", PASSWORD), backoff=Backoff(0.02, 0.1))
            a = Agent(store, engine, SyncClient(engine, url))
            await a.start()
            await a.live()
            conv = world.convs["a"][0]
            actions.send_reply(store, conv, "附上尺码表", [local_photo()])
            actions.add_note(store, conv, "PDF", [LocalFile("l.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")])
            a.client.outbox_changed()
            await a.synced()
            assert a.client.uploads == 2
            token = tokens.get(engine.token_key)
            assert token and kr.items[(SERVICE, engine.token_key)] == token
            await a.stop()
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
        keyring.set_keyring(old)
    assert client_log.stat().st_size > 0 and (data / "bench-server.log").stat().st_size > 0
    secrets = {"token": token.encode(), "password": PASSWORD.encode(), "wrong password": b"not-the-password"}
    scanned = 0
    for f in tmp_path.rglob("*"):
        if not f.is_file():
            continue
        body = f.read_bytes()
        scanned += 1
        for what, value in secrets.items():
            assert value not in body, f"the {what} is written in {f.relative_to(tmp_path)}"
    assert scanned >= 5
    print(f"scanned {scanned} files, no secret in any", file=sys.stderr)
