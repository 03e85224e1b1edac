"""Responsible units and their reports (DOMAIN: "The supervision loop, unit
by unit").

Each lead and assisting unit of an item holds a share of it (table
`shares`, kept in step with the item by triggers) with its own state:
open, reported, returned. A unit reports (反馈) on an item; the lead unit's
"done" puts the item into awaiting review (待销号) until the office closes
it (Ledger.done) or returns it (return_item: 退回重办). Campaigns and single
items may have a reporting cadence (daily, weekly, monthly on the
working-day calendar): every unit with an open share owes a report per
period (missing_reports). Campaigns count named figures from the reports.
The bulletin (督查通报) ranks the lead units over a period.

Writes take a Ledger and use its transaction and history; reads take a
connection. Time is always a parameter.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from tracker import history
from tracker.calendar import WorkCalendar
from tracker.errors import UserError
from tracker.i18n import L
from tracker.ledger import Ledger, pinyin_rank, units_by_pinyin
from tracker.queries import by_ids, item_filters

CADENCES = ("daily", "weekly", "monthly")
# The words offices write for a cadence (每日一报 ...), and the old free text.
_CADENCE_WORDS = {
    "daily": ("daily", "day", "每日一报", "每日", "日报", "每天", "一日一报", "每日报送"),
    "weekly": ("weekly", "week", "每周一报", "每周", "周报", "一周一报", "每周报送"),
    "monthly": ("monthly", "month", "每月一报", "每月", "月报", "一月一报", "每月报送"),
}
ROLES = ("lead", "assist")
STATES = ("open", "reported", "returned")
MISSED_WINDOW = 30  # days: `missed` counts the periods without a report in these
_FIGURE = re.compile(r"^\s*([^=＝]+?)\s*[=＝]\s*(-?\d+)\s*$")


# ----------------------------------------------------------------- cadence --
def cadence_id(text: str | None, strict: bool = True) -> str | None:
    """'daily', 'weekly' or 'monthly' from the clerk's word (also 每日一报,
    每周一报, 每月一报); None for nothing. strict: an unknown word is a
    UserError, else None (the old free text of a campaign)."""
    if text is None or not str(text).strip():
        return None
    word = str(text).strip().lower()
    for cid, words in _CADENCE_WORDS.items():
        if word in words:
            return cid
    for cid, key in (("daily", "日"), ("daily", "天"), ("weekly", "周"), ("weekly", "星期"), ("monthly", "月")):
        if key in word:
            return cid
    if strict:
        raise UserError("units_bad_cadence", value=text)
    return None


def period_ends(cadence: str, start: dt.date, until: dt.date, cal: WorkCalendar) -> list[dt.date]:
    """The ends of the reporting periods from `start` to `until` (both
    inclusive), oldest first: each working day (daily), the last working
    day of each week (weekly) or month (monthly)."""
    out: list[dt.date] = []
    if until < start:
        return out
    one = dt.timedelta(days=1)
    d = start
    if cadence == "daily":
        while d <= until:
            if cal.is_workday(d):
                out.append(d)
            d += one
        return out
    while d <= until:
        if cadence == "weekly":
            last = d + dt.timedelta(days=6 - d.weekday())
        else:
            nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            last = nxt - one
        end = last
        while end >= d and not cal.is_workday(end):
            end -= one
        if end >= d and end <= until:
            out.append(end)
        d = last + one
    return out


def _windows(cadence: str, start: dt.date, until: dt.date, cal: WorkCalendar) -> list[tuple[dt.date, dt.date]]:
    """(first day, last day) of each period ending by `until`: a period
    runs from the day after the previous one's end."""
    ends = period_ends(cadence, start, until, cal)
    out, first = [], start
    for end in ends:
        out.append((first, end))
        first = end + dt.timedelta(days=1)
    return out


# ------------------------------------------------------------------- lookups --
def unit_row(conn: sqlite3.Connection, name: str | None) -> tuple[int, str]:
    """(id, name) of an existing unit, or UserError naming it."""
    clean = (name or "").strip()
    row = conn.execute("SELECT id, name FROM units WHERE name = ?", (clean,)).fetchone()
    if row is None:
        raise UserError("units_no_unit", value=name or "")
    return row[0], row[1]


def campaign_row(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = conn.execute(
        "SELECT * FROM campaigns WHERE name = ? OR CAST(id AS TEXT) = ?", (name.strip(), name.strip())
    ).fetchone()
    if row is None:
        raise UserError("no_campaign", value=name)
    return row


def figure_names(conn: sqlite3.Connection, campaign_id: int | None) -> list[str]:
    if campaign_id is None:
        return []
    return [
        r[0]
        for r in conn.execute("SELECT name FROM campaign_figures WHERE campaign_id = ? ORDER BY pos", (campaign_id,))
    ]


def parse_figures(values) -> dict[str, int]:
    """--figure NAME=N ... as {NAME: N}; a malformed one is a UserError."""
    out: dict[str, int] = {}
    for v in values or ():
        m = _FIGURE.match(str(v))
        if not m or int(m.group(2)) < 0:
            raise UserError("units_bad_figure_value", value=v)
        out[m.group(1).strip()] = int(m.group(2))
    return out


def shares_of(conn: sqlite3.Connection, item_id: int) -> list[dict]:
    """The item's shares, lead first, with the unit's name."""
    return [
        dict(r)
        for r in conn.execute(
            """SELECT u.name AS unit, s.role, s.state, s.reported_on, s.returns FROM shares s
               JOIN units u ON u.id = s.unit_id WHERE s.item_id = ?
               ORDER BY s.role = 'assist', coalesce((SELECT pos FROM item_assist_units a
                        WHERE a.item_id = s.item_id AND a.unit_id = s.unit_id), -1)""",
            (item_id,),
        )
    ]


def is_awaiting(conn: sqlite3.Connection, item_id: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM shares INDEXED BY shares_awaiting WHERE item_id = ? AND item_open = 1 "
            "AND role = 'lead' AND state = 'reported'",
            (item_id,),
        ).fetchone()
        is not None
    )


