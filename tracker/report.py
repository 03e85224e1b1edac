"""The morning report and the on-time statistics: built once as data,
rendered per format (rich, text, md, html, json).

The report for day D: overdue (open, due before D, with calendar days
overdue), due today, due within N working days; grouped by unit in the
human formats; a summary; and each running campaign's progress.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from tracker.calendar import WorkCalendar
from tracker.i18n import field as field_name
from tracker.i18n import label, t
from tracker.legal import Hearing, coming_hearings
from tracker.queries import campaign_rows, item_filters, lagging_units
from tracker.text import (
    JSON_INDENTED_BELOW,
    cell_width,
    json_safe_utf8,
    json_text,
    percent,
    safe,
    share,
    side_by_side,
    table,
    table_lines,
    wrap,
)
from tracker.timeleft import TimeLeft, say_left
from tracker.vocab import kind_labels

CAP_PER_UNIT = 20  # human formats: items shown per unit and section unless --all
# ... and a section lists about this many rows at most: with more, each unit
# shows its most urgent (at least MIN_PER_UNIT) and counts the rest, so a
# large backlog still makes a report a person reads through.
SECTION_ROWS = 200
MIN_PER_UNIT = 3


class ReportItem(NamedTuple):
    """One line of the report (a tuple: thousands of them at a million items)."""

    id: int
    ref_no: str
    kind: str
    kind_zh: str
    kind_en: str
    title: str
    unit: str
    owner: str
    due_on: str
    days_overdue: int
    provisional: bool
    unit_count: int  # the unit's items in this section, shown or not
    workdays_left: int = 0  # working days to the deadline, negative when overdue

    @property
    def days_left(self) -> int:
        """Calendar days to the deadline, negative when overdue."""
        return -self[9]

    def as_json(self) -> dict:
        return {
            "id": self[0],
            "ref_no": self[1],
            "kind": self[2],
            "title": self[5],
            "unit": self[6],
            "owner": self[7],
            "due_on": self[8],
            "days_overdue": self[9],
            "provisional": bool(self[10]),
            "days_left": -self[9],
            "workdays_left": self[12],
        }


@dataclass
class CampaignProgress:
    id: int
    name: str
    start_on: str | None
    end_on: str | None
    cadence: str | None
    done: int
    total: int
    overdue: int
    lagging_units: list[str]


@dataclass
class Report:
    as_of: dt.date
    soon_working_days: int
    soon_until: dt.date
    filters: dict
    summary: dict
    overdue: list[ReportItem]
    due_today: list[ReportItem]
    due_soon: list[ReportItem]
    campaigns: list[CampaignProgress] = field(default_factory=list)
    hearings: list[Hearing] = field(default_factory=list)
    awaiting_review: list[ReportItem] = field(default_factory=list)  # tracker.units; the first `cap` when capped
    missing_reports: list[dict] = field(default_factory=list)  # tracker.units
    awaiting_total: int = 0  # items awaiting review, listed or not

    def as_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "soon_working_days": self.soon_working_days,
            "summary": self.summary,
            "overdue": [i.as_json() for i in self.overdue],
            "due_today": [i.as_json() for i in self.due_today],
            "due_soon": [i.as_json() for i in self.due_soon],
            "hearings": [h.as_json() for h in self.hearings],
            "awaiting_review": [i.as_json() for i in self.awaiting_review],
            "missing_reports": self.missing_reports,
            "campaigns": [asdict(c) for c in self.campaigns],
        }


# One unit's items in one section of the report, most urgent first, read
# from the open items' (unit, due date) index, which carries every column
# shown: a capped report reads the same few index entries at a million
# items as at a thousand, and never a table row.
_UNIT_SECTION = """
    SELECT i.id, coalesce(i.ref_no, ''), i.kind, i.title, coalesce(i.owner, ''), i.due_on, i.due_provisional
    FROM items i INDEXED BY items_open_unit
    WHERE i.unit_id IS :unit_id AND i.status = 'open' AND {cond} {extra}
    ORDER BY i.due_on, i.id LIMIT :cap
