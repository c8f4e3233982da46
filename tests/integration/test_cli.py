"""cs-desk-server admin commands, as an operator runs them."""

import os
import subprocess
import sys
from pathlib import Path

from cs_desk.sync.engine import State
from tests.helpers.fixtures import make_agent

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, stdin=""):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cs_desk.server", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=60)


async def test_admin_commands_and_login(tmp_path):
    data = str(tmp_path / "srv")
    assert cli("admin", "--data", data, "add-team", "presales", "--name", "售前").returncode == 0
    r = cli("admin", "--data", data, "add-user", "wangfang", "--team", "presales", "--role", "agent",
            "--display-name", "王芳", "--password-stdin", stdin="s3cret-pw\n")
    assert r.returncode == 0, r.stderr
    r = cli("admin", "--data", data, "add-user", "x", "--team", "nope", "--password-stdin", stdin="s3cret-pw\n")
    assert r.returncode == 1 and "team 'nope' does not exist" in r.stderr
    r = cli("admin", "--data", data, "add-user", "wangfang", "--team", "presales", "--password-stdin",
            stdin="s3cret-pw\n")
    assert r.returncode == 1 and "already exists" in r.stderr
    r = cli("admin", "--data", data, "list-users")
    assert "wangfang" in r.stdout and "王芳" in r.stdout

    from cs_desk.server.app import serve
    async with serve(Path(data)) as running:
        a = make_agent(running.url, tmp_path / "c.sqlite3", "wangfang", "s3cret-pw")
        await a.start()
        await a.live()
        assert a.engine.tokens.get(a.engine.token_key)
        await a.stop()
        r = cli("admin", "--data", data, "revoke-tokens", "wangfang")
        assert r.returncode == 0 and "revoked 1 token" in r.stdout
        b = make_agent(running.url, tmp_path / "c.sqlite3", None, tokens=a.engine.tokens)  # token only
        await b.start()
        await b.wait(lambda: b.engine.state is State.AUTH_FAILED)
        await b.stop()
    r = cli("admin", "--data", data, "revoke-tokens", "ghost")
    assert r.returncode == 1 and "does not exist" in r.stderr
