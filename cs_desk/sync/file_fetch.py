"""Customer files over HTTP with the session token (Qt-free, run on worker threads): fetching one
(the full file is checked against its SHA-256, its name on the server), and uploading the agent's
files before the queued message naming them goes out."""

from __future__ import annotations

import hashlib
import http.client
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import orjson

MAX_BYTES = 11 * 1024 * 1024  # the server takes at most 10 MiB


class FetchError(Exception):
    pass


class UploadRefused(FetchError):
    """The server will never take this file (its type, its size, the conversation's limits)."""


def files_url(sync_url: str, sha256: str = "", thumb: bool = False) -> str:
    """ws://host:port/sync → http://host:port/files[/<sha>[/thumb]] (wss → https)."""
    u = urlsplit(sync_url)
    scheme = "https" if u.scheme == "wss" else "http"
    path = "/files" + (f"/{sha256}" if sha256 else "") + ("/thumb" if thumb else "")
    return urlunsplit((scheme, u.netloc, path, "", ""))


def upload(sync_url: str, token: str, data: bytes, timeout: float = 60.0) -> dict:
    """POSTs the bytes; the answer names the stored file (sha256, mime, size, …) and the SHA-256 of the
    bytes sent. Raises UploadRefused for a file the server will never take, FetchError for what a
    later try may cure (no network, a timeout, too many uploads just now, a login to renew)."""
    req = urllib.request.Request(files_url(sync_url), data=data, method="POST",
                                 headers={"Authorization": f"Bearer {token}",
                                          "Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read(1 << 16)
    except urllib.error.HTTPError as exc:
        try:
            answer = orjson.loads(exc.read(1 << 16))
            why, code = str(answer.get("message") or ""), str(answer.get("error") or "")
        except (orjson.JSONDecodeError, AttributeError, OSError, http.client.HTTPException):
            why, code = "", ""
        if exc.code in (400, 413, 415, 422) or code == "no_file_store" or exc.code in (404, 405, 501):
            # never taken: the file itself, or a server that keeps no files (or predates them)
            raise UploadRefused(why or f"the server does not take files ({exc.code})") from None
        raise FetchError(why or f"the server answered {exc.code}") from None
    except (urllib.error.URLError, OSError, TimeoutError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(f"cannot reach the server: {exc}") from None
    try:
        answer = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise FetchError("the server's answer to an upload is not JSON") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("sha256"), str):
        raise FetchError("the server's answer to an upload names no file")
    return answer


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
