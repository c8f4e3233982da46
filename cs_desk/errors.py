"""Errors a person may see. Each carries a message that says what to do."""


class CsDeskError(Exception):
    pass


class AuthError(CsDeskError):
    """Wrong password, expired or revoked token: the user must log in again."""


class ProtocolError(CsDeskError):
    """The peer sent something the protocol does not allow."""


class StoreError(CsDeskError):
    pass
