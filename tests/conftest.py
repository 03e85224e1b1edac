"""Shared fixtures: every test gets its own database file in tmp_path and
a data directory that is not the user's."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tracker.cli import cli


@pytest.fixture(autouse=True)
def isolated_env(tmp_path, monkeypatch):
    """No test touches the real user data directory or inherits settings."""
    for var in ("TRACKER_DB", "TRACKER_LANG", "TRACKER_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "ledger.db"


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


@pytest.fixture
def run(db_path):
    r = Runner(db_path)
    r("init")
    return r


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


@pytest.fixture
def small_disk(tmp_path):
    """A real folder on a small filesystem (a 4 MB tmpfs mounted for the
    test); `fill(free)` leaves only `free` bytes on it."""
    folder = tmp_path / "small"
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + r.stderr.decode(errors="replace").strip())
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


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


@pytest.fixture
def full_disk(small_disk):
    """A folder on a filesystem with no room left: writing a few KB there
    fails with ENOSPC."""
    fill(small_disk)
    return small_disk
