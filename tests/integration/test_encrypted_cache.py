"""The agent's cache encrypted at rest (SQLCipher), against a real server: synced customer data is
not readable in the file, search still works, the key lives in the keyring only; without a keyring
the cache lasts for the session; logging out wipes cache and key; a plain cache of an earlier version
is encrypted in place with its outbox kept; a cache whose key is gone is moved aside."""

from __future__ import annotations

import keyring
import pytest

from cs_desk.ops import actions
from cs_desk.store import cache, queries, search
from cs_desk.store.store import Store
from cs_desk.sync.client import SyncClient
from cs_desk.sync.engine import Backoff, State, SyncEngine
from cs_desk.sync.tokens import SERVICE, KeyringTokenStore
from tests.helpers.fixtures import Agent
from tests.helpers.seed import PASSWORD
from tests.unit.test_tokens import MemoryKeyring, NoKeyring


@pytest.fixture
def memory_keyring():
    old = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(old)


def agent(srv, store: Store, tokens, user: str = "alice") -> Agent:  # noqa: ANN001
    engine = SyncEngine(store, tokens, srv.url, login=(user, PASSWORD), backoff=Backoff(base=0.02, cap=0.25))
    return Agent(store, engine, SyncClient(engine, srv.url))


def file_bytes(path) -> bytes:  # noqa: ANN001
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


async def test_synced_data_is_unreadable_in_the_file_and_search_works(srv, tmp_path, memory_keyring):
    path = tmp_path / "alice.sqlite3"
    tokens = KeyringTokenStore()
    a = agent(srv, cache.open_cache(path, tokens), tokens)
    await a.start()
    await a.live()
    conv = srv.world.convs["a"][0]
    actions.send_reply(a.store, conv, "您好，退款已经原路退回到您的支付宝账户")
    a.client.outbox_changed()
    await a.synced()
    assert search.messages(a.store.conn, "支付宝")  # FTS5 over the encrypted cache
    names = [r[0] for r in a.store.conn.execute("SELECT name FROM customers")]
    assert names and queries.conversation(a.store.conn, conv) is not None
    a.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = file_bytes(path)
    assert raw[:16] != cache.PLAIN_HEADER
    for text in ("支付宝", "退款已经原路退回", "alice", *names):
        assert text.encode() not in raw
    key = memory_keyring.items[(SERVICE, cache.key_name(path))]
    assert len(bytes.fromhex(key)) == 32
    assert key.encode() not in raw and not any(key in p.read_text(errors="ignore")
                                               for p in tmp_path.rglob("*") if p.is_file())
    await a.stop()

    again = cache.open_cache(path, KeyringTokenStore())  # the next start: the key from the keyring
    assert search.messages(again.conn, "支付宝") and again.user()["name"] == "alice"
    cache.wipe(again, KeyringTokenStore())  # logging out
    assert list(tmp_path.glob("alice.sqlite3*")) == []
    assert (SERVICE, cache.key_name(path)) not in memory_keyring.items


async def test_without_a_keyring_the_cache_lasts_for_the_session(srv, tmp_path):
    old = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        path = tmp_path / "bob.sqlite3"
        tokens = KeyringTokenStore()
        store = cache.open_cache(path, tokens)
        assert store.session_only and not tokens.persistent
        a = agent(srv, store, tokens, "bob")
        await a.start()
        await a.live()
        assert a.engine.state is State.LIVE and path.exists()
        await a.stop()  # closes the store
        assert list(tmp_path.glob("bob.sqlite3*")) == []  # gone with the session
    finally:
        keyring.set_keyring(old)


def test_a_plain_cache_is_encrypted_in_place_with_its_outbox(tmp_path, memory_keyring):
    path = tmp_path / "old.sqlite3"
    plain = Store(path)
    plain.set_session({"id": 1, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    plain.enqueue("presence.set", {"presence": "away"})
    client_id = plain.client_id
    plain.close()
    assert path.read_bytes()[:16] == cache.PLAIN_HEADER
    store = cache.open_cache(path, KeyringTokenStore())
    assert store.db.encrypted and store.client_id == client_id and store.outbox_count() == 1
    store.close()
    assert path.read_bytes()[:16] != cache.PLAIN_HEADER


def test_a_cache_whose_key_is_gone_is_moved_aside_not_deleted(tmp_path, memory_keyring):
    path = tmp_path / "c.sqlite3"
    store = cache.open_cache(path, KeyringTokenStore())
    store.set_session({"id": 1, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"})
    store.close()
    memory_keyring.items.clear()  # the keyring entry went (another account, deleted by hand)
    fresh = cache.open_cache(path, KeyringTokenStore())
    assert fresh.user() is None  # a new, empty cache
    assert list(tmp_path.glob("c.sqlite3.damaged-*"))  # the unreadable one kept aside
    fresh.close()


def test_plain_sqlite_stays_available_for_development(tmp_path, memory_keyring, monkeypatch):
    monkeypatch.setenv(cache.PLAIN_ENV, "1")
    store = cache.open_cache(tmp_path / "dev.sqlite3", KeyringTokenStore())
    assert not store.db.encrypted
    store.close()
    assert (tmp_path / "dev.sqlite3").read_bytes()[:16] == cache.PLAIN_HEADER
    assert memory_keyring.items == {}
