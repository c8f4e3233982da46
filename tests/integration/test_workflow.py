"""Service workflow against a real server: transfers with a reason, presence, colleagues' activity,
sensitive words blocked by team setting, SLA deadlines synced, and an old data directory upgraded."""

import asyncio
import sqlite3

from cs_desk.domain.clock import parse_iso
from cs_desk.ops import actions
from cs_desk.server import eventlog, teams
from cs_desk.server.db import Database, sqlite_url
from cs_desk.store import queries


async def _wake(srv) -> None:
    """Rows written outside a mutation (admin changes) reach clients when the hub learns the new head,
    as a LISTEN/NOTIFY hint would tell it."""
    srv.running.app.hub.notify_head(await srv.running.app.db.read(eventlog.head))


async def test_transfer_to_a_colleague_and_to_another_team(srv, agents):
    alice, bob, carol = await agents("alice"), await agents("bob"), await agents("carol")
    for a in (alice, bob, carol):
        await a.live()
    conv = srv.world.convs["a"][0]
    actions.claim(alice.store, conv)
    actions.send_reply(alice.store, conv, "您好，我先帮您看一下")
    actions.transfer(alice.store, conv, srv.world.users["alice"], "需要售后处理退款", to_agent_id=srv.world.users["bob"])
    alice.client.outbox_changed()
    await alice.synced()
    await bob.wait(lambda: (c := queries.conversation(bob.store.conn, conv)) is not None
                   and c["assignee_id"] == srv.world.users["bob"])
    sys_msgs = [m for m in queries.messages(bob.store.conn, conv) if m["kind"] == "system"]
    assert sys_msgs and "需要售后处理退款" in sys_msgs[-1]["body"]
    assert '"event":"transfer"' in sys_msgs[-1]["meta"].replace(" ", "")

    # alice no longer owns it: she may not pass it on again
    actions.transfer(alice.store, conv, srv.world.users["bob"], "再转一次", to_team_id="b")
    alice.client.outbox_changed()
    await alice.synced()
    assert queries.notices(alice.store.conn)[-1]["code"] == "forbidden"

    # bob moves it to team b: carol gets the whole history, team a loses it
    actions.transfer(bob.store, conv, srv.world.users["bob"], "转投诉组", to_team_id="b")
    bob.client.outbox_changed()
    await bob.synced()
    await carol.wait(lambda: (c := queries.conversation(carol.store.conn, conv)) is not None
                     and c["team_id"] == "b" and c["assignee_id"] is None)
    await carol.wait(lambda: len(queries.messages(carol.store.conn, conv)) >= 4)
    bodies = [m["body"] for m in queries.messages(carol.store.conn, conv)]
    assert "您好，我先帮您看一下" in bodies and any("转投诉组" in b for b in bodies)
    cust = queries.conversation(carol.store.conn, conv)["customer_id"]
    assert queries.customer(carol.store.conn, cust) is not None
    await alice.wait(lambda: queries.conversation(alice.store.conn, conv) is None)
    assert queries.messages(alice.store.conn, conv) == []


async def test_transfer_needs_a_reason_and_a_target(srv, agents):
    alice = await agents("alice")
    await alice.live()
    conv = srv.world.convs["a"][1]
    for kwargs in ({"reason": " ", "to_team_id": "b"}, {"reason": "x"}, {"reason": "x", "to_team_id": "b",
                                                                        "to_agent_id": 1}):
        try:
            actions.transfer(alice.store, conv, None, **kwargs)
        except actions.InvalidAction:
            continue
        raise AssertionError(f"accepted {kwargs}")
    assert alice.store.outbox_count() == 0


async def test_presence_follows_choice_and_connection(srv, agents):
    srv.running.app.presence.grace = 0.05
    alice, bob = await agents("alice"), await agents("bob")
    await alice.live()
    await bob.live()
    uid = srv.world.users["bob"]

    def presence(store, user_id):
        row = store.conn.execute("SELECT presence FROM agents WHERE id=?", (user_id,)).fetchone()
        return row and row[0]

    await alice.wait(lambda: presence(alice.store, uid) == "online")
    actions.set_presence(bob.store, "away")
    assert presence(bob.store, uid) == "away"  # optimistic
    bob.client.outbox_changed()
    await alice.wait(lambda: presence(alice.store, uid) == "away")
    await bob.stop()
    await alice.wait(lambda: presence(alice.store, uid) == "offline")
    bob2 = await agents("bob", name="bob-again")
    await bob2.live()
    await alice.wait(lambda: presence(alice.store, uid) == "away")  # the choice comes back


