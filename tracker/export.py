"""The supervision list (督办事项清单) out: its columns and rows, and the
writers for CSV, JSON, ICS and XLSX.

The export keys, in SPEC order; the derived ones are ignored on import.
`export_table` builds the rows once, for every output format.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterable
from operator import itemgetter

from tracker.calendar import WorkCalendar
from tracker.db import snapshot
from tracker.files import with_scratch_folder
from tracker.i18n import field, label, t
from tracker.queries import SOON_DEFAULT, Filters, assist_units, filter_sql, light_of, per_item
from tracker.vocab import kind_labels

EXPORT_KEYS = (
    "ref_no",
    "kind",
    "title",
    "source",
    "unit",
    "assist_units",
    "owner",
    "received_on",
    "due_on",
    "rule",
    "status",
    "closed_on",
    "campaign",
    "notes",
    "light",
    "days_left",
    "latest_progress",
    "id",
)
DERIVED_KEYS = ("light", "days_left", "latest_progress")  # shown, ignored on import


def headers(lang_of_headers: str) -> list[str]:
    """The column headers: zh labels, or for `--headers en` the keys themselves."""
    return list(EXPORT_KEYS) if lang_of_headers == "en" else [field("zh", k) for k in EXPORT_KEYS]


def latest_progress(conn: sqlite3.Connection, item_ids: list[int] | None) -> dict[int, str]:
    """The newest progress note of each item (items.note_id, kept by the
    ledger), of every item that has one when item_ids is None."""
    sql = (
        "SELECT n.id, json_extract(e.data, '$.text') FROM items n JOIN events e ON e.id = n.note_id "
        "WHERE n.note_id IS NOT NULL"
    )
    return per_item(conn, sql, "n.id", item_ids)


# A row of export_table: the cells in EXPORT_KEYS order, then these.
HIDDEN_KEYS = ("_light", "_status", "provisional")
ROW_KEYS = EXPORT_KEYS + HIDDEN_KEYS
N_CELLS = len(EXPORT_KEYS)


_ITEM_SQL = (
    "SELECT i.id, i.ref_no, i.kind, i.title, i.source, i.unit_id, i.owner, i.received_on, i.due_on, i.rule,"
    " i.status, i.closed_on, i.campaign_id, i.notes, i.due_provisional FROM items i"
)


def export_table(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int = SOON_DEFAULT,
    labels: str | None = None,
    limit: int | None = None,
    neutral: bool = False,
    details: bool = True,
) -> list[tuple]:
    """The supervision list, most urgent first (due date, then id): one tuple
    per item, ROW_KEYS order (the EXPORT_KEYS cells, then id, the light and
    status ids and the provisional flag).

    labels=None keeps ids (kind, status, light: 'review', 'open', 'red');
    'zh' or 'en' gives the labels a reader expects in a spreadsheet.
    neutral=True (for CSV) prefixes clerk text that a spreadsheet would take
    for a formula with ' (neutralise()); XLSX needs none, it stores text.
    details=False leaves out the assisting units and the latest progress
    (None), which a table on the screen does not show.

    This runs over up to the whole ledger, so it reads the items table
    without joins, in storage order, and names units, kinds and campaigns
    from small dictionaries: at 100k items that is several times cheaper
    than SQLite joining and walking the due-date index."""
    where, params = filter_sql(f, as_of)
    sql = _ITEM_SQL + where
    if limit:  # a few of the most urgent: the index gives them in order
        sql += f" ORDER BY i.due_on, i.id LIMIT {int(limit)}"
    cur = conn.cursor()
    cur.row_factory = None
    fetched = cur.execute(sql, params).fetchall()
    if not limit:
        fetched = _most_urgent_first(fetched)
    return _table_rows(conn, fetched, as_of, cal, soon, labels, neutral, details)


def _rows_of(
    conn: sqlite3.Connection,
    ids: list[int],
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int,
    labels: str | None,
    neutral: bool,
) -> list[tuple]:
    """export_table's rows of the items `ids`, in that order."""
    cur = conn.cursor()
    cur.row_factory = None
    fetched: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        fetched += cur.execute(f"{_ITEM_SQL} WHERE i.id IN ({','.join('?' * len(chunk))})", chunk)
    place = {id_: n for n, id_ in enumerate(ids)}
    fetched.sort(key=lambda r: place[r[0]])
    return _table_rows(conn, fetched, as_of, cal, soon, labels, neutral)


