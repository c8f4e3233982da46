"""Demo data generator: shape, determinism, referential integrity, content sanity."""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from cs_desk.server.demo_data import DEFAULT_NOW, DemoData, generate

CJK = re.compile(r"[\u4e00-\u9fff]")
ORDER_ID = re.compile(r"E\d{12}")


def _t(text: str) -> datetime:
    assert text.endswith("Z"), text
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.fixture(scope="module")
def data() -> DemoData:
    return generate()


@pytest.fixture(scope="module")
def by_conv(data: DemoData) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for m in data.messages:
        out[m["conversation_id"]].append(m)
    return out


def test_counts(data: DemoData) -> None:
    assert [t["id"] for t in data.teams] == ["presales", "aftersales", "complaints"]
    assert {t["name"] for t in data.teams} == {"售前", "售后", "投诉"}
    assert len(data.users) == 21
    assert len({u["name"] for u in data.users}) == 21
    assert all(u["name"].isascii() for u in data.users)
    admins = [u for u in data.users if u["role"] == "admin"]
    assert len(admins) == 1 and admins[0]["name"] == "admin" and admins[0]["capacity"] == 0
    for team in data.teams:
        members = [u for u in data.users if u["team_id"] == team["id"] and u["role"] != "admin"]
        assert sum(u["role"] == "lead" for u in members) == 1
        assert 6 <= len(members) <= 7
        assert all(3 <= u["capacity"] <= 8 for u in members)
    assert len(data.customers) == 2000
    assert len(data.conversations) == 5000
    assert len(data.snippets) == 200
    assert len({s["shortcut"] for s in data.snippets}) == 200
    assert 25_000 < len(data.messages) < 50_000


def test_parameters_are_respected() -> None:
    d = generate(3, customers=50, conversations=80, snippets=500)
    assert (len(d.customers), len(d.conversations), len(d.snippets)) == (50, 80, 500)
    assert len({s["shortcut"] for s in d.snippets}) == 500
    assert [s["id"] for s in d.snippets] == list(range(1, 501))
    empty = generate(3, customers=0, conversations=10, snippets=0)
    assert empty.customers == empty.orders == empty.conversations == empty.messages == empty.snippets == []


def test_deterministic(data: DemoData) -> None:
    assert generate() == data
    assert generate(42, now=DEFAULT_NOW) == data
    other = generate(7, customers=200, conversations=300)
    again = generate(7, customers=200, conversations=300)
    assert other == again
    small = generate(42, customers=200, conversations=300)
    assert other.customers != small.customers
    assert other.messages != small.messages


def test_now_moves_the_window() -> None:
    now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    d = generate(1, customers=100, conversations=200, now=now)
    times = [_t(c["created_at"]) for c in d.conversations]
    assert min(times) >= now - timedelta(days=31) and max(times) <= now
    assert all(_t(m["created_at"]) <= now for m in d.messages)


def test_referential_integrity(data: DemoData) -> None:
    users = {u["name"]: u for u in data.users}
    customers = {c["id"] for c in data.customers}
    assert sorted(customers) == list(range(1, 2001))
    convs = {c["id"]: c for c in data.conversations}
    assert sorted(convs) == list(range(1, 5001))
    team_ids = {t["id"] for t in data.teams}
    for o in data.orders:
        assert o["customer_id"] in customers
    assert len({o["id"] for o in data.orders}) == len(data.orders)
    assert len({m["id"] for m in data.messages}) == len(data.messages)
    for c in data.conversations:
        assert c["customer_id"] in customers
        assert c["team_id"] in team_ids
        if c["assignee"] is not None:
            a = users[c["assignee"]]
            assert a["team_id"] == c["team_id"] and a["role"] in ("agent", "lead")
    for m in data.messages:
        conv = convs[m["conversation_id"]]
        if m["author_kind"] == "agent":
            author = users[m["author"]]
            assert author["team_id"] == conv["team_id"] and author["role"] != "admin"
        else:
            assert m["author"] is None
    for s in data.snippets:
        assert s["team_id"] is None or s["team_id"] in team_ids


def test_order_ids_in_text_belong_to_the_customer(data: DemoData, by_conv: dict[int, list[dict]]) -> None:
    orders_of: dict[int, set[str]] = defaultdict(set)
    for o in data.orders:
        orders_of[o["customer_id"]].add(o["id"])
    mentioned = 0
    for c in data.conversations:
        texts = [c["subject"]] + [m["body"] for m in by_conv[c["id"]]]
        for oid in ORDER_ID.findall(" ".join(texts)):
            assert oid in orders_of[c["customer_id"]]
            mentioned += 1
    assert mentioned > 1000


def test_shapes_and_formats(data: DemoData) -> None:
    for c in data.customers:
        assert re.fullmatch(r"1[3-9]\d{9}", c["phone"])
        assert "@" in c["email"] and c["region"]
        assert isinstance(c["tags"], list) and isinstance(c["note"], str)
        assert _t(c["created_at"]) < DEFAULT_NOW
    english = sum(not CJK.search(c["name"]) for c in data.customers)
    assert 0.10 < english / len(data.customers) < 0.20
    statuses = {"pending", "paid", "shipped", "delivered", "refunded", "cancelled"}
    orders_per_customer = Counter(o["customer_id"] for o in data.orders)
    assert max(orders_per_customer.values()) <= 6
    for o in data.orders:
        assert re.fullmatch(r"E\d{12}", o["id"]) and o["status"] in statuses and o["items"]
        assert o["total_cents"] == sum(i["qty"] * i["price_cents"] for i in o["items"])
        assert all(CJK.search(i["title"]) and i["sku"] for i in o["items"])
    channels = {"web", "wechat", "email", "taobao", "jd", "phone"}
    for c in data.conversations:
        assert c["channel"] in channels and c["subject"] and c["tags"]


