"""The customer simulator against a real server, through the public channels only."""

import asyncio

import pytest

from cs_desk.ops import actions
from cs_desk.server import visitors
from cs_desk.server.simulator import SCENARIOS, Simulator, parse_duration, parse_rate
from tests.integration.test_routing_live import conv


def test_rates_and_durations():
    assert parse_rate("2/s") == 2 and parse_rate("30/m") == 0.5 and parse_rate("0.5") == 0.5
    assert parse_duration("10m") == 600 and parse_duration("90s") == 90 and parse_duration("1h") == 3600
    for bad in ("fast", "0/s", "-1"):
        with pytest.raises(ValueError, match="a rate looks like"):
            parse_rate(bad)


async def test_customers_arrive_through_the_api_and_rate_what_is_resolved(srv, agents):
    sim = Simulator(srv.running.http, srv.world.keys["a"], seed=7)
    stats = await sim.run(rate=1000, count=12)
    assert stats.messages == 12 and stats.errors == 0 and stats.customers >= 8
    bodies = await srv.running.app.db.read(lambda c: [r[0] for r in c.exec_driver_sql(
        "SELECT body FROM messages WHERE author_kind = 'customer' AND id IN "
        "(SELECT id FROM messages ORDER BY created_at DESC LIMIT 12)")])
    known = {line for lines in SCENARIOS.values() for line in lines}
    assert any(b in known for b in bodies)
    first = next(c for c in sim.customers if c.conversation_id)
    alice = await agents("lena")  # a lead may resolve any
    await alice.live()
    await alice.wait(lambda: conv(alice.store, first.conversation_id) is not None)
    actions.resolve(alice.store, first.conversation_id)
    alice.client.outbox_changed()
    await alice.wait(lambda: conv(alice.store, first.conversation_id)["survey_sent_at"] is not None)
    assert await asyncio.to_thread(sim.answer_surveys) == 1  # (the server runs on this loop)
    await alice.wait(lambda: conv(alice.store, first.conversation_id)["csat_score"] is not None)


async def test_web_chat_visitors_too(srv):
    wid = await srv.running.app.db.write(lambda c: visitors.add_widget(c, "a"))
    sim = Simulator(srv.running.http, srv.world.keys["a"], widget=wid, seed=3)
    await sim.chat(linger=0)
    assert sim.stats.widget_messages == 1 and sim.stats.errors == 0
