"""Composition root and command line of the desktop client.

`cs-desk` opens the workstation (login, or straight from the cache); `cs-desk demo` runs an embedded
server with demo data and opens the workstation logged in (`--headless` prints instead);
`cs-desk sync` keeps a cache in sync without a window."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from pathlib import Path

from cs_desk import APP_NAME, __version__


def default_cache(server_url: str, user: str) -> Path:
    import hashlib

    from cs_desk.paths import data_dir

    base = data_dir()
    tag = hashlib.sha256(f"{server_url}|{user}".encode()).hexdigest()[:12]
    return base / f"cache-{user}-{tag}.sqlite3"


def cmd_demo(args: argparse.Namespace) -> int:
    try:
        from cs_desk import demo
    except ImportError as exc:  # the installed desktop bundle holds the client only
        print(f"cs-desk demo needs the server part, which this installation does not have ({exc.name}).\n"
              "Install it from source: pip install 'cs-desk[server]'", file=sys.stderr)
        return 2

    role = "lead" if args.as_ == "lead" else "agent"
    try:
        if args.headless:
            return asyncio.run(demo.run(args.data, role, args.duration, args.port, args.seed, args.rate))
        return demo.run_gui(args.data, role, args.port, args.rate, args.screenshot, args.language)
    except KeyboardInterrupt:
        return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from cs_desk.headless import Printer, run_client
    from cs_desk.store.cache import open_cache
    from cs_desk.sync.client import SyncClient
    from cs_desk.sync.engine import SyncEngine
    from cs_desk.sync.tokens import KeyringTokenStore

    cache = args.cache or default_cache(args.server, args.user)
    tokens = KeyringTokenStore()
    store = open_cache(Path(cache), tokens)
    engine = SyncEngine(store, tokens, args.server)
    if not engine.can_connect():
        pw = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(f"Password for {args.user}: ")
        engine.set_login(args.user, pw)
    engine.listeners.append(Printer(store))
    client = SyncClient(engine, args.server)
    print(f"[sync] cache {cache}", flush=True)
    try:
        asyncio.run(run_client(client, args.duration))
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    if not tokens.persistent:
        print("[sync] no OS keyring: the login was kept for this session only", file=sys.stderr)
    return 1 if engine.state.value == "auth_failed" else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cs-desk", description="cs_desk customer-service workstation")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    p.add_argument("--self-test", action="store_true",
                   help="start offscreen on a temporary cache, build the window, print versions, exit 0 or 1")
    sub = p.add_subparsers(dest="cmd")
    d = sub.add_parser("demo", help="embedded server with demo data and a headless agent")
    d.add_argument("--as", dest="as_", choices=["agent", "lead"], default="agent")
    d.add_argument("--data", type=Path, help="keep demo data here (default: a temporary directory)")
    d.add_argument("--duration", type=float, help="stop after this many seconds (default: until Ctrl+C)")
    d.add_argument("--port", type=int, default=0, help="server port (default: any free port)")
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--rate", type=float, default=0.5, help="simulated customer messages per second")
    d.add_argument("--headless", action="store_true", help="no window: print what the agent syncs")
    d.add_argument("--screenshot", type=Path, help="draw the populated window, save it as PNG and exit")
    d.add_argument("--language", choices=["en", "zh_CN"], default="", help="UI language (default: the system's)")
    d.set_defaults(func=cmd_demo)
    s = sub.add_parser("sync", help="keep a local cache in sync, headless")
    s.add_argument("--server", required=True, help="e.g. ws://127.0.0.1:8765/sync")
    s.add_argument("--user", required=True)
    s.add_argument("--cache", type=Path)
    s.add_argument("--duration", type=float)
    s.add_argument("--password-stdin", action="store_true")
    s.set_defaults(func=cmd_sync)
    return p


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_file() -> Path | None:
    """The window app keeps a rotating log (a frozen windowed app has no stderr to read). Logs hold
    no tokens or passwords; customer text stays out of them too, so they can be sent to support."""
    from logging.handlers import RotatingFileHandler

    from cs_desk.paths import log_dir
    from cs_desk.private_files import private_file

    path = log_dir() / "cs_desk.log"
    try:
        private_file(path)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file at %s: %s", path, exc)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    for other in root.handlers:  # the console keeps showing warnings only
        if other.level == logging.NOTSET:
            other.setLevel(logging.WARNING)
    root.addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return path


def main(argv: list[str] | None = None) -> int:
    if sys.stderr is not None:  # None in a frozen windowed app
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from cs_desk import self_test

        return self_test.run()
    if args.cmd is None:
        from cs_desk import gui

        log_to_file()
        logging.getLogger(__name__).info("%s %s starting", APP_NAME, __version__)
        return gui.run()
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
