"""Keeping the ledger safe: online backup and the integrity check.

The ledger is a legal record. `backup` copies it with SQLite's online backup
API (a consistent snapshot even while clerks write); `check` runs SQLite's
integrity and foreign-key checks and the ledger's own rules.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import UserError


@dataclass
class CheckResult:
    """What `check` found: problems (key, count, examples) and counts seen."""

    problems: list[tuple[str, int, list]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


# The ledger's own rules: name -> SQL selecting the offending ids.
RULES: dict[str, str] = {
    "open_without_due": "SELECT id FROM items WHERE status = 'open' AND due_on IS NULL",
    "closed_without_date": "SELECT id FROM items WHERE status <> 'open' AND closed_on IS NULL",
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
        for c in ("received_on", "due_on", "original_due_on", "closed_on", "hearing_on")
    ),
    "bad_status": "SELECT id FROM items WHERE status NOT IN ('open', 'done', 'cancelled')",
    "unknown_kind": "SELECT i.id FROM items i LEFT JOIN kinds k ON k.id = i.kind WHERE k.id IS NULL",
    "campaign_counts_wrong": "WITH a AS (SELECT campaign_id, status, count(*) AS n FROM items "
    "WHERE campaign_id IS NOT NULL GROUP BY campaign_id, status) "
    "SELECT a.campaign_id FROM a LEFT JOIN campaign_counts b USING (campaign_id, status) "
    "WHERE a.n IS NOT b.n UNION SELECT b.campaign_id FROM campaign_counts b "
    "LEFT JOIN a USING (campaign_id, status) WHERE b.n > 0 AND a.n IS NULL",
    # tracker.units: each item's lead unit holds its lead share, and every
    # share knows whether its item is open.
    "units_shares_wrong": "SELECT i.id FROM items i WHERE i.unit_id IS NOT NULL AND NOT EXISTS "
    "(SELECT 1 FROM shares s WHERE s.item_id = i.id AND s.unit_id = i.unit_id AND s.role = 'lead') "
    "UNION SELECT s.item_id FROM shares s JOIN items i ON i.id = s.item_id WHERE s.item_open IS NOT (i.status = 'open')",
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
    for name, sql in RULES.items():
        rows = step(name, sql)
        if rows:
            result.problems.append((name, len(rows), [r[0] for r in rows[:5]]))
    for table in ("items", "events", "units", "campaigns", "calendar_overrides"):
        n = step("integrity", f"SELECT count(*) FROM {table}")
        if n is not None:
            result.counts[table] = n[0][0]
    return result


def backup(conn: sqlite3.Connection, target: Path, force: bool = False) -> CheckResult:
    """A consistent copy of the open database at `target` (SQLite's online
    backup: others may go on writing), checked once written. The copy goes
    to a temporary file renamed into place, readable by owner and group."""
    target = Path(target).expanduser()
    if target.exists() and not force:
        raise UserError("file_exists", path=str(target))
    if target.is_dir():
        raise UserError("file_exists", path=str(target))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o660)
        os.close(fd)
        os.chmod(tmp, 0o660)
    except OSError as e:  # a folder that cannot be made, no right to write there ...
        raise UserError("output_failed", path=str(target), problem=e.strerror or str(e)) from None
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest, pages=-1)  # one step: a single consistent snapshot
            dest.execute("PRAGMA journal_mode = DELETE")  # a self-contained file
            result = check(dest)
        finally:
            dest.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.DatabaseError) as e:  # a full disk ...
        tmp.unlink(missing_ok=True)
        raise UserError("output_failed", path=str(target), problem=getattr(e, "strerror", None) or str(e)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result
