"""The one-pass evaluation from the postings finds and scores what Whoosh's matchers do."""

import pytest
from haystack import connections

from articles.forms import SearchForm
from articles.search import evaluate as ev
from articles.search.evaluate import Leaf, evaluate
from articles.search.grams import Recall

from .conftest import make_article

pytestmark = pytest.mark.django_db

QUERIES = [
    {"q": "五金"},
    {"q": "金华 五金"},
    {"q": '"清廉金华"'},
    {"q": '"打一场漂亮的翻身仗"'},
    {"q": '"中村改造"'},
    {"q": '"清廉 金华"'},
    {"q": '"永康五金"'},
    {"q": '"城中村改造进入攻坚"'},
    {"q": "五金 -博览会"},
    {"q": "永康", "reporter": "陈晓苏"},
    {"q": "永康", "kind": "news"},
    {"q": "不在索引里的词"},
    {"q": '"清廉金华" 工作'},
    {"reporter": "陈晓苏"},
    {"q": "-五金"},
    {"q": "金"},  # one character: every word holding it
    {"q": "廉 五金"},
    {"q": "五金 -廉"},
]
# Whoosh gives a Wildcard one constant score; ours scores it as a word (see evaluate).
SINGLE_CHARACTER = {"金", "廉 五金", "五金 -廉"}


def whoosh_matches(searcher, query):
    """Global docnum → score from Whoosh's own matchers, one document at a time (a filter
    of one document: an unfiltered AndMaybe search can miss the optional part's score)."""
    docnums = list(searcher.docs_for_query(query))
    scores = {}
    for d in docnums:
        hits = searcher.search(query, filter={d}, optimize=False, limit=None)
        scores[d] = hits[0].score if len(hits) else None
    return scores


def ours(searcher, query, scored):
    found = {}
    for leaf_searcher, offset in searcher.leaf_searchers():
        leaf = Leaf(searcher, leaf_searcher, f"test:{offset}")
        part = evaluate(query, leaf, scored)
        items = part.items() if scored else ((d, None) for d in part)
        found.update((d + offset, s) for d, s in items)
    return found


@pytest.fixture
def index_with_deletions(seeded):
    make_article("短语", body="我市城中村改造进入攻坚阶段，五金产业", people=["陈晓苏"])
    from articles.search.queue import deferred_indexing

    gone = make_article("删除", body="五金城中村改造清廉金华")
    with deferred_indexing():
        gone.delete()  # the segment keeps the document, marked deleted
    make_article("再加一篇", body="清廉金华建设，永康五金")
    searcher = connections["default"].get_backend().searcher()
    assert any(s.reader().has_deletions() for s, _ in searcher.leaf_searchers())
    return seeded


@pytest.mark.parametrize("params", QUERIES, ids=[str(p) for p in QUERIES])
def test_same_documents_and_scores_as_whoosh(index_with_deletions, params):
    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    spec = SearchForm(params).spec()
    query = spec.whoosh_query(backend.content_field_name, backend.roles)
    if query is None:
        pytest.skip("no text query: every document")
    expected = whoosh_matches(searcher, query)
    assert set(ours(searcher, query, scored=False)) == set(expected)
    scored = ours(searcher, query, scored=True)
    assert set(scored) == set(expected)
    q = params.get("q", "")
    if '"' not in q and q not in SINGLE_CHARACTER:  # phrases: scored by their words
        # Scores by the words alone (matches by character pairs are ranked in tiers: below).
        words_only = query.accept(lambda part: part.precise if isinstance(part, Recall) else part)
        expected = whoosh_matches(searcher, words_only)
        scored = ours(searcher, words_only, scored=True)
        assert set(scored) == set(expected)
        for d, score in expected.items():
            assert scored[d] == pytest.approx(score, rel=1e-9)


def test_some_queries_really_match(index_with_deletions):
    """The comparison above is not between two empty answers."""
    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    for q, at_least in (("五金", 4), ('"中村改造"', 1), ('"清廉金华"', 2), ("金", 5)):
        query = SearchForm({"q": q}).spec().whoosh_query(backend.content_field_name, backend.roles)
        assert len(ours(searcher, query, scored=False)) >= at_least


def test_unknown_query_forms_are_refused(seeded):
    from whoosh import query as wq

    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    leaf_searcher, _ = searcher.leaf_searchers()[0]
    with pytest.raises(ev.Unsupported):
        evaluate(wq.Prefix("text", "五"), Leaf(searcher, leaf_searcher, "t"), False)


# Every form SearchSpec.whoosh_query builds (see articles/search/query.py): words, OR and
# brackets, NOT and -"…", phrases (Chinese only and mixed), one character, pairs cutting
# through words, Latin words, punctuation only, people and kind filters, date ranges and
# every sort.
SPEC_FORMS = [
    {"q": "五金"},
    {"q": "五金 永康 城市"},
    {"q": "城市 OR 五金"},
    {"q": "(城市 | 五金) -清廉"},
    {"q": "城市 OR -五金"},
    {"q": "NOT 五金"},
    {"q": "-五金 -城市"},
    {"q": '五金 -"清廉金华"'},
    {"q": '"清廉金华"'},
    {"q": '"清廉 金华"'},
    {"q": '"永康 expo 2022"'},
    {"q": '"城市更新" OR "清廉金华"'},
    {"q": '五金 ("清廉金华" | 政协)'},
    {"q": "金"},
    {"q": "金 永"},
    {"q": "-金"},
    {"q": "市更"},
    {"q": "expo"},
    {"q": "五金expo2022"},
    {"q": "，。！"},
    {"reporter": "陈晓苏"},
    {"reporter": "陈"},
    {"q": "五金", "reporter": "陈晓苏"},
    {"q": "五金", "kind": "news"},
    {"kind": "commentary", "reporter": "陈晓苏"},
    {"q": "五金", "from": "2022-04-01", "to": "2022-11-30"},
    {"q": '"清廉金华"', "from": "2022-04-01"},
    {"q": "五金", "sort": "newest"},
    {"q": "五金", "sort": "oldest"},
    {"q": "-五金", "sort": "oldest"},
]


@pytest.mark.parametrize("params", SPEC_FORMS, ids=[str(p) for p in SPEC_FORMS])
def test_every_query_form_of_the_search_page_is_evaluated(index_with_deletions, params):
    """No search of the page needs anything but the one-pass evaluation."""
    from articles.search.service import with_reporters

    backend = connections["default"].get_backend()
    searcher = backend.searcher()
    form = SearchForm(params)
    form.is_valid()
    spec = with_reporters(form.spec())
    query = spec.whoosh_query(backend.content_field_name, backend.roles)
    if query is None:
        return  # every document: no query to evaluate
    for scored in (False, True):
        ours(searcher, query, scored)  # raises Unsupported for a form it does not know
    assert backend.search_articles(spec).total >= 0
