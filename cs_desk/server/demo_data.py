"""Deterministic demo data for a Chinese e-commerce customer-service desk.

generate() builds teams, staff, customers, orders, conversations with their messages, and canned
replies (snippets) from one seed, so a demo server, a benchmark and a test all see the same shop.
Pure standard library and no I/O: callers decide how to store the dicts.

Internally times are integer milliseconds since the epoch: exact, cheap to add, and formatted
once at the end in the project's wire format (ISO-8601 UTC with microseconds and a trailing Z,
as cs_desk.domain.clock.to_iso writes it, duplicated here to keep the module self-contained).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cs_desk.server import demo_texts as T

DEFAULT_NOW = datetime(2026, 11, 24, 8, 0, 0, tzinfo=UTC)

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = 1000
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR

ENGLISH_CUSTOMER_SHARE = 0.15
ORDER_COUNT_WEIGHTS = [15, 28, 22, 14, 10, 7, 4]  # 0..6 orders per customer
STATUS_WEIGHTS = {"open": 25, "pending": 15, "resolved": 60}
UNASSIGNED_OPEN_SHARE = 0.2
NOTE_SHARE = 0.1
# (customer/agent rounds, weight): most chats settle in 2-4 rounds, a few drag on.
ROUND_WEIGHTS = [(1, 14), (2, 30), (3, 26), (4, 16), (5, 9), (6, 5)]


@dataclass
class DemoData:
    teams: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)
    customers: list[dict] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    conversations: list[dict] = field(default_factory=list)
    messages: list[dict] = field(default_factory=list)
    snippets: list[dict] = field(default_factory=list)


def _iso(ms: int) -> str:
    return (_EPOCH + timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _to_ms(dt: datetime) -> int:
    if dt.tzinfo is None:  # a naive "now" is taken as UTC rather than local time, for determinism
        dt = dt.replace(tzinfo=UTC)
    return (dt - _EPOCH) // timedelta(milliseconds=1)


# Every sellable sku with what the dialog needs to talk about it: built once, it's static data.
@dataclass(frozen=True)
class _Sku:
    sku: str
    title: str
    base_zh: str
    base_en: str
    price_cents: int
    kind: str | None
    colour: int | None  # index into T.COLOURS
    size: str | None


def _build_catalog() -> list[_Sku]:
    out: list[_Sku] = []
    for prefix, zh, en, price, kind in T.PRODUCTS:
        if kind is None:
            out.append(_Sku(prefix, zh, zh, en, price, kind, None, None))
            continue
        sizes = T.APPAREL_SIZES if kind == "apparel" else T.SHOE_SIZES if kind == "shoes" else [None]
        for ci, (czh, _cen, code) in enumerate(T.COLOURS):
            for size in sizes:
                sku = f"{prefix}-{code}" + (f"-{size}" if size else "")
                title = f"{zh} {czh}" + (f" {size}码" if size else "")
                out.append(_Sku(sku, title, zh, en, price, kind, ci, size))
    return out


_CATALOG = _build_catalog()
_SIZED = [s for s in _CATALOG if s.size is not None]
_COLOURED = [s for s in _CATALOG if s.colour is not None]
_BY_SKU = {s.sku: s for s in _CATALOG}


# --- people -----------------------------------------------------------------------------------


def _teams() -> list[dict]:
    return [{"id": tid, "name": name, "name_en": name_en} for tid, name, name_en in T.TEAMS]


def _users(rng: random.Random) -> list[dict]:
    users = [
        {"name": login, "display_name": zh, "team_id": team, "role": role, "capacity": rng.randint(3, 8)}
        for login, zh, _en, team, role in T.STAFF
    ]
    users.append(dict(T.ADMIN))
    return users


def _customers(rng: random.Random, count: int, now: int) -> tuple[list[dict], list[int], list[bool]]:
    """Customers sorted by signup time so that ids grow with created_at, as a real table's would."""
    surname_cum = _cumulative([w for _s, _p, w in T.SURNAMES])
    regions_cum = _cumulative([r[3] for r in T.REGIONS])
    # 10% signed up within the last 30 days (they are the 新客户), the rest up to three years ago.
    created = sorted(
        now - rng.randint(1 * _HOUR, 30 * _DAY) if rng.random() < 0.1 else now - rng.randint(31 * _DAY, 1100 * _DAY)
        for _ in range(count)
    )
    customers: list[dict] = []
    english: list[bool] = []
    for i, created_ms in enumerate(created, start=1):
        is_en = rng.random() < ENGLISH_CUSTOMER_SHARE
        if is_en:
            first, last = rng.choice(T.EN_FIRST), rng.choice(T.EN_LAST)
            name = f"{first} {last}"
            email = f"{first.lower()}.{last.lower()}{rng.randint(1, 99)}@{rng.choice(T.EN_MAIL_DOMAINS)}"
            note = rng.choice(T.CUSTOMER_NOTES_EN) if rng.random() < 0.2 else ""
        else:
            sname, spy, _w = rng.choices(T.SURNAMES, cum_weights=surname_cum)[0]
            gname, gpy = rng.choice(T.GIVEN_NAMES)
            name = sname + gname
            # QQ mail with a numeric address is how a large share of Chinese shoppers sign up.
            if rng.random() < 0.4:
                email = f"{rng.randint(10000, 2999999999)}@qq.com"
            else:
                email = f"{gpy}{spy}{rng.randint(1, 9999)}@{rng.choice(T.ZH_MAIL_DOMAINS)}"
            note = rng.choice(T.CUSTOMER_NOTES_ZH) if rng.random() < 0.25 else ""
        region = rng.choices(T.REGIONS, cum_weights=regions_cum)[0][0]
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        customers.append(
            {"id": i, "name": name, "email": email, "phone": phone, "region": region,
             "tags": [], "note": note, "created_at": _iso(created_ms)}
        )
        english.append(is_en)
    return customers, created, english


