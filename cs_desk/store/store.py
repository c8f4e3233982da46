"""The cache façade used by ops and the sync engine: sync state, page application, the outbox."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from cs_desk.domain.changes import Changes
from cs_desk.domain.clock import utc_now_iso
from cs_desk.domain.file_types import LocalFile
from cs_desk.store import apply, outbox_files
from cs_desk.store.db import Database, remove_files
from cs_desk.store.optimistic import Me, apply_local, touches


class Store:
    def __init__(self, path: Path | str, key: bytes | None = None) -> None:
        """`key`: the cache's SQLCipher key (cs_desk.store.cache opens caches with it)."""
        self.db = Database(path, key)
        self.conn = self.db.conn
        self.path = path
        self.session_only = False  # no keyring to keep the key: the file goes when the app closes

    # --- identity and cursor -----------------------------------------------------------------
    @property
    def client_id(self) -> str:
        return self.db.get("client_id")

    def cursor(self) -> dict[str, Any] | None:
        return self.db.get("cursor")

    def user(self) -> dict[str, Any] | None:
        return self.db.get("user")

    def server_url(self) -> str | None:
        return self.db.get("server_url")

    def me(self) -> Me | None:
        u = self.user()
        return Me(u["id"], u["team_id"], u["role"]) if u else None

    def clock_offset(self) -> float:
        """Seconds to add to this machine's clock to get the server's (0 until a first welcome)."""
        return float(self.db.get("clock_offset_s") or 0.0)

    def set_clock_offset(self, seconds: float) -> None:
        with self.db.tx():
            self.db.put("clock_offset_s", round(seconds, 3))

    def set_session(self, user: dict[str, Any], server_url: str | None = None) -> None:
        with self.db.tx():
            old = self.user()
            if old is not None and old["id"] != user["id"]:
                # Another person on this cache: nothing of the previous user's view may remain.
                raise PermissionError("this cache belongs to another user; use a separate cache")
            self.db.put("user", user)
            if server_url:
                self.db.put("server_url", server_url)

    # --- applying server data ----------------------------------------------------------------
    def apply_events(self, events: list[dict[str, Any]], cursor: dict[str, Any]) -> Changes:
        with self.db.tx():
            ch = apply.apply_rows(self.conn, events, self.me(), live=True)
            self.db.put("cursor", cursor)
        return ch

    def set_cursor(self, cursor: dict[str, Any]) -> None:
        with self.db.tx():
            self.db.put("cursor", cursor)

    def snapshot_begin(self, cursor: dict[str, Any], totals: dict[str, int]) -> Changes:
        with self.db.tx():
            apply.wipe_for_snapshot(self.conn)
            self.db.put("cursor", None)  # until snapshot_end: a crash mid-way means a new snapshot
            self.db.put("snapshot", {"cursor": cursor, "totals": totals})
        return Changes(reset=True)

    def snapshot_rows(self, rows: list[dict[str, Any]]) -> Changes:
        with self.db.tx():
            return apply.apply_rows(self.conn, rows, None, live=False)

    def snapshot_end(self, cursor: dict[str, Any]) -> Changes:
        me = self.me()
        with self.db.tx():
            ch = Changes(reset=True)
            if me is not None:
                ch.merge(apply.rebase_pending(self.conn, me, self._all_ids("conversations"),
                                              self._all_ids("customers")))
            self.db.put("cursor", cursor)
            self.db.put("snapshot", None)
        return ch

    def _all_ids(self, table: str) -> set[int]:
        return {r[0] for r in self.conn.execute(f"SELECT id FROM {table}")}

    # --- the outbox ---------------------------------------------------------------------------
    def enqueue(self, op: str, args: dict[str, Any], files: Sequence[LocalFile] = ()) -> Changes:
        """The optimistic change and the outbox row (with the bytes of attached files) in one local
        transaction."""
        me = self.me()
        if me is None:
            raise PermissionError("not logged in: the cache has no user yet")
        with self.db.tx():
            for f in files:
                outbox_files.add(self.conn, f)
            ch = apply_local(self.conn, op, args, me, first=True)
            self.conn.execute("INSERT INTO outbox(op, args, created_at) VALUES(?,?,?)",
                              (op, orjson.dumps(args).decode(), utc_now_iso()))
        ch.outbox = True
        return ch

    def outbox_after(self, n: int, limit: int) -> list[tuple[int, str, dict[str, Any]]]:
        rows = self.conn.execute("SELECT n, op, args FROM outbox WHERE n > ? ORDER BY n LIMIT ?", (n, limit))
        return [(r[0], r[1], orjson.loads(r[2])) for r in rows]

    def outbox_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def complete(self, results: list[dict[str, Any]]) -> Changes:
        """Acks and rejections from the server: the outbox rows go, failures are kept on the message
        (or as a notice), in one transaction."""
        ch = Changes(outbox=True)
        undo_convs: set[int] = set()
        undo_custs: set[int] = set()
        with_files = False
        with self.db.tx():
            for r in results:
                row = self.conn.execute("SELECT op, args FROM outbox WHERE n=?", (r["n"],)).fetchone()
                if row is None:
                    continue  # already completed before a reconnect
                self.conn.execute("DELETE FROM outbox WHERE n=?", (r["n"],))
                op, args = row[0], orjson.loads(row[1])
                with_files = with_files or bool(args.get("attachments"))
                if op in ("message.send", "note.add"):
                    mid = args["message_id"]
                    if r["ok"]:
                        self.conn.execute("UPDATE messages SET state='sent', error=NULL WHERE id=? AND "
                                          "state='pending'", (mid,))
                    else:
                        self.conn.execute("UPDATE messages SET state='failed', error=? WHERE id=?",
                                          (r.get("reason", ""), mid))
                        undo_convs.add(args["conversation_id"])  # the preview showed the refused reply
                    ch.messages.add(mid)
                    ch.conversations.add(args["conversation_id"])
                elif not r["ok"]:
                    self.conn.execute("INSERT INTO notices(created_at, op, code, reason, args) VALUES(?,?,?,?,?)",
                                      (utc_now_iso(), op, r.get("code", ""), r.get("reason", ""), row[1]))
                    ch.notices = True
                    if op == "followup.done":
                        conv = apply.restore_followup(self.conn, args["followup_id"])
                        if conv is not None:
                            ch.conversations.add(conv)
                    c, u = touches(op, args)
                    undo_convs |= c
                    undo_custs |= u
            me = self.me()
            if me is not None and (undo_convs or undo_custs):
                ch.merge(apply.restore_server_state(self.conn, me, undo_convs, undo_custs))
            if with_files:
                outbox_files.prune(self.conn)
        return ch

    # --- files of queued messages ----------------------------------------------------------------
    def files_to_upload(self, args: dict[str, Any]) -> list[str]:
        return outbox_files.missing(self.conn, [a["sha256"] for a in args.get("attachments") or []])

    def pending_file(self, sha256: str) -> bytes | None:
        return outbox_files.data(self.conn, sha256)

    def file_uploaded(self, sha256: str, answer: dict[str, Any]) -> None:
        with self.db.tx():
            outbox_files.uploaded(self.conn, sha256, answer)

    def file_refused(self, sha256: str, reason: str) -> tuple[list[dict[str, Any]], Changes]:
        """The server will never take this file: the messages naming it fail with the reason, as if
        the server had refused them (the agent sees "not sent: …" and may send without the file)."""
        with self.db.tx():
            results = [{"n": n, "ok": False, "code": "invalid", "reason": reason}
                       for n in outbox_files.naming(self.conn, sha256)]
            return results, self.complete(results)

    def retry_failed(self, message_id: str) -> Changes:
        """Sends a refused message again as a new mutation (a new n; the old result stays refused)."""
        with self.db.tx():
            m = self.conn.execute("SELECT * FROM messages WHERE id=? AND state='failed'", (message_id,)).fetchone()
            if m is None:
                return Changes()
            self.conn.execute("DELETE FROM messages WHERE id=?", (message_id,))
            op = "message.send" if m["kind"] == "reply" else "note.add"
            files = (orjson.loads(m["meta"]) or {}).get("attachments") if m["meta"] else None
            args: dict[str, Any] = {"conversation_id": m["conversation_id"], "message_id": message_id,
                                    "body": m["body"]}
            if files:
                args["attachments"] = [{"sha256": f["sha256"], "name": f.get("name", "")} for f in files]
            return self.enqueue(op, args)

    # --- local-only state ------------------------------------------------------------------------
    def mark_read(self, conversation_id: int) -> Changes:
        """Unread counts are the agent's own, never synced."""
        with self.db.tx():
            cur = self.conn.execute("UPDATE conversations SET unread = 0 WHERE id = ? AND unread != 0",
                                    (conversation_id,))
        return Changes(conversations={conversation_id}) if cur.rowcount else Changes()

    def unread_total(self) -> int:
        me = self.me()
        if me is None:
            return 0
        sql = "SELECT coalesce(sum(unread), 0) FROM conversations"
        if me.role != "admin":
            return self.conn.execute(sql + " WHERE team_id = ?", (me.team_id,)).fetchone()[0]
        return self.conn.execute(sql).fetchone()[0]

    def close(self) -> None:
        self.db.close()
        if self.session_only:
            remove_files(Path(self.path))
