"""What the editors' workbench costs on a full archive: each operation, timed, and its queries.

Builds a fresh database (and search index) of N corpus articles in a temporary folder, then
times the article change page, the byline preview, split + merge back, move up + down, a
rename and merging the most credited person with a second spelling, through the same code
the admin runs. Prints one line per operation: median and worst of the repeats, and queries.

    .venv/bin/python -m bench.workbench --n 10000
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _setup(folder: Path) -> None:
    os.environ["YONGKANG_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yongkang.settings")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timed(label, runs, action, prepare=None):
    from django.db import connection, reset_queries

    times, queries = [], []
    for _ in range(runs):
        state = prepare() if prepare else None
        reset_queries()
        start = time.perf_counter()
        action(state) if prepare else action()
        times.append((time.perf_counter() - start) * 1000)
        queries.append(len(connection.queries))
    print(
        f"{label:<44} median {statistics.median(times):8.1f} ms   worst {max(times):8.1f} ms"
        f"   queries {min(queries)}–{max(queries)}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="corpus articles (0: all)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--corpus", type=Path, default=None, help="news.jsonl.gz to read")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-workbench-") as tmp:
        _setup(Path(tmp))
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.core.management import call_command
        from django.db.models import Count
        from django.test import Client
        from django.urls import reverse

        from articles import editing
        from articles.models import Article, Credit, Page, Person
        from bench.corpus import CORPUS, build_articles
        from bench.load import load

        settings.DEBUG = True  # count queries
        started = time.perf_counter()
        count = load(build_articles(args.n or None, path=args.corpus or CORPUS))
        call_command("rebuild_index", interactive=False, verbosity=0)
        print(f"{count} articles loaded and indexed in {time.perf_counter() - started:.0f} s")

        client = Client()
        client.force_login(User.objects.create_superuser("bench", "b@example.com", None))
        page = Page.objects.annotate(n=Count("articles")).filter(n__gte=2).order_by("pk").first()
        # A long page text (300 lines) so the change page shows a realistic source panel.
        page.raw_text = "\n".join(f"第{n}行 " + "永康五金" * 20 for n in range(1, 301))
        page.save()
        article = page.articles.order_by("position").first()
        Article.objects.filter(pk=article.pk).update(first_line=20, last_line=60)
        change = reverse("admin:articles_article_change", args=[article.pk])
        preview = reverse("admin:articles_article_byline_preview")

        def ok(response):
            assert response.status_code == 200, response.status_code

        _timed("change page (GET, 300-line source)", args.runs, lambda: ok(client.get(change)))
        _timed(
            "byline preview",
            args.runs,
            lambda: ok(client.get(preview, {"byline": "本报讯(记者 王测试 通讯员 李新)"})),
        )

        long_article = Article.objects.filter(body__contains="\n").order_by("pk").first()

        def split_and_merge_back():
            new = editing.split(long_article, 1, editing.NewTitles(headline="拆出"))
            editing.merge(new, "previous", editing.TitleLines.DROP)

        _timed("split + merge back (with index drains)", args.runs, split_and_merge_back)

        def up_and_down():
            second = page.articles.order_by("position")[1]
            editing.move(second, "up")
            editing.move(second, "down")

        _timed("move up + down", args.runs, up_and_down)

        top = (
            Person.objects.annotate(n=Count("credits")).order_by("-n", "pk").values("pk", "n")
        ).first()
        print(f"most credited person: {top['n']} credits")

        def make_twin():
            # A second spelling crediting every article the top person is credited in.
            person = Person.objects.get(pk=top["pk"])
            twin = Person.objects.create(name=f"{person.name}乙{time.perf_counter_ns()}"[:50])
            Credit.objects.bulk_create(
                Credit(article_id=c.article_id, person=twin, role=c.role, order=9)
                for c in person.credits.all()
            )
            for i in range(3):  # and a few articles of its own
                Credit.objects.create(
                    article=Article.objects.exclude(credits__person=person)[i],
                    person=twin,
                    role="通讯员",
                )
            return person, twin

        _timed(
            f"merge people ({top['n']} + {top['n'] + 3} credits)",
            3,
            lambda pair: editing.merge_people(pair[0], [pair[1]]),
            prepare=make_twin,
        )
        person = Person.objects.get(pk=top["pk"])
        names = iter(f"{person.name}{suffix}" for suffix in "甲丙丁戊己庚辛")
        _timed(
            f"rename a person ({top['n']} articles re-indexed)",
            3,
            lambda: editing.rename_person(Person.objects.get(pk=top["pk"]), next(names)),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
