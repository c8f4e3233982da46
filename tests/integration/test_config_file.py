"""The deployment's TOML configuration: checked whole with line and key for every problem, applied
in one transaction (all or nothing), and reloaded live by a running server whose clients see the
change through the event log."""

import shutil
from pathlib import Path

import pytest

from cs_desk.server import config_apply, config_file
from cs_desk.server.config_file import ConfigError
from cs_desk.server.db import Database, sqlite_url
from cs_desk.server.fastsql import raw
from tests.helpers.seed import seed
from tests.integration.test_routing_live import conv, post

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "desk.toml"


def problems(text):
    with pytest.raises(ConfigError) as info:
        config_file.parse(text, "desk.toml")
    return [(p.line, ".".join(map(str, p.path)), p.message) for p in info.value.problems]


def test_the_example_file_is_valid():
    cfg = config_file.load(EXAMPLE)
    assert set(cfg.teams) == {"presales", "aftersales", "south"}
    assert cfg.teams["presales"].settings["sla_first_response_s"] == 30
    assert cfg.calendars["cn-office"]["hours"]["fri"] == [["09:00", "12:00"], ["13:00", "18:00"]]
    assert cfg.words.synonyms == {"退钱": "退款", "质量太烂": "质量问题"}


def test_every_problem_is_reported_with_its_line_and_key():
    text = """\
[teams.presales]
strategy = "fastest"
returning_days = -1
sla = { first_response_s = "soon" }
colour = "blue"

[[teams.presales.rules]]
field = "city"
value = ""

[agents.li]
capacity = 5000

[calendars.office]
hours = { mon-fri = ["18:00-09:00"] }

[[sla_policies]]
category = "billing"
first_response_s = 60
next_response_s = 60
resolution_s = 60
escalate = ["page_ceo"]

[words.business]
complaint = "质量问题"
"""
    got = problems(text)
    assert (2, "teams.presales.strategy",
            "must be one of round_robin, sequential, least_load, fill_up, manual") in got
    assert (3, "teams.presales.returning_days", "must be a whole number, 0 or more") in got
    assert (4, "teams.presales.sla.first_response_s", "must be a whole number, 0 or more") in got
    assert any(line == 5 and key == "teams.presales.colour" and m.startswith("unknown key") for line, key, m in got)
    assert any(line == 8 and key == "teams.presales.rules.0.field" for line, key, _m in got)
    assert any(line == 9 and key == "teams.presales.rules.0.value" for line, key, _m in got)
    assert any(key == "teams.presales.rules.0" and "exactly one of to_team or to_agent" in m for _l, key, m in got)
    assert (12, "agents.li.capacity", "must be a whole number from 0 to 1000") in got
    assert any(line == 15 and key == "calendars.office.hours" and "end after it starts" in m for line, key, m in got)
    assert any(line == 18 and key == "sla_policies.0.category" for line, key, _m in got)
    assert any(line == 22 and key == "sla_policies.0.escalate" for line, key, _m in got)
    assert (25, "words.business.complaint", "must be a list of words") in got


def test_broken_toml_names_the_line():
    assert problems('[teams.a]\nname = "售前\n') [0][0] == 2


def test_a_reference_only_the_database_can_check_rolls_everything_back(tmp_path):
    seed(tmp_path, conversations_per_team=1)
    db = Database(sqlite_url(tmp_path))
    cfg = config_file.parse('[teams.new]\nname = "新组"\n\n[teams.a]\noverflow_team = "nowhere"\n', "desk.toml")
    with pytest.raises(ConfigError) as info, db.write_tx() as c:
        config_apply.apply(c, cfg, "desk.toml")
    assert str(info.value) == "desk.toml:5: teams.a.overflow_team: no team 'nowhere'"
    with db.read_tx() as c:
        assert raw(c).scalar("SELECT count(*) FROM teams WHERE id = 'new'") == 0  # nothing half-applied
    db.close()


