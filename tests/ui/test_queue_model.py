"""The queue model over 50,000 conversations: ordering, filters, and single-row updates without reset."""

import pytest
from PySide6.QtCore import QPersistentModelIndex

from cs_desk.domain.queue import QueueFilter
from cs_desk.views.queue_model import ID_ROLE, QueueModel
from tests.helpers.bulk import big_store, conversation


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = big_store(tmp_path_factory.mktemp("q") / "c.sqlite3")
    yield s
    s.close()


@pytest.fixture
def model(qapp, store):
    m = QueueModel(store)
    m.set_filter(QueueFilter(view="team"))
    return m


def test_50k_rows_ordered_by_urgency(model):
    assert model.rowCount() == 50_000
    first = [model.data(model.index(r, 0), ID_ROLE) for r in range(3)]
    assert first == [1, 3, 5]  # customers waiting longest come first
    last = model.data(model.index(49_999, 0), ID_ROLE)
    assert last % 2 == 0  # agent-answered conversations at the end
    assert model.data(model.index(0, QueueModel.CUSTOMER)) == "顾客2"
    assert model.data(model.index(25_000, QueueModel.PREVIEW)).startswith("客户消息")


def test_views_and_filters(model):
    model.set_filter(QueueFilter(view="mine"))
    assert model.rowCount() == len([i for i in range(1, 50_001) if i % 3 == 0])
    model.set_filter(QueueFilter(view="team", channel="wechat"))
    assert model.rowCount() == 12_500
    model.set_filter(QueueFilter(view="team", tag="退款"))
    assert model.rowCount() == 5_000
    model.set_filter(QueueFilter(view="team", status="pending"))
    assert model.rowCount() == 10_000
    model.set_filter(QueueFilter(view="team", text="顾客17"))
    ids = set(model.ids())
    assert ids and all((i % 2000 + 1) in (17, *range(170, 180), *range(1700, 1800)) for i in ids)


def test_one_row_update_without_reset(qtbot, model, store):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    row = 10
    cid = model.conversation_id(row)
    with qtbot.waitSignal(model.dataChanged) as sig:
        ch = store.apply_events([{"seq": 1, "k": "conversation",
                                  "d": conversation(cid, last_message_preview="新的内容")}], {"epoch": "e", "seq": 1})
        model.apply_changes(ch)
    top, bottom = sig.args[0], sig.args[1]
    assert top.row() == bottom.row() == row
    assert model.data(model.index(row, QueueModel.PREVIEW)) == "新的内容"
    assert resets == []


def test_row_moves_and_selection_follows(model, store):
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    cid = model.conversation_id(0)  # the longest-waiting customer…
    keep = QPersistentModelIndex(model.index(0, 0))
    ch = store.apply_events([{"seq": 2, "k": "conversation",
                              "d": conversation(cid, last_author_kind="agent")}], {"epoch": "e", "seq": 2})
    model.apply_changes(ch)  # …is answered: the row moves down
    assert model.conversation_id(0) != cid
    assert keep.isValid() and model.conversation_id(keep.row()) == cid
    assert resets == []


def test_resolved_conversation_leaves_the_open_views(model, store):
    cid = model.conversation_id(5)
    ch = store.apply_events([{"seq": 3, "k": "conversation", "d": conversation(cid, status="resolved")}],
                            {"epoch": "e", "seq": 3})
    model.apply_changes(ch)
    assert model.row_of(cid) is None and model.rowCount() == 49_999
