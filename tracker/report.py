"""The morning report and the on-time statistics: built once as data,
rendered per format (rich, text, md, html, json).

The report for day D: overdue (open, due before D, with calendar days
overdue), due today, due within N working days; grouped by unit in the
human formats; a summary; and each running campaign's progress.
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from tracker.calendar import WorkCalendar
from tracker.queries import campaign_rows, item_filters
from tracker.text import json_text, table
from tracker.vocab import kind_labels

CAP_PER_UNIT = 20  # human formats: items shown per unit and section unless --all
ITEM_KEYS = ("id", "ref_no", "kind", "title", "unit", "owner", "due_on", "days_overdue", "provisional")


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
        }


class Hearing(NamedTuple):
    """A court hearing (出庭应诉) coming up: the head of the bureau appears."""

    id: int
    ref_no: str
    title: str
    unit: str
    owner: str
    hearing_on: str
    organ: str
    party: str

    def as_json(self) -> dict:
        return self._asdict()


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
    awaiting_review: list[ReportItem] = field(default_factory=list)  # tracker.units
    missing_reports: list[dict] = field(default_factory=list)  # tracker.units

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
    """A section: each unit's first `cap` items (all with None), most urgent
    first, each with its unit's count in the section; and the section's
    count."""
    per_unit = conn.execute(
        f"SELECT i.unit_id, count(*) FROM items i INDEXED BY items_open_due "
        f"WHERE i.status = 'open' AND {cond} {extra} GROUP BY i.unit_id",
        params,
    ).fetchall()
    sql = _UNIT_SECTION.format(cond=cond, extra=extra)
    cur = conn.cursor()
    cur.row_factory = None
    kinds, units = names["kinds"], names["units"]
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
            items.append(ReportItem(id_, ref_no, kind, zh, en, title, unit, owner, due, late, provisional == 1, count))
    items.sort(key=lambda i: (i.due_on, i.id))
    return items, sum(count for _, count in per_unit)


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
    until = cal.add_workdays(as_of, soon)
    clauses, params = item_filters(unit=unit, kind=kind)
    extra = "".join(" AND " + c for c in clauses)
    params.update(d=as_of.isoformat(), until=until.isoformat())
    names = {"units": dict(conn.execute("SELECT id, name FROM units")), "kinds": kind_labels(conn)}
    overdue, n_overdue = _items(conn, "i.due_on < :d", extra, params, as_of, cap, names)
    today, n_today = _items(conn, "i.due_on = :d", extra, params, as_of, cap, names)
    soon_items, n_soon = _items(conn, "i.due_on > :d AND i.due_on <= :until", extra, params, as_of, cap, names)
    open_count = conn.execute(f"SELECT count(*) FROM items i WHERE i.status = 'open' {extra}", params).fetchone()[0]
    summary = {"open": open_count, "overdue": n_overdue, "due_today": n_today, "due_soon": n_soon}
    campaigns = [] if (unit or kind) else running_campaigns(conn, as_of)
    filters = {k: v for k, v in (("unit", unit), ("kind", kind)) if v}
    hearings = [
        Hearing._make(r)
        for r in conn.execute(
            f"""
        SELECT i.id, coalesce(i.ref_no, ''), i.title, coalesce(u.name, ''), coalesce(i.owner, ''), i.hearing_on,
               coalesce(i.organ, ''), coalesce(i.party, '')
        FROM items i LEFT JOIN units u ON u.id = i.unit_id
        WHERE i.hearing_on BETWEEN :d AND :until AND i.status = 'open' {extra}
        ORDER BY i.hearing_on, i.id""",
            params,
        )
    ]
    from tracker.units import report_sections

    awaiting, missing = report_sections(conn, as_of, cal, unit, kind, names["kinds"])
    return Report(
        as_of, soon, until, filters, summary, overdue, today, soon_items, campaigns, hearings, awaiting, missing
    )


def running_campaigns(conn: sqlite3.Connection, as_of: dt.date) -> list[CampaignProgress]:
    """Campaigns under way on as_of (started, not ended, or with open tasks)."""
    rows = [c for c in campaign_rows(conn, as_of, running=True) if c["total"]]
    # Lagging units: those with overdue tasks, most first, read from the open
    # items' index in one query for all campaigns.
    lagging: dict[int, list[str]] = {}
    if rows:
        marks = ",".join("?" * len(rows))
        for campaign_id, unit in conn.execute(
            f"""
                SELECT i.campaign_id, coalesce(u.name, '') FROM items i LEFT JOIN units u ON u.id = i.unit_id
                WHERE i.status = 'open' AND i.due_on < ? AND i.campaign_id IN ({marks})
                GROUP BY i.campaign_id, i.unit_id ORDER BY i.campaign_id, count(*) DESC, u.name""",
            [as_of.isoformat(), *(c["id"] for c in rows)],
        ):
            lagging.setdefault(campaign_id, []).append(unit)
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
def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


SECTIONS = (
    ("overdue", "逾期", "Overdue", "red"),
    ("due_today", "今日到期", "Due today", "yellow"),
    ("due_soon", "临期", "Due soon", "yellow"),
)


def _groups(items: list[ReportItem]) -> list[tuple[str, list[ReportItem]]]:
    """Items grouped by unit, units in order of their most urgent item."""
    groups: dict[str, list[ReportItem]] = {}
    for i in items:
        groups.setdefault(i.unit, []).append(i)
    return list(groups.items())


def _section_title(lang: str, key: str, zh: str, en: str, report: Report) -> str:
    n = report.summary[key]
    if key == "due_soon":
        zh = f"{zh}（{report.soon_working_days}个工作日内，至{report.soon_until.isoformat()}）"
        en = f"{en} (within {report.soon_working_days} working days, to {report.soon_until.isoformat()})"
    return _t(lang, f"{zh}  {n} 项", f"{en}  {n}")


def _row(i: ReportItem, key: str, lang: str) -> list[str]:
    if key == "overdue":
        when = _t(lang, f"逾期{i.days_overdue}天", f"{i.days_overdue} day{'s' * (i.days_overdue != 1)} overdue")
    elif key == "due_today":
        when = _t(lang, "今日", "today")
    else:
        left = -i.days_overdue
        when = _t(lang, f"剩{left}天", f"{left} day{'s' * (left != 1)} left")
    due = i.due_on + ("*" if i.provisional else "")
    return [str(i.id), i.ref_no, i.title, i.kind_en if lang == "en" else i.kind_zh, i.owner, due, when]


def _headers(lang: str) -> list[str]:
    return [
        _t(lang, "编号", "id"),
        _t(lang, "文号", "ref_no"),
        _t(lang, "事项名称", "title"),
        _t(lang, "类型", "kind"),
        _t(lang, "责任人", "owner"),
        _t(lang, "办结时限", "due"),
        _t(lang, "状态", "state"),
    ]


def _heading(report: Report, lang: str) -> str:
    f = "".join(f"  {k}={v}" for k, v in report.filters.items())
    return _t(lang, f"督办事项晨报  {report.as_of.isoformat()}{f}", f"Overdue report  {report.as_of.isoformat()}{f}")


def _summary_line(report: Report, lang: str) -> str:
    s = report.summary
    return _t(
        lang,
        f"在办 {s['open']} 项：逾期 {s['overdue']}，今日到期 {s['due_today']}，临期 {s['due_soon']}",
        f"{s['open']} open: {s['overdue']} overdue, {s['due_today']} due today, {s['due_soon']} due soon",
    )


def _campaign_line(c: CampaignProgress, lang: str) -> str:
    pct = f"{100 * c.done / c.total:.0f}%" if c.total else "—"
    bar_len = 10
    filled = round(bar_len * c.done / c.total) if c.total else 0
    bar = "█" * filled + "░" * (bar_len - filled)
    lag = "、".join(c.lagging_units) if lang != "en" else ", ".join(c.lagging_units)
    text = _t(
        lang,
        f"{c.name}  {bar} {c.done}/{c.total}（{pct}）  逾期 {c.overdue}",
        f"{c.name}  {bar} {c.done}/{c.total} ({pct})  {c.overdue} overdue",
    )
    if lag:
        text += _t(lang, f"  滞后：{lag}", f"  lagging: {lag}")
    return text


def _hearing_title(report: Report, lang: str) -> str:
    until = report.soon_until.isoformat()
    return _t(
        lang,
        f"近期开庭（至{until}，负责人出庭应诉）  {len(report.hearings)} 项",
        f"Hearings (to {until})  {len(report.hearings)}",
    )


def _hearing_row(h: Hearing) -> list[str]:
    return [str(h.id), h.hearing_on, h.ref_no, h.title, h.organ, h.owner]


def _capped(items: list[ReportItem], cap: int | None) -> tuple[list[ReportItem], int]:
    """A unit's items to show, and how many more it has in the section."""
    shown = items if cap is None else items[:cap]
    return shown, items[0].unit_count - len(shown)


