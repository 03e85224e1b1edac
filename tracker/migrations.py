"""Schema migrations, one frozen function per version.

Each upgrades a database from the version before, inside the open
transaction, with its own DDL written out here: today's schema.sql is never
read by an old migration (it will have moved on). tests/test_upgrade.py
checks that a database upgraded from version 1 has exactly the schema of a
new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V2_DDL = """
CREATE INDEX items_open_due ON items (due_on, unit_id, kind, owner, ref_no, title, status) WHERE status = 'open';

CREATE INDEX items_open_unit ON items (unit_id, due_on, id, kind, owner, ref_no, title, due_provisional, status)
    WHERE status = 'open';

CREATE INDEX items_open_kind ON items (kind, due_on, status) WHERE status = 'open';

CREATE TABLE campaign_counts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    status      TEXT NOT NULL,
    n           INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (campaign_id, status)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER items_campaign_insert AFTER INSERT ON items WHEN new.campaign_id IS NOT NULL
BEGIN
    INSERT INTO campaign_counts (campaign_id, status, n) VALUES (new.campaign_id, new.status, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_campaign_update AFTER UPDATE OF campaign_id, status ON items
    WHEN old.campaign_id IS NOT new.campaign_id OR old.status IS NOT new.status
BEGIN
    UPDATE campaign_counts SET n = n - 1 WHERE campaign_id = old.campaign_id AND status = old.status;
    INSERT INTO campaign_counts (campaign_id, status, n)
        SELECT new.campaign_id, new.status, 1 WHERE new.campaign_id IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_campaign_delete AFTER DELETE ON items WHEN old.campaign_id IS NOT NULL
BEGIN
    UPDATE campaign_counts SET n = n - 1 WHERE campaign_id = old.campaign_id AND status = old.status;
END;
"""


def to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: campaign task counts kept by triggers (campaign_counts), and
    open items' indexes that carry their status, and for the report its
    columns, so SQLite reads them alone."""
    from tracker.db import split_statements

    for name in ("items_open_due", "items_open_unit", "items_open_kind"):
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    for name in ("items_campaign_insert", "items_campaign_update", "items_campaign_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DROP TABLE IF EXISTS campaign_counts")  # derived: counted afresh below
    for statement in split_statements(_V2_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO campaign_counts (campaign_id, status, n) SELECT campaign_id, status, count(*) "
        "FROM items WHERE campaign_id IS NOT NULL GROUP BY campaign_id, status"
    )


def to_v3(conn: sqlite3.Connection) -> None:
    """Version 3: tamper-evident history (events carry a hash chain and
    cannot be replaced), the law of extensions in the rule catalogue,
    hearings, outcomes and linked items, units' shares and reports, office
    settings and letter numbers. One step per concern, in this order."""
    from tracker.migrations_v3 import STEPS

    for step in STEPS:
        step(conn)


_V4_DDL = """
-- Items per due day, kind, status and whether done by that day, kept by
-- the triggers below on every write to items (however made): the year's
-- figures (tracker annual) read a few thousand rows instead of counting a
-- year of items (200,000 at a million). `tracker check` recounts it.
CREATE TABLE due_counts (
    due_on  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    status  TEXT NOT NULL,
    on_time INTEGER NOT NULL CHECK (on_time = 0 OR on_time = 1),
    n       INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (due_on, kind, status, on_time)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER items_due_insert AFTER INSERT ON items WHEN new.due_on IS NOT NULL
BEGIN
    INSERT INTO due_counts (due_on, kind, status, on_time, n)
        VALUES (new.due_on, new.kind, new.status, coalesce(new.status = 'done' AND new.closed_on <= new.due_on, 0), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_due_update AFTER UPDATE OF due_on, kind, status, closed_on ON items
    WHEN old.due_on IS NOT new.due_on OR old.kind IS NOT new.kind OR old.status IS NOT new.status
        OR old.closed_on IS NOT new.closed_on
BEGIN
    UPDATE due_counts SET n = n - 1 WHERE due_on = old.due_on AND kind = old.kind AND status = old.status
        AND on_time = coalesce(old.status = 'done' AND old.closed_on <= old.due_on, 0);
    INSERT INTO due_counts (due_on, kind, status, on_time, n)
        SELECT new.due_on, new.kind, new.status, coalesce(new.status = 'done' AND new.closed_on <= new.due_on, 0), 1
        WHERE new.due_on IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_due_delete AFTER DELETE ON items WHEN old.due_on IS NOT NULL
BEGIN
    UPDATE due_counts SET n = n - 1 WHERE due_on = old.due_on AND kind = old.kind AND status = old.status
        AND on_time = coalesce(old.status = 'done' AND old.closed_on <= old.due_on, 0);
END;

-- The year's case figures read a case's dates from these alone (a year of
-- cases is some 30,000 rows at a million items), and a hearing's case
-- from the second.
CREATE INDEX items_cases ON items (kind, received_on, status, closed_on, due_on, original_due_on, rule)
    WHERE kind = 'review' OR kind = 'litigation';
CREATE INDEX items_case_ids ON items (id, kind, status) WHERE kind = 'review' OR kind = 'litigation';

DROP INDEX hearings_date;
CREATE INDEX hearings_date ON hearings (date, item_id, attended, head);

DROP INDEX items_extended;
CREATE INDEX items_extended ON items (due_on, kind, status, rule, closed_on, original_due_on) WHERE original_due_on IS NOT NULL;
"""


def to_v4(conn: sqlite3.Connection) -> None:
    """Version 4: items per due day kept by triggers (due_counts) and the
    case, hearing and extended-item indexes the year's figures and the
    statistics read alone."""
    from tracker.db import split_statements

    for statement in split_statements(_V4_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO due_counts (due_on, kind, status, on_time, n) "
        "SELECT due_on, kind, status, coalesce(status = 'done' AND closed_on <= due_on, 0), count(*) "
        "FROM items WHERE due_on IS NOT NULL GROUP BY 1, 2, 3, 4"
    )


_V5_DDL = """
ALTER TABLE shares ADD COLUMN campaign_id INTEGER;

DROP TRIGGER shares_item_insert;
CREATE TRIGGER shares_item_insert AFTER INSERT ON items WHEN new.unit_id IS NOT NULL
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        VALUES (new.id, new.unit_id, 'lead', CASE WHEN new.status = 'done' THEN 'reported' ELSE 'open' END,
                new.status = 'open', new.campaign_id)
        ON CONFLICT DO UPDATE SET role = 'lead';
END;

DROP TRIGGER shares_item_unit;
CREATE TRIGGER shares_item_unit AFTER UPDATE OF unit_id ON items WHEN old.unit_id IS NOT new.unit_id
BEGIN
    DELETE FROM shares WHERE item_id = old.id AND unit_id = old.unit_id AND role = 'lead'
        AND NOT EXISTS (SELECT 1 FROM item_assist_units a WHERE a.item_id = old.id AND a.unit_id = old.unit_id);
    UPDATE shares SET role = 'assist' WHERE item_id = old.id AND unit_id = old.unit_id;
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        SELECT new.id, new.unit_id, 'lead', 'open', new.status = 'open', new.campaign_id WHERE new.unit_id IS NOT NULL
        ON CONFLICT DO UPDATE SET role = 'lead';
END;

DROP TRIGGER shares_assist_insert;
CREATE TRIGGER shares_assist_insert AFTER INSERT ON item_assist_units
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        SELECT new.item_id, new.unit_id, 'assist', CASE WHEN i.status = 'done' THEN 'reported' ELSE 'open' END,
               i.status = 'open', i.campaign_id
        FROM items i WHERE i.id = new.item_id
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shares_item_campaign AFTER UPDATE OF campaign_id ON items
    WHEN old.campaign_id IS NOT new.campaign_id
BEGIN
    UPDATE shares SET campaign_id = new.campaign_id WHERE item_id = new.id;
END;

UPDATE shares SET campaign_id = (SELECT i.campaign_id FROM items i WHERE i.id = shares.item_id)
    WHERE item_id IN (SELECT id FROM items WHERE campaign_id IS NOT NULL);

CREATE INDEX shares_campaign ON shares (campaign_id, unit_id, item_open, state)
    WHERE campaign_id IS NOT NULL AND item_open = 1 AND state <> 'reported';

DROP INDEX shares_open;
CREATE INDEX shares_open ON shares (unit_id, item_id, role, state, item_open) WHERE item_open = 1;
DROP INDEX shares_awaiting;
CREATE INDEX shares_awaiting ON shares (item_id, unit_id, item_open, role, state)
    WHERE item_open = 1 AND role = 'lead' AND state = 'reported';
DROP INDEX item_cadences_open;
CREATE INDEX item_cadences_open ON item_cadences (item_id, cadence, start_on, item_open) WHERE item_open = 1;

-- Items per due day and lead unit (0: none), status and whether done by
-- that day, kept by triggers as due_counts is: the bulletin's figures per
-- unit over a month read a few thousand rows, not the month's items
-- (24,000 at a million). `tracker check` recounts it.
CREATE TABLE unit_due_counts (
    due_on  TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    status  TEXT NOT NULL,
    on_time INTEGER NOT NULL CHECK (on_time = 0 OR on_time = 1),
    n       INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (due_on, unit_id, status, on_time)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER items_unit_due_insert AFTER INSERT ON items WHEN new.due_on IS NOT NULL
BEGIN
    INSERT INTO unit_due_counts (due_on, unit_id, status, on_time, n)
        VALUES (new.due_on, coalesce(new.unit_id, 0), new.status,
                coalesce(new.status = 'done' AND new.closed_on <= new.due_on, 0), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_unit_due_update AFTER UPDATE OF due_on, unit_id, status, closed_on ON items
    WHEN old.due_on IS NOT new.due_on OR old.unit_id IS NOT new.unit_id OR old.status IS NOT new.status
        OR old.closed_on IS NOT new.closed_on
BEGIN
    UPDATE unit_due_counts SET n = n - 1
        WHERE due_on = old.due_on AND unit_id = coalesce(old.unit_id, 0) AND status = old.status
        AND on_time = coalesce(old.status = 'done' AND old.closed_on <= old.due_on, 0);
    INSERT INTO unit_due_counts (due_on, unit_id, status, on_time, n)
        SELECT new.due_on, coalesce(new.unit_id, 0), new.status,
               coalesce(new.status = 'done' AND new.closed_on <= new.due_on, 0), 1
        WHERE new.due_on IS NOT NULL
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER items_unit_due_delete AFTER DELETE ON items WHEN old.due_on IS NOT NULL
BEGIN
    UPDATE unit_due_counts SET n = n - 1
        WHERE due_on = old.due_on AND unit_id = coalesce(old.unit_id, 0) AND status = old.status
        AND on_time = coalesce(old.status = 'done' AND old.closed_on <= old.due_on, 0);
END;

DROP INDEX items_open_due;
CREATE INDEX items_open_due ON items (due_on, unit_id, kind, owner, ref_no, title, status, due_provisional)
    WHERE status = 'open';
"""


def to_v5(conn: sqlite3.Connection) -> None:
    """Version 5: items per due day and lead unit kept by triggers
    (unit_due_counts, the bulletin); each share carries its item's campaign (kept by trigger),
    so who owes a campaign's reports is read from a small index (the
    morning report and the bulletin); the open items' due-date index
    carries whether a deadline is provisional (items awaiting review); the
    shares' and cadences' partial indexes carry the columns they are
    partial on, so SQLite reads them alone."""
    from tracker.db import split_statements

    for statement in split_statements(_V5_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO unit_due_counts (due_on, unit_id, status, on_time, n) "
        "SELECT due_on, coalesce(unit_id, 0), status, coalesce(status = 'done' AND closed_on <= due_on, 0), count(*) "
        "FROM items WHERE due_on IS NOT NULL GROUP BY 1, 2, 3, 4"
    )


# An item's assisting units' names, in order (items.id: the item updated).
_V6_NAMES = (
    "(SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a\n"
    "        JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos))"
)
_V6_DDL = f"""
ALTER TABLE units ADD COLUMN pinyin TEXT;
ALTER TABLE items ADD COLUMN assist_names TEXT;
ALTER TABLE items ADD COLUMN note_id INTEGER;

CREATE TRIGGER items_assist_names_insert AFTER INSERT ON item_assist_units
BEGIN
    UPDATE items SET assist_names = {_V6_NAMES} WHERE id = new.item_id;
END;

CREATE TRIGGER items_assist_names_update AFTER UPDATE ON item_assist_units
BEGIN
    UPDATE items SET assist_names = {_V6_NAMES}
        WHERE id = old.item_id OR id = new.item_id;
END;

CREATE TRIGGER items_assist_names_delete AFTER DELETE ON item_assist_units
BEGIN
    UPDATE items SET assist_names = {_V6_NAMES} WHERE id = old.item_id;
END;

CREATE TRIGGER items_assist_names_unit AFTER UPDATE OF name ON units WHEN old.name IS NOT new.name
BEGIN
    UPDATE items SET assist_names = {_V6_NAMES}
        WHERE id IN (SELECT item_id FROM item_assist_units WHERE unit_id = new.id);
END;

CREATE TRIGGER items_note_latest AFTER INSERT ON events WHEN new.type = 'note'
BEGIN
    UPDATE items SET note_id = new.id WHERE id = new.item_id;
END;

UPDATE items SET assist_names = {_V6_NAMES}
    WHERE id IN (SELECT item_id FROM item_assist_units);

UPDATE items SET note_id = (SELECT max(id) FROM events INDEXED BY events_note WHERE type = 'note' AND item_id = items.id)
    WHERE id IN (SELECT item_id FROM events INDEXED BY events_note WHERE type = 'note');
"""


def to_v6(conn: sqlite3.Connection) -> None:
    """Version 6: each item carries its assisting units' names and its
    newest progress note's event id, kept by triggers: the export reads
    them with the item instead of two lookups an item. Each unit carries
    its name's pinyin sort key."""
    from tracker.db import split_statements
    from tracker.text import pinyin_key

    for statement in split_statements(_V6_DDL):
        conn.execute(statement)
    names = [r[0] for r in conn.execute("SELECT name FROM units")]
    conn.executemany("UPDATE units SET pinyin = ? WHERE name = ?", [(pinyin_key(n), n) for n in names])


_V7_DDL = """
ALTER TABLE items ADD COLUMN note_text TEXT;

DROP TRIGGER items_note_latest;
CREATE TRIGGER items_note_latest AFTER INSERT ON events WHEN new.type = 'note'
BEGIN
    UPDATE items SET note_id = new.id,
        note_text = iif(json_type(new.data, '$.text') = 'text', json_extract(new.data, '$.text'), NULL)
        WHERE id = new.item_id;
END;

UPDATE items SET note_text = (SELECT iif(json_type(e.data, '$.text') = 'text', json_extract(e.data, '$.text'), NULL)
    FROM events e WHERE e.id = items.note_id) WHERE note_id IS NOT NULL;
"""


def to_v7(conn: sqlite3.Connection) -> None:
    """Version 7: each item carries its newest progress note's text too (the
    export read it from the note's event, a lookup and a JSON parse an item)."""
    from tracker.db import split_statements

    for statement in split_statements(_V7_DDL):
        conn.execute(statement)


# version -> function(conn) upgrading from version - 1.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    2: to_v2,
    3: to_v3,
    4: to_v4,
    5: to_v5,
    6: to_v6,
    7: to_v7,
}
