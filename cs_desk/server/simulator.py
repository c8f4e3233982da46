"""`cs-desk-server simulate`: realistic Chinese e-commerce customers against a running desk, through
the public channels only: the HTTP intake API (with a channel's API key) and, with a widget id, the web
chat's websocket. Pre-sales questions, order status, returns and refunds, complaints and suggestions,
with search keywords, landing pages and regions for the routing rules; customers write again now and
then, and answer the satisfaction survey once their conversation is resolved (mostly kindly, not
always)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

SCENARIOS: dict[str, list[str]] = {
    "presales": ["这款羽绒服还有L码吗？", "请问这个颜色会不会褪色？", "现在下单有优惠券吗？", "学生有优惠吗？",
                 "能开发票吗？", "Is this jacket available in blue?", "身高170体重65kg穿什么码？"],
    "order": ["我的订单什么时候发货？", "快递三天没动了，帮忙查一下", "能改一下收货地址吗？", "Where is my parcel?",
              "周末发货吗？急用"],
    "return": ["衣服尺码不合适，想退货", "七天无理由退货怎么寄回？", "收到的颜色不对，能换货吗？"],
    "refund": ["商品破损了，我要退款", "退款申请了三天还没到账", "缺货了就退钱吧", "I want a refund, the item is broken"],
    "complaint": ["客服态度太差了，我要投诉", "第二次收到坏的了，质量问题太严重", "一直没人回复，再不处理就给差评"],
    "suggestion": ["建议你们多出几个颜色", "希望包装能环保一点"],
}
WEIGHTS = {"presales": 35, "order": 25, "return": 12, "refund": 12, "complaint": 8, "suggestion": 8}
FOLLOW_UPS = ["在吗？", "还有人吗", "好的，谢谢", "那大概要多久？", "麻烦尽快处理"]
KEYWORDS = ["羽绒服", "运动鞋", "连衣裙", "蓝牙耳机", "双十一", "保温杯", ""]
LANDINGS = ["https://shop.example.cn/item/1001", "https://shop.example.cn/sale/1111",
            "https://shop.example.cn/item/2042", "https://shop.example.cn/"]
REGIONS = ["广东", "浙江", "北京", "上海", "江苏", "四川", "湖北", "福建"]
NAMES = ["李娜", "王强", "陈静", "赵磊", "刘洋", "张敏", "杨帆", "黄丽", "Emily Chen", "Jason Wang"]


def parse_rate(text: str) -> float:
    """'2/s', '30/m', '120/h' or a bare number of messages per second."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*(?:/\s*([smh]))?\s*", text)
    if not m or float(m[1]) <= 0:
        raise ValueError(f"a rate looks like 2/s, 30/m or 0.5, not {text!r}")
    return float(m[1]) / {"s": 1, "m": 60, "h": 3600, None: 1}[m[2]]


def parse_duration(text: str) -> float:
    m = re.fullmatch(r"\s*([0-9.]+)\s*([smh]?)\s*", text)
    if not m:
        raise ValueError(f"a duration looks like 90s, 10m or 1h, not {text!r}")
    return float(m[1]) * {"s": 1, "m": 60, "h": 3600, "": 1}[m[2]]


@dataclass
class Customer:
    name: str
    email: str
    region: str
    scenario: str
    source: dict[str, str]
    conversation_id: int | None = None
    rated: bool = False


@dataclass
class Stats:
    messages: int = 0
    customers: int = 0
    surveys: int = 0
    errors: int = 0
    widget_messages: int = 0
    last_error: str = ""

    def line(self) -> str:
        return (f"sent {self.messages} messages ({self.widget_messages} by web chat) from {self.customers} customers, "
                f"answered {self.surveys} surveys, {self.errors} errors"
                + (f" (last: {self.last_error})" if self.last_error else ""))


