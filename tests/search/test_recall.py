"""Every run of Chinese characters an article holds finds that article, whatever the
dictionary was when it was indexed and is now (articles/search/grams.py)."""

import random
from pathlib import Path

import pytest
import rjieba
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.forms import SearchForm
from articles.models import Article, Person
from articles.search import analyzer, generic, service
from articles.search.grams import han_runs

from .conftest import SEED_DIR, make_article, store_expected_pages

pytestmark = pytest.mark.django_db

TEST_PAGES = Path(__file__).resolve().parents[1] / "pages"


def spec(q, **params):
    form = SearchForm({"q": q, **params})
    assert form.is_valid(), form.errors
    return form.spec(per_page=1000)


def found_pks(q, **params) -> list[int]:
    return [hit.article.pk for hit in service.search(spec(q, **params)).hits]


_ZEROED: set[str] = set()  # taken out by earlier tests: still "in" jieba, at freq 0


@pytest.fixture
def scratch_dictionary(monkeypatch):
    """Words new to the dictionary that the test adds are taken out again (freq 0 makes
    jieba never choose a word), so other tests cut text as before. Words the dictionary
    already had are left alone (zeroing 五金 would change every later test)."""
    new_words = []
    add_words = analyzer.add_words

    def recording(words):
        words = list(words)
        new_words.extend(
            w.strip()
            for w in words
            if w.strip() and (w.strip() in _ZEROED or not rjieba.has_word(w.strip()))
        )
        add_words(words)

    monkeypatch.setattr(analyzer, "add_words", recording)
    yield
    for word in new_words:
        rjieba.add_word(word, 0, None)
        analyzer._words.discard(word)
        _ZEROED.add(word)
    analyzer._people_mark = None


def test_a_name_added_later_still_finds_older_articles(seeded, scratch_dictionary):
    """The issue's case: 周建设 becomes a name after the article was indexed."""
    older = make_article("市民来信", body="市民周建设说，小区门口的路灯修好了。")
    assert older.pk in found_pks("周建设")

    make_article("表彰大会", body="会上表彰了先进个人。", people=["周建设"])
    assert rjieba.has_word("周建设")

    assert older.pk in found_pks("周建设")
    # The article credited to him is indexed with the new word; the older one by its
    # characters, and still found by a phrase, with other words and excluded words too.
    assert older.pk in found_pks('"周建设说"')
    assert older.pk in found_pks("周建设 路灯")
    assert older.pk not in found_pks("周建设 -路灯")


def test_the_older_article_is_found_in_a_fresh_process_too(tmp_path):
    """A new process loads every person's name before its first search."""
    from tests.prod.helpers import manage, production_env, run_script, scratch_database

    with scratch_database(tmp_path) as url:
        env = production_env(tmp_path, DATABASE_URL=url)
        assert manage(env, "migrate", "--noinput").returncode == 0
        store = (
            "from datetime import date\n"
            "from articles.models import Article, Credit, Edition, Page, Person\n"
            "e = Edition.objects.create(date=date(2023, 5, 6))\n"
            "p = Page.objects.create(edition=e, number=1, raw_text='', source_name='t',"
            " checksum='')\n"
            "a = Article.objects.create(edition=e, page=p, position=1, headline='市民来信',"
            " body='市民周建设说，小区门口的路灯修好了。')\n"
            "print(a.pk)\n"
        )
        older = int(run_script(env, store))
        credit = (
            "from articles.models import Article, Credit, Person\n"
            f"a = Article.objects.get(pk={older})\n"
            "b = Article.objects.create(edition=a.edition, page=a.page, position=2,"
            " headline='表彰大会', body='周建设在会上受到表彰。')\n"
            "Credit.objects.create(article=b, person=Person.objects.create(name='周建设'))\n"
            "print(b.pk)\n"
        )
        newer = int(run_script(env, credit))
        search = (
            "from articles.forms import SearchForm\n"
            "from articles.search.service import search\n"
            "form = SearchForm({'q': '周建设'}); form.is_valid()\n"
            "print(sorted(hit.article.pk for hit in search(form.spec()).hits))\n"
        )
        assert run_script(env, search) == str(sorted([older, newer]))


def test_a_curated_word_added_later_still_finds_older_articles(seeded, scratch_dictionary):
    older = make_article("工地见闻", body="研究生命科学的人来到了工地。")
    assert rjieba.cut("研究生命科学") == ["研究", "生命科学"]
    analyzer.add_words(["究生命"])  # as if userdict.txt gained the word
    assert older.pk in found_pks("究生命")
    assert older.pk in found_pks("究生")  # cuts through two words