def _cumulative(weights: list[int]) -> list[int]:
    total, out = 0, []
    for w in weights:
        total += w
        out.append(total)
    return out


# --- orders -----------------------------------------------------------------------------------


def _order_status(rng: random.Random, age: int) -> str:
    # Status follows the order's age, so a week-old order is rarely still unpaid.
    r = rng.random()
    if age < 12 * _HOUR:
        return "pending" if r < 0.35 else "paid" if r < 0.9 else "cancelled"
    if age < 3 * _DAY:
        return "paid" if r < 0.3 else "shipped" if r < 0.95 else "cancelled"
    if age < 8 * _DAY:
        return "shipped" if r < 0.5 else "delivered" if r < 0.92 else "refunded"
    return "delivered" if r < 0.84 else "refunded" if r < 0.94 else "cancelled"


def _orders(rng: random.Random, cust_created: list[int], now: int) -> tuple[list[dict], list[list[tuple]]]:
    """Orders plus, per customer, (created_ms, order) pairs for picking what a chat is about."""
    orders: list[dict] = []
    by_customer: list[list[tuple]] = []
    used_ids: set[str] = set()
    counts = rng.choices(range(len(ORDER_COUNT_WEIGHTS)), weights=ORDER_COUNT_WEIGHTS, k=len(cust_created))
    for cid, (signup, k) in enumerate(zip(cust_created, counts, strict=True), start=1):
        mine: list[tuple] = []
        span = now - signup
        times = sorted(
            # Half of all orders are recent so that after-sales chats have something to be about.
            now - rng.randint(0, min(span, 45 * _DAY)) if rng.random() < 0.5 else now - rng.randint(0, span)
            for _ in range(k)
        )
        for created_ms in times:
            day = (_EPOCH + timedelta(milliseconds=created_ms)).strftime("%y%m%d")
            oid = f"E{day}{rng.randrange(10**6):06d}"
            while oid in used_ids:
                oid = f"E{day}{rng.randrange(10**6):06d}"
            used_ids.add(oid)
            items = []
            for s in rng.sample(_CATALOG, rng.choices((1, 2, 3, 4), weights=(60, 25, 10, 5))[0]):
                qty = rng.choices((1, 2, 3), weights=(80, 15, 5))[0]
                items.append({"sku": s.sku, "title": s.title, "qty": qty, "price_cents": s.price_cents})
            order = {
                "id": oid, "customer_id": cid,
                "total_cents": sum(it["qty"] * it["price_cents"] for it in items),
                "status": _order_status(rng, now - created_ms), "items": items, "created_at": _iso(created_ms),
            }
            orders.append(order)
            mine.append((created_ms, order))
        by_customer.append(mine)
    return orders, by_customer


