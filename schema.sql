-- tracker: the supervision ledger (督办台账).
-- The one definition of the database. Read top to bottom.
-- Applied in one transaction by tracker/db.py; PRAGMA user_version holds the
-- schema version (tracker/db.py: SCHEMA_VERSION). Dates are ISO 'YYYY-MM-DD',
-- (a CHECK of date(x, '+0 days') IS x refuses 2026-02-30), times ISO 'YYYY-MM-DDTHH:MM:SS' in local time.
-- The CHECKs of the item and event tables spell allowed values as x = 'a'
-- OR x = 'b': SQLite builds a small table for every row an `x IN (...)`
-- CHECK tests, which made a 100,000-row import 0.6 s slower.

-- ----------------------------------------------------------------- meta ----
-- Facts about this database file (e.g. demo = 1 for a file built by
-- `tracker demo`, which may be rebuilt; a ledger never is).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- ---------------------------------------------------------------- rules ----
-- The deadline rule catalogue. A rule has one or more periods, each in force
-- for triggers from `effective_from` (inclusive; NULL = since always) until the
-- next period of the same rule. unit: 'd' calendar days, 'wd' working days,
-- 'm' calendar months. roll = 1: a last day that is not a working day moves to
-- the next working day. Generic rules (5d, 10wd, 3m) are parsed, not stored.
CREATE TABLE rules (
    id        TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*' AND length(id) <= 40),
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    -- The law of extensions (set in the legal-cases section below): ext
    -- 'none' the period cannot be extended; 'period' by at most ext_n
    -- ext_unit counted from ext_from ('due': the statutory deadline;
    -- 'trigger': the trigger date), with an approver; 'court' only with the
    -- court's permission. ext_basis_*: the article that says so.
    ext          TEXT NOT NULL DEFAULT 'none' CHECK (ext = 'none' OR ext = 'period' OR ext = 'court'),
    ext_n        INTEGER CHECK (ext_n IS NULL OR ext_n > 0),
    ext_unit     TEXT CHECK (ext_unit IS NULL OR ext_unit = 'd' OR ext_unit = 'wd' OR ext_unit = 'm'),
    ext_from     TEXT CHECK (ext_from IS NULL OR ext_from = 'due' OR ext_from = 'trigger'),
    ext_basis_zh TEXT,
    ext_basis_en TEXT
) STRICT;

CREATE TABLE rule_periods (
    id             INTEGER PRIMARY KEY,
    rule_id        TEXT NOT NULL REFERENCES rules(id),
    effective_from TEXT CHECK (effective_from IS NULL OR date(effective_from, '+0 days') IS effective_from),
    n              INTEGER NOT NULL CHECK (n > 0 AND n <= 3660),
    unit           TEXT NOT NULL CHECK (unit IN ('d', 'wd', 'm')),
    roll           INTEGER NOT NULL DEFAULT 1 CHECK (roll IN (0, 1)),
    basis_zh       TEXT NOT NULL,
    basis_en       TEXT NOT NULL,
    UNIQUE (rule_id, effective_from)
) STRICT;

INSERT INTO rules (id, name_zh, name_en) VALUES
    ('review-reply',       '行政复议答复',   'administrative review reply'),
    ('litigation-defence', '行政应诉举证答辩', 'litigation defence and evidence'),
    ('proposal-reply',     '建议提案答复',   'deputy suggestion / proposal reply'),
    ('penalty-decision',   '行政处罚决定',   'administrative penalty decision'),
    ('petition-handle',    '信访事项办理',   'petition handling'),
    ('foi-reply',          '政府信息公开答复', 'information disclosure reply'),
    ('review-reply-simple', '行政复议简易程序答复', 'review reply, simplified procedure'),
    ('appeal-judgment',    '不服判决上诉',   'appeal against a judgment'),
    ('appeal-ruling',      '不服裁定上诉',   'appeal against a ruling'),
    ('accident-report',    '事故调查报告',   'accident investigation report');