def _table_rows(
    conn: sqlite3.Connection,
    fetched: list[tuple],
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int,
    labels: str | None,
    neutral: bool,
    details: bool = True,
) -> list[tuple]:
    """The rows of export_table from items as _ITEM_SQL reads them."""
    today = as_of.isoformat()
    soon_until = cal.add_workdays(as_of, soon).isoformat()
    units = dict(conn.execute("SELECT id, name FROM units"))
    campaigns = dict(conn.execute("SELECT id, name FROM campaigns"))
    kinds = {k: (zh if labels == "zh" else en if labels == "en" else k) for k, (zh, en) in kind_labels(conn).items()}
    status_label = {s: label(labels, s) if labels else s for s in ("open", "done", "cancelled")}
    light_label = {k: label(labels, k) if labels else k for k in ("red", "yellow", "green")}
    by_due: dict[str | None, tuple] = {}  # due date -> (light id, its label, days left), open items
    # assisting units and progress notes: of every item when these are much
    # of the ledger (one pass over those tables), else of these by id
    ids = [r[0] for r in fetched] if len(fetched) <= 5000 else None
    assist, progress = (assist_units(conn, ids), latest_progress(conn, ids)) if details else ({}, {})
    if neutral:
        for names in (units, campaigns, assist, progress):
            for k, v in names.items():
                names[k] = neutralise(v)
    risky = _FORMULA_CHARS if neutral else ()
    rows: list[tuple] = []
    append, unit_of, campaign_of, assist_of, progress_of = (
        rows.append,
        units.get,
        campaigns.get,
        assist.get,
        progress.get,
    )
    for (
        id_,
        ref_no,
        kind,
        title,
        source,
        unit_id,
        owner,
        received,
        due,
        rule,
        status,
        closed,
        campaign_id,
        notes,
        provisional,
    ) in fetched:
        if risky and (
            (ref_no and ref_no[0] in risky)
            or (title and title[0] in risky)
            or (source and source[0] in risky)
            or (owner and owner[0] in risky)
            or (notes and notes[0] in risky)
        ):
            ref_no, title, source, owner, notes = map(neutralise, (ref_no, title, source, owner, notes))
        if status == "open":
            day = by_due.get(due)
            if day is None:
                lt = light_of(status, due, today, soon_until)
                day = by_due[due] = (
                    lt,
                    lt and light_label.get(lt),
                    (dt.date.fromisoformat(due) - as_of).days if lt else None,
                )
            lt, lt_label, left = day
        else:
            lt = lt_label = left = None
        append(
            (
                ref_no,
                kinds.get(kind, kind),
                title,
                source,
                unit_of(unit_id),
                assist_of(id_),
                owner,
                received,
                due,
                rule,
                status_label[status],
                closed,
                campaign_of(campaign_id),
                notes,
                lt_label,
                left,
                progress_of(id_),
                id_,
                lt,
                status,
                provisional == 1,
            )
        )
    return rows


def _most_urgent_first(fetched: list[tuple]) -> list[tuple]:
    """Items (id first, due date ninth) by due date then id, undated first
    (SQL's order for NULLs)."""
    fetched.sort(key=itemgetter(0))
    undated = [r for r in fetched if r[8] is None]
    dated = [r for r in fetched if r[8] is not None] if undated else fetched
    dated.sort(key=itemgetter(8))  # stable: ids stay in order within a day
    return undated + dated if undated else dated


def export_rows(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int = SOON_DEFAULT,
    labels: str | None = None,
    limit: int | None = None,
    neutral: bool = False,
    details: bool = True,
) -> list[dict]:
    """export_table() as dictionaries keyed by ROW_KEYS, for callers that
    show a few rows by name."""
    return [dict(zip(ROW_KEYS, r)) for r in export_table(conn, f, as_of, cal, soon, labels, limit, neutral, details)]


# ----------------------------------------------------- the list as lines --
# CSV and JSON of a large list: SQLite writes each item's cells as one JSON
# array (json_array: the cells quoted and escaped in C), or for JSON as the
# item's object, and hands it over as bytes; Python sorts these lines and
# turns a chunk of them at a time into CSV or JSON with a few byte
# operations over the whole chunk. At 100k items that is most of the time
# saved: no Python object per cell, no Python code per row. For CSV a line
# needs no more than that when its cells hold no comma, no backslash (so
# nothing SQLite escaped: no quote, tab, line break or control character),
# no DEL or C1 control and no cell a spreadsheet would take for a formula; a
# few byte searches over the chunk find out. The few lines that do are read
# back (json.loads) and written cell by cell as write_csv writes a row. A
# JSON object is written as SQLite wrote it (DEL, C1 controls and line
# separators escaped, as json_text escapes them). A line whose progress note
# is not a text (a NUL stands for it) is written from export_table's row of
# its item. The CSV is byte for byte what write_csv writes of export_table's
# rows; the JSON holds what write_json writes (a short list: byte for byte).

