"""The read side: items with their names, filters, lights, history.

Everything that needs "today" takes it as `as_of`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tracker.errors import UserError

if TYPE_CHECKING:
    from tracker.calendar import WorkCalendar

SOON_DEFAULT = 3

ITEM_COLUMNS = """
    i.id, i.ref_no, i.kind, k.label_zh AS kind_zh, k.label_en AS kind_en, i.title, i.source,
    u.name AS unit, i.owner, i.received_on, i.due_on, i.rule, i.due_provisional, i.original_due_on,
    i.status, i.closed_on, c.name AS campaign, i.campaign_id, i.notes, i.party, i.organ,
    (SELECT max(h.date) FROM hearings h WHERE h.item_id = i.id) AS hearing_on,
    i.version, i.created_at, i.updated_at
"""
ITEM_FROM = """
    FROM items i LEFT JOIN kinds k ON k.id = i.kind
    LEFT JOIN units u ON u.id = i.unit_id
    LEFT JOIN campaigns c ON c.id = i.campaign_id
"""


# Text search over ref_no, title, owner and unit name: instr() is a plain
# substring test, faster than LIKE and with no wildcards to escape.
SEARCH_CLAUSE = (
    "(instr(i.title, :text) OR instr(i.ref_no, :text) OR instr(i.owner, :text)"
    " OR i.unit_id IN (SELECT id FROM units WHERE instr(name, :text)))"
)


@dataclass
class Filters:
    """What `tracker list` / export select. Dates are ISO strings or dates."""

    kind: str | None = None
    unit: str | None = None
    owner: str | None = None
    status: str = "open"  # open | done | cancelled | all
    campaign: str | None = None
    overdue: bool = False
    due_before: dt.date | None = None
    due_after: dt.date | None = None
    search: str | None = None
    lead_only: bool = False  # with unit: only the items it leads, not those it assists

    def describe(self) -> dict:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in self.__dict__.items()
            if v not in (None, False)
        }


def item_filters(
    *,
    kind: str | None = None,
    unit: str | None = None,
    owner: str | None = None,
    campaign: str | None = None,
    campaign_id: int | None = None,
    search: str | None = None,
    shares: str | None = None,
) -> tuple[list[str], dict]:
    """WHERE clauses over `items i`, with their named parameters, for what
    the CLI's filters, the report and the UI's views share: kind, unit (by
    name), owner, campaign (by name or id text, or by campaign_id) and text
    search. The unit is the lead unit unless `shares` is 'any' (the items
    it leads or assists in) or 'open' (the same, of open items only: read
    from the small index of open shares)."""
    clauses: list[str] = []
    params: dict = {}
    if kind:
        clauses.append("i.kind = :kind")
        params["kind"] = kind
    if unit and shares:
        held = (
            "SELECT item_id FROM shares INDEXED BY shares_open WHERE item_open = 1 AND"
            if shares == "open"
            else "SELECT item_id FROM shares INDEXED BY shares_unit WHERE"
        )
        clauses.append(f"i.id IN ({held} unit_id = (SELECT id FROM units WHERE name = :unit))")
        params["unit"] = unit
    elif unit:
        clauses.append("i.unit_id = (SELECT id FROM units WHERE name = :unit)")
        params["unit"] = unit
    if owner:
        clauses.append("i.owner = :owner")
        params["owner"] = owner
    if campaign:
        clauses.append(
            "i.campaign_id = (SELECT id FROM campaigns WHERE name = :campaign OR CAST(id AS TEXT) = :campaign)"
        )
        params["campaign"] = campaign
    if campaign_id is not None:
        clauses.append("i.campaign_id = :campaign_id")
        params["campaign_id"] = campaign_id
    if search and search.strip():
        clauses.append(SEARCH_CLAUSE)
        params["text"] = search.strip()
    return clauses, params


def filter_sql(f: Filters, as_of: dt.date) -> tuple[str, dict]:
    """The WHERE clause (with its named parameters) that selects what `f`
    asks for, over `items i` (unit names are looked up, not joined)."""
    shares = None if f.lead_only else "open" if f.status == "open" else "any"
    clauses, params = item_filters(
        kind=f.kind, unit=f.unit, owner=f.owner, campaign=f.campaign, search=f.search, shares=shares
    )
    if f.status != "all":
        clauses.insert(0, "i.status = :status")
        params["status"] = f.status
    if f.overdue:
        clauses.append("i.status = 'open' AND i.due_on < :today")
        params["today"] = as_of.isoformat()
    if f.due_before:
        clauses.append("i.due_on < :due_before")
        params["due_before"] = str(f.due_before)
    if f.due_after:
        clauses.append("i.due_on > :due_after")
        params["due_after"] = str(f.due_after)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def by_ids(conn: sqlite3.Connection, sql: str, ids: list[int]) -> Iterator[Any]:
    """The rows of `sql`, whose `{ids}` stands for an IN list, for these ids
    500 at a time (SQLite binds at most so many parameters)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield from conn.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)


