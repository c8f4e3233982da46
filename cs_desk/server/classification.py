"""Keeps each conversation's category and priority: proposed by the classifier from the customer's
words while nobody chose by hand, set by an agent otherwise (cs_desk.domain.classify holds the rules)."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Connection

from cs_desk.domain.classify import PRIORITY_RANK, Lexicon, classify, escalates
from cs_desk.server.eventlog import EventWriter
from cs_desk.server.fastsql import Row, raw


def lexicon(conn: Connection, ev: EventWriter | None, team_id: str) -> Lexicon:
    """The built-in words plus the knowledge base's, for everyone and for this team (memoised for the
    transaction: a batch of customer messages reads the vocabulary once)."""
    key = ("kb-lexicon", team_id)
    if ev is not None and key in ev.memo:
        return ev.memo[key]
    r = raw(conn)
    r.run("SELECT word, category FROM kb_words WHERE team_id IS NULL OR team_id = ? ORDER BY team_id IS NOT NULL, id",
          (team_id,))
    words = r.cur.fetchall()
    r.run("SELECT variant, standard FROM kb_synonyms WHERE team_id IS NULL OR team_id = ? "
          "ORDER BY team_id IS NOT NULL, id", (team_id,))
    lex = Lexicon.build(words=words, synonyms=r.cur.fetchall())
    if ev is not None:
        ev.memo[key] = lex
    return lex


def on_customer_text(conn: Connection, ev: EventWriter, conv: Row, body: str) -> dict[str, Any]:
    """Column values to set after a customer message: a category further to the front, with at least
    its usual priority. Nothing once an agent has chosen."""
    by = orjson.loads(conv.classified).get("by") if conv.classified else None
    if by == "agent":
        return {}
    c = classify(body, lexicon(conn, ev, conv.team_id))
    if not escalates(conv.category, c.category):
        return {}
    priority = min(conv.priority, c.priority, key=PRIORITY_RANK.__getitem__)
    return {"category": c.category, "priority": priority,
            "classified": orjson.dumps({"by": "auto", "words": list(c.words)}).decode()}


def by_agent(conv: Row, agent_id: int, category: str | None, priority: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {"classified": orjson.dumps({"by": "agent", "agent_id": agent_id}).decode()}
    if category is not None:
        values["category"] = category
    if priority is not None:
        values["priority"] = priority
    return values