# The newest progress note's text, as latest_progress() reads it: kept with
# the item (items.note_text), or where it is no JSON string read from the
# note's event (items.note_id); a note whose text reads as a real number
# (SQLite writes it with fewer digits than Python; an integer beyond 64 bits
# reads so too), an object or an array becomes a NUL, so that its item's
# line is written from its row.
_LATEST_NOTE = (
    "coalesce(i.note_text, CASE WHEN i.note_id IS NOT NULL THEN (SELECT"
    " iif(json_type(e.data, '$.text') IN ('object', 'array') OR typeof(json_extract(e.data, '$.text')) = 'real',"
    " char(0), json_extract(e.data, '$.text')) FROM events e WHERE e.id = i.note_id) END)"
)
_LINE_CHUNK = 2048
_ID_BITS = 32  # an export's sort key: the due date above the id (ids below 2**32)
_ID_MASK = (1 << _ID_BITS) - 1
_NO_TEXT = b"\\u0000"  # a NUL, as SQLite writes it in a line
# The cells CSV prefixes with ' when they start like a formula (export_table's
# neutral=True): the clerk's text, units, campaigns, notes.
_NEUTRAL_CELLS = tuple(
    EXPORT_KEYS.index(k)
    for k in ("ref_no", "title", "source", "unit", "assist_units", "owner", "campaign", "notes", "latest_progress")
)
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # U+0080 to U+009F in UTF-8
_FORMULA_CELL = re.compile(rb'"[-=+@]')  # a quoted cell that starts like a formula
_TAB_OR_CR_FIRST = re.compile(rb'"\\[tr]')  # or with a tab or carriage return (escaped in JSON)


def _plain(lines: bytes) -> bool:
    """Whether SQLite escaped nothing in these lines (no quote, backslash,
    tab, line break or control character) and they hold no DEL or C1
    control: byte searches, much faster than a regex over the chunk."""
    return b"\\" not in lines and b"\x7f" not in lines and (b"\xc2" not in lines or _C1.search(lines) is None)


def _formula_like(lines: bytes) -> bool:
    """Whether a cell in these lines starts like a formula ('-' is in every
    date, so it is looked for after a quote)."""
    if b"=" in lines or b"+" in lines or b"@" in lines or b'"-' in lines:
        return _FORMULA_CELL.search(lines) is not None
    return False


def _line_sql(where: str, labels: str | None, csv: bool, objects: bool = False) -> str:
    """SELECT the sort key (the due date as YYYYMMDD, 0 for none, shifted
    above the id: one integer orders by due date, then id) and the cells as
    a JSON array (`objects`: a JSON object of EXPORT_KEYS), of the items
    `where` selects. For CSV every NULL is ''."""
    if labels in ("zh", "en"):
        kind = f"ifnull(k.label_{labels}, i.kind)"
        status = (
            "CASE i.status WHEN 'open' THEN :x_open WHEN 'done' THEN :x_done WHEN 'cancelled' THEN :x_cancelled END"
        )
        light = (":x_red", ":x_yellow", ":x_green")
    else:
        kind, status, light = "i.kind", "i.status", ("'red'", "'yellow'", "'green'")
    due_open = "i.status = 'open' AND i.due_on IS NOT NULL"
    cells = {
        "ref_no": "i.ref_no",
        "kind": kind,
        "title": "i.title",
        "source": "i.source",
        "unit": "u.name",
        "assist_units": "i.assist_names",  # kept by triggers, as assist_units() joins them
        "owner": "i.owner",
        "received_on": "i.received_on",
        "due_on": "i.due_on",
        "rule": "i.rule",
        "status": status,
        "closed_on": "i.closed_on",
        "campaign": "c.name",
        "notes": "i.notes",
        "light": f"CASE WHEN {due_open} THEN CASE WHEN i.due_on < :x_today THEN {light[0]}"
        f" WHEN i.due_on <= :x_soon_until THEN {light[1]} ELSE {light[2]} END END",
        "days_left": f"CASE WHEN {due_open} THEN CAST(julianday(i.due_on) - :x_today_jd AS INTEGER) END",
        "latest_progress": _LATEST_NOTE,
        "id": "i.id",
    }
    values = [f"ifnull({cells[k]}, '')" if csv and k != "id" else cells[k] for k in EXPORT_KEYS]
    if objects:
        line = "json_object(" + ", ".join(f"'{k}', {v}" for k, v in zip(EXPORT_KEYS, values)) + ")"
    else:
        line = f"json_array({', '.join(values)})"
    return (
        f"SELECT ifnull(CAST(replace(i.due_on, '-', '') AS INTEGER), 0) << {_ID_BITS} | i.id,"
        f" CAST({line} AS BLOB) FROM items i"
        + (" LEFT JOIN kinds k ON k.id = i.kind" if labels else "")
        + f" LEFT JOIN units u ON u.id = i.unit_id LEFT JOIN campaigns c ON c.id = i.campaign_id{where}"
    )


