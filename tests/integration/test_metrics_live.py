"""The metrics query against a real server: a lead reads their team's figures, computed from the
event log as work happens; an agent, or a lead asking about another team, is refused; bad questions
get a clear answer and the connection goes on."""

from datetime import UTC, datetime

from cs_desk.ops import actions
from cs_desk.server import auth
from cs_desk.store import queries
from tests.helpers.seed import PASSWORD
from tests.integration.test_routing_live import conv


def results(agent):
    got = []
    agent.engine.listeners.append(lambda what, p: got.append(p) if what == "result" else None)
    return got


async def ask(agent, got, args, q="metrics"):
    qid = agent.client.send_query(q, args)
    assert qid is not None
    await agent.wait(lambda: any(r["id"] == qid for r in got))
    return next(r for r in got if r["id"] == qid)


async def test_a_lead_reads_the_team_figures_as_work_happens(srv, agents):
    alice, lena = await agents("alice"), await agents("lena")
    await alice.live()
    await lena.live()
    got = results(lena)
    first = await ask(lena, got, {"range": "today"})
    assert first["ok"], first
    t = first["data"]["total"]
    assert t["conversations"] == 3 and t["resolution"]["n"] == 0 and t["first_response"]["n"] == 0

    cid = srv.world.convs["a"][0]
    await alice.wait(lambda: conv(alice.store, cid) is not None)
    actions.claim(alice.store, cid)
    actions.send_reply(alice.store, cid, "您好，马上为您查询")
    actions.resolve(alice.store, cid)
    alice.client.outbox_changed()
    await alice.synced()
    await lena.wait(lambda: queries.conversation(lena.store.conn, cid)["status"] == "resolved")

    r = await ask(lena, got, {"range": "7d", "by": "agent"})
    assert r["ok"], r
    t = r["data"]["total"]
    assert (t["conversations"], t["first_response"]["n"], t["resolution"]["n"], t["fcr"]["k"]) == (3, 1, 1, 1)
    assert t["resolution_rate"]["k"] == 1
    alice_id = srv.world.users["alice"]
    by_agent = {g["key"]: g for g in r["data"]["groups"]}
    assert by_agent[alice_id]["resolution"]["n"] == 1
    assert r["data"]["agents"][str(alice_id)] == "Alice"
    assert str(srv.world.users["carol"]) not in r["data"]["agents"]  # another team's people stay out


async def test_agents_and_other_teams_are_refused(srv, agents):
    alice, lena, carol = await agents("alice"), await agents("lena"), await agents("carol")
    for a in (alice, lena, carol):
        await a.live()
    for agent in (alice, carol):
        r = await ask(agent, results(agent), {"range": "today"})
        assert (r["ok"], r["code"]) == (False, "forbidden") and "team leads" in r["message"]
        assert "data" not in r
    got = results(lena)
    r = await ask(lena, got, {"range": "today", "team": "b"})
    assert (r["ok"], r["code"]) == (False, "forbidden")
    r = await ask(lena, got, {"range": "today", "by": "agent"})  # her own team still answers
    assert r["ok"]


async def test_an_admin_reads_every_team(srv, agents):
    root = await agents("root")
    await root.live()
    r = await ask(root, results(root), {"range": "30d", "by": "team"})
    assert r["ok"]
    assert {g["key"]: g["conversations"] for g in r["data"]["groups"]} == {"a": 3, "b": 3}


async def test_bad_questions_get_clear_answers(srv, agents):
    lena = await agents("lena")
    await lena.live()
    got = results(lena)
    for args, words in (({"range": "year"}, "range"), ({"range": "custom"}, "start and end"),
                        ({"range": "custom", "start": "yesterday", "end": "today"}, "ISO-8601"),
                        ({"range": "custom", "start": "2026-12-02T00:00:00Z", "end": "2026-12-01T00:00:00Z"},
                         "end after it starts"),
                        ({"by": "colour"}, "by"), ({"range": "today", "extra": 1}, "extra")):
        r = await ask(lena, got, args)
        assert (r["ok"], r["code"]) == (False, "invalid"), (args, r)
        assert words in r["message"], (args, r)
    # a malformed frame: no readable id, still an answer, and the connection goes on
    ws_frames = []
    lena.client.on_frame_sent = ws_frames.append
    made = lena.engine.query_frame("metrics", {})
    assert made is not None
    bad = made[1].replace('"q":"metrics"', '"q":"secrets"')
    await lena.client._ws.send(bad)
    await lena.wait(lambda: any(r["id"] == made[0] and not r["ok"] for r in got))
    assert next(r for r in got if r["id"] == made[0])["code"] == "bad_frame"
    r = await ask(lena, got, {"range": "today"})
    assert r["ok"]


async def test_a_new_process_starts_from_the_snapshot(srv, agents, monkeypatch):
    from cs_desk.server import metrics as metrics_mod
    from cs_desk.server.metrics import MetricsService

    app = srv.running.app
    lena = await agents("lena")
    await lena.live()
    assert (await ask(lena, results(lena), {"range": "7d", "by": "channel"}))["ok"]
    lead = await app.db.read(auth.check_password, "lena", PASSWORD)
    now = datetime.now(UTC)
    first = await app.db.read(app.metrics.query, lead, {"range": "7d", "by": "channel"}, now)
    monkeypatch.setattr(metrics_mod, "SNAPSHOT_EVERY", 1)
    seq = await app.metrics_snapshots.run_once()
    assert seq is not None and seq == app.metrics.cursor
    assert await app.metrics_snapshots.run_once() is None  # nothing new since

    other = MetricsService()  # another server process on the same database
    await other.read(app.db, other.start)
    assert other.saved_seq == seq and other.cursor >= seq
    again = await other.read(app.db, other.query, lead, {"range": "7d", "by": "channel"}, now)
    other.close()
    assert again["total"] == first["total"] and again["groups"] == first["groups"]


async def test_questions_are_spaced_not_refused(srv, agents, monkeypatch):
    import time

    from cs_desk.server import session

    monkeypatch.setattr(session, "QUERY_SPACING_S", 0.2)
    lena = await agents("lena")
    await lena.live()
    got = results(lena)
    t = time.monotonic()
    ids = [lena.client.send_query("metrics", {"range": "today"}) for _ in range(4)]
    await lena.wait(lambda: {r["id"] for r in got} >= set(ids))
    assert all(r["ok"] for r in got)  # all answered…
    assert time.monotonic() - t >= 3 * 0.2  # …a fifth of a second apart at least


async def test_a_failing_computation_is_an_answer_not_a_dropped_session(srv, agents, monkeypatch):
    from cs_desk.server import metrics as metrics_mod

    lena = await agents("lena")
    await lena.live()
    got = results(lena)

    def broken(*_a, **_k):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(metrics_mod, "report", broken)
    r = await ask(lena, got, {"range": "today"})
    assert (r["ok"], r["code"]) == (False, "internal") and "log" in r["message"]
    monkeypatch.undo()
    assert (await ask(lena, got, {"range": "today"}))["ok"]  # same connection, still live
    assert lena.client.connections == 1
