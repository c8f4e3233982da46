"""Tokens live in the OS keyring; without one they last for the session only, never in a file."""

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import NoKeyringError, PasswordDeleteError

from cs_desk.sync.tokens import SERVICE, KeyringTokenStore


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.items = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.items:
            raise PasswordDeleteError("missing")
        del self.items[(service, username)]


class NoKeyring(KeyringBackend):
    priority = 1

    def get_password(self, service, username):
        raise NoKeyringError("no backend")

    def set_password(self, service, username, password):
        raise NoKeyringError("no backend")

    def delete_password(self, service, username):
        raise NoKeyringError("no backend")


@pytest.fixture
def restore_keyring():
    old = keyring.get_keyring()
    yield
    keyring.set_keyring(old)


def test_token_goes_to_the_keyring(restore_keyring):
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    store = KeyringTokenStore()
    store.set("ws://h/sync#client", "tok")
    assert kr.items[(SERVICE, "ws://h/sync#client")] == "tok"
    assert store.get("ws://h/sync#client") == "tok" and store.persistent
    store.delete("ws://h/sync#client")
    store.delete("ws://h/sync#client")  # deleting twice is fine
    assert store.get("ws://h/sync#client") is None


def test_no_keyring_keeps_the_token_for_the_session_only(restore_keyring, tmp_path, monkeypatch, caplog):
    keyring.set_keyring(NoKeyring())
    monkeypatch.chdir(tmp_path)
    store = KeyringTokenStore()
    store.set("k", "tok")
    assert store.get("k") == "tok"
    assert not store.persistent
    assert "session only" in caplog.text
    assert list(tmp_path.iterdir()) == []  # nothing written to disk
