"""Fetches a customer file from the server over HTTP with the session token (Qt-free; the views run
it on a worker thread). The full file is checked against its SHA-256, its name on the server."""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

MAX_BYTES = 11 * 1024 * 1024  # the server takes at most 10 MiB


class FetchError(Exception):
    pass


def files_url(sync_url: str, sha256: str, thumb: bool) -> str:
    """ws://host:port/sync → http://host:port/files/<sha>[/thumb] (wss → https)."""
    u = urlsplit(sync_url)
    scheme = "https" if u.scheme == "wss" else "http"
    return urlunsplit((scheme, u.netloc, f"/files/{sha256}" + ("/thumb" if thumb else ""), "", ""))


def fetch(sync_url: str, token: str, sha256: str, thumb: bool, timeout: float = 30.0) -> bytes:
    req = urllib.request.Request(files_url(sync_url, sha256, thumb), headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError({401: "log in again to open files", 404: "this file is not available to you"}.get(
            exc.code, f"the server answered {exc.code}")) from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise FetchError(f"cannot reach the server: {exc}") from None
    if len(data) > MAX_BYTES:
        raise FetchError("the file is larger than the server allows")
    if not thumb and hashlib.sha256(data).hexdigest() != sha256:
        raise FetchError("the file arrived damaged (its checksum does not match)")
    return data