INSERT INTO rule_periods (rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES
    ('review-reply', NULL,         10, 'd',  1, '《行政复议法》(2017)第二十三条', 'Administrative Review Law (2017) art. 23'),
    ('review-reply', '2024-01-01', 10, 'wd', 0, '《行政复议法》第四十八条、第八十八条', 'Administrative Review Law (2023) arts. 48, 88'),
    ('litigation-defence', NULL,   15, 'd',  1, '《行政诉讼法》第六十七条、第一百零一条', 'Administrative Litigation Law arts. 67, 101'),
    ('proposal-reply', NULL,        3, 'm',  1, '《代表法》第五十一条及提案办理规定', 'Deputies Law art. 51 and proposal rules'),
    ('penalty-decision', NULL,     90, 'd',  1, '《行政处罚法》第六十条', 'Administrative Penalty Law art. 60'),
    ('petition-handle', NULL,      60, 'd',  1, '《信访工作条例》第三十四条', 'Regulation on Petition Work art. 34'),
    ('foi-reply', NULL,            20, 'wd', 0, '《政府信息公开条例》第三十三条', 'Regulation on Government Information Disclosure art. 33'),
    ('review-reply-simple', NULL,   5, 'wd', 0, '《行政复议法》第五十四条、第八十八条', 'Administrative Review Law (2023) arts. 54, 88'),
    ('appeal-judgment', NULL,      15, 'd',  1, '《行政诉讼法》第八十五条', 'Administrative Litigation Law art. 85'),
    ('appeal-ruling', NULL,        10, 'd',  1, '《行政诉讼法》第八十五条', 'Administrative Litigation Law art. 85'),
    ('accident-report', NULL,      60, 'd',  1, '《生产安全事故报告和调查处理条例》第二十九条', 'Regulations on Reporting and Investigating Production Safety Accidents art. 29');

-- ---------------------------------------------------------------- kinds ----
-- What the office tracks. default_rule: how due_on is computed from
-- received_on when no due date is given (NULL: the due date must be given).
CREATE TABLE kinds (
    id           TEXT PRIMARY KEY,
    label_zh     TEXT NOT NULL UNIQUE,
    label_en     TEXT NOT NULL,
    default_rule TEXT,
    sort         INTEGER NOT NULL
) STRICT;

INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES
    ('task',          '交办任务',     'assigned task',        NULL,                 1),
    ('supervision',   '督办函',       'supervision letter',   NULL,                 2),
    ('reminder',      '提醒函',       'reminder letter',      NULL,                 3),
    ('suggestion',    '建议函',       'suggestion letter',    NULL,                 4),
    ('listed',        '挂牌督办',     'listed case',          NULL,                 5),
    ('campaign-task', '专项整治任务', 'campaign task',        NULL,                 6),
    ('review',        '行政复议答复', 'administrative review', 'review-reply',      7),
    ('litigation',    '行政应诉',     'litigation',           'litigation-defence', 8),
    ('proposal',      '建议提案办理', 'deputy proposal',      'proposal-reply',     9);

-- ---------------------------------------------------------------- units ----
-- Bureau sections, towns, streets and parks. Created on first use.
CREATE TABLE units (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    -- the name's pinyin sort key (tracker.text.pinyin_key), written with the
    -- name: lists of units sort by it without loading the pinyin dictionaries
    pinyin TEXT
) STRICT;

-- ------------------------------------------------------------ campaigns ----
-- Special rectification campaigns (专项整治); their tasks are items.
CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    start_on   TEXT CHECK (start_on IS NULL OR date(start_on, '+0 days') IS start_on),
    end_on     TEXT CHECK (end_on IS NULL OR date(end_on, '+0 days') IS end_on),
    unit_id    INTEGER REFERENCES units(id),
    cadence    TEXT,
    created_at TEXT NOT NULL,
    CHECK (start_on IS NULL OR end_on IS NULL OR start_on <= end_on)
) STRICT;

