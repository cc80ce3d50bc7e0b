"""The index follows the database: admin edits, deletions, credits, concurrent drains."""

import threading
import time
from datetime import date

import pytest
from django.db import OperationalError, close_old_connections, transaction

from articles.forms import SearchForm
from articles.models import Article, Credit, PendingIndexUpdate, Person
from articles.search import queue
from articles.search.service import search

from .conftest import make_article


def run(**params):
    form = SearchForm(params)
    form.is_valid()
    return search(form.spec())


def admin_form_data(response):
    """What the browser would send back: every field of the change form as shown."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[sub.add_prefix(name)] = value
    return data


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_headline_edit_is_searchable_at_once(
    seeded, editor, django_capture_on_commit_callbacks
):
    article = Article.objects.get(headline__startswith="清廉金华")
    url = f"/admin/articles/article/{article.pk}/change/"
    data = admin_form_data(editor.get(url))
    data["headline"] = "廉洁永康推进会召开"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert [h.article.pk for h in run(q="廉洁永康推进会").hits] == [article.pk]
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.django_db
def test_deleted_article_disappears(seeded, django_capture_on_commit_callbacks):
    article = Article.objects.get(headline__startswith="清廉金华")
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert article.pk not in [h.article.pk for h in run(q="清廉金华").hits]
    assert run(q="五金").total == 3


@pytest.mark.django_db
def test_credit_changes_update_the_people_facet(seeded, django_capture_on_commit_callbacks):
    article = Article.objects.get(headline__startswith="集思广益")
    newcomer = Person.objects.create(name="吕小林")
    with django_capture_on_commit_callbacks(execute=True):
        Credit.objects.create(article=article, person=newcomer, order=1)
    assert dict(run(q="五金").facets["people"])["吕小林"] == 1
    assert run(reporter="吕小林").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.people.remove(Person.objects.get(name="张赤奎"))
    assert "张赤奎" not in dict(run(q="五金").facets["people"])
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.name = "吕晓林"
        newcomer.save()
    assert run(reporter="吕晓林").total == 1 and run(reporter="吕小林").total == 0


@pytest.mark.django_db
def test_edition_date_change_moves_its_articles(seeded, django_capture_on_commit_callbacks):
    edition = seeded[1]
    with django_capture_on_commit_callbacks(execute=True):
        edition.date = date(2022, 11, 8)
        edition.save()
    assert run(q="五金", **{"from": "2022-11-08", "to": "2022-11-08"}).total == 1


@pytest.mark.django_db
def test_deferred_indexing_drains_once_on_exit(db):
    with queue.deferred_indexing():
        with transaction.atomic():
            make_article("延迟索引一", body="延迟索引")
        assert PendingIndexUpdate.objects.count() == 1
        assert run(q="延迟索引").total == 0
    assert run(q="延迟索引").total == 1
    assert not PendingIndexUpdate.objects.exists()


@pytest.mark.django_db
def test_a_change_during_a_drain_is_kept_for_the_next(db):
    article = make_article("版本一", body="版本")
    queue.enqueue([article.pk])
    row = PendingIndexUpdate.objects.get()
    # A drain read version N; the row was bumped meanwhile: it must survive that drain.
    queue._forget([(article.pk, row.version - 1)], {})
    assert PendingIndexUpdate.objects.filter(article_id=article.pk).exists()
    queue._forget([(article.pk, row.version)], {})
    assert not PendingIndexUpdate.objects.exists()


def retry_locked(action, attempts=50):
    """The test database is in-memory SQLite in shared-cache mode, whose table locks fail at
    once instead of waiting out the busy timeout a real (file or PostgreSQL) database has."""
    for attempt in range(attempts):
        try:
            return action()
        except OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.02)


@pytest.mark.django_db(transaction=True)
def test_concurrent_drains_lose_nothing():
    """Two drains at once (threads, each with its own connection) while an editor keeps
    saving: afterwards every article is indexed with its latest headline."""
    articles = [
        make_article(f"并发{i}号", body="并发测试", day=date(2023, 1, 1)) for i in range(60)
    ]
    PendingIndexUpdate.objects.all().delete()
    queue.enqueue(a.pk for a in articles)
    errors = []

    def drainer():
        try:
            for _ in range(3):
                retry_locked(lambda: queue.drain(limit=25))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            close_old_connections()

    def editor():
        try:
            for article in articles[::6]:
                retry_locked(lambda article=article: edit(article))
        finally:
            close_old_connections()

    def edit(article):
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(headline=f"改后{article.pk}")
            queue.enqueue([article.pk])

    threads = [threading.Thread(target=drainer), threading.Thread(target=drainer)]
    threads.append(threading.Thread(target=editor))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    queue.drain()
    assert not PendingIndexUpdate.objects.exists()
    assert run(q="并发测试").total == 60
    for article in articles[::6]:
        assert [h.article.pk for h in run(q=f"改后{article.pk}").hits] == [article.pk]
