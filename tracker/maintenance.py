"""Keeping the ledger safe: online backup, restore, and the check.

The ledger is a legal record. `backup` copies it with SQLite's online backup
API (a consistent snapshot even while clerks write); `restore` brings a
checked backup back the same way, into the live file (safe with other
clerks' processes and a leftover WAL), keeping a copy of what it replaces;
`check` runs SQLite's integrity and foreign-key checks, the ledger's own
rules, the history's hash chain, and replays each item's history against
its fields. `check` opens the file read-only: a backup stays as it was.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import UserError
from tracker.ledger import ASSIST_NAMES, DUE_COUNTS

# Rules over tables or columns a schema version brought: an older file (a
# backup made by an earlier tracker, opened read-only) is checked without
# them; `tracker` builds them afresh when it upgrades the file.
RULES_SINCE = {
    "campaign_counts_wrong": 2,
    "units_shares_wrong": 3,
    "due_counts_wrong": 4,
    "unit_due_counts_wrong": 5,
    "shares_campaign_wrong": 5,
    "derived_columns_wrong": 6,
    "note_text_wrong": 7,
}


@dataclass
class CheckResult:
    """What `check` found: problems (key, count, examples) and counts seen."""

    problems: list[tuple[str, int, list]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _recount(table: str, columns: str, key: str) -> str:
    """The due days whose counts in `table` are not the items' (ledger.DUE_COUNTS)."""
    return (
        f"WITH k({columns}) AS (SELECT {key} FROM items WHERE due_on IS NOT NULL), "
        f"a AS (SELECT {columns}, count(*) AS n FROM k GROUP BY 1, 2, 3, 4) "
        f"SELECT a.due_on FROM a LEFT JOIN {table} b USING ({columns}) WHERE a.n IS NOT b.n "
        f"UNION SELECT b.due_on FROM {table} b LEFT JOIN a USING ({columns}) WHERE b.n > 0 AND a.n IS NULL"
    )


# The ledger's own rules: name -> SQL selecting the offending ids.
RULES: dict[str, str] = {
    "open_without_due": "SELECT id FROM items WHERE status = 'open' AND due_on IS NULL",
    "open_with_closed_date": "SELECT id FROM items WHERE status = 'open' AND closed_on IS NOT NULL",
    "event_without_item": "SELECT e.id FROM events e LEFT JOIN items i ON i.id = e.item_id WHERE i.id IS NULL",
    "item_without_history": "SELECT i.id FROM items i WHERE NOT EXISTS "
    "(SELECT 1 FROM events e WHERE e.item_id = i.id AND e.type = 'create')",
    "due_before_received": "SELECT id FROM items WHERE received_on IS NOT NULL AND due_on < received_on "
    "AND original_due_on IS NULL",
    "extension_shortened": "SELECT id FROM items WHERE original_due_on IS NOT NULL AND due_on < original_due_on",
    "bad_event_json": "SELECT id FROM events WHERE NOT json_valid(data)",
    "bad_date": "SELECT id FROM items WHERE "
    + " OR ".join(
        f"({c} IS NOT NULL AND date({c}, '+0 days') IS NOT {c})"
        for c in ("received_on", "due_on", "original_due_on", "closed_on")
    ),
    "bad_status": "SELECT id FROM items WHERE status NOT IN ('open', 'done', 'cancelled')",
    "unknown_kind": "SELECT i.id FROM items i LEFT JOIN kinds k ON k.id = i.kind WHERE k.id IS NULL",
    "campaign_counts_wrong": "WITH a AS (SELECT campaign_id, status, count(*) AS n FROM items "
    "WHERE campaign_id IS NOT NULL GROUP BY campaign_id, status) "
    "SELECT a.campaign_id FROM a LEFT JOIN campaign_counts b USING (campaign_id, status) "
    "WHERE a.n IS NOT b.n UNION SELECT b.campaign_id FROM campaign_counts b "
    "LEFT JOIN a USING (campaign_id, status) WHERE b.n > 0 AND a.n IS NULL",
    **{f"{table}_wrong": _recount(table, columns, key) for table, (columns, key) in DUE_COUNTS.items()},
    # tracker.units: each item's lead unit holds its lead share, and every
    # share knows whether its item is open, and its item's campaign.
    "units_shares_wrong": "SELECT i.id FROM items i WHERE i.unit_id IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM shares s WHERE s.item_id = i.id AND s.unit_id = i.unit_id AND s.role = 'lead') "
    "UNION SELECT s.item_id FROM shares s JOIN items i ON i.id = s.item_id WHERE s.item_open IS NOT (i.status = 'open')",
    "shares_campaign_wrong": "SELECT DISTINCT s.item_id FROM shares s JOIN items i ON i.id = s.item_id "
    "WHERE s.campaign_id IS NOT i.campaign_id",
    # items.assist_names and items.note_id, kept by triggers for the export
    "derived_columns_wrong": f"SELECT id FROM items WHERE assist_names IS NOT {ASSIST_NAMES} UNION "
    "SELECT id FROM items WHERE note_id IS NOT (SELECT max(e.id) FROM events e INDEXED BY events_note "
    "WHERE e.type = 'note' AND e.item_id = items.id)",
    "note_text_wrong": "SELECT i.id FROM items i LEFT JOIN events e ON e.id = i.note_id WHERE i.note_text IS NOT "
    "iif(json_type(e.data, '$.text') = 'text', json_extract(e.data, '$.text'), NULL)",
    "append_only_missing": "SELECT 'events_no_update' WHERE NOT EXISTS (SELECT 1 FROM sqlite_master "
    "WHERE type = 'trigger' AND name = 'events_no_update') UNION ALL "
    "SELECT 'events_no_delete' WHERE NOT EXISTS (SELECT 1 FROM sqlite_master "
    "WHERE type = 'trigger' AND name = 'events_no_delete')",
}


