"""route_10k_p99_ms: one `cs_desk.domain.routing.route()` call, timed alone, over 10,000 arrivals at
100 agents of 5 teams (20 each, capacities 3–8, some away or offline), once per strategy. Loads and
today's counts follow the assignments and open conversations get resolved at random (more often the
more are open, so the desk settles near 80 % busy and some arrivals find nobody with room). A share
of arrivals are returning customers, and each team has a rule on region or keyword, so every path of
route() is exercised. Floor: the same loop choosing `min(eligible, key=load)` from a plain list
comprehension. route_spread: conversations each online agent received, per strategy (how evenly the
strategy shares the work; sequential is meant to be uneven); route_spread_within_team_stdev: the same
stdev taken within each team and averaged, since rules move work between teams.

`python -m bench.b_route [--quick]` prints the figures as JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from bench.common import log, pct, r
from cs_desk.domain.routing import STRATEGIES, AgentState, Arrival, Rule, TeamRouting, route

TEAMS = ("pre", "after", "vip", "south", "north")
PER_TEAM = 20
SEED = 20261201
REGIONS = ("广东", "北京", "上海", "浙江", "")
KEYWORDS = ("退款怎么办", "ＶＩＰ", "优惠券", "size guide", "")
PAGES = ("/sale/11-11", "/item/123", "/help/refund", "/", "")
CHANNELS = ("web", "wechat", "app", "email")


def _agents(rng: random.Random) -> list[AgentState]:
    out = []
    for t, team in enumerate(TEAMS):
        for k in range(PER_TEAM):
            i = t * PER_TEAM + k + 1
            roll = rng.random()
            presence = "away" if roll < 0.12 else "offline" if roll < 0.15 else "online"
            since = f"2026-12-01T08:{rng.randrange(60):02d}:{rng.randrange(60):02d}.000000Z"
            out.append(AgentState(i, f"客服{i:03d}", team, presence, rng.randint(3, 8), 0, 0,
                                  since if presence == "online" else None, rng.randrange(4)))
    return out


def _config(strategy: str) -> dict[str, TeamRouting]:
    rules = {
        "north": (Rule("region", "equals", "广东", to_team="south"),),
        "pre": (Rule("source_keyword", "contains", "退款", to_team="after"),
                Rule("landing_page", "prefix", "/help", to_team="after")),
        "vip": (Rule("source_keyword", "equals", "vip", to_agent=2 * PER_TEAM + 1),),
        "after": (Rule("channel", "equals", "email", to_team="north"),),
        "south": (),
    }
    return {team: TeamRouting(strategy, rules=rules[team]) for team in TEAMS}


def _arrivals(rng: random.Random, n: int) -> list[Arrival]:
    n_agents = len(TEAMS) * PER_TEAM
    return [Arrival(c, rng.choice(TEAMS), rng.choice(CHANNELS), rng.choice(REGIONS), rng.choice(KEYWORDS),
                    rng.choice(PAGES), rng.choice(PAGES),
                    rng.randint(1, n_agents) if rng.random() < 0.25 else None)
            for c in range(1, n + 1)]


Chooser = Callable[[Arrival, list[AgentState], dict[str, int | None]], tuple[int | None, int | None]]


def _simulate(arrivals: list[Arrival], agents0: list[AgentState], choose: Chooser,
              seed: int) -> tuple[list[int], dict[int, int], int]:
    """Times of each choice (ns), conversations per agent, arrivals that found nobody."""
    rng = random.Random(seed)  # same releases for route() and the floor
    agents = list(agents0)
    pos = {a.id: i for i, a in enumerate(agents)}
    online_capacity = sum(a.capacity for a in agents if a.presence == "online")
    settle = 0.8 * online_capacity
    last: dict[str, int | None] = {}
    open_convs: list[int] = []
    got = dict.fromkeys(pos, 0)
    times: list[int] = []
    waited = 0
    for arrival in arrivals:
        t0 = time.perf_counter_ns()
        agent_id, rotated = choose(arrival, agents, last)
        times.append(time.perf_counter_ns() - t0)
        if agent_id is None:
            waited += 1
        else:
            i = pos[agent_id]
            a = agents[i]
            agents[i] = dataclasses.replace(a, load=a.load + 1, today=a.today + 1)
            open_convs.append(agent_id)
            got[agent_id] += 1
            if rotated is not None:
                last[agents[i].team_id] = rotated
        if open_convs and rng.random() < len(open_convs) / settle:
            k = rng.randrange(len(open_convs))
            open_convs[k], open_convs[-1] = open_convs[-1], open_convs[k]
            i = pos[open_convs.pop()]
            agents[i] = dataclasses.replace(agents[i], load=agents[i].load - 1)
    return times, got, waited


def _by_route(config: dict[str, TeamRouting]) -> Chooser:
    def choose(arrival: Arrival, agents: list[AgentState], last: dict[str, int | None]) -> tuple[int | None, int | None]:
        d = route(arrival, config, agents, last)
        rot = d.rotation
        return d.agent_id, rot[1] if rot else None
    return choose


def _floor(arrival: Arrival, agents: list[AgentState], last: dict[str, int | None]) -> tuple[int | None, int | None]:
    team = arrival.team_id
    pool = [a for a in agents if a.team_id == team and a.presence == "online" and a.load < a.capacity]
    return (min(pool, key=lambda a: a.load).id if pool else None), None


def _ms(ns: float) -> float:
    return r(ns / 1e6, 4)


def run(quick: bool) -> dict[str, Any]:
    n = 2_000 if quick else 10_000
    rng = random.Random(SEED)
    agents = _agents(rng)
    arrivals = _arrivals(rng, n)
    online = [a.id for a in agents if a.presence == "online"]
    all_times: list[int] = []
    floor_times: list[int] = []
    spread: dict[str, dict[str, float]] = {}
    by_strategy: dict[str, dict[str, float]] = {}
    waited: dict[str, int] = {}
    team_spread: dict[str, float] = {}
    for s, strategy in enumerate(STRATEGIES):
        t = time.perf_counter()
        times, got, waits = _simulate(arrivals, agents, _by_route(_config(strategy)), SEED + s)
        ftimes, _, _ = _simulate(arrivals, agents, _floor, SEED + s)
        all_times += times
        floor_times += ftimes
        counts = [got[i] for i in online]
        spread[strategy] = {"min": min(counts), "max": max(counts), "stdev": r(statistics.pstdev(counts), 2)}
        # Rules and returning customers move work between teams; within a team is where strategies differ.
        team_spread[strategy] = r(statistics.mean(
            statistics.pstdev([got[a.id] for a in agents if a.team_id == team and a.presence == "online"])
            for team in TEAMS), 2)
        by_strategy[strategy] = {"p50_ms": _ms(pct(times, 50)), "p99_ms": _ms(pct(times, 99))}
        waited[strategy] = waits
        log(f"route {strategy}: {n} arrivals, p99 {pct(times, 99) / 1e3:.1f} µs (floor "
            f"{pct(ftimes, 99) / 1e3:.1f} µs), {waits} waited, {time.perf_counter() - t:.1f} s")
    return {
        "route_10k_p99_ms": _ms(pct(all_times, 99)),
        "route_10k_p50_ms": _ms(pct(all_times, 50)),
        "route_spread": spread,
        "route_10k_p99_ms_floor": _ms(pct(floor_times, 99)),
        "route_10k_p50_ms_floor": _ms(pct(floor_times, 50)),
        "route_by_strategy": by_strategy,
        "route_spread_within_team_stdev": team_spread,
        "route_waited": waited,
        "route_arrivals": n,
        "route_agents": len(agents),
        "route_agents_online": len(online),
        **_server_decide(rng, 300 if quick else 1000),
    }


def _server_decide(rng: random.Random, calls: int) -> dict[str, Any]:
    """The decision as the server makes it: team settings, agents' load and today's totals read from a
    real SQLite database (100 agents, 5,000 conversations, 10,000 assignments today), then route().
    Floor: the one aggregate query of open conversations per assignee, alone."""
    import sys
    import tempfile
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from cs_desk.domain.clock import utc_now_iso
    from cs_desk.domain.routing import Arrival
    from cs_desk.server import routing, schema
    from cs_desk.server.db import Database, sqlite_url

    with tempfile.TemporaryDirectory(prefix="csdesk-bench-route-") as d:
        db = Database(sqlite_url(Path(d)))
        db.create_schema()
        now = utc_now_iso()
        with db.write_tx() as conn:
            conn.execute(schema.teams.insert(), [{"id": t, "name": t, "name_en": t, "routing_strategy": "least_load"}
                                                 for t in TEAMS])
            conn.execute(schema.users.insert(), [{"id": i, "name": f"a{i}", "display_name": f"客服{i}",
                                                  "team_id": TEAMS[i % len(TEAMS)], "role": "agent",
                                                  "password_hash": "x", "capacity": rng.randint(3, 8),
                                                  "presence": "online" if rng.random() < 0.87 else "away",
                                                  "online_since": now, "created_at": now} for i in range(1, 101)])
            conn.execute(schema.customers.insert(), [{"id": i, "name": f"c{i}", "created_at": now, "updated_at": now}
                                                     for i in range(1, 2001)])
            conn.execute(schema.conversations.insert(), [
                {"id": i, "customer_id": rng.randint(1, 2000), "team_id": TEAMS[i % len(TEAMS)],
                 "assignee_id": rng.randint(1, 100) if rng.random() < 0.4 else None,
                 "status": "open" if rng.random() < 0.3 else "resolved", "channel": "web", "created_at": now,
                 "updated_at": now} for i in range(1, 5001)])
            conn.execute(schema.assignments.insert(), [
                {"conversation_id": rng.randint(1, 5000), "agent_id": rng.randint(1, 100), "team_id": "t0", "at": now,
                 "how": "route"} for _ in range(10_000)])
        times, floor = [], []
        with db.read_tx() as conn:
            for i in range(calls):
                a = Arrival(conversation_id=0, team_id=TEAMS[i % len(TEAMS)], channel="web",
                            previous_agent_id=routing.returning_agent(conn, rng.randint(1, 2000), 7))
                t = time.perf_counter_ns()
                routing.decide(conn, a)
                times.append(time.perf_counter_ns() - t)
                t = time.perf_counter_ns()
                conn.exec_driver_sql("SELECT assignee_id, count(*) FROM conversations WHERE assignee_id IS NOT NULL "
                                     "AND status != 'resolved' GROUP BY assignee_id").fetchall()
                floor.append(time.perf_counter_ns() - t)
        db.close()
    log(f"route on the server: {calls} decisions, p99 {pct(times, 99) / 1e6:.2f} ms (floor {pct(floor, 99) / 1e6:.2f} ms)")
    return {"route_server_p99_ms": _ms(pct(times, 99)), "route_server_p50_ms": _ms(pct(times, 50)),
            "route_server_p99_ms_floor": _ms(pct(floor, 99))}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 arrivals per strategy instead of 10,000")
    print(json.dumps(run(parser.parse_args().quick), indent=2, ensure_ascii=False))
