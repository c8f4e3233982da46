"""metrics_1m_events_s: the team metrics for the last 30 days over an event log of 1,000,000 events
(120,000 conversations of 5 teams and 100 agents spread over 30 days, each with its states and
messages as production writes them), asked of a server process that has just started: it reads the
metrics snapshot (written by the process before it) and the log after it, then answers. With
metrics_rebuild_from_log_s: the same with no snapshot, folding the whole log (a first start, or after
a format change). Then metrics_incremental_ms: 100 new events are
committed and the same question asked again (fold of the new events + report; p50/p99 of 20 rounds,
with metrics_incremental_fold_ms the fold alone). metrics_report_30d_ms: the report alone with nothing
new. Floor: reading the same event rows and parsing their JSON, nothing folded
(metrics_1m_events_s_floor).

`python -m bench.b_metrics [--quick]` prints the figures as JSON."""

from __future__ import annotations

import argparse
import gc
import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from bench.common import log, pct, r
from cs_desk.domain.clock import to_iso
from cs_desk.domain.model import Role
from cs_desk.server.auth import User
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.fastsql import raw
from cs_desk.server.metrics import MetricsService, save_snapshot

TEAMS = ("pre", "after", "vip", "south", "north")
CHANNELS = ("web", "wechat", "taobao", "email")
CATEGORIES = ("consultation", "refund", "return", "complaint", "exchange")
SEED = 20261203
ADMIN = User(1, "root", "Root", "pre", Role.ADMIN)


class Log:
    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.seq = 0

    def emit(self, kind: str, eid: Any, d: dict[str, Any], team: str, at: datetime) -> None:
        self.seq += 1
        self.rows.append((self.seq, team, kind, str(eid), orjson.dumps({"seq": self.seq, "k": kind, "d": d}),
                          to_iso(at)))


def _conv(i: int, team: str, channel: str, category: str, created: datetime) -> dict[str, Any]:
    t = to_iso(created)
    return {"id": i, "customer_id": i, "team_id": team, "assignee_id": None, "status": "open", "channel": channel,
            "subject": f"订单 {i} 的问题", "tags": [], "created_at": t, "updated_at": t, "last_message_at": t,
            "last_message_preview": "你好，我买的东西还没到，能帮我查一下吗", "last_author_kind": "customer",
            "message_count": 1, "first_response_at": None, "sla_kind": "first_response",
            "sla_due_at": to_iso(created + timedelta(minutes=30)), "sla_warn_at": to_iso(created + timedelta(minutes=22)),
            "resolved_at": None, "csat_score": None, "csat_comment": None, "owner_id": None, "waiting_since": t,
            "assign_reason": {"steps": ["least_load"], "text": "fewest open"}, "source": None, "category": category,
            "priority": "normal", "classified": None, "survey_sent_at": None, "csat_at": None}


def _msg(mid: str, cid: int, author: str, author_id: int | None, at: datetime, body: str) -> dict[str, Any]:
    return {"id": mid, "conversation_id": cid, "author_kind": author, "author_id": author_id, "kind": "reply",
            "body": body, "created_at": to_iso(at), "meta": None}


