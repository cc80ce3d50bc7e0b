"""The workbench benchmark still runs end to end (tiny N); its figures are not criteria."""

import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import CORPUS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not CORPUS.exists(), reason=f"benchmark corpus not at {CORPUS}")
@pytest.mark.slow
def test_workbench_benchmark_runs_on_a_tiny_corpus():
    completed = subprocess.run(
        [sys.executable, "-m", "bench.workbench", "--n", "1000", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    for label in ("change page", "byline preview", "split + merge back", "merge people"):
        assert label in completed.stdout
