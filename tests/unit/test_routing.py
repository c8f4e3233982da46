"""Assignment rules (分配规则): who gets a new conversation, and the explanation of why."""

import json
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_desk.domain.routing import (
    RULE_FIELDS,
    RULE_OPS,
    STRATEGIES,
    AgentState,
    Arrival,
    Decision,
    Rule,
    Step,
    TeamRouting,
    choose_agent,
    has_room,
    match_rules,
    overflow_due,
    parse_strategy,
    queue_position,
    route,
    team_routing_from_dict,
    team_routing_to_dict,
    validate_rule,
    validate_team_routing,
)

FAST = settings(max_examples=30, deadline=None)
TEAMS = ("north", "south", "vip")
NAMES = ("张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "Ann")
TIMES = ("2026-12-01T08:00:00.000000Z", "2026-12-01T08:05:00.000000Z", "2026-12-01T09:00:00.000000Z", None)


def agent(id: int, team: str = "south", presence: str = "online", capacity: int = 5, load: int = 0,
          today: int = 0, since: str | None = TIMES[0], rank: int = 0, name: str | None = None) -> AgentState:
    return AgentState(id, name or NAMES[id % len(NAMES)], team, presence, capacity, load, today, since, rank)


@st.composite
def agent_lists(draw, min_size: int = 0, max_size: int = 7, teams: tuple[str, ...] = TEAMS) -> list[AgentState]:
    n = draw(st.integers(min_size, max_size))
    ids = draw(st.permutations(range(1, 11)))[:n]
    return [AgentState(i, NAMES[i % len(NAMES)], draw(st.sampled_from(teams)),
                       draw(st.sampled_from(("online", "online", "away", "offline"))),
                       draw(st.integers(0, 4)), draw(st.integers(0, 5)), draw(st.integers(0, 9)),
                       draw(st.sampled_from(TIMES)), draw(st.integers(0, 3))) for i in ids]


VALUES = ("广东", "退款", "vip", "ＶＩＰ", "/sale", "wechat", "web")
rules_st = st.builds(
    Rule, st.sampled_from(RULE_FIELDS), st.sampled_from(RULE_OPS), st.sampled_from(VALUES),
    st.sampled_from(TEAMS), st.none(),
) | st.builds(
    Rule, st.sampled_from(RULE_FIELDS), st.sampled_from(RULE_OPS), st.sampled_from(VALUES),
    st.none(), st.integers(1, 11),
)
fact_st = st.sampled_from(("", "广东", "广东省", "我要退款", "VIP", " vip ", "/sale/2026", "wechat", "web"))
arrivals_st = st.builds(
    Arrival, st.integers(1, 1000), st.sampled_from(TEAMS), fact_st, fact_st, fact_st, fact_st, fact_st,
    st.none() | st.integers(1, 11),
)
configs_st = st.dictionaries(st.sampled_from(TEAMS), st.builds(
    TeamRouting, st.sampled_from(STRATEGIES), st.booleans(), st.lists(rules_st, max_size=4).map(tuple)))
pointers_st = st.dictionaries(st.sampled_from(TEAMS), st.none() | st.integers(1, 11))


def _by_id(agents: list[AgentState]) -> dict[int, AgentState]:
    return {a.id: a for a in agents}


def _eligible(team: str, agents: list[AgentState]) -> list[AgentState]:
    return [a for a in agents if a.team_id == team and a.presence == "online" and a.load < a.capacity]


# --- invariants over random worlds -------------------------------------------------------------------


@FAST
@given(arrivals_st, configs_st, agent_lists(), pointers_st)
def test_the_chosen_agent_is_online_with_room_in_the_decided_team(arrival, config, agents, pointers):
    d = route(arrival, config, agents, pointers)
    assert d.steps and all(s.kind in ("rule", "returning", "strategy", "no_agent", "agent_rule") for s in d.steps)
    if d.agent_id is None:
        assert d.steps[-1].kind == "no_agent"
        assert _eligible(d.team_id, agents) == []
    else:
        a = _by_id(agents)[d.agent_id]
        assert a.team_id == d.team_id and a.presence == "online" and a.capacity > 0 and a.load < a.capacity
        assert a.name in d.text
    # The explanation names the rule that fired, and survives the trip to the client as JSON.
    rule_steps = [s for s in d.steps if s.kind == "rule"]
    assert len(rule_steps) <= 1
    if rule_steps:
        r = rule_steps[0].detail
        assert d.text.startswith(f"rule {r['field']}") and r["value"] in d.text
    assert json.loads(json.dumps(d.as_dict(), ensure_ascii=False)) == d.as_dict()


@FAST
@given(st.sampled_from(STRATEGIES), agent_lists(max_size=8, teams=("south", "north")), st.none() | st.integers(1, 11))
def test_each_strategy_picks_by_its_own_measure(strategy, agents, last):
    chosen, step = choose_agent("south", strategy, agents, last)
    pool = _eligible("south", agents)
    if not pool:
        assert chosen is None and step.kind == "no_agent"
        return
    assert chosen in pool and step.kind == "strategy" and step.detail["agent_id"] == chosen.id
    if strategy == "least_load":
        assert chosen.load == min(a.load for a in pool)
        # Among equal loads the lower load/capacity ratio wins (compared exactly, by cross-multiplying).
        assert all(chosen.load * a.capacity <= a.load * chosen.capacity for a in pool if a.load == chosen.load)
    elif strategy == "fill_up":
        assert chosen.today == min(a.today for a in pool)
    elif strategy == "sequential":
        assert (chosen.rank, chosen.id) == min((a.rank, a.id) for a in pool)


@FAST
@given(agent_lists(min_size=1, max_size=8, teams=("south", "north")), st.none() | st.integers(1, 11))
def test_round_robin_gives_each_eligible_agent_exactly_one_turn(agents, start):
    pool = _eligible("south", agents)
    last = start
    got = []
    for _ in range(len(pool)):
        chosen, _step = choose_agent("south", "round_robin", agents, last)
        assert chosen is not None
        got.append(chosen.id)
        last = chosen.id
    assert sorted(got) == sorted(a.id for a in pool)


@FAST
@given(agent_lists(min_size=2, max_size=8, teams=("south",)))
def test_round_robin_follows_the_order_of_coming_online(agents):
    pool = _eligible("south", agents)
    order = sorted(pool, key=lambda a: (a.online_since is None, a.online_since or "", a.id))
    first, _ = choose_agent("south", "round_robin", agents, None)
    assert (first is None) == (not order)
    if order:
        assert first == order[0]
        nxt, _ = choose_agent("south", "round_robin", agents, order[-1].id)
        assert nxt == order[0]  # wraps


@FAST
@given(arrivals_st, agent_lists(), st.sampled_from(STRATEGIES), st.booleans())
def test_returning_customer_goes_back_exactly_when_their_agent_is_eligible(arrival, agents, strategy, first):
    config = {t: TeamRouting(strategy, returning_first=first) for t in TEAMS}
    d = route(arrival, config, agents, {})
    prev = _by_id(agents).get(arrival.previous_agent_id) if arrival.previous_agent_id else None
    ok = prev is not None and prev.team_id == d.team_id and has_room(prev)
    if first and ok:
        assert d.agent_id == prev.id and d.steps[-1].kind == "returning" and prev.name in d.text
    else:
        assert all(s.kind != "returning" for s in d.steps)
        if prev is not None and not ok:
            assert d.agent_id != prev.id


def _oracle(arrival: Arrival, rule: Rule) -> bool:
    def n(s: str) -> str:
        return unicodedata.normalize("NFKC", s).casefold().strip()

    fact, want = n(getattr(arrival, rule.field)), n(rule.value)
    if not fact or not want:
        return False
    return {"equals": fact == want, "contains": want in fact, "prefix": fact.startswith(want)}[rule.op]


@FAST
@given(arrivals_st, st.lists(rules_st, max_size=6))
def test_rules_are_tried_in_order_and_the_first_match_wins(arrival, rules):
    rule, step = match_rules(arrival, tuple(rules))
    hits = [i for i, r in enumerate(rules) if _oracle(arrival, r)]
    if not hits:
        assert (rule, step) == (None, None)
    else:
        assert rule is rules[hits[0]] and step is not None and step.detail["index"] == hits[0]


@FAST
@given(agent_lists(), st.sampled_from(STRATEGIES))
def test_a_team_rule_does_not_chain_into_the_target_teams_rules(agents, strategy):
    # north sends everything from the web to south; south would send it back: no loop, south decides.
    a = Arrival(1, "north", "web")
    config = {"north": TeamRouting(strategy, rules=(Rule("channel", "equals", "web", to_team="south"),)),
              "south": TeamRouting(strategy, rules=(Rule("channel", "equals", "web", to_team="north"),))}
    d = route(a, config, agents, {})
    assert d.team_id == "south" and [s.kind for s in d.steps][0] == "rule"


@FAST
@given(st.sampled_from(STRATEGIES), agent_lists(max_size=6))
def test_nobody_eligible_means_the_queue(strategy, agents):
    tired = [AgentState(a.id, a.name, a.team_id, a.presence, a.capacity, a.capacity, a.today, a.online_since)
             for a in agents]
    d = route(Arrival(1, "south", "web", previous_agent_id=tired[0].id if tired else None),
              {"south": TeamRouting(strategy)}, tired, {})
    assert d == Decision("south", None, (Step("no_agent", {"reason": "nobody online with room",
                                                           "team_id": "south"}),))
    assert "waits in the queue" in d.text


# --- examples ------------------------------------------------------------------------------------------


def test_the_example_explanation():
    agents = [agent(3, name="张三", load=1, capacity=5), agent(4, name="李四", load=2, capacity=5),
              agent(5, name="王五", team="north")]
    cfg = {"north": TeamRouting(rules=(Rule("region", "equals", "广东", to_team="south"),))}
    d = route(Arrival(9, "north", "web", region="广东"), cfg, agents, {})
    assert (d.team_id, d.agent_id) == ("south", 3)
    assert d.text == "rule region=广东 → team south; least load: 张三 had 1 of 5"
    assert d.steps[0].detail == {"index": 0, "field": "region", "op": "equals", "value": "广东", "to_team": "south"}
    assert d.steps[1].detail["agent"] == "张三" and d.steps[1].detail["capacity"] == 5


@pytest.mark.parametrize(("rule", "arrival", "hit"), [
    (Rule("region", "equals", "广东", to_team="south"), Arrival(1, "t", "web", region=" 广东 "), True),
    (Rule("region", "equals", "广东", to_team="south"), Arrival(1, "t", "web", region="广东省"), False),
    (Rule("region", "prefix", "广东", to_team="south"), Arrival(1, "t", "web", region="广东省深圳市"), True),
    (Rule("source_keyword", "contains", "退款", to_team="after"), Arrival(1, "t", "web", source_keyword="怎么退款"), True),
    (Rule("source_keyword", "contains", "退款", to_team="after"), Arrival(1, "t", "web", source_keyword="退货"), False),
    (Rule("source_keyword", "equals", "ＶＩＰ", to_team="vip"), Arrival(1, "t", "web", source_keyword="vip"), True),
    (Rule("source_keyword", "equals", "vip", to_team="vip"), Arrival(1, "t", "web", source_keyword="ＶＩＰ"), True),
    (Rule("source_keyword", "equals", "Vip", to_team="vip"), Arrival(1, "t", "web", source_keyword="VIP\u3000"), True),
    (Rule("landing_page", "prefix", "/Sale", to_team="pre"), Arrival(1, "t", "web", landing_page="/sale/11-11"), True),
    (Rule("landing_page", "prefix", "/sale", to_team="pre"), Arrival(1, "t", "web", landing_page="/x/sale"), False),
    (Rule("channel", "equals", "WeChat", to_agent=3), Arrival(1, "t", "wechat"), True),
    (Rule("origin_page", "contains", "", to_team="pre"), Arrival(1, "t", "web", origin_page="/a"), False),
    (Rule("region", "equals", "广东", to_team="south"), Arrival(1, "t", "web"), False),
    (Rule("nonsense", "equals", "x", to_team="south"), Arrival(1, "t", "web"), False),
])
def test_rule_matching(rule, arrival, hit):
    got, step = match_rules(arrival, (rule,))
    assert (got is rule) is hit and (step is not None) is hit


def test_first_matching_rule_wins_over_later_ones():
    rules = (Rule("region", "equals", "北京", to_team="north"), Rule("source_keyword", "contains", "退款", to_team="after"),
             Rule("region", "prefix", "广", to_team="south"))
    rule, step = match_rules(Arrival(1, "t", "web", region="广东", source_keyword="退款进度"), rules)
    assert rule is rules[1] and step is not None and step.detail["index"] == 1


def test_a_rule_to_one_agent_assigns_them_when_they_have_room():
    agents = [agent(3, name="张三", load=4, capacity=5), agent(4, name="李四")]
    cfg = {"south": TeamRouting(rules=(Rule("source_keyword", "equals", "ＶＩＰ", to_agent=3),))}
    d = route(Arrival(1, "south", "web", source_keyword="vip"), cfg, agents, {})
    assert (d.team_id, d.agent_id) == ("south", 3)
    assert [s.kind for s in d.steps] == ["rule", "agent_rule"]
    assert d.text == "rule source_keyword=ＶＩＰ → agent 张三; 张三 had 4 of 5"


@pytest.mark.parametrize(("target", "reason", "words"), [
    (agent(3, name="张三", team="vip", load=5), "full", "张三 is full"),
    (agent(3, name="张三", team="vip", presence="away"), "away", "张三 is away"),
    (agent(3, name="张三", team="vip", capacity=0), "no_capacity", "张三 takes no conversations"),
])
def test_a_rule_to_an_unavailable_agent_falls_back_to_their_team(target, reason, words):
    agents = [target, agent(4, name="李四", team="vip", load=2), agent(5, name="王五", team="south")]
    cfg = {"south": TeamRouting(rules=(Rule("region", "equals", "广东", to_agent=3),)),
           "vip": TeamRouting(strategy="sequential")}
    d = route(Arrival(1, "south", "web", region="广东"), cfg, agents, {})
    assert (d.team_id, d.agent_id) == ("vip", 4)
    assert [s.kind for s in d.steps] == ["rule", "agent_rule", "strategy"]
    assert d.steps[1].detail["reason"] == reason and d.steps[1].detail["assigned"] is False
    assert words in d.text and "so team vip decides" in d.text and "李四" in d.text


def test_a_rule_to_an_unknown_agent_falls_back_to_the_arrivals_team():
    cfg = {"south": TeamRouting(rules=(Rule("region", "equals", "广东", to_agent=99),))}
    d = route(Arrival(1, "south", "web", region="广东"), cfg, [agent(4, name="李四")], {})
    assert (d.team_id, d.agent_id) == ("south", 4)
    assert "agent #99" in d.text and "is not available" in d.text


def test_returning_customer_beats_the_strategy_but_not_a_rule():
    agents = [agent(3, name="张三", load=3), agent(4, name="李四"), agent(5, name="王五", team="vip")]
    d = route(Arrival(1, "south", "web", previous_agent_id=3), {}, agents, {})
    assert d.agent_id == 3 and d.text == "returning customer: back to 张三"
    cfg = {"south": TeamRouting(rules=(Rule("channel", "equals", "web", to_team="vip"),))}
    d = route(Arrival(1, "south", "web", previous_agent_id=3), cfg, agents, {})
    assert (d.team_id, d.agent_id) == ("vip", 5)  # the previous agent is not in the final team
    d = route(Arrival(1, "south", "web", previous_agent_id=3), {"south": TeamRouting(returning_first=False)},
              agents, {})
    assert d.agent_id == 4


def test_strategies_by_example():
    agents = [agent(1, load=2, today=1, rank=2, since=TIMES[1]), agent(2, load=1, today=7, rank=1, since=TIMES[2]),
              agent(3, load=1, capacity=8, today=3, rank=1, since=TIMES[0]), agent(4, presence="away", rank=0),
              agent(5, capacity=0, rank=0), agent(6, team="north", rank=0)]
    assert choose_agent("south", "least_load", agents, None)[0].id == 3  # 1 of 8 beats 1 of 5
    assert choose_agent("south", "fill_up", agents, None)[0].id == 1
    assert choose_agent("south", "sequential", agents, None)[0].id == 2
    rr = [3]
    for _ in range(4):
        rr.append(choose_agent("south", "round_robin", agents, rr[-1])[0].id)
    assert rr == [3, 1, 2, 3, 1]
    assert choose_agent("south", "round_robin", agents, 6)[0].id == 3
    with pytest.raises(ValueError, match="unknown assignment strategy"):
        choose_agent("south", "random", agents, None)


def test_rotation_pointer_only_moves_on_round_robin():
    agents = [agent(1), agent(2)]
    d = route(Arrival(1, "south", "web"), {"south": TeamRouting("round_robin")}, agents, {"south": 1})
    assert d.agent_id == 2 and d.rotation == ("south", 2) and d.text == "round robin: 王五 next in turn"
    d = route(Arrival(1, "south", "web", previous_agent_id=1), {"south": TeamRouting("round_robin")}, agents, {})
    assert d.rotation is None
    assert route(Arrival(1, "south", "web"), {}, agents, {}).rotation is None


def test_a_bad_stored_strategy_does_not_stop_intake():
    d = route(Arrival(1, "south", "web"), {"south": TeamRouting("random")}, [agent(1, name="张三")], {})
    assert d.agent_id == 1 and d.steps[-1].detail["strategy"] == "least_load"
    assert "unknown strategy 'random'" in d.text


def test_queue_position_counts_older_conversations():
    waiting = [(7, "2026-12-01T08:00:05.000000Z"), (3, "2026-12-01T08:00:00.000000Z"),
               (5, "2026-12-01T08:00:05Z"), (9, "2026-12-01T09:00:00.000000Z")]
    assert [queue_position(waiting, c) for c in (3, 5, 7, 9, 42)] == [1, 2, 3, 4, None]
    assert queue_position([], 1) is None


def test_overflow_after_the_wait_and_only_with_a_team():
    cfg = TeamRouting(overflow_after_s=120, overflow_team="north")
    since = "2026-12-01T08:00:00.000000Z"
    assert not overflow_due(since, "2026-12-01T08:01:59.999000Z", cfg)
    assert overflow_due(since, "2026-12-01T08:02:00.000000Z", cfg)
    assert not overflow_due(since, "2026-12-02T08:00:00Z", TeamRouting(overflow_after_s=120))
    assert not overflow_due(since, "2026-12-02T08:00:00Z", TeamRouting(overflow_team="north"))


def test_parse_strategy():
    assert parse_strategy(" Round-Robin ") == "round_robin"
    assert parse_strategy("轮流分配") == "round_robin"
    assert parse_strategy("ＦＩＬＬ_ＵＰ") == "fill_up"
    assert parse_strategy("负载分配") == "least_load"
    assert [parse_strategy(s) for s in STRATEGIES] == list(STRATEGIES)
    with pytest.raises(ValueError, match="expected one of round_robin, sequential, least_load, fill_up"):
        parse_strategy("random")


@pytest.mark.parametrize(("rule", "message"), [
    (Rule("city", "equals", "x", to_team="a"), "unknown rule field 'city'"),
    (Rule("region", "regex", "x", to_team="a"), "unknown rule operator 'regex'"),
    (Rule("region", "equals", " \u3000", to_team="a"), "empty value"),
    (Rule("region", "equals", "广东"), "exactly one"),
    (Rule("region", "equals", "广东", to_team="a", to_agent=3), "exactly one"),
    (Rule("region", "equals", "广东", to_team=" "), "blank"),
    (Rule("region", "equals", "广东", to_team="mars"), "unknown team 'mars'"),
    (Rule("region", "equals", "广东", to_agent=99), "unknown agent 99"),
])
def test_validate_rule_says_what_is_wrong(rule, message):
    with pytest.raises(ValueError, match=message):
        validate_rule(rule, teams={"a", "south"}, agent_ids={3})


def test_validate_team_routing():
    good = TeamRouting("sequential", rules=(Rule("region", "equals", "广东", to_team="south"),),
                       overflow_after_s=60, overflow_team="north")
    assert validate_team_routing("south2", good, teams={"south", "north"}) is good
    for cfg, message in [(TeamRouting("x"), "unknown assignment strategy"),
                         (TeamRouting(overflow_after_s=60), "no overflow team"),
                         (TeamRouting(overflow_team="south"), "itself"),
                         (TeamRouting(rules=(Rule("region", "equals", ""),)), "rule 1: "),
                         (TeamRouting(overflow_after_s=-1), "overflow_after_s")]:
        with pytest.raises(ValueError, match=message):
            validate_team_routing("south", cfg)


def test_config_round_trips_through_json_shaped_dicts():
    cfg = TeamRouting("fill_up", False, (Rule("region", "equals", "广东", to_team="south"),
                                         Rule("channel", "prefix", "we", to_agent=3)), 300, "north")
    assert team_routing_from_dict(team_routing_to_dict(cfg)) == cfg
    assert team_routing_from_dict({}) == TeamRouting()
    assert team_routing_from_dict({"strategy": "轮流分配"}).strategy == "round_robin"
    for bad, message in [({"strategy": "x"}, "unknown assignment strategy"), ({"colour": 1}, "colour"),
                         ({"rules": [{"field": "region", "value": "x"}]}, "rule 1: .*exactly one"),
                         ({"rules": [{"field": "region", "value": "x", "to_agent": "3"}]}, "agent id"),
                         ({"overflow_after_s": "60"}, "whole number"), ({"returning_first": "yes"}, "true or false")]:
        with pytest.raises(ValueError, match=message):
            team_routing_from_dict(bad)


def test_round_robin_spreads_a_long_run_evenly():
    agents = [agent(i, since=TIMES[i % 3]) for i in range(1, 6)]
    cfg = {"south": TeamRouting("round_robin", returning_first=False)}
    last: dict[str, int | None] = {}
    counts: Counter[int] = Counter()
    for n in range(50):
        d = route(Arrival(n, "south", "web"), cfg, agents, last)
        assert d.rotation is not None
        last[d.rotation[0]] = d.rotation[1]
        counts[d.agent_id] += 1
    assert set(counts.values()) == {10}


def test_round_robin_carries_on_after_a_full_agent_instead_of_restarting():
    a1, a2, a3 = agent(1, since=TIMES[0]), agent(2, since=TIMES[1], load=5), agent(3, since=TIMES[2])
    # 2 had the last turn and is full now: 3 is next, not 1 again
    assert choose_agent("south", "round_robin", [a1, a2, a3], 2)[0].id == 3
    assert route(Arrival(1, "south", "web"), {"south": TeamRouting(strategy="round_robin")}, [a1, a2, a3],
                 {"south": 2}).agent_id == 3
    # after the last in the order: back to the first
    assert choose_agent("south", "round_robin", [a1, a2, agent(3, since=TIMES[2], load=5)], 3)[0].id == 1