# ------------------------------------------------------------------ writes --
@dataclass
class Report:
    """One report (反馈) to record."""

    item_id: int
    unit: str
    text: str
    on: dt.date
    done: bool = False
    figures: dict[str, int] | None = None
    source: str | None = None
    done_on: dt.date | None = None  # the day the unit says it finished (default: on)


class _Lookups:
    """What checking reports reads from the ledger, read once: the items and
    shares of a batch of reports prefetched 500 items at a time (read one
    by one otherwise), the units and campaign figures cached by name and id."""

    ITEM = "id, status, campaign_id"  # what a report is checked and written with
    SHARE = "item_id, unit_id, role"

    def __init__(self, conn: sqlite3.Connection, reports: list[Report] | None = None):
        self.conn = conn
        self.items: dict[int, sqlite3.Row] = {}
        self.shares: dict[tuple[int, int], sqlite3.Row] = {}
        self.units: dict[str, tuple[int, str]] = {}
        self.figures: dict[int | None, list[str]] = {}
        self.prefetched = reports is not None
        ids = sorted({r.item_id for r in reports or ()})
        for row in by_ids(conn, f"SELECT {self.ITEM} FROM items WHERE id IN ({{ids}})", ids):
            self.items[row["id"]] = row
        for row in by_ids(conn, f"SELECT {self.SHARE} FROM shares WHERE item_id IN ({{ids}})", ids):
            self.shares[row["item_id"], row["unit_id"]] = row

    def item(self, item_id: int) -> sqlite3.Row:
        row = self.items.get(item_id)
        if row is None:
            if self.prefetched:
                raise UserError("no_item", value=item_id)
            row = self.conn.execute(f"SELECT {self.ITEM} FROM items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise UserError("no_item", value=item_id)
        return row

    def unit(self, name: str) -> tuple[int, str]:
        if name not in self.units:
            self.units[name] = unit_row(self.conn, name)
        return self.units[name]

    def share(self, item_id: int, unit_id: int) -> sqlite3.Row | None:
        if self.prefetched:
            return self.shares.get((item_id, unit_id))
        return self.conn.execute(
            f"SELECT {self.SHARE} FROM shares WHERE item_id = ? AND unit_id = ?", (item_id, unit_id)
        ).fetchone()

    def figure_names(self, campaign_id: int | None) -> list[str]:
        if campaign_id not in self.figures:
            self.figures[campaign_id] = figure_names(self.conn, campaign_id)
        return self.figures[campaign_id]


def _check_report(look: _Lookups, r: Report) -> tuple[sqlite3.Row, int, str, sqlite3.Row]:
    """The item, unit id and name, and share of a report, or UserError."""
    item = look.item(r.item_id)
    unit_id, unit = look.unit(r.unit)
    share = look.share(r.item_id, unit_id)
    if share is None:
        raise UserError("units_no_share", unit=unit, id=r.item_id)
    if item["status"] != "open":
        raise UserError("bad_transition", id=r.item_id, status=L(item["status"]), action=L("units_act_feedback"))
    if not (r.text or "").strip() and not r.done and not r.figures:
        raise UserError("empty_text", what=L("units_w_feedback"))
    if r.figures:
        defined = look.figure_names(item["campaign_id"])
        for name in r.figures:
            if name not in defined:
                raise UserError(
                    "units_bad_figure",
                    name=name,
                    id=r.item_id,
                    accepted="、".join(defined) or "—",
                )
    return item, unit_id, unit, share


def _write_reports(ledger: Ledger, checked: list[tuple[Report, sqlite3.Row, int, str, sqlite3.Row]]) -> int:
    """Inside a transaction: the reports, their figures, their shares' state
    and their items' events, each kind of row written in one statement for
    the whole batch (a form import writes thousands). Returns the first
    report's id; the others follow it."""
    conn, stamp, actor = ledger.conn, ledger.stamp(), ledger.actor
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM feedback").fetchone()[0]
    rows: list[tuple] = []
    figures: list[tuple] = []
    shares: list[tuple] = []
    events: list[tuple] = []
    for fid, (r, item, unit_id, unit, share) in enumerate(checked, first):
        text = (r.text or "").strip()
        cid = item["campaign_id"]
        rows.append((fid, r.item_id, unit_id, cid, r.on.isoformat(), text, int(r.done), r.source, stamp, actor))
        figures.extend((fid, cid, unit_id, name, value) for name, value in (r.figures or {}).items())
        data: dict = {"unit": unit, "role": share["role"], "on": r.on.isoformat(), "text": text}
        if r.done:
            shares.append(((r.done_on or r.on).isoformat(), r.item_id, unit_id))
            data["done"] = True
            if r.done_on:
                data["done_on"] = r.done_on.isoformat()
        if r.figures:
            data["figures"] = r.figures
        if r.source:
            data["source"] = r.source
        events.append((r.item_id, stamp, actor, "feedback", json.dumps(data, ensure_ascii=False)))
    conn.executemany(
        "INSERT INTO feedback (id, item_id, unit_id, campaign_id, on_date, text, done, source, at, actor) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO feedback_figures (feedback_id, campaign_id, unit_id, name, value) VALUES (?, ?, ?, ?, ?)",
        figures,
    )
    conn.executemany("UPDATE shares SET state = 'reported', reported_on = ? WHERE item_id = ? AND unit_id = ?", shares)
    # each report is a change to its item: its version goes up by one a report
    conn.executemany(
        "UPDATE items SET updated_at = ?, version = version + 1 WHERE id = ?",
        [(stamp, r.item_id) for r, *_ in checked],
    )
    history.append_many(conn, events)
    return first


def add_feedback(ledger: Ledger, report: Report) -> int:
    """Record one unit's report on an item; returns its id. When the lead
    unit reports done, the item is awaiting review (待销号)."""
    with ledger.transaction():
        return _write_reports(ledger, [(report, *_check_report(_Lookups(ledger.conn), report))])


def add_feedback_many(ledger: Ledger, reports: list[Report]) -> int:
    """Several reports in one transaction (a batch of forms): all or none,
    the first bad one named."""
    with ledger.transaction():
        look = _Lookups(ledger.conn, reports)
        _write_reports(ledger, [(r, *_check_report(look, r)) for r in reports])
    return len(reports)


def return_item(
    ledger: Ledger, item_id: int, reason: str | None, due: dt.date | None = None, force: bool = False
) -> str | None:
    """退回重办: the item stays open, its shares go back to work (the lead
    unit's as 'returned', counted against it), with the reason and, if
    given, a new due date. Refused for an item not awaiting review unless
    force. Returns the lead unit's name."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError("empty_text", what=L("units_w_return_reason"))
    with ledger.changing(item_id, None, ("open",), "units_act_return") as row:
        if not force and not is_awaiting(ledger.conn, item_id):
            raise UserError("units_not_awaiting", id=item_id)
        lead = ledger.conn.execute("SELECT u.name FROM units u WHERE u.id = ?", (row["unit_id"],)).fetchone()
        values: dict = {}
        data: dict = {"reason": reason, "unit": lead and lead[0]}
        if due is not None:
            if due.isoformat() < (row["received_on"] or "0000"):
                raise UserError("due_before_received", due=due.isoformat(), received=row["received_on"])
            if due.isoformat() != row["due_on"]:
                data.update({"from": row["due_on"], "to": due.isoformat()})
                values = {
                    "due_on": due.isoformat(),
                    "due_provisional": 0,
                    "original_due_on": row["original_due_on"] or row["due_on"],
                }
        ledger.conn.execute(
            "UPDATE shares SET state = 'open', reported_on = NULL WHERE item_id = ? AND role = 'assist'", (item_id,)
        )
        ledger.conn.execute(
            "UPDATE shares SET state = 'returned', reported_on = NULL, returns = returns + 1 "
            "WHERE item_id = ? AND role = 'lead'",
            (item_id,),
        )
        ledger.record(row, values, "return", data)
        return lead and lead[0]


def set_campaign_figures(ledger: Ledger, campaign_id: int, names: list[str], targets: dict[str, int]) -> None:
    """Inside a transaction: define a campaign's figures (in order) and targets."""
    names = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    for t in targets:
        if t not in names:
            names.append(t)
    start = ledger.conn.execute(
        "SELECT coalesce(max(pos), -1) + 1 FROM campaign_figures WHERE campaign_id = ?", (campaign_id,)
    ).fetchone()[0]
    for pos, name in enumerate(names, start):
        ledger.conn.execute(
            "INSERT INTO campaign_figures (campaign_id, name, target, pos) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET target = coalesce(excluded.target, target)",
            (campaign_id, name, targets.get(name), pos),
        )


def add_campaign(
    ledger: Ledger,
    name: str,
    start: dt.date | None,
    end: dt.date | None,
    unit: str | None,
    cadence: str | None,
    figures: list[str],
    targets: dict[str, int],
) -> int:
    """A campaign with its cadence (normalised) and figures, in one transaction."""
    cid = cadence_id(cadence)
    for name_ in targets:
        if figures and name_ not in figures:
            raise UserError("units_target_unknown", name=name_, accepted="、".join(figures))
    with ledger.transaction():
        # Ledger.add_campaign opens its own transaction: write the row here.
        clean = (name or "").strip()
        if not clean:
            raise UserError("empty_text", what=L("w_campaign_name"))
        if start and end and end < start:
            raise UserError("end_before_start", end=end.isoformat(), start=start.isoformat())
        if ledger.conn.execute("SELECT 1 FROM campaigns WHERE name = ?", (clean,)).fetchone():
            raise UserError("campaign_exists", value=clean)
        campaign_id = ledger.conn.execute(
            "INSERT INTO campaigns (name, start_on, end_on, unit_id, cadence, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                clean,
                start and start.isoformat(),
                end and end.isoformat(),
                ledger.unit_id(unit, []),
                cid,
                ledger.stamp(),
            ),
        ).lastrowid
        set_campaign_figures(ledger, campaign_id, figures, targets)  # type: ignore[arg-type]
    return campaign_id  # type: ignore[return-value]


