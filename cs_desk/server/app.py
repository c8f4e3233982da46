"""HTTP and websocket routes on one port (Starlette under uvicorn; uvicorn's websocket side runs on
the `websockets` library). The protocol lives in session.py and does not depend on this choice."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import socket
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from cs_desk import __version__, resources
from cs_desk.private_files import private_file
from cs_desk.protocol import constants as C
from cs_desk.server import auth, file_records, files, intake, pg_listen, visitors
from cs_desk.server.blobs import BlobError, Blobs, open_blobs
from cs_desk.server.db import Database, DataDirLock, sqlite_url
from cs_desk.server.files import FileStore
from cs_desk.server.hub import Hub
from cs_desk.server.metrics import MetricsService
from cs_desk.server.metrics_snapshots import MetricsSnapshots
from cs_desk.server.pg_listen import HeadListener
from cs_desk.server.presence import Presence
from cs_desk.server.revocation import RevocationWatch
from cs_desk.server.router_tick import RouterTick
from cs_desk.server.session import Session
from cs_desk.server.visitor_socket import VisitorHub, serve_visitor
from cs_desk.server.webhooks import WebhookWorker

log = logging.getLogger(__name__)
MAX_HTTP_BODY = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


class StarletteTransport:
    def __init__(self, ws: WebSocket) -> None:
        self.ws = ws

    async def recv(self) -> str | bytes | None:
        try:
            msg = await self.ws.receive()
        except (RuntimeError, WebSocketDisconnect):
            return None
        if msg["type"] == "websocket.disconnect":
            return None
        text = msg.get("text")
        return text if text is not None else msg.get("bytes", b"")

    async def send(self, text: str) -> None:
        try:
            await self.ws.send_text(text)
        except (RuntimeError, WebSocketDisconnect, OSError) as exc:
            raise ConnectionError(str(exc)) from exc

    def send_now(self, text: str) -> asyncio.Future | None:
        """Runs the send up to its first wait: the socket usually takes the frame at once (None);
        otherwise the rest of the send goes on in a task, whose future is returned."""
        coro = self.ws.send_text(text)
        try:
            waiting = coro.send(None)
        except StopIteration:
            return None
        except (RuntimeError, WebSocketDisconnect, OSError) as exc:
            coro.close()
            raise ConnectionError(str(exc)) from exc
        fut = asyncio.ensure_future(_finish(coro, waiting))
        # Read its error even if no pump awaits it (the socket closed): the session ends on its own.
        fut.add_done_callback(lambda f: f.cancelled() or f.exception())
        return fut

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close(code, reason)


async def _finish(coro: Any, waiting: Any) -> None:
    """Drives a coroutine that stopped on `waiting` (what it awaited) to its end, as a Task would."""
    while True:
        if waiting is None:
            await asyncio.sleep(0)
        else:
            with contextlib.suppress(BaseException):
                await waiting  # its result or error reaches the coroutine when it resumes
        try:
            waiting = coro.send(None)
        except StopIteration:
            return
        except (RuntimeError, WebSocketDisconnect, OSError) as exc:
            raise ConnectionError(str(exc)) from exc


def _log_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("metrics warm-up failed (the first query folds the log instead)", exc_info=task.exception())


class ServerApp:
    def __init__(self, db: Database, files: Path | Blobs | None = None) -> None:
        self.db = db
        # None (a database with no data directory and no --files store): files are refused
        self.files = FileStore(files) if files is not None else None
        self._uploads: dict[str, list[float]] = {}  # visitor token → recent upload times
        self.hub = Hub(db)
        self.config_watcher: Any = None  # a ConfigWatcher when serving with --config
        self.listener: HeadListener | None = None  # PostgreSQL: other processes' events
        self.visitors = VisitorHub(db)
        self.hub.listeners.append(self.visitors.on_events)
        self.presence = Presence(self.hub, db)
        self.presence.on_typing = self.visitors.typing
        self.revocations = RevocationWatch(self.hub, db)
        self.router = RouterTick(self.hub, db)
        self.webhooks = WebhookWorker(db)
        self.metrics = MetricsService()
        self.metrics_snapshots = MetricsSnapshots(db, self.metrics)
        self.sessions: set[Session] = set()
        self.app = Starlette(routes=[
            WebSocketRoute("/sync", self.sync_endpoint),
            Route("/health", self.health),
            WebSocketRoute("/visitor", self.visitor_endpoint),
            Route("/widget", self.widget_redirect),
            Route("/widget/", self.widget_file),
            Route("/widget/{name:str}", self.widget_file),
            Route("/api/v1/messages", self.post_message, methods=["POST"]),
            Route("/api/v1/conversations/{id:int}", self.get_conversation, methods=["GET"]),
            Route("/api/v1/conversations/{id:int}/survey", self.post_survey, methods=["POST"]),
            Route("/api/v1/files", self.post_file, methods=["POST"]),
            Route("/api/v1/files/{sha}", self.channel_file_get, methods=["GET"]),
            Route("/widget/upload", self.widget_upload, methods=["POST"]),
            Route("/widget/file/{sha}", self.widget_file_get, methods=["GET"]),
            Route("/widget/file/{sha}/thumb", self.widget_thumb_get, methods=["GET"]),
            Route("/files", self.post_agent_file, methods=["POST"]),
            Route("/files/{sha}", self.get_file, methods=["GET"]),
            Route("/files/{sha}/thumb", self.get_thumb, methods=["GET"]),
        ])

    async def asgi(self, scope: dict, receive: Any, send: Any) -> None:
        """The sync socket goes straight to its handler; everything else through Starlette's router.
        Each idle socket keeps its handler's call stack alive, and Starlette's middleware chain added
        a dozen frames to every one of them (server memory per idle connection is a target)."""
        if scope["type"] == "websocket" and scope.get("path") == "/sync":
            await self.sync_endpoint(WebSocket(scope, receive, send))
        else:
            await self.app(scope, receive, send)

    async def start(self) -> None:
        await self.hub.start()
        alone = self.db.is_sqlite or not await self.db.read(pg_listen.others_running)
        await self.presence.start(alone)
        if not self.db.is_sqlite:
            loop = asyncio.get_running_loop()
            self.listener = HeadListener(self.db.url, lambda head: loop.call_soon_threadsafe(self.hub.notify_head, head))
            self.listener.start()
            for duty in (self.router, self.webhooks, self.metrics_snapshots):
                duty.gate = self.listener.leader.is_set
        self.revocations.start()
        self.router.start()
        self.webhooks.start()
        # the first metrics query should not wait for a cold read of the whole log
        self._warm = asyncio.create_task(self.metrics.read(self.db, self.metrics.start), name="metrics-warm-up")
        self._warm.add_done_callback(_log_failure)
        self.metrics_snapshots.start()

    async def close(self) -> None:
        """Stops the background tasks, then closes the database (the sockets are closed by then)."""
        if self.config_watcher is not None:
            await self.config_watcher.close()
        await self.webhooks.close()
        await self.metrics_snapshots.close()
        await asyncio.to_thread(self.metrics.close)
        await self.router.close()
        await self.revocations.close()
        await self.presence.close()
        if self.listener is not None:
            await asyncio.to_thread(self.listener.stop)
        await asyncio.to_thread(self.db.close)

    async def sync_endpoint(self, ws: WebSocket) -> None:
        if C.SUBPROTOCOL not in ws.scope.get("subprotocols", []):
            await ws.close(C.CLOSE_PROTOCOL, f"subprotocol {C.SUBPROTOCOL} required")
            return
        await ws.accept(subprotocol=C.SUBPROTOCOL)
        client = ws.client
        session = Session(self.hub, StarletteTransport(ws), peer=f"{client.host}:{client.port}" if client else "",
                          presence=self.presence, metrics=self.metrics)
        self.sessions.add(session)
        try:
            await session.run()
        except Exception:
            log.exception("session crashed")
            await session.t.close(1011, "internal error")
        finally:
            self.sessions.discard(session)

    async def visitor_endpoint(self, ws: WebSocket) -> None:
        try:
            await serve_visitor(ws, self.db, self.visitors, self.hub.publish)
        except Exception:
            log.exception("visitor socket crashed")
            with contextlib.suppress(Exception):
                await ws.close(1011, "internal error")

    async def widget_redirect(self, request: Request) -> Response:
        # /widget → /widget/ so the page's relative world (and its query) stays under /widget/
        query = f"?{request.url.query}" if request.url.query else ""
        return Response(status_code=307, headers={"Location": f"/widget/{query}"})

    async def widget_file(self, request: Request) -> Response:
        """The chat page and its script and style, from resources/widget (a fixed list: no paths
        from the request reach the file system)."""
        name = request.path_params.get("name", "index.html")
        kind = WIDGET_FILES.get(name)
        if kind is None:
            return Response("not found", status_code=404, media_type="text/plain")
        body = await asyncio.to_thread(resources.path("widget", name).read_bytes)
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        if name == "index.html":
            # no inline script, no other origin: customer text cannot run as script here
            headers["Content-Security-Policy"] = ("default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' "
                                                  "data: blob:; style-src 'self'; frame-ancestors *")
        return Response(body, media_type=kind, headers=headers)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"ok": True, "version": __version__, "epoch": self.db.epoch, "head": self.hub.head,
                             "connections": len(self.hub.conns),
                             # runs routing ticks, SLA escalations, webhooks (one process of several)
                             "duties": self.listener is None or self.listener.leader.is_set()})

    @staticmethod
    def _bearer(request: Request) -> str | None:
        """The token of an `Authorization: Bearer …` header, or None without one."""
        h = request.headers.get("authorization", "")
        return h[7:].strip() if h.lower().startswith("bearer ") else None

    @classmethod
    def _api_key(cls, request: Request) -> str:
        key = cls._bearer(request)
        if key is None:
            raise intake.IntakeError(401, "bad_api_key", "send the channel's API key as 'Authorization: Bearer KEY'")
        return key

    @staticmethod
    def _err(exc: intake.IntakeError) -> Response:
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status)

    async def post_message(self, request: Request) -> Response:
        try:
            key = self._api_key(request)
            idem = request.headers.get("idempotency-key", "").strip()
            if not idem or len(idem) > 200:
                raise intake.IntakeError(400, "idempotency_key", "an Idempotency-Key header (1-200 chars) is required")
            msg = intake.parse_body(await self._body(request))
            result, events, replayed = await self.db.write(intake.post_message, key, idem, msg)
        except intake.IntakeError as exc:
            return self._err(exc)
        self.hub.publish(events)
        return Response(orjson.dumps(result), status_code=200 if replayed else 201, media_type="application/json")

    async def post_survey(self, request: Request) -> Response:
        try:
            key = self._api_key(request)
            body = await self._body(request)
            result, events = await self.db.write(intake.post_survey, key, request.path_params["id"], body)
        except intake.IntakeError as exc:
            return self._err(exc)
        self.hub.publish(events)
        return Response(orjson.dumps(result), status_code=201, media_type="application/json")

    @staticmethod
    async def _body(request: Request, limit: int = MAX_HTTP_BODY) -> bytes:
        chunks, size = [], 0
        async for chunk in request.stream():
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise intake.IntakeError(413, "too_large", f"request body above {limit // 2**20} MiB")
        return b"".join(chunks)

    # --- customer files --------------------------------------------------------------------------
    async def post_file(self, request: Request) -> Response:
        """A channel uploads a file (the raw bytes as the body); the answer names it by its SHA-256."""
        try:
            key = self._api_key(request)
            team = await self.db.read(file_records.channel_team, key)
        except intake.IntakeError as exc:
            return self._err(exc)
        return await self._store_file(request, team, owner=file_records.channel_owner(key))

    async def _store_file(self, request: Request, team: str, uploader: int | None = None,
                          owner: str | None = None) -> Response:
        """Reads, checks, cleans and stores the body as a file the team may read. `uploader`: the agent
        sending it, whose later message names the file by the SHA-256 of the bytes sent."""
        try:
            if self.files is None:
                raise intake.IntakeError(503, "no_file_store", "this server keeps no files (no data directory)")
            data = await self._body(request, files.MAX_FILE_BYTES)
            try:
                stored = await asyncio.to_thread(self.files.ingest, data)
            except BlobError as exc:
                log.error("cannot store an uploaded file: %s", exc)
                raise intake.IntakeError(503, "file_store", "the file store cannot be reached; try again") from None
            sent = hashlib.sha256(data).hexdigest() if uploader is not None else ""
            result = await self.db.write(file_records.record, stored, team,
                                         (uploader, sent) if uploader is not None else None, owner)
            if uploader is not None:
                result["sent_sha256"] = sent
        except intake.IntakeError as exc:
            return self._err(exc)
        except files.FileRefused as exc:
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status)
        return Response(orjson.dumps(result), status_code=201, media_type="application/json")

    async def widget_upload(self, request: Request) -> Response:
        """A web-chat visitor's file (button, drop or paste in the widget), with the visitor token the
        chat socket gave them; the next `say` frame names it. At most 20 files per visitor per 10 minutes."""
        token = self._bearer(request)
        widget = request.query_params.get("w", "")
        found = await self.db.read(visitors.visitor_team, widget, token) if token and widget else None
        if found is None:
            return JSONResponse({"error": "auth_failed", "message": "open the chat first (no visitor token)"},
                                status_code=401)
        if not self._upload_allowed(token):
            return JSONResponse({"error": "rate_limited", "message": "too many files: wait a few minutes"},
                                status_code=429)
        return await self._store_file(request, found[0], owner=found[1])

    async def post_agent_file(self, request: Request) -> Response:
        """An agent's file (a size chart, a return label) before the message naming it is sent, with the
        session token; at most 100 per agent per 10 minutes."""
        user = await self._file_user(request)
        if user is None:
            return JSONResponse({"error": "auth_failed", "message": "log in: send the session token as "
                                 "'Authorization: Bearer TOKEN'"}, status_code=401)
        if not self._upload_allowed(f"user:{user.id}", limit=100):
            return JSONResponse({"error": "rate_limited", "message": "too many files: wait a few minutes"},
                                status_code=429)
        return await self._store_file(request, user.team_id, uploader=user.id)

    def _upload_allowed(self, token: str, limit: int = 20, window_s: float = 600.0) -> bool:
        now = time.monotonic()
        seen = [t for t in self._uploads.get(token, []) if now - t < window_s]
        if len(seen) >= limit:
            self._uploads[token] = seen
            return False
        seen.append(now)
        self._uploads[token] = seen
        if len(self._uploads) > 10_000:  # forget visitors who went quiet
            self._uploads = {k: v for k, v in self._uploads.items() if v and now - v[-1] < window_s}
        return True

    async def _file_user(self, request: Request) -> auth.User | None:
        token = self._bearer(request)
        return await self.db.read(auth.check_token, token) if token else None

    async def get_file(self, request: Request, thumb: bool = False) -> Response:
        """The file for a logged-in user whose team may read it (the sync token as a Bearer token);
        404 for a file of another team exactly as for no file."""
        user = await self._file_user(request)
        if user is None:
            return JSONResponse({"error": "auth_failed", "message": "log in: send the session token as "
                                 "'Authorization: Bearer TOKEN'"}, status_code=401)
        sha = request.path_params["sha"]
        found = await self.db.read(file_records.readable, user, sha) if SHA256.fullmatch(sha) else None
        return await self._file_response(sha, found, thumb)

    async def _file_response(self, sha: str, found: tuple[str, bool] | None, thumb: bool) -> Response:
        """The file's bytes when `found` (mime, has thumbnail) says the asker may read it; 404 alike
        for no such file, one they may not read, and a thumbnail that does not exist."""
        if found is None or self.files is None or (thumb and not found[1]):
            return JSONResponse({"error": "not_found", "message": "no such file"}, status_code=404)
        try:
            body = await asyncio.to_thread(self.files.read, sha, thumb)
        except BlobError as exc:
            log.error("cannot read file %s: %s", sha[:12], exc)
            return JSONResponse({"error": "file_store", "message": "the file store cannot be reached; try again"},
                                status_code=503)
        if body is None:
            log.error("file %s is recorded but missing from %s", sha[:12], self.files.blobs.describe())
            return JSONResponse({"error": "not_found", "message": "no such file"}, status_code=404)
        headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=31536000, immutable",
                   "Content-Security-Policy": "sandbox; default-src 'none'",
                   "Content-Disposition": "attachment" if found[0] == "application/pdf" and not thumb else "inline"}
        return Response(body, media_type="image/jpeg" if thumb else found[0], headers=headers)

    async def get_thumb(self, request: Request) -> Response:
        return await self.get_file(request, thumb=True)

    async def widget_file_get(self, request: Request, thumb: bool = False) -> Response:
        """A file on a reply of the visitor's own conversation (the photo they sent, the size chart the
        agent sent back), with the visitor token; 404 for anything else."""
        token, widget, sha = self._bearer(request), request.query_params.get("w", ""), request.path_params["sha"]
        found = (await self.db.read(visitors.visitor_file, widget, token, sha)
                 if token and widget and SHA256.fullmatch(sha) else None)
        return await self._file_response(sha, found, thumb)

    async def channel_file_get(self, request: Request) -> Response:
        """A file on a reply of a conversation on the key's channel (an agent's size chart to relay to
        the customer); 404 for anything else."""
        sha = request.path_params["sha"]
        try:
            key = self._api_key(request)
            found = await self.db.read(file_records.channel_readable, key, sha) if SHA256.fullmatch(sha) else None
        except intake.IntakeError as exc:
            return self._err(exc)
        return await self._file_response(sha, found, False)

    async def widget_thumb_get(self, request: Request) -> Response:
        return await self.widget_file_get(request, thumb=True)

    async def get_conversation(self, request: Request) -> Response:
        try:
            key = self._api_key(request)
            return JSONResponse(await self.db.read(intake.get_conversation, key, request.path_params["id"]))
        except intake.IntakeError as exc:
            return self._err(exc)


WIDGET_FILES = {"index.html": "text/html; charset=utf-8", "chat.js": "text/javascript; charset=utf-8",
                "chat.css": "text/css; charset=utf-8", "embed.js": "text/javascript; charset=utf-8"}


@dataclass
class Running:
    app: ServerApp
    host: str
    port: int

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/sync"

    @property
    def http(self) -> str:
        return f"http://{self.host}:{self.port}"


def open_database(data_dir: Path | None, database_url: str | None) -> tuple[Database, DataDirLock | None]:
    lock = None
    if database_url is None:
        assert data_dir is not None
        lock = DataDirLock(data_dir)
        lock.acquire()
        private_file(Path(data_dir) / "server.sqlite3")  # password hashes, tokens, customers' data
        database_url = sqlite_url(data_dir)
    db = Database(database_url)
    db.create_schema()
    return db, lock


@contextlib.asynccontextmanager
async def serve(data_dir: Path | None = None, *, host: str = "127.0.0.1", port: int = 0,
                database_url: str | None = None, log_level: str = "warning",
                config: Path | None = None, files: str | None = None) -> AsyncIterator[Running]:
    """Runs the server on this loop until the context exits. port=0 picks a free port. `config`: a
    TOML file applied before the port opens (ConfigError if bad) and reloaded when it changes.
    `files`: where customer files go, `s3://bucket[/prefix]` or a folder (default: DATA/files)."""
    blobs = (await asyncio.to_thread(open_blobs, files) if files is not None
             else Path(data_dir) / "files" if data_dir is not None else None)
    db, lock = await asyncio.to_thread(open_database, data_dir, database_url)
    app = ServerApp(db, blobs)
    await app.start()
    if config is not None:
        from cs_desk.server.config_watch import ConfigWatcher

        app.config_watcher = ConfigWatcher(db, app.hub, config)
        try:
            await app.config_watcher.reload()
        except Exception:
            await app.close()
            if lock:
                lock.release()
            raise
        app.config_watcher.start()
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    config = uvicorn.Config(app.asgi, interface="asgi3", log_level=log_level, ws="websockets-sansio", ws_max_size=C.MAX_FRAME_BYTES,
                            ws_ping_interval=C.PING_INTERVAL_S, ws_ping_timeout=C.PING_TIMEOUT_S,
                            ws_per_message_deflate=False, lifespan="off", timeout_graceful_shutdown=2,
                            backlog=4096, access_log=False)
    server = uvicorn.Server(config)
    server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.005)
    try:
        yield Running(app, host, sock.getsockname()[1])
    finally:
        server.should_exit = True
        for s in list(app.sessions):
            await s.t.close(C.CLOSE_SERVER_SHUTDOWN, "server shutting down")
        with contextlib.suppress(Exception):
            await task
        await app.close()
        if lock:
            lock.release()
