"""Processes the production tests start beside each other (same database, same index).

    python -m tests.prod.workers search STOPFILE WORD...   search until STOPFILE exists
    python -m tests.prod.workers write TAG ROUNDS PK...    save each article ROUNDS times

Each prints one JSON line on stdout when done.
"""

import json
import os
import sys
import time
from pathlib import Path


def setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yongkang.settings")
    django.setup()


def search(stopfile: str, *words: str) -> dict:
    """Ask the search API in a loop; count answers, failures and which words were found."""
    from django.test import Client

    client = Client()
    requests = failures = 0
    found: dict[str, int] = {word: 0 for word in words}
    errors: list[str] = []
    stop = Path(stopfile)
    while not stop.exists():
        for word in words:
            try:
                response = client.get("/api/search", {"q": word})
                requests += 1
                if response.status_code != 200:
                    failures += 1
                    errors.append(f"{word}: HTTP {response.status_code}")
                elif word in json.dumps(response.json(), ensure_ascii=False):
                    found[word] += 1
            except Exception as exc:  # the point is to count these
                failures += 1
                errors.append(f"{word}: {type(exc).__name__}: {exc}")
        time.sleep(0.01)
    return {"requests": requests, "failures": failures, "found": found, "errors": errors[:5]}


def write(tag: str, rounds: str, *pks: str) -> dict:
    """Save articles one by one through the ORM (signals → queue → drain after commit)."""
    from articles.models import Article

    saved = {}
    for round_number in range(int(rounds)):
        for pk in map(int, pks):
            article = Article.objects.get(pk=pk)
            article.headline = f"{tag}第{round_number}轮{pk}号"
            article.save()
            saved[pk] = article.headline
    return {"saved": saved}


if __name__ == "__main__":
    setup()
    command, *args = sys.argv[1:]
    print(json.dumps({"search": search, "write": write}[command](*args), ensure_ascii=False))
