"""Load test of the production command: gunicorn (3 workers) on 127.0.0.1, fresh data folder.

    .venv/bin/python bench/loadtest.py [--seconds 60] [--threads 8] [--pages 200]
                                       [--large-article-chars 50000]

Imports ``--pages`` generated pages (the seed front page re-dated, so every page parses like
the real one), starts ``./dev prod`` on a free local port, then for ``--seconds`` runs
searches (page and API), article pages and, at the same time, an import of more pages. It
reports sustained requests per second, p50/p95/p99 latency per kind and the error count
(any non-200 answer or failed connection), then stops the server and checks the index.
``--large-article-chars N`` adds a page whose one article is a sentence holding three of the
search words repeated to N characters (issue 13's repro, at the import limit by default);
searches then match it thousands of times, and 5% of article requests ask for it.
Only ever talks to 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.prod.helpers import write_pages  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
WORDS = [
    "永康",
    "五金",
    "市委",
    "翻身仗",
    "生态",
    "植树",
    "人大",
    "议案",
    "政协",
    "提案",
    "作风",
    "拼搏实干",
    "扛旗",
    "陈晓苏",
    "会议",
    "发展",
    "项目",
    "企业",
    "城市更新",
    "乡村",
]
MIX = [("search", 0.4), ("api", 0.3), ("article", 0.3)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def get(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": HOST})
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited with {server.returncode}")
        try:
            if get(port, "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("server did not come up")


def write_large_article(path: Path, chars: int) -> None:
    """The seed front page (dated 2018-12-31) whose first article is one sentence repeated."""
    from tests.prod.helpers import page_text

    sentence = "永康五金产业转型升级取得新进展,全市上下齐心协力打一场漂亮的翻身仗。"
    text = page_text(date(2018, 12, 31), "large")
    body = (sentence * (chars // len(sentence) + 1))[:chars]
    marker = "市委书记章旭升主持会议。"
    path.write_text(text.replace(marker, f"{marker}\n\n{body}", 1), encoding="utf-8")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--import-pages", type=int, default=100, help="imported during the load")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument(
        "--large-article-chars", type=int, default=0, help="add one article this long (0: none)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the data folder")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "out" / "loadtest.json")
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="yongkang-load-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "YONGKANG_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        YONGKANG_DATA_DIR=str(data),
        DJANGO_STATIC_ROOT=str(data / "static"),
        # Throughput is measured, not the limiter: one client here stands for many.
        YONGKANG_SEARCH_RATE="off",
        YONGKANG_BIND=f"{HOST}:{port}",
        WEB_CONCURRENCY=str(args.workers),
    )
    print(f"data folder {data}, port {port}", flush=True)
    write_pages(data / "pages", date(2019, 1, 1), args.pages, "load")
    write_pages(data / "more", date(2020, 1, 1), args.import_pages, "more")
    if args.large_article_chars:
        write_large_article(data / "pages" / "large.txt", args.large_article_chars)
    run(env, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    run(env, "import_pages", "--no-progress", str(data / "pages"), stdout=subprocess.DEVNULL)
    print(f"imported {args.pages} pages in {time.monotonic() - started:.1f}s", flush=True)
    with sqlite3.connect(data / "yongkang.sqlite3") as db:
        article_ids = [row[0] for row in db.execute("SELECT id FROM articles_article")]
        longest = db.execute(
            "SELECT id, length(body) FROM articles_article ORDER BY length(body) DESC LIMIT 1"
        ).fetchone()
    args.large_id = longest[0] if args.large_article_chars else None
    if args.large_id:
        print(f"large article {args.large_id}: {longest[1]:,} characters", flush=True)

    with open(data / "server.log", "w") as log:
        server = subprocess.Popen(
            [str(ROOT / "dev"), "prod"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_up(port, server)
            results = load(port, article_ids, env, data, args)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()

    check = subprocess.run(
        [PYTHON, "manage.py", "check_index"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    results["check_index"] = check.stdout.strip().splitlines()[-1] if check.stdout else "?"
    report(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    if not args.keep:
        import shutil

        shutil.rmtree(data, ignore_errors=True)
    return 1 if results["errors"] or check.returncode else 0


def load(port, article_ids, env, data, args) -> dict:
    deadline = time.monotonic() + args.seconds
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    import_result: dict = {}

    def one_client(seed: int) -> None:
        rng = random.Random(seed)
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < deadline:
            kind = rng.choices(kinds, weights)[0]
            if kind == "article" and args.large_id and rng.random() < 0.05:
                kind, path = "large", f"/articles/{args.large_id}/"
            elif kind == "article":
                path = f"/articles/{rng.choice(article_ids)}/"
            else:
                words = " ".join(rng.sample(WORDS, rng.choice([1, 1, 1, 2])))
                params = {"q": words}
                if rng.random() < 0.3:
                    params["page"] = str(rng.randint(1, 5))
                if rng.random() < 0.2:
                    params["from"], params["to"] = "2019-03-01", "2019-06-30"
                base = "/search/" if kind == "search" else "/api/search"
                path = f"{base}?{urlencode(params)}"
            try:
                status, seconds = get(port, path)
            except OSError as exc:
                with lock:
                    errors[f"{kind}: {type(exc).__name__}"] += 1
                continue
            with lock:
                latencies[kind].append(seconds)
                if status != 200:
                    errors[f"{kind}: HTTP {status}"] += 1

    def importer() -> None:
        time.sleep(min(5, args.seconds / 6))
        started = time.monotonic()
        done = subprocess.run(
            [PYTHON, "manage.py", "import_pages", "--no-progress", str(data / "more")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        import_result.update(
            seconds=round(time.monotonic() - started, 1),
            pages=args.import_pages,
            exit=done.returncode,
            summary=done.stdout.strip(),
        )

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.threads + 1) as pool:
        futures = [pool.submit(importer)]
        futures += [pool.submit(one_client, n) for n in range(args.threads)]
        for future in futures:
            future.result()
    elapsed = time.monotonic() - began
    every = [s for values in latencies.values() for s in values]
    ms = lambda values, p: round(percentile(values, p) * 1000, 1)  # noqa: E731
    return {
        "command": "./dev prod (gunicorn yongkang.wsgi, sync workers)",
        "workers": args.workers,
        "client_threads": args.threads,
        "seconds": round(elapsed, 1),
        "articles_before": len(article_ids),
        "large_article_chars": args.large_article_chars,
        "requests": len(every),
        "req_per_s": round(len(every) / elapsed, 1),
        "p50_ms": ms(every, 0.5),
        "p95_ms": ms(every, 0.95),
        "p99_ms": ms(every, 0.99),
        "by_kind": {
            kind: {
                "requests": len(values),
                "p50_ms": ms(values, 0.5),
                "p95_ms": ms(values, 0.95),
                "p99_ms": ms(values, 0.99),
                "mean_ms": round(statistics.fmean(values) * 1000, 1) if values else 0,
            }
            for kind, values in sorted(latencies.items())
        },
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "import_during_load": import_result,
        "cpus": os.cpu_count(),
    }


def report(r: dict) -> None:
    print(
        f"{r['requests']} requests in {r['seconds']}s with {r['client_threads']} client threads "
        f"against {r['workers']} gunicorn workers: {r['req_per_s']} req/s, "
        f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms, "
        f"errors {r['errors']}"
    )
    for kind, k in r["by_kind"].items():
        print(
            f"  {kind:8} {k['requests']:6} req  p50 {k['p50_ms']:7} ms  p95 {k['p95_ms']:7} ms  "
            f"p99 {k['p99_ms']:7} ms"
        )
    if r["error_kinds"]:
        print("  errors:", r["error_kinds"])
    imp = r["import_during_load"]
    print(
        f"  import during load: {imp.get('pages')} pages in {imp.get('seconds')}s, "
        f"exit {imp.get('exit')}: {imp.get('summary')}"
    )
    print(f"  check_index afterwards: {r['check_index']}")


if __name__ == "__main__":
    sys.exit(main())