async def test_colleagues_see_who_views_and_types_other_teams_do_not(srv, agents):
    alice, bob, carol = await agents("alice"), await agents("bob"), await agents("carol")
    for a in (alice, bob, carol):
        await a.live()
    seen: dict[str, list[dict]] = {"bob": [], "carol": []}
    bob.engine.listeners.append(lambda what, p: what == "activity" and seen["bob"].append(p))
    carol.engine.listeners.append(lambda what, p: what == "activity" and seen["carol"].append(p))
    errors: list[dict] = []
    carol.engine.listeners.append(lambda what, p: what == "error" and errors.append(p))
    conv = srv.world.convs["a"][2]
    alice.client.send_activity(conv, "typing")
    await bob.wait(lambda: any(p["state"] == "typing" and p["conversation_id"] == conv for p in seen["bob"]))
    assert seen["bob"][-1]["user_id"] == srv.world.users["alice"] and seen["bob"][-1]["name"] == "Alice"
    carol.client.send_activity(conv, "viewing")  # not her team's conversation
    await carol.wait(lambda: errors != [])
    assert errors[-1]["code"] == "forbidden"
    # a late joiner is told at once; a closed socket turns into "idle"
    lena = await agents("lena")
    got: list[dict] = []
    lena.engine.listeners.append(lambda what, p: what == "activity" and got.append(p))
    await lena.live()
    await lena.wait(lambda: any(p["user_id"] == srv.world.users["alice"] for p in got))
    await alice.stop()
    await bob.wait(lambda: seen["bob"][-1]["state"] == "idle")
    assert seen["carol"] == []


async def test_sensitive_words_block_or_pass_by_team_mode(srv, agents):
    await srv.running.app.db.write(teams.add_sensitive_word, "最低价")
    await srv.running.app.db.write(lambda c: teams.set_team(c, "a", sensitive_mode="block"))
    alice = await agents("alice")  # connects after the change: its snapshot carries the list
    await alice.live()
    assert [r[0] for r in alice.store.conn.execute("SELECT word FROM sensitive_words")] == ["最低价"]
    assert alice.store.conn.execute("SELECT sensitive_mode FROM teams WHERE id='a'").fetchone()[0] == "block"
    conv = srv.world.convs["a"][0]
    blocked, _ = actions.send_reply(alice.store, conv, "这是全网最\u200b低价哦")
    fine, _ = actions.send_reply(alice.store, conv, "这是优惠价")
    note, _ = actions.add_note(alice.store, conv, "客户问是不是最低价")  # notes stay inside the team
    alice.client.outbox_changed()
    await alice.synced()
    states = {r["id"]: (r["state"], r["error"]) for r in queries.messages(alice.store.conn, conv)}
    assert states[blocked][0] == "failed" and "最低价" in states[blocked][1]
    assert states[fine] == ("sent", None) and states[note] == ("sent", None)


async def test_sla_deadline_comes_from_the_server_and_follows_the_policy(srv, agents):
    alice = await agents("alice")
    await alice.live()
    conv = srv.world.convs["a"][0]
    c = queries.conversation(alice.store.conn, conv)
    assert c["sla_kind"] == "first_response"
    assert (parse_iso(c["sla_due_at"]) - parse_iso(c["created_at"])).total_seconds() == 24 * 3600
    n = await srv.running.app.db.write(lambda con: teams.set_team(con, "a", sla_first_response_s=30))
    assert n == 3
    await _wake(srv)
    await alice.wait(lambda: queries.conversation(alice.store.conn, conv)["sla_due_at"] != c["sla_due_at"])
    c2 = queries.conversation(alice.store.conn, conv)
    assert (parse_iso(c2["sla_due_at"]) - parse_iso(c2["created_at"])).total_seconds() == 30
    actions.send_reply(alice.store, conv, "您好")
    alice.client.outbox_changed()
    await alice.wait(lambda: queries.conversation(alice.store.conn, conv)["sla_kind"] == "resolution")
    assert abs(alice.store.clock_offset()) < 5


