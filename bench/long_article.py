"""Time of the pages that show one very long article (article page, lists, feed).

    .venv/bin/python bench/long_article.py [--chars 3400000] [--project DIR]

In a fresh SQLite data folder: imports the seed pages, then makes the first article's body
``--chars`` characters long through the ORM (as a row imported before the length limit, or
edited in the admin, would be), indexes it, and times each page three times in one process
(Django's test client, no network), printing the best time, the status and the size.
``--project`` runs another checkout (to measure the code before a change).
"""

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = "永康五金产业转型升级取得新进展,全市上下齐心协力打一场漂亮的翻身仗。"

SCRIPT = """
import time
from django.test import Client
from articles.models import Article
from articles.search.queue import drain
article = Article.objects.order_by("edition__date", "page__number", "position").first()
paragraph = {sentence!r} * 40
article.body = "\\n".join([paragraph] * ({chars} // len(paragraph) + 1))[:{chars}]
article.save()
drain()
client = Client()
urls = [article.get_absolute_url(), "/", article.edition.get_absolute_url(),
        "/feeds/latest/", "/people/", "/sitemap.xml"]
print(f"body {{len(article.body):,}} characters")
for url in urls:
    best = None
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    size = len(response.content)
    print(f"{{url:<24}} {{response.status_code}} {{best * 1000:>9,.0f}} ms {{size:>12,}} bytes")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=3_400_000)
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="long-article-") as folder:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "YONGKANG_")) and key != "DATABASE_URL"
        }
        env.update(
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_DEBUG="1",  # no collectstatic needed; the same for both checkouts
            YONGKANG_DATA_DIR=folder,
            YONGKANG_SEARCH_RATE="off",
            DJANGO_LOG_LEVEL="ERROR",
        )
        manage = [sys.executable, str(args.project / "manage.py")]
        quiet = {"env": env, "cwd": args.project, "check": True, "capture_output": True}
        subprocess.run([*manage, "migrate", "-v0"], **quiet)
        subprocess.run([*manage, "import_pages", "--no-progress", "fixtures/pages"], **quiet)
        code = SCRIPT.format(sentence=SENTENCE, chars=args.chars)
        shell = subprocess.run([*manage, "shell", "--no-imports", "-c", code], **quiet, text=True)
        print(f"project: {args.project}")
        print(shell.stdout.strip())


if __name__ == "__main__":
    main()
