"""Errors a person may see. Each carries a message that says what to do."""


class CsDeskError(Exception):
    pass


class AuthError(CsDeskError):
    """Wrong password, expired or revoked token: the user must log in again."""


class ProtocolError(CsDeskError):
    """The peer sent something the protocol does not allow."""


class StoreError(CsDeskError):
    pass


class CacheUnreadable(StoreError):
    """The cache file is not a readable SQLite database (a disk error, a half-copied file)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"the local cache {path} cannot be read: {reason}")
        self.path, self.reason = path, reason
