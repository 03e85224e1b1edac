"""The history of items: append-only events in a hash chain.

Every event carries the sha256 of the previous event's hash and its own
fields. The database refuses UPDATE, DELETE and INSERT OR REPLACE of an
event (triggers, schema.sql); the chain lets `tracker check` find an event
rewritten or removed by other means (a file edited outside tracker).
Every writer appends through `append`/`append_many` here.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Iterator

GENESIS = "0" * 64


# The text an event's hash is taken of: \x1f (unit separator) cannot occur
# in the fields (control characters never reach the database), so no two
# events hash the same text.
_TEXT = "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}"


def event_hash(prev: str, item_id: int, at: str, actor: str, type_: str, data: str, sha256) -> str:
    """The hash of one event, chained to the one before (`sha256`: the
    function to hash with: hashlib's, or _sha256())."""
    return sha256(_TEXT.format(prev, item_id, at, actor, type_, data).encode()).hexdigest()


@functools.cache
def _sha256():
    """SHA-256: CPython's own, which loads in a fraction of a millisecond,
    where hashlib first loads OpenSSL (some 4 ms of every command that
    writes); hashlib's where the build has no such module. The same digest."""
    for name in ("_sha256", "_sha2"):  # CPython 3.11; 3.12 and later
        try:
            return __import__(name).sha256
        except ImportError:
            pass
    from hashlib import sha256

    return sha256


def last_hash(conn: sqlite3.Connection) -> str:
    """The hash of the newest event (inside the write transaction)."""
    row = conn.execute("SELECT hash FROM events ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS


def chained(prev: str, events: Iterable[tuple], few: bool = False) -> Iterator[tuple]:
    """(item_id, at, actor, type, data) rows with their hashes appended, in
    order: event_hash in one tight loop (a bulk import hashes a million),
    with OpenSSL's SHA-256, faster per call than CPython's own; `few`
    events with CPython's (no OpenSSL to load for them)."""
    if few:
        sha256 = _sha256()
    else:
        from hashlib import sha256
    text = _TEXT.format
    for item_id, at, actor, type_, data in events:
        prev = sha256(text(prev, item_id, at, actor, type_, data).encode()).hexdigest()
        yield item_id, at, actor, type_, data, prev


_INSERT = "INSERT INTO events (item_id, at, actor, type, data, hash) VALUES (?, ?, ?, ?, ?, ?)"


def append_many(conn: sqlite3.Connection, events: Iterable[tuple]) -> None:
    """Inside a write transaction: append (item_id, at, actor, type, data) events."""
    few = isinstance(events, list | tuple) and len(events) < 100
    conn.executemany(_INSERT, chained(last_hash(conn), events, few))


def append_chained(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Inside a write transaction: append events already chained (`chained`,
    by an import's helper process from the hash it was given). The first
    must follow the newest stored event: a chain made from another starting
    point is refused (RuntimeError) and the transaction rolled back."""
    if not rows:
        return
    item_id, at, actor, type_, data, hash_ = rows[0]
    if event_hash(last_hash(conn), item_id, at, actor, type_, data, _sha256()) != hash_:
        raise RuntimeError("events chained from another event than the newest: not appended")
    conn.executemany(_INSERT, rows)


def append(conn: sqlite3.Connection, item_id: int, at: str, actor: str, type_: str, data: str) -> None:
    """Inside a write transaction: append one event."""
    append_many(conn, [(item_id, at, actor, type_, data)])


def broken_links(conn: sqlite3.Connection, limit: int = 5) -> tuple[int, list[int]]:
    """Events whose hash does not follow from the one before (rewritten,
    or the one before removed): their count and the first few ids."""
    from hashlib import sha256  # OpenSSL's: faster per call over a whole history

    prev, bad, first = GENESIS, 0, list[int]()
    cur = conn.execute("SELECT id, item_id, at, actor, type, data, hash FROM events ORDER BY id")
    for id_, item_id, at, actor, type_, data, stored in cur:
        if event_hash(prev, item_id, at, actor, type_, data, sha256) != stored:
            bad += 1
            if len(first) < limit:
                first.append(id_)
        prev = stored
    return bad, first