def render_lines(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> list[tuple[str, str | None]]:
    """The text report as (line, style) pairs; style is a light or heading."""
    out: list[tuple[str, str | None]] = [(_heading(report, lang), "title"), (_summary_line(report, lang), None)]
    hdr = _headers(lang)
    for key, zh, en, colour in SECTIONS:
        items = getattr(report, key)
        out.append(("", None))
        out.append((_section_title(lang, key, zh, en, report), f"head-{colour}"))
        if not items:
            out.append(("  " + _t(lang, "（无）", "(none)"), None))
            continue
        groups = [(unit, group, *_capped(group, cap)) for unit, group in _groups(items)]
        # One table per section, so columns line up across units.
        lines = table(
            hdr,
            [_row(i, key, lang) for _, _, shown, _ in groups for i in shown],
            max_widths={1: 22, 2: 36, 4: 10},
            right={0},
        ).splitlines()
        out.append(("    " + lines[0], "dim"))
        body = iter(lines[1:])
        for unit, group, shown, more in groups:
            n = group[0].unit_count
            out.append((f"  【{unit or _t(lang, '未指定单位', 'no unit')}】{_t(lang, f'{n} 项', f' {n}')}", "unit"))
            out.extend(("    " + next(body), colour) for _ in shown)
            if more:
                out.append(
                    (
                        "    " + _t(lang, f"……另有 {more} 项（--all 显示全部）", f"... {more} more (--all shows all)"),
                        "dim",
                    )
                )
    if any(i.provisional for k in ("overdue", "due_today", "due_soon") for i in getattr(report, k)):
        out.append(("", None))
        out.append(
            (
                _t(
                    lang,
                    "* 暂定：期限跨越放假安排未公布的年份",
                    "* provisional: the period crosses an unannounced year",
                ),
                "dim",
            )
        )
    if report.hearings:
        out.append(("", None))
        out.append((_hearing_title(report, lang), "head-yellow"))
        hdr = [
            _t(lang, "编号", "id"),
            _t(lang, "开庭日期", "hearing"),
            _t(lang, "案号", "case no"),
            _t(lang, "事项名称", "title"),
            _t(lang, "法院", "court"),
            _t(lang, "责任人", "owner"),
        ]
        hearing_table = table(hdr, [_hearing_row(h) for h in report.hearings], max_widths={2: 22, 3: 36}, right={0})
        out.extend(("    " + ln, "dim" if n == 0 else "yellow") for n, ln in enumerate(hearing_table.splitlines()))
    from tracker.units import report_text_sections

    for heading, lines in report_text_sections(report, lang, cap):
        out += [("", None), (heading, "head-yellow")] + [("  " + line, None) for line in lines]
    if report.campaigns:
        out.append(("", None))
        out.append((_t(lang, "专项整治进度", "Campaign progress"), "head-none"))
        out.extend(("  " + _campaign_line(c, lang), "red" if c.overdue else None) for c in report.campaigns)
    return out


def render_text(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> str:
    return "\n".join(line.rstrip() for line, _ in render_lines(report, lang, cap)) + "\n"


def _md_cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_md(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> str:
    out = [f"# {_heading(report, lang)}", "", _summary_line(report, lang), ""]
    hdr = _headers(lang)
    for key, zh, en, _ in SECTIONS:
        items = getattr(report, key)
        out += [f"## {_section_title(lang, key, zh, en, report)}", ""]
        if not items:
            out += [_t(lang, "（无）", "(none)"), ""]
            continue
        for unit, group in _groups(items):
            shown, more = _capped(group, cap)
            out += [
                f"### {unit or _t(lang, '未指定单位', 'no unit')}（{group[0].unit_count}）"
                if lang != "en"
                else f"### {unit or 'no unit'} ({group[0].unit_count})",
                "",
                "| " + " | ".join(hdr) + " |",
                "|" + "---|" * len(hdr),
            ]
            out += ["| " + " | ".join(_md_cell(c) for c in _row(i, key, lang)) + " |" for i in shown]
            if more:
                out.append(_t(lang, f"\n……另有 {more} 项", f"\n... {more} more"))
            out.append("")
    if report.hearings:
        out += [
            f"## {_hearing_title(report, lang)}",
            "",
            "| "
            + " | ".join(
                _t(lang, *p)
                for p in (
                    ("编号", "id"),
                    ("开庭日期", "hearing"),
                    ("案号", "case no"),
                    ("事项名称", "title"),
                    ("法院", "court"),
                    ("责任人", "owner"),
                )
            )
            + " |",
            "|---" * 6 + "|",
        ]
        out += ["| " + " | ".join(_md_cell(c) for c in _hearing_row(h)) + " |" for h in report.hearings]
        out.append("")
    from tracker.units import report_text_sections

    for heading, lines in report_text_sections(report, lang, cap):
        out += [f"## {_md_cell(heading)}", ""] + [f"- {_md_cell(line)}" for line in lines] + [""]
    if report.campaigns:
        out += [f"## {_t(lang, '专项整治进度', 'Campaign progress')}", ""]
        out += [f"- {_md_cell(_campaign_line(c, lang))}" for c in report.campaigns]
        out.append("")
    return "\n".join(out)


_HTML_STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222;max-width:1100px;margin:1em auto;padding:0 1em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.4em;padding:.2em .5em;border-left:6px solid #999}
h2.red{border-color:#c62828;color:#c62828}h2.yellow{border-color:#e6a100;color:#8a6100}
h3{font-size:1em;margin:.8em 0 .3em}table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}
tr.red td{background:#fdecea}tr.yellow td{background:#fff8e1}.muted{color:#777}
.bar{display:inline-block;width:120px;height:10px;background:#eee;vertical-align:middle}
.bar span{display:block;height:10px;background:#2e7d32}
"""


def render_html(report: Report, lang: str, cap: int | None = CAP_PER_UNIT) -> str:
    e = html.escape
    out = [
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        f"<title>{e(_heading(report, lang))}</title><style>{_HTML_STYLE}</style></head><body>",
        f"<h1>{e(_heading(report, lang))}</h1><p>{e(_summary_line(report, lang))}</p>",
    ]
    hdr = _headers(lang)
    for key, zh, en, colour in SECTIONS:
        items = getattr(report, key)
        out.append(f'<h2 class="{colour}">{e(_section_title(lang, key, zh, en, report))}</h2>')
        if not items:
            out.append(f'<p class="muted">{e(_t(lang, "（无）", "(none)"))}</p>')
            continue
        for unit, group in _groups(items):
            shown, more = _capped(group, cap)
            out.append(
                f"<h3>{e(unit or _t(lang, '未指定单位', 'no unit'))}（{group[0].unit_count}）</h3><table><tr>"
                + "".join(f"<th>{e(h)}</th>" for h in hdr)
                + "</tr>"
            )
            for i in shown:
                out.append(f'<tr class="{colour}">' + "".join(f"<td>{e(c)}</td>" for c in _row(i, key, lang)) + "</tr>")
            out.append("</table>")
            if more:
                out.append(f'<p class="muted">{e(_t(lang, f"……另有 {more} 项", f"... {more} more"))}</p>')
    if report.hearings:
        out.append(f'<h2 class="yellow">{e(_hearing_title(report, lang))}</h2><table>')
        out.extend(
            '<tr class="yellow">' + "".join(f"<td>{e(c)}</td>" for c in _hearing_row(h)) + "</tr>"
            for h in report.hearings
        )
        out.append("</table>")
    from tracker.units import report_text_sections

    for heading, lines in report_text_sections(report, lang, cap):
        out.append(f'<h2 class="yellow">{e(heading)}</h2><ul>' + "".join(f"<li>{e(ln)}</li>" for ln in lines) + "</ul>")
    if report.campaigns:
        out.append(f"<h2>{e(_t(lang, '专项整治进度', 'Campaign progress'))}</h2><table>")
        for c in report.campaigns:
            pct = 100 * c.done / c.total if c.total else 0
            lag = "、".join(c.lagging_units)
            out.append(
                f'<tr><td>{e(c.name)}</td><td><span class="bar"><span style="width:{pct:.0f}%"></span>'
                f"</span> {c.done}/{c.total}</td><td>{e(_t(lang, '逾期', 'overdue'))} {c.overdue}</td>"
                f"<td>{e(lag)}</td></tr>"
            )
        out.append("</table>")
    out.append("</body></html>\n")
    return "\n".join(out)


def render_json(report: Report) -> str:
    return json_text(report.as_json())


# ------------------------------------------------------------------ stats --
STAT_KEYS = ("due", "done", "done_on_time", "on_time_rate", "open_overdue")
LETTER_KINDS = ("supervision", "reminder", "suggestion")


def rate(part: int, whole: int) -> float | None:
    """part / whole to four places; None (shown as —) when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def build_stats(conn: sqlite3.Connection, date_from: dt.date, date_to: dt.date, as_of: dt.date) -> dict:
    """Per kind and in total, over items (not cancelled) due in [from, to]:
    due, done, done on time (closed_on ≤ due_on), on-time rate, still open and
    overdue on as_of; and letters sent (by received date) in the period."""
    kinds = kind_labels(conn)
    rows = {
        r[0]: r
        for r in conn.execute(
            """
        SELECT kind, count(*), sum(status = 'done'), sum(status = 'done' AND closed_on <= due_on),
               sum(status = 'open' AND due_on < :as_of)
        FROM items INDEXED BY items_stats
        WHERE status <> 'cancelled' AND due_on BETWEEN :f AND :t GROUP BY kind""",
            {"as_of": as_of.isoformat(), "f": date_from.isoformat(), "t": date_to.isoformat()},
        )
    }
    out_kinds: list[dict] = []
    total: dict[str, int] = dict.fromkeys(("due", "done", "done_on_time", "open_overdue"), 0)
    for kind, (zh, en) in kinds.items():
        r = rows.get(kind)
        if not r:
            continue
        entry = {
            "kind": kind,
            "label_zh": zh,
            "label_en": en,
            "due": r[1],
            "done": r[2] or 0,
            "done_on_time": r[3] or 0,
            "on_time_rate": rate(r[3] or 0, r[1]),
            "open_overdue": r[4] or 0,
        }
        out_kinds.append(entry)
        for key in total:
            total[key] += entry[key]
    total_out: dict[str, int | float | None] = {**total, "on_time_rate": rate(total["done_on_time"], total["due"])}
    letters = [
        {"kind": r[0], "label_zh": kinds[r[0]][0], "label_en": kinds[r[0]][1], "sent": r[1]}
        for r in conn.execute(
            f"""
        SELECT kind, count(*) FROM items WHERE kind IN ({",".join("?" * len(LETTER_KINDS))})
        AND status <> 'cancelled' AND received_on BETWEEN ? AND ? GROUP BY kind ORDER BY kind""",
            (*LETTER_KINDS, date_from.isoformat(), date_to.isoformat()),
        )
    ]
    return {
        "from": date_from.isoformat(),
        "to": date_to.isoformat(),
        "as_of": as_of.isoformat(),
        "kinds": out_kinds,
        "total": {k: total_out[k] for k in STAT_KEYS},
        "letters": letters,
    }


def _pct(value: float | None, due: int = 0) -> str:
    """A rate as a percentage; — when there was nothing to divide."""
    return "—" if value is None else f"{100 * value:.1f}%"


def stats_table(stats: dict, lang: str) -> tuple[list[str], list[list]]:
    hdr = [
        _t(lang, "类型", "kind"),
        _t(lang, "应办结", "due"),
        _t(lang, "已办结", "done"),
        _t(lang, "按时办结", "on time"),
        _t(lang, "按时办结率", "on-time rate"),
        _t(lang, "逾期未办", "open overdue"),
    ]
    rows = [
        [
            k["label_en" if lang == "en" else "label_zh"],
            k["due"],
            k["done"],
            k["done_on_time"],
            _pct(k["on_time_rate"], k["due"]),
            k["open_overdue"],
        ]
        for k in stats["kinds"]
    ]
    tot = stats["total"]
    rows.append(
        [
            _t(lang, "合计", "total"),
            tot["due"],
            tot["done"],
            tot["done_on_time"],
            _pct(tot["on_time_rate"], tot["due"]),
            tot["open_overdue"],
        ]
    )
    return hdr, rows


def _stats_heading(stats: dict, lang: str) -> str:
    return _t(
        lang,
        f"按时办结统计  {stats['from']} 至 {stats['to']}（截至 {stats['as_of']}）",
        f"On-time statistics  {stats['from']} to {stats['to']} (as of {stats['as_of']})",
    )


def _letters_line(stats: dict, lang: str) -> str:
    if not stats["letters"]:
        return _t(lang, "期间发出函件：0", "letters sent in the period: 0")
    parts = [f"{x['label_en' if lang == 'en' else 'label_zh']} {x['sent']}" for x in stats["letters"]]
    n = sum(x["sent"] for x in stats["letters"])
    return _t(
        lang, f"期间发出函件 {n} 份：" + "，".join(parts), f"letters sent in the period: {n} (" + ", ".join(parts) + ")"
    )


def render_stats(stats: dict, lang: str, fmt: str) -> str:
    if fmt == "json":
        return json_text(stats)
    hdr, rows = stats_table(stats, lang)
    heading, letters = _stats_heading(stats, lang), _letters_line(stats, lang)
    if fmt == "md":
        lines = [f"# {heading}", "", "| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
        lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
        return "\n".join(lines + ["", letters, ""])
    if fmt == "html":
        e = html.escape
        body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{e(heading)}</title>'
            f"<style>{_HTML_STYLE}</style></head><body><h1>{e(heading)}</h1><table><tr>"
            + "".join(f"<th>{e(h)}</th>" for h in hdr)
            + f"</tr>{body}</table><p>{e(letters)}</p></body></html>\n"
        )
    return "\n".join([heading, "", table(hdr, rows, right={1, 2, 3, 4, 5}), "", letters, ""])