def set_item_cadence(ledger: Ledger, item_id: int, cadence: str | None, start: dt.date | None = None) -> None:
    """A single item's reporting cadence (None removes it), counted from
    `start` (default: its received date, else the day it was entered)."""
    cid = cadence_id(cadence)
    with ledger.changing(item_id, None) as row:
        if cid is None:
            ledger.conn.execute("DELETE FROM item_cadences WHERE item_id = ?", (item_id,))
            return
        begin = start.isoformat() if start else (row["received_on"] or row["created_at"][:10])
        ledger.conn.execute(
            "INSERT INTO item_cadences (item_id, cadence, start_on, item_open) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET cadence = excluded.cadence, start_on = excluded.start_on",
            (item_id, cid, begin, int(row["status"] == "open")),
        )
        ledger.record(row, {}, "edit", {"changes": {"cadence": [None, cid]}})


# ------------------------------------------------------------- units as data --
def unit_rows(conn: sqlite3.Connection) -> list[dict]:
    """Every unit with its contact, open items led and assisted, awaiting
    review; sorted by pinyin."""
    counts: dict[tuple[int, str], int] = {}
    for unit_id, role, n in conn.execute(
        "SELECT unit_id, role, count(*) FROM shares INDEXED BY shares_open WHERE item_open = 1 GROUP BY unit_id, role"
    ):
        counts[unit_id, role] = n
    awaiting = dict(
        conn.execute(
            "SELECT unit_id, count(*) FROM shares INDEXED BY shares_awaiting "
            "WHERE item_open = 1 AND role = 'lead' AND state = 'reported' GROUP BY unit_id"
        ).fetchall()
    )
    rows = [
        {
            "unit": name,
            "contact": contact,
            "phone": phone,
            "lead_open": counts.get((uid, "lead"), 0),
            "assist_open": counts.get((uid, "assist"), 0),
            "awaiting_review": awaiting.get(uid, 0),
        }
        for uid, name, contact, phone in conn.execute(
            "SELECT u.id, u.name, c.contact, c.phone FROM units u LEFT JOIN unit_contacts c ON c.unit_id = u.id"
        )
    ]
    rank = pinyin_rank(conn)
    rows.sort(key=lambda r: rank(r["unit"]))
    return rows


