"""Sensitive words (敏感词) that must not reach a customer: finding them in a reply before it is sent.

The same function runs on the client (highlight, confirm) and on the server (refuse in 'block'
mode), so both agree on what a hit is. Matching ignores case and the invisible characters people
insert to slip a word past a filter (zero-width spaces, joiners, soft hyphens); offsets refer to the
original text so the UI can highlight exactly what the agent typed."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Format characters (Cf: zero-width space/joiners, soft hyphen, BOM, bidi marks) are invisible.
_INVISIBLE_CATEGORIES = {"Cf"}


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # index into the original text
    end: int  # exclusive
    word: str  # the listed word that matched


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch).casefold()


def _normalise(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            continue
        for f in _fold(ch):
            out.append(f)
            origin.append(i)
    return "".join(out), origin


def matchable(word: str) -> bool:
    """False for a word of invisible characters only (a soft hyphen, say): it could never be found."""
    return bool(_normalise(word.strip())[0])


def find(text: str, words: Iterable[str]) -> list[Hit]:
    """Every occurrence of every listed word, sorted by position; overlapping hits are all kept."""
    folded, origin = _normalise(text)
    hits: list[Hit] = []
    seen: set[str] = set()
    for word in words:
        needle = _normalise(word.strip())[0]
        if not needle or needle in seen:
            continue
        seen.add(needle)
        pos = folded.find(needle)
        while pos != -1:
            start = origin[pos]
            end = origin[pos + len(needle) - 1] + 1
            hits.append(Hit(start, end, word.strip()))
            pos = folded.find(needle, pos + 1)
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


def distinct_words(hits: Iterable[Hit]) -> list[str]:
    out: list[str] = []
    for h in hits:
        if h.word not in out:
            out.append(h.word)
    return out
