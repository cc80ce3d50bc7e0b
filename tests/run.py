"""The whole test suite: ruff, then pytest on SQLite, then again on PostgreSQL.

Called by ``./dev test`` and so by ``.ci/run``. The PostgreSQL run uses a throwaway cluster
in a temporary folder (initdb, a free local port, a unix socket beside it) that is stopped
and removed afterwards, whatever happened. In CI (``CI=true``) PostgreSQL is required;
locally the run is skipped, with a line saying so, when the server binaries are missing.
"""

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The browser tests check pages, not the database; one run of them is enough.
PG_PYTEST_ARGS = ["-m", "not browser"]


def main(argv: list[str]) -> int:
    python = sys.executable
    ruff = subprocess.run([python, "-m", "ruff", "check", "."], cwd=ROOT)
    if ruff.returncode:
        return ruff.returncode

    # Decided up front so the output still ends with pytest's own summary lines.
    bindir = find_postgres_bindir()
    if bindir is None:
        if os.environ.get("CI", "").lower() == "true":
            print("PostgreSQL server binaries not found, but CI=true requires the PostgreSQL run")
            return 1
        print(
            "skipped PostgreSQL run: no /usr/lib/postgresql/*/bin/initdb (./dev test installs it)"
        )

    print("== pytest on SQLite ==", flush=True)
    sqlite_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    sqlite = subprocess.run([python, "-m", "pytest", *argv], cwd=ROOT, env=sqlite_env)
    if bindir is None:
        return sqlite.returncode
    postgresql = run_on_postgresql(bindir, python, argv)
    return sqlite.returncode or postgresql


def run_on_postgresql(bindir: Path, python: str, argv: list[str]) -> int:
    try:
        with throwaway_cluster(bindir) as url:
            print(f"== pytest on PostgreSQL ({bindir.parent.name}) ==", flush=True)
            env = {**os.environ, "DATABASE_URL": url}
            return subprocess.run(
                [python, "-m", "pytest", *PG_PYTEST_ARGS, *argv], cwd=ROOT, env=env
            ).returncode
    except ClusterError as error:
        print(f"PostgreSQL cluster could not start: {error}", flush=True)
        return 1


def find_postgres_bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return Path(found[-1]).parent if found else None


class ClusterError(Exception):
    pass


@contextmanager
def throwaway_cluster(bindir: Path):
    """Yields a DATABASE_URL for a fresh database in a fresh cluster; removes it all after."""
    tmp = Path(tempfile.mkdtemp(prefix="yongkang-pg-"))
    as_user = server_user()
    data = tmp / "data"
    port = free_port()
    started = False
    try:
        if as_user:
            # initdb and postgres refuse to run as root; the folder must belong to their user.
            shutil.chown(tmp, user=as_user, group=as_user)
        run_as(
            as_user,
            [
                bindir / "initdb",
                "-D",
                data,
                "-U",
                "yongkang",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            "initdb",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {tmp} -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        run_as(
            as_user,
            [
                bindir / "pg_ctl",
                "-D",
                data,
                "-l",
                tmp / "server.log",
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ],
            "pg_ctl start",
            log=tmp / "server.log",
        )
        started = True
        run_as(
            as_user,
            [bindir / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "yongkang", "yongkang"],
            "createdb",
        )
        yield f"postgres://yongkang@127.0.0.1:{port}/yongkang"
    finally:
        if started:
            subprocess.run(
                command_as(
                    as_user, [bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
                ),
                capture_output=True,
            )
        shutil.rmtree(tmp, ignore_errors=True)


def server_user() -> str | None:
    """The user to run the server as when we are root (PostgreSQL will not run as root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise ClusterError("running as root and no 'postgres' user to run the server as")


def command_as(user: str | None, argv: list) -> list[str]:
    argv = [str(part) for part in argv]
    if user is None:
        return argv
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--", *argv]
    return ["su", user, "-s", "/bin/sh", "-c", shlex.join(argv)]


def run_as(user: str | None, argv: list, what: str, log: Path | None = None) -> None:
    result = subprocess.run(command_as(user, argv), capture_output=True, text=True)
    if result.returncode:
        detail = result.stderr.strip() or result.stdout.strip()
        if log is not None and log.exists():
            detail += "\n" + log.read_text(errors="replace")[-2000:]
        raise ClusterError(f"{what} failed (exit {result.returncode}): {detail}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
