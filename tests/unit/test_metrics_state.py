"""The metrics snapshot: a fold written out and read back gives the same figures, holds only JSON
values, and a snapshot of another format is ignored (the fold is then rebuilt from the log)."""

import orjson

from cs_desk.domain import metrics_state
from cs_desk.domain.metrics_fold import MetricsFold, ts
from cs_desk.domain.metrics_report import report
from tests.helpers.metrics_scenario import NOW, T0, events


def test_a_snapshot_read_back_gives_the_same_figures():
    f = MetricsFold()
    for kind, d, written in events():
        f.apply(kind, d, ts(written))
    lo, now = T0.timestamp() - 36000, NOW.timestamp()
    before = report(f, lo, now, now, by="agent")
    state = orjson.loads(orjson.dumps(metrics_state.dump(f, 42)))  # through JSON, as stored
    g, seq = metrics_state.load(state)
    assert seq == 42 and g.events == f.events
    assert report(g, lo, now, now, by="agent") == before
    assert metrics_state.load({**state, "format": metrics_state.FORMAT + 1}) is None
