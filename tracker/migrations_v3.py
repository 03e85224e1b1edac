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


# -------------------------------------------------------------------- items --
_ITEMS_DDL = """
CREATE TABLE items_v3 (
    id              INTEGER PRIMARY KEY,
    ref_no          TEXT UNIQUE CHECK (ref_no IS NULL OR length(trim(ref_no)) > 0),
    kind            TEXT NOT NULL REFERENCES kinds(id),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    source          TEXT,
    unit_id         INTEGER REFERENCES units(id),
    owner           TEXT,
    received_on     TEXT CHECK (received_on IS NULL OR date(received_on, '+0 days') IS received_on),
    due_on          TEXT CHECK (due_on IS NULL OR date(due_on, '+0 days') IS due_on),
    rule            TEXT,
    due_provisional INTEGER NOT NULL DEFAULT 0 CHECK (due_provisional = 0 OR due_provisional = 1),
    original_due_on TEXT CHECK (original_due_on IS NULL OR date(original_due_on, '+0 days') IS original_due_on),
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'done' OR status = 'cancelled'),
    closed_on       TEXT CHECK (closed_on IS NULL OR date(closed_on, '+0 days') IS closed_on),
    campaign_id     INTEGER REFERENCES campaigns(id),
    notes           TEXT,
    party           TEXT,
    organ           TEXT,
    hearing_on      TEXT CHECK (hearing_on IS NULL OR date(hearing_on, '+0 days') IS hearing_on),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status <> 'open' OR closed_on IS NULL),
    CHECK (status <> 'open' OR due_on IS NOT NULL)
) STRICT;
"""


def items(conn: sqlite3.Connection) -> None:
    """A closed item may have no closed date (unknown: an office's ledger
    imported as it was kept). The table is rebuilt without that CHECK; its
    indexes and triggers are made again as they stood."""
    kept = [
        r[0]
        for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'items' AND type IN ('index', 'trigger') "
            "AND sql IS NOT NULL ORDER BY type, name"
        )
    ]
    conn.execute(split_statements(_ITEMS_DDL)[0])
    conn.execute("INSERT INTO items_v3 SELECT * FROM items")
    conn.execute("DROP TABLE items")
    conn.execute("ALTER TABLE items_v3 RENAME TO items")
    for statement in kept:
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
def letters(conn: sqlite3.Connection) -> None:
    """Letters: (filled in by the letters work)."""


STEPS = [history, items, calendar, shared, legal, units, letters]