def test_an_older_data_directory_gets_the_new_columns(tmp_path):
    from cs_desk.server import migrate

    data = tmp_path / "old"
    data.mkdir()
    db = Database(sqlite_url(data))
    db.create_schema()
    db.close()
    con = sqlite3.connect(data / "server.sqlite3")
    for table, col in (("conversations", "sla_due_at"), ("users", "presence"), ("teams", "sensitive_mode"),
                       ("messages", "meta")):
        con.execute(f"ALTER TABLE {table} DROP COLUMN {col}")
    con.execute("DROP TABLE alembic_version")  # data directories of before migrations had none…
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if name not in migrate.BASELINE_TABLES and not name.startswith("sqlite_"):
            con.execute(f"DROP TABLE {name}")  # …nor the tables of later migrations
    con.commit()
    con.close()
    db = Database(sqlite_url(data))
    db.create_schema()
    db.close()
    con = sqlite3.connect(data / "server.sqlite3")
    cols = {t: {r[1] for r in con.execute(f"PRAGMA table_info({t})")} for t in ("conversations", "users", "teams",
                                                                                 "messages")}
    assert "sla_due_at" in cols["conversations"] and "presence" in cols["users"]
    assert "sensitive_mode" in cols["teams"] and "meta" in cols["messages"]
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head_revision()
    con.close()


async def test_welcome_carries_server_time(srv, agents):
    alice = await agents("alice")
    await alice.live()
    await asyncio.sleep(0)
    assert abs(alice.store.clock_offset()) < 5


async def test_revoked_or_disabled_sessions_end_while_live(srv, agents):
    from cs_desk.server import auth
    from cs_desk.sync.engine import State

    alice, bob = await agents("alice"), await agents("bob")
    await alice.live()
    await bob.live()
    await srv.running.app.db.write(auth.revoke_tokens, "alice")
    assert await srv.running.app.revocations.check() == 1
    # alice's client drops the dead token and, with no password kept, waits for a new login
    await alice.wait(lambda: alice.engine.state is State.AUTH_FAILED)
    assert bob.engine.state is State.LIVE
    await srv.running.app.db.write(auth.disable_user, "bob")
    assert await srv.running.app.revocations.check() == 1
    await bob.wait(lambda: bob.engine.state is State.AUTH_FAILED)
    assert await srv.running.app.revocations.check() == 0


async def test_the_server_database_is_readable_by_its_owner_only(srv, agents):
    import stat

    alice = await agents("alice")
    await alice.live()  # the server has written: -wal and -shm exist too
    files = [f for f in srv.data.iterdir() if f.name.startswith("server.sqlite3")]
    assert files
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f


async def test_password_guessing_is_throttled_tokens_are_not(srv, agents, tmp_path):
    from cs_desk.protocol import constants as C
    from tests.helpers.fixtures import make_agent

    alice = await agents("alice")  # logged in before the attack: keeps a token
    await alice.live()
    for i in range(5):
        guess = make_agent(srv.url, tmp_path / f"g{i}.sqlite3", "bob", password=f"guess-{i}")
        errors: list[dict] = []
        guess.engine.listeners.append(lambda what, p, errors=errors: what == "error" and errors.append(p))
        await guess.start()
        await guess.wait(lambda errors=errors: errors != [])
        assert errors[0]["code"] == C.E_AUTH
        await guess.stop()
    right = make_agent(srv.url, tmp_path / "right.sqlite3", "bob")  # the right password, too late
    errors = []
    right.engine.listeners.append(lambda what, p: what == "error" and errors.append(p))
    await right.start()
    await right.wait(lambda: errors != [])
    assert errors[0]["code"] == C.E_AUTH_THROTTLED and "try again in" in errors[0]["message"]
    await right.stop()
    await alice.stop()
    again = make_agent(srv.url, tmp_path / "alice.sqlite3", tokens=alice.engine.tokens)  # token login
    await again.start()
    await again.live()
    await again.stop()
