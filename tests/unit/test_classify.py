"""The category classifier: business words, synonyms, ties, and only-forward re-classification."""

from hypothesis import given
from hypothesis import strategies as st

from cs_desk.domain.classify import (
    CATEGORIES,
    CATEGORY_RANK,
    COMPLAINT,
    CONSULTATION,
    EXCHANGE,
    PRIORITIES,
    REFUND,
    RETURN,
    SUGGESTION,
    Lexicon,
    classify,
    escalates,
    raise_priority,
)

LEX = Lexicon.build()


def test_business_words_pick_the_category_and_explain_it():
    c = classify("你好，我收到的衣服破了，想退款", LEX)
    assert (c.category, c.words, c.priority) == (REFUND, ("退款",), "high")
    assert classify("尺码小了能换尺码吗", LEX).category == EXCHANGE
    assert classify("七天无理由退货怎么寄回", LEX).words == ("七天无理由", "退货", "寄回")


def test_nothing_matched_is_a_consultation_at_normal_priority():
    c = classify("这款有现货吗？什么时候发货", LEX)
    assert (c.category, c.words, c.priority) == (CONSULTATION, (), "normal")


def test_more_words_win_and_ties_go_to_the_category_served_first():
    assert classify("我要投诉！退款", LEX).category == COMPLAINT  # one each: complaint ranks first
    assert classify("退货退款，仅退款也行", LEX).category == REFUND  # 2 refund words against 1 return word
    assert classify("给个建议，换货流程太慢", LEX).category == EXCHANGE  # exchange ranks before suggestion


def test_full_width_and_case_do_not_matter():
    assert classify("I want a ＲＥＦＵＮＤ please", LEX).category == REFUND
    assert classify("This is a SCAM", LEX).category == COMPLAINT


def test_synonyms_from_the_knowledge_base_map_onto_the_standard_word():
    lex = Lexicon.build(words=[("质量问题", COMPLAINT)], synonyms=[("把钱退给我", "退款"), ("质量太烂", "质量问题")])
    assert classify("把钱退给我", lex).words == ("退款",)
    c = classify("质量太烂了", lex)
    assert (c.category, c.words) == (COMPLAINT, ("质量问题",))
    # a variant and its standard word in one text count once
    assert classify("退款，把钱退给我", lex).words == ("退款",)


def test_team_words_override_builtin_ones_and_bad_categories_are_refused():
    lex = Lexicon.build(words=[("建议", CONSULTATION)])
    assert classify("有个建议", lex).category == CONSULTATION
    try:
        Lexicon.build(words=[("x", "billing")])
    except ValueError as exc:
        assert "billing" in str(exc)
    else:
        raise AssertionError("an unknown category must be refused")


def test_without_builtin_words_only_the_teams_count():
    lex = Lexicon.build(words=[("坏了", RETURN)], builtin=False)
    assert classify("坏了，我要投诉", lex).category == RETURN


@given(st.text(max_size=200))
def test_any_text_gets_a_known_category_with_words_from_the_text(text):
    c = classify(text, LEX)
    assert c.category in CATEGORIES and c.priority in PRIORITIES
    assert all(LEX.words[w] == c.category for w in c.words)
    assert bool(c.words) == (c.category != CONSULTATION)  # the built-in words name no consultation


@given(st.text(max_size=80), st.sampled_from(sorted(LEX.words)))
def test_adding_a_business_word_never_yields_consultation(text, word):
    assert classify(text + word, LEX).category != CONSULTATION


@given(st.sampled_from(CATEGORIES), st.sampled_from(CATEGORIES))
def test_reclassification_only_moves_forward(current, proposed):
    if escalates(current, proposed):
        assert CATEGORY_RANK[proposed] < CATEGORY_RANK[current] and proposed != CONSULTATION
    assert not escalates(current, current)
    assert not escalates(COMPLAINT, proposed)
    assert not escalates(current, CONSULTATION)
    assert escalates(SUGGESTION, COMPLAINT)


def test_raise_priority_steps_up_and_stops_at_urgent():
    assert [raise_priority(p) for p in PRIORITIES] == ["urgent", "urgent", "high", "normal"]
