"""Customer files against a real server: a channel uploads, the type is read from the bytes, photos
lose their EXIF (GPS) and get a thumbnail, and hostile files are refused with a clear answer: a
decompression bomb, an executable renamed .png, an oversized file. A PDF renamed .jpg is taken as the
PDF it is. Only a logged-in user of a team that may read the file gets it; for anyone else it does
not exist."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import urllib.error
import urllib.request

from PIL import Image

from cs_desk.server import files


def request(url, method="GET", body=None, headers=None):  # noqa: ANN001, ANN201
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, resp.read(), {k.lower(): v for k, v in resp.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), {k.lower(): v for k, v in exc.headers.items()}


async def upload(srv, data: bytes, name: str = "photo.jpg", team: str = "a"):  # noqa: ANN001, ANN201
    headers = {"Authorization": f"Bearer {srv.world.keys[team]}", "Content-Type": "application/octet-stream",
               "X-Filename": name}
    status, body, _h = await asyncio.to_thread(request, f"{srv.running.http}/api/v1/files", "POST", data, headers)
    return status, json.loads(body)


async def fetch(srv, agent, sha: str, thumb: bool = False):  # noqa: ANN001, ANN201
    token = agent.engine.tokens.get(agent.engine.token_key)
    url = f"{srv.running.http}/files/{sha}" + ("/thumb" if thumb else "")
    return await asyncio.to_thread(request, url, "GET", None, {"Authorization": f"Bearer {token}"})


def photo_with_gps(color: tuple[int, int, int] = (200, 60, 40)) -> bytes:
    img = Image.new("RGB", (1200, 800), color)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (31.0, 14.0, 0.0), "E", (121.0, 28.0, 0.0)  # Shanghai
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


async def test_a_photo_is_cleaned_thumbnailed_and_read_by_its_team_only(srv, agents):
    data = photo_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the GPS is there to begin with
    status, body = await upload(srv, data)
    assert status == 201, body
    assert (body["mime"], body["width"], body["height"], body["thumbnail"]) == ("image/jpeg", 1200, 800, True)
    alice, carol = await agents("alice"), await agents("carol")
    await alice.live()
    await carol.live()
    status, stored, headers = await fetch(srv, alice, body["sha256"])
    assert status == 200 and headers["content-type"] == "image/jpeg" and headers["x-content-type-options"] == "nosniff"
    assert hashlib.sha256(stored).hexdigest() == body["sha256"]  # content-addressed
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif  # GPS and camera gone
    status, thumb, _h = await fetch(srv, alice, body["sha256"], thumb=True)
    assert status == 200 and max(Image.open(io.BytesIO(thumb)).size) == files.THUMB_PX
    # another team's agent: the file does not exist for them, by hash or by thumbnail
    for t in (False, True):
        status, answer, _h = await fetch(srv, carol, body["sha256"], thumb=t)
        assert status == 404 and json.loads(answer)["error"] == "not_found"
    status, _b, _h = await asyncio.to_thread(request, f"{srv.running.http}/files/{body['sha256']}")
    assert status == 401  # no token
    again = await upload(srv, data)
    assert again == (201, body)  # the same bytes are the same file


async def test_hostile_and_mislabelled_files(srv):
    bomb = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(bomb, "PNG")  # 400 megapixels in a few kilobytes
    assert len(bomb.getvalue()) < 200_000
    status, body = await upload(srv, bomb.getvalue(), "cute.png")
    assert (status, body["error"]) == (422, "too_many_pixels") and "megapixels" in body["message"]

    exe = b"MZ\x90\x00" + b"\x00" * 2000 + b"This program cannot be run in DOS mode"
    status, body = await upload(srv, exe, "size-chart.png")
    assert (status, body["error"]) == (415, "unsupported_type") and "content" in body["message"]

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    status, body = await upload(srv, pdf, "label.jpg")
    assert status == 201 and (body["mime"], body["thumbnail"]) == ("application/pdf", False)

    status, body = await upload(srv, b"\xff\xd8\xff" + b"\x00" * (files.MAX_FILE_BYTES + 1), "huge.jpg")
    assert (status, body["error"]) == (413, "too_large")

    status, body = await upload(srv, b"\xff\xd8\xff\xe0 not really a jpeg", "broken.jpg")
    assert (status, body["error"]) == (422, "unreadable_image")

    status, body = await upload(srv, b"", "empty.png")
    assert (status, body["error"]) == (400, "empty_file")
    headers = {"Authorization": "Bearer nope"}
    status, answer, _h = await asyncio.to_thread(request, f"{srv.running.http}/api/v1/files", "POST", pdf, headers)
    assert status == 401 and json.loads(answer)["error"] == "bad_api_key"
    assert not list(srv.data.glob("files/**/.incoming-*"))  # nothing half-written left behind


async def test_files_go_with_a_message_and_follow_a_transfer(srv, agents):
    from cs_desk.ops import actions
    from cs_desk.store import queries
    from tests.integration.test_intake import post

    status, photo = await upload(srv, photo_with_gps())
    status_b, other = await upload(srv, b"%PDF-1.4\n%%EOF\n", team="b")
    assert status == status_b == 201
    msg = {"customer": {"name": "周杰", "email": "zhou@example.com"}, "body": "",
           "attachments": [{"sha256": photo["sha256"], "name": "破损.jpg"}]}
    code, res = await post(srv, msg, idem="f1")
    assert code == 201, res
    alice, carol = await agents("alice"), await agents("carol")
    await alice.live()
    await carol.live()
    cid = res["conversation_id"]
    await alice.wait(lambda: any(m["id"] == res["message_id"] for m in queries.messages(alice.store.conn, cid)))
    m = next(m for m in queries.messages(alice.store.conn, cid) if m["id"] == res["message_id"])
    meta = json.loads(m["meta"]) if isinstance(m["meta"], str) else m["meta"]
    assert meta["attachments"] == [{"sha256": photo["sha256"], "name": "破损.jpg", "mime": "image/jpeg",
                                    "size": photo["size"], "width": 1200, "height": 800, "thumbnail": True}]
    assert (await fetch(srv, carol, photo["sha256"]))[0] == 404
    # refused: a file never uploaded, one uploaded by another team's channel, nothing at all
    for bad, words in ((["0" * 64], "unknown_file"), ([other["sha256"]], "unknown_file")):
        code, answer = await post(srv, {**msg, "attachments": [{"sha256": s} for s in bad]}, idem=f"x{bad[0][:4]}")
        assert (code, answer["error"]) == (404, words)
    code, answer = await post(srv, {**msg, "attachments": []}, idem="empty")
    assert code == 400 and "body, attachments" in answer["message"]

    # transferred to team b: its people may now read the conversation's files
    actions.claim(alice.store, cid)
    actions.transfer(alice.store, cid, srv.world.users["alice"], "after-sales handles breakage",
                     to_team_id="b")
    alice.client.outbox_changed()
    await alice.synced()
    await carol.wait(lambda: queries.conversation(carol.store.conn, cid) is not None)
    status, data, _h = await fetch(srv, carol, photo["sha256"])
    assert status == 200 and hashlib.sha256(data).hexdigest() == photo["sha256"]
