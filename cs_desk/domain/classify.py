"""Categories and priority of a conversation, and the keyword classifier that proposes them.

The handbooks sort contacts into consultation, after-sales (return, exchange, refund), complaint and
suggestion, and serve complaints and refunds first. The classifier finds business words (业务词) in the
customer's text; synonyms (同义词) from the knowledge base map the ways customers say a thing onto the
standard word ("退钱" → "退款"). It explains itself with the words it matched. Pure functions."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

COMPLAINT, REFUND, RETURN, EXCHANGE, CONSULTATION, SUGGESTION = (
    "complaint", "refund", "return", "exchange", "consultation", "suggestion")
# In serving order: what ranks first is served first (complaints and refunds before questions).
CATEGORIES = (COMPLAINT, REFUND, RETURN, EXCHANGE, CONSULTATION, SUGGESTION)
AFTER_SALES = frozenset({RETURN, EXCHANGE, REFUND})
CATEGORY_RANK = {c: i for i, c in enumerate(CATEGORIES)}

URGENT, HIGH, NORMAL, LOW = "urgent", "high", "normal", "low"
PRIORITIES = (URGENT, HIGH, NORMAL, LOW)
PRIORITY_RANK = {p: i for i, p in enumerate(PRIORITIES)}
DEFAULT_PRIORITY = {COMPLAINT: HIGH, REFUND: HIGH, RETURN: NORMAL, EXCHANGE: NORMAL, CONSULTATION: NORMAL,
                    SUGGESTION: LOW}

# Built-in business words; a team's knowledge base adds its own and its synonyms.
BUILTIN_WORDS: dict[str, str] = {
    **dict.fromkeys(("投诉", "差评", "举报", "12315", "维权", "骗子", "欺骗", "态度差", "太差了", "曝光", "工商",
                     "消协", "complaint", "complain", "scam"), COMPLAINT),
    **dict.fromkeys(("退款", "退钱", "返款", "仅退款", "退差价", "refund", "money back"), REFUND),
    **dict.fromkeys(("退货", "寄回", "退回去", "七天无理由", "7天无理由", "return"), RETURN),
    **dict.fromkeys(("换货", "换一个", "换尺码", "换码", "换颜色", "调换", "exchange"), EXCHANGE),
    **dict.fromkeys(("建议", "希望你们", "意见", "改进", "suggest", "suggestion"), SUGGESTION),
}


def normalise(text: str) -> str:
    """Full-width to half-width, one case: 'ＲＥＦＵＮＤ' and 'refund' are the same word."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class Lexicon:
    """Business words (word → category) and synonyms (variant → standard word)."""

    words: Mapping[str, str] = field(default_factory=lambda: dict(BUILTIN_WORDS))
    synonyms: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, words: Iterable[tuple[str, str]] = (), synonyms: Iterable[tuple[str, str]] = (),
              builtin: bool = True) -> Lexicon:
        w = {normalise(k): v for k, v in BUILTIN_WORDS.items()} if builtin else {}
        for word, category in words:
            if category not in CATEGORY_RANK:
                raise ValueError(f"unknown category {category!r} for business word {word!r}")
            if word.strip():
                w[normalise(word.strip())] = category
        s = {normalise(v.strip()): normalise(std.strip()) for v, std in synonyms if v.strip() and std.strip()}
        return cls(w, s)


@dataclass(frozen=True, slots=True)
class Classification:
    category: str
    words: tuple[str, ...]  # the standard words that decided it, in the order found; () for the default

    @property
    def priority(self) -> str:
        return DEFAULT_PRIORITY[self.category]


def classify(text: str, lexicon: Lexicon) -> Classification:
    """The category with the most distinct business words in `text`, ties going to the one served
    first; consultation when nothing matches."""
    t = normalise(text)
    found: dict[str, list[tuple[int, str]]] = {}
    seen: set[str] = set()

    def hit(standard: str, at: int) -> None:
        cat = lexicon.words.get(standard)
        if cat is not None and standard not in seen:
            seen.add(standard)
            found.setdefault(cat, []).append((at, standard))

    for word in lexicon.words:
        at = t.find(word)
        if at >= 0:
            hit(word, at)
    for variant, standard in lexicon.synonyms.items():
        at = t.find(variant)
        if at >= 0:
            hit(standard, at)
    if not found:
        return Classification(CONSULTATION, ())
    best = min(found, key=lambda c: (-len(found[c]), CATEGORY_RANK[c]))
    return Classification(best, tuple(w for _at, w in sorted(found[best])))


def escalates(current: str, proposed: str) -> bool:
    """A later customer message may move an automatic category only towards the front (a question that
    turns into a complaint), never back: the customer saying "thanks" does not undo a complaint."""
    return proposed != CONSULTATION and CATEGORY_RANK[proposed] < CATEGORY_RANK[current]


def raise_priority(priority: str) -> str:
    """One step up (an SLA breach escalates), urgent stays urgent."""
    return PRIORITIES[max(0, PRIORITY_RANK[priority] - 1)]


def priority_rank_sql(column: str = "priority") -> str:
    """The SQL expression ranking a priority column like PRIORITY_RANK (unknown values as normal), so
    the server's queue and the client's cache sort by one definition."""
    whens = " ".join(f"WHEN '{p}' THEN {i}" for p, i in PRIORITY_RANK.items())
    return f"(CASE {column} {whens} ELSE {PRIORITY_RANK[NORMAL]} END)"