def test_applying_twice_changes_nothing_the_second_time(tmp_path):
    seed(tmp_path, conversations_per_team=1)
    db = Database(sqlite_url(tmp_path))
    text = EXAMPLE.read_text(encoding="utf-8").replace("[agents.zhangsan]", "[agents.alice]")
    cfg = config_file.parse(text, "desk.toml")
    with db.write_tx() as c:
        first = config_apply.apply(c, cfg)
    with db.read_tx() as c:
        head = raw(c).scalar("SELECT max(seq) FROM events")
    with db.write_tx() as c:
        config_apply.apply(c, cfg)
    with db.read_tx() as c:
        r = raw(c)
        assert first["teams"] == 3 and first["sla_policies"] == 2 and first["rules"] == 1
        assert r.scalar("SELECT routing_strategy FROM teams WHERE id = 'presales'") == "round_robin"
        assert r.scalar("SELECT capacity FROM users WHERE name = 'alice'") == 8
        assert r.scalar("SELECT count(*) FROM sla_policies") == 2
        assert r.scalar("SELECT count(*) FROM routing_rules WHERE team_id = 'presales'") == 1
        assert r.scalar("SELECT count(*) FROM sensitive_words") == 4
        # nothing changed: no event at all (word lists are compared, not rewritten)
        assert r.scalar("SELECT count(*) FROM events WHERE seq > ?", (head,)) == 0
    db.close()


async def test_a_running_server_reloads_the_file_and_clients_see_it(tmp_path, agents, srv):
    path = tmp_path / "desk.toml"
    path.write_text('[teams.a]\nsensitive_mode = "confirm"\n\n[teams.a.words]\nsensitive = ["最低价"]\n',
                    encoding="utf-8")
    from cs_desk.server.config_watch import ConfigWatcher

    watcher = ConfigWatcher(srv.running.app.db, srv.running.app.hub, path, every=3600)
    await watcher.reload()
    alice = await agents("alice")
    await alice.live()
    words = lambda: sorted(r[0] for r in alice.store.conn.execute("SELECT word FROM sensitive_words"))  # noqa: E731
    await alice.wait(lambda: words() == ["最低价"])

    assert not await watcher.check_once()  # unchanged: nothing to do
    path.write_text('[teams.a]\nsensitive_mode = "block"\n\n[teams.a.words]\nsensitive = ["全网最便宜"]\n',
                    encoding="utf-8")
    assert await watcher.check_once() and watcher.applied == 2  # what the poller does on a change
    await alice.wait(lambda: words() == ["全网最便宜"])
    await alice.wait(lambda: alice.store.conn.execute(
        "SELECT sensitive_mode FROM teams WHERE id = 'a'").fetchone()[0] == "block")

    path.write_text('[teams.a]\nsensitive_mode = "shout"\n', encoding="utf-8")  # a bad edit
    assert await watcher.check_once()  # logged, not raised: the poller keeps going
    assert watcher.applied == 2 and "desk.toml:2: teams.a.sensitive_mode: must be one of off" in str(watcher.last_error)
    with pytest.raises(ConfigError):
        await watcher.reload()
    # the last good configuration stays, and the server still serves
    res = await post(srv, "a", "还在吗", "cfg1")
    await alice.wait(lambda: conv(alice.store, res["conversation_id"]) is not None)
    assert words() == ["全网最便宜"]


async def test_serve_refuses_to_start_on_a_bad_file(tmp_path):
    from cs_desk.server.app import serve

    bad = tmp_path / "bad.toml"
    bad.write_text("[teams.x]\nstrategy = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml:2: teams.x.strategy"):
        async with serve(tmp_path / "data", config=bad):
            pass
    good = tmp_path / "good.toml"
    shutil.copy(EXAMPLE, good)
    good.write_text(good.read_text(encoding="utf-8").replace("[agents.zhangsan]\ncapacity = 8\nrank = 1\n", ""),
                    encoding="utf-8")
    async with serve(tmp_path / "data", config=good) as running:
        assert running.app.config_watcher.applied == 1
