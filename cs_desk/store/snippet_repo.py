"""The snippet picker's reads: ids of the snippets a user may use that match a query, best first,
display rows by id, and categories with counts. Matching reuses store/search.py (trigram FTS5 for
terms of 3+ characters, LIKE below that) so 退款 and 物流 work as well as 尺码不对 or `refund`."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from cs_desk.store.optimistic import Me

# The term splitting, quoting and LIKE escaping are search.py's; sharing them keeps user text out
# of FTS and LIKE syntax in exactly one place.
from cs_desk.store.search import MIN_TRIGRAM, _fts_query, _like, _terms

# Ranks, lower first: the exact shortcut (what an agent who knows `tk` types), a shortcut that
# starts with the query, every term in the title, then matches in body or category only.
EXACT_SHORTCUT, SHORTCUT_PREFIX, TITLE, OTHER = range(4)
_SHORTCUT = "lower(ltrim(s.shortcut, '/'))"  # shortcuts may be stored with or without the slash


@dataclass(frozen=True, slots=True)
class SnippetRow:
    id: int
    title: str
    body: str
    shortcut: str
    category: str
    team_id: str | None


def normalize(query: str) -> str:
    """`/tk` and `tk` are the same query: the slash is how agents are used to calling a snippet."""
    return query.strip().lstrip("/").strip()


def _visible(me: Me) -> tuple[str, list[object]]:
    if me.role == "admin":
        return "1", []
    return "(s.team_id IS NULL OR s.team_id = ?)", [me.team_id]


def search_ids(conn: sqlite3.Connection, me: Me, query: str = "", category: str | None = None,
               limit: int = 5000) -> list[int]:
    """category None = every category; '' is the uncategorised ones. The knowledge base's synonyms
    widen the search: 退钱 also finds what 退款 finds (and the other way), after the direct hits."""
    ids = _search_ids(conn, me, query, category, limit)
    seen = set(ids)
    for alt in synonym_queries(conn, me, normalize(query)):
        for i in _search_ids(conn, me, alt, category, limit):
            if i not in seen and len(ids) < limit:
                seen.add(i)
                ids.append(i)
    return ids


def synonym_queries(conn: sqlite3.Connection, me: Me, query: str) -> list[str]:
    """The query with each synonym it holds swapped for its standard word, and each standard word
    for its variants (at most 8 queries)."""
    if not query:
        return []
    vis = "1" if me.role == "admin" else "(team_id IS NULL OR team_id = ?)"
    params = [] if me.role == "admin" else [me.team_id]
    low = query.casefold()
    out: list[str] = []
    for variant, standard in conn.execute(f"SELECT variant, standard FROM kb_synonyms WHERE {vis}", params):
        for have, other in ((variant, standard), (standard, variant)):
            at = low.find(have.casefold())
            if at >= 0:
                alt = query[:at] + other + query[at + len(have):]
                if alt != query and alt not in out:
                    out.append(alt)
    return out[:8]


def _search_ids(conn: sqlite3.Connection, me: Me, query: str, category: str | None, limit: int) -> list[int]:
    vis, params = _visible(me)
    where = [vis]
    if category is not None:
        where.append("s.category = ?")
        params.append(category)
    q = normalize(query)
    terms = _terms(q)
    if not terms:
        sql = f"SELECT s.id FROM snippets s WHERE {' AND '.join(where)} ORDER BY s.category, s.title, s.id LIMIT ?"
        return [r[0] for r in conn.execute(sql, (*params, limit))]

    short_q = q.lower()
    match: list[str] = []
    match_params: list[object] = []
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    if long_terms:
        match.append("s.id IN (SELECT rowid FROM snippets_fts WHERE snippets_fts MATCH ?)")
        match_params.append(_fts_query(long_terms))
    for t in terms:
        if len(t) < MIN_TRIGRAM:
            match.append("(" + " OR ".join(f"s.{c} LIKE ? ESCAPE '\\'" for c in
                                           ("title", "body", "shortcut", "category")) + ")")
            match_params.extend([_like(t)] * 4)
    # The exact shortcut always matches, even where term splitting would not find it (a shortcut
    # with a space in it, say).
    where.append(f"(({' AND '.join(match)}) OR {_SHORTCUT} = ?)")
    params += [*match_params, short_q]

    title_all = " AND ".join("s.title LIKE ? ESCAPE '\\'" for _ in terms)
    rank = (f"CASE WHEN {_SHORTCUT} = ? THEN {EXACT_SHORTCUT} "
            f"WHEN {_SHORTCUT} LIKE ? ESCAPE '\\' THEN {SHORTCUT_PREFIX} "
            f"WHEN {title_all} THEN {TITLE} ELSE {OTHER} END")
    rank_params: list[object] = [short_q, _like(short_q)[1:], *(_like(t) for t in terms)]
    # Among shortcut prefixes the shortest is the nearest to what was typed (`t` → `tk` before `track`).
    sql = (f"SELECT id FROM (SELECT s.id, s.title, s.shortcut, {rank} AS r FROM snippets s "
           f"WHERE {' AND '.join(where)}) ORDER BY r, CASE WHEN r = {SHORTCUT_PREFIX} THEN length(shortcut) END, "
           "title, id LIMIT ?")
    return [r[0] for r in conn.execute(sql, (*rank_params, *params, limit))]


def rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, SnippetRow]:
    out: dict[int, SnippetRow] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in conn.execute("SELECT id, title, body, shortcut, category, team_id FROM snippets "
                              f"WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[r[0]] = SnippetRow(r[0], r[1], r[2], r[3], r[4], r[5])
    return out


def categories(conn: sqlite3.Connection, me: Me) -> list[tuple[str, int]]:
    """(category, number of snippets) over what the user may see, by name; '' = uncategorised."""
    vis, params = _visible(me)
    return [(r[0], r[1]) for r in conn.execute(
        f"SELECT s.category, count(*) FROM snippets s WHERE {vis} GROUP BY s.category ORDER BY s.category", params)]


def count(conn: sqlite3.Connection, me: Me) -> int:
    vis, params = _visible(me)
    return conn.execute(f"SELECT count(*) FROM snippets s WHERE {vis}", params).fetchone()[0]