def per_item(conn: sqlite3.Connection, sql: str, id_column: str, item_ids: list[int] | None) -> dict:
    """{item id: value} from `sql` (selecting the two, with a WHERE of its
    own), of the items item_ids, of every one with None."""
    if item_ids is None:
        return dict(conn.execute(sql).fetchall())
    return dict(by_ids(conn, f"{sql} AND {id_column} IN ({{ids}})", item_ids))


def assist_units(conn: sqlite3.Connection, item_ids: list[int] | None) -> dict[int, str]:
    """Each item's assisting units as '甲；乙' (in their order: items.assist_names,
    kept by the ledger), for the items that have any (every such item when
    item_ids is None), never one query per item."""
    return per_item(conn, "SELECT id, assist_names FROM items WHERE assist_names IS NOT NULL", "id", item_ids)


def get_item(conn: sqlite3.Connection, item_id: int) -> dict:
    row = conn.execute(f"SELECT {ITEM_COLUMNS} {ITEM_FROM} WHERE i.id = ?", (item_id,)).fetchone()
    if row is None:
        raise UserError("no_item", value=item_id)
    item = dict(row)
    item["assist_units"] = assist_units(conn, [item_id]).get(item_id)
    return item


def item_events(conn: sqlite3.Connection, item_id: int) -> list[dict]:
    """The item's history, oldest first, with data decoded."""
    return [
        {**dict(r), "data": json.loads(r["data"])}
        for r in conn.execute("SELECT id, at, actor, type, data FROM events WHERE item_id = ? ORDER BY id", (item_id,))
    ]


def latest_basis(events: list[dict], lang: str) -> str | None:
    """The basis line of the item's rule-based deadline, from its history."""
    for e in reversed(events):
        if e["type"] in ("create", "recompute") and e["data"].get("basis_zh"):
            return e["data"]["basis_en" if lang == "en" else "basis_zh"]
        if e["type"] in ("extend",) or (e["type"] == "edit" and "due_on" in e["data"].get("changes", {})):
            return None
    return None


def light_of(status: str, due_on: str | None, today: str, soon_until: str) -> str | None:
    """The warning light (SPEC): red overdue (due before today), yellow due
    by `soon_until` (today + N working days), green otherwise; None when the
    item is closed. Dates are ISO strings, so one rule serves every caller."""
    if status != "open" or not due_on:
        return None
    return "red" if due_on < today else "yellow" if due_on <= soon_until else "green"


def light(item: dict, as_of: dt.date, cal: WorkCalendar, soon: int = SOON_DEFAULT) -> str | None:
    """light_of() for one item on day as_of."""
    return light_of(item["status"], item["due_on"], as_of.isoformat(), cal.add_workdays(as_of, soon).isoformat())


def list_kinds(conn: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in conn.execute("SELECT * FROM kinds ORDER BY sort")]


def list_rules(conn: sqlite3.Connection) -> list[dict]:
    return [
        dict(r)
        for r in conn.execute(
            "SELECT r.id, r.name_zh, r.name_en, p.effective_from, p.n, p.unit, p.roll, p.basis_zh, p.basis_en "
            "FROM rules r JOIN rule_periods p ON p.rule_id = r.id ORDER BY r.id, p.effective_from"
        )
    ]


def campaign_rows(
    conn: sqlite3.Connection, as_of: dt.date, name: str | None = None, running: bool = False
) -> list[dict]:
    """Campaigns with progress: total, done, open, overdue tasks. running=True:
    only those under way on as_of (started, and not ended or with open tasks)."""
    sql = (
        "SELECT c.id, c.name, c.start_on, c.end_on, u.name AS unit, c.cadence FROM campaigns c "
        "LEFT JOIN units u ON u.id = c.unit_id"
    )
    params: dict = {"d": as_of.isoformat()}
    if name is not None:
        sql += " WHERE c.name = :n OR CAST(c.id AS TEXT) = :n"
        params["n"] = name
    elif running:
        sql += """ WHERE (c.start_on IS NULL OR c.start_on <= :d)
                   AND (c.end_on IS NULL OR c.end_on >= :d OR EXISTS (
                        SELECT 1 FROM items o WHERE o.campaign_id = c.id AND o.status = 'open'))"""
    # Running campaigns first (ending soonest first), then finished ones, newest first.
    sql += """ ORDER BY coalesce(c.end_on >= :d, 1) DESC,
               CASE WHEN coalesce(c.end_on >= :d, 1) THEN coalesce(c.end_on, '9999') END,
               c.end_on DESC, c.id"""
    rows = [dict(r) for r in conn.execute(sql, params)]
    if not rows:
        return rows
    # Tasks per status from campaign_counts (kept by triggers, schema.sql);
    # overdue ones from the campaign index's few open entries.
    counts: dict[tuple, int] = {}
    for start in range(0, len(rows), 500):
        ids = [r["id"] for r in rows[start : start + 500]]
        marks = ",".join("?" * len(ids))
        for cid, status, n in conn.execute(
            f"SELECT campaign_id, status, n FROM campaign_counts WHERE campaign_id IN ({marks})", ids
        ):
            counts[cid, status] = n
        for cid, n in conn.execute(
            f"SELECT campaign_id, count(*) FROM items WHERE campaign_id IN ({marks}) "
            "AND status = 'open' AND due_on < ? GROUP BY campaign_id",
            [*ids, params["d"]],
        ):
            counts[cid, "overdue"] = n
    for r in rows:
        done, open_ = counts.get((r["id"], "done"), 0), counts.get((r["id"], "open"), 0)
        r.update(total=done + open_, done=done, open=open_, overdue=counts.get((r["id"], "overdue"), 0))
    return rows