"""


def _items(
    conn, cond: str, extra: str, params: dict, as_of: dt.date, cap: int | None, names: dict
) -> tuple[list[ReportItem], int]:
    """A section: each unit's first `cap` items (all with None), fewer when
    the section would list more than SECTION_ROWS, most urgent first, each
    with its unit's count in the section; and the section's count."""
    per_unit = conn.execute(
        f"SELECT i.unit_id, count(*) FROM items i INDEXED BY items_open_due "
        f"WHERE i.status = 'open' AND {cond} {extra} GROUP BY i.unit_id",
        params,
    ).fetchall()
    if cap is not None and sum(min(n, cap) for _, n in per_unit) > SECTION_ROWS:
        cap = min(cap, max(MIN_PER_UNIT, SECTION_ROWS // len(per_unit)))
    sql = _UNIT_SECTION.format(cond=cond, extra=extra)
    cur = conn.cursor()
    cur.row_factory = None
    kinds, units, left = names["kinds"], names["units"], names["left"]
    days: dict[str, int] = {}
    items = []
    for unit_id, count in per_unit:
        unit = units.get(unit_id, "")
        for id_, ref_no, kind, title, owner, due, provisional in cur.execute(
            sql, {**params, "unit_id": unit_id, "cap": -1 if cap is None else cap}
        ):
            late = days.get(due)
            if late is None:
                late = days[due] = (as_of - dt.date.fromisoformat(due)).days
            zh, en = kinds.get(kind, (kind, kind))
            items.append(
                ReportItem(
                    id_,
                    ref_no,
                    kind,
                    zh,
                    en,
                    title,
                    unit,
                    owner,
                    due,
                    late,
                    provisional == 1,
                    count,
                    left.workdays(due),
                )
            )
    items.sort(key=lambda i: (i.due_on, i.id))
    return items, sum(count for _, count in per_unit)


# The report's three sections of open items, by due date (:d the as-of day,
# :until the end of the due-soon window).
SECTION_WHERE = {
    "overdue": "i.due_on < :d",
    "due_today": "i.due_on = :d",
    "due_soon": "i.due_on > :d AND i.due_on <= :until",
}


def _scope(as_of: dt.date, cal: WorkCalendar, soon: int, unit: str | None, kind: str | None) -> tuple:
    """The report's end of the due-soon window, and its filters as SQL
    over `items i` with their parameters (:d and :until among them)."""
    until = cal.add_workdays(as_of, soon)
    clauses, params = item_filters(unit=unit, kind=kind)
    params.update(d=as_of.isoformat(), until=until.isoformat())
    return until, "".join(" AND " + c for c in clauses), params


def _open_count(conn: sqlite3.Connection, extra: str, params: dict) -> int:
    return conn.execute(f"SELECT count(*) FROM items i WHERE i.status = 'open' {extra}", params).fetchone()[0]


def build_report(
    conn: sqlite3.Connection,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int = 3,
    unit: str | None = None,
    kind: str | None = None,
    cap: int | None = None,
) -> Report:
    """The morning report on day as_of. cap: at most this many items per unit
    and section (the human formats); None lists every one (JSON, --all)."""
    until, extra, params = _scope(as_of, cal, soon, unit, kind)
    names: dict = {
        "units": dict(conn.execute("SELECT id, name FROM units")),
        "kinds": kind_labels(conn),
        "left": TimeLeft(as_of, cal),
    }
    overdue, n_overdue = _items(conn, SECTION_WHERE["overdue"], extra, params, as_of, cap, names)
    today, n_today = _items(conn, SECTION_WHERE["due_today"], extra, params, as_of, cap, names)
    soon_items, n_soon = _items(conn, SECTION_WHERE["due_soon"], extra, params, as_of, cap, names)
    summary = {"open": _open_count(conn, extra, params), "overdue": n_overdue, "due_today": n_today, "due_soon": n_soon}
    campaigns = [] if (unit or kind) else running_campaigns(conn, as_of)
    filters = {k: v for k, v in (("unit", unit), ("kind", kind)) if v}
    hearings = coming_hearings(conn, as_of, until, extra, params)
    from tracker.units import report_sections

    awaiting, n_awaiting, missing = report_sections(conn, as_of, cal, unit, kind, names["kinds"], cap)
    return Report(
        as_of,
        soon,
        until,
        filters,
        summary,
        overdue,
        today,
        soon_items,
        campaigns,
        hearings,
        awaiting,
        missing,
        n_awaiting,
    )


# ------------------------------------------------------------------- json --
# The JSON report lists every item of its sections (thousands at a million
# items), so SQLite writes each item's entry (json_object, in C) and Python
# joins them: the same keys and values as ReportItem.as_json(), which
# tests/test_report.py holds it to. Working days left (TimeLeft) and days
# overdue, one pair per due date, are handed to SQLite as a JSON object.
_ENTRY_JSON = """json_object('id', i.id, 'ref_no', coalesce(i.ref_no, ''), 'kind', i.kind, 'title', i.title,
    'unit', coalesce(u.name, ''), 'owner', coalesce(i.owner, ''), 'due_on', i.due_on,
    'days_overdue', wd.late, 'provisional', iif(i.due_provisional, json('true'), json('false')),
    'days_left', -wd.late, 'workdays_left', wd.n)"""
_ENTRIES = """WITH wd(d, n, late) AS MATERIALIZED (
        SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:days))
    SELECT {entry} FROM items i INDEXED BY items_open_due {join}
    LEFT JOIN units u ON u.id = i.unit_id LEFT JOIN wd ON wd.d = i.due_on
    WHERE i.status = 'open' AND {cond} {extra} ORDER BY i.due_on, i.id"""


def report_json(
    conn: sqlite3.Connection,
    as_of: dt.date,
    cal: WorkCalendar,
    soon: int = 3,
    unit: str | None = None,
    kind: str | None = None,
) -> bytes:
    """The morning report as SPEC's JSON, UTF-8: render_json(build_report(...))
    written without a Python object per item."""
    import json

    until, extra, params = _scope(as_of, cal, soon, unit, kind)
    first, last = (  # two statements: each an end of the index, where one would read it all
        conn.execute(
            f"SELECT {end}(i.due_on) FROM items i INDEXED BY items_open_due WHERE i.status = 'open' {extra}", params
        ).fetchone()[0]
        for end in ("min", "max")
    )
    # every due date of an open item (awaiting review: any): each day from
    # the first to the last, or, when they are years apart (an item due in
    # 2099), the dates themselves
    left = TimeLeft(as_of, cal)
    day, end = (dt.date.fromisoformat(first), dt.date.fromisoformat(last)) if first else (until, until)
    if (end - day).days <= 1000:
        dates = [day + dt.timedelta(days=n) for n in range((end - day).days + 1)]
    else:
        dates = [
            dt.date.fromisoformat(r[0])
            for r in conn.execute(
                f"SELECT DISTINCT i.due_on FROM items i INDEXED BY items_open_due WHERE i.status = 'open' {extra}",
                params,
            )
        ]
    params["days"] = json.dumps({d.isoformat(): (left.workdays(d), (as_of - d).days) for d in dates})

    def entries(cond: str, join: str = "") -> list[str]:
        sql = _ENTRIES.format(entry=_ENTRY_JSON, join=join, cond=cond, extra=extra)
        return [r[0] for r in conn.execute(sql, params)]

    sections = {key: entries(where) for key, where in SECTION_WHERE.items()}
    summary = {"open": _open_count(conn, extra, params), **{k: len(v) for k, v in sections.items()}}
    from tracker.units import AWAITING_JOIN, missing_reports

    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = [
        f'"as_of": {dumps(as_of.isoformat())}',
        f'"soon_working_days": {soon}',
        f'"summary": {dumps(summary)}',
        *(f'"{k}": [{", ".join(v)}]' for k, v in sections.items()),
        f'"hearings": {dumps([h.as_json() for h in coming_hearings(conn, as_of, until, extra, params)])}',
        f'"awaiting_review": [{", ".join(entries("1", AWAITING_JOIN))}]',
        f'"missing_reports": {dumps([] if kind else missing_reports(conn, as_of, cal, unit))}',
        f'"campaigns": {dumps([] if (unit or kind) else [asdict(c) for c in running_campaigns(conn, as_of)])}',
    ]
    text = "{" + ", ".join(parts) + "}"
    if len(text) < JSON_INDENTED_BELOW:
        return json_text(json.loads(text)).encode()
    return json_safe_utf8(text.encode()) + b"\n"


def running_campaigns(conn: sqlite3.Connection, as_of: dt.date) -> list[CampaignProgress]:
    """Campaigns under way on as_of (started, not ended, or with open tasks)."""
    rows = [c for c in campaign_rows(conn, as_of, running=True) if c["total"]]
    lagging = lagging_units(conn, [c["id"] for c in rows], as_of)
    return [
        CampaignProgress(
            c["id"],
            c["name"],
            c["start_on"],
            c["end_on"],
            c["cadence"],
            c["done"],
            c["total"],
            c["overdue"],
            lagging.get(c["id"], [])[:5],
        )
        for c in rows
    ]


# ---------------------------------------------------------------- render --
# The human formats share one description of a report: its sections, each
# a table of the same columns across units; text, Markdown and HTML lay it
# out. A new section is a SECTIONS entry (its items a list of ReportItem on
# the Report) and a catalogue key rep_sec_<key>.

SECTIONS = (
    ("overdue", "red"),
    ("due_today", "yellow"),
    ("due_soon", "yellow"),
)
# The columns of every section, in order: the id last (the clerk reads the
# matter first; the id is for `tracker show`).
COLUMNS = ("ref_no", "title", "kind", "owner", "due_on", "time_left", "id")
TEXT_WIDTH = 80  # a report for mail or a file, and the narrowest terminal worth laying out for


def _column_name(lang: str, key: str) -> str:
    return field_name(lang, "col_time_left" if key == "time_left" else key)


def item_cells(i: ReportItem, lang: str) -> dict[str, str]:
    """What each column shows of an item, in `lang` (clerk text through safe())."""
    return {
        "ref_no": safe(i.ref_no),
        "title": safe(i.title),
        "kind": i.kind_en if lang == "en" else i.kind_zh,
        "owner": safe(i.owner),
        "due_on": i.due_on + ("*" if i.provisional else ""),
        "time_left": say_left(lang, i.days_left, i.workdays_left),
        "id": str(i.id),
    }


def _groups(items: list[ReportItem]) -> list[tuple[str, list[ReportItem]]]:
    """Items grouped by unit, units in order of their most urgent item."""
    groups: dict[str, list[ReportItem]] = {}
    for i in items:
        groups.setdefault(i.unit, []).append(i)
    return list(groups.items())


def _capped(items: list[ReportItem], cap: int | None) -> tuple[list[ReportItem], int]:
    """A unit's items to show, and how many more it has in the section."""
    shown = items if cap is None else items[:cap]
    return shown, items[0].unit_count - len(shown)


