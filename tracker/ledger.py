"""The supervision list (督办事项清单): its columns and rows.

The export keys, in SPEC order; the last three are derived and ignored on
import. `export_rows` builds the rows once, for every output format.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from tracker.calendar import WorkCalendar
from tracker.i18n import field, label
from tracker.queries import SOON_DEFAULT, Filters, days_left, light, list_items

EXPORT_KEYS = ("ref_no", "kind", "title", "source", "unit", "assist_units", "owner", "received_on",
               "due_on", "rule", "status", "closed_on", "campaign", "notes", "light", "days_left",
               "latest_progress")
DERIVED_KEYS = ("light", "days_left", "latest_progress")


def headers(lang_of_headers: str) -> list[str]:
    return [field(lang_of_headers, k) for k in EXPORT_KEYS]


def latest_progress(conn: sqlite3.Connection, item_ids: list[int]) -> dict[int, str]:
    """The newest progress note of each item."""
    out: dict[int, str] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(
                f"""SELECT item_id, json_extract(data, '$.text') FROM events
                    WHERE id IN (SELECT max(id) FROM events WHERE type = 'note' AND item_id IN ({marks})
                                 GROUP BY item_id)""", chunk):
            out[r[0]] = r[1]
    return out


def export_rows(conn: sqlite3.Connection, f: Filters, as_of: dt.date, cal: WorkCalendar,
                soon: int = SOON_DEFAULT, labels: str | None = None) -> list[dict]:
    """Rows of the supervision list with `id` and EXPORT_KEYS.

    labels=None keeps ids (kind, status, light: 'review', 'open', 'red');
    'zh' or 'en' gives the labels a reader expects in a spreadsheet."""
    items = list_items(conn, f, as_of)
    progress = latest_progress(conn, [i["id"] for i in items])
    rows = []
    for i in items:
        lt = light(i, as_of, cal, soon)
        row = {"id": i["id"], **{k: i.get(k) for k in EXPORT_KEYS if k not in DERIVED_KEYS}}
        row["light"], row["days_left"], row["latest_progress"] = lt, days_left(i, as_of), progress.get(i["id"])
        row["provisional"] = bool(i["due_provisional"])
        if labels:
            row["kind"] = i["kind_en"] if labels == "en" else i["kind_zh"]
            row["status"] = label(labels, i["status"])
            row["light"] = label(labels, lt) if lt else None
        rows.append(row)
    return rows
