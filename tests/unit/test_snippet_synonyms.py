"""Snippet search widened by the knowledge base's synonyms (同义词): the customer's word finds the
answer written with the standard word, and the other way round; direct hits stay first; another
team's synonyms do not apply; a removed synonym stops applying."""

from cs_desk.store.apply import apply_rows
from cs_desk.store.snippet_repo import search_ids, synonym_queries
from cs_desk.store.store import Store

ME = {"id": 7, "name": "alice", "display_name": "Alice", "team_id": "a", "role": "agent"}


def snippet(i, title, body=""):
    return {"k": "snippet", "d": {"id": i, "title": title, "body": body or title, "shortcut": f"s{i}",
                                  "category": "售后", "team_id": None}}


def synonym(i, variant, standard, team="a", deleted=False):
    d = {"id": i, "variant": variant, "standard": standard, "team_id": team}
    return {"k": "kb_synonym", "d": {**d, "deleted": True} if deleted else d}


def make(tmp_path):
    store = Store(tmp_path / "c.sqlite3")
    store.set_session(ME)
    with store.db.tx():
        apply_rows(store.conn, [snippet(1, "退款多久到账"), snippet(2, "退钱的问题请看这里"), snippet(3, "尺码表"),
                                synonym(1, "退钱", "退款"), synonym(2, "码数", "尺码"),
                                synonym(3, "快递", "物流", team="b")], store.me(), live=True)
    return store


def test_a_synonym_finds_the_standard_answer_after_the_direct_hits(tmp_path):
    store = make(tmp_path)
    assert search_ids(store.conn, store.me(), "退钱") == [2, 1]  # 2 says 退钱 itself; 1 via 退款
    assert search_ids(store.conn, store.me(), "退款") == [1, 2]  # and the other way round
    assert search_ids(store.conn, store.me(), "码数") == [3]  # two characters: the LIKE path
    assert synonym_queries(store.conn, store.me(), "请问退钱多久") == ["请问退款多久"]
    store.close()


def test_another_teams_synonyms_and_removed_ones_do_not_apply(tmp_path):
    store = make(tmp_path)
    assert synonym_queries(store.conn, store.me(), "快递") == []  # team b's
    with store.db.tx():
        ch = apply_rows(store.conn, [synonym(1, "退钱", "退款", deleted=True)], store.me(), live=True)
    assert ch.snippets  # the picker refreshes
    assert search_ids(store.conn, store.me(), "退钱") == [2]
    store.close()
