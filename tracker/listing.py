"""The ledger as the UI sees it: named views, filters, sorting, and pages
fetched from SQL by position, so a list of a million items costs the same
as a list of a thousand. No UI code here; the TUI is a shell over this.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace

from tracker.calendar import WorkCalendar
from tracker.queries import SOON_DEFAULT, item_filters, light_of
from tracker.text import by_pinyin

# id -> SQL condition. :today and :soon_until are bound per query. Each
# view's name is the catalogue label `view_<id>` (tracker.i18n.ui).
VIEWS: dict[str, str] = {
    "open": "i.status = 'open'",
    "overdue": "i.status = 'open' AND i.due_on < :today",
    "soon": "i.status = 'open' AND i.due_on >= :today AND i.due_on <= :soon_until",
    "legal": "i.status = 'open' AND i.kind IN ('review', 'litigation')",
    "done": "i.status = 'done'",
    "all": "1 = 1",
}

# The index that gives each sort's order over the whole ledger. The done and
# all views hold nearly every row, so their status test filters almost
# nothing: reading the sort's index in order and stopping at the page is
# far cheaper than the sort SQLite would otherwise plan.
SORT_INDEX = {
    "due_on": "items_due",
    "received_on": "items_received",
    "closed_on": "items_closed",
    "ref_no": "sqlite_autoindex_items_1",
    "title": "items_title",
    "kind": "items_kind_due",
    "unit": "items_unit_due",
    "owner": "items_owner_due",
    "id": None,
}

# sort key -> ORDER BY columns. Every list ends with the id, so the order
# is total; each has an index (schema.sql) for the large views. "unit"
# groups by unit, most urgent first within it. Each sort's name is the
# catalogue label `sort_<key>`.
SORTS: dict[str, tuple[str, ...]] = {
    "due_on": ("i.due_on", "i.id"),
    "received_on": ("i.received_on", "i.id"),
    "closed_on": ("i.closed_on", "i.id"),
    "ref_no": ("i.ref_no", "i.id"),
    "title": ("i.title", "i.id"),
    "kind": ("i.kind", "i.due_on", "i.id"),
    "unit": ("i.unit_id", "i.due_on", "i.id"),
    "owner": ("i.owner", "i.due_on", "i.id"),
    "id": ("i.id",),
}
POSITION_LIMIT = 200_000  # larger views keep the cursor's place instead of its item


@dataclass(frozen=True)
class ListQuery:
    """What the ledger view shows: a named view plus filters and a sort."""

    view: str = "open"
    search: str = ""
    unit: str | None = None
    owner: str | None = None
    kind: str | None = None
    campaign_id: int | None = None
    sort: str = "due_on"
    descending: bool = False

    def with_(self, **changes) -> ListQuery:
        return replace(self, **changes)


@dataclass
class Row:
    """One line of the ledger, ready to show."""

    id: int
    ref_no: str
    title: str
    kind: str
    kind_zh: str
    kind_en: str
    unit: str
    owner: str
    received_on: str | None
    due_on: str | None
    status: str
    closed_on: str | None
    provisional: bool
    light: str | None
    days_overdue: int | None  # calendar days, when overdue
    workdays_left: int | None  # when open and not overdue
    version: int


class ListSource:
    """Counts and pages of the ledger for one as-of day, on one connection.
    Not thread-safe by itself: the TUI calls it from one worker at a time."""

    def __init__(
        self, conn: sqlite3.Connection, as_of: dt.date, cal: WorkCalendar | None = None, soon: int = SOON_DEFAULT
    ):
        self.conn = conn
        self.as_of = as_of
        self.cal = cal or WorkCalendar.from_db(conn)
        self.soon = soon
        self.soon_until = self.cal.add_workdays(as_of, soon)
        self._today, self._soon_until = as_of.isoformat(), self.soon_until.isoformat()
        self._left_cache: dict[str, int] = {}

    # ------------------------------------------------------------ SQL --
    def _where(self, q: ListQuery, view: str | None = None) -> tuple[str, dict]:
        clauses, params = item_filters(
            unit=q.unit, owner=q.owner, kind=q.kind, campaign_id=q.campaign_id, search=q.search
        )
        params.update(today=self._today, soon_until=self._soon_until)
        return " AND ".join([VIEWS[view or q.view], *clauses]), params

    def _order(self, q: ListQuery) -> str:
        direction = " DESC" if q.descending else ""
        return ", ".join(c + direction for c in SORTS[q.sort])

    def _index_hint(self, q: ListQuery, view: str | None = None) -> str:
        view = view or q.view
        if view not in ("done", "all"):
            # A search of open items reads only the open items' index, which
            # carries every searched column (no row look-ups).
            return "INDEXED BY items_open_due" if q.search.strip() else ""
        if q.unit or q.owner or q.kind or q.campaign_id is not None:
            return ""
        if q.search.strip():
            # Text search over nearly the whole ledger: one sequential scan and
            # a sort of the matches (~0.3 s at 1M whatever the page) beats
            # walking the sort's index with a lookup per row (up to seconds).
            return "NOT INDEXED"
        index = SORT_INDEX[q.sort]
        return f"INDEXED BY {index}" if index else "NOT INDEXED"

    def count(self, q: ListQuery, view: str | None = None) -> int:
        where, params = self._where(q, view)
        hint = self._index_hint(q, view) if (view or q.view) not in ("done", "all") else ""
        return self.conn.execute(f"SELECT count(*) FROM items i {hint} WHERE {where}", params).fetchone()[0]

    def open_counts(self, q: ListQuery) -> dict[str, int]:
        """The four views of open items, in one pass over their partial index."""
        where, params = self._where(q, "open")
        open_, overdue, soon, legal = self.conn.execute(
            f"""
            SELECT count(*), coalesce(sum(i.due_on < :today), 0),
                   coalesce(sum(i.due_on >= :today AND i.due_on <= :soon_until), 0),
                   coalesce(sum(i.kind IN ('review', 'litigation')), 0)
            FROM items i {self._index_hint(q, "open")} WHERE {where}""",
            params,
        ).fetchone()
        return {"open": open_, "overdue": overdue, "soon": soon, "legal": legal}

    def total_counts(self, q: ListQuery) -> dict[str, int]:
        """The done and all views (nearly the whole ledger)."""
        if q.search.strip():  # a scan of every row either way: make it one
            where, params = self._where(q, "all")
            all_, done = self.conn.execute(
                f"SELECT count(*), coalesce(sum(i.status = 'done'), 0) FROM items i WHERE {where}", params
            ).fetchone()
        else:  # two index counts are quicker than one pass reading each status
            all_, done = self.count(q, "all"), self.count(q, "done")
        return {"done": done, "all": all_}

    def first_page(self, q: ListQuery, limit: int) -> tuple[int, list[Row]]:
        """q's count and its first `limit` rows. A text search of (nearly)
        the whole ledger reads every row whichever it answers, so then one
        pass answers both (count(*) OVER ()): half the time of a count and a
        page, some 0.25 s less at a million items."""
        if not (q.search.strip() and self._index_hint(q) == "NOT INDEXED"):
            return self.count(q), self.page(q, 0, limit)
        where, params = self._where(q)
        found = self.conn.execute(
            f"SELECT i.id, count(*) OVER () FROM items i NOT INDEXED WHERE {where} ORDER BY {self._order(q)} "
            "LIMIT :limit",
            {**params, "limit": limit},
        ).fetchall()
        return (found[0][1] if found else 0), self._rows([r[0] for r in found])

    def page(self, q: ListQuery, offset: int, limit: int) -> list[Row]:
        """Rows offset .. offset+limit-1 in q's order. The positions are found
        on the index (ids only), then the rows are read by id."""
        where, params = self._where(q)
        return self._rows(
            [
                r[0]
                for r in self.conn.execute(
                    f"SELECT i.id FROM items i {self._index_hint(q)} WHERE {where} ORDER BY {self._order(q)} "
                    "LIMIT :limit OFFSET :offset",
                    {**params, "limit": limit, "offset": offset},
                )
            ]
        )

    def _rows(self, ids: list[int]) -> list[Row]:
        """The rows of these items, in this order."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = {
            r["id"]: r
            for r in self.conn.execute(
                f"""
            SELECT i.id, i.ref_no, i.title, i.kind, k.label_zh, k.label_en, u.name AS unit, i.owner,
                   i.received_on, i.due_on, i.status, i.closed_on, i.due_provisional, i.version
            FROM items i LEFT JOIN kinds k ON k.id = i.kind LEFT JOIN units u ON u.id = i.unit_id
            WHERE i.id IN ({marks})""",
                ids,
            )
        }
        return [self._row(rows[i]) for i in ids if i in rows]

    def position(self, q: ListQuery, item_id: int, total: int | None = None) -> int | None:
        """Where item_id stands in q's order; None when q does not show it
        (or the view is too large to count through quickly)."""
        if (total if total is not None else self.count(q)) > POSITION_LIMIT:
            return None
        where, params = self._where(q)
        row = self.conn.execute(
            f"SELECT n FROM (SELECT i.id, row_number() OVER (ORDER BY {self._order(q)}) - 1 AS n "
            f"FROM items i WHERE {where}) WHERE id = :id",
            {**params, "id": item_id},
        ).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------ rows --
    def _workdays_left(self, due: str) -> int:
        n = self._left_cache.get(due)
        if n is None:
            n = self._left_cache[due] = self.cal.workdays_between(self.as_of, dt.date.fromisoformat(due))
        return n

    def _row(self, r: sqlite3.Row) -> Row:
        due = r["due_on"]
        light = light_of(r["status"], due, self._today, self._soon_until)
        overdue = (self.as_of - dt.date.fromisoformat(due)).days if light == "red" else None
        left = self._workdays_left(due) if light in ("yellow", "green") else None
        return Row(
            r["id"],
            r["ref_no"] or "",
            r["title"],
            r["kind"],
            r["label_zh"],
            r["label_en"],
            r["unit"] or "",
            r["owner"] or "",
            r["received_on"],
            due,
            r["status"],
            r["closed_on"],
            bool(r["due_provisional"]),
            light,
            overdue,
            left,
            r["version"],
        )


