"""The service side of the demo shop: each team's promises (SLA policy), its sensitive-word list,
and the satisfaction surveys customers answered after resolved conversations.

Drawn from their own random stream, so adding them left the rest of the demo data unchanged."""

from __future__ import annotations

import random

# (team, sensitive mode, first response s, next response s, resolution s): pre-sales chat answers fast,
# after-sales keeps the handbook's "24 h response, 48 h solution", complaints are answered within hours.
TEAM_SERVICE: dict[str, tuple[str, int, int, int]] = {
    "presales": ("confirm", 15 * 60, 60 * 60, 24 * 3600),
    "aftersales": ("confirm", 24 * 3600, 24 * 3600, 48 * 3600),
    "complaints": ("block", 2 * 3600, 4 * 3600, 48 * 3600),
}

# 敏感词: advertising-law superlatives and off-platform payment, which shops must not send. (word, team)
SENSITIVE_WORDS: list[tuple[str, str | None]] = [
    ("最低价", None), ("全网第一", None), ("绝对正品", None), ("国家级", None), ("100%有效", None),
    ("加微信", None), ("微信转账", None), ("支付宝转账", None), ("私下交易", None),
    ("保证赔偿", "complaints"), ("肯定是快递的问题", "complaints"),
]

_COMMENTS_GOOD = ["客服很耐心，谢谢！", "处理得很快，满意", "态度很好，问题解决了", "Quick and friendly, thanks!",
                  "回复及时，点赞", ""]
_COMMENTS_BAD = ["等了很久才回复", "问题还是没解决", "Took too long to answer", "转了好几次人"]


def handle(channel: str, customer: dict) -> str | None:
    """The customer's id on a marketplace or messenger, derived from their e-mail so it is stable;
    e-mail and phone are identities of their own."""
    local = customer["email"].split("@")[0].replace(".", "_") or f"u{customer['id']}"
    return {"taobao": f"tb_{local}", "jd": f"jd_{local}", "wechat": f"wxid_{local[:12]}{customer['id']:04d}",
            "web": f"visitor-{customer['id']:06d}"}.get(channel)


def team_columns(team_id: str) -> dict:
    mode, first, nxt, resolution = TEAM_SERVICE.get(team_id, ("confirm", 24 * 3600, 24 * 3600, 48 * 3600))
    return {"sensitive_mode": mode, "sla_first_response_s": first, "sla_next_response_s": nxt,
            "sla_resolution_s": resolution}


def survey(rng: random.Random) -> tuple[int | None, str | None]:
    """About two in three customers answer; most are content, as in a working shop."""
    if rng.random() > 0.65:
        return None, None
    score = rng.choices([5, 4, 3, 2, 1], weights=[55, 25, 10, 6, 4])[0]
    comment = rng.choice(_COMMENTS_GOOD if score >= 4 else _COMMENTS_BAD)
    return score, comment or None