def test_status_mix_and_assignment(data: DemoData) -> None:
    n = len(data.conversations)
    mix = Counter(c["status"] for c in data.conversations)
    assert set(mix) == {"open", "pending", "resolved"}
    assert 0.20 < mix["open"] / n < 0.30
    assert 0.10 < mix["pending"] / n < 0.20
    assert 0.55 < mix["resolved"] / n < 0.65
    open_ = [c for c in data.conversations if c["status"] == "open"]
    unassigned = [c for c in data.conversations if c["assignee"] is None]
    assert all(c["status"] == "open" for c in unassigned)
    assert 0.12 < len(unassigned) / len(open_) < 0.28
    recent = sum(_t(c["created_at"]) > DEFAULT_NOW - timedelta(days=3) for c in open_)
    assert recent / len(open_) > 0.6
    teams = Counter(c["team_id"] for c in data.conversations)
    assert all(teams[t] > 300 for t in ("presales", "aftersales", "complaints"))


def test_conversation_timeline(data: DemoData, by_conv: dict[int, list[dict]]) -> None:
    start = DEFAULT_NOW - timedelta(days=30, hours=1)
    for c in data.conversations:
        msgs = by_conv[c["id"]]
        assert 2 <= len(msgs) <= 12
        assert msgs[0]["author_kind"] == "customer" and msgs[0]["kind"] == "reply"
        times = [_t(m["created_at"]) for m in msgs]
        assert times == sorted(times)
        assert times[0] == _t(c["created_at"]) and times[-1] == _t(c["updated_at"])
        assert start <= times[0] and times[-1] <= DEFAULT_NOW
        if c["assignee"] is None:
            assert all(m["author_kind"] != "agent" for m in msgs)
        else:
            assert any(m["author_kind"] == "agent" and m["kind"] == "reply" for m in msgs)
    ids = [c["id"] for c in data.conversations]
    assert [c["created_at"] for c in data.conversations] == sorted(c["created_at"] for c in data.conversations)
    assert ids == sorted(ids)


def test_message_kinds(data: DemoData, by_conv: dict[int, list[dict]]) -> None:
    pairs = Counter((m["author_kind"], m["kind"]) for m in data.messages)
    assert set(pairs) <= {("customer", "reply"), ("agent", "reply"), ("agent", "note"), ("system", "system")}
    with_note = sum(any(m["kind"] == "note" for m in msgs) for msgs in by_conv.values())
    assert 0.06 < with_note / len(data.conversations) < 0.15
    resolved = [c for c in data.conversations if c["status"] == "resolved"]
    assert sum(by_conv[c["id"]][-1]["kind"] == "system" for c in resolved) > len(resolved) * 0.3
    # Mostly alternating: consecutive replies by the same side are the exception.
    replies = [[m["author_kind"] for m in msgs if m["kind"] == "reply"] for msgs in by_conv.values()]
    same = sum(a == b for r in replies for a, b in pairwise(r))
    total = sum(len(r) - 1 for r in replies)
    assert same / total < 0.2


def test_content_sanity(data: DemoData, by_conv: dict[int, list[dict]]) -> None:
    bodies = [m["body"] for m in data.messages]
    assert all(b and "{" not in b and "}" not in b for b in bodies)
    cjk = sum(bool(CJK.search(b)) for b in bodies)
    assert cjk / len(bodies) > 0.7
    english_msgs = sum(not CJK.search(b) and re.search(r"[A-Za-z]{3}", b) is not None for b in bodies)
    assert english_msgs / len(bodies) > 0.08
    english_convs = sum(not CJK.search(by_conv[c["id"]][1]["body"] + by_conv[c["id"]][0]["body"])
                        for c in data.conversations)
    assert 0.10 < english_convs / len(data.conversations) < 0.20
    assert len(set(bodies)) > 500  # templates vary; not one fixed string
    joined = "\n".join(bodies)
    for phrase in ("亲，您好！很高兴为您服务", "24小时", "48小时", "七天无理由退货", "满意度调查", "退款"):
        assert phrase in joined, phrase
    notes = [m["body"] for m in data.messages if m["kind"] == "note"]
    assert all(CJK.search(b) for b in notes)


def test_snippets(data: DemoData) -> None:
    assert [s["id"] for s in data.snippets] == list(range(1, 201))
    assert sum("{customer.name}" in s["body"] for s in data.snippets) >= 10
    assert any("{agent.name}" in s["body"] for s in data.snippets)
    assert any("{order.id}" in s["body"] for s in data.snippets)
    assert all(s["shortcut"].isascii() and " " not in s["shortcut"] and not s["shortcut"].startswith("/")
               for s in data.snippets)
    assert any(s["team_id"] is None for s in data.snippets)
    assert len({s["category"] for s in data.snippets}) >= 5
    assert len({s["body"] for s in data.snippets}) == 200


def test_fast_enough() -> None:
    t0 = time.perf_counter()
    generate(seed=5)
    assert time.perf_counter() - t0 < 3.0
