"""Fan-out from publish(): once per loop turn, idle sockets get one frame directly; a socket whose
previous send still waits on the network gets the next frames through its pump, after that send, in
order; events published in the same turn go out as one frame."""

import asyncio
from types import SimpleNamespace

import orjson

from cs_desk.domain.model import Role
from cs_desk.server.auth import User
from cs_desk.server.eventlog import Event
from cs_desk.server.hub import Conn, Hub


def event(seq: int, team: str | None = "a") -> Event:
    return Event(seq, team, orjson.dumps({"seq": seq, "k": "message", "d": {"id": str(seq)}}))


def seqs(frames: list[str]) -> list[int]:
    return [e["seq"] for f in frames for e in orjson.loads(f)["events"]]


async def test_direct_sends_and_a_slow_socket_keeps_its_order():
    hub = Hub(SimpleNamespace(epoch="e"))  # the ring covers everything here: no database read
    user = User(1, "alice", "Alice", "a", Role.AGENT)
    fast_got: list[str] = []
    slow_got: list[str] = []
    slow_wait: asyncio.Future = asyncio.get_running_loop().create_future()

    async def fast_send(text: str) -> None:
        fast_got.append(text)

    async def slow_send(text: str) -> None:
        slow_got.append(text)

    def fast_now(text: str) -> None:
        fast_got.append(text)

    def slow_now(text: str) -> asyncio.Future:
        slow_got.append(text)  # written, but the socket's buffer is full: done when slow_wait is
        return slow_wait

    fast = Conn(user=user, client_id="f", send=fast_send, cursor=0, live=True, send_now=fast_now)
    slow = Conn(user=user, client_id="s", send=slow_send, cursor=0, live=True, send_now=slow_now)
    other = Conn(user=User(2, "carol", "Carol", "b", Role.AGENT), client_id="o", send=fast_send, cursor=0,
                 live=True, send_now=lambda t: fast_got.append("LEAK"))
    for c in (fast, slow, other):
        hub.add(c)
    hub.publish([event(1)])
    assert fast_got == []  # sent once per loop turn, not inside publish()
    await asyncio.sleep(0)  # one turn
    assert seqs(fast_got) == [1] and fast.cursor == 1 and not fast.wake.is_set()
    assert seqs(slow_got) == [1] and slow.pending is slow_wait
    assert other.cursor == 1 and "LEAK" not in fast_got  # another team's socket: no frame, cursor moves on
    hub.publish([event(2)])
    hub.publish([event(3)])  # the same turn: one frame with both
    await asyncio.sleep(0)
    assert seqs(fast_got) == [1, 2, 3] and len(fast_got) == 2
    assert slow.wake.is_set() and slow.cursor == 1  # still waiting on its first send: the pump takes over
    pump = asyncio.create_task(hub.pump(slow))
    await asyncio.sleep(0)
    assert seqs(slow_got) == [1]  # the pump waits for the send before it
    slow_wait.set_result(None)
    await pump
    assert seqs(slow_got) == [1, 2, 3] and slow.cursor == 3