def _export_lines(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int,
    labels: str | None,
    csv: bool,
    objects: bool = False,
) -> list[tuple[int, bytes]]:
    """(sort key, cells as a JSON array or object) of the items `f` selects, most
    urgent first (as export_table): by due date ('' first, as NULL in SQL),
    then id."""
    where, params = filter_sql(f, as_of)
    params.update(
        x_today=as_of.isoformat(),
        x_today_jd=as_of.toordinal() + 1721424.5,  # julianday() of as_of
        x_soon_until=cal.add_workdays(as_of, soon).isoformat(),
    )
    if labels:
        params.update({f"x_{k}": label(labels, k) for k in ("open", "done", "cancelled", "red", "yellow", "green")})
    cur = conn.cursor()
    cur.row_factory = None
    lines = cur.execute(_line_sql(where, labels, csv, objects), params).fetchall()
    lines.sort(key=itemgetter(0))
    return lines


def _ids(lines: list[tuple[int, bytes]]) -> list[int]:
    """The items' ids in these lines, in their order."""
    return [r[0] & _ID_MASK for r in lines]


def export_csv(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    out,
    header_lang: str,
    soon: int = SOON_DEFAULT,
) -> int:
    """The list `f` selects as CSV to the binary stream `out`: byte for byte
    what write_csv() writes of export_table(labels=..., neutral=True), for a
    fraction of the time. Returns the number of items."""
    import csv
    import io
    import json

    from tracker.text import ControlFree

    labels = None if header_lang == "en" else "zh"
    buf = io.StringIO()
    w = csv.writer(ControlFree(buf), lineterminator="\r\n")
    buf.write("\ufeff")
    w.writerow(headers(header_lang))
    out.write(buf.getvalue().encode())

    def row_text(cells) -> bytes:
        buf.seek(0)
        buf.truncate()
        w.writerow(cells)  # one write a row, as write_csv's
        return buf.getvalue().encode()

    def fine(lines: bytes, n: int) -> bool:  # no cell needs quoting, a ' or control characters dropped
        return _plain(lines) and not _formula_like(lines) and lines.count(b",") == (N_CELLS - 1) * n

    def as_csv(lines: bytes) -> bytes:  # ["a","",-3,7]\n[... -> a,,-3,7\r\n...
        return lines.translate(None, b'"').replace(b"]\n[", b"\r\n")[1:-1] + b"\r\n"

    def cells_of(part: list, chunk: bytes) -> list[list]:
        """The cells of these lines, with a ' before those that start like a formula."""
        rows = json.loads(b"[" + b",".join([r[1] for r in part]) + b"]")
        if _formula_like(chunk) or _TAB_OR_CR_FIRST.search(chunk):
            for r, cells in zip(part, rows):
                if _formula_like(r[1]) or _TAB_OR_CR_FIRST.search(r[1]):
                    for n in _NEUTRAL_CELLS:
                        cells[n] = neutralise(cells[n])
        return rows

    with snapshot(conn):
        lines = _export_lines(conn, f, as_of, cal, soon, labels, csv=True)
        for start in range(0, len(lines), _LINE_CHUNK):
            part = lines[start : start + _LINE_CHUNK]
            chunk = b"\n".join([r[1] for r in part])
            if fine(chunk, len(part)):
                out.write(as_csv(chunk))
            elif _NO_TEXT not in chunk:  # the lines read back, written by the csv module
                rows = cells_of(part, chunk)
                whole = io.StringIO()
                csv.writer(whole, lineterminator="\r\n").writerows(rows)
                text = whole.getvalue()
                if ControlFree.changes(text):  # then row by row, as write_csv writes them
                    out.write(b"".join([row_text(cells) for cells in rows]))
                else:
                    out.write(text.encode())
            else:  # a note that is no text: the lines from export_table's rows (in the order asked)
                rows_of = _rows_of(conn, _ids(part), as_of, cal, soon, labels, neutral=True)
                out.write(b"".join([row_text(r[:N_CELLS]) for r in rows_of]))
    return len(lines)


def export_json(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    out,
    soon: int = SOON_DEFAULT,
) -> int:
    """The list `f` selects as JSON to the binary stream `out`: the objects
    write_json() writes of export_table(), for a fraction of the time. A
    short list is written as write_json writes it (indented); a longer one
    one object to a line, each as SQLite writes it (no spaces), as the
    morning report's JSON writes its items. Returns the number of items."""
    import json

    from tracker.text import JSON_INDENTED_BELOW, json_safe_utf8, json_text

    def chunks(lines):  # the objects, a chunk at a time, one to a line
        for start in range(0, len(lines), _LINE_CHUNK):
            part = lines[start : start + _LINE_CHUNK]
            chunk = b",\n".join([r[1] for r in part])
            if _NO_TEXT in chunk:  # a note that is no text: written from export_table's rows
                rows = _rows_of(conn, _ids(part), as_of, cal, soon, None, neutral=False)
                chunk = ",\n".join(
                    [json.dumps(dict(zip(EXPORT_KEYS, r)), ensure_ascii=False, separators=(",", ":")) for r in rows]
                ).encode()
            yield chunk

    with snapshot(conn):
        lines = _export_lines(conn, f, as_of, cal, soon, None, csv=False, objects=True)
        parts: Iterable[bytes] = chunks(lines)
        # json_text may indent a list this short (each object takes at least
        # that many characters): then written as write_json writes it
        if len(lines) * (len(json.dumps(dict.fromkeys(EXPORT_KEYS, 0))) + 2) < JSON_INDENTED_BELOW:
            parts = list(parts)
            objects = json.loads(b"[" + b",".join(parts) + b"]")
            if len(json.dumps(objects, ensure_ascii=False)) < JSON_INDENTED_BELOW:
                out.write(json_text(objects).encode())
                return len(lines)
        out.write(b"[\n")
        for n, chunk in enumerate(parts):
            out.write((b",\n" if n else b"") + json_safe_utf8(chunk))
        out.write(b"\n]\n")
    return len(lines)