-- ---------------------------------------------------------------- items ----
-- One matter on the ledger. Overdue is never stored: an item is overdue on
-- day D when status = 'open' AND due_on < D.
-- rule: the rule that produced due_on (NULL when the due date was given).
-- original_due_on: the deadline before the first extension (延期).
-- due_provisional: due_on was computed over a year whose holiday schedule
-- was not yet announced (暂定).
-- closed_on: the day it was closed; NULL for a closed item means the date
-- is not known (an office's ledger imported as it was kept).
-- version: bumped by every write, for optimistic concurrency.
CREATE TABLE items (
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
    party           TEXT,   -- review/litigation: applicant or plaintiff (申请人/原告)
    organ           TEXT,   -- review organ or court (复议机关/法院)
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- Derived, kept by the triggers items_assist_names_* and items_note_latest
    -- (`tracker check` verifies them): the assisting units' names in their
    -- order, joined by '；' (NULL: none), the id of the newest progress
    -- note's event, and that note's text (NULL when its text is no JSON
    -- string: a ledger edited outside tracker; the export then reads the
    -- event). The export reads them instead of two lookups an item.
    assist_names    TEXT,
    note_id         INTEGER,
    note_text       TEXT,
    CHECK (status <> 'open' OR closed_on IS NULL),
    CHECK (status <> 'open' OR due_on IS NOT NULL)
) STRICT;

-- Indexes for the hot paths (each plan is pinned by tests/test_plans.py).
-- Open items (a few percent of the ledger) get partial indexes: the report,
-- the UI's open/overdue/due-soon views and their counts never scan. Each
-- ends with `status`: SQLite reads a partial index alone (covering) only
-- when it holds every column the query names, the tested status included.
-- Carries what a search reads (title, ref_no, owner, unit), so searching
-- the open items never looks up a row, and what the report shows of an
-- item awaiting review (due_provisional).
CREATE INDEX items_open_due ON items (due_on, unit_id, kind, owner, ref_no, title, status, due_provisional)
    WHERE status = 'open';
-- By unit, most urgent first, carrying what the report shows: the report
-- reads each unit's first items from here without touching the table.
CREATE INDEX items_open_unit ON items (unit_id, due_on, id, kind, owner, ref_no, title, due_provisional, status)
    WHERE status = 'open';
CREATE INDEX items_open_kind ON items (kind, due_on, status) WHERE status = 'open';
-- All items: one index per sortable column of the UI (ties broken by due
-- date, then id; an index on one column ends with the id, so it gives
-- "col, id" order as it stands).
CREATE INDEX items_due ON items (due_on);
CREATE INDEX items_closed ON items (closed_on);
CREATE INDEX items_unit_due ON items (unit_id, due_on);
CREATE INDEX items_kind_due ON items (kind, due_on);
CREATE INDEX items_owner_due ON items (owner, due_on);
CREATE INDEX items_received ON items (received_on);
CREATE INDEX items_title ON items (title);
-- On-time statistics over a period of due dates, and letters sent over a
-- period of received dates (both covering).
CREATE INDEX items_stats ON items (due_on, kind, status, closed_on);
CREATE INDEX items_kind_received ON items (kind, received_on, status);
-- Listed cases closed in a year (`annual`), covering.
CREATE INDEX items_kind_closed ON items (kind, closed_on, status) WHERE status = 'done';
-- Campaign progress: tasks per campaign by status, covering.
CREATE INDEX items_campaign ON items (campaign_id, status, due_on, unit_id);

-- Tasks per campaign and status, kept by the triggers below on every write
-- to items (all of them, however made): campaign progress reads a few rows
-- instead of counting a campaign's tasks (30,000 in a year-long campaign at
-- a million items) each time. `tracker check` recounts it.
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

-- The year's case figures read a case's dates from these alone (a year of
-- cases is some 30,000 rows at a million items), and a hearing's case
-- from the second.
CREATE INDEX items_cases ON items (kind, received_on, status, closed_on, due_on, original_due_on, rule)
    WHERE kind = 'review' OR kind = 'litigation';
CREATE INDEX items_case_ids ON items (id, kind, status) WHERE kind = 'review' OR kind = 'litigation';