def _tag_customers(rng: random.Random, customers: list[dict], by_customer: list[list[tuple]],
                   cust_created: list[int], now: int) -> None:
    # Tags are derived from behaviour where a rule exists, the way a CRM segment would be.
    for c, mine, signup in zip(customers, by_customer, cust_created, strict=True):
        spent = sum(o["total_cents"] for _t, o in mine)
        refunds = sum(o["status"] == "refunded" for _t, o in mine)
        tags = c["tags"]
        if spent > 120000 or (len(mine) >= 5 and rng.random() < 0.5):
            tags.append("VIP")
        if spent > 80000:
            tags.append("高价值")
        if len(mine) >= 3:
            tags.append("老客户")
        if now - signup < 60 * _DAY:
            tags.append("新客户")
        if refunds >= 2 or (refunds == 1 and rng.random() < 0.3):
            tags.append("爱退货")
        for tag, p in (("价格敏感", 0.12), ("学生", 0.06), ("批发", 0.03)):
            if rng.random() < p:
                tags.append(tag)


# --- conversations ----------------------------------------------------------------------------


def _conversation_time(rng: random.Random, status: str, now: int) -> int:
    # Open chats are mostly from the last hours (a team at work keeps its queue short); old open chats
    # are the neglected minority that SLA sorting brings to the top.
    if status == "open":
        if rng.random() < 0.9:
            return now - int(rng.expovariate(1 / (3 * _HOUR))) % (2 * _DAY) - _MINUTE
        return now - rng.randint(2 * _DAY, 30 * _DAY)
    if status == "pending" and rng.random() < 0.6:
        return now - rng.randint(_HOUR, 5 * _DAY)
    return now - rng.randint(_HOUR, 30 * _DAY)


def _pick_topic(rng: random.Random, has_orders: bool) -> dict:
    pool = _TOPICS_ALL if has_orders else _TOPICS_NO_ORDER
    return rng.choices(pool[0], cum_weights=pool[1])[0]


_TOPICS_ALL = (T.TOPICS, _cumulative([t["weight"] for t in T.TOPICS]))
_NO_ORDER = [t for t in T.TOPICS if not t["needs_order"]]
_TOPICS_NO_ORDER = (_NO_ORDER, _cumulative([t["weight"] for t in _NO_ORDER]))


def _conversation_vars(rng: random.Random, topic: dict, customer: dict, is_en: bool, order: dict | None,
                       agent: dict | None, lead: dict, staff_en: dict[str, str]) -> dict:
    """Everything a template of this topic may mention, consistent within one conversation."""
    if order is not None:
        sku = _BY_SKU[rng.choice(order["items"])["sku"]]
    elif topic["products"] == "sized":
        sku = rng.choice(_SIZED)
    elif topic["products"] == "coloured":
        sku = rng.choice(_COLOURED)
    else:
        sku = rng.choice(_CATALOG)
    colour = T.COLOURS[sku.colour] if sku.colour is not None else rng.choice(T.COLOURS)
    sizes = T.SHOE_SIZES if sku.kind == "shoes" else T.APPAREL_SIZES
    size = sku.size or rng.choice(sizes[1:4])
    # What the customer wants in exchange: another size, else another colour, else a new unit.
    if sku.size is not None:
        other = sizes[min(sizes.index(size) + 1, len(sizes) - 1)] if size != sizes[-1] else sizes[-2]
        swap, swap_en = f"{other}码", f"size {other}"
    elif sku.colour is not None:
        oc = T.COLOURS[(sku.colour + 1 + rng.randrange(len(T.COLOURS) - 1)) % len(T.COLOURS)]
        swap, swap_en = oc[0], oc[1]
    else:
        swap, swap_en = "新的", "a new one"
    courier = rng.choice(T.COURIERS)
    region = next(r for r in T.REGIONS if r[0] == customer["region"])
    amount = order["total_cents"] if order else sku.price_cents
    height = rng.randint(155, 185)
    weight_kg = max(42, min(95, height - 110 + rng.randint(-8, 12)))
    first_name = customer["name"].split(" ")[0] if is_en else customer["name"]
    return {
        "product": sku.base_zh, "product_en": sku.base_en, "color": colour[0], "color_en": colour[1],
        "size": size, "swap": swap, "swap_en": swap_en,
        "order": order["id"] if order else "", "amount": f"{amount / 100:.2f}",
        "comp": f"{max(500, amount // 10) / 100:.2f}",
        "courier": courier[0], "courier_en": courier[1],
        "tracking": courier[2] + "".join(rng.choices("0123456789", k=courier[3])),
        "city": region[1], "city_en": region[2], "days": rng.randint(2, 7),
        "height": height, "weight": weight_kg * 2, "weight_kg": weight_kg, "coupon": rng.choice(T.COUPONS),
        "agent": agent["display_name"] if agent else "", "agent_en": staff_en.get(agent["name"], "") if agent else "",
        "customer": first_name, "lead": lead["display_name"], "email": customer["email"],
        "queue": rng.randint(2, 15),
    }


