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
    # Listed cases closed in a year (`annual`), covering.
    conn.execute("CREATE INDEX items_kind_closed ON items (kind, closed_on, status) WHERE status = 'done'")


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
_RULES_COLUMNS = (
    "ext          TEXT NOT NULL DEFAULT 'none' CHECK (ext = 'none' OR ext = 'period' OR ext = 'court')",
    "ext_n        INTEGER CHECK (ext_n IS NULL OR ext_n > 0)",
    "ext_unit     TEXT CHECK (ext_unit IS NULL OR ext_unit = 'd' OR ext_unit = 'wd' OR ext_unit = 'm')",
    "ext_from     TEXT CHECK (ext_from IS NULL OR ext_from = 'due' OR ext_from = 'trigger')",
    "ext_basis_zh TEXT",
    "ext_basis_en TEXT",
)

_LEGAL_DDL = """
-- Hearings of a case (开庭 trial, 听证 hearing, 调解 mediation): any number
-- per case. attended: who appeared for the bureau (NULL until recorded);
-- head: the bureau's head or deputy head (负责人) when he or she appeared in
-- person (出庭应诉).
CREATE TABLE hearings (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items(id),
    date        TEXT NOT NULL CHECK (date(date, '+0 days') IS date),
    time        TEXT CHECK (time IS NULL OR time(time) IS time || ':00'),
    place       TEXT,
    type        TEXT NOT NULL DEFAULT 'trial' CHECK (type = 'trial' OR type = 'hearing' OR type = 'mediation'),
    attended    TEXT CHECK (attended IS NULL OR length(trim(attended)) > 0),
    head        TEXT CHECK (head IS NULL OR attended IS NOT NULL),
    created_at  TEXT NOT NULL,
    recorded_at TEXT
) STRICT;
CREATE INDEX hearings_date ON hearings (date, item_id);
CREATE INDEX hearings_item ON hearings (item_id, date);

-- The review decision or the court's judgment or ruling on a case (one per
-- case; recording it again replaces it, both recorded as events). lost: the
-- outcome revokes, varies, declares unlawful or orders performance
-- (纠错/败诉).
CREATE TABLE case_outcomes (
    item_id     INTEGER PRIMARY KEY REFERENCES items(id),
    word        TEXT NOT NULL,
    ruling      INTEGER NOT NULL DEFAULT 0 CHECK (ruling = 0 OR ruling = 1),
    decided_on  TEXT NOT NULL CHECK (date(decided_on, '+0 days') IS decided_on),
    lost        INTEGER NOT NULL CHECK (lost = 0 OR lost = 1),
    note        TEXT,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_outcomes_decided ON case_outcomes (decided_on, lost, word);

-- The lawful extension of an item on a statutory rule: the date the law
-- (and the approver named) allows. On-time is measured against it; an
-- item on a statutory rule extended without one (before version 3) is
-- measured against its original deadline.
CREATE TABLE lawful_extensions (
    item_id  INTEGER PRIMARY KEY REFERENCES items(id),
    due_on   TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on),
    approver TEXT NOT NULL CHECK (length(trim(approver)) > 0)
) STRICT;
-- Extended items (few): on-time statistics correct the due-date counts by them.
CREATE INDEX items_extended ON items (due_on, kind) WHERE original_due_on IS NOT NULL;

-- The law of extensions of the statutory rules.
UPDATE rules SET ext = 'none', ext_basis_zh = '《行政复议法》第四十八条：答复期限不得延长',
    ext_basis_en = 'Administrative Review Law art. 48: the reply period cannot be extended'
    WHERE id = 'review-reply';
UPDATE rules SET ext = 'none', ext_basis_zh = '《行政复议法》第五十四条：简易程序答复期限不得延长',
    ext_basis_en = 'Administrative Review Law art. 54: the simplified reply period cannot be extended'
    WHERE id = 'review-reply-simple';
UPDATE rules SET ext = 'court',
    ext_basis_zh = '《行政诉讼法》第三十六条：仅经人民法院准许方可延期提供证据',
    ext_basis_en = 'Administrative Litigation Law art. 36: late evidence only with the court''s permission'
    WHERE id = 'litigation-defence';
UPDATE rules SET ext = 'period', ext_n = 6, ext_unit = 'm', ext_from = 'trigger',
    ext_basis_zh = '《代表法》第五十一条及提案办理规定：办理难度大的，自交办之日起最长不超过六个月',
    ext_basis_en = 'Deputies Law art. 51 and proposal rules: hard ones at most 6 months from assignment'
    WHERE id = 'proposal-reply';
UPDATE rules SET ext = 'none', ext_basis_zh = '《行政处罚法》第六十条：九十日内作出处罚决定',
    ext_basis_en = 'Administrative Penalty Law art. 60: decision within 90 days'
    WHERE id = 'penalty-decision';
UPDATE rules SET ext = 'period', ext_n = 30, ext_unit = 'd', ext_from = 'due',
    ext_basis_zh = '《信访工作条例》第三十四条：情况复杂的，经批准可适当延长，延长期限不得超过三十日',
    ext_basis_en = 'Regulation on Petition Work art. 34: complex cases, with approval, at most 30 days more'
    WHERE id = 'petition-handle';
UPDATE rules SET ext = 'period', ext_n = 20, ext_unit = 'wd', ext_from = 'due',
    ext_basis_zh = '《政府信息公开条例》第三十三条：经政府信息公开工作机构负责人同意，延长不超过二十个工作日',
    ext_basis_en = 'Regulation on Government Information Disclosure art. 33: with the office head''s approval, at most 20 working days more'
    WHERE id = 'foi-reply';
UPDATE rules SET ext = 'none', ext_basis_zh = '《行政诉讼法》第八十五条：上诉期限不得延长',
    ext_basis_en = 'Administrative Litigation Law art. 85: the appeal period cannot be extended'
    WHERE id = 'appeal-judgment' OR id = 'appeal-ruling';
UPDATE rules SET ext = 'period', ext_n = 60, ext_unit = 'd', ext_from = 'due',
    ext_basis_zh = '《生产安全事故报告和调查处理条例》第二十九条：特殊情况下，经批准可延长，最长不超过六十日',
    ext_basis_en = 'Regulations on Production Safety Accidents art. 29: in special cases, with approval, at most 60 days more'
    WHERE id = 'accident-report';

-- The other periods offices keep.
INSERT INTO rules (id, name_zh, name_en, ext, ext_n, ext_unit, ext_from, ext_basis_zh, ext_basis_en) VALUES
    ('review-decision', '行政复议决定', 'administrative review decision', 'period', 30, 'd', 'due',
     '《行政复议法》第六十二条：情况复杂的，经行政复议机构负责人批准，延长最多不超过三十日',
     'Administrative Review Law art. 62: complex cases, with the review office head''s approval, at most 30 days more'),
    ('review-decision-simple', '行政复议决定（简易程序）', 'review decision, simplified procedure', 'none', NULL, NULL, NULL,
     '《行政复议法》第六十二条：简易程序三十日内作出决定', 'Administrative Review Law art. 62: simplified, within 30 days'),
    ('review-correction', '行政复议补正通知', 'review: notice to complete the application', 'none', NULL, NULL, NULL,
     '《行政复议法》第三十一条：收到申请之日起五日内书面通知补正', 'Administrative Review Law art. 31: notice within 5 working days'),
    ('review-correction-applicant', '行政复议申请人补正', 'review: applicant completes the application', 'none', NULL, NULL, NULL,
     '《行政复议法》第三十一条：申请人收到补正通知之日起十日内补正', 'Administrative Review Law art. 31: within 10 working days of the notice'),
    ('penalty-hearing-request', '行政处罚听证申请', 'penalty: request for a hearing', 'none', NULL, NULL, NULL,
     '《行政处罚法》第六十四条：当事人告知后五日内提出', 'Administrative Penalty Law art. 64: within 5 working days of notice'),
    ('foi-correction', '政府信息公开补正告知', 'information disclosure: notice to complete the request', 'none', NULL, NULL, NULL,
     '《政府信息公开条例》第三十条：收到申请之日起七个工作日内一次性告知补正', 'Regulation on Government Information Disclosure art. 30: within 7 working days'),
    ('penalty-publication', '行政处罚决定公示', 'publication of a penalty decision', 'none', NULL, NULL, NULL,
     '国办发〔2018〕118号：作出决定之日起七个工作日内公开', 'State Council Office 2018 No. 118: within 7 working days of the decision'),
    ('procuratorate-reply', '检察建议回复', 'reply to a procuratorate suggestion', 'none', NULL, NULL, NULL,
     '《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条：两个月内书面回复',
     'SPC/SPP interpretation on public-interest litigation art. 21: written reply within 2 months'),
    ('procuratorate-reply-urgent', '检察建议回复（紧急）', 'reply to a procuratorate suggestion, urgent', 'none', NULL, NULL, NULL,
     '《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条：紧急情形十五日内书面回复',
     'SPC/SPP interpretation on public-interest litigation art. 21: urgent, within 15 days');

INSERT INTO rule_periods (rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES
    ('review-decision', NULL,            60, 'd',  1, '《行政复议法》第六十二条', 'Administrative Review Law art. 62'),
    ('review-decision-simple', NULL,     30, 'd',  1, '《行政复议法》第六十二条', 'Administrative Review Law art. 62'),
    ('review-correction', NULL,           5, 'wd', 0, '《行政复议法》第三十一条、第八十八条', 'Administrative Review Law arts. 31, 88'),
    ('review-correction-applicant', NULL, 10, 'wd', 0, '《行政复议法》第三十一条、第八十八条', 'Administrative Review Law arts. 31, 88'),
    ('penalty-hearing-request', NULL,     5, 'wd', 0, '《行政处罚法》第六十四条、第八十五条', 'Administrative Penalty Law arts. 64, 85'),
    ('foi-correction', NULL,              7, 'wd', 0, '《政府信息公开条例》第三十条', 'Regulation on Government Information Disclosure art. 30'),
    ('penalty-publication', NULL,         7, 'wd', 0, '国办发〔2018〕118号', 'State Council Office 2018 No. 118'),
    ('procuratorate-reply', NULL,         2, 'm',  1, '检察公益诉讼司法解释第二十一条', 'SPC/SPP public-interest litigation interpretation art. 21'),
    ('procuratorate-reply-urgent', NULL, 15, 'd',  1, '检察公益诉讼司法解释第二十一条', 'SPC/SPP public-interest litigation interpretation art. 21');
"""


def legal(conn: sqlite3.Connection) -> None:
    """Legal cases: the law of extensions in the rule catalogue (and the
    other periods offices keep), hearings as their own records (the items'
    single hearing date moves there), outcomes, lawful extensions."""
    for column in _RULES_COLUMNS:
        conn.execute(f"ALTER TABLE rules ADD COLUMN {column}")
    for statement in split_statements(_LEGAL_DDL):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO hearings (item_id, date, type, created_at) "
        "SELECT id, hearing_on, CASE WHEN kind = 'review' THEN 'hearing' ELSE 'trial' END, updated_at "
        "FROM items WHERE hearing_on IS NOT NULL ORDER BY hearing_on, id"
    )
    conn.execute("DROP INDEX IF EXISTS items_hearing")
    conn.execute("ALTER TABLE items DROP COLUMN hearing_on")


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


STEPS = [history, items, calendar, shared, legal, units, letters]
