"""``./dev prod`` as operators run it: gunicorn workers that search warm from the first request."""

import signal
import subprocess
import time
import urllib.request
from urllib.parse import quote

import pytest

from tests.run import free_port

from .helpers import ROOT, SEED_PAGE, migrate_and_import, production_env, scratch_database

pytestmark = pytest.mark.slow


def test_production_server_warms_each_worker_and_answers_a_search(tmp_path):
    port = free_port()
    with scratch_database(tmp_path) as url:
        env = production_env(
            tmp_path,
            DATABASE_URL=url,
            YONGKANG_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY="2",
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
        )
        migrate_and_import(env, SEED_PAGE)
        log_path = tmp_path / "server.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(
                [str(ROOT / "dev"), "prod"], cwd=ROOT, env=env, stdout=log, stderr=log
            )
            try:
                warmed = wait_for_lines(log_path, "search warmed up in", 2, server)
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/search/?q={quote('五金')}", timeout=10
                ) as response:
                    status, page = response.status, response.read().decode("utf-8")
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(30)

    assert len(warmed) == 2, log_path.read_text()
    assert status == 200
    assert "<mark>五金</mark>" in page


def wait_for_lines(path, marker: str, count: int, server, timeout: float = 60) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = [line for line in path.read_text().splitlines() if marker in line]
        if len(lines) >= count or server.poll() is not None:
            return lines
        time.sleep(0.2)
    return lines
