"""Shared bits for the production-readiness tests: a clean environment for subprocesses."""

import os
import secrets
import sys
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
