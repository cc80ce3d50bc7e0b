"""Shared bits for the production-readiness tests: a clean environment for subprocesses."""

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment a production deployment runs with, data kept under ``data_dir``."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "YONGKANG_", "PYTEST_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        YONGKANG_DATA_DIR=str(data_dir),
        YONGKANG_INDEX_DIR=str(data_dir / "index"),
        DJANGO_STATIC_ROOT=str(data_dir / "static"),
    )
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env.update(extra)
    return env


SEED_PAGE = ROOT / "fixtures" / "pages" / "000_2955f14923da8811.txt"
WEEKDAY_NAMES = "一二三四五六日"


def page_text(day, tag: str) -> str:
    """The front-page seed re-dated to ``day``, with ``tag`` added to every headline.

    The masthead keeps the seed's shape (year-month line, lunar date, weekday, lone day
    number), so the page parses exactly like the seed: same articles, new edition.
    """
    from articles.parsing.masthead import lunar_string

    lines = SEED_PAGE.read_text(encoding="utf-8").split("\n")
    replaced = {
        "2022年4月": f"{day.year}年{day.month}月",
        "壬寅年三月初二": lunar_string(day),
        "星期六": f"星期{WEEKDAY_NAMES[day.weekday()]}",
        "02": f"{day.day:02d}",
    }
    out = []
    for number, line in enumerate(lines):
        key = line.strip()
        if number < 20 and key in replaced:
            line = replaced.pop(key)
        elif number >= 20 and line.startswith("#"):
            line = f"{line} {tag}"
        out.append(line)
    assert not replaced, f"seed page changed shape: {sorted(replaced)} not found"
    return "\n".join(out)


def write_pages(folder: Path, first_day, count: int, tag: str = "") -> list[Path]:
    """``count`` page files for consecutive days from ``first_day``."""
    from datetime import timedelta

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for offset in range(count):
        day = first_day + timedelta(days=offset)
        path = folder / f"{day.isoformat()}.txt"
        path.write_text(page_text(day, f"{tag}{day:%Y%m%d}"), encoding="utf-8")
        paths.append(path)
    return paths


@contextmanager
def scratch_database(tmp_path: Path):
    """A database URL for subprocesses: a fresh PostgreSQL database on the server the suite
    runs against (dropped after), or an SQLite file in ``tmp_path``."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    name = f"yk_scratch_{secrets.token_hex(4)}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def worker(env: dict, *args: str, **popen) -> subprocess.Popen:
    """Start ``python -m tests.prod.workers ARGS`` (see that module)."""
    return subprocess.Popen(
        [PYTHON, "-m", "tests.prod.workers", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def run_script(env: dict, script: str) -> str:
    """Run Python in ``manage.py shell``; the last line it printed."""
    result = manage(env, "shell", "--no-imports", "-c", script)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def migrate_and_import(env: dict, pages) -> None:
    assert manage(env, "migrate", "--noinput").returncode == 0
    imported = manage(env, "import_pages", "--no-progress", str(pages))
    assert imported.returncode == 0, imported.stderr