@dataclass
class Simulator:
    http: str
    api_key: str
    widget: str | None = None
    seed: int | None = None
    stats: Stats = field(default_factory=Stats)
    customers: list[Customer] = field(default_factory=list)
    # web-chat visitors come back: past 15 the simulator reuses their tokens, as returning visitors
    # do (and as the desk's limit on new chats per address expects)
    visitor_tokens: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.http = self.http.rstrip("/")

    def _new_customer(self) -> Customer:
        scenario = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        name = self.rng.choice(NAMES)
        c = Customer(name, f"sim-{uuid.uuid4().hex[:10]}@example.cn", self.rng.choice(REGIONS), scenario,
                     {"keyword": self.rng.choice(KEYWORDS), "landing_page": self.rng.choice(LANDINGS),
                      "origin_page": self.rng.choice(LANDINGS)})
        self.customers.append(c)
        self.stats.customers += 1
        return c

    def _call(self, path: str, body: dict | None = None, idem: str | None = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}
        if idem:
            headers["Idempotency-Key"] = idem
        req = urllib.request.Request(f"{self.http}{path}", method="POST" if body is not None else "GET",
                                     data=json.dumps(body).encode() if body is not None else None, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")

    def _fail(self, what: str) -> None:
        self.stats.errors += 1
        self.stats.last_error = what[:200]

    def step(self) -> None:
        """One customer message through the intake API: a new customer most of the time, else someone
        writing again."""
        active = [c for c in self.customers if c.conversation_id is not None and not c.rated]
        if active and self.rng.random() < 0.3:
            c = self.rng.choice(active)
            text = self.rng.choice(FOLLOW_UPS)
        else:
            c = self._new_customer()
            text = self.rng.choice(SCENARIOS[c.scenario])
        body = {"customer": {"name": c.name, "email": c.email, "region": c.region}, "body": text,
                "source": c.source}
        try:
            status, res = self._call("/api/v1/messages", body, idem=f"sim-{uuid.uuid4()}")
        except OSError as exc:
            self._fail(str(exc))
            return
        if status in (200, 201):
            c.conversation_id = res["conversation_id"]
            self.stats.messages += 1
        else:
            self._fail(f"{status} {res}")

    def answer_surveys(self) -> int:
        """Asks how each open conversation stands; rates those resolved with a survey waiting."""
        done = 0
        for c in [c for c in self.customers if c.conversation_id is not None and not c.rated]:
            try:
                status, st = self._call(f"/api/v1/conversations/{c.conversation_id}")
                survey = st.get("survey") if status == 200 else None
                if not survey or survey.get("answered_at"):
                    continue
                score = self.rng.choices([5, 4, 3, 2, 1], weights=[55, 25, 10, 6, 4])[0]
                comment = self.rng.choice(["", "谢谢，很耐心", "处理得挺快", "等太久了"] if score >= 3 else
                                          ["等太久了", "问题没解决", "态度一般"])
                status, res = self._call(f"/api/v1/conversations/{c.conversation_id}/survey",
                                         {"score": score, "comment": comment})
            except OSError as exc:
                self._fail(str(exc))
                continue
            if status == 201:
                c.rated = True
                done += 1
                self.stats.surveys += 1
            elif status != 409:
                self._fail(f"survey {status} {res}")
        return done

    async def chat(self, linger: float = 20.0) -> None:
        """One web-chat visitor: says hello, writes, stays `linger` seconds for an answer and the survey
        (rating it when asked), then leaves."""
        import websockets

        url = self.http.replace("http", "ws", 1) + "/visitor"
        scenario = self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
        try:
            async with websockets.connect(url, open_timeout=10) as ws:
                token = self.rng.choice(self.visitor_tokens) if len(self.visitor_tokens) >= 15 else None
                await ws.send(json.dumps({"t": "hello", "widget": self.widget, "token": token,
                                          "name": self.rng.choice(NAMES),
                                          "region": self.rng.choice(REGIONS),
                                          "source": {"keyword": self.rng.choice(KEYWORDS),
                                                     "landing_page": self.rng.choice(LANDINGS)}}))
                welcome = json.loads(await ws.recv())
                if welcome.get("t") != "welcome":
                    self._fail(f"web chat: {welcome}")
                    return
                if token is None:
                    self.visitor_tokens.append(welcome["token"])
                    self.stats.customers += 1
                mid = str(uuid.uuid4())
                await ws.send(json.dumps({"t": "say", "id": mid, "body": self.rng.choice(SCENARIOS[scenario])}))
                while True:  # its acknowledgement first (state frames may come before it)
                    f = json.loads(await asyncio.wait_for(ws.recv(), 10))
                    if f.get("t") == "ack" and f.get("id") == mid:
                        self.stats.messages += 1
                        self.stats.widget_messages += 1
                        break
                    if f.get("t") == "error":
                        self._fail(f"web chat: {f.get('code')}")
                        return
                deadline = time.monotonic() + linger
                while time.monotonic() < deadline:
                    with contextlib.suppress(asyncio.TimeoutError):
                        f = json.loads(await asyncio.wait_for(ws.recv(), deadline - time.monotonic()))
                        if f.get("t") == "state" and (f.get("conversation") or {}).get("survey"):
                            await ws.send(json.dumps({"t": "survey", "score": self.rng.choice([5, 5, 4, 3, 2])}))
                        elif f.get("t") == "ack" and f.get("id") == "survey":
                            self.stats.surveys += 1
                            return
                        elif f.get("t") == "error":
                            self._fail(f"web chat: {f.get('code')}")
        except (TimeoutError, OSError, websockets.WebSocketException) as exc:
            self._fail(f"web chat: {exc}")

    async def run(self, rate: float, duration: float | None = None, count: int | None = None,
                  report: Any = None) -> Stats:
        """Sends at `rate` messages per second until `duration` seconds or `count` messages."""
        start, sent, chats = time.monotonic(), 0, set()
        last_poll = start
        while (duration is None or time.monotonic() - start < duration) and (count is None or sent < count):
            if self.widget and self.rng.random() < 0.3:
                task = asyncio.create_task(self.chat())
                chats.add(task)
                task.add_done_callback(chats.discard)
            else:
                await asyncio.to_thread(self.step)
            sent += 1
            if time.monotonic() - last_poll > 5:
                await asyncio.to_thread(self.answer_surveys)
                last_poll = time.monotonic()
                if report:
                    report(self.stats.line())
            await asyncio.sleep(1 / rate)
        for task in list(chats):
            task.cancel()
        await asyncio.gather(*chats, return_exceptions=True)
        return self.stats
