"""Peak memory of importing one large page file (``manage.py import_pages``, index included).

    .venv/bin/python bench/import_memory.py [--sizes 1,10,50] [--project DIR]

For each size (MB) it writes the seed front page with one article made of one sentence
repeated until the file has that size (the shape of issue 13's repro), imports it into a
fresh SQLite data folder and reports the exit status, wall time, the child's peak RSS and
the importer's first message. ``--allowed`` adds the largest page the default limits let
in: articles of ``YONGKANG_MAX_ARTICLE_CHARS`` characters until the file is just under
``YONGKANG_MAX_PAGE_BYTES``. ``--project`` runs another checkout's manage.py (to measure
the code before a change with this script).
"""

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "pages" / "000_2955f14923da8811.txt"
SENTENCE = "永康五金产业转型升级取得新进展,全市上下齐心协力打一场漂亮的翻身仗。"
HEADING = "# 市委常委会"


def page_with(articles: list[str]) -> str:
    head = SEED.read_text("utf-8").split(HEADING)[0]
    parts = [
        f"# 第{n}篇很长的文章\n\n本报讯(记者 陈晓苏) {body}\n"
        for n, body in enumerate(articles, start=1)
    ]
    return head + "\n".join(parts)


def one_article_of(size: int) -> str:
    """One article, paragraphs of 40 sentences, until the file has ``size`` bytes."""
    paragraph = SENTENCE * 40
    count = max(1, size // len(paragraph.encode()))
    return page_with(["\n\n".join([paragraph] * count)])


def largest_allowed(max_bytes: int, max_chars: int) -> str:
    paragraph = SENTENCE * 40
    article = "\n\n".join([paragraph] * (max_chars // len(paragraph) - 1))
    articles = [article]
    while len(page_with([*articles, article]).encode()) < max_bytes:
        articles.append(article)
    return page_with(articles)


def measure(project: Path, page: Path, label: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="import-memory-") as folder:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "YONGKANG_")) and key != "DATABASE_URL"
        }
        env.update(
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_DEBUG="0",
            YONGKANG_DATA_DIR=folder,
            DJANGO_STATIC_ROOT=str(Path(folder) / "static"),
        )
        manage = [sys.executable, str(project / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=project)
        started = time.monotonic()
        child = subprocess.run(
            [*manage, "import_pages", "--no-progress", str(page)],
            env=env,
            cwd=project,
            capture_output=True,
            text=True,
        )
        elapsed = time.monotonic() - started
    message = (child.stderr.strip().splitlines() or [child.stdout.strip()])[0]
    return {
        "label": label,
        "bytes": page.stat().st_size,
        "exit": child.returncode,
        "seconds": round(elapsed, 1),
        "message": message.replace(str(page), "FILE")[:110],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,50", help="file sizes in MB, comma-separated")
    parser.add_argument("--allowed", action="store_true", help="also the largest allowed page")
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--one", nargs=2, metavar=("LABEL", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:  # a child run: measure one file, print one line
        result = measure(args.project, Path(args.one[1]), args.one[0])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        # The largest child of this process: migrate (small) or the import.
        result["peak_rss_mb"] = round(peak)
        print(json.dumps(result, ensure_ascii=False))
        return

    with tempfile.TemporaryDirectory(prefix="import-memory-pages-") as folder:
        pages = []
        for size in args.sizes.split(","):
            path = Path(folder) / f"big-{size}mb.txt"
            path.write_text(one_article_of(int(float(size) * 1_000_000)), encoding="utf-8")
            pages.append((f"{size} MB, one article", path))
        if args.allowed:
            path = Path(folder) / "largest-allowed.txt"
            path.write_text(largest_allowed(1_000_000, 50_000), encoding="utf-8")
            pages.append(("largest allowed page", path))
        print(f"project: {args.project}")
        print(f"{'page':<24} {'bytes':>11} {'exit':>4} {'s':>6} {'peak RSS MB':>11}  message")
        for label, path in pages:
            # A fresh process per file: RUSAGE_CHILDREN keeps the largest child ever seen.
            line = (
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--project",
                        str(args.project),
                        "--one",
                        label,
                        path,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            r = json.loads(line)
            print(
                f"{r['label']:<24} {r['bytes']:>11,} {r['exit']:>4} {r['seconds']:>6}"
                f" {r['peak_rss_mb']:>11,}  {r['message']}"
            )


if __name__ == "__main__":
    main()