def _answer(rng: random.Random, questions: list[str], answers: list[str], qi: int) -> str:
    # Aligned lists pair by index (see demo_texts.TOPICS); otherwise every answer fits every question.
    return answers[qi] if len(answers) == len(questions) else rng.choice(answers)


def _dialog(rng: random.Random, topic: dict, lang: str, status: str, assigned: bool,
            limit: int = 11) -> list[tuple[str, str, str]]:
    """The turns of one conversation as (author_kind, kind, template); authors are filled in later.

    limit stays one below the 12-message cap so an internal note can still be slipped in."""

    def pick(pool: dict) -> str:
        return rng.choice(pool[lang])

    sep = "" if lang == "zh" else " "
    turns: list[tuple[str, str, str]] = []
    if rng.random() < 0.15 or not assigned:
        turns.append(("customer", "reply", pick(T.CUST_HELLO)))
    opens = topic["open"][lang]
    oi = rng.randrange(len(opens))
    turns.append(("customer", "reply", opens[oi]))
    if not assigned:
        # Still in the queue: the customer waits and may get impatient; nobody has answered.
        if rng.random() < 0.4:
            turns.append(("system", "system", pick(T.SYSTEM_QUEUE)))
        if rng.random() < 0.4:
            turns.append(("customer", "reply", pick(T.CUST_NUDGE)))
        return turns

    first = _answer(rng, opens, topic["first"][lang], oi)
    if rng.random() < 0.75:  # the handbook greeting opens most first replies, not all
        first = pick(T.GREETING) + sep + first
    turns.append(("agent", "reply", first))

    rounds = rng.choices([r for r, _w in ROUND_WEIGHTS], weights=[w for _r, w in ROUND_WEIGHTS])[0]
    tail = {"open": 1, "pending": 2, "resolved": 3}[status]
    questions, answers = topic["cust_mid"][lang], topic["agent_mid"][lang]
    # Follow-up questions keep their written order (photo before solution); one is held back as
    # the open chat's unanswered last word.
    middle = max(0, min(rounds - 1, len(questions) - (status == "open"), (limit - len(turns) - tail) // 2))
    asked = sorted(rng.sample(range(len(questions)), middle + (status == "open" and middle < len(questions))))
    spare = limit - len(turns) - 2 * middle - tail  # room for the occasional extra message
    for qi in asked[:middle]:
        turns.append(("customer", "reply", questions[qi]))
        if spare > 0 and rng.random() < 0.06:  # impatient double message: chats alternate mostly
            turns.append(("customer", "reply", pick(T.CUST_NUDGE)))
            spare -= 1
        elif spare > 0 and rng.random() < 0.2:  # "let me check" before the actual answer
            turns.append(("agent", "reply", pick(T.HOLD)))
            spare -= 1
        turns.append(("agent", "reply", _answer(rng, questions, answers, qi)))
    if status == "open":
        last = questions[asked[-1]] if len(asked) > middle else pick(T.CUST_NUDGE)
        turns.append(("customer", "reply", last))  # the customer spoke last: waiting on us
    elif status == "pending":
        turns.append(("customer", "reply", pick(T.CUST_PENDING)))
        turns.append(("agent", "reply", pick(topic["pending"])))
    else:
        turns.append(("customer", "reply", pick(T.CUST_END)))
        # After something went wrong the goodbye often repeats the apology.
        sorry = topic["key"] in T.APOLOGETIC_TOPICS and rng.random() < 0.5
        turns.append(("agent", "reply", pick(T.AGENT_END_SORRY if sorry else T.AGENT_END)))
        if rng.random() < 0.6:
            turns.append(("system", "system", pick(T.SYSTEM_END)))
    return turns


def _gap(rng: random.Random, prev: str, cur: str, first_reply: bool) -> int:
    """Milliseconds between two turns, by who speaks: agents answer in minutes, customers drift off."""
    if cur == "system":
        return rng.randint(2 * _SECOND, 3 * _MINUTE)
    if cur == "note":
        return rng.randint(_MINUTE, 2 * _HOUR)
    if prev == cur == "customer":
        return rng.randint(5 * _SECOND, 3 * _MINUTE)
    if cur == "agent":
        if rng.random() < 0.05:  # arrived after hours or during a peak
            return rng.randint(30 * _MINUTE, 8 * _HOUR)
        mean = 90 * _SECOND if first_reply else 60 * _SECOND
        return 5 * _SECOND + int(rng.expovariate(1 / mean))
    if rng.random() < 0.15:
        return rng.randint(_HOUR, 20 * _HOUR)
    return 10 * _SECOND + int(rng.expovariate(1 / (3 * _MINUTE)))


def _conversations(rng: random.Random, count: int, now: int, customers: list[dict], cust_created: list[int],
                   english: list[bool], by_customer: list[list[tuple]], users: list[dict]
                   ) -> tuple[list[dict], list[dict]]:
    staff_en = {login: en for login, _zh, en, _t, _r in T.STAFF}
    members: dict[str, list[dict]] = {}
    leads: dict[str, dict] = {}
    for u in users:
        if u["role"] == "admin":
            continue  # the admin configures the desk, it never takes chats
        members.setdefault(u["team_id"], []).append(u)
        if u["role"] == "lead":
            leads[u["team_id"]] = u
    # Leads take fewer chats; agents by capacity, which is what load-based assignment converges to.
    member_weights = {t: [1 if u["role"] == "lead" else u["capacity"] for u in ms] for t, ms in members.items()}
    statuses = list(STATUS_WEIGHTS)
    status_weights = list(STATUS_WEIGHTS.values())

    # Draw who and when first, then number chronologically so ids grow with time.
    specs = []
    for _ in range(count):
        status = rng.choices(statuses, weights=status_weights)[0]
        cidx = rng.randrange(len(customers))
        t = _conversation_time(rng, status, now)
        t = max(t, min(cust_created[cidx] + 10 * _MINUTE, now - _MINUTE))  # nobody chats before signing up
        specs.append((t, cidx, status))
    specs.sort(key=lambda s: s[0])

    conversations: list[dict] = []
    messages: list[dict] = []
    for conv_id, (start, cidx, status) in enumerate(specs, start=1):
        customer = customers[cidx]
        is_en = english[cidx]
        lang = "en" if is_en else "zh"
        earlier = [(t, o) for t, o in by_customer[cidx] if t <= start]
        topic = _pick_topic(rng, bool(earlier))
        order = None
        if earlier and (topic["needs_order"] or rng.random() < 0.3):
            # People write about what they bought lately; an old order is the fallback.
            candidates = [o for t, o in earlier if start - t <= 45 * _DAY] or [o for _t, o in earlier]
            fitting = [o for o in candidates if topic["order_status"] and o["status"] in topic["order_status"]]
            order = rng.choice(fitting or candidates)
        team = topic["team"]
        assignee = None
        if not (status == "open" and rng.random() < UNASSIGNED_OPEN_SHARE):
            assignee = rng.choices(members[team], weights=member_weights[team])[0]
        lead = leads[team]
        channel = rng.choices(T.CHANNELS, weights=T.CHANNEL_WEIGHTS_EN if is_en else T.CHANNEL_WEIGHTS_ZH)[0]
        tvars = _conversation_vars(rng, topic, customer, is_en, order, assignee, lead, staff_en)

        turns = _dialog(rng, topic, lang, status, assignee is not None)
        if assignee is not None and rng.random() < NOTE_SHARE * 1.1:  # a few chats have no agent turn to follow
            agent_at = [i for i, tr in enumerate(turns) if tr[0] == "agent"]
            if agent_at:
                note = rng.choice(topic["notes"] + T.NOTES)
                turns.insert(rng.choice(agent_at) + 1, ("agent", "note", note))

        # Timing: lay the turns out by gap, then squeeze the whole chat if it would run past now.
        offsets, off, prev, replied = [0], 0, "customer", False
        for author_kind, kind, _tpl in turns[1:]:
            cur = "note" if kind == "note" else author_kind
            g = _gap(rng, prev, cur, not replied and cur == "agent")
            off += g * 12 if channel == "email" and cur in ("agent", "customer") else g  # email is slow
            offsets.append(off)
            if cur in ("agent", "customer"):
                prev = cur
            replied = replied or cur == "agent"
        room = now - start
        if off > room:  # end somewhat before now, not exactly at it, or the newest chats all tie
            end = int(room * rng.uniform(0.5, 0.98))
            offsets = [o * end // off for o in offsets]

        note_author = lead if team == "complaints" and rng.random() < 0.4 else assignee
        for (author_kind, kind, tpl), o in zip(turns, offsets, strict=True):
            author = None
            if author_kind == "agent":
                author = (note_author if kind == "note" else assignee)["name"]
            body = tpl.format_map(tvars)
            messages.append({
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "conversation_id": conv_id, "author_kind": author_kind, "author": author,
                "kind": kind, "body": body, "created_at": _iso(start + o),
            })

        tags = list(topic["tags"])
        if rng.random() < 0.08:
            tags.append("加急")
        conversations.append({
            "id": conv_id, "customer_id": customer["id"], "team_id": team,
            "assignee": assignee["name"] if assignee else None, "status": status, "channel": channel,
            "subject": rng.choice(topic["subject"][lang]).format_map(tvars), "tags": tags,
            "created_at": _iso(start), "updated_at": _iso(start + offsets[-1]),
        })
    return conversations, messages


# --- snippets ---------------------------------------------------------------------------------


def _snippet_body(body: str, variant: tuple[str, ...]) -> str:
    _zh_title, _en_title, zh_pre, zh_post, en_pre, en_post = variant
    name, agent = "{customer.name}", "{agent.name}"
    # A variant's greeting replaces the base text's own greeting.
    if body.isascii() and en_pre and body.startswith("Hi "):
        body = body.split(", ", 1)[1]
        body = body[0].upper() + body[1:]
    elif not body.isascii() and zh_pre:
        for greeting in ("亲，您好！", "亲，", name + "您好，"):
            if body.startswith(greeting):
                body = body[len(greeting):]
                zh_pre = "亲爱的" + name + "，" if greeting.startswith(name) and name in zh_pre else zh_pre
                break
    # Never address the customer or sign twice in one text.
    if name in body:
        zh_pre = "您好，" if name in zh_pre else zh_pre
        en_pre = "Hello,\n" if name in en_pre else en_pre
    if agent in body:
        zh_post = "祝您生活愉快！" if agent in zh_post else zh_post
        en_post = " Have a nice day!" if agent in en_post else en_post
    if body.isascii():
        return en_pre + body + en_post
    return zh_pre + body + zh_post


def _snippets(count: int) -> list[dict]:
    """Canned replies: base texts first, then tone variants of each, so any count is possible."""
    out: list[dict] = []
    seen: set[str] = set()
    base, variants = T.SNIPPETS, T.SNIPPET_VARIANTS
    for n in range(count):
        stem, category, team, title, body = base[n % len(base)]
        round_ = n // len(base)
        variant = variants[round_ % len(variants)]
        shortcut = stem if round_ == 0 else f"{stem}-{round_ + 1}"
        while shortcut in seen:  # only reachable if a stem itself ends in "-<n>"
            shortcut += "x"
        seen.add(shortcut)
        label = title + (variant[1] if body.isascii() else variant[0])
        if round_ >= len(variants):  # past the named tones, number the repeats
            label += f" {round_ // len(variants) + 1}"
        out.append({"id": n + 1, "title": label, "body": _snippet_body(body, variant), "shortcut": shortcut,
                    "category": category, "team_id": team})
    return out


# --- entry point ------------------------------------------------------------------------------


def generate(seed: int = 42, *, customers: int = 2000, conversations: int = 5000, snippets: int = 200,
             now: datetime | None = None) -> DemoData:
    """Build a whole demo shop. Same seed and same now give identical data, call after call."""
    rng = random.Random(seed)
    now_ms = _to_ms(now if now is not None else DEFAULT_NOW)
    teams = _teams()
    users = _users(rng)
    custs, cust_created, english = _customers(rng, customers, now_ms)
    orders, by_customer = _orders(rng, cust_created, now_ms)
    _tag_customers(rng, custs, by_customer, cust_created, now_ms)
    convs, msgs = (
        _conversations(rng, conversations, now_ms, custs, cust_created, english, by_customer, users)
        if custs else ([], [])
    )
    return DemoData(teams=teams, users=users, customers=custs, orders=orders,
                    conversations=convs, messages=msgs, snippets=_snippets(snippets))