# ------------------------------------------------------------------ export --
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would read as a formula, prefixed with ' so it stays text."""
    if value.__class__ is str and value[:1] in _FORMULA_CHARS and value:
        return "'" + value
    return value


_FORMULA_CHARS = frozenset(FORMULA_START)


def write_csv(rows: list[tuple], out, header_lang: str) -> None:
    """CSV with a BOM (so Excel and WPS read UTF-8), one header row; rows
    from export_table(neutral=True)."""
    import csv

    from tracker.text import ControlFree

    out.write("\ufeff")
    w = csv.writer(ControlFree(out), lineterminator="\r\n")
    w.writerow(headers(header_lang))
    w.writerows(map(itemgetter(*range(N_CELLS)), rows))  # the cells, one short-lived tuple at a time


def write_json(rows: list[tuple], out) -> None:
    from tracker.text import json_text

    out.write(json_text([dict(zip(EXPORT_KEYS, r)) for r in rows]))


def _alarm(text: str, before: dt.timedelta):
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    return alarm


def write_ics(rows: list[tuple], out, lang: str, as_of: dt.date, hearings: list | None = None) -> int:
    """One all-day event per open deadline (暂定 in the summary when the
    deadline is provisional), each with an alarm the day before; and each
    hearing of the exported items: a timed event when its time is known, an
    all-day one otherwise, with an alarm the day before. No control
    characters in any text. Returns the number of events."""
    from icalendar import Calendar, Event

    from tracker.text import safe

    cal = Calendar()
    cal.add("prodid", "-//tracker//督办台账//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "督办事项" if lang != "en" else "Supervision deadlines")
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    day = dt.timedelta(days=1)
    en = lang == "en"
    n = 0
    for r in map(dict, (zip(ROW_KEYS, r) for r in rows)):
        if r["_status"] != "open" or not r["due_on"]:
            continue
        due = dt.date.fromisoformat(r["due_on"])
        ev = Event()
        ev.add("uid", f"tracker-item-{r['id']}@tracker")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", due)
        ev.add("dtend", due + day)
        unit = f"（{safe(r['unit'])}）" if r["unit"] else ""
        mark = (" (provisional)" if en else "（暂定）") if r["provisional"] else ""
        summary = f"[{safe(r['kind'])}] {safe(r['title'])}{unit}{mark}"
        ev.add("summary", summary)
        desc = [
            f"{field(lang, k)}: {safe(r[k])}"
            for k in ("ref_no", "unit", "owner", "received_on", "due_on", "rule")
            if r.get(k)
        ]
        ev.add("description", "\n".join(desc))
        ev.add("categories", [safe(r["kind"])])
        ev.add_component(_alarm(summary, day))
        cal.add_component(ev)
        n += 1
    for h in hearings or ():
        n += _hearing_event(cal, h, lang, stamp)
    from tracker.text import ControlFree

    ControlFree(out).write(cal.to_ical().decode("utf-8"))
    return n


def _hearing_event(cal, h, lang: str, stamp: dt.datetime) -> int:
    """A hearing (tracker.legal.Hearing) as an event of `cal`."""
    from icalendar import Event

    from tracker.text import safe

    en = lang == "en"
    types = {"trial": ("开庭", "trial"), "hearing": ("听证", "hearing"), "mediation": ("调解", "mediation")}
    zh, en_ = types.get(h.type, (h.type, h.type))
    ev = Event()
    ev.add("uid", f"tracker-hearing-{h.hearing_id}@tracker")
    ev.add("dtstamp", stamp)
    day = dt.date.fromisoformat(h.date)
    if h.time:
        start = dt.datetime.combine(day, dt.time.fromisoformat(h.time))
        ev.add("dtstart", start)
        ev.add("dtend", start + dt.timedelta(hours=2))
    else:
        ev.add("dtstart", day)
        ev.add("dtend", day + dt.timedelta(days=1))
    summary = f"[{en_ if en else zh}] {safe(h.title)}" + (f" {safe(h.ref_no)}" if h.ref_no else "")
    ev.add("summary", summary)
    if h.place:
        ev.add("location", safe(h.place))
    ev.add("description", f"{field(lang, 'id')}: {h.item_id}" + (f"\n{safe(h.organ)}" if h.organ else ""))
    ev.add("categories", ["hearing"])
    ev.add_component(_alarm(summary, dt.timedelta(days=1)))
    cal.add_component(ev)
    return 1


LIGHT_FILLS = {"red": "FFC7CE", "yellow": "FFEB9C"}

# Printed widths (Excel character units) for the list on A4 landscape: a
# column is as wide as its text up to its cap; long text wraps (WRAP_KEYS).
# The caps add up to about 200 units: one page wide at three quarters size.
XLSX_CAPS = {
    "ref_no": 16,
    "kind": 8,
    "title": 24,
    "source": 9,
    "unit": 9,
    "assist_units": 9,
    "owner": 7,
    "received_on": 10.5,
    "due_on": 10.5,
    "rule": 12,
    "status": 7,
    "closed_on": 10.5,
    "campaign": 10,
    "notes": 16,
    "light": 5,
    "days_left": 10,
    "latest_progress": 20,
    "id": 6,
}
WRAP_KEYS = frozenset(
    (
        "title",
        "notes",
        "latest_progress",
        "ref_no",
        "kind",
        "source",
        "unit",
        "assist_units",
        "rule",
        "campaign",
        "days_left",
    )
)
DATE_KEYS = ("received_on", "due_on", "closed_on")
EXCEL_EPOCH = dt.date(1899, 12, 30)


def describe_filters(conn: sqlite3.Connection, f: Filters, lang: str) -> list[tuple[str, str]]:
    """The filters of an export as a reader says them: (name, value) in
    `lang`, e.g. ("状态", "办理中"), ("类型", "督办函"), ("只含逾期", "是")."""
    out: list[tuple[str, str]] = []
    kinds = kind_labels(conn)
    for key, value in f.describe().items():
        if key == "status":
            text = t(lang, "xlsx_all") if value == "all" else label(lang, value)
        elif key == "kind":
            zh, en = kinds.get(value, (value, value))
            text = en if lang == "en" else zh
        elif key == "overdue":
            text = t(lang, "xlsx_yes")
        else:
            text = str(value)
        name = (
            field(lang, key) if key in ("kind", "unit", "owner", "status", "campaign") else field(lang, f"xlsx_{key}")
        )
        out.append((name, text))
    return out


@with_scratch_folder("xlsx")
def write_xlsx(
    rows: list[tuple],
    path,
    header_lang: str,
    lang: str,
    as_of: dt.date,
    filters: list[tuple[str, str]] | dict,
    progress=None,
    cal: WorkCalendar | None = None,
    catalogue=None,
    hearings: list | None = None,
    *,
    scratch: str,
) -> None:
    """The supervision list as an Excel workbook that prints. Sheet 1: a
    title row (督办事项清单（截至2026年3月2日）), the bold header frozen and
    filtered under it, widths that fit Chinese text with long text
    wrapped, red/yellow rows by light, dates as date cells, rules in words
    (行政复议答复 10个工作日), time left as said everywhere (逾期3天 / 今日到期
    / 剩2个工作日); A4 landscape, one page wide, title and header on every
    page, page numbers in the footer. Sheet 2: the as-of date, the filters
    in words and the counts, in `lang`. Sheet 3: the hearings of the items, when given. Rows from export_table(); with zh
    headers its kinds, statuses and lights are words already.

    Written with XlsxWriter in constant-memory mode: rows stream to disk
    (its temporary files in `scratch`, a folder of their own removed
    however the write ends), text is always written as text (never a
    formula), and 100k rows take a few seconds (openpyxl's writer needed
    about twice as long)."""
    import xlsxwriter

    from tracker.deadlines import rule_words
    from tracker.sheet_rows import RowWriter
    from tracker.text import cell_width
    from tracker.timeleft import TimeLeft

    words = header_lang != "en"  # zh headers: the cells in words; en: the ids a program reads
    cell_lang = "zh" if words else "en"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": scratch})
    ws = wb.add_worksheet(t(lang, "xlsx_sheet_list"))
    hdr = headers(header_lang)
    ncols = len(hdr)
    keys = EXPORT_KEYS
    col_of = {k: n for n, k in enumerate(keys)}
    date_cols = {col_of[k] for k in DATE_KEYS}
    rule_col, days_col, received_col, due_col = (col_of[k] for k in ("rule", "days_left", "received_on", "due_on"))
    light_col, status_col = ROW_KEYS.index("_light"), ROW_KEYS.index("_status")

    # what the rule and time-left cells say, worked out once per distinct value
    rule_text: dict[tuple, str] = {}
    left_text: dict[str, str] = {}
    timeleft = TimeLeft(as_of, cal) if cal is not None and words else None

    def say_rule(rule, received):
        key = (rule, received)
        text = rule_text.get(key)
        if text is None:
            trigger = dt.date.fromisoformat(received) if received else None
            text = rule_text[key] = rule_words(catalogue, rule, trigger, cell_lang) if catalogue else rule
        return text

    def say_left(due):
        text = left_text.get(due)
        if text is None:
            text = left_text[due] = timeleft.say(cell_lang, due) if timeleft else ""
        return text

    widths = [min(cell_width(h), XLSX_CAPS[k]) for h, k in zip(hdr, keys)]
    for r in rows[:2000]:  # widths from a sample: enough to fit, cheap at 1M
        for n, c in enumerate(r[:N_CELLS]):
            if c is None:
                continue
            if n == rule_col and words and c:
                c = say_rule(c, r[received_col])
            elif n == days_col and timeleft and r[light_col]:
                c = say_left(r[due_col])
            widths[n] = max(widths[n], min(cell_width(str(c)) + 1, XLSX_CAPS[keys[n]]))
    for n, w in enumerate(widths):
        ws.set_column(n, n, max(w, 10 if n in date_cols else 4))

    # Ruled by printed gridlines rather than cell borders: an empty cell
    # then costs nothing to write (a million of them at 100k rows).
    base = {"font_size": 10, "valign": "top"}
    formats: dict[tuple, object] = {}

    def fmt(kind: str, fill: str | None):
        key = (kind, fill)
        if key not in formats:
            props = dict(base)
            if kind == "wrap":
                props["text_wrap"] = True
            elif kind == "date":
                props["num_format"] = "yyyy-mm-dd"
                props["align"] = "left"
            if fill:
                props.update(bg_color=f"#{LIGHT_FILLS[fill]}", pattern=1)
            formats[key] = wb.add_format(props)
        return formats[key]

    col_kind = ["date" if n in date_cols else "wrap" if keys[n] in WRAP_KEYS else "plain" for n in range(N_CELLS)]
    row_formats = {fill: [fmt(col_kind[n], fill) for n in range(N_CELLS)] for fill in (None, "red", "yellow")}

    title = t(lang, "xlsx_title", date=_long_date(as_of, lang))
    ws.set_row(0, 26)
    ws.merge_range(
        0,
        0,
        0,
        ncols - 1,
        title,
        wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"}),
    )
    head = wb.add_format(
        {
            **base,
            "bold": True,
            "text_wrap": True,
            "align": "center",
            "valign": "vcenter",
            "bg_color": "#D9E1F2",
            "pattern": 1,
        }
    )
    ws.write_row(1, 0, hdr, head)
    ws.freeze_panes(2, 0)
    ws.autofilter(1, 0, 1 + len(rows), ncols - 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, 1)
    ws.set_margins(left=0.4, right=0.4, top=0.55, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer(t(lang, "xlsx_footer"))
    ws.hide_gridlines(0)  # shown on screen and printed

    writer = RowWriter(ws, N_CELLS)
    # Row heights for wrapped text, set here: LibreOffice (and Excel, for a
    # row it has not laid out) shows a row with no height as one line.
    # Width estimated from the UTF-8 length (a CJK character: 3 bytes, 2
    # columns): no per-character work at 100k rows.
    # At 10 pt a CJK character takes up to 2 of the width units (the
    # default font's digits), a Latin one up to 1: rather a line too many
    # than text cut off.
    wrapped = [(col, max(widths[col] - 0.8, 2)) for col in range(N_CELLS) if col_kind[col] == "wrap"]
    serials = _Cache(lambda v: (dt.date.fromisoformat(v) - EXCEL_EPOCH).days)
    lefts = _Cache(say_left)
    rule_of = rule_col if words and catalogue is not None else None
    left_of = days_col if timeleft is not None else None
    for n, r in enumerate(rows, 2):
        cells = list(r[:N_CELLS])
        for col in date_cols:
            if cells[col]:
                cells[col] = serials[cells[col]]
        if rule_of is not None and cells[rule_of]:
            cells[rule_of] = say_rule(cells[rule_of], r[received_col])
        if left_of is not None:
            cells[left_of] = lefts[r[due_col]] if r[status_col] == "open" and r[due_col] else None
        lines = 1
        for col, room in wrapped:
            v = cells[col]
            if v.__class__ is str and len(v) > room / 2:
                size = len(v)
                need = -(-(size + (len(v.encode()) - size) // 2) // room)
                if need > lines:
                    lines = int(need)
        fill = r[light_col] in LIGHT_FILLS
        writer.row(
            n,
            cells,
            row_formats[r[light_col]] if fill else row_formats[None],
            13 * min(lines, 12) + 2 if lines > 1 else None,
            blanks=fill,  # a filled row is filled across: its empty cells too
        )
        if progress and n % 1000 == 0:
            progress.advance(1000)
    writer.finish()
    _about_sheet(wb, rows, lang, as_of, filters, light_col, status_col)
    if hearings is not None:
        write_hearings_sheet(wb, hearings, lang)
    try:
        wb.close()
    except xlsxwriter.exceptions.FileCreateError as e:  # as the OSError it wraps
        _drop_zip(e)
        raise OSError(*e.args[0].args) if isinstance(e.args[0], OSError) else OSError(str(e)) from e
    except OSError as e:  # a full disk while the zip was written
        _drop_zip(e)
        raise


def _drop_zip(e: BaseException) -> None:
    """After a failed write, close the zip file XlsxWriter left open without
    writing its end (the disk is full): otherwise it tries again when it is
    collected and prints a second error after the clerk's one line."""
    import zipfile

    seen: set[int] = set()
    errors: list[BaseException] = [e]
    while errors:
        err = errors.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        errors += [x for x in (err.__context__, err.__cause__, *err.args) if isinstance(x, BaseException)]
        tb = err.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    fp, value.fp = value.fp, None
                    try:
                        fp.close()  # its buffer cannot be written; the file is closed all the same
                    except OSError:
                        pass
            tb = tb.tb_next


def write_hearings_sheet(wb, hearings: list, lang: str) -> None:
    """The hearings (tracker.legal.Hearing) of the exported items on their
    own sheet of workbook `wb`: case, date, time, place, type, attendance."""
    from tracker.sheet_rows import RowWriter
    from tracker.text import cell_width

    en = lang == "en"
    ws = wb.add_worksheet("庭审" if not en else "Hearings")
    keys = ("hearing_id", "item_id", "ref_no", "title", "date", "time", "place", "type", "attended", "head")
    hdr = [field(lang, k) if k in ("ref_no", "title") else field(lang, f"legal_{k}") for k in keys]
    types = {"trial": ("开庭", "trial"), "hearing": ("听证", "hearing"), "mediation": ("调解", "mediation")}
    bold = wb.add_format({"bold": True})
    ws.write_row(0, 0, hdr, bold)
    ws.freeze_panes(1, 0)
    widths = [cell_width(x) for x in hdr]
    writer = RowWriter(ws, len(hdr), empty_text=True)
    plain = [None] * len(hdr)
    for n, h in enumerate(hearings, 1):
        values = [
            h.hearing_id,
            h.item_id,
            h.ref_no,
            h.title,
            h.date,
            h.time or "",
            h.place or "",
            types.get(h.type, (h.type, h.type))[en],
            h.attended or "",
            h.head or "",
        ]
        for col, v in enumerate(values):
            if not isinstance(v, int):
                widths[col] = max(widths[col], min(cell_width(v), 40))
        writer.row(n, values, plain)
    writer.finish()
    for col, w in enumerate(widths):
        ws.set_column(col, col, w + 2)
    ws.autofilter(0, 0, len(hearings), len(hdr) - 1)


class _Cache(dict):
    """A dict that works a missing value out once: cells repeat (a few
    hundred dates and rules across 100k rows)."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


def _long_date(d: dt.date, lang: str) -> str:
    return d.isoformat() if lang == "en" else f"{d.year}年{d.month}月{d.day}日"


def _about_sheet(wb, rows, lang, as_of, filters, light_col, status_col) -> None:
    """Sheet 2: when, what was selected, how many of each."""
    info = wb.add_worksheet(t(lang, "xlsx_sheet_about"))
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "yyyy-mm-dd", "align": "left"})
    counts = {"red": 0, "yellow": 0, "green": 0}
    statuses = {"open": 0, "done": 0, "cancelled": 0}
    for r in rows:
        if r[light_col] in counts:
            counts[r[light_col]] += 1
        if r[status_col] in statuses:
            statuses[r[status_col]] += 1
    pairs = filters if isinstance(filters, list) else [(k, str(v)) for k, v in filters.items()]
    info.write_string(0, 0, t(lang, "xlsx_title", date=_long_date(as_of, lang)), bold)
    info.write_string(2, 0, t(lang, "xlsx_as_of"))
    info.write_number(2, 1, (as_of - EXCEL_EPOCH).days, date)
    n = 3
    info.write_string(n, 0, t(lang, "xlsx_filters"), bold)
    for name, value in pairs or [(t(lang, "xlsx_no_filter"), "")]:
        n += 1
        info.write_string(n, 0, name)
        info.write_string(n, 1, value)
    n += 2
    info.write_string(n, 0, t(lang, "xlsx_counts"), bold)
    lines = [(t(lang, "xlsx_items"), len(rows))]
    lines += [(label(lang, k), v) for k, v in counts.items()]
    lines += [(label(lang, k), v) for k, v in statuses.items() if v]
    for name, value in lines:
        n += 1
        info.write_string(n, 0, name)
        info.write_number(n, 1, value)
    info.set_column(0, 0, 22)
    info.set_column(1, 1, 24)
