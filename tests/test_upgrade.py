"""A ledger made by the first release opens in today's tracker: upgraded in
place (one transaction), every item and event kept, and its schema then the
same as a new database's, table by table, index by index."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from tests.helpers import Runner
from tracker.db import SCHEMA_VERSION

V1 = Path(__file__).parent / "data" / "schema_v1.sql"


def schema_of(path) -> dict:
    """Every table's columns, keys and checks; every index's and trigger's
    definition (whitespace and quoting aside)."""
    conn = sqlite3.connect(path)
    try:
        out: dict = {}
        norm = lambda sql: re.sub(r"\s+", " ", re.sub(r'"(\w+)"', r"\1", sql or "")).strip()  # noqa: E731
        for type_, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ):
            if type_ == "table":
                cols = conn.execute(f"PRAGMA table_xinfo({name})").fetchall()
                fks = conn.execute(f"PRAGMA foreign_key_list({name})").fetchall()
                checks = sorted(re.findall(r"CHECK \((.*?)\)(?:,|\s*$|\s*\))", norm(sql)))
                strict = norm(sql).endswith(("STRICT", "WITHOUT ROWID"))
                out[name] = ("table", cols, fks, checks, strict)
            else:
                out[name] = (type_, norm(sql))
        return out
    finally:
        conn.close()


def test_a_version_1_ledger_upgrades_to_the_schema_of_a_new_one(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.executescript(
        "INSERT INTO units (id, name) VALUES (1, '茶山镇'), (2, '法规科'), (3, '石排镇');"
        "INSERT INTO campaigns (id, name, start_on, created_at) VALUES (1, '燃气专项', '2026-03-01', '2026-03-01T09:00:00');"
        "INSERT INTO items (id, kind, title, unit_id, due_on, status, closed_on, campaign_id, created_at, updated_at) "
        "VALUES (1, 'campaign-task', '排查一', 1, '2026-04-01', 'done', '2026-03-20', 1, 'x', 'x'),"
        "       (2, 'campaign-task', '排查二', 1, '2026-04-01', 'open', NULL, 1, 'x', 'x');"
        "INSERT INTO events (item_id, at, actor, type, data) VALUES "
        "(1, '2026-03-01T09:00:00', '李四', 'create', '{\"due_on\": \"2026-04-01\", \"rule\": null}'),"
        "(2, '2026-03-01T09:00:00', '李四', 'create', '{\"due_on\": \"2026-04-01\", \"rule\": null}'),"
        "(1, '2026-03-20T17:00:00', '李四', 'done', '{\"on\": \"2026-03-20\", \"due_on\": \"2026-04-01\"}'),"
        "(2, '2026-03-05T09:00:00', '李四', 'note', '{\"text\": \"已排查一半\"}'),"
        "(2, '2026-03-09T09:00:00', '李四', 'note', '{\"text\": \"已排查八成\"}');"
        "INSERT INTO item_assist_units (item_id, unit_id, pos) VALUES (2, 3, 0), (2, 2, 1);"
        "INSERT INTO calendar_overrides (date, workday, note, set_by, set_at) "
        "VALUES ('2027-02-06', 1, '春节调休上班', '李四', '2026-11-20T10:00:00');"
    )
    conn.close()
    run = Runner(old)
    # check opens a file read-only: an old one (a backup) is checked as it stands
    assert "检查通过" in run("check").output
    assert run.sql("PRAGMA user_version") == [(1,)]
    shown = json.loads(run("campaign", "show", "燃气专项", "--format", "json", "--as-of", "2026-04-10").output)
    assert (shown["done"], shown["open"], shown["overdue"]) == (1, 1, 1)
    assert run.sql("PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert run.sql("SELECT count(*) FROM items") == [(2,)]
    types = [r[0] for r in run.sql("SELECT type FROM events ORDER BY id")]
    assert types == ["create", "create", "done", "note", "note"]
    # what the items carry since version 6, filled from their records
    exported = json.loads(run("export", "--format", "json", "--as-of", "2026-04-10").output)
    shown = [(r["id"], r["assist_units"], r["latest_progress"]) for r in exported]
    assert shown == [(2, "石排镇；法规科", "已排查八成")]
    assert run.sql("SELECT id, note_text FROM items WHERE note_id IS NOT NULL") == [(2, "已排查八成")]  # since 7
    # each unit's pinyin key, written by the upgrade (Unicode order would be 法, 石, 茶)
    assert [u["unit"] for u in json.loads(run("unit", "list", "--format", "json").output)] == [
        "茶山镇",
        "法规科",
        "石排镇",
    ]
    assert run.sql("SELECT count(*) FROM units WHERE pinyin IS NULL") == [(0,)]
    # a year the office had entered under version 2 stays announced
    assert json.loads(run("calendar", "show", "2027", "--format", "json").output)["provisional"] is False
    assert run("check").exit_code == 0

    new = tmp_path / "new.db"
    Runner(new)("init")
    assert schema_of(old) == schema_of(new)