def units(conn: sqlite3.Connection) -> list[str]:
    """Every unit's name, by pinyin (茶山镇 under C), as clerks look for it."""
    from tracker.ledger import units_by_pinyin

    return units_by_pinyin(conn)


def owners(conn: sqlite3.Connection) -> list[str]:
    """Every owner named on an item, by pinyin."""
    return by_pinyin(r[0] for r in conn.execute("SELECT DISTINCT owner FROM items WHERE owner IS NOT NULL"))


def campaign_name(conn: sqlite3.Connection, campaign_id: int) -> str | None:
    row = conn.execute("SELECT name FROM campaigns WHERE id = ?", (campaign_id,)).fetchone()
    return row[0] if row else None


def dashboard(
    conn: sqlite3.Connection, as_of: dt.date, cal: WorkCalendar, soon: int = SOON_DEFAULT, days: int = 30
) -> dict:
    """Counts by light per unit, deadlines per day for the next `days` days,
    and the on-time figures of the year so far."""
    from tracker.report import build_stats

    until = cal.add_workdays(as_of, soon).isoformat()
    today = as_of.isoformat()
    per_unit = [
        dict(r)
        for r in conn.execute(
            """
        SELECT coalesce(u.name, '') AS unit,
               sum(i.due_on < :t) AS red,
               sum(i.due_on >= :t AND i.due_on <= :s) AS yellow,
               sum(i.due_on > :s) AS green,
               count(*) AS open
        FROM items i LEFT JOIN units u ON u.id = i.unit_id
        WHERE i.status = 'open' GROUP BY i.unit_id ORDER BY red DESC, yellow DESC, open DESC, unit""",
            {"t": today, "s": until},
        )
    ]
    end = (as_of + dt.timedelta(days=days - 1)).isoformat()
    per_day = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT due_on, count(*) FROM items WHERE status = 'open' AND due_on >= ? AND due_on <= ? GROUP BY due_on",
            (today, end),
        )
    }
    strip = []
    for n in range(days):
        d = as_of + dt.timedelta(days=n)
        strip.append({"date": d, "count": per_day.get(d.isoformat(), 0), "workday": cal.is_workday(d)})
    stats = build_stats(conn, as_of.replace(month=1, day=1), as_of, as_of)
    return {"units": per_unit, "days": strip, "stats": stats}
