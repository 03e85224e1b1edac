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
_UNITS_DDL = """
CREATE TABLE shares (
    item_id     INTEGER NOT NULL REFERENCES items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role = 'lead' OR role = 'assist'),
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'reported' OR state = 'returned'),
    item_open   INTEGER NOT NULL DEFAULT 1 CHECK (item_open = 0 OR item_open = 1),
    reported_on TEXT CHECK (reported_on IS NULL OR date(reported_on, '+0 days') IS reported_on),
    returns     INTEGER NOT NULL DEFAULT 0 CHECK (returns >= 0),
    PRIMARY KEY (item_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX shares_unit ON shares (unit_id, item_id, role);
CREATE INDEX shares_open ON shares (unit_id, item_id, role, state) WHERE item_open = 1;
CREATE INDEX shares_awaiting ON shares (item_id, unit_id) WHERE item_open = 1 AND role = 'lead' AND state = 'reported';

CREATE TRIGGER shares_item_insert AFTER INSERT ON items WHEN new.unit_id IS NOT NULL
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open)
        VALUES (new.id, new.unit_id, 'lead', CASE WHEN new.status = 'done' THEN 'reported' ELSE 'open' END,
                new.status = 'open')
        ON CONFLICT DO UPDATE SET role = 'lead';
END;

CREATE TRIGGER shares_item_unit AFTER UPDATE OF unit_id ON items WHEN old.unit_id IS NOT new.unit_id
BEGIN
    DELETE FROM shares WHERE item_id = old.id AND unit_id = old.unit_id AND role = 'lead'
        AND NOT EXISTS (SELECT 1 FROM item_assist_units a WHERE a.item_id = old.id AND a.unit_id = old.unit_id);
    UPDATE shares SET role = 'assist' WHERE item_id = old.id AND unit_id = old.unit_id;
    INSERT INTO shares (item_id, unit_id, role, state, item_open)
        SELECT new.id, new.unit_id, 'lead', 'open', new.status = 'open' WHERE new.unit_id IS NOT NULL
        ON CONFLICT DO UPDATE SET role = 'lead';
END;

CREATE TRIGGER shares_item_status AFTER UPDATE OF status ON items WHEN old.status IS NOT new.status
BEGIN
    UPDATE shares SET item_open = (new.status = 'open'),
        state = CASE WHEN new.status = 'open' THEN 'open' ELSE state END,
        reported_on = CASE WHEN new.status = 'open' THEN NULL ELSE reported_on END
        WHERE item_id = new.id;
    UPDATE item_cadences SET item_open = (new.status = 'open') WHERE item_id = new.id;
END;

CREATE TRIGGER shares_item_delete AFTER DELETE ON items
BEGIN
    DELETE FROM shares WHERE item_id = old.id;
    DELETE FROM item_cadences WHERE item_id = old.id;
END;

CREATE TRIGGER shares_assist_insert AFTER INSERT ON item_assist_units
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open)
        SELECT new.item_id, new.unit_id, 'assist', CASE WHEN i.status = 'done' THEN 'reported' ELSE 'open' END,
               i.status = 'open'
        FROM items i WHERE i.id = new.item_id
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shares_assist_delete AFTER DELETE ON item_assist_units
BEGIN
    DELETE FROM shares WHERE item_id = old.item_id AND unit_id = old.unit_id AND role = 'assist';
END;

CREATE TABLE feedback (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    campaign_id INTEGER REFERENCES campaigns(id),
    on_date     TEXT NOT NULL CHECK (date(on_date, '+0 days') IS on_date),
    text        TEXT NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0 CHECK (done = 0 OR done = 1),
    source      TEXT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_item ON feedback (item_id, unit_id, on_date);
CREATE INDEX feedback_unit ON feedback (unit_id, on_date);
CREATE INDEX feedback_campaign ON feedback (campaign_id, on_date, unit_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX feedback_on ON feedback (on_date);

CREATE TABLE campaign_figures (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    target      INTEGER CHECK (target IS NULL OR target >= 0),
    pos         INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE feedback_figures (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    name        TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (feedback_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX feedback_figures_campaign ON feedback_figures (campaign_id, name, unit_id, value);

CREATE TABLE item_cadences (
    item_id   INTEGER PRIMARY KEY REFERENCES items(id),
    cadence   TEXT NOT NULL CHECK (cadence = 'daily' OR cadence = 'weekly' OR cadence = 'monthly'),
    start_on  TEXT NOT NULL CHECK (date(start_on, '+0 days') IS start_on),
    item_open INTEGER NOT NULL DEFAULT 1 CHECK (item_open = 0 OR item_open = 1)
) STRICT;
CREATE INDEX item_cadences_open ON item_cadences (item_id, cadence, start_on) WHERE item_open = 1;

CREATE INDEX items_bulletin ON items (due_on, unit_id, status, closed_on);
CREATE INDEX shares_returned ON shares (item_id, unit_id, returns) WHERE returns > 0;
CREATE INDEX events_remind ON events (item_id) WHERE type = 'remind';

CREATE TABLE unit_contacts (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    contact TEXT,
    phone   TEXT
) STRICT;
"""


def units(conn: sqlite3.Connection) -> None:
    """Units and their reports: every lead and assisting unit of an item
    gets a share (a done item's as reported); a campaign's free-text
    cadence becomes daily, weekly or monthly where the words say so (每日一报
    ...), and is cleared (no reports owed) where they do not."""
    import re

    for statement in split_statements(_UNITS_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO shares (item_id, unit_id, role, state, item_open) "
        "SELECT id, unit_id, 'lead', CASE WHEN status = 'done' THEN 'reported' ELSE 'open' END, status = 'open' "
        "FROM items WHERE unit_id IS NOT NULL"
    )
    conn.execute(
        "INSERT OR IGNORE INTO shares (item_id, unit_id, role, state, item_open) "
        "SELECT a.item_id, a.unit_id, 'assist', CASE WHEN i.status = 'done' THEN 'reported' ELSE 'open' END, "
        "i.status = 'open' FROM item_assist_units a JOIN items i ON i.id = a.item_id"
    )
    words = (
        ("daily", re.compile(r"daily|day|日|天", re.I)),
        ("weekly", re.compile(r"weekly|week|周|星期", re.I)),
        ("monthly", re.compile(r"monthly|month|月", re.I)),
    )
    for cid, text in conn.execute("SELECT id, cadence FROM campaigns WHERE cadence IS NOT NULL").fetchall():
        value = next((name for name, word in words if word.search(text)), None)
        conn.execute("UPDATE campaigns SET cadence = ? WHERE id = ?", (value, cid))


# ------------------------------------------------------------------- letters --
def letters(conn: sqlite3.Connection) -> None:
    """Letters: (filled in by the letters work)."""


STEPS = [history, calendar, shared, legal, units, letters]