def _unit_name(unit: str, lang: str) -> str:
    return safe(unit) or t(lang, "rep_no_unit")


def _section_title(lang: str, key: str, report: Report) -> str:
    n = report.summary.get(key, len(getattr(report, key)))
    return t(lang, f"rep_sec_{key}", n=n, days=report.soon_working_days, until=report.soon_until.isoformat())


def _heading(report: Report, lang: str) -> str:
    f = "".join(f"  {k}={safe(v)}" for k, v in report.filters.items())
    return t(lang, "rep_heading", date=report.as_of.isoformat(), filters=f)


def _summary_line(report: Report, lang: str) -> str:
    return t(lang, "rep_summary", **report.summary)


def _campaign_pct(c: CampaignProgress) -> str:
    return share(c.done, c.total)


def _campaign_line(c: CampaignProgress, lang: str, lagging: bool = True) -> str:
    bar_len = 10
    filled = round(bar_len * c.done / c.total) if c.total else 0
    bar = "█" * filled + "░" * (bar_len - filled)
    text = t(
        lang,
        "rep_campaign",
        name=safe(c.name),
        bar=bar,
        done=c.done,
        total=c.total,
        pct=_campaign_pct(c),
        overdue=c.overdue,
    )
    if c.lagging_units and lagging:
        text += t(lang, "rep_lagging", units=label(lang, "cli_list_sep").join(map(safe, c.lagging_units)))
    return text


