"""The whole test suite: ruff, then pytest on SQLite (and on PostgreSQL where available).

Called by ``./dev test`` and so by ``.ci/run``.
"""

import subprocess
import sys


def main(argv: list[str]) -> int:
    python = sys.executable
    ruff = subprocess.run([python, "-m", "ruff", "check", "."])
    if ruff.returncode:
        return ruff.returncode
    return subprocess.run([python, "-m", "pytest", *argv]).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