def conversation_events(lg: Log, rng: random.Random, i: int, created: datetime, agents: dict[str, list[int]]) -> None:
    """Ten events: arrival (customer message + state), assignment, two agent replies and a customer
    one with their states, resolution; sometimes a survey answer instead of the last state change."""
    team = TEAMS[i % len(TEAMS)]
    d = _conv(i, team, CHANNELS[i % 4], CATEGORIES[i % 5], created)
    agent = rng.choice(agents[team])
    t = created
    lg.emit("message", f"m{i}-0", _msg(f"m{i}-0", i, "customer", None, t, d["last_message_preview"]), team, t)
    lg.emit("conversation", i, dict(d), team, t)
    t += timedelta(seconds=rng.randint(5, 120))
    d.update(assignee_id=agent, waiting_since=None, updated_at=to_iso(t))
    lg.emit("conversation", i, dict(d), team, t)
    t += timedelta(seconds=int(rng.expovariate(1 / 400)))
    lg.emit("message", f"m{i}-1", _msg(f"m{i}-1", i, "agent", agent, t, "您好，这边马上为您查询物流信息"), team, t)
    d.update(first_response_at=to_iso(t), owner_id=agent, last_author_kind="agent", last_message_at=to_iso(t),
             updated_at=to_iso(t), sla_kind="resolution", sla_due_at=to_iso(created + timedelta(hours=48)))
    lg.emit("conversation", i, dict(d), team, t)
    t += timedelta(seconds=rng.randint(60, 1800))
    lg.emit("message", f"m{i}-2", _msg(f"m{i}-2", i, "customer", None, t, "好的，谢谢，麻烦快一点"), team, t)
    t += timedelta(seconds=rng.randint(30, 900))
    lg.emit("message", f"m{i}-3", _msg(f"m{i}-3", i, "agent", agent, t, "已为您催促快递，预计明天送达"), team, t)
    t += timedelta(seconds=rng.randint(60, 7200))
    d.update(status="resolved", resolved_at=to_iso(t), updated_at=to_iso(t), sla_kind=None, sla_due_at=None,
             sla_warn_at=None, survey_sent_at=to_iso(t))
    lg.emit("conversation", i, dict(d), team, t)
    if i % 3 == 0:
        t += timedelta(minutes=10)
        d.update(csat_score=rng.choice((5, 5, 4, 4, 3, 2, 1)), csat_at=to_iso(t), updated_at=to_iso(t))
        lg.emit("conversation", i, dict(d), team, t)


