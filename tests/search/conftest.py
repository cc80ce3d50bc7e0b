"""Search test data: the seed pages' expected parse, stored through the ORM.

The expected JSON next to each seed page is exactly what the importer stores, so the
search tests do not depend on the parser's progress; tests/search/test_import.py checks
the same searches through the real importer.
"""

import json
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction

SEED_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


def store_expected_pages(paths=None):
    from articles.models import Article, Credit, Edition, Page, Person
    from articles.search.queue import deferred_indexing

    paths = sorted(paths or SEED_DIR.glob("*.expected.json"))
    with deferred_indexing():
        for number, path in enumerate(paths, start=1):
            data = json.loads(path.read_text(encoding="utf-8"))
            with transaction.atomic():
                edition, _ = Edition.objects.get_or_create(
                    date=date.fromisoformat(data["date"]),
                    defaults={
                        "weekday": data["weekday"] or "",
                        "lunar_date": data["lunar_date"] or "",
                    },
                )
                page = Page.objects.create(
                    edition=edition, number=number, raw_text="", source_name=path.name, checksum=""
                )
                for position, item in enumerate(data["articles"], start=1):
                    article = Article.objects.create(
                        edition=edition,
                        page=page,
                        position=position,
                        kicker=item["kicker"] or "",
                        headline=item["headline"] or "",
                        subtitle=item["subtitle"] or "",
                        column=item["column"] or "",
                        byline=item["byline"] or "",
                        kind=item["kind"],
                        body="\n".join(item["paragraphs"]),
                    )
                    for order, name in enumerate(item["reporters"]):
                        person, _ = Person.objects.get_or_create(name=name)
                        Credit.objects.create(article=article, person=person, order=order)
    return list(Edition.objects.order_by("date"))


@pytest.fixture
def seeded(db):
    """The two seed editions (2022-04-02, 2022-11-07), indexed."""
    return store_expected_pages()


def make_article(headline, body="", day=date(2023, 5, 6), people=(), kind="news"):
    """One more article, indexed. (Inside a test's transaction nothing commits, so the
    on-commit drain is replaced by the drain deferred_indexing runs on exit.)"""
    from articles.models import Article, Credit, Edition, Page, Person
    from articles.search.queue import deferred_indexing

    edition, _ = Edition.objects.get_or_create(date=day)
    page, _ = Page.objects.get_or_create(
        edition=edition, number=9, defaults={"raw_text": "", "source_name": "t", "checksum": ""}
    )
    position = page.articles.count() + 1
    with deferred_indexing(), transaction.atomic():
        article = Article.objects.create(
            edition=edition, page=page, position=position, headline=headline, body=body, kind=kind
        )
        for order, name in enumerate(people):
            person, _ = Person.objects.get_or_create(name=name)
            Credit.objects.create(article=article, person=person, order=order)
    return article