def check(conn: sqlite3.Connection, quick: bool = False) -> CheckResult:
    """Integrity, foreign keys, and the ledger's rules; nothing is changed.
    A damaged file can make a step fail outright: that is a problem found,
    reported with SQLite's words, and the other steps still run."""
    result = CheckResult()

    def step(name: str, sql: str) -> list | None:
        try:
            return conn.execute(sql).fetchall()
        except sqlite3.DatabaseError as e:
            result.problems.append((name, 1, [str(e)]))
            return None

    messages = step("integrity", f"PRAGMA {'quick_check' if quick else 'integrity_check'}")
    if messages is not None and [r[0] for r in messages] != ["ok"]:
        result.problems.append(("integrity", len(messages), [r[0] for r in messages[:5]]))
    fk = step("foreign_keys", "PRAGMA foreign_key_check")
    if fk:
        result.problems.append(("foreign_keys", len(fk), [f"{r[0]} rowid {r[1]} → {r[2]}" for r in fk[:5]]))
    version = (step("integrity", "PRAGMA user_version") or [(0,)])[0][0]
    for name, sql in RULES.items():
        if version < RULES_SINCE.get(name, 0):
            continue
        rows = step(name, sql)
        if rows:
            result.problems.append((name, len(rows), [r[0] for r in rows[:5]]))
    try:
        from tracker.history import broken_links

        bad, first = broken_links(conn) if version >= 3 else (0, [])  # the chain came with version 3
        if bad:
            result.problems.append(("history_rewritten", bad, first))
        mismatched = items_against_history(conn)
        if mismatched:
            result.problems.append(("item_disagrees_with_history", len(mismatched), mismatched[:5]))
    except sqlite3.DatabaseError as e:
        result.problems.append(("integrity", 1, [str(e)]))
    for table in ("items", "events", "units", "campaigns", "calendar_overrides"):
        n = step("integrity", f"SELECT count(*) FROM {table}")
        if n is not None:
            result.counts[table] = n[0][0]
    return result


# What an event sets on its item, for the replay: event type -> function of
# the event's data giving {field: value}. Field changes of any other type
# are read from its "changes" ({field: [old, new]}), as edit and import
# write them.
_SETS = {
    "create": lambda d: {"status": "open", "closed_on": None, **({"due_on": d["due_on"]} if "due_on" in d else {})},
    "extend": lambda d: {"due_on": d.get("to")},
    "recompute": lambda d: {"due_on": d.get("to")},
    "done": lambda d: {"status": "done", "closed_on": d.get("on")},
    "reopen": lambda d: {"status": "open", "closed_on": None},
    "cancel": lambda d: {"status": "cancelled", "closed_on": d.get("on")},
    "return": lambda d: {"due_on": d["to"]} if d.get("to") else {},  # 退回重办 with a new due date
}
REPLAYED = ("due_on", "status", "closed_on")


