"""The steps of schema version 3, each with its own DDL written out (frozen:
today's schema.sql is never read here). tracker.migrations.to_v3 runs them
in order inside the upgrade's transaction."""

from __future__ import annotations

import sqlite3

from tracker.db import split_statements

# ------------------------------------------------------------------ history --
_HISTORY_DDL = """
CREATE TABLE events_v3 (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    type    TEXT NOT NULL CHECK (type = 'create' OR type = 'edit' OR type = 'note' OR type = 'remind'
                                 OR type = 'extend' OR type = 'done' OR type = 'reopen' OR type = 'cancel'
                                 OR type = 'recompute' OR type = 'import' OR type = 'hearing' OR type = 'attend'
                                 OR type = 'outcome' OR type = 'link' OR type = 'feedback' OR type = 'return'
                                 OR type = 'letter' OR type = 'unit'),
    data    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
    hash    TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE INDEX events_item ON events (item_id, id);
CREATE INDEX events_note ON events (item_id, id) WHERE type = 'note';

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

CREATE TRIGGER events_no_replace BEFORE INSERT ON events
    WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: an existing event cannot be replaced');
END;
"""


def history(conn: sqlite3.Connection) -> None:
    """Events get a hash chain (computed here for the history so far) and a
    trigger that refuses INSERT OR REPLACE; the allowed types grow."""
    from tracker.history import GENESIS, chained

    statements = split_statements(_HISTORY_DDL)
    conn.execute(statements[0])
    rows = conn.execute("SELECT item_id, at, actor, type, data FROM events ORDER BY id")
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY id")]
    conn.executemany(
        "INSERT INTO events_v3 (id, item_id, at, actor, type, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((id_, *event) for id_, event in zip(ids, chained(GENESIS, rows.fetchall()))),
    )
    for name in ("events_no_update", "events_no_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DROP TABLE events")
    conn.execute("ALTER TABLE events_v3 RENAME TO events")
    for statement in statements[1:]:
        conn.execute(statement)


# ------------------------------------------------------------------ calendar --
_CALENDAR_DDL = """
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2099),
    announced_by TEXT NOT NULL,
    announced_at TEXT NOT NULL
) STRICT;
"""


def calendar(conn: sqlite3.Connection) -> None:
    """Announced years become explicit: a year the office gave overrides for
    under version 2 counted as announced, and stays so."""
    for statement in split_statements(_CALENDAR_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO calendar_years (year, announced_by, announced_at) "
        "SELECT DISTINCT CAST(substr(date, 1, 4) AS INTEGER), 'upgrade', max(set_at) FROM calendar_overrides "
        "GROUP BY substr(date, 1, 4)"
    )


# ------------------------------------------------------------- settings, links --
_SHARED_DDL = """
CREATE TABLE settings (
    key    TEXT PRIMARY KEY CHECK (length(key) > 0),
    value  TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE item_links (
    item_id  INTEGER NOT NULL REFERENCES items(id),
    from_id  INTEGER NOT NULL REFERENCES items(id),
    relation TEXT NOT NULL CHECK (relation = 'appeal' OR relation = 'carry-out' OR relation = 'letter'),
    PRIMARY KEY (item_id, from_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_links_from ON item_links (from_id, item_id);
"""


def shared(conn: sqlite3.Connection) -> None:
    """Office settings, and links between items."""
    for statement in split_statements(_SHARED_DDL):
        conn.execute(statement)


# --------------------------------------------------------------------- legal --
def legal(conn: sqlite3.Connection) -> None:
    """Legal cases: (filled in by the legal-cases work)."""


# --------------------------------------------------------------------- units --
def units(conn: sqlite3.Connection) -> None:
    """Units and their reports: (filled in by the units work)."""


# ------------------------------------------------------------------- letters --
_LETTERS_DDL = """
CREATE TABLE letter_numbers (
    kind      TEXT NOT NULL REFERENCES kinds(id),
    year      INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2099),
    n         INTEGER NOT NULL CHECK (n > 0),
    ref_no    TEXT NOT NULL,
    item_id   INTEGER NOT NULL REFERENCES items(id),
    issued_by TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    PRIMARY KEY (kind, year, n)
) STRICT, WITHOUT ROWID;
"""


def letters(conn: sqlite3.Connection) -> None:
    """Letters: the register of issued letter numbers."""
    for statement in split_statements(_LETTERS_DDL):
        conn.execute(statement)


STEPS = [history, calendar, shared, legal, units, letters]
