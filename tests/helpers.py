"""Helpers the tests share: a clerk's commands on one database, tracker in
a real process, a filesystem filled to a point."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tracker.cli import cli


class Runner:
    """Runs tracker commands on one database, as a user would."""

    def __init__(self, db_path):
        self.db_path = db_path
        self.runner = CliRunner()

    def __call__(self, *args, ok: bool = True, input=None, env=None):
        result = self.runner.invoke(
            cli, ["--db", str(self.db_path), *map(str, args)], input=input, env=env, catch_exceptions=False
        )
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"tracker {' '.join(map(str, args))} exited {result.exit_code}:\n"
                f"{result.output}{result.stderr if result.stderr_bytes else ''}"
            )
        return result

    def sql(self, query: str, params=()):
        conn = sqlite3.connect(self.db_path)
        try:
            return conn.execute(query, params).fetchall()
        finally:
            conn.close()

    def tamper(self, statement: str) -> None:
        """Changes the file behind tracker's back, as another program could."""
        conn = sqlite3.connect(self.db_path)
        try:
            with conn:
                conn.execute(statement)
        finally:
            conn.close()

    def snapshot(self) -> dict:
        """Every table's rows: to prove a failed command wrote nothing."""
        if not self.db_path.exists():
            return {}
        conn = sqlite3.connect(self.db_path)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        finally:
            conn.close()


def run_subprocess(*args, env_extra=None, input=None):
    """tracker in a real process (the installed console script's module)."""
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        input=input,
        timeout=120,
    )


def fill(folder, free: int = 0) -> None:
    """Fill the filesystem of `folder` up to `free` bytes left."""
    st = os.statvfs(folder)
    left = st.f_bavail * st.f_frsize - free
    with open(folder / "filler", "ab") as f:
        try:
            while left > 0:
                n = min(left, 1 << 20)
                f.write(b"\0" * n)
                f.flush()
                left -= n
        except OSError:
            pass


async def settle(pilot, rounds: int = 3) -> None:
    """Let the UI finish what a key started: its workers, then its messages."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


_TEMPLATES: dict[str, Path] = {}


@functools.cache
def _template_dir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="tracker-test-templates-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def ledger_from(name: str, build: Callable[[Path], object], path: Path) -> Path:
    """The ledger `build(template_path)` makes, built once a test process and
    copied to `path` for each test (SQLite's backup: a consistent copy, in
    WAL mode like the original, with its permissions): a test changes its
    own copy, never the next test's."""
    template = _TEMPLATES.get(name)
    if template is None:
        template = _template_dir() / f"{name}.db"
        build(template)
        _TEMPLATES[name] = template
    src, dst = sqlite3.connect(template), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    os.chmod(path, stat.S_IMODE(os.stat(template).st_mode))
    return path
