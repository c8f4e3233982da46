"""A snapshot: the current state a user may see, read in one transaction with the head seq, sent
as rows in the same {k, d} shape as events so the client applies both with one code path."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, or_, select

from cs_desk.server import entities, eventlog, knowledge, schema
from cs_desk.server.auth import User

ORDER = ("team", "agent", "customer", "order", "snippet", "sensitive_word", "conversation", "message")


def read_snapshot(conn: Connection, user: User) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    admin = user.role.value == "admin"
    head = eventlog.head(conn)
    s = schema
    rows: dict[str, list[dict[str, Any]]] = {}
    rows["team"] = [entities.team_dict(r) for r in conn.execute(select(s.teams))]
    q = select(s.users)
    if not admin:
        q = q.where(s.users.c.team_id == user.team_id)
    rows["agent"] = [entities.agent_dict(r) for r in conn.execute(q)]
    convq = select(s.conversations)
    if not admin:
        convq = convq.where(s.conversations.c.team_id == user.team_id)
    convs = list(conn.execute(convq.order_by(s.conversations.c.id)))
    custq, orderq = select(s.customers), select(s.orders)
    if not admin:
        mine = select(s.conversations.c.customer_id).where(s.conversations.c.team_id == user.team_id)
        custq = custq.where(s.customers.c.id.in_(mine))
        orderq = orderq.where(s.orders.c.customer_id.in_(mine))
    idq = select(s.customer_identities)
    if not admin:
        idq = idq.where(s.customer_identities.c.customer_id.in_(mine))
    ids: dict[int, dict[str, str]] = {}
    for r in conn.execute(idq.order_by(s.customer_identities.c.channel, s.customer_identities.c.handle)):
        ids.setdefault(r.customer_id, {})[r.channel] = r.handle
    rows["customer"] = [entities.customer_dict(r, ids.get(r.id)) for r in conn.execute(custq)]
    rows["order"] = [entities.order_dict(r) for r in conn.execute(orderq)]
    sq = select(s.snippets)
    if not admin:
        sq = sq.where(or_(s.snippets.c.team_id.is_(None), s.snippets.c.team_id == user.team_id))
    rows["snippet"] = [entities.snippet_dict(r) for r in conn.execute(sq)]
    wq = select(s.sensitive_words)
    if not admin:
        wq = wq.where(or_(s.sensitive_words.c.team_id.is_(None), s.sensitive_words.c.team_id == user.team_id))
    rows["sensitive_word"] = [entities.sensitive_word_dict(r) for r in conn.execute(wq)]
    yq = select(s.kb_synonyms)
    if not admin:
        yq = yq.where(or_(s.kb_synonyms.c.team_id.is_(None), s.kb_synonyms.c.team_id == user.team_id))
    rows["kb_synonym"] = [knowledge.synonym_dict(r.id, r.variant, r.standard, r.team_id) for r in conn.execute(yq)]
    rows["conversation"] = [entities.conversation_dict(r) for r in convs]
    fq = select(s.followups)
    if not admin:
        fq = fq.where(s.followups.c.team_id == user.team_id)
    rows["followup"] = [entities.followup_dict(r) for r in conn.execute(fq.order_by(s.followups.c.id))]
    mq = select(s.messages).order_by(s.messages.c.conversation_id, s.messages.c.created_at)
    if not admin:
        mq = mq.join(s.conversations, s.conversations.c.id == s.messages.c.conversation_id).where(
            s.conversations.c.team_id == user.team_id)
    rows["message"] = [entities.message_dict(r) for r in conn.execute(mq)]
    return head, rows
