-- The schema of tracker's first release (PRAGMA user_version = 1), for the upgrade tests.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE rules (
    id        TEXT PRIMARY KEY CHECK (id GLOB '[a-z]*' AND length(id) <= 40),
    name_zh   TEXT NOT NULL,
    name_en   TEXT NOT NULL
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
CREATE TABLE kinds (
    id           TEXT PRIMARY KEY,
    label_zh     TEXT NOT NULL UNIQUE,
    label_en     TEXT NOT NULL,
    default_rule TEXT,
    sort         INTEGER NOT NULL
) STRICT;
CREATE TABLE units (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
) STRICT;
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
    hearing_on      TEXT CHECK (hearing_on IS NULL OR date(hearing_on, '+0 days') IS hearing_on),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (status = 'open' OR closed_on IS NOT NULL),
    CHECK (status <> 'open' OR closed_on IS NULL),
    CHECK (status <> 'open' OR due_on IS NOT NULL)
) STRICT;
CREATE INDEX items_due ON items (due_on);
CREATE INDEX items_closed ON items (closed_on);
CREATE INDEX items_unit_due ON items (unit_id, due_on);
CREATE INDEX items_kind_due ON items (kind, due_on);
CREATE INDEX items_owner_due ON items (owner, due_on);
CREATE INDEX items_received ON items (received_on);
CREATE INDEX items_title ON items (title);
CREATE INDEX items_stats ON items (due_on, kind, status, closed_on);
CREATE INDEX items_kind_received ON items (kind, received_on, status);
CREATE INDEX items_hearing ON items (hearing_on) WHERE hearing_on IS NOT NULL;
CREATE INDEX items_campaign ON items (campaign_id, status, due_on, unit_id);
CREATE TABLE item_assist_units (
    item_id INTEGER NOT NULL REFERENCES items(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    pos     INTEGER NOT NULL,
    PRIMARY KEY (item_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX item_assist_units_unit ON item_assist_units (unit_id);
CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    type    TEXT NOT NULL CHECK (type = 'create' OR type = 'edit' OR type = 'note' OR type = 'remind'
                                 OR type = 'extend' OR type = 'done' OR type = 'reopen' OR type = 'cancel'
                                 OR type = 'recompute' OR type = 'import'),
    data    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data))
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
CREATE TABLE calendar_overrides (
    date    TEXT PRIMARY KEY CHECK (date(date, '+0 days') IS date),
    workday INTEGER NOT NULL CHECK (workday IN (0, 1)),
    note    TEXT,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX items_open_due ON items (due_on, unit_id, kind, owner, ref_no, title) WHERE status = 'open';
CREATE INDEX items_open_unit ON items (unit_id, due_on) WHERE status = 'open';
CREATE INDEX items_open_kind ON items (kind, due_on) WHERE status = 'open';
INSERT INTO rules (id, name_zh, name_en) VALUES ('review-reply', '行政复议答复', 'administrative review reply');
INSERT INTO rules (id, name_zh, name_en) VALUES ('litigation-defence', '行政应诉举证答辩', 'litigation defence and evidence');
INSERT INTO rules (id, name_zh, name_en) VALUES ('proposal-reply', '建议提案答复', 'deputy suggestion / proposal reply');
INSERT INTO rules (id, name_zh, name_en) VALUES ('penalty-decision', '行政处罚决定', 'administrative penalty decision');
INSERT INTO rules (id, name_zh, name_en) VALUES ('petition-handle', '信访事项办理', 'petition handling');
INSERT INTO rules (id, name_zh, name_en) VALUES ('foi-reply', '政府信息公开答复', 'information disclosure reply');
INSERT INTO rules (id, name_zh, name_en) VALUES ('review-reply-simple', '行政复议简易程序答复', 'review reply, simplified procedure');
INSERT INTO rules (id, name_zh, name_en) VALUES ('appeal-judgment', '不服判决上诉', 'appeal against a judgment');
INSERT INTO rules (id, name_zh, name_en) VALUES ('appeal-ruling', '不服裁定上诉', 'appeal against a ruling');
INSERT INTO rules (id, name_zh, name_en) VALUES ('accident-report', '事故调查报告', 'accident investigation report');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (1, 'review-reply', NULL, 10, 'd', 1, '《行政复议法》(2017)第二十三条', 'Administrative Review Law (2017) art. 23');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (2, 'review-reply', '2024-01-01', 10, 'wd', 0, '《行政复议法》第四十八条、第八十八条', 'Administrative Review Law (2023) arts. 48, 88');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (3, 'litigation-defence', NULL, 15, 'd', 1, '《行政诉讼法》第六十七条、第一百零一条', 'Administrative Litigation Law arts. 67, 101');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (4, 'proposal-reply', NULL, 3, 'm', 1, '《代表法》第五十一条及提案办理规定', 'Deputies Law art. 51 and proposal rules');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (5, 'penalty-decision', NULL, 90, 'd', 1, '《行政处罚法》第六十条', 'Administrative Penalty Law art. 60');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (6, 'petition-handle', NULL, 60, 'd', 1, '《信访工作条例》第三十四条', 'Regulation on Petition Work art. 34');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (7, 'foi-reply', NULL, 20, 'wd', 0, '《政府信息公开条例》第三十三条', 'Regulation on Government Information Disclosure art. 33');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (8, 'review-reply-simple', NULL, 5, 'wd', 0, '《行政复议法》第五十四条、第八十八条', 'Administrative Review Law (2023) arts. 54, 88');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (9, 'appeal-judgment', NULL, 15, 'd', 1, '《行政诉讼法》第八十五条', 'Administrative Litigation Law art. 85');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (10, 'appeal-ruling', NULL, 10, 'd', 1, '《行政诉讼法》第八十五条', 'Administrative Litigation Law art. 85');
INSERT INTO rule_periods (id, rule_id, effective_from, n, unit, roll, basis_zh, basis_en) VALUES (11, 'accident-report', NULL, 60, 'd', 1, '《生产安全事故报告和调查处理条例》第二十九条', 'Regulations on Reporting and Investigating Production Safety Accidents art. 29');
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('task', '交办任务', 'assigned task', NULL, 1);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('supervision', '督办函', 'supervision letter', NULL, 2);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('reminder', '提醒函', 'reminder letter', NULL, 3);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('suggestion', '建议函', 'suggestion letter', NULL, 4);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('listed', '挂牌督办', 'listed case', NULL, 5);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('campaign-task', '专项整治任务', 'campaign task', NULL, 6);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('review', '行政复议答复', 'administrative review', 'review-reply', 7);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('litigation', '行政应诉', 'litigation', 'litigation-defence', 8);
INSERT INTO kinds (id, label_zh, label_en, default_rule, sort) VALUES ('proposal', '建议提案办理', 'deputy proposal', 'proposal-reply', 9);
PRAGMA user_version = 1;
