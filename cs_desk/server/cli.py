"""cs-desk-server: serve, admin, demo-data."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from cs_desk import __version__
from cs_desk.domain.model import Role

DEFAULT_DATA = Path("cs-desk-data")


def _db_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory for embedded SQLite")
    p.add_argument("--database-url", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db")


def _open(args: argparse.Namespace):  # noqa: ANN202 - returns the Database
    from cs_desk.server.db import Database, sqlite_url

    url = args.database_url or sqlite_url(args.data)
    if not args.database_url:
        args.data.mkdir(parents=True, exist_ok=True)
    db = Database(url)
    db.create_schema()
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    from cs_desk.server.app import serve

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        async with serve(args.data, host=args.host, port=args.port, database_url=args.database_url,
                         log_level=args.log_level, config=args.config, files=args.files) as running:
            print(f"cs-desk-server {__version__} listening on {running.url} (HTTP {running.http})", flush=True)
            await stop.wait()

    from cs_desk.server.blobs import BlobError
    from cs_desk.server.config_file import ConfigError

    try:
        asyncio.run(run())
    except ConfigError as exc:
        print(f"error: the configuration is not valid, nothing was applied:\n{exc}", file=sys.stderr)
        return 2
    except (RuntimeError, BlobError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from cs_desk.server.simulator import Simulator, parse_duration, parse_rate

    try:
        rate = parse_rate(args.rate)
        duration = parse_duration(args.duration) if args.duration else None
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sim = Simulator(args.url, args.api_key, args.widget, args.seed)
    print(f"simulating customers against {args.url} at {rate:g}/s"
          + (f" for {duration:g} s" if duration else "") + " (Ctrl+C stops)", flush=True)
    try:
        stats = asyncio.run(sim.run(rate, duration, args.count, report=lambda line: print(line, flush=True)))
    except KeyboardInterrupt:
        stats = sim.stats
    print(stats.line(), flush=True)
    return 0 if stats.messages else 1


class _DryRun(Exception):
    pass


def cmd_check_config(args: argparse.Namespace) -> int:
    from cs_desk.server import config_apply, config_file

    try:
        cfg = config_file.load(args.file)
        db = _open(args)
        try:
            with db.write_tx() as conn:
                summary = config_apply.apply(conn, cfg, str(args.file))
                raise _DryRun  # roll back: this only checks
        except _DryRun:
            pass
        finally:
            db.close()
    except config_file.ConfigError as exc:
        print(f"{exc}", file=sys.stderr)
        return 2
    print(f"{args.file}: valid; applying it would change " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    return 0


def _password(args: argparse.Namespace) -> str:
    pw = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
    if len(pw) < 4:
        raise ValueError("password must have at least 4 characters")
    return pw


def _retimed(conn: Any) -> int:
    from cs_desk.server import teams
    from cs_desk.server.eventlog import EventWriter

    ev = EventWriter(conn)
    n = teams.retime(conn, ev)
    ev.flush()
    return n


def _scope(team: str | None) -> str:
    return f"team {team}" if team else "all teams"


def cmd_admin(args: argparse.Namespace) -> int:
    from cs_desk.server import auth, intake, knowledge, sla, teams

    db = _open(args)
    try:
        with db.write_tx() as conn:
            if args.admin_cmd == "add-user":
                uid = auth.add_user(conn, args.name, args.display_name or args.name, args.team, Role(args.role),
                                    _password(args), capacity=args.capacity)
                print(f"added user {args.name} (id {uid}, team {args.team}, role {args.role})")
            elif args.admin_cmd == "add-team":
                teams.add_team(conn, args.id, args.name, args.name_en or "")
                print(f"added team {args.id}")
            elif args.admin_cmd == "set-team":
                n = teams.set_team(conn, args.id, sensitive_mode=args.sensitive_mode,
                                   sla_first_response_s=args.sla_first_response, sla_next_response_s=args.sla_next_response,
                                   sla_resolution_s=args.sla_resolution, strategy=args.strategy,
                                   returning_first=args.returning_first, returning_days=args.returning_days,
                                   overflow_after_s=args.overflow_after, overflow_team=args.overflow_team,
                                   calendar_id=args.calendar, reopen_days=args.reopen_days,
                                   followup_below=args.followup_below)
                print(f"updated team {args.id}; {n} open conversation(s) got a new deadline")
            elif args.admin_cmd == "add-calendar":
                sla.set_calendar(conn, args.id, sla.parse_hours(args.hours), args.holiday or [], args.name or "",
                                 args.utc_offset)
                print(f"calendar {args.id} saved; {_retimed(conn)} open conversation(s) got a new deadline")
            elif args.admin_cmd == "add-sla-policy":
                pid = sla.add_policy(conn, team_id=args.team, category=args.category, priority=args.priority,
                                     first_response_s=args.first_response, next_response_s=args.next_response,
                                     resolution_s=args.resolution, calendar_id=args.calendar,
                                     escalate=tuple(e for e in args.escalate.split(",") if e))
                print(f"added SLA policy {pid}; {_retimed(conn)} open conversation(s) got a new deadline")
            elif args.admin_cmd == "list-sla-policies":
                for p in sla.list_policies(conn):
                    print(f"{p.id:>4}  team {p.team_id or '*':<10} {p.category or '*':<12} {p.priority or '*':<7} "
                          f"first {p.first_response_s}s next {p.next_response_s}s resolve {p.resolution_s}s "
                          f"calendar {p.calendar_id or '-'} escalate {','.join(orjson.loads(p.escalate)) or '-'}")
            elif args.admin_cmd == "remove-sla-policy":
                n = sla.remove_policy(conn, args.id)
                print(f"removed {n} SLA policy; {_retimed(conn)} open conversation(s) got a new deadline")
            elif args.admin_cmd == "add-rule":
                rid = teams.add_rule(conn, args.team, args.field, args.op, args.value, to_team=args.to_team,
                                     to_agent=args.to_agent)
                print(f"added rule {rid}")
            elif args.admin_cmd == "list-rules":
                for r in teams.list_rules(conn, args.team):
                    target = f"team {r.to_team}" if r.to_team else f"agent #{r.to_agent}"
                    print(f"{r.id:>4}  {r.team_id:<12} {r.position:>3}  {r.field} {r.op} {r.value!r} → {target}")
            elif args.admin_cmd == "remove-rule":
                print(f"removed {teams.remove_rule(conn, args.id)} rule(s)")
            elif args.admin_cmd == "set-agent":
                teams.set_agent(conn, args.name, capacity=args.capacity, rank=args.rank)
                print(f"updated {args.name}")
            elif args.admin_cmd == "add-sensitive-word":
                teams.add_sensitive_word(conn, args.word, args.team)
                print(f"added sensitive word {args.word!r} ({'team ' + args.team if args.team else 'all teams'})")
            elif args.admin_cmd == "remove-sensitive-word":
                n = teams.remove_sensitive_word(conn, args.word, args.team)
                print(f"removed {n} sensitive word(s)")
            elif args.admin_cmd == "add-business-word":
                knowledge.add_business_word(conn, args.word, args.category, args.team)
                print(f"added business word {args.word!r} → {args.category} ({_scope(args.team)})")
            elif args.admin_cmd == "remove-business-word":
                print(f"removed {knowledge.remove_business_word(conn, args.word, args.team)} business word(s)")
            elif args.admin_cmd == "add-synonym":
                knowledge.add_synonym(conn, args.variant, args.standard, args.team)
                print(f"added synonym {args.variant!r} = {args.standard!r} ({_scope(args.team)})")
            elif args.admin_cmd == "remove-synonym":
                print(f"removed {knowledge.remove_synonym(conn, args.variant, args.team)} synonym(s)")
            elif args.admin_cmd == "set-snippet":
                sid = knowledge.set_snippet(conn, args.shortcut, args.title, args.body, args.category or "", args.team)
                print(f"snippet /{args.shortcut.lstrip('/')} saved (id {sid}, {_scope(args.team)})")
            elif args.admin_cmd == "remove-snippet":
                print(f"removed {knowledge.remove_snippet(conn, args.shortcut)} snippet(s)")
            elif args.admin_cmd == "list-vocabulary":
                for kind, word, what, team in knowledge.vocabulary(conn):
                    print(f"{kind:<8} {word!r:<20} {'→' if kind == 'word' else '='} {what:<14} {_scope(team)}")
            elif args.admin_cmd == "classify":
                c = knowledge.try_text(conn, args.text, args.team)
                why = "、".join(c.words) if c.words else "no business word matched"
                print(f"{c.category} (priority {c.priority}): {why}")
            elif args.admin_cmd == "list-users":
                print(f"{'id':>4}  {'name':<16} {'team':<12} {'role':<6} display name")
                for u in auth.list_users(conn):
                    flag = " (disabled)" if u.disabled else ""
                    print(f"{u.id:>4}  {u.name:<16} {u.team_id:<12} {u.role:<6} {u.display_name}{flag}")
            elif args.admin_cmd == "disable-user":
                n = auth.disable_user(conn, args.name)
                print(f"disabled {args.name}; revoked {n} token(s) (live sessions end within seconds)")
            elif args.admin_cmd == "revoke-tokens":
                n = auth.revoke_tokens(conn, args.name)
                print(f"revoked {n} token(s) of {args.name}")
            elif args.admin_cmd == "add-api-key":
                key = intake.add_api_key(conn, args.channel, args.team)
                print(key)
            elif args.admin_cmd == "set-webhook":
                from cs_desk.server import webhooks

                print(webhooks.set_webhook(conn, args.channel, args.url))
                print("(the signing secret above is shown once: X-CsDesk-Signature is HMAC-SHA256 of "
                      "timestamp + '.' + body)", file=sys.stderr)
            elif args.admin_cmd == "remove-webhook":
                from cs_desk.server import webhooks

                print(f"removed {webhooks.remove_webhook(conn, args.channel)} webhook(s)")
            elif args.admin_cmd == "add-widget":
                from cs_desk.server import visitors

                wid = visitors.add_widget(conn, args.team, args.channel)
                print(wid)
                print(f'embed: <script src="https://YOUR-DESK-HOST/widget/embed.js" data-widget="{wid}" async></script>',
                      file=sys.stderr)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from cs_desk.server import demo_data, demo_load

    db = _open(args)
    try:
        # Times end at the moment of the call, so waiting times and deadlines look current.
        data = demo_data.generate(seed=args.seed, customers=args.customers, conversations=args.conversations,
                                  now=datetime.now(UTC))
        with db.write_tx() as conn:
            info = demo_load.load(conn, data)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.close()
    if not args.database_url:
        (args.data / "demo-api-key.txt").write_text(info["api_key"] + "\n")
    print(f"demo data: {info['teams']} teams, {info['users']} users (password '{demo_load.DEMO_PASSWORD}'), "
          f"{info['customers']} customers, {info['conversations']} conversations, {info['messages']} messages, "
          f"{info['snippets']} snippets, {info['events']} events")
    print(f"web channel API key: {info['api_key']}")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    """Schema migrations: `upgrade` (serve does it too), `current`, and `revision -m` for developers."""
    from sqlalchemy import create_engine

    from cs_desk.server import migrate
    from cs_desk.server.db import sqlite_url

    url = args.database_url or sqlite_url(args.data)
    if args.action == "revision":
        if not args.message:
            print("error: say what the migration changes: db revision -m '…'", file=sys.stderr)
            return 2
        import tempfile

        from alembic import command

        with tempfile.TemporaryDirectory() as tmp:  # autogenerate against a scratch database at head
            engine = create_engine(sqlite_url(Path(tmp)))
            migrate.upgrade(engine)
            with engine.begin() as conn:
                command.revision(migrate.config(conn), message=args.message, autogenerate=True,
                                 rev_id=migrate.next_revision_id())
            engine.dispose()
        return 0
    if not args.database_url:
        args.data.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    try:
        if args.action == "upgrade":
            before, now = migrate.upgrade(engine)
            print(f"schema: {before or 'empty'} → {now}")
        else:
            with engine.connect() as conn:
                current = migrate.current_revision(conn)
            head = migrate.head_revision()
            print(f"schema: {current or 'not migrated yet'} (newest: {head})")
            return 0 if current == head else 1
    finally:
        engine.dispose()
    return 0


def cmd_prune_events(args: argparse.Namespace) -> int:
    from cs_desk.server.retention import prune_events

    db = _open(args)
    try:
        got = prune_events(db, args.older_than_days)
    finally:
        db.close()
    print(f"deleted {got['deleted']} events older than {args.older_than_days:g} days; {got['left']} left "
          f"(clients with a cursor below {got['floor']} get a snapshot); team metrics kept in a snapshot at "
          f"seq {got['metrics_snapshot_seq']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="cs-desk-server", description="cs_desk sync server")
    p.add_argument("--version", action="version", version=__version__)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve", help="run the server")
    _db_args(s)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8765)
    s.add_argument("--log-level", default="info")
    s.add_argument("--files", metavar="WHERE",
                   help="where customer files are kept: s3://BUCKET[/PREFIX] for an S3-compatible store "
                        "(endpoint and keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), "
                        "or a folder (default: DATA/files)")
    s.add_argument("--config", type=Path, metavar="FILE",
                   help="deployment configuration (TOML): applied at start, reloaded when the file changes")
    s.set_defaults(func=cmd_serve)

    dbp = sub.add_parser("db", help="schema migrations (Alembic): upgrade, current, revision")
    _db_args(dbp)
    dbp.add_argument("action", choices=["upgrade", "current", "revision"])
    dbp.add_argument("-m", "--message", help="revision: what the new migration changes")
    dbp.set_defaults(func=cmd_db)

    pe = sub.add_parser("prune-events", help="delete old events from the log (clients behind get a snapshot)")
    _db_args(pe)
    pe.add_argument("--older-than-days", type=float, required=True, metavar="DAYS")
    pe.set_defaults(func=cmd_prune_events)

    sm = sub.add_parser("simulate", help="realistic customers through the intake API and the web chat")
    sm.add_argument("--url", required=True, help="the desk's HTTP address, e.g. http://127.0.0.1:8765")
    sm.add_argument("--api-key", required=True, help="a channel's API key (admin add-api-key)")
    sm.add_argument("--widget", help="a widget id (admin add-widget): some customers then use the web chat")
    sm.add_argument("--rate", default="1/s", help="messages per second: 2/s, 30/m, 0.5 (default 1/s)")
    sm.add_argument("--duration", help="stop after 90s, 10m, 1h (default: until Ctrl+C)")
    sm.add_argument("--count", type=int, help="stop after this many messages")
    sm.add_argument("--seed", type=int)
    sm.set_defaults(func=cmd_simulate)

    cc = sub.add_parser("check-config", help="check a TOML configuration against a data directory, changing nothing")
    _db_args(cc)
    cc.add_argument("file", type=Path)
    cc.set_defaults(func=cmd_check_config)

    a = sub.add_parser("admin", help="users, tokens, API keys")
    _db_args(a)
    asub = a.add_subparsers(dest="admin_cmd", required=True)
    au = asub.add_parser("add-user")
    au.add_argument("name")
    au.add_argument("--team", required=True)
    au.add_argument("--role", choices=[r.value for r in Role], default="agent")
    au.add_argument("--display-name")
    au.add_argument("--capacity", type=int, default=5)
    au.add_argument("--password-stdin", action="store_true", help="read the password from the first stdin line")
    at = asub.add_parser("add-team")
    at.add_argument("id")
    at.add_argument("--name", required=True)
    at.add_argument("--name-en")
    st = asub.add_parser("set-team", help="sensitive-word mode and SLA policy of a team")
    st.add_argument("id")
    st.add_argument("--sensitive-mode", choices=["off", "confirm", "block"])
    st.add_argument("--sla-first-response", type=int, metavar="SECONDS", help="first response (0: no clock)")
    st.add_argument("--sla-next-response", type=int, metavar="SECONDS", help="each later response (0: no clock)")
    st.add_argument("--sla-resolution", type=int, metavar="SECONDS", help="resolution (0: no clock)")
    st.add_argument("--strategy", choices=["round_robin", "sequential", "least_load", "fill_up", "manual"],
                    help="how new conversations are assigned")
    st.add_argument("--returning-first", action=argparse.BooleanOptionalAction, default=None,
                    help="returning customers go back to their agent first")
    st.add_argument("--returning-days", type=int, metavar="DAYS", help="how long a customer counts as returning")
    st.add_argument("--overflow-after", type=int, metavar="SECONDS", help="waiting this long moves to --overflow-team")
    st.add_argument("--overflow-team", metavar="TEAM", help="'' for none")
    st.add_argument("--reopen-days", type=int, metavar="N",
                    help="a customer writing within N days of the resolution reopens it (default 7); later: a new one")
    st.add_argument("--followup-below", type=int, metavar="SCORE",
                    help="a satisfaction score at or below this opens a follow-up for the lead (default 2; 0: never)")
    st.add_argument("--calendar", metavar="ID", help="business hours of its SLA clocks ('' for around the clock)")
    rule = asub.add_parser("add-rule", help="advanced routing rule, evaluated in order")
    rule.add_argument("team")
    rule.add_argument("field", choices=["source_keyword", "landing_page", "region", "origin_page", "channel"])
    rule.add_argument("op", choices=["equals", "contains", "prefix"])
    rule.add_argument("value")
    target = rule.add_mutually_exclusive_group(required=True)
    target.add_argument("--to-team")
    target.add_argument("--to-agent", metavar="USER")
    lr = asub.add_parser("list-rules")
    lr.add_argument("--team")
    rr = asub.add_parser("remove-rule")
    rr.add_argument("id", type=int)
    sa = asub.add_parser("set-agent", help="capacity and sequential rank")
    sa.add_argument("name")
    sa.add_argument("--capacity", type=int)
    sa.add_argument("--rank", type=int)
    for name in ("add-sensitive-word", "remove-sensitive-word"):
        sw = asub.add_parser(name)
        sw.add_argument("word")
        sw.add_argument("--team", help="only for this team (default: every team)")
    from cs_desk.domain.classify import CATEGORIES, PRIORITIES

    cal = asub.add_parser("add-calendar", help="business hours the SLA clocks run in (replaces one of that id)")
    cal.add_argument("id")
    cal.add_argument("--hours", action="append", required=True,
                     help="DAYS=HH:MM-HH:MM[,…], e.g. mon-fri=09:00-12:00,13:00-18:00 (repeatable)")
    cal.add_argument("--holiday", action="append", help="YYYY-MM-DD, a day off (repeatable)")
    cal.add_argument("--name")
    cal.add_argument("--utc-offset", type=int, default=480, help="minutes east of UTC (default 480: Beijing)")
    sp = asub.add_parser("add-sla-policy", help="deadlines for a team, category and priority (omitted: any)")
    sp.add_argument("--team")
    sp.add_argument("--category", choices=CATEGORIES)
    sp.add_argument("--priority", choices=PRIORITIES)
    sp.add_argument("--first-response", type=int, required=True, help="seconds (0: no such clock)")
    sp.add_argument("--next-response", type=int, required=True, help="seconds")
    sp.add_argument("--resolution", type=int, required=True, help="seconds")
    sp.add_argument("--calendar", help="business hours (default: the team's calendar)")
    sp.add_argument("--escalate", default="notify_lead,raise_priority",
                    help="on a breach, comma-separated: notify_lead, raise_priority, reassign ('' for none)")
    asub.add_parser("list-sla-policies")
    rp = asub.add_parser("remove-sla-policy")
    rp.add_argument("id", type=int)

    bw = asub.add_parser("add-business-word", help="a word that marks a category (业务词)")
    bw.add_argument("word")
    bw.add_argument("--category", required=True, choices=CATEGORIES)
    rb = asub.add_parser("remove-business-word")
    rb.add_argument("word")
    sy = asub.add_parser("add-synonym", help="another way customers say a standard word (同义词)")
    sy.add_argument("variant")
    sy.add_argument("standard")
    rs = asub.add_parser("remove-synonym")
    rs.add_argument("variant")
    for sp in (bw, rb, sy, rs):
        sp.add_argument("--team", help="only for this team (default: every team)")
    asub.add_parser("list-vocabulary", help="business words and synonyms")
    sn = asub.add_parser("set-snippet", help="add or replace a knowledge-base answer (by shortcut)")
    sn.add_argument("shortcut")
    sn.add_argument("--title", required=True)
    sn.add_argument("--body", required=True, help="the answer; {customer_name} and the like are filled in")
    sn.add_argument("--category")
    sn.add_argument("--team", help="only this team sees it (default: every team)")
    rn = asub.add_parser("remove-snippet")
    rn.add_argument("shortcut")
    cl = asub.add_parser("classify", help="answer test (应答测试): how a sample message would be classified")
    cl.add_argument("text")
    cl.add_argument("--team", required=True)
    asub.add_parser("list-users")
    ar = asub.add_parser("revoke-tokens", help="end the user's sessions (live ones within seconds)")
    ar.add_argument("name")
    ad = asub.add_parser("disable-user", help="no more logins; live sessions end within seconds")
    ad.add_argument("name")
    wh = asub.add_parser("set-webhook", help="POST agent replies and survey requests of a channel to a URL")
    wh.add_argument("channel")
    wh.add_argument("url")
    rw = asub.add_parser("remove-webhook")
    rw.add_argument("channel")
    aw = asub.add_parser("add-widget", help="a web-chat widget for a team's site; prints its public id")
    aw.add_argument("--team", required=True)
    aw.add_argument("--channel", default="web")
    ak = asub.add_parser("add-api-key")
    ak.add_argument("channel")
    ak.add_argument("--team", required=True)
    a.set_defaults(func=cmd_admin)

    d = sub.add_parser("demo-data", help="fill a new data directory with demo data")
    _db_args(d)
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--customers", type=int, default=2000)
    d.add_argument("--conversations", type=int, default=5000)
    d.set_defaults(func=cmd_demo_data)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
