"""The supervision list (督办事项清单) out: its columns and rows, and the
writers for CSV, JSON, ICS and XLSX.

The export keys, in SPEC order; the derived ones are ignored on import.
`export_table` builds the rows once, for every output format.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from operator import itemgetter

from tracker.calendar import WorkCalendar
from tracker.i18n import field, label
from tracker.queries import SOON_DEFAULT, Filters, assist_units, filter_sql, light_of
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
    """The newest progress note of each item (of every item that has one
    when item_ids is None: one pass over the notes, for much of the ledger)."""
    sql = """SELECT item_id, json_extract(data, '$.text') FROM events
             WHERE id IN (SELECT max(id) FROM events INDEXED BY events_note WHERE type = 'note' {} GROUP BY item_id)"""
    if item_ids is None:
        return dict(conn.execute(sql.format("")))
    out: dict[int, str] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        out.update(conn.execute(sql.format(f"AND item_id IN ({','.join('?' * len(chunk))})"), chunk))
    return out


# A row of export_table: the cells in EXPORT_KEYS order, then these.
HIDDEN_KEYS = ("_light", "_status", "provisional")
ROW_KEYS = EXPORT_KEYS + HIDDEN_KEYS
N_CELLS = len(EXPORT_KEYS)


def export_table(
    conn: sqlite3.Connection,
    f: Filters,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int = SOON_DEFAULT,
    labels: str | None = None,
    limit: int | None = None,
    neutral: bool = False,
) -> list[tuple]:
    """The supervision list, most urgent first (due date, then id): one tuple
    per item, ROW_KEYS order (the EXPORT_KEYS cells, then id, the light and
    status ids and the provisional flag).

    labels=None keeps ids (kind, status, light: 'review', 'open', 'red');
    'zh' or 'en' gives the labels a reader expects in a spreadsheet.
    neutral=True (for CSV) prefixes clerk text that a spreadsheet would take
    for a formula with ' (neutralise()); XLSX needs none, it stores text.

    This runs over up to the whole ledger, so it reads the items table
    without joins, in storage order, and names units, kinds and campaigns
    from small dictionaries: at 100k items that is several times cheaper
    than SQLite joining and walking the due-date index."""
    where, params = filter_sql(f, as_of)
    today = as_of.isoformat()
    soon_until = cal.add_workdays(as_of, soon).isoformat()
    units = dict(conn.execute("SELECT id, name FROM units"))
    campaigns = dict(conn.execute("SELECT id, name FROM campaigns"))
    kinds = {k: (zh if labels == "zh" else en if labels == "en" else k) for k, (zh, en) in kind_labels(conn).items()}
    status_label = {s: label(labels, s) if labels else s for s in ("open", "done", "cancelled")}
    light_label = {k: label(labels, k) if labels else k for k in ("red", "yellow", "green")}
    by_due: dict[str | None, tuple] = {}  # due date -> (light id, its label, days left), open items

    sql = (
        "SELECT i.id, i.ref_no, i.kind, i.title, i.source, i.unit_id, i.owner, i.received_on, i.due_on, i.rule,"
        f" i.status, i.closed_on, i.campaign_id, i.notes, i.due_provisional FROM items i {where}"
    )
    if limit:  # a few of the most urgent: the index gives them in order
        sql += f" ORDER BY i.due_on, i.id LIMIT {int(limit)}"
    cur = conn.cursor()
    cur.row_factory = None
    fetched = cur.execute(sql, params).fetchall()
    if not limit:
        fetched = _most_urgent_first(fetched)
    # assisting units and progress notes: of every item when these are much
    # of the ledger (one pass over those tables), else of these by id
    ids = [r[0] for r in fetched] if len(fetched) <= 5000 else None
    assist, progress = assist_units(conn, ids), latest_progress(conn, ids)
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
) -> list[dict]:
    """export_table() as dictionaries keyed by ROW_KEYS, for callers that
    show a few rows by name."""
    return [dict(zip(ROW_KEYS, r)) for r in export_table(conn, f, as_of, cal, soon, labels, limit, neutral)]


# ------------------------------------------------------------------ export --
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would read as a formula, prefixed with ' so it stays text."""
    if value.__class__ is str and value[:1] in _FORMULA_CHARS and value:
        return "'" + value
    return value