def test_a_precise_word_match_ranks_above_a_match_by_characters_alone(seeded, scratch_dictionary):
    older = make_article("市民来信", body="市民周建设说，小区门口的路灯修好了。" * 3)
    make_article("表彰大会", body="会上表彰了先进个人。", people=["周建设"])
    newer = make_article("周建设获奖", body="周建设获得表彰。")
    ranked = found_pks("周建设")
    assert ranked.index(newer.pk) < ranked.index(older.pk)


def test_both_search_paths_find_a_string_that_cuts_through_words(seeded):
    article = make_article("科普讲座", body="研究生命科学的专家来到永康。")
    for run in (service.engine_search(), generic.search_articles):
        assert article.pk in [pk for pk, _, _ in run(spec("究生命科")).hits]


# --- the property -------------------------------------------------------------------------


@pytest.fixture
def stored(db):
    paths = sorted(SEED_DIR.glob("*.expected.json")) + sorted(TEST_PAGES.glob("*.expected.json"))
    store_expected_pages(paths)
    articles = list(Article.objects.all())
    texts = {}
    for article in articles:
        runs = [
            text[s:e]
            for text in (article.headline, article.body)
            for s, e in han_runs(text)
            if e - s >= 2
        ]
        if runs:
            texts[article.pk] = runs
    assert len(texts) > 50, "the test pages hold enough articles"
    return texts


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_substring_of_a_stored_article_finds_it(stored, scratch_dictionary, data):
    pk = data.draw(st.sampled_from(sorted(stored)), label="article")
    run = data.draw(st.sampled_from(stored[pk]), label="run")
    length = data.draw(st.integers(2, min(8, len(run))), label="length")
    start = data.draw(st.integers(0, len(run) - length), label="start")
    needle = run[start : start + length]

    # New names, some of them cut from stored text (周建设 from 市民周建设说), arrive
    # in the dictionary with no re-index, as an import crediting them would bring them.
    names = []
    for _ in range(data.draw(st.integers(0, 3), label="names")):
        source = data.draw(st.sampled_from(stored[data.draw(st.sampled_from(sorted(stored)))]))
        size = data.draw(st.integers(2, min(4, len(source))))
        at = data.draw(st.integers(0, len(source) - size))
        names.append(source[at : at + size])
    if data.draw(st.booleans(), label="overlapping name") and length >= 3:
        names.append(needle[1:])  # a name that starts inside the needle
    for name in names:
        Person.objects.get_or_create(name=name)

    assert pk in found_pks(needle), needle
    assert pk in [p for p, _, _ in generic.search_articles(spec(needle)).hits], needle


def test_the_property_holds_for_every_two_characters_of_one_article(stored):
    """A deterministic sweep beside the random one: every pair of one long article."""
    pk = max(stored, key=lambda p: sum(map(len, stored[p])))
    pairs = {run[i : i + 2] for run in stored[pk] for i in range(len(run) - 1)}
    missing = [pair for pair in sorted(pairs)[:150] if pk not in found_pks(pair)]
    assert not missing


def test_random_seed_substrings_are_found_before_any_dictionary_change(stored):
    rng = random.Random(7)
    for _ in range(100):
        pk = rng.choice(sorted(stored))
        run = rng.choice(stored[pk])
        length = rng.randint(2, min(8, len(run)))
        start = rng.randint(0, len(run) - length)
        assert pk in found_pks(run[start : start + length])


def test_check_index_reports_documents_without_pairs_and_fix_repairs_them(
    seeded, monkeypatch, scratch_dictionary
):
    """An index written before the pairs existed: check_index says so, --fix re-indexes."""
    from articles import index_check
    from articles.search_indexes import ArticleIndex

    monkeypatch.setattr(ArticleIndex, "prepare_grams", lambda self, article: "")
    older = make_article("工地见闻", body="研究生命科学的人来到了工地。")
    monkeypatch.undo()
    analyzer.add_words(["究生命"])
    assert older.pk not in found_pks("究生命")

    report = index_check.check()
    assert older.pk in report.stale and "grams" in report.stale_fields[older.pk]
    index_check.fix(report)
    assert older.pk in found_pks("究生命")
    assert not index_check.check().problems
