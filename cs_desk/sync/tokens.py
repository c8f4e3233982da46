"""Where the session token lives: the OS keyring. With no keyring (headless Linux) the token is
kept for this session only, never in a file, and `persistent` says so for the UI to show."""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)
SERVICE = "cs_desk"


class TokenStore(Protocol):
    persistent: bool

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, token: str) -> None: ...
    def delete(self, key: str) -> None: ...


class MemoryTokenStore:
    persistent = False

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._tokens.get(key)

    def set(self, key: str, token: str) -> None:
        self._tokens[key] = token

    def delete(self, key: str) -> None:
        self._tokens.pop(key, None)


class KeyringTokenStore:
    """Falls back to memory on the first keyring error and stays there for the session."""

    def __init__(self) -> None:
        self._fallback: MemoryTokenStore | None = None
        self.persistent = True

    def _fail(self, exc: Exception) -> MemoryTokenStore:
        if self._fallback is None:
            log.warning("no usable OS keyring (%s): the login lasts for this session only", type(exc).__name__)
            self._fallback = MemoryTokenStore()
            self.persistent = False
        return self._fallback

    def get(self, key: str) -> str | None:
        if self._fallback is not None:
            return self._fallback.get(key)
        import keyring
        try:
            return keyring.get_password(SERVICE, key)
        except Exception as exc:  # keyring raises backend-specific errors
            return self._fail(exc).get(key)

    def set(self, key: str, token: str) -> None:
        if self._fallback is not None:
            self._fallback.set(key, token)
            return
        import keyring
        try:
            keyring.set_password(SERVICE, key, token)
        except Exception as exc:
            self._fail(exc).set(key, token)

    def delete(self, key: str) -> None:
        if self._fallback is not None:
            self._fallback.delete(key)
            return
        import keyring
        try:
            keyring.delete_password(SERVICE, key)
        except Exception as exc:
            if type(exc).__name__ != "PasswordDeleteError":
                self._fail(exc).delete(key)