def _hearing_title(report: Report, lang: str) -> str:
    return t(lang, "rep_hearings", until=report.soon_until.isoformat(), n=len(report.hearings))


HEARING_COLUMNS = ("hearing_on", "ref_no", "title", "organ", "owner", "id")


def _hearing_headers(lang: str) -> list[str]:
    names = {"ref_no": "col_case_no", "organ": "col_court"}
    return [field_name(lang, names.get(k, k)) for k in HEARING_COLUMNS]


def _hearing_row(h: Hearing) -> list[str]:
    when = f"{h.date} {h.time}" if h.time else h.date
    return [when, safe(h.ref_no), safe(h.title), safe(h.place or h.organ), safe(h.owner), str(h.item_id)]


def _has_provisional(report: Report) -> bool:
    return any(i.provisional for key, _ in SECTIONS for i in getattr(report, key))


# ------------------------------------------------------------------ text --
def _text_columns(lang: str, cells: list[dict[str, str]], width: int) -> tuple[list, list[list], dict, set, dict]:
    """The text table of a section at `width` cells: every column side by
    side when the title keeps room to read (a line of at least 24 cells),
    else the reference and kind stacked under the title."""
    wide_keys = COLUMNS
    wide = [[c[k] for k in wide_keys] for c in cells]
    headers = [_column_name(lang, k) for k in wide_keys]
    caps = dict.fromkeys(range(4), width)  # ref, title, kind, owner: wrap when the line is full
    mins = {0: 10, 1: 24, 2: 8, 3: 8}
    if side_by_side(headers, wide, caps, width, mins, 1):
        return headers, wide, caps, {6}, mins
    keys = ("title", "owner", "due_on", "time_left", "id")
    stacked_headers: list = [[_column_name(lang, "title"), field_name(lang, "col_item_ref_kind")]] + [
        _column_name(lang, k) for k in keys[1:]
    ]
    stacked = [
        [[c["title"], " / ".join(x for x in (c["ref_no"], c["kind"]) if x)]] + [c[k] for k in keys[1:]] for c in cells
    ]
    return stacked_headers, stacked, {0: width, 1: 8}, {4}, {0: 16, 1: 8}


def render_lines(
    report: Report, lang: str, cap: int | None = CAP_PER_UNIT, width: int = TEXT_WIDTH
) -> list[tuple[str, str | None]]:
    """The text report as (line, style) pairs (style: a light or a heading),
    laid out for `width` cells: long titles, units and owners wrap within
    their column, nothing is cut."""
    indent = "    "
    out: list[tuple[str, str | None]] = [(_heading(report, lang), "title"), (_summary_line(report, lang), None)]
    for key, colour in SECTIONS:
        items = getattr(report, key)
        out.append(("", None))
        out.append((_section_title(lang, key, report), f"head-{colour}"))
        if not items:
            out.append(("  " + t(lang, "none"), None))
            continue
        groups = [(unit, group, *_capped(group, cap)) for unit, group in _groups(items)]
        cells = [item_cells(i, lang) for _, _, shown, _ in groups for i in shown]
        # One table per section, so columns line up across units.
        headers, rows, caps, right, mins = _text_columns(lang, cells, width - len(indent))
        head, body = table_lines(headers, rows, caps, right, width - len(indent), mins)
        out.extend((indent + ln, "dim") for ln in head)
        lines = iter(body)
        for unit, group, shown, more in groups:
            heading = t(lang, "rep_unit", unit=_unit_name(unit, lang), n=group[0].unit_count)
            out.extend(("  " + ln, "unit") for ln in wrap(heading, width - 2))
            for _ in shown:
                out.extend((indent + ln, colour) for ln in next(lines))
            if more:
                out.append((indent + t(lang, "rep_more", n=more), "dim"))
    if _has_provisional(report):
        out.append(("", None))
        out.append((t(lang, "rep_provisional_note"), "dim"))
    if report.hearings:
        out.append(("", None))
        out.append((_hearing_title(report, lang), "head-yellow"))
        # the title with its case number under it, so the court stays whole
        hh = _hearing_headers(lang)
        rows = [[r[0], [r[2], r[1]], r[3], r[4], r[5]] for r in map(_hearing_row, report.hearings)]
        head, body = table_lines(
            [hh[0], [hh[2], hh[1]], hh[3], hh[4], hh[5]],
            rows,
            {1: width, 2: 20, 3: 10},
            {4},
            width - len(indent),
            {1: 16, 2: 18, 3: 6},
        )
        out.extend((indent + ln, "dim") for ln in head)
        out.extend((indent + ln, "yellow") for row in body for ln in row)
    from tracker.units import report_text_sections

    for heading, section in report_text_sections(report, lang, cap):
        out += [("", None), (safe(heading), "head-yellow")] + [("  " + safe(line), None) for line in section]
    if report.campaigns:
        out.append(("", None))
        out.append((t(lang, "rep_campaigns"), "head-none"))
        for c in report.campaigns:
            style = "red" if c.overdue else None
            line = _campaign_line(c, lang)
            if cell_width(line) + 2 <= width:
                out.append(("  " + line, style))
                continue
            # too long for a line: the lagging units go on lines of their own
            main = _campaign_line(c, lang, lagging=False)
            out.extend(("  " + ln, style) for ln in wrap(main, width - 2))
            lag = t(lang, "rep_lagging_short", units=label(lang, "cli_list_sep").join(map(safe, c.lagging_units)))
            out.extend(("    " + ln, style) for ln in wrap(lag, width - 4))
    return out