def set_contact(ledger: Ledger, unit: str, contact: str | None, phone: str | None) -> None:
    with ledger.transaction():
        unit_id, _ = unit_row(ledger.conn, unit)
        ledger.conn.execute(
            "INSERT INTO unit_contacts (unit_id, contact, phone) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET "
            "contact = coalesce(excluded.contact, contact), phone = coalesce(excluded.phone, phone)",
            (unit_id, (contact or "").strip() or None, (phone or "").strip() or None),
        )


def _unit_events(ledger: Ledger, unit_id: int, old: str, new: str) -> int:
    """Inside a transaction: an event of type 'unit' on every item the unit
    holds a share of (lead or assisting), before the move. Returns the count."""
    stamp, actor = ledger.stamp(), ledger.actor
    rows = ledger.conn.execute("SELECT item_id, role FROM shares WHERE unit_id = ? ORDER BY item_id", (unit_id,))
    events = [
        (
            item_id,
            stamp,
            actor,
            "unit",
            json.dumps(
                {"changes": {"unit" if role == "lead" else "assist_units": [old, new]}},
                ensure_ascii=False,
            ),
        )
        for item_id, role in rows
    ]
    history.append_many(ledger.conn, events)
    return len(events)


def rename_unit(ledger: Ledger, old: str, new: str) -> int:
    """A typo put right: the unit keeps its items, shares and reports under
    its new name; each item records the change. Returns the items touched."""
    new = (new or "").strip()
    if not new:
        raise UserError("empty_text", what=L("units_w_unit_name"))
    with ledger.transaction():
        unit_id, old_name = unit_row(ledger.conn, old)
        if ledger.conn.execute("SELECT 1 FROM units WHERE name = ?", (new,)).fetchone():
            raise UserError("units_exists", value=new)
        n = _unit_events(ledger, unit_id, old_name, new)
        from tracker.text import pinyin_key

        ledger.conn.execute("UPDATE units SET name = ?, pinyin = ? WHERE id = ?", (new, pinyin_key(new), unit_id))
        ledger._ids.clear()
        return n


def merge_units(ledger: Ledger, source: str, into: str) -> int:
    """A duplicate merged: FROM's items (led and assisted), shares, reports,
    campaigns and contact move to INTO, each item recording it; FROM is
    removed. Returns the items touched."""
    conn = ledger.conn
    with ledger.transaction():
        from_id, from_name = unit_row(conn, source)
        into_id, into_name = unit_row(conn, into)
        if from_id == into_id:
            raise UserError("units_merge_same", value=from_name)
        n = _unit_events(ledger, from_id, from_name, into_name)
        # Shares: where INTO holds one of the same item, keep the stronger
        # role (lead) and the later state; else FROM's moves as it is.
        conn.execute(
            """UPDATE shares SET role = 'lead' WHERE unit_id = ? AND item_id IN
               (SELECT item_id FROM shares WHERE unit_id = ? AND role = 'lead')""",
            (into_id, from_id),
        )
        conn.execute(
            "DELETE FROM shares WHERE unit_id = ? AND item_id IN (SELECT item_id FROM shares WHERE unit_id = ?)",
            (from_id, into_id),
        )
        conn.execute("UPDATE shares SET unit_id = ? WHERE unit_id = ?", (into_id, from_id))
        # Assisting rows: drop FROM's where INTO leads or assists already.
        conn.execute(
            """DELETE FROM item_assist_units WHERE unit_id = ? AND (item_id IN
               (SELECT item_id FROM item_assist_units WHERE unit_id = ?)
               OR item_id IN (SELECT id FROM items WHERE unit_id = ?))""",
            (from_id, into_id, into_id),
        )
        conn.execute("UPDATE item_assist_units SET unit_id = ? WHERE unit_id = ?", (into_id, from_id))
        # An item INTO assisted and FROM led: INTO now leads it, not assists.
        moved = [r[0] for r in conn.execute("SELECT id FROM items WHERE unit_id = ?", (from_id,))]
        stamp = ledger.stamp()
        for start in range(0, len(moved), 500):
            chunk = moved[start : start + 500]
            marks = ",".join("?" * len(chunk))
            conn.execute(f"DELETE FROM item_assist_units WHERE unit_id = ? AND item_id IN ({marks})", (into_id, *chunk))
            conn.execute(
                f"UPDATE items SET unit_id = ?, version = version + 1, updated_at = ? WHERE id IN ({marks})",
                (into_id, stamp, *chunk),
            )
        conn.execute(
            "UPDATE shares SET role = 'lead' WHERE unit_id = ? AND item_id IN (SELECT id FROM items WHERE unit_id = ?)",
            (into_id, into_id),
        )
        for table in ("feedback", "feedback_figures", "campaigns"):
            conn.execute(f"UPDATE {table} SET unit_id = ? WHERE unit_id = ?", (into_id, from_id))
        conn.execute(
            "INSERT OR IGNORE INTO unit_contacts (unit_id, contact, phone) "
            "SELECT ?, contact, phone FROM unit_contacts WHERE unit_id = ?",
            (into_id, from_id),
        )
        conn.execute("DELETE FROM unit_contacts WHERE unit_id = ?", (from_id,))
        conn.execute("DELETE FROM units WHERE id = ?", (from_id,))
        ledger._ids.clear()
        return n


