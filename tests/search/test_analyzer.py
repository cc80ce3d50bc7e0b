"""The one tokenizer: user dictionary words stay whole, jieba and rjieba agree, T→S."""

import jieba
import pytest
from whoosh.formats import Positions

from articles.search.analyzer import chinese_analyzer, read_user_dict, to_simplified, tokenize
from articles.search.phrase import phrase_query
from articles.search.whoosh_private.codec import OffsetPositions


def words(text, mode="search"):
    return [word for word, _, _ in tokenize(text, mode=mode)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("市委书记章旭升主持会议", "章旭升"),
        ("融媒首席记者陈晓苏报道", "陈晓苏"),
        ("推进城中村改造", "城中村"),
        ("清廉金华建设推进会", "清廉金华"),
        ("加快打造世界五金之都", "五金之都"),
        ("南苑区块改造提升", "南苑区块"),
        ("市融媒体中心", "融媒体中心"),
    ],
)
def test_user_dictionary_words_are_single_tokens(text, word):
    assert word in words(text, mode="default")


def test_search_mode_also_gives_the_words_inside_a_long_word():
    found = words("清廉金华")
    assert {"清廉金华", "清廉", "金华"} <= set(found)


def test_person_table_names_reach_the_tokenizer(db):
    from articles.models import Person
    from articles.search.analyzer import ensure_user_dict

    Person.objects.create(name="骆蔚蓝")
    ensure_user_dict()
    assert "骆蔚蓝" in words("记者骆蔚蓝报道", mode="default")


def test_punctuation_and_spaces_are_dropped_and_latin_lowercased():
    analyzer = chinese_analyzer()
    assert [t.text for t in analyzer("永康，Hello 世界！")] == ["永康", "hello", "世界"]


def test_positions_are_character_offsets():
    tokens = [(t.text, t.pos) for t in chinese_analyzer()("会议指出，清廉金华", positions=True)]
    assert ("清廉金华", 5) in tokens


def test_traditional_query_becomes_simplified():
    assert to_simplified("清廉金華 陳曉蘇") == "清廉金华 陈晓苏"


def test_single_token_phrase_is_a_plain_term():
    assert phrase_query("text", "清廉金华").text == "清廉金华"


def test_rjieba_and_jieba_agree_on_the_seed_pages(seeded):
    """The index uses rjieba; jieba is the reference segmenter people know. With the same
    user dictionary they must cut our own text the same way where it matters."""
    from articles.models import Article, Person

    for word, freq in read_user_dict():
        jieba.add_word(word, freq)
    for name in Person.objects.values_list("name", flat=True):
        jieba.add_word(name)
    sentences = [
        s for a in Article.objects.all() for s in a.body.replace("。", "。\n").splitlines() if s
    ]
    agree = sum(
        1
        for s in sentences
        if words(s, mode="default")
        == [w.lower() for w in jieba.cut(s) if w.strip() and w.isalnum()]
    )
    assert agree / len(sentences) > 0.95
    for word, _ in read_user_dict():
        assert list(jieba.cut(word)) == [word]
        assert words(word, mode="default") == [word.lower()]


def test_index_postings_from_the_word_list_equal_whoosh_token_streams():
    """OffsetPositions reads our tokenizer's word list directly; the postings must be what
    Whoosh's own token-stream path makes of the same text."""
    text = "永康市委书记陈晓苏说:“五金产业要转型。”Smart Factory, 五金!五金产业 2022年"
    fmt = OffsetPositions(field_boost=2.0)
    analyzer = chinese_analyzer()
    fast = sorted(fmt.word_values(text, analyzer, mode="index"))
    stream = sorted(Positions.word_values(fmt, text, analyzer, mode="index"))
    assert fast == stream
    assert next(v[:3] for v in fast if v[0] == "五金") == ("五金", 3, 6.0)
