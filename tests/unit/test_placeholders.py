"""Placeholder rendering: values in, missing ones left as written, braces escaped, nothing re-expanded."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cs_desk.domain.placeholders import KNOWN, Span, escape, names, render

CTX = {"customer.name": "王芳", "agent.name": "李娜", "order.id": "E20261101"}


def test_fills_known_placeholders():
    r = render("亲爱的{customer.name}，我是客服{agent.name}，您的订单{order.id}已发货。", CTX)
    assert r.text == "亲爱的王芳，我是客服李娜，您的订单E20261101已发货。"
    assert r.missing == () and r.complete


def test_missing_and_unknown_stay_as_written_and_are_listed_once():
    r = render("{customer.name}：订单 {order.id}，优惠券 { coupon.code }，再说一次 {order.id}", {"customer.name": "王芳"})
    assert r.text == "王芳：订单 {order.id}，优惠券 { coupon.code }，再说一次 {order.id}"
    assert r.missing == ("order.id", "coupon.code")
    assert not r.complete


def test_empty_value_counts_as_missing():
    r = render("我是{agent.name}", {"agent.name": ""})
    assert r.text == "我是{agent.name}" and r.missing == ("agent.name",)


def test_spans_point_at_values_and_gaps():
    r = render("Hi {customer.name}, order {order.id}", {"customer.name": "Ann"})
    assert r.spans == (Span(3, 6, "customer.name", True), Span(14, 24, "order.id", False))
    assert r.text[3:6] == "Ann" and r.text[14:24] == "{order.id}"


def test_double_braces_are_literal():
    r = render("{{customer.name}} is {{literal}}, }} and {{ too", CTX)
    assert r.text == "{customer.name} is {literal}, } and { too"
    assert r.missing == () and r.spans == ()


def test_values_are_not_expanded_again():
    r = render("{customer.name} / {agent.name}", {"customer.name": "{agent.name}", "agent.name": "李娜"})
    assert r.text == "{agent.name} / 李娜"
    assert r.missing == ()


@pytest.mark.parametrize("text", ["{}", "{ }", "{1}", "{1.5}", "{.x}", "{x.}", "{a b}", "{", "}", "a{b", "{{{",
                                  "JSON {\"a\": 1}", "满100减{20}"])
def test_things_that_are_not_placeholders_are_left_alone(text):
    r = render(text, CTX)
    assert r.missing == () and r.spans == ()
    assert r.text == text.replace("{{", "{")  # only `{{` collapses; nothing else changes


def test_chinese_placeholder_names():
    assert render("{客户.姓名}您好", {"客户.姓名": "王芳"}).text == "王芳您好"


def test_names_and_known():
    assert names("{order.id} {customer.name} {order.id} {{x}}") == ("order.id", "customer.name")
    assert {"customer.name", "agent.name", "order.id"} <= set(KNOWN)


# Pieces that make placeholders, escapes and near-misses likely; plus free text of any kind.
PIECES = [*"{}ab.汉 _1\n", "{customer.name}", "{order.id}", "{{", "}}", "{ a.b }", "{汉}"]
templates = st.lists(st.sampled_from(PIECES), max_size=20).map("".join) | st.text(max_size=40)
values = st.dictionaries(st.sampled_from(["customer.name", "order.id", "a", "a.b", "汉"]), st.text(max_size=8))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(templates, values)
def test_rendering_never_raises_and_spans_are_consistent(template, ctx):
    r = render(template, ctx)
    assert isinstance(r.text, str)
    for sp in r.spans:
        piece = r.text[sp.start:sp.end]
        if sp.filled:
            assert piece == ctx[sp.name]
        else:
            assert piece.startswith("{") and piece.endswith("}") and sp.name in r.missing
    assert set(r.missing) <= set(names(template))


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=60), values)
def test_text_without_braces_is_unchanged(text, ctx):
    r = render(text, ctx)
    assert r.text == text and r.missing == () and r.spans == ()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=40), values)
def test_escaped_text_renders_to_itself(text, ctx):
    assert render(escape(text), ctx).text == text
