"""Where the bytes of customer files live: a folder under the data directory (the default), or an
S3-compatible object store (AWS S3, MinIO, Ceph, OSS, COS…) for deployments of several server
processes or machines. Both are content-addressed: a key holds the same bytes forever, so writing an
existing key is skipped, and nothing is ever overwritten or half-written under a real name.

Keys: `<sha256[:2]>/<sha256>` for files, `thumbs/<sha256>.jpg` for thumbnails."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit


class BlobError(Exception):
    """The store cannot be reached or refused a request (a network or permission problem)."""


class Blobs(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None: ...
    def get(self, key: str) -> bytes | None: ...
    def describe(self) -> str: ...


class FolderBlobs:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*key.split("/"))

    def put(self, key: str, data: bytes, content_type: str) -> None:
        target = self._path(key)
        if target.exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BlobError(f"cannot read {key} under {self.root}: {exc}") from None

    def describe(self) -> str:
        return str(self.root)


class S3Blobs:
    """An S3 bucket (with an optional key prefix) through boto3, which reads the endpoint, region and
    credentials the standard way: AWS_ENDPOINT_URL, AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID /
    AWS_SECRET_ACCESS_KEY, or ~/.aws. Objects are written private with their type and a checksum."""

    def __init__(self, bucket: str, prefix: str = "", client: Any = None) -> None:
        if client is None:
            try:
                import boto3
                from botocore.config import Config
            except ImportError:
                raise BlobError("an s3:// file store needs boto3: pip install 'cs-desk[s3]'") from None
            client = boto3.client("s3", config=Config(retries={"max_attempts": 5, "mode": "standard"},
                                                      connect_timeout=10, read_timeout=60))
        self.s3, self.bucket, self.prefix = client, bucket, prefix.strip("/")

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _call(self, fn: Any, **kw: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return fn(Bucket=self.bucket, **kw)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise BlobError(f"the file store s3://{self.bucket} refused a request: {code or exc}") from None
        except BotoCoreError as exc:
            raise BlobError(f"the file store s3://{self.bucket} cannot be reached: {exc}") from None

    def put(self, key: str, data: bytes, content_type: str) -> None:
        if self._call(self.s3.head_object, Key=self._key(key)) is not None:
            return  # content-addressed: there already
        self._call(self.s3.put_object, Key=self._key(key), Body=data, ContentType=content_type,
                   ChecksumAlgorithm="SHA256")

    def get(self, key: str) -> bytes | None:
        from botocore.exceptions import BotoCoreError

        obj = self._call(self.s3.get_object, Key=self._key(key))
        if obj is None:
            return None
        try:
            return obj["Body"].read()
        except (BotoCoreError, OSError) as exc:
            raise BlobError(f"reading s3://{self.bucket}/{self._key(key)} failed: {exc}") from None

    def check(self) -> None:
        """Fails at start-up, with the reason, when the bucket cannot be used."""
        if self._call(self.s3.head_bucket) is None:
            raise BlobError(f"the file store bucket {self.bucket!r} does not exist")

    def describe(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def open_blobs(spec: str | Path) -> Blobs:
    """`s3://bucket[/prefix]` for an object store, anything else a folder."""
    text = str(spec)
    if text.startswith("s3://"):
        u = urlsplit(text)
        if not u.netloc:
            raise BlobError("name the bucket: s3://BUCKET[/PREFIX]")
        blobs = S3Blobs(u.netloc, u.path)
        blobs.check()
        return blobs
    return FolderBlobs(Path(text))
