"""Customer files in an S3-compatible object store (`serve --files s3://bucket/prefix`), against a
real S3 HTTP server on a free port (moto's server): uploads land in the bucket under their SHA-256,
cleaned, with thumbnails; downloads come back from it with the same team checks; a missing bucket
stops the server at start with the reason; a store gone away answers 503 and loses nothing."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json

import pytest
from PIL import Image

from cs_desk.server.app import serve
from cs_desk.server.blobs import BlobError
from tests.helpers.fixtures import Srv, make_agent
from tests.helpers.seed import seed
from tests.integration.test_files import fetch, photo_with_gps, upload


@pytest.fixture
def s3(monkeypatch):
    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{server._server.server_port}"
    for k, v in {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "desk", "AWS_SECRET_ACCESS_KEY": "desk-secret",
                 "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    client = boto3.client("s3")
    client.create_bucket(Bucket="desk-files")
    yield client, server
    server.stop()


async def test_files_go_to_the_bucket_and_come_back_for_their_team_only(s3, tmp_path):
    client, _server = s3
    data = tmp_path / "server"
    world = seed(data)
    async with serve(data, files="s3://desk-files/shop-1") as running:
        srv = Srv(running, world, data)
        status, body = await upload(srv, photo_with_gps())
        assert status == 201, body
        sha = body["sha256"]
        keys = sorted(o["Key"] for o in client.list_objects_v2(Bucket="desk-files")["Contents"])
        assert keys == [f"shop-1/{sha[:2]}/{sha}", f"shop-1/thumbs/{sha}.jpg"]
        obj = client.get_object(Bucket="desk-files", Key=f"shop-1/{sha[:2]}/{sha}")
        assert obj["ContentType"] == "image/jpeg"
        stored = obj["Body"].read()
        assert hashlib.sha256(stored).hexdigest() == sha and not Image.open(io.BytesIO(stored)).getexif().get_ifd(0x8825)
        assert not (data / "files").exists()  # nothing on the server's disk
        assert await upload(srv, photo_with_gps()) == (201, body)  # the same bytes: the same object

        alice = make_agent(running.url, tmp_path / "alice.sqlite3", "alice")
        carol = make_agent(running.url, tmp_path / "carol.sqlite3", "carol")
        for a in (alice, carol):
            await a.start()
            await a.live()
        status, got, _h = await fetch(srv, alice, sha)
        assert status == 200 and got == stored
        status, thumb, _h = await fetch(srv, alice, sha, thumb=True)
        assert status == 200 and Image.open(io.BytesIO(thumb)).format == "JPEG"
        assert (await fetch(srv, carol, sha))[0] == 404
        for a in (alice, carol):
            await a.stop()


async def test_a_store_that_goes_away_answers_503_and_a_missing_bucket_stops_the_start(s3, tmp_path):
    _client, server = s3
    data = tmp_path / "server"
    world = seed(data)
    with pytest.raises(BlobError, match="does not exist"):
        async with serve(data, files="s3://no-such-bucket"):
            pass
    async with serve(data, files="s3://desk-files") as running:
        srv = Srv(running, world, data)
        status, body = await upload(srv, b"%PDF-1.4\n%%EOF\n")
        assert status == 201
        alice = make_agent(running.url, tmp_path / "alice.sqlite3", "alice")
        await alice.start()
        await alice.live()
        await asyncio.to_thread(server.stop)
        status, answer = await upload(srv, photo_with_gps())
        assert (status, answer["error"]) == (503, "file_store") and "try again" in answer["message"]
        status, got, _h = await fetch(srv, alice, body["sha256"])
        assert status == 503 and json.loads(got)["error"] == "file_store"
        await alice.stop()
