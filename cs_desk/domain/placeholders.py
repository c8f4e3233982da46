"""Filling snippet templates: `{customer.name}` takes its value from a dict, `{{` and `}}` are literal
braces, and a placeholder with no value stays exactly as written so the agent sees what is missing
before sending. Values are plain text and never expanded again."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Names the desktop fills for the open conversation; descriptions are English for non-Qt callers
# (the picker shows its own translated hints).
KNOWN: dict[str, str] = {
    "customer.name": "The customer's name",
    "agent.name": "Your display name",
    "order.id": "The customer's latest order number",
}

# A name is dotted words that do not start with a digit, so `{1}` or `{ }` in ordinary text are
# left alone. \w is Unicode-aware: a lead may name a placeholder in Chinese.
_NAME = r"[^\W\d]\w*(?:\.[^\W\d]\w*)*"
_TOKEN = re.compile(r"\{\{|\}\}|\{[ \t]*(" + _NAME + r")[ \t]*\}")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a placeholder landed in the rendered text (Python str indices, end exclusive)."""

    start: int
    end: int
    name: str
    filled: bool


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    missing: tuple[str, ...]  # placeholders with no value, each once, in order of first appearance
    spans: tuple[Span, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def render(template: str, values: Mapping[str, object]) -> Rendered:
    """An empty or None value counts as missing: `{agent.name}` left visible beats a blank in a reply."""
    out: list[str] = []
    spans: list[Span] = []
    missing: dict[str, None] = {}
    pos = 0
    length = 0
    for m in _TOKEN.finditer(template):
        head = template[pos:m.start()]
        out.append(head)
        length += len(head)
        token = m.group(0)
        name = m.group(1)
        if name is None:
            piece = token[0]  # `{{` -> `{`, `}}` -> `}`
        else:
            value = values.get(name)
            text = "" if value is None else str(value)
            filled = text != ""
            piece = text if filled else token
            if not filled:
                missing.setdefault(name, None)
            spans.append(Span(length, length + len(piece), name, filled))
        out.append(piece)
        length += len(piece)
        pos = m.end()
    out.append(template[pos:])
    return Rendered("".join(out), tuple(missing), tuple(spans))


def names(template: str) -> tuple[str, ...]:
    """Placeholder names a template uses, each once, in order."""
    seen: dict[str, None] = {}
    for m in _TOKEN.finditer(template):
        if m.group(1) is not None:
            seen.setdefault(m.group(1), None)
    return tuple(seen)


def escape(text: str) -> str:
    """Text that renders back to itself: every brace doubled."""
    return text.replace("{", "{{").replace("}", "}}")
