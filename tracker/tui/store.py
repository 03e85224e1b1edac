"""The TUI's access to the database: one connection guarded by a lock, so
thread workers and the event loop never use it at once."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tracker.calendar import WorkCalendar
from tracker.db import open_db
from tracker.i18n import t
from tracker.ledger import Ledger
from tracker.listing import ListSource

UI_BUSY_TIMEOUT_MS = 2000
R = TypeVar("R")


def explain_db_error(e: sqlite3.Error, path: str | Path, lang: str) -> str:
    """Why the database refused, said as the CLI says it (tracker.db's one
    mapping of SQLite's result codes): busy, read-only, disk full, damaged,
    a folder or another clerk's -wal/-shm that cannot be written. Busy gets
    the UI's own words (press Ctrl+S again)."""
    from tracker.db import user_error

    known = user_error(e, path)
    if known is None:
        return t(lang, "db_io", path=str(path), problem=str(e))
    if known.key == "db_busy":
        return t(lang, "ui_db_busy", path=str(path), problem=str(e))
    return known.message(lang)


class Store:
    """The database of one TUI session, for one as-of day."""

    def __init__(self, path: str | Path, as_of: dt.date, lang: str = "zh", actor: str | None = None):
        self.path = Path(path)
        self.as_of = as_of
        self.lang = lang
        self.lock = threading.RLock()
        # A file the clerk may only read opens read-only: the ledger can be
        # looked at, and a save says why it cannot be written.
        self.read_only = self.path.exists() and not os.access(self.path, os.W_OK)
        self.conn = open_db(self.path, create=not self.read_only)
        # A clerk waits at most a few seconds for another's write, then is told.
        self.conn.execute(f"PRAGMA busy_timeout = {UI_BUSY_TIMEOUT_MS}")
        self.ledger = Ledger(self.conn, actor=actor)
        self.source = ListSource(self.conn, as_of)
        self._running: int | None = None
        self._calendar = self._calendar_mark()
        self._data_version = self.data_version()

    def call(self, fn: Callable[..., R], *args, **kwargs) -> R:
        """Run fn under the lock (from a worker thread or the event loop)."""
        with self.lock:
            self._running = threading.get_ident()
            try:
                return fn(*args, **kwargs)
            finally:
                self._running = None

    def write(self, fn: Callable[..., R], *args, **kwargs) -> R:
        """Run a write now: a read a worker is running (a long search) is
        stopped rather than waited for; the view reloads after the write."""
        self.interrupt_reads()
        return self.call(fn, *args, **kwargs)

    def interrupt_reads(self) -> None:
        """Stop a read a worker is running (its result is no longer wanted:
        the clerk typed on). The worker sees sqlite3.OperationalError
        'interrupted'. Writes run on the event loop, so never get here."""
        running = self._running
        if running is not None and running != threading.get_ident():
            self.conn.interrupt()

    def data_version(self) -> int:
        with self.lock:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changed_elsewhere(self) -> bool:
        """Whether another connection committed since the last call. Never
        waits: while a worker reads, the answer is "not yet" (asked again
        at the next poll), so the event loop is never held up."""
        if not self.lock.acquire(blocking=False):
            return False
        try:
            v = self.conn.execute("PRAGMA data_version").fetchone()[0]
        finally:
            self.lock.release()
        if v != self._data_version:
            self._data_version = v
            return True
        return False

    def _calendar_mark(self) -> tuple:
        return self.conn.execute("SELECT count(*), max(set_at) FROM calendar_overrides").fetchone()[:]

    def refresh_calendar(self) -> None:
        """Read the office's calendar again, if it changed (another clerk
        entered a year's schedule): deadlines and lights depend on it."""
        with self.lock:
            mark = self._calendar_mark()
            if mark == self._calendar:
                return
            self._calendar = mark
            cal = WorkCalendar.from_db(self.conn)
            self.source = ListSource(self.conn, self.as_of, cal)
            self.ledger = Ledger(self.conn, actor=self.ledger.actor, cal=cal)

    def close(self) -> None:
        with self.lock:
            try:
                self.conn.execute("PRAGMA analysis_limit = 1000")
                self.conn.execute("PRAGMA optimize")  # keep the planner's statistics fresh
            except Exception:  # a locked or read-only file: statistics can wait
                pass
            self.conn.close()