# ------------------------------------------------------------------ reading --
def feedback_rows(
    conn: sqlite3.Connection,
    item_id: int | None = None,
    unit: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    campaign_id: int | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Reports received, newest first, with their figures."""
    clauses: list[str] = []
    params: list = []
    if item_id is not None:
        clauses.append("f.item_id = ?")
        params.append(item_id)
    if unit:
        clauses.append("f.unit_id = ?")
        params.append(unit_row(conn, unit)[0])
    if date_from:
        clauses.append("f.on_date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        clauses.append("f.on_date <= ?")
        params.append(date_to.isoformat())
    if campaign_id is not None:
        clauses.append("f.campaign_id = ?")
        params.append(campaign_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = f"""SELECT f.id, f.item_id, i.ref_no, i.title, u.name AS unit,
                     CASE WHEN i.unit_id = f.unit_id THEN 'lead' ELSE 'assist' END AS role,
                     f.on_date AS "on", f.text, f.done, c.name AS campaign, f.source, f.at, f.actor
              FROM feedback f JOIN items i ON i.id = f.item_id JOIN units u ON u.id = f.unit_id
              LEFT JOIN campaigns c ON c.id = f.campaign_id {where}
              ORDER BY f.on_date DESC, f.id DESC"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = [dict(r) for r in conn.execute(sql, params)]
    figures: dict[int, dict[str, int]] = defaultdict(dict)
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for fid, name, value in conn.execute(
            f"SELECT feedback_id, name, value FROM feedback_figures WHERE feedback_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            figures[fid][name] = value
    for r in rows:
        r["done"] = bool(r["done"])
        r["figures"] = figures.get(r["id"], {})
    return rows


def campaign_figures(conn: sqlite3.Connection, campaign_id: int) -> list[dict]:
    """[{"name", "total", "target", "progress", "by_unit": {unit: n}}] in the
    campaign's order; units by pinyin."""
    figs = [
        {"name": name, "total": 0, "target": target, "by_unit": {}}
        for name, target in conn.execute(
            "SELECT name, target FROM campaign_figures WHERE campaign_id = ? ORDER BY pos", (campaign_id,)
        )
    ]
    index = {f["name"]: f for f in figs}
    for name, unit, total in conn.execute(
        """SELECT ff.name, u.name, sum(ff.value) FROM feedback_figures ff JOIN units u ON u.id = ff.unit_id
           WHERE ff.campaign_id = ? GROUP BY ff.name, ff.unit_id""",
        (campaign_id,),
    ):
        f = index.get(name)
        if f is not None:
            f["by_unit"][unit] = total
            f["total"] += total
    rank = pinyin_rank(conn)
    for f in figs:
        f["by_unit"] = {u: f["by_unit"][u] for u in sorted(f["by_unit"], key=rank)}
        f["progress"] = round(f["total"] / f["target"], 4) if f["target"] else None
    return figs


# Items awaiting review (待销号): open items read from their due-date index,
# each joined to its lead unit's share when that share reported done.
AWAITING_JOIN = (
    "CROSS JOIN shares s INDEXED BY shares_awaiting ON s.item_id = i.id AND s.unit_id = i.unit_id"
    " AND s.item_open = 1 AND s.role = 'lead' AND s.state = 'reported'"
)


def _awaiting(select: str, unit: str | None, kind: str | None, tail: str = "") -> tuple[str, dict]:
    """The SQL of `select` over the items awaiting review of the lead unit
    `unit` and of `kind` (queries.item_filters), and its parameters."""
    clauses, params = item_filters(unit=unit, kind=kind)
    extra = "".join(" AND " + c for c in clauses)
    return (
        f"SELECT {select} FROM items i INDEXED BY items_open_due {AWAITING_JOIN} LEFT JOIN units u ON u.id = i.unit_id"
        f" WHERE i.status = 'open' {extra} {tail}",
        params,
    )


def awaiting_review_rows(
    conn: sqlite3.Connection, unit: str | None = None, kind: str | None = None, limit: int | None = None
) -> list[tuple]:
    """Open items whose lead unit reported done (待销号), by due date then
    id, the first `limit` of them (all with None): (id, ref_no, kind,
    title, unit, owner, due_on, provisional, reported_on). Read in due-date
    order from the open items' index, which carries every column but the
    report date: no item row is read, and the first few stop early."""
    sql, params = _awaiting(
        "i.id, coalesce(i.ref_no, ''), i.kind, i.title, coalesce(u.name, ''), coalesce(i.owner, ''),"
        " i.due_on, i.due_provisional, s.reported_on",
        unit,
        kind,
        "ORDER BY i.due_on, i.id LIMIT :limit",
    )
    return conn.execute(sql, {**params, "limit": -1 if limit is None else limit}).fetchall()


def awaiting_review_count(conn: sqlite3.Connection, unit: str | None = None, kind: str | None = None) -> int:
    """How many items await review (awaiting_review_rows without a limit)."""
    if not kind:  # the awaiting shares' own index
        where = " AND unit_id = (SELECT id FROM units WHERE name = ?)" if unit else ""
        return conn.execute(
            "SELECT count(*) FROM shares INDEXED BY shares_awaiting "
            f"WHERE item_open = 1 AND role = 'lead' AND state = 'reported'{where}",
            [unit] if unit else [],
        ).fetchone()[0]
    sql, params = _awaiting("count(*)", unit, kind)
    return conn.execute(sql, params).fetchone()[0]


@dataclass
class Owed:
    """A unit that owes reports to a campaign or on an item, from `start`."""

    unit_id: int
    campaign_id: int | None
    item_id: int | None
    cadence: str
    start: dt.date


def _owed(conn: sqlite3.Connection, as_of: dt.date, unit: str | None = None) -> list[Owed]:
    """Who owes reports on day as_of: for each campaign under way with a
    cadence, every unit with an open share of an open task; for each open
    item with a cadence, every unit with an open share of it."""
    out: list[Owed] = []
    d = as_of.isoformat()
    unit_id = None
    if unit:
        row = conn.execute("SELECT id FROM units WHERE name = ?", (unit,)).fetchone()
        unit_id = row[0] if row else -1
    for cid, cadence, start_on, created in conn.execute(
        "SELECT id, cadence, start_on, created_at FROM campaigns WHERE cadence IS NOT NULL "
        "AND coalesce(start_on, substr(created_at, 1, 10)) < ?",
        (d,),
    ).fetchall():
        cad = cadence_id(cadence, strict=False)
        if cad is None:
            continue
        start = dt.date.fromisoformat(start_on or created[:10])
        for (uid,) in conn.execute(
            """SELECT DISTINCT unit_id FROM shares INDEXED BY shares_campaign
               WHERE campaign_id = ? AND item_open = 1 AND state <> 'reported'""",
            (cid,),
        ):
            if unit_id is None or uid == unit_id:
                out.append(Owed(uid, cid, None, cad, start))
    for item_id, cad, start_on, uid in conn.execute(
        """SELECT c.item_id, c.cadence, c.start_on, s.unit_id FROM item_cadences c INDEXED BY item_cadences_open
           JOIN shares s ON s.item_id = c.item_id
           WHERE c.item_open = 1 AND c.start_on < ? AND s.state <> 'reported'""",
        (d,),
    ):
        if unit_id is None or uid == unit_id:
            out.append(Owed(uid, None, item_id, cad, dt.date.fromisoformat(start_on)))
    return out


def _report_days(conn: sqlite3.Connection, owed: list[Owed], since: dt.date, until: dt.date) -> dict:
    """(unit, campaign, item) -> sorted report dates in [since, until]."""
    days: dict[tuple, list[str]] = defaultdict(list)
    campaigns = {o.campaign_id for o in owed if o.campaign_id is not None}
    lo, hi = since.isoformat(), until.isoformat()
    for cid in campaigns:
        for uid, on in conn.execute(
            "SELECT unit_id, on_date FROM feedback INDEXED BY feedback_campaign "
            "WHERE campaign_id = ? AND on_date BETWEEN ? AND ?",
            (cid, lo, hi),
        ):
            days[uid, cid, None].append(on)
    items = sorted({o.item_id for o in owed if o.item_id is not None})
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        for item_id, uid, on in conn.execute(
            f"SELECT item_id, unit_id, on_date FROM feedback INDEXED BY feedback_item "
            f"WHERE item_id IN ({','.join('?' * len(chunk))}) AND on_date BETWEEN ? AND ?",
            (*chunk, lo, hi),
        ):
            days[uid, None, item_id].append(on)
    for v in days.values():
        v.sort()
    return days


def _reported(days: list[str], first: str, last: str) -> bool:
    """Whether the sorted ISO report dates `days` have one in [first, last]."""
    i = bisect.bisect_left(days, first)
    return i < len(days) and days[i] <= last


def _iso_windows(lo: dt.date, hi: dt.date, cutoff: dt.date, cal: WorkCalendar):
    """A function of an Owed: the periods it owes (first day, last day, ISO
    text) ending in [lo, hi], and the index of the first ending on or after
    `cutoff`. Period ends fall on the calendar (each working day, each
    week's or month's last working day) whatever the start, so they are
    computed once per cadence (from well before `lo`, for the first
    period's first day), and the periods once per cadence and start (a
    thousand owed share a few)."""
    early = lo - dt.timedelta(days=40)
    ends_of: dict[str, list[dt.date]] = {}
    plans: dict[tuple, tuple[list[tuple[str, str]], int]] = {}
    since = cutoff.isoformat()

    def windows(o: Owed) -> tuple[list[tuple[str, str]], int]:
        plan = plans.get((o.cadence, o.start))
        if plan is None:
            if o.cadence not in ends_of:
                ends_of[o.cadence] = period_ends(o.cadence, early, hi, cal)
            start = max(o.start, early)
            out, prev = [], None
            for end in ends_of[o.cadence]:
                if end >= start and end >= lo:
                    first = start if prev is None or prev < start else prev + dt.timedelta(days=1)
                    out.append((first.isoformat(), end.isoformat()))
                prev = end
            plan = plans[o.cadence, o.start] = (out, bisect.bisect_left([e for _, e in out], since))
        return plan

    return windows


def _unreported(windows: list[tuple[str, str]], days: list[str] | None) -> int:
    """How many of the periods `windows` have no report among `days`."""
    if not days:
        return len(windows)
    return sum(1 for f, e in windows if not _reported(days, f, e))


def missing_reports(conn: sqlite3.Connection, as_of: dt.date, cal: WorkCalendar, unit: str | None = None) -> list[dict]:
    """Per unit and campaign (or item): the latest period that ended before
    as_of without a report, and how many periods of the last 30 days went
    without one. Sorted by most missed, then unit."""
    owed = _owed(conn, as_of, unit)
    if not owed:
        return []
    yesterday = as_of - dt.timedelta(days=1)
    since = as_of - dt.timedelta(days=MISSED_WINDOW + 70)
    days = _report_days(conn, owed, since, yesterday)
    units = dict(conn.execute("SELECT id, name FROM units"))
    campaigns = dict(conn.execute("SELECT id, name FROM campaigns"))
    windows_of = _iso_windows(since, yesterday, as_of - dt.timedelta(days=MISSED_WINDOW), cal)
    out = []
    for o in owed:
        windows, recent = windows_of(o)
        if not windows:
            continue
        reported = days.get((o.unit_id, o.campaign_id, o.item_id))
        first, last = windows[-1]
        if reported and _reported(reported, first, last):
            continue
        out.append(
            {
                "unit": units.get(o.unit_id, ""),
                "campaign": campaigns.get(o.campaign_id) if o.campaign_id else None,
                "item_id": o.item_id,
                "period_end": last,
                "missed": _unreported(windows[recent:], reported),
            }
        )
    # Most missed first; ties by unit, by pinyin (the keys kept with the units)
    rank = pinyin_rank(conn)
    out.sort(key=lambda r: (-r["missed"], rank(r["unit"]), r["campaign"] or "", r["item_id"] or 0))
    return out


def unreported_units(conn: sqlite3.Connection, campaign_id: int, as_of: dt.date, cal: WorkCalendar) -> dict:
    """For one campaign: the last period that ended before as_of and the
    units (by pinyin) that owe a report for it and have none."""
    rows = [r for r in missing_reports(conn, as_of, cal) if r["item_id"] is None]
    name = conn.execute("SELECT name FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
    mine = [r for r in rows if name and r["campaign"] == name[0]]
    return {
        "period_end": mine[0]["period_end"] if mine else None,
        "units": units_by_pinyin(conn, [r["unit"] for r in mine]),
    }


# ---------------------------------------------------------------- bulletin --
BULLETIN_KEYS = ("due", "done_on_time", "on_time_rate", "open_overdue", "returned", "reminders", "missed_reports")


def build_bulletin(
    conn: sqlite3.Connection, date_from: dt.date, date_to: dt.date, as_of: dt.date, cal: WorkCalendar
) -> dict:
    """督查通报: per lead unit, over the items (not cancelled) whose original
    due date falls in the period and before as_of: due, done on time, rate,
    still open and overdue, returns (退回重办), reminders sent (催办), and
    reports missed in the period; ranked best first (rate, then fewer
    overdue, returns, missed reports, reminders)."""
    from tracker.report import rate

    if date_to < date_from:
        raise UserError("end_before_start", end=date_to.isoformat(), start=date_from.isoformat())
    last = min(date_to, as_of - dt.timedelta(days=1))
    stats: dict[int | None, dict] = defaultdict(lambda: dict.fromkeys(BULLETIN_KEYS, 0))
    params = {"a": date_from.isoformat(), "b": last.isoformat(), "d": as_of.isoformat()}
    period = "i.due_on BETWEEN :a AND :b AND i.status <> 'cancelled'"
    # From the counts kept per due day and lead unit (0: none): a month of a
    # million-item ledger is 24,000 items but a few thousand counts.
    for unit_id, due, on_time, overdue in conn.execute(
        """SELECT unit_id, sum(n), sum(CASE WHEN status = 'done' AND on_time = 1 THEN n END),
                  sum(CASE WHEN status = 'open' AND due_on < :d THEN n END)
           FROM unit_due_counts WHERE due_on BETWEEN :a AND :b AND status <> 'cancelled'
           GROUP BY unit_id HAVING sum(n) > 0""",
        params,
    ):
        stats[unit_id or None].update(due=due, done_on_time=on_time or 0, open_overdue=overdue or 0)
    for unit_id, returns in conn.execute(
        f"""SELECT i.unit_id, sum(s.returns) FROM items i INDEXED BY items_bulletin
            JOIN shares s INDEXED BY shares_returned ON s.item_id = i.id AND s.unit_id = i.unit_id
            WHERE {period} AND s.returns > 0 GROUP BY i.unit_id""",
        params,
    ):
        stats[unit_id]["returned"] = returns
    for unit_id, n in conn.execute(
        f"""SELECT i.unit_id, count(*) FROM items i INDEXED BY items_bulletin
            JOIN events e INDEXED BY events_remind ON e.item_id = i.id
            WHERE {period} AND e.type = 'remind' GROUP BY i.unit_id""",
        params,
    ):
        stats[unit_id]["reminders"] = n
    # Reports missed in the period, by each unit (as lead or assisting).
    units = dict(conn.execute("SELECT id, name FROM units"))
    names = {v: k for k, v in units.items()}
    end = min(date_to, as_of - dt.timedelta(days=1))
    for name, missed in _missed_in(conn, date_from, end, cal):
        uid = names.get(name)
        if uid in stats or missed:
            stats[uid]["missed_reports"] += missed
    rows: list[dict] = []
    for unit_id, s in stats.items():
        s["on_time_rate"] = rate(s["done_on_time"], s["due"])
        rows.append({"unit": units.get(unit_id, "") if unit_id is not None else "", **s})

    def merit(r: dict) -> tuple:
        return (
            r["on_time_rate"] is None,
            -(r["on_time_rate"] or 0),
            r["open_overdue"],
            r["returned"],
            r["missed_reports"],
            r["reminders"],
        )

    # Equal merit, equal rank (并列); ties listed by unit, by pinyin
    rank = pinyin_rank(conn)
    rows.sort(key=lambda r: (merit(r), rank(r["unit"])))
    for n, r in enumerate(rows, 1):
        r["rank"] = rows[n - 2]["rank"] if n > 1 and merit(rows[n - 2]) == merit(r) else n
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "as_of": as_of.isoformat(),
        "units": [{"unit": r["unit"], "rank": r["rank"], **{k: r[k] for k in BULLETIN_KEYS}} for r in rows],
    }


def _missed_in(conn: sqlite3.Connection, first: dt.date, last: dt.date, cal: WorkCalendar) -> list[tuple[str, int]]:
    """(unit, periods ending in [first, last] without a report) for who owes
    reports as of the day after `last`."""
    if last < first:
        return []
    as_of = last + dt.timedelta(days=1)
    owed = _owed(conn, as_of)
    if not owed:
        return []
    days = _report_days(conn, owed, first - dt.timedelta(days=62), last)
    units = dict(conn.execute("SELECT id, name FROM units"))
    out: dict[str, int] = defaultdict(int)
    windows_of = _iso_windows(first - dt.timedelta(days=62), last, first, cal)
    for o in owed:
        windows, start = windows_of(o)
        out[units.get(o.unit_id, "")] += _unreported(windows[start:], days.get((o.unit_id, o.campaign_id, o.item_id)))
    return list(out.items())


def describe(e: dict, lang: str) -> str:
    """One line for a feedback or return event (tracker.text.describe_event)."""
    d, en = e["data"], lang == "en"
    if e["type"] == "feedback":
        role = d.get("role", "lead")
        who = (
            f"{d.get('unit', '')} ({'lead' if role == 'lead' else 'assisting'})"
            if en
            else (f"{d.get('unit', '')}（{'牵头' if role == 'lead' else '配合'}）")
        )
        text = f"{who} {d.get('on', '')}"
        if d.get("text"):
            text += (": " if en else "：") + d["text"]
        if d.get("done"):
            text += "; reports done" if en else "；报告办结"
        if d.get("figures"):
            figs = ", ".join(f"{k} {v}" for k, v in d["figures"].items())
            text += f"; {figs}" if en else f"；{figs}"
        return text
    if e["type"] == "return":
        text = (f"returned to {d.get('unit') or '—'}: " if en else f"退回{d.get('unit') or ''}重办：") + d.get(
            "reason", ""
        )
        if d.get("to"):
            text += f"; due {d['from']} → {d['to']}" if en else f"；办结时限 {d['from']} → {d['to']}"
        return text
    return ""


def with_roles(conn: sqlite3.Connection, rows: list[dict], unit: str) -> list[dict]:
    """list --unit U --format json: the export's keys and U's `role` (lead
    or assist) in each item."""
    from tracker.export import EXPORT_KEYS

    row = conn.execute("SELECT id FROM units WHERE name = ?", (unit.strip(),)).fetchone()
    roles: dict[int, str] = {}
    ids = [r["id"] for r in rows]
    if row:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            roles.update(
                conn.execute(
                    f"SELECT item_id, role FROM shares WHERE unit_id = ? AND item_id IN ({','.join('?' * len(chunk))})",
                    (row[0], *chunk),
                )
            )
    return [{**{k: r[k] for k in EXPORT_KEYS}, "role": roles.get(r["id"], "lead")} for r in rows]


def report_sections(
    conn: sqlite3.Connection,
    as_of: dt.date,
    cal: WorkCalendar,
    unit: str | None,
    kind: str | None,
    kinds: dict,
    limit: int | None = None,
) -> tuple[list, int, list[dict]]:
    """The morning report's `awaiting_review` (ReportItems, as `overdue`;
    the first `limit`, all with None) and how many there are, and
    `missing_reports` (the lead unit's filter applies to both; missing
    reports are not by kind, so a kind filter leaves them out)."""
    from tracker.report import ReportItem
    from tracker.timeleft import TimeLeft

    left = TimeLeft(as_of, cal)
    rows = awaiting_review_rows(conn, unit, kind, limit)
    total = len(rows) if limit is None or len(rows) < limit else awaiting_review_count(conn, unit, kind)
    counts: dict[str, int] = defaultdict(int)  # each unit's items among those listed (no format groups them)
    for r in rows:
        counts[r[4]] += 1
    awaiting = [
        ReportItem(
            id_,
            ref,
            k,
            kinds.get(k, (k, k))[0],
            kinds.get(k, (k, k))[1],
            title,
            unit_name,
            owner,
            due,
            (as_of - dt.date.fromisoformat(due)).days,
            provisional == 1,
            counts[unit_name],
            left.workdays(due),
        )
        for id_, ref, k, title, unit_name, owner, due, provisional, _ in rows
    ]
    missing = [] if kind else missing_reports(conn, as_of, cal, unit)
    return awaiting, total, missing


def report_text_sections(report, lang: str, cap: int | None = 20) -> list[tuple[str, list[str]]]:
    """Short sections for the human formats of the morning report: awaiting
    review and missing reports (clerk text made safe), each of at most
    `cap` lines and a last line saying how many more (None: all)."""
    from tracker.i18n import t
    from tracker.text import one_line

    out: list[tuple[str, list[str]]] = []

    def capped(lines: list[str], total: int) -> list[str]:
        if cap is None or total <= cap:
            return lines
        more = total - cap
        return lines[:cap] + [
            f"... {more} more (--all shows all)" if lang == "en" else f"……另有 {more} 项（--all 显示全部）"
        ]

    if report.awaiting_review:
        lines = [f"{i.id}  {one_line(i.unit) or '—'}  {one_line(i.title)}  {i.due_on}" for i in report.awaiting_review]
        total = report.awaiting_total
        out.append(
            (
                t(lang, "units_awaiting_title") + (f" ({total})" if lang == "en" else f"（{total}）"),
                capped(lines, total),
            )
        )
    if report.missing_reports:
        lines = [
            t(
                lang,
                "units_missing_line",
                unit=one_line(m["unit"]),
                what=one_line(m["campaign"]) if m["campaign"] else t(lang, "units_item_ref", id=m["item_id"]),
                period_end=m["period_end"],
                missed=m["missed"],
            )
            for m in report.missing_reports
        ]
        out.append(
            (
                t(lang, "units_missing_title") + (f" ({len(lines)})" if lang == "en" else f"（{len(lines)}）"),
                capped(lines, len(lines)),
            )
        )
    return out


def item_cadence(conn: sqlite3.Connection, item_id: int) -> str | None:
    row = conn.execute("SELECT cadence FROM item_cadences WHERE item_id = ?", (item_id,)).fetchone()
    return row[0] if row else None


def share_lines(shares: list[dict], lang: str, cadence: str | None = None) -> list[str]:
    """`show`: the units' shares (role, state, returns) under the fields."""
    from tracker.i18n import label, t
    from tracker.text import one_line

    if not shares:
        return []
    out = ["", t(lang, "units_shares") + t(lang, "units_colon")]
    for s in shares:
        state = label(lang, "units_state_" + s["state"])
        if s["state"] == "reported" and s["reported_on"]:
            state += f" {s['reported_on']}"
        extra = t(lang, "units_returned_times", n=s["returns"]) if s["returns"] else ""
        role = t(lang, "units_role_" + s["role"])
        out.append("  " + t(lang, "units_share_line", unit=one_line(s["unit"]), role=role, state=state, extra=extra))
    if cadence:
        from tracker.i18n import field

        out.append(f"  {field(lang, 'cadence')}{t(lang, 'units_colon')}{t(lang, 'units_cadence_' + cadence)}")
    return out


def campaign_text(campaign: dict, figures: list[dict], unreported: dict, lang: str, order: list[str]) -> list[str]:
    """`campaign show`'s lines on figures (total, target, progress, each
    unit's) and on who has not reported for the last period; `order`: the
    units by pinyin (units_by_pinyin)."""
    from tracker.i18n import t
    from tracker.text import one_line, table

    out: list[str] = []
    en = lang == "en"
    if unreported.get("period_end"):
        out.append("")
        if unreported["units"]:
            names = "、".join(one_line(u) for u in unreported["units"])
            out.append(t(lang, "units_unreported", period_end=unreported["period_end"], units=names))
    if figures:
        out.append("")
        out.append(t(lang, "units_figures_title") + (":" if en else "："))
        for f in figures:
            target = ""
            if f["target"]:
                pct = f"{100 * f['total'] / f['target']:.0f}%"
                target = f" / {f['target']} ({pct})" if en else f" / 目标 {f['target']}（{pct}）"
            out.append("  " + t(lang, "units_figure_line", name=one_line(f["name"]), total=f["total"], target=target))
        reported = {u for f in figures for u in f["by_unit"]}
        units = [u for u in order if u in reported]
        if units:
            rows = [[one_line(u)] + [f["by_unit"].get(u, 0) for f in figures] for u in units]
            hdr = [t(lang, "units_h_unit")] + [one_line(f["name"]) for f in figures]
            out.append("")
            out.extend(table(hdr, rows, right=set(range(1, len(hdr)))).splitlines())  # each line made safe alone
    return out


def cadence_label(lang: str, cadence: str | None) -> str:
    """每日一报 / daily ... for a stored cadence (old free text as it stands)."""
    from tracker.i18n import t

    if not cadence:
        return ""
    return t(lang, "units_cadence_" + cadence) if cadence in CADENCES else cadence
