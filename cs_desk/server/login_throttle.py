"""Slows password guessing: after a few wrong passwords for a user name, or from one address, further
password logins for it are refused for a while without even running argon2 (which also keeps a flood
of guesses from eating the server's CPU). A right password resets the name's count. Token logins are
not throttled: a token is 32 random bytes, not guessable. Counts live in this process's memory."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MAX_FAILURES = 5  # within WINDOW_S, per user name and per client address
WINDOW_S = 300.0
LOCKOUT_S = 60.0


class LoginThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic, max_failures: int = MAX_FAILURES,
                 window_s: float = WINDOW_S, lockout_s: float = LOCKOUT_S) -> None:
        self.clock = clock
        self.max_failures, self.window_s, self.lockout_s = max_failures, window_s, lockout_s
        self._fails: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        cutoff = self.clock() - self.window_s
        while q and q[0] < cutoff:
            q.popleft()
        if not q:
            self._fails.pop(key, None)
        return q

    def wait_s(self, name: str, address: str) -> float:
        """Seconds until a password login for this name from this address is tried again (0: now)."""
        longest = 0.0
        for key in (f"u:{name.casefold()}", f"a:{address}"):
            q = self._recent(key)
            if len(q) >= self.max_failures:
                longest = max(longest, q[-1] + self.lockout_s - self.clock())
        return max(0.0, longest)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        for key in (f"u:{name.casefold()}", f"a:{address}"):
            self._recent(key)
            self._fails.setdefault(key, deque()).append(now)
        if len(self._fails) > 100_000:  # bounded memory under a spray of names
            self._fails.clear()

    def succeeded(self, name: str) -> None:
        self._fails.pop(f"u:{name.casefold()}", None)
