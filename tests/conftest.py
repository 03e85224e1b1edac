"""Shared fixtures: every test gets its own database file in tmp_path and
a data directory that is not the user's. Helpers live in tests/helpers.py."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers import Runner, fill, ledger_from


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


@pytest.fixture
def run(db_path):
    """A new ledger (`tracker init`, made once and copied)."""
    ledger_from("init", lambda path: Runner(path)("init"), db_path)
    return Runner(db_path)


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


@pytest.fixture
def full_disk(small_disk):
    """A folder on a filesystem with no room left: writing a few KB there
    fails with ENOSPC."""
    fill(small_disk)
    return small_disk


@pytest.fixture(autouse=True)
def quick_pilot(monkeypatch):
    """Textual's pilot waits for the app to go idle after every key: it
    sleeps 20 ms at a time until the process used under 1 ms of CPU in one
    sleep, at least twice a key. Here it looks every 5 ms for under 0.25 ms
    (the same share of idle time), so typing a title takes a quarter of the
    time; settle() in the TUI tests still waits for workers explicitly."""
    try:
        from textual import _wait
    except ImportError:  # pragma: no cover
        return
    monkeypatch.setattr(_wait, "SLEEP_GRANULARITY", 1 / 200)
    monkeypatch.setattr(_wait, "SLEEP_IDLE", 1 / 200 / 20)