def items_against_history(conn: sqlite3.Connection) -> list[int]:
    """Items whose deadline, status or closed date is not what their history
    says (changed in the file without an event): their ids."""
    import json

    expected: dict[int, dict] = {}
    for item_id, type_, data in conn.execute("SELECT item_id, type, data FROM events ORDER BY item_id, id"):
        try:
            d = json.loads(data)
        except ValueError:
            continue
        if not isinstance(d, dict):  # no event tracker writes (the hash chain names it)
            continue
        state = expected.setdefault(item_id, {})
        sets = _SETS.get(type_)
        if sets is not None:
            state.update(sets(d))
        changes = d.get("changes")
        for k, change in (changes if isinstance(changes, dict) else {}).items():
            if k in REPLAYED and isinstance(change, list) and len(change) == 2:
                state[k] = change[1]
    bad = []
    for item_id, due_on, status, closed_on in conn.execute("SELECT id, due_on, status, closed_on FROM items"):
        found = expected.get(item_id)
        if found is None:
            continue  # item_without_history says so
        state = found
        actual = {"due_on": due_on, "status": status, "closed_on": closed_on}
        if any(k in state and state[k] != actual[k] for k in REPLAYED):
            bad.append(item_id)
    return bad


def open_readonly(path: Path) -> sqlite3.Connection:
    """A database opened for reading only: nothing in it or beside it is
    changed (no journal mode switch, no upgrade). A file in a folder this
    clerk may not write to is opened immutable."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    from urllib.parse import quote

    writable = os.access(path.parent, os.W_OK)
    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("" if writable else "&immutable=1")
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


def backup(conn: sqlite3.Connection, target: Path, force: bool = False) -> CheckResult:
    """A consistent copy of the open database at `target` (SQLite's online
    backup: others may go on writing), checked once written. The copy goes
    to a temporary file renamed into place (tracker.files), readable by
    owner and group; a killed backup's temporary file is removed by the
    next backup into that folder."""
    from tracker.files import writing

    target = Path(target).expanduser()
    if target.is_dir() or ((target.exists() or target.is_symlink()) and not force):
        raise UserError("file_exists", path=str(target))
    if not target.parent.is_dir():
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UserError("output_failed", path=str(target), problem=e.strerror or str(e)) from None
    try:
        with writing(target, "backup", mode=0o660) as tmp:
            dest = sqlite3.connect(tmp)
            try:
                conn.backup(dest, pages=-1)  # one step: a single consistent snapshot
                dest.execute("PRAGMA journal_mode = DELETE")  # a self-contained file
                result = check(dest)
            finally:
                dest.close()
    except sqlite3.DatabaseError as e:  # a full disk ...
        raise UserError("output_failed", path=str(target), problem=str(e)) from None
    return result


def has_clerk_data(conn: sqlite3.Connection) -> bool:
    """Whether the database holds anything a clerk entered: items,
    campaigns, units, calendar entries or settings."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in ("items", "campaigns", "units", "calendar_overrides", "calendar_years", "settings"):
        if table in tables and conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return True
    return False


def restore(conn: sqlite3.Connection, source: Path, keep_copy: Path | None) -> CheckResult:
    """Replace the ledger open on `conn` with the backup at `source`, through
    SQLite's backup API into the live file (other clerks' connections see
    the restored ledger; a leftover WAL is reset, not replayed over it).
    The backup is checked first (read-only) and refused if damaged or not a
    tracker ledger; `keep_copy`: where a copy of the ledger as it was is
    kept first. Returns the backup's check."""
    from tracker.db import SCHEMA_VERSION

    src = open_readonly(source)
    try:
        try:
            version = src.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError:
            raise UserError("restore_not_ledger", path=str(source)) from None
        if not {"items", "events"} <= tables or version < 1:
            raise UserError("restore_not_ledger", path=str(source))
        if version > SCHEMA_VERSION:
            raise UserError("db_newer", path=str(source), found=version, supported=SCHEMA_VERSION)
        result = check(src)
        if not result.ok:
            return result
        if keep_copy is not None:
            kept = backup(conn, keep_copy)
            if not kept.ok:  # the current ledger is damaged: keep the copy all the same
                pass
        src.backup(conn, pages=-1)  # one step, under the destination's write lock
    finally:
        src.close()
    conn.execute("PRAGMA journal_mode = WAL")
    return result
