"""The deployment's TOML configuration (`cs-desk-server serve --config FILE`): teams with their routing,
SLA and word lists, agents' capacity, calendars, SLA policies and the knowledge-base vocabulary.

`load` reads and checks the whole file before anything is applied; every problem is reported with its
line and key ("desk.toml:12: teams.presales.strategy: …"). A section the file leaves out is left as
it is in the database; a section it has is what the database will hold (see config_apply)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cs_desk.domain.classify import CATEGORIES, PRIORITIES
from cs_desk.domain.routing import RULE_FIELDS as FIELDS
from cs_desk.domain.routing import RULE_OPS as OPS
from cs_desk.domain.routing import STRATEGIES
from cs_desk.domain.sla import ESCALATIONS

SENSITIVE_MODES = ("off", "confirm", "block")
# TOML key → teams.set_team keyword, and what each must be
TEAM_SETTINGS: dict[str, tuple[str, str]] = {
    "strategy": ("strategy", "strategy"), "returning_first": ("returning_first", "bool"),
    "returning_days": ("returning_days", "count"), "overflow_after_s": ("overflow_after_s", "count"),
    "overflow_team": ("overflow_team", "text"), "sensitive_mode": ("sensitive_mode", "mode"),
    "calendar": ("calendar_id", "text"), "reopen_days": ("reopen_days", "count"),
    "followup_below": ("followup_below", "score"),
}
SLA_KEYS = {"first_response_s": "sla_first_response_s", "next_response_s": "sla_next_response_s",
            "resolution_s": "sla_resolution_s"}


@dataclass
class Problem:
    path: tuple[Any, ...]
    message: str
    line: int | None = None

    def text(self, source: str) -> str:
        key = ".".join(str(p) for p in self.path) or "(file)"
        return f"{source}:{self.line or '?'}: {key}: {self.message}"


class ConfigError(ValueError):
    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source, self.problems = source, problems
        super().__init__("\n".join(p.text(source) for p in problems))


@dataclass
class Words:
    sensitive: list[str] | None = None  # None: not managed by the file
    business: dict[str, list[str]] | None = None  # category → words
    synonyms: dict[str, str] | None = None  # variant → standard word


@dataclass
class Team:
    name: str | None
    name_en: str | None
    settings: dict[str, Any]  # teams.set_team keywords
    rules: list[dict[str, Any]] | None  # None: not managed
    words: Words


@dataclass
class DeskConfig:
    teams: dict[str, Team] = field(default_factory=dict)
    agents: dict[str, dict[str, int]] = field(default_factory=dict)
    calendars: dict[str, dict[str, Any]] = field(default_factory=dict)
    sla_policies: list[dict[str, Any]] | None = None
    words: Words = field(default_factory=Words)
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        for n in range(len(path), 0, -1):
            if path[:n] in self.lines:
                return self.lines[path[:n]]
        return None


def load(path: Path) -> DeskConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [Problem((), f"cannot read the file: {exc}")]) from None
    return parse(text, str(path))


def parse(text: str, source: str = "config") -> DeskConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        raise ConfigError(source, [Problem((), f"not valid TOML: {exc}", int(m[1]) if m else None)]) from None
    cfg = DeskConfig(lines=locate(text))
    problems: list[Problem] = []
    _Checker(cfg, problems).run(data)
    for p in problems:
        p.line = cfg.line_of(p.path)
    if problems:
        raise ConfigError(source, problems)
    return cfg


def locate(text: str) -> dict[tuple[Any, ...], int]:
    """Line of each table header and key (dotted path → 1-based line), array tables numbered from 0.
    Not a TOML parser: enough to point at the line a problem is on."""
    out: dict[tuple[Any, ...], int] = {}
    table: tuple[Any, ...] = ()
    counts: dict[tuple[Any, ...], int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("[["):
            base = _keys(s[2:s.find("]]")])
            counts[base] = counts.get(base, -1) + 1
            table = (*base, counts[base])
            out.setdefault(table, n)
            out.setdefault(base, n)
        elif s.startswith("["):
            table = _keys(s[1:s.find("]")])
            out.setdefault(table, n)
        elif "=" in s:
            out.setdefault((*table, *_keys(s.split("=", 1)[0])), n)
    return out


def _keys(dotted: str) -> tuple[str, ...]:
    return tuple(k.strip().strip('"').strip("'") for k in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', dotted.strip()))


class _Checker:
    def __init__(self, cfg: DeskConfig, problems: list[Problem]) -> None:
        self.cfg, self.problems = cfg, problems

    def bad(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append(Problem(path, message))

    def table(self, value: Any, path: tuple[Any, ...], allowed: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, "must be a table")
            return {}
        if allowed is not None:
            for k in value:
                if k not in allowed:
                    self.bad((*path, k), f"unknown key; known: {', '.join(sorted(allowed))}")
        return value

    def check(self, value: Any, kind: str, path: tuple[Any, ...]) -> bool:
        ok = {
            "bool": isinstance(value, bool),
            "count": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
            "score": isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 5,
            "text": isinstance(value, str),
            "name": isinstance(value, str) and 0 < len(value.strip()) <= 200,
            "strategy": value in (*STRATEGIES, "manual"),
            "mode": value in SENSITIVE_MODES,
            "category": value in CATEGORIES,
            "priority": value in PRIORITIES,
            "capacity": isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 1000,
            "int": isinstance(value, int) and not isinstance(value, bool),
        }[kind]
        if not ok:
            self.bad(path, {
                "bool": "must be true or false", "count": "must be a whole number, 0 or more",
                "score": "must be a whole number from 0 to 5", "text": "must be text",
                "name": "must be text of 1 to 200 characters",
                "strategy": f"must be one of {', '.join((*STRATEGIES, 'manual'))}",
                "mode": f"must be one of {', '.join(SENSITIVE_MODES)}",
                "category": f"must be one of {', '.join(CATEGORIES)}",
                "priority": f"must be one of {', '.join(PRIORITIES)}",
                "capacity": "must be a whole number from 0 to 1000", "int": "must be a whole number",
            }[kind])
        return ok

    def run(self, data: dict[str, Any]) -> None:
        top = self.table(data, (), {"teams", "agents", "calendars", "sla_policies", "words"})
        for tid, t in self.table(top.get("teams", {}), ("teams",)).items():
            self.team(tid, t)
        for name, a in self.table(top.get("agents", {}), ("agents",)).items():
            a = self.table(a, ("agents", name), {"capacity", "rank"})
            self.cfg.agents[name] = {k: v for k, v in a.items()
                                     if k in ("capacity", "rank") and self.check(v, "capacity" if k == "capacity"
                                                                                 else "int", ("agents", name, k))}
        for cid, c in self.table(top.get("calendars", {}), ("calendars",)).items():
            self.calendar(cid, c)
        if "sla_policies" in top:
            pols = top["sla_policies"]
            if not isinstance(pols, list):
                self.bad(("sla_policies",), "must be an array of tables ([[sla_policies]])")
            else:
                self.cfg.sla_policies = [p for i, p in enumerate(pols) if self.policy(i, p)]
        if "words" in top:
            self.cfg.words = self.words(top["words"], ("words",))
        for tid, t in self.cfg.teams.items():  # targets outside the file are checked when applied
            if t.settings.get("overflow_team") == tid:
                self.bad(("teams", tid, "overflow_team"), "a team cannot overflow into itself")

    def team(self, tid: str, t: Any) -> None:
        path = ("teams", tid)
        t = self.table(t, path, {"name", "name_en", "sla", "rules", "words", *TEAM_SETTINGS})
        if not 0 < len(tid) <= 64:
            self.bad(path, "a team id has 1 to 64 characters")
        settings: dict[str, Any] = {}
        for key, (kw, kind) in TEAM_SETTINGS.items():
            if key in t and self.check(t[key], kind, (*path, key)):
                settings[kw] = t[key]
        sla = self.table(t.get("sla", {}), (*path, "sla"), set(SLA_KEYS))
        for key, kw in SLA_KEYS.items():
            if key in sla and self.check(sla[key], "count", (*path, "sla", key)):
                settings[kw] = sla[key]
        for key in ("name", "name_en"):
            if key in t:
                self.check(t[key], "name", (*path, key))
        rules = None
        if "rules" in t:
            if not isinstance(t["rules"], list):
                self.bad((*path, "rules"), "must be an array of tables ([[teams.ID.rules]])")
            else:
                rules = [r for i, r in enumerate(t["rules"]) if self.rule(r, (*path, "rules", i))]
        words = self.words(t["words"], (*path, "words")) if "words" in t else Words()
        self.cfg.teams[tid] = Team(t.get("name"), t.get("name_en"), settings, rules, words)

    def rule(self, r: Any, path: tuple[Any, ...]) -> bool:
        before = len(self.problems)
        r = self.table(r, path, {"field", "op", "value", "to_team", "to_agent"})
        if r.get("field") not in FIELDS:
            self.bad((*path, "field"), f"must be one of {', '.join(FIELDS)}")
        if r.get("op", "equals") not in OPS:
            self.bad((*path, "op"), f"must be one of {', '.join(OPS)}")
        if not isinstance(r.get("value"), str) or not r.get("value", "").strip():
            self.bad((*path, "value"), "must be non-empty text")
        if ("to_team" in r) == ("to_agent" in r):
            self.bad(path, "give exactly one of to_team or to_agent")
        return len(self.problems) == before

    def calendar(self, cid: str, c: Any) -> None:
        from cs_desk.domain.business_hours import Calendar
        from cs_desk.server.sla import parse_hours

        path = ("calendars", cid)
        c = self.table(c, path, {"name", "hours", "holidays", "utc_offset_min"})
        hours = self.table(c.get("hours", {}), (*path, "hours"))
        specs = []
        for days, spans in hours.items():
            if not isinstance(spans, list) or not all(isinstance(x, str) for x in spans):
                self.bad((*path, "hours", days), 'must be a list like ["09:00-12:00", "13:00-18:00"]')
                continue
            specs.append(f"{days}={','.join(spans)}")
        offset = c.get("utc_offset_min", 480)
        holidays = c.get("holidays", [])
        try:
            parsed = parse_hours(specs)
            Calendar.build(parsed, holidays, offset)
        except (ValueError, TypeError) as exc:
            self.bad((*path, "hours") if "hours" in c else path, str(exc))
            return
        self.cfg.calendars[cid] = {"hours": parsed, "holidays": list(holidays), "utc_offset_min": offset,
                                   "name": c.get("name", "")}

    def policy(self, i: int, p: Any) -> bool:
        path = ("sla_policies", i)
        before = len(self.problems)
        p = self.table(p, path, {"team", "category", "priority", "first_response_s", "next_response_s",
                                 "resolution_s", "calendar", "escalate"})
        for key in ("first_response_s", "next_response_s", "resolution_s"):
            if key not in p:
                self.bad(path, f"{key} is required")
            else:
                self.check(p[key], "count", (*path, key))
        if "category" in p:
            self.check(p["category"], "category", (*path, "category"))
        if "priority" in p:
            self.check(p["priority"], "priority", (*path, "priority"))
        for key in ("team", "calendar"):
            if key in p:
                self.check(p[key], "text", (*path, key))
        esc = p.get("escalate", ["notify_lead", "raise_priority"])
        if not isinstance(esc, list) or any(e not in ESCALATIONS for e in esc):
            self.bad((*path, "escalate"), f"must be a list of {', '.join(ESCALATIONS)}")
        return len(self.problems) == before

    def words(self, w: Any, path: tuple[Any, ...]) -> Words:
        w = self.table(w, path, {"sensitive", "business", "synonyms"})
        out = Words()
        if "sensitive" in w:
            s = w["sensitive"]
            if isinstance(s, list) and all(isinstance(x, str) and 0 < len(x.strip()) <= 50 for x in s):
                out.sensitive = [x.strip() for x in s]
            else:
                self.bad((*path, "sensitive"), "must be a list of words (1 to 50 characters each)")
        if "business" in w:
            b = self.table(w["business"], (*path, "business"), set(CATEGORIES))
            out.business = {}
            for cat, words in b.items():
                if cat in CATEGORIES and isinstance(words, list) and all(isinstance(x, str) and x.strip()
                                                                        for x in words):
                    out.business[cat] = [x.strip() for x in words]
                elif cat in CATEGORIES:
                    self.bad((*path, "business", cat), "must be a list of words")
        if "synonyms" in w:
            syn = self.table(w["synonyms"], (*path, "synonyms"))
            out.synonyms = {}
            for variant, standard in syn.items():
                if isinstance(standard, str) and standard.strip() and variant.strip() != standard.strip():
                    out.synonyms[variant.strip()] = standard.strip()
                else:
                    self.bad((*path, "synonyms", variant), "must name a different standard word")
        return out
