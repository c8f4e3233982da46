"""Search over the cache: Chinese of any length and Latin, without FTS syntax leaking through."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_desk.store import search
from cs_desk.store.apply import apply_rows
from cs_desk.store.db import migrate
from cs_desk.store.store import Store

BODIES = ["亲，您好！请问您的订单号是多少？", "我要退款，衣服尺码不对", "物流三天没有更新了",
          "Where is my parcel? Tracking says delivered", "退货地址在哪里", "发票可以开公司抬头吗",
          'quote " and * star and NEAR(x) AND OR', "100% cotton_shirt"]


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "c.sqlite3")
    rows = [{"k": "message", "d": {"id": f"m{i}", "conversation_id": 1, "author_kind": "customer",
                                   "author_id": None, "kind": "reply", "body": b,
                                   "created_at": f"2026-01-01T00:00:{i:02d}.000000Z"}} for i, b in enumerate(BODIES)]
    rows += [{"k": "snippet", "d": {"id": 1, "title": "退款政策", "body": "亲，{customer.name}，退款将在3-5个工作日原路返回",
                                    "shortcut": "refund", "category": "售后政策", "team_id": None}},
             {"k": "snippet", "d": {"id": 2, "title": "Shipping time", "body": "We ship within 24 hours",
                                    "shortcut": "ship", "category": "物流", "team_id": None}}]
    with s.db.tx():
        apply_rows(s.conn, rows, None, live=False)
    yield s
    s.close()


def ids(rows):
    return {r["id"] for r in rows}


@pytest.mark.parametrize("query,expected", [
    ("退", {"m1", "m4"}),  # one character
    ("退款", {"m1"}),  # two characters: below the trigram length
    ("订单号", {"m0"}),  # three: trigram index
    ("尺码不对", {"m1"}),
    ("物流 更新", {"m2"}),  # two terms, both must match
    ("parcel", {"m3"}), ("PARCEL", {"m3"}), ("is", {"m3"}),
    ("NEAR(x)", {"m6"}), ('"', {"m6"}), ("*", {"m6"}), ("100%", {"m7"}), ("_s", {"m7"}), ("%", {"m7"}),
    ("不存在的词", set()), ("", set()), ("   ", set()),
])
def test_message_search(store, query, expected):
    assert ids(search.messages(store.conn, query)) == expected


def test_snippet_search_title_body_shortcut_category(store):
    assert ids(search.snippets(store.conn, "退款")) == {1}
    assert ids(search.snippets(store.conn, "refund")) == {1}
    assert ids(search.snippets(store.conn, "物流")) == {2}
    assert ids(search.snippets(store.conn, "24 hours")) == {2}


def test_updated_body_is_reindexed(store):
    with store.db.tx():
        store.conn.execute("UPDATE messages SET body='改成了新内容' WHERE id='m0'")
    assert ids(search.messages(store.conn, "订单号")) == set()
    assert ids(search.messages(store.conn, "新内容")) == {"m0"}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=12))
def test_any_query_is_safe(tmp_path_factory, query):
    s = _shared(tmp_path_factory)
    for fn in (search.messages, search.snippets, search.customers):
        fn(s.conn, query)  # never raises, whatever the user types


_STORE = {}


def _shared(factory):
    if "s" not in _STORE:
        _STORE["s"] = Store(factory.mktemp("fuzz") / "c.sqlite3")
    return _STORE["s"]


def test_migrations_are_idempotent_and_refuse_newer_caches(tmp_path):
    s = Store(tmp_path / "c.sqlite3")
    assert migrate(s.conn) == s.conn.execute("PRAGMA user_version").fetchone()[0]
    s.conn.execute("PRAGMA user_version=999")
    s.close()
    from cs_desk.errors import StoreError
    with pytest.raises(StoreError, match="newer"):
        Store(tmp_path / "c.sqlite3")


def test_cache_pragmas(tmp_path):
    s = Store(tmp_path / "c.sqlite3")
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    s.close()


def test_the_cache_is_readable_by_its_owner_only(tmp_path):
    import stat

    from cs_desk.store.store import Store

    s = Store(tmp_path / "private" / "c.sqlite3")
    s.set_session({"id": 1, "name": "a", "display_name": "A", "team_id": "t", "role": "agent"})
    for f in (tmp_path / "private").iterdir():
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) & 0o077 == 0
    s.close()
