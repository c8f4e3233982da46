"""A deliberately thin websocket client for many connections at once: blocking sockets driven by one
epoll loop, RFC 6455 framing by hand, pings answered. No asyncio, no per-message objects.

Why not 1,000 `websockets` clients: in one Python process they cost tens of microseconds per received
message, so the last of 1,000 sockets would be read tens of milliseconds late and the figure would
measure the bench's client, not the server. Here reading a small frame costs a few microseconds, and
every socket that one epoll.poll() returns is stamped with the time that poll returned, i.e. when the
bytes were known to be there, not when this loop got round to them. The floor uses the same client."""

from __future__ import annotations

import base64
import contextlib
import os
import select
import socket
import struct
import time
from collections.abc import Callable

OP_CONT, OP_TEXT, OP_BIN, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10


def frame(payload: bytes, opcode: int = OP_TEXT) -> bytes:
    """A masked client frame (clients must mask; RFC 6455 §5.3)."""
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    mask = os.urandom(4)
    if n:
        m = (mask * (n // 4 + 1))[:n]
        payload = (int.from_bytes(payload, "little") ^ int.from_bytes(m, "little")).to_bytes(n, "little")
    return head + mask + payload


class Conn:
    __slots__ = ("sock", "fd", "buf", "open", "closed", "frag", "frag_op", "i", "ready", "got", "t", "t_sent",
                 "n", "left", "size", "token", "client_id")

    def __init__(self, sock: socket.socket, i: int) -> None:
        self.sock = sock
        self.fd = sock.fileno()
        self.buf = bytearray()
        self.open = False  # HTTP upgrade done
        self.closed = False
        self.frag = bytearray()
        self.frag_op = 0
        self.i = i
        self.ready = False  # set by the caller's handler (e.g. on caught_up)
        self.got = False
        self.t = 0
        self.t_sent = 0
        self.n = 0
        self.left = 0
        self.size = 0
        self.token = ""
        self.client_id = ""

    def send(self, payload: bytes | str) -> None:
        if isinstance(payload, str):
            payload = payload.encode()
        self.sock.sendall(frame(payload))


# handler(conn, opcode, payload, t_ns) for text/binary messages; on_open(conn) after the upgrade.
Handler = Callable[[Conn, int, bytes, int], None]


class Pool:
    def __init__(self, host: str, port: int, path: str = "/sync", subprotocol: str | None = None) -> None:
        self.host, self.port, self.path, self.subprotocol = host, port, path, subprotocol
        self.ep = select.epoll()
        self.by_fd: dict[int, Conn] = {}
        self.conns: list[Conn] = []
        self.handler: Handler = lambda c, op, p, t: None
        self.on_open: Callable[[Conn], None] = lambda c: None
        self.on_close: Callable[[Conn], None] = lambda c: None
        self.closed_count = 0

    def connect(self) -> Conn:
        s = socket.create_connection((self.host, self.port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n")
        if self.subprotocol:
            req += f"Sec-WebSocket-Protocol: {self.subprotocol}\r\n"
        s.sendall((req + "\r\n").encode())
        c = Conn(s, len(self.conns))
        self.conns.append(c)
        self.by_fd[c.fd] = c
        self.ep.register(c.fd, select.EPOLLIN)
        return c

    def close(self, c: Conn) -> None:
        if c.closed:
            return
        c.closed = True
        self.closed_count += 1
        with contextlib.suppress(OSError, ValueError):
            self.ep.unregister(c.fd)
        self.by_fd.pop(c.fd, None)
        with contextlib.suppress(OSError):
            c.sock.sendall(frame(struct.pack("!H", 1000), OP_CLOSE))
        c.sock.close()

    def close_all(self) -> None:
        for c in self.conns:
            self.close(c)
        self.conns = []
        self.ep.close()

    def run(self, until: Callable[[], bool], timeout: float, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not until():
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"timed out after {timeout:g} s waiting for {what or 'a condition'}")
            self.poll(min(left, 0.5))

    def run_for(self, seconds: float) -> None:
        """Keeps answering pings and draining frames while the caller waits."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.poll(left)

    def poll(self, timeout: float) -> None:
        ready = self.ep.poll(timeout)
        if not ready:
            return
        t = time.monotonic_ns()
        for fd, _ev in ready:
            c = self.by_fd.get(fd)
            if c is None:
                continue
            try:
                data = c.sock.recv(262144)
            except (ConnectionError, OSError):
                data = b""
            if not data:
                self.close(c)
                self.on_close(c)
                continue
            c.buf += data
            if not c.open:
                end = c.buf.find(b"\r\n\r\n")
                if end < 0:
                    continue
                status = bytes(c.buf[:c.buf.find(b"\r\n")])
                if b" 101 " not in status:
                    raise ConnectionError(f"websocket upgrade refused: {bytes(c.buf[:end]).decode(errors='replace')}")
                del c.buf[:end + 4]
                c.open = True
                self.on_open(c)
            self._frames(c, t)

    def _frames(self, c: Conn, t: int) -> None:
        buf = c.buf
        while len(buf) >= 2:
            b0, b1 = buf[0], buf[1]
            n = b1 & 0x7F
            off = 2
            if n == 126:
                if len(buf) < 4:
                    return
                n = struct.unpack_from("!H", buf, 2)[0]
                off = 4
            elif n == 127:
                if len(buf) < 10:
                    return
                n = struct.unpack_from("!Q", buf, 2)[0]
                off = 10
            if b1 & 0x80:  # servers never mask, but be lenient
                off += 4
            if len(buf) < off + n:
                return
            payload = bytes(buf[off:off + n])
            del buf[:off + n]
            op = b0 & 0x0F
            fin = b0 & 0x80
            if op == OP_PING:
                c.sock.sendall(frame(payload, OP_PONG))
            elif op == OP_PONG:
                pass
            elif op == OP_CLOSE:
                self.close(c)
                self.on_close(c)
                return
            elif op == OP_CONT:
                c.frag += payload
                if fin:
                    whole = bytes(c.frag)
                    c.frag = bytearray()
                    self.handler(c, c.frag_op, whole, t)
            elif not fin:
                c.frag_op = op
                c.frag = bytearray(payload)
            else:
                self.handler(c, op, payload, t)