def campaign_units(conn: sqlite3.Connection, campaign_id: int, as_of: dt.date) -> list[dict]:
    """Per-unit progress of one campaign, the most lagging first."""
    return [
        dict(r)
        for r in conn.execute(
            """
        SELECT coalesce(u.name, '') AS unit, count(*) AS total, sum(i.status = 'done') AS done,
               sum(i.status = 'open' AND i.due_on < ?) AS overdue
        FROM items i LEFT JOIN units u ON u.id = i.unit_id
        WHERE i.campaign_id = ? AND i.status <> 'cancelled'
        GROUP BY i.unit_id ORDER BY overdue DESC, 1.0 * done / count(*), unit""",
            (as_of.isoformat(), campaign_id),
        )
    ]


# The fields shown for one item (CLI `show`, the UI's item page), in order:
# (catalogue FIELDS key, item key or derived value). One list for both.
ITEM_FIELDS = (
    "id",
    "ref_no",
    "kind",
    "title",
    "source",
    "unit",
    "assist_units",
    "owner",
    "received_on",
    "due_on",
    "time_left",
    "original_due_on",
    "rule",
    "basis",
    "status",
    "light",
    "closed_on",
    "campaign",
    "party",
    "organ",
    "hearing_on",
    "notes",
    "version",
)


def due_text(lang: str, due: dt.date | str | None, provisional: bool) -> str:
    """A due date as a clerk reads it, marked when provisional (暂定)."""
    from tracker.i18n import t

    due = due.isoformat() if isinstance(due, dt.date) else (due or "")
    return t(lang, "rep_due_provisional", due=due) if provisional and due else due


def item_fields(item: dict, events: list[dict], lang: str, as_of: dt.date, cal: WorkCalendar) -> list[tuple[str, str]]:
    """What a reader sees of one item: (field key, text) in ITEM_FIELDS
    order, fields without a value left out. The key names the column
    (tracker.i18n.field; time_left is col_time_left); the text is the
    value in `lang`, clerk text as stored (renderers pass it through
    tracker.text.safe)."""
    from tracker.i18n import label
    from tracker.timeleft import TimeLeft

    lt = light(item, as_of, cal)
    values = {
        **item,
        "kind": item["kind_en" if lang == "en" else "kind_zh"],
        "due_on": due_text(lang, item["due_on"], bool(item["due_provisional"])),
        "time_left": TimeLeft(as_of, cal).say(lang, item["due_on"]) if item["status"] == "open" else "",
        "basis": latest_basis(events, lang),
        "status": label(lang, item["status"]),
        "light": lt and label(lang, lt),
    }
    out = []
    for key in ITEM_FIELDS:
        v = values.get(key)
        if v not in (None, ""):
            out.append(("col_time_left" if key == "time_left" else key, str(v)))
    return out


LAGGING_SHOWN = 5  # lagging units named per campaign


def lagging_units(conn: sqlite3.Connection, campaign_ids: list[int], as_of: dt.date) -> dict[int, list[str]]:
    """Each campaign's lagging units: those with overdue tasks on as_of, the
    most overdue first (then by name), at most LAGGING_SHOWN. One rule for
    the report and the UI, read from the open items' index in one query."""
    lagging: dict[int, list[str]] = {}
    for start in range(0, len(campaign_ids), 500):
        chunk = campaign_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for campaign_id, unit in conn.execute(
            f"""SELECT i.campaign_id, coalesce(u.name, '') FROM items i LEFT JOIN units u ON u.id = i.unit_id
                WHERE i.status = 'open' AND i.due_on < ? AND i.campaign_id IN ({marks})
                GROUP BY i.campaign_id, i.unit_id ORDER BY i.campaign_id, count(*) DESC, u.name""",
            [as_of.isoformat(), *chunk],
        ):
            units = lagging.setdefault(campaign_id, [])
            if len(units) < LAGGING_SHOWN:
                units.append(unit)
    return lagging
