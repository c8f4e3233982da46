"""Full-text search over the cache. Trigram FTS5 matches any substring of 3+ characters, Chinese or
Latin; 1-2 character queries (common in Chinese: 退款, 物流) fall back to LIKE on the same table."""

from __future__ import annotations

import sqlite3
import unicodedata

MIN_TRIGRAM = 3


def _terms(query: str) -> list[str]:
    # Control characters (NUL among them) end an FTS5 string early: they are never search content.
    clean = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    return [t for t in clean.split() if t]


def _fts_query(terms: list[str]) -> str:
    # Each term a quoted phrase: user text never becomes FTS syntax (AND, NEAR, *, column filters).
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _search(conn: sqlite3.Connection, query: str, fts: str, base: str, key: str, cols: list[str], select: str,
            order: str, limit: int) -> list[sqlite3.Row]:
    terms = _terms(query)
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    short_terms = [t for t in terms if len(t) < MIN_TRIGRAM]
    where, params = [], []
    if long_terms:
        where.append(f"{base}.{key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)")
        params.append(_fts_query(long_terms))
    for t in short_terms:
        where.append("(" + " OR ".join(f"{base}.{c} LIKE ? ESCAPE '\\'" for c in cols) + ")")
        params.extend([_like(t)] * len(cols))
    sql = f"SELECT {select} FROM {base} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?"
    return conn.execute(sql, (*params, limit)).fetchall()


def messages(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[sqlite3.Row]:
    return _search(conn, query, "messages_fts", "messages", "rowid", ["body"], "messages.*",
                   "messages.created_at DESC", limit)


def snippets(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[sqlite3.Row]:
    return _search(conn, query, "snippets_fts", "snippets", "id", ["title", "body", "shortcut", "category"],
                   "snippets.*", "snippets.title", limit)


def customers(conn: sqlite3.Connection, query: str, limit: int = 50) -> list[sqlite3.Row]:
    return _search(conn, query, "customers_fts", "customers", "id",
                   ["name", "email", "phone", "region", "note", "tags", "identities"], "customers.*", "customers.name", limit)