def build(db: Database, n_events: int, days: int, now: datetime) -> tuple[int, dict[str, list[int]]]:
    rng = random.Random(SEED)
    lg = Log()
    agents = {team: list(range(1 + k * 20, 21 + k * 20)) for k, team in enumerate(TEAMS)}
    start = now - timedelta(days=days)
    for team, ids in agents.items():
        for a in ids:
            lg.emit("agent", a, {"id": a, "name": f"u{a}", "display_name": f"客服{a}", "team_id": team,
                                 "role": "agent", "capacity": 6, "disabled": False, "presence": "online", "rank": 0},
                    team, start)
    per_conv = 8 + 1 / 3  # a third of the conversations get a survey answer
    n_conv = int((n_events - lg.seq) / per_conv)
    step = (days * 86400 - 12 * 3600) / n_conv
    for i in range(1, n_conv + 1):
        conversation_events(lg, rng, i, start + timedelta(seconds=i * step), agents)
        if i % 997 == 0:  # agents go away and come back
            a = rng.choice(agents[TEAMS[i % 5]])
            at = start + timedelta(seconds=i * step)
            for presence in ("away", "online"):
                lg.emit("agent", a, {"id": a, "name": f"u{a}", "display_name": f"客服{a}", "team_id": TEAMS[i % 5],
                                     "role": "agent", "capacity": 6, "disabled": False, "presence": presence,
                                     "rank": 0}, TEAMS[i % 5], at)
                at += timedelta(minutes=15)
    lg.rows.sort(key=lambda row: row[0])
    with db.write_tx() as conn:
        raw(conn).many("INSERT INTO events(seq, team_id, kind, entity_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       lg.rows)
    return n_conv, agents


def run(quick: bool = False, tmp: Path | None = None) -> dict[str, Any]:
    n_events = 200_000 if quick else 1_000_000
    now = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="cs-desk-metrics-", dir=tmp) as d:
        db = Database(sqlite_url(Path(d)))
        db.create_schema()
        t = time.perf_counter()
        n_conv, agents = build(db, n_events, 30, now)
        with db.read_tx() as conn:
            total = raw(conn).scalar("SELECT count(*) FROM events")
        log(f"metrics: {total:,} events ({n_conv:,} conversations) written in {time.perf_counter() - t:.1f} s")

        with db.read_tx() as conn:
            t = time.perf_counter()
            cur = raw(conn)
            cur.run("SELECT seq, kind, body, created_at FROM events ORDER BY seq")
            for row in cur.cur.fetchall():
                orjson.loads(row[2])
            floor = time.perf_counter() - t

        q = {"range": "30d", "by": "team"}
        svc = MetricsService()
        with db.read_tx() as conn:
            t = time.perf_counter()
            out = svc.query(conn, ADMIN, q, now)
            rebuild = time.perf_counter() - t
        log(f"metrics: rebuilt from the whole log and a 30-day query in {rebuild:.2f} s (fold {svc.last_fold_s:.2f} s, "
            f"report {svc.last_report_s * 1000:.0f} ms); floor read+parse {floor:.2f} s; "
            f"{out['total']['conversations']:,} conversations in range")

        with db.read_tx() as conn:
            t = time.perf_counter()
            svc.saved_seq = 0
            seq, body = svc.snapshot_due(conn)
            dump_s = time.perf_counter() - t
        with db.write_tx() as conn:
            save_snapshot(conn, seq, body)
        # a server process starting: the snapshot, the log after it (nothing here), the first question;
        # the old fold goes first, so the collector at start sees a heap like a new process's
        del svc
        gc.collect()
        gc.unfreeze()
        svc = MetricsService()
        with db.read_tx() as conn:
            t = time.perf_counter()
            svc.start(conn)
            started = time.perf_counter() - t
            out2 = svc.query(conn, ADMIN, q, now)
            cold = time.perf_counter() - t
        assert out2["total"] == out["total"], "the snapshot gives other figures than the log"
        cold_fold, cold_report = started, svc.last_report_s
        log(f"metrics: snapshot {len(body) / 2**20:.1f} MiB written in {dump_s:.2f} s; a new process answers the "
            f"30-day query in {cold:.2f} s (snapshot read {started:.2f} s, report {cold_report * 1000:.0f} ms)")
        reports = []
        with db.read_tx() as conn:
            for _ in range(5):
                svc.query(conn, ADMIN, q, now)
                reports.append(svc.last_report_s * 1000)

        rng = random.Random(SEED + 1)
        inc, inc_fold = [], []
        next_id = n_conv + 1
        for _round in range(20):
            lg = Log()
            with db.read_tx() as conn:
                lg.seq = raw(conn).scalar("SELECT max(seq) FROM events")
            while len(lg.rows) < 100:
                conversation_events(lg, rng, next_id, now - timedelta(hours=3), agents)
                next_id += 1
            with db.write_tx() as conn:
                raw(conn).many("INSERT INTO events(seq, team_id, kind, entity_id, body, created_at) "
                               "VALUES (?, ?, ?, ?, ?, ?)", lg.rows[:100])
            with db.read_tx() as conn:
                t = time.perf_counter()
                svc.query(conn, ADMIN, q, now)
                inc.append((time.perf_counter() - t) * 1000)
                inc_fold.append(svc.last_fold_s * 1000)
        db.close()
    log(f"metrics: incremental rounds (ms): {', '.join(f'{x:.0f}' for x in inc)}")
    return {
        "metrics_events": total, "metrics_conversations": n_conv,
        "metrics_1m_events_s" if not quick else "metrics_200k_events_s": r(cold, 2),
        "metrics_rebuild_from_log_s": r(rebuild, 2),
        "metrics_1m_events_s_floor" if not quick else "metrics_200k_events_s_floor": r(floor, 2),
        "metrics_snapshot_mib": r(len(body) / 2**20, 1), "metrics_snapshot_write_s": r(dump_s, 2),
        "metrics_start_from_snapshot_s": r(cold_fold, 2), "metrics_cold_report_ms": r(cold_report * 1000, 1),
        "metrics_report_30d_ms": r(sorted(reports)[len(reports) // 2], 1),
        "metrics_incremental_ms_p50": r(pct(inc, 50), 1), "metrics_incremental_ms_p99": r(pct(inc, 99), 1),
        "metrics_incremental_fold_ms_p99": r(pct(inc_fold, 99), 2),
    }


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true")
    print(json.dumps(run(p.parse_args().quick), indent=2))
