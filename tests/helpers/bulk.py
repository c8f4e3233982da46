"""Big caches built fast, through the same apply path the sync engine uses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cs_desk.domain.clock import to_iso
from cs_desk.store.apply import apply_rows
from cs_desk.store.store import Store

ME = {"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"}
T0 = datetime(2026, 11, 1, tzinfo=UTC)
CHANNELS = ("web", "wechat", "email", "taobao")


def conversation(i: int, **kw) -> dict:
    t = to_iso(T0 + timedelta(seconds=i * 7))
    d = {"id": i, "customer_id": i % 2000 + 1, "team_id": "a", "assignee_id": 7 if i % 3 == 0 else None,
         "status": "open" if i % 5 else "pending", "channel": CHANNELS[i % 4], "subject": f"订单问题 {i}",
         "tags": ["退款"] if i % 10 == 0 else [], "created_at": t, "updated_at": t, "last_message_at": t,
         "last_message_preview": f"客户消息 {i} where is my order", "last_author_kind": "customer" if i % 2 else "agent",
         "message_count": 1, "first_response_at": None}
    return {**d, **kw}


def big_store(path: Path, conversations: int = 50_000) -> Store:
    store = Store(path)
    store.set_session(ME)
    rows = [{"k": "customer", "d": {"id": c, "name": f"顾客{c}", "email": f"c{c}@example.com", "phone": "", "region": "广东",
                                    "note": "", "tags": [], "created_at": to_iso(T0), "updated_at": to_iso(T0)}}
            for c in range(1, 2001)]
    rows += [{"k": "conversation", "d": conversation(i)} for i in range(1, conversations + 1)]
    with store.db.tx():
        apply_rows(store.conn, rows, None, live=False)
    return store
