"""Fill a fresh database with benchmark articles, fast: bulk inserts, no signals, no indexing.

Run inside a configured Django (``DJANGO_SETTINGS_MODULE`` and data dir set by the caller).
"""

from itertools import groupby

from django.db import transaction

from articles.models import Article, Credit, Edition, Page, Person, chinese_date

from .corpus import BenchArticle

ARTICLES_PER_PAGE = 8
BATCH = 2000
CHUNK = 20_000  # articles written per run of days


def load(articles: list[BenchArticle]) -> int:
    """Insert editions, pages, articles, people and credits; returns the article count.

    One transaction, written a run of whole days at a time, so that 700k articles never
    stand in memory as model instances all at once."""
    created = 0
    with transaction.atomic():
        names = sorted({name for a in articles for name, _ in a.credits})
        Person.objects.bulk_create([Person(name=name) for name in names], batch_size=BATCH)
        person_ids = dict(Person.objects.values_list("name", "id"))
        days = [list(group) for _, group in groupby(articles, key=lambda a: a.date)]
        run: list[list[BenchArticle]] = []
        for day in days:
            run.append(day)
            if sum(map(len, run)) >= CHUNK:
                created += _load_days(run, person_ids)
                run = []
        if run:
            created += _load_days(run, person_ids)
    return created


def _load_days(days: list[list[BenchArticle]], person_ids: dict[str, int]) -> int:
    editions = Edition.objects.bulk_create(
        [Edition(date=day[0].date, weekday=chinese_date(day[0].date).split()[-1]) for day in days],
        batch_size=BATCH,
    )
    pages, placed = [], []
    for edition, day in zip(editions, days, strict=True):
        for start in range(0, len(day), ARTICLES_PER_PAGE):
            page = Page(
                edition=edition,
                number=start // ARTICLES_PER_PAGE + 1,
                raw_text="",
                source_name=f"bench/{edition.date.isoformat()}-{start}.txt",
                checksum="",
            )
            pages.append(page)
            placed.extend(
                (edition, page, pos, a)
                for pos, a in enumerate(day[start : start + ARTICLES_PER_PAGE], 1)
            )
    Page.objects.bulk_create(pages, batch_size=BATCH)
    rows = [
        Article(
            edition=edition,
            page=page,
            position=pos,
            headline=a.headline,
            column=a.column,
            kind=a.kind,
            byline=" ".join(f"{role} {name}" for name, role in a.credits),
            body="\n".join(a.paragraphs),
        )
        for edition, page, pos, a in placed
    ]
    created = Article.objects.bulk_create(rows, batch_size=BATCH)
    credits = [
        Credit(
            article=article,
            person_id=person_ids[name],
            role=role,
            printed_role=role,
            order=order,
        )
        for article, (_, _, _, a) in zip(created, placed, strict=True)
        for order, (name, role) in enumerate(a.credits)
    ]
    Credit.objects.bulk_create(credits, batch_size=BATCH)
    return len(created)
