"""The team's SLA policy as the domain clock needs it (cs_desk.domain.sla holds the rules;
cs_desk.server.conversations keeps each conversation's clock in its row)."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Connection

from cs_desk.domain.sla import Policy
from cs_desk.server.fastsql import raw


def team_policy(conn: Connection, team_id: str) -> Policy:
    row = raw(conn).one("SELECT sla_first_response_s, sla_next_response_s, sla_resolution_s FROM teams WHERE id = ?",
                        (team_id,))
    return Policy() if row is None else _policy(int(row[0]), int(row[1]), int(row[2]))


@lru_cache(maxsize=256)
def _policy(first: int, nxt: int, resolution: int) -> Policy:
    return Policy(first_response_s=first, next_response_s=nxt, resolution_s=resolution)