-- Assisting units (配合单位) of an item.
CREATE TABLE item_assist_units (
    item_id INTEGER NOT NULL REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    pos     INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_assist_units_unit ON item_assist_units (unit_id);

-- items.assist_names follows the assisting units and their names.
CREATE TRIGGER items_assist_names_insert AFTER INSERT ON item_assist_units
BEGIN
    UPDATE items SET assist_names = (SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a
        JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos)) WHERE id = new.item_id;
END;

CREATE TRIGGER items_assist_names_update AFTER UPDATE ON item_assist_units
BEGIN
    UPDATE items SET assist_names = (SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a
        JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos))
        WHERE id = old.item_id OR id = new.item_id;
END;

CREATE TRIGGER items_assist_names_delete AFTER DELETE ON item_assist_units
BEGIN
    UPDATE items SET assist_names = (SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a
        JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos)) WHERE id = old.item_id;
END;

CREATE TRIGGER items_assist_names_unit AFTER UPDATE OF name ON units WHEN old.name IS NOT new.name
BEGIN
    UPDATE items SET assist_names = (SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a
        JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos))
        WHERE id IN (SELECT item_id FROM item_assist_units WHERE unit_id = new.id);
END;

-- --------------------------------------------------------------- events ----
-- The history of every item: append-only, enforced by the triggers below.
-- data: JSON with the event's particulars (text, reason, from/to dates ...).
CREATE TABLE events (
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
    -- sha256 (hex) of the previous event's hash and this event's fields
    -- (tracker.history.event_hash): rewriting or removing an event breaks
    -- the chain, and `tracker check` says where.
    hash    TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX events_item ON events (item_id, id);
-- The latest progress note of each item (the export's 最新进展).
CREATE INDEX events_note ON events (item_id, id) WHERE type = 'note';

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: UPDATE refused');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: DELETE refused');
END;

-- INSERT OR REPLACE deletes the old row without firing DELETE triggers:
-- refuse any insert that names an existing event's id.
CREATE TRIGGER events_no_replace BEFORE INSERT ON events
    WHEN EXISTS (SELECT 1 FROM events WHERE id = new.id)
BEGIN
    SELECT RAISE(ABORT, 'events are append-only: an existing event cannot be replaced');
END;

-- items.note_id and note_text: the newest note (events only grow, so the
-- one appended; its data is valid JSON, events' CHECK).
CREATE TRIGGER items_note_latest AFTER INSERT ON events WHEN new.type = 'note'
BEGIN
    UPDATE items SET note_id = new.id,
        note_text = iif(json_type(new.data, '$.text') = 'text', json_extract(new.data, '$.text'), NULL)
        WHERE id = new.item_id;
END;

-- ------------------------------------------------------------- calendar ----
-- The office's own calendar entries: a day made a working day (调休上班) or a
-- rest day (放假), overriding the holiday package. An entry alone does not
-- announce its year (see calendar_years).
CREATE TABLE calendar_overrides (
    date    TEXT PRIMARY KEY CHECK (date(date, '+0 days') IS date),
    workday INTEGER NOT NULL CHECK (workday IN (0, 1)),
    note    TEXT,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Years whose whole holiday schedule the office has entered (`calendar
-- import`, or `calendar set` day by day and then `calendar announce`): no
-- longer provisional, like the years the holiday package knows.
CREATE TABLE calendar_years (
    year         INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2099),
    announced_by TEXT NOT NULL,
    announced_at TEXT NOT NULL
) STRICT;

-- ------------------------------------------------------------- settings ----
-- The office's settings (`tracker config set`): its name and abbreviation,
-- the numbering format of each kind of letter ...
CREATE TABLE settings (
    key    TEXT PRIMARY KEY CHECK (length(key) > 0),
    value  TEXT NOT NULL,
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- ---------------------------------------------------------------- links ----
-- One item follows from another: the decision whether to appeal (or the
-- carrying out of a review decision) from its case, a letter from the item
-- it is about. Shown on both.
CREATE TABLE item_links (
    item_id  INTEGER NOT NULL REFERENCES items(id),  -- the item that follows
    from_id  INTEGER NOT NULL REFERENCES items(id),  -- the item it follows from
    relation TEXT NOT NULL CHECK (relation = 'appeal' OR relation = 'carry-out' OR relation = 'letter'),
    PRIMARY KEY (item_id, from_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_links_from ON item_links (from_id, item_id);

-- ---------------------------------------------------------- legal cases ----
-- (hearings, outcomes, the law of extensions: tracker/legal.py)
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
CREATE INDEX hearings_date ON hearings (date, item_id, attended, head);
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
CREATE INDEX items_extended ON items (due_on, kind, status, rule, closed_on, original_due_on) WHERE original_due_on IS NOT NULL;

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

-- ---------------------------------------------------- units and reports ----
-- (shares, feedback, figures: tracker/units.py)
-- Each responsible unit's share of an item: the lead unit (牵头/责任单位)
-- and every assisting unit (配合单位) hold one, with its own state:
-- 'open' (working), 'reported' (the unit reported its part done),
-- 'returned' (the office sent the lead unit's done back: working again).
-- Kept in step with items.unit_id and item_assist_units by the triggers
-- below, however the item is written (add, edit, import, demo).
-- item_open: a copy of items.status = 'open' (kept by trigger), so a
-- unit's open items come from a small partial index, never a scan of its
-- whole history. returns: times the office sent this share back (退回重办).
-- campaign_id: a copy of the item's campaign (kept by trigger), so the
-- units that owe a campaign's reports come from a small partial index.
-- A reopened item's shares are open again (the units owe the work anew).
CREATE TABLE shares (
    item_id     INTEGER NOT NULL REFERENCES items(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    role        TEXT NOT NULL CHECK (role = 'lead' OR role = 'assist'),
    state       TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'reported' OR state = 'returned'),
    item_open   INTEGER NOT NULL DEFAULT 1 CHECK (item_open = 0 OR item_open = 1),
    reported_on TEXT CHECK (reported_on IS NULL OR date(reported_on, '+0 days') IS reported_on),
    returns     INTEGER NOT NULL DEFAULT 0 CHECK (returns >= 0),
    campaign_id INTEGER,
    PRIMARY KEY (item_id, unit_id)
) STRICT, WITHOUT ROWID;
-- A partial index holds the columns of its own WHERE too: SQLite 3.40
-- reads an index alone (covering) only when it holds every column the
-- query names, the tested ones included, else it reads each share's row.
-- A unit's items, any status (list --unit --status all, merge).
CREATE INDEX shares_unit ON shares (unit_id, item_id, role);
-- A unit's open items: list --unit, the forms, who owes a report.
CREATE INDEX shares_open ON shares (unit_id, item_id, role, state, item_open) WHERE item_open = 1;
-- Awaiting review (待销号): open items whose lead unit reported done.
CREATE INDEX shares_awaiting ON shares (item_id, unit_id, item_open, role, state)
    WHERE item_open = 1 AND role = 'lead' AND state = 'reported';
-- Who owes a campaign's reports: units with an open share of an open task.
CREATE INDEX shares_campaign ON shares (campaign_id, unit_id, item_open, state)
    WHERE campaign_id IS NOT NULL AND item_open = 1 AND state <> 'reported';

CREATE TRIGGER shares_item_insert AFTER INSERT ON items WHEN new.unit_id IS NOT NULL
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        VALUES (new.id, new.unit_id, 'lead', CASE WHEN new.status = 'done' THEN 'reported' ELSE 'open' END,
                new.status = 'open', new.campaign_id)
        ON CONFLICT DO UPDATE SET role = 'lead';
END;

CREATE TRIGGER shares_item_unit AFTER UPDATE OF unit_id ON items WHEN old.unit_id IS NOT new.unit_id
BEGIN
    DELETE FROM shares WHERE item_id = old.id AND unit_id = old.unit_id AND role = 'lead'
        AND NOT EXISTS (SELECT 1 FROM item_assist_units a WHERE a.item_id = old.id AND a.unit_id = old.unit_id);
    UPDATE shares SET role = 'assist' WHERE item_id = old.id AND unit_id = old.unit_id;
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        SELECT new.id, new.unit_id, 'lead', 'open', new.status = 'open', new.campaign_id WHERE new.unit_id IS NOT NULL
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

CREATE TRIGGER shares_item_campaign AFTER UPDATE OF campaign_id ON items
    WHEN old.campaign_id IS NOT new.campaign_id
BEGIN
    UPDATE shares SET campaign_id = new.campaign_id WHERE item_id = new.id;
END;

CREATE TRIGGER shares_item_delete AFTER DELETE ON items
BEGIN
    DELETE FROM shares WHERE item_id = old.id;
    DELETE FROM item_cadences WHERE item_id = old.id;
END;

CREATE TRIGGER shares_assist_insert AFTER INSERT ON item_assist_units
BEGIN
    INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id)
        SELECT new.item_id, new.unit_id, 'assist', CASE WHEN i.status = 'done' THEN 'reported' ELSE 'open' END,
               i.status = 'open', i.campaign_id
        FROM items i WHERE i.id = new.item_id
        ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER shares_assist_delete AFTER DELETE ON item_assist_units
BEGIN
    DELETE FROM shares WHERE item_id = old.item_id AND unit_id = old.unit_id AND role = 'assist';
END;

-- Reports (反馈) from a unit on an item: text, the day it speaks for, its
-- part done or not, the campaign figures it carries (feedback_figures).
-- campaign_id: the item's campaign when reported (a campaign's reports by
-- period without a join). source: the form file it came from, if any.
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

-- A campaign's named figures (检查企业数, 发现隐患数 ...) and their targets.
CREATE TABLE campaign_figures (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    target      INTEGER CHECK (target IS NULL OR target >= 0),
    pos         INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, name)
) STRICT, WITHOUT ROWID;

-- The figures a report carries: the count for that period.
CREATE TABLE feedback_figures (
    feedback_id INTEGER NOT NULL REFERENCES feedback(id),
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    name        TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value >= 0),
    PRIMARY KEY (feedback_id, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX feedback_figures_campaign ON feedback_figures (campaign_id, name, unit_id, value);

-- A single item's reporting cadence (a campaign's is campaigns.cadence:
-- 'daily', 'weekly' or 'monthly'). Periods count from start_on.
-- item_open: a copy of items.status = 'open' (kept by trigger).
CREATE TABLE item_cadences (
    item_id   INTEGER PRIMARY KEY REFERENCES items(id),
    cadence   TEXT NOT NULL CHECK (cadence = 'daily' OR cadence = 'weekly' OR cadence = 'monthly'),
    start_on  TEXT NOT NULL CHECK (date(start_on, '+0 days') IS start_on),
    item_open INTEGER NOT NULL DEFAULT 1 CHECK (item_open = 0 OR item_open = 1)
) STRICT;
CREATE INDEX item_cadences_open ON item_cadences (item_id, cadence, start_on, item_open) WHERE item_open = 1;

-- The bulletin (督查通报) over a period of due dates: per lead unit, read
-- from the index alone (a month of a million-item ledger is 25,000 items);
-- returns and reminders from the few shares and events that have them.
CREATE INDEX items_bulletin ON items (due_on, unit_id, status, closed_on);
CREATE INDEX shares_returned ON shares (item_id, unit_id, returns) WHERE returns > 0;
CREATE INDEX events_remind ON events (item_id) WHERE type = 'remind';

-- A unit's contact person and phone (unit set).
CREATE TABLE unit_contacts (
    unit_id INTEGER PRIMARY KEY REFERENCES units(id),
    contact TEXT,
    phone   TEXT
) STRICT;

-- -------------------------------------------------------------- letters ----
-- (letter numbers: tracker/letters.py)
-- Every 文号 `tracker letter` has issued, per kind and year: the next number
-- is one more than the highest here or in any item's ref_no of that kind's
-- format, so a number is never issued twice, even when the letter's ref_no
-- is later edited or the item cancelled.
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
