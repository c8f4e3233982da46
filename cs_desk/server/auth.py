"""Passwords (argon2id) and opaque session tokens (32 random bytes, stored as SHA-256)."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, select, update

from cs_desk.domain.clock import to_iso, utc_now_iso
from cs_desk.domain.model import Role
from cs_desk.domain.permissions import Actor
from cs_desk.server import schema

TOKEN_TTL = timedelta(days=30)
_hasher = PasswordHasher()  # argon2id with the library's current defaults
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    display_name: str
    team_id: str
    role: Role

    @property
    def actor(self) -> Actor:
        return Actor(user_id=self.id, role=self.role, team_id=self.team_id)

    def wire(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "display_name": self.display_name, "team_id": self.team_id,
                "role": self.role.value}


def _user(row: Any) -> User:
    return User(row.id, row.name, row.display_name, row.team_id, Role(row.role))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()


def add_user(conn: Connection, name: str, display_name: str, team_id: str, role: Role, password: str,
             capacity: int = 5) -> int:
    if conn.execute(select(schema.teams.c.id).where(schema.teams.c.id == team_id)).first() is None:
        raise ValueError(f"team {team_id!r} does not exist")
    if conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first() is not None:
        raise ValueError(f"user {name!r} already exists")
    res = conn.execute(schema.users.insert().values(
        name=name, display_name=display_name or name, team_id=team_id, role=role.value,
        password_hash=hash_password(password), capacity=capacity, disabled=False, created_at=utc_now_iso()))
    user_id = int(res.inserted_primary_key[0])
    # Team mates learn of the new agent through the log like of any other change.
    from cs_desk.server.entities import agent_dict
    from cs_desk.server.eventlog import EventWriter

    ev = EventWriter(conn)
    row = conn.execute(select(schema.users).where(schema.users.c.id == user_id)).first()
    ev.emit("agent", user_id, agent_dict(row), [team_id])
    ev.flush()
    return user_id


def check_password(conn: Connection, name: str, password: str) -> User | None:
    """Runs argon2 (tens of ms): call it off the event loop."""
    row = conn.execute(select(schema.users).where(schema.users.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    return _user(row)


def issue_token(conn: Connection, user_id: int, now: datetime | None = None) -> tuple[str, str]:
    now = now or datetime.now(UTC)
    token = new_token()
    expires = to_iso(now + TOKEN_TTL)
    conn.execute(schema.tokens.insert().values(token_hash=hash_token(token), user_id=user_id,
                                               created_at=to_iso(now), expires_at=expires))
    return token, expires


def check_token(conn: Connection, token: str) -> User | None:
    t = schema.tokens
    row = conn.execute(select(t).where(t.c.token_hash == hash_token(token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= utc_now_iso():
        return None
    user = conn.execute(select(schema.users).where(schema.users.c.id == row.user_id)).first()
    if user is None or user.disabled:
        return None
    return _user(user)


def revoke_tokens(conn: Connection, name: str) -> int:
    user = conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first()
    if user is None:
        raise ValueError(f"user {name!r} does not exist")
    t = schema.tokens
    res = conn.execute(update(t).where(t.c.user_id == user.id, t.c.revoked_at.is_(None))
                       .values(revoked_at=utc_now_iso()))
    return res.rowcount


def disable_user(conn: Connection, name: str) -> int:
    """Someone who left: no new login, and (with revoke) live sessions end within seconds."""
    res = conn.execute(update(schema.users).where(schema.users.c.name == name).values(disabled=True))
    if res.rowcount == 0:
        raise ValueError(f"user {name!r} does not exist")
    return revoke_tokens(conn, name)


def invalid_tokens(conn: Connection, token_hashes: list[str]) -> set[str]:
    """Those of the hashes whose session ended: revoked, expired, unknown, or the user disabled."""
    bad: set[str] = set()
    now = utc_now_iso()
    t, u = schema.tokens, schema.users
    for i in range(0, len(token_hashes), 500):
        chunk = token_hashes[i:i + 500]
        ok = {r[0] for r in conn.execute(
            select(t.c.token_hash).join(u, u.c.id == t.c.user_id)
            .where(t.c.token_hash.in_(chunk), t.c.revoked_at.is_(None), t.c.expires_at > now,
                   u.c.disabled.is_(False)))}
        bad |= set(chunk) - ok
    return bad


def list_users(conn: Connection) -> list[Any]:
    return list(conn.execute(select(schema.users).order_by(schema.users.c.team_id, schema.users.c.name)))