_FORMULA_CHARS = frozenset(FORMULA_START)


def unneutralise(value: str) -> str:
    """Undo neutralise() on import: '=x → =x."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


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


def write_xlsx(
    rows: list[tuple],
    path,
    header_lang: str,
    lang: str,
    as_of: dt.date,
    filters: dict,
    progress=None,
    hearings: list | None = None,
) -> None:
    """The supervision list as an Excel workbook: sheet 1 the list (bold
    frozen header, autofilter, widths fitted to Chinese text, red/yellow
    fills by light), sheet 2 the as-of date, filters and counts, sheet 3 the hearings. Rows
    from export_table().

    Written with XlsxWriter in constant-memory mode: rows stream to disk,
    text is always written as text (never a formula), and 100k rows take a
    few seconds (openpyxl's writer needed about twice as long)."""
    import xlsxwriter

    from tracker.text import cell_width

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("督办事项清单" if lang != "en" else "Supervision list")
    hdr = headers(header_lang)
    widths = [cell_width(h) for h in hdr]
    for r in rows[:2000]:  # widths from a sample: enough to fit, cheap at 1M
        for n, c in enumerate(r[:N_CELLS]):
            if c is not None:
                widths[n] = max(widths[n], min(cell_width(str(c)), 60))
    for n, w in enumerate(widths):
        ws.set_column(n, n, w + 2)
    bold = wb.add_format({"bold": True})
    fills = {k: wb.add_format({"bg_color": f"#{v}", "pattern": 1}) for k, v in LIGHT_FILLS.items()}
    ws.write_row(0, 0, hdr, bold)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(hdr) - 1)
    write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
    light_col = ROW_KEYS.index("_light")
    for n, r in enumerate(rows, 1):
        fill = fills.get(r[light_col])
        for col in range(N_CELLS):
            v = r[col]
            if v is None or v == "":
                if fill is not None:
                    write_blank(n, col, None, fill)
            elif v.__class__ is str:
                write_string(n, col, v, fill)  # text stays text, whatever it starts with
            else:
                write_number(n, col, v, fill)
        if progress and n % 1000 == 0:
            progress.advance(1000)
    info = wb.add_worksheet("说明" if lang != "en" else "About")
    counts = {"red": 0, "yellow": 0, "green": 0}
    for lt in (r[light_col] for r in rows):
        if lt in counts:
            counts[lt] += 1
    lines: list[tuple[str, str | int]] = [("截至日期" if lang != "en" else "as of", as_of.isoformat())]
    lines += [(("筛选：" if lang != "en" else "filter: ") + k, str(v)) for k, v in filters.items()]
    lines += [("事项数" if lang != "en" else "items", len(rows))]
    lines += [(label(lang, k), v) for k, v in counts.items()]
    for n, (name, value) in enumerate(lines):
        info.write_string(n, 0, name)
        if isinstance(value, str):
            info.write_string(n, 1, value)
        else:
            info.write_number(n, 1, value)
    info.set_column(0, 1, 16)
    if hearings is not None:
        write_hearings_sheet(wb, hearings, lang)
    try:
        wb.close()
    except xlsxwriter.exceptions.FileCreateError as e:  # as the OSError it wraps
        raise OSError(*e.args[0].args) if isinstance(e.args[0], OSError) else OSError(str(e)) from e


def write_hearings_sheet(wb, hearings: list, lang: str) -> None:
    """The hearings (tracker.legal.Hearing) of the exported items on their
    own sheet of workbook `wb`: case, date, time, place, type, attendance."""
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
            if isinstance(v, int):
                ws.write_number(n, col, v)
            else:
                ws.write_string(n, col, v)
                widths[col] = max(widths[col], min(cell_width(v), 40))
    for col, w in enumerate(widths):
        ws.set_column(col, col, w + 2)
    ws.autofilter(0, 0, len(hearings), len(hdr) - 1)
