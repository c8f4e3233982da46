"""Sensitive words: found whatever the case or hidden characters, with offsets into the original."""

from hypothesis import given
from hypothesis import strategies as st

from cs_desk.domain.sensitive import Hit, distinct_words, find, matchable


def test_finds_chinese_and_latin_words_with_positions():
    text = "亲，这是全网最低价，加我微信 WeChat 聊"
    hits = find(text, ["最低价", "微信", "wechat"])
    assert [(text[h.start:h.end], h.word) for h in hits] == [("最低价", "最低价"), ("微信", "微信"),
                                                            ("WeChat", "wechat")]


def test_invisible_characters_and_full_width_letters_do_not_hide_a_word():
    text = "最\u200b低\u00ad价 and ＱＱ号"
    hits = find(text, ["最低价", "qq"])
    assert [h.word for h in hits] == ["最低价", "qq"]
    assert text[hits[0].start:hits[0].end] == "最\u200b低\u00ad价"


def test_every_occurrence_and_overlaps_are_reported():
    assert find("aaa", ["aa"]) == [Hit(0, 2, "aa"), Hit(1, 3, "aa")]
    assert distinct_words(find("绝对 绝对第一", ["绝对", "第一"])) == ["绝对", "第一"]


def test_blank_and_repeated_words_are_ignored():
    assert find("hello", ["", "  ", "x"]) == []
    assert len(find("退款退款", ["退款", "退款"])) == 2


@given(st.text(), st.lists(st.text(max_size=5), max_size=5))
def test_never_raises_and_offsets_are_inside_the_text(text, words):
    for h in find(text, words):
        assert 0 <= h.start < h.end <= len(text)


@given(st.text(), st.text(min_size=1, max_size=4).filter(matchable))
def test_a_word_put_into_a_text_is_found(text, word):
    assert word.strip() in [h.word for h in find(text + word + text, [word])]


def test_a_word_of_invisible_characters_only_is_not_matchable():
    assert not matchable("\xad") and not matchable(" \u200b ") and matchable("最低价")