def render_text(report: Report, lang: str, cap: int | None = CAP_PER_UNIT, width: int = TEXT_WIDTH) -> str:
    return "\n".join(line.rstrip() for line, _ in render_lines(report, lang, cap, width)) + "\n"


# -------------------------------------------------------------- markdown --
_MD_SPECIAL = re.compile(r"[\\`*_\[\]#|~]|^[-+>=]|(?<=^\d)[.)]|(?<=^\d\d)[.)]|(?<=^\d\d\d)[.)]")


def md_text(value) -> str:
    """Clerk text as inert Markdown: no control characters, HTML escaped
    (<script> shows as text), Markdown structure escaped (| # * _ [ ` …),
    newlines as spaces: a cell stays a cell, a name never becomes a heading."""
    text = html.escape(safe(value), quote=False)
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _md_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(md_text(h) for h in headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(md_text(c) for c in r) + " |" for r in rows),
    ]


def render_md(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> str:
    out = [f"# {md_text(_heading(report, lang))}", "", md_text(_summary_line(report, lang)), ""]
    headers = [_column_name(lang, k) for k in COLUMNS]
    for key, _ in SECTIONS:
        items = getattr(report, key)
        out += [f"## {md_text(_section_title(lang, key, report))}", ""]
        if not items:
            out += [md_text(t(lang, "none")), ""]
            continue
        for unit, group in _groups(items):
            shown, more = _capped(group, cap)
            heading = t(lang, "rep_unit", unit=_unit_name(unit, lang), n=group[0].unit_count)
            out += [f"### {md_text(heading)}", ""]
            cells = (item_cells(i, lang) for i in shown)
            out += _md_table(headers, [[c[k] for k in COLUMNS] for c in cells])
            if more:
                out += ["", md_text(t(lang, "rep_more", n=more))]
            out.append("")
    if _has_provisional(report):
        out += [md_text(t(lang, "rep_provisional_note")), ""]
    if report.hearings:
        out += [f"## {md_text(_hearing_title(report, lang))}", ""]
        out += _md_table(_hearing_headers(lang), [_hearing_row(h) for h in report.hearings])
        out.append("")
    from tracker.units import report_text_sections

    for heading, lines in report_text_sections(report, lang, cap):
        out += [f"## {md_text(heading)}", ""] + [f"- {md_text(line)}" for line in lines] + [""]
    if report.campaigns:
        out += [f"## {md_text(t(lang, 'rep_campaigns'))}", ""]
        out += [f"- {md_text(_campaign_line(c, lang))}" for c in report.campaigns]
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------ html --
# Self-contained (no fonts, scripts or images from elsewhere). Wide screens:
# one table per section with fixed column widths, so every unit's rows line
# up. Phones (≤ 640 px): each row a card of labelled lines, no sideways
# scrolling. Paper: A4, the header row repeated on each page, rows never
# split across pages.
_HTML_STYLE = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;color:#222;
line-height:1.45;max-width:1100px;margin:0 auto;padding:12px 16px}
h1{font-size:1.35em;margin:.4em 0}
h2{font-size:1.1em;margin:1.3em 0 .5em;padding:.2em .5em;border-left:6px solid #999;break-after:avoid}
h2.red{border-color:#c62828;color:#b71c1c}h2.yellow{border-color:#e6a100;color:#7a5600}
p{margin:.4em 0}.muted{color:#666}.summary{font-weight:bold}
table{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.92em}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere;word-break:normal}
thead th{background:#f3f3f3}
tr.unit th{background:#eef2f7;font-size:1.02em;border-top:2px solid #b0bec5}
tr.unit .n{font-weight:normal;color:#555;margin-left:.5em}
tr.red td{background:#fdecea}tr.yellow td{background:#fff8e1}
tr.more td{color:#666;background:#fafafa}
td.num{text-align:right;white-space:nowrap}td.date{white-space:nowrap}
table.stats thead th+th{text-align:right}tr.total td{font-weight:bold;border-top:2px solid #b0bec5}
col.c-ref_no{width:18%}col.c-kind{width:10%}col.c-owner{width:8%}col.c-due_on{width:11%}
col.c-time_left{width:12%}col.c-id{width:6%}
col.c-hearing_on{width:12%}col.c-organ{width:16%}
col.c-camp-name{width:30%}col.c-camp-bar{width:22%}col.c-camp-overdue{width:12%}
.bar{display:inline-block;width:100px;max-width:60%;height:10px;background:#eee;vertical-align:middle;margin-right:.4em}
.bar span{display:block;height:10px;background:#2e7d32}
@media (max-width:640px){
body{padding:8px 10px}
table,thead,tbody,tr,th,td{display:block;width:auto}
colgroup,thead{display:none}
table{font-size:1em}
tr.unit th{border:none;background:none;padding:.8em 0 .2em;border-bottom:2px solid #b0bec5}
tr.item,tr.row{display:flex;flex-wrap:wrap;column-gap:1.2em;border:1px solid #ddd;border-left:5px solid #bbb;
border-radius:4px;margin:.5em 0;padding:.35em .6em}
tr.red{border-left-color:#c62828}tr.yellow{border-left-color:#e6a100}
tr.item td,tr.row td{border:none;padding:.1em 0;background:none}
tr.red,tr.red td{background:#fdecea}tr.yellow,tr.yellow td{background:#fff8e1}
td[data-label]::before{content:attr(data-label);color:#666}
td.title{order:-1;flex-basis:100%;font-weight:bold;font-size:1.05em}td.title::before{display:none}
td.ref_no{flex-basis:100%}td.empty{display:none}
td.num{text-align:left}
tr.more td{border:none;background:none}
}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;padding:0;font-size:9.5pt}
col.c-ref_no{width:21%}col.c-kind{width:12%}col.c-id{width:6%}col.c-time_left{width:10%}col.c-due_on{width:12%}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
tr.unit{break-after:avoid;page-break-after:avoid}
h1,h2{break-after:avoid;page-break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def _html_page(title: str, lang: str, body: list[str]) -> str:
    e = html.escape
    return "\n".join(
        [
            f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title><style>{_HTML_STYLE}</style></head><body>",
            *body,
            "</body></html>\n",
        ]
    )


def _html_table(kind: str, keys: tuple[str, ...], headers: list[str], body: list[str]) -> list[str]:
    e = html.escape
    return [
        f'<table class="{kind}"><colgroup>' + "".join(f'<col class="c-{k}">' for k in keys) + "</colgroup>",
        "<thead><tr>" + "".join(f'<th scope="col">{e(h)}</th>' for h in headers) + "</tr></thead>",
        *body,
        "</table>",
    ]


_HTML_CLASS = {"title": "title", "due_on": "date", "id": "num", "time_left": "left", "hearing_on": "date"}


def _html_row(css: str, keys: tuple[str, ...], headers: list[str], values: list[str], colon: str) -> str:
    e = html.escape
    return (
        f'<tr class="{css}">'
        + "".join(
            f'<td class="{_HTML_CLASS.get(k, k)}{"" if v else " empty"}" data-label="{e(h + colon)}">{e(v)}</td>'
            for k, h, v in zip(keys, headers, values)
        )
        + "</tr>"
    )


def render_html(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> str:
    e = html.escape
    heading = _heading(report, lang)
    colon = t(lang, "cli_colon")
    out = [f"<h1>{e(heading)}</h1>", f'<p class="summary">{e(_summary_line(report, lang))}</p>']
    headers = [_column_name(lang, k) for k in COLUMNS]
    span = len(COLUMNS)
    for key, colour in SECTIONS:
        items = getattr(report, key)
        out.append(f'<section><h2 class="{colour}">{e(_section_title(lang, key, report))}</h2>')
        if not items:
            out.append(f'<p class="muted">{e(t(lang, "none"))}</p></section>')
            continue
        body = []
        for unit, group in _groups(items):
            shown, more = _capped(group, cap)
            count = t(lang, "rep_unit_count", n=group[0].unit_count)
            body.append(
                f'<tbody><tr class="unit"><th colspan="{span}" scope="rowgroup">{e(_unit_name(unit, lang))}'
                f'<span class="n">{e(count)}</span></th></tr>'
            )
            for i in shown:
                cells = item_cells(i, lang)
                body.append(_html_row(f"item {colour}", COLUMNS, headers, [cells[k] for k in COLUMNS], colon))
            if more:
                body.append(f'<tr class="more"><td colspan="{span}">{e(t(lang, "rep_more_short", n=more))}</td></tr>')
            body.append("</tbody>")
        out += _html_table("items", COLUMNS, headers, body)
        out.append("</section>")
    if _has_provisional(report):
        out.append(f'<p class="muted">{e(t(lang, "rep_provisional_note"))}</p>')
    if report.hearings:
        hh = _hearing_headers(lang)
        out.append(f'<section><h2 class="yellow">{e(_hearing_title(report, lang))}</h2>')
        rows = [_html_row("row yellow", HEARING_COLUMNS, hh, _hearing_row(h), colon) for h in report.hearings]
        out += _html_table("hearings", HEARING_COLUMNS, hh, ["<tbody>", *rows, "</tbody>"])
        out.append("</section>")
    from tracker.units import report_text_sections

    for heading, lines in report_text_sections(report, lang, cap):
        out.append(
            f'<section><h2 class="yellow">{e(heading)}</h2><ul>'
            + "".join(f"<li>{e(ln)}</li>" for ln in lines)
            + "</ul></section>"
        )
    if report.campaigns:
        keys = ("camp-name", "camp-bar", "camp-overdue", "camp-lag")
        ch = [field_name(lang, k) for k in ("col_name", "col_progress", "col_overdue_count", "col_lagging")]
        out.append(f"<section><h2>{e(t(lang, 'rep_campaigns'))}</h2>")
        rows = []
        for c in report.campaigns:
            pct = 100 * c.done / c.total if c.total else 0
            rows.append(
                f'<tr class="row{" red" if c.overdue else ""}">'
                f'<td class="title" data-label="{e(ch[0] + colon)}">{e(safe(c.name))}</td>'
                f'<td data-label="{e(ch[1] + colon)}"><span class="bar"><span style="width:{pct:.0f}%"></span></span>'
                f"{e(t(lang, 'rep_campaign_done', done=c.done, total=c.total, pct=_campaign_pct(c)))}</td>"
                f'<td data-label="{e(ch[2] + colon)}">{c.overdue}</td>'
                f'<td class="{"lag" if c.lagging_units else "empty"}" data-label="{e(ch[3] + colon)}">'
                f"{e(label(lang, 'cli_list_sep').join(map(safe, c.lagging_units)))}</td>"
                "</tr>"
            )
        out += _html_table("campaigns", keys, ch, ["<tbody>", *rows, "</tbody>"])
        out.append("</section>")
    return _html_page(heading, lang, out)


def render_json(report: Report) -> str:
    return json_text(report.as_json())


# ------------------------------------------------------------------ stats --
STAT_KEYS = ("due", "done", "done_on_time", "on_time_rate", "open_overdue", "extended", "done_date_unknown")
LETTER_KINDS = ("supervision", "reminder", "suggestion")


def letters_sent(conn: sqlite3.Connection, kinds: tuple[str, ...], date_from: str, date_to: str) -> dict[str, int]:
    """Items of `kinds` (letters) sent in [from, to], not cancelled: by their
    date (received_on), else the day they were entered (a letter entered
    without its date went out that day). The dated ones from the kinds'
    covering index; the few undated ones by their entry day."""
    out = dict.fromkeys(kinds, 0)
    for kind in kinds:
        (dated,) = conn.execute(
            "SELECT count(*) FROM items INDEXED BY items_kind_received "
            "WHERE kind = ? AND received_on BETWEEN ? AND ? AND status <> 'cancelled'",
            (kind, date_from, date_to),
        ).fetchone()
        (undated,) = conn.execute(
            "SELECT count(*) FROM items INDEXED BY items_kind_received "
            "WHERE kind = ? AND received_on IS NULL AND status <> 'cancelled' "
            "AND substr(created_at, 1, 10) BETWEEN ? AND ?",
            (kind, date_from, date_to),
        ).fetchone()
        out[kind] = dated + undated
    return out


def rate(part: int, whole: int) -> float | None:
    """part / whole to four places; None (shown as —) when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def build_stats(conn: sqlite3.Connection, date_from: dt.date, date_to: dt.date, as_of: dt.date) -> dict:
    """Per kind and in total, over the items (not cancelled) whose original
    due date falls in [from, to] and before the as-of day: due, done, done
    on time (closed by the lawful deadline: the statutory date or a lawful
    extension of it; for other items the approved deadline), on-time rate,
    still open past that deadline, extended, done with the date unknown;
    and letters sent in the period (by received date, else the day they
    were entered)."""
    from tracker.legal import LAWFUL_DUE

    kinds = kind_labels(conn)
    last = min(date_to, as_of - dt.timedelta(days=1)).isoformat()
    params = {"as_of": as_of.isoformat(), "f": date_from.isoformat(), "t": last}
    counts: dict[str, list[int]] = {}  # kind -> due, done, on time, open overdue, extended, date unknown
    c: list[int] | None
    # Every item by its current due date, from the covering index ...
    for kind, *row in conn.execute(
        """
        SELECT kind, count(*), sum(status = 'done'), sum(status = 'done' AND closed_on <= due_on),
               sum(status = 'open' AND due_on < :as_of), 0, sum(status = 'done' AND closed_on IS NULL)
        FROM items INDEXED BY items_stats
        WHERE status <> 'cancelled' AND due_on BETWEEN :f AND :t GROUP BY kind""",
        params,
    ):
        counts[kind] = [v or 0 for v in row]
    # ... then the few extended items moved to their original due date and
    # measured against their lawful deadline (the extended items' index; an
    # extension only moves a deadline later, so both dates are from `from` on).
    for kind, due, original, status, closed, lawful in conn.execute(
        f"""SELECT i.kind, i.due_on, i.original_due_on, i.status, i.closed_on, {LAWFUL_DUE}
            FROM items i INDEXED BY items_extended
            WHERE i.original_due_on IS NOT NULL AND i.due_on >= :f AND i.status <> 'cancelled'""",
        params,
    ):
        c = counts.setdefault(kind, [0] * 6)
        done = status == "done"
        if params["f"] <= due <= last:  # counted above by its extended date: take it out
            c[0] -= 1
            c[1] -= done
            c[2] -= done and closed is not None and closed <= due
            c[3] -= status == "open" and due < params["as_of"]
            c[5] -= done and closed is None
        if params["f"] <= original <= last:
            c[0] += 1
            c[1] += done
            c[2] += done and closed is not None and closed <= lawful
            c[3] += status == "open" and lawful < params["as_of"]
            c[4] += 1
            c[5] += done and closed is None
    out_kinds: list[dict] = []
    total: dict[str, int] = dict.fromkeys(
        ("due", "done", "done_on_time", "open_overdue", "extended", "done_date_unknown"), 0
    )
    for kind, (zh, en) in kinds.items():
        c = counts.get(kind)
        if not c or not c[0]:
            continue
        entry: dict = {
            "kind": kind,
            "label_zh": zh,
            "label_en": en,
            "due": c[0],
            "done": c[1],
            "done_on_time": c[2],
            "on_time_rate": rate(c[2], c[0]),
            "open_overdue": c[3],
            "extended": c[4],
            "done_date_unknown": c[5],
        }
        out_kinds.append(entry)
        for key in total:
            total[key] += entry[key]
    total_out: dict[str, int | float | None] = {**total, "on_time_rate": rate(total["done_on_time"], total["due"])}
    counts_sent = letters_sent(conn, LETTER_KINDS, date_from.isoformat(), date_to.isoformat())
    letters = [
        {"kind": k, "label_zh": kinds[k][0], "label_en": kinds[k][1], "sent": n}
        for k, n in sorted(counts_sent.items())
        if n
    ]
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "as_of": as_of.isoformat(),
        "kinds": out_kinds,
        "total": {k: total_out[k] for k in STAT_KEYS},
        "letters": letters,
    }


STAT_COLUMNS = (
    "st_kind",
    "st_due",
    "st_done",
    "st_on_time",
    "st_rate",
    "st_open_overdue",
    "st_extended",
    "st_date_unknown",
)


def stats_table(stats: dict, lang: str) -> tuple[list[str], list[list]]:
    """The statistics as a table: a row per kind, then the total; a rate
    with nothing due shows as —."""
    hdr = [field_name(lang, k) for k in STAT_COLUMNS]

    def row(name: str, k: dict) -> list:
        return [
            name,
            k["due"],
            k["done"],
            k["done_on_time"],
            percent(k["on_time_rate"]),
            k["open_overdue"],
            k["extended"],
            k["done_date_unknown"],
        ]

    rows = [row(k["label_en" if lang == "en" else "label_zh"], k) for k in stats["kinds"]]
    rows.append(row(field_name(lang, "st_total"), stats["total"]))
    return hdr, rows


def _stats_heading(stats: dict, lang: str) -> str:
    return t(lang, "st_heading", date_from=stats["from"], date_to=stats["to"], as_of=stats["as_of"])


def _letters_line(stats: dict, lang: str) -> str:
    if not stats["letters"]:
        return t(lang, "st_letters_none")
    parts = [f"{x['label_en' if lang == 'en' else 'label_zh']} {x['sent']}" for x in stats["letters"]]
    n = sum(x["sent"] for x in stats["letters"])
    return t(lang, "st_letters", n=n, parts=label(lang, "rep_parts_sep").join(parts))


def render_stats(stats: dict, lang: str, fmt: str, width: int = TEXT_WIDTH) -> str:
    if fmt == "json":
        return json_text(stats)
    hdr, rows = stats_table(stats, lang)
    heading, letters = _stats_heading(stats, lang), _letters_line(stats, lang)
    if fmt == "md":
        lines = [f"# {md_text(heading)}", "", *_md_table(hdr, [[str(c) for c in r] for r in rows])]
        return "\n".join(lines + ["", md_text(letters), ""])
    if fmt == "html":
        e = html.escape
        colon = t(lang, "cli_colon")
        body = ["<tbody>"]
        for n, r in enumerate(rows):
            css = "row total" if n == len(rows) - 1 else "row"
            body.append(
                f'<tr class="{css}">'
                + "".join(
                    f'<td class="{"title" if i == 0 else "num"}"{"" if i == 0 else f" data-label={chr(34)}{e(h + colon)}{chr(34)}"}>'
                    f"{e(str(c))}</td>"
                    for i, (h, c) in enumerate(zip(hdr, r))
                )
                + "</tr>"
            )
        body.append("</tbody>")
        return _html_page(
            heading,
            lang,
            [f"<h1>{e(heading)}</h1>", *_html_table("stats", STAT_COLUMNS, hdr, body), f"<p>{e(letters)}</p>"],
        )
    return "\n".join(
        [*wrap(heading, width), "", table(hdr, rows, right={1, 2, 3, 4, 5, 6, 7}), "", *wrap(letters, width), ""]
    )
