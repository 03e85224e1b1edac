"""Legal cases: hearings, outcomes and the year's figures (`hearing`,
`outcome`, `annual`); `show`'s case lines."""

from __future__ import annotations

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    ITEM_ID,
    IntBetween,
    OneOf,
    TrackerGroup,
    as_of,
    common_options,
    current_lang,
    dump_json,
    echo,
    ledger,
    open_conn,
)
from tracker.cli.root import cli
from tracker.errors import UserError
from tracker.i18n import field, label, t
from tracker.text import percent


@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="庭审 · hearings of a case")
@common_options
def hearing():
    """Hearings of a case (开庭 trial, 听证 hearing, 调解 mediation) and who appeared."""


@hearing.command(name="add", context_settings=CONTEXT, short_help="安排庭审 · add a hearing")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("date", type=DATE)
@click.option("--time", "time_", metavar="HH:MM", help="Time of day, e.g. 09:30.")
@click.option("--place", help="Where (court room, hearing room).")
@click.option("--type", "type_", help="trial (开庭), hearing (听证) or mediation (调解).")
@common_options
def hearing_add(item_id, date, time_, place, type_):
    """Add a hearing on DATE to case ID; prints the new hearing's id first."""
    from tracker.legal import add_hearing, parse_time

    conn = open_conn()
    hid = add_hearing(ledger(conn), item_id, date, time_, place, type_)
    when = date.isoformat() + (f" {parse_time(time_)}" if time_ else "")
    echo(t(current_lang(), "legal_hearing_added", id=hid, item=item_id, when=when))


@hearing.command(name="record", context_settings=CONTEXT, short_help="记录出庭 · record who appeared")
@click.argument("hearing_id", metavar="HID", type=IntBetween(1, 2**62))
@click.option("--attended", required=True, metavar="NAMES", help="Who appeared for the bureau.")
@click.option("--head", metavar="NAME", help="The head or deputy head (负责人) who appeared in person.")
@common_options
def hearing_record(hearing_id, attended, head):
    """Record who appeared for the bureau at hearing HID (after it was held)."""
    from tracker.legal import record_attendance

    conn = open_conn()
    record_attendance(ledger(conn), hearing_id, attended, head, as_of())
    echo(t(current_lang(), "legal_attendance_saved", id=hearing_id))


@hearing.command(name="list", context_settings=CONTEXT, short_help="庭审列表 · list hearings")
@click.option("--from", "date_from", type=DATE, help="From this day.")
@click.option("--to", "date_to", type=DATE, help="To this day.")
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json"), help="table or json.")
@common_options
def hearing_list(date_from, date_to, fmt):
    """Hearings with their case, date, time, place and attendance."""
    from tracker.legal import list_hearings
    from tracker.text import one_line, table

    lang = current_lang()
    conn = open_conn()
    if date_from and date_to and date_to < date_from:
        raise UserError("end_before_start", end=date_to.isoformat(), start=date_from.isoformat())
    rows = list_hearings(conn, date_from, date_to)
    if fmt == "json":
        dump_json(
            [{**h.as_json(), "status": h.status, "attended": h.attended, "head": h.head, "unit": h.unit} for h in rows]
        )
        return
    if not rows:
        echo(t(lang, "legal_no_hearings"))
        return
    keys = ("hearing_id", "item_id", "date", "time", "type", "ref_no", "title", "place", "attended", "head")
    hdr = [field(lang, f"legal_{k}") if k not in ("ref_no", "title") else field(lang, k) for k in keys]
    body = [
        [
            str(h.hearing_id),
            str(h.item_id),
            h.date,
            h.time or "",
            label(lang, f"legal_{h.type}"),
            one_line(h.ref_no),
            one_line(h.title),
            one_line(h.place or ""),
            one_line(h.attended or ""),
            one_line(h.head or ""),
        ]
        for h in rows
    ]
    echo(table(hdr, body, right={0, 1}))


# ------------------------------------------------------------------ outcome --
@cli.command(context_settings=CONTEXT, short_help="记录结果 · record a decision or judgment")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("word")
@click.option("--on", type=DATE, help="The day it was received (default: today / --as-of).")
@click.option("--ruling", is_flag=True, help="Litigation: a ruling (裁定), not a judgment; appeal within 10 days.")
@click.option("--note", help="Notes on the outcome.")
@click.option("--due", type=DATE, help="Review: when the decision must be carried out (the linked item's deadline).")
@common_options
def outcome(item_id, word, on, ruling, note, due):
    """Record the outcome WORD of case ID: the review decision (upheld,
    dismissed, revoked, varied, unlawful, ordered, mediated, terminated) or
    the court's judgment or ruling (dismissed, withdrawn, revoked, unlawful,
    varied, ordered, mediated, rejected); zh labels accepted. A judgment adds
    the linked item "决定是否上诉"; a review decision that revokes, varies or
    orders adds the linked item to carry it out."""
    from tracker.legal import CARRY_OUT_DEFAULT_RULE, outcome_label, record_outcome

    lang = current_lang()
    conn = open_conn()
    lg = ledger(conn)
    res = record_outcome(lg, item_id, word, on or as_of(), ruling, note, due)
    kind = lg.load(item_id)["kind"]
    if res.linked_id:
        linked = lg.load(res.linked_id)
        echo(t(lang, "legal_linked_added", id=res.linked_id, title=linked["title"], due=linked["due_on"]))
        if linked["rule"] == CARRY_OUT_DEFAULT_RULE and not due:
            echo(t(lang, "legal_carry_out_open", id=res.linked_id))
    echo(t(lang, "legal_outcome_saved", id=item_id, word=outcome_label(res.word, kind, lang)))


# ------------------------------------------------------------------- annual --
SECTIONS = ("review", "litigation", "letters", "listed", "tasks", "campaigns")
RATES = {"on_time_rate", "appearance_rate", "head_appearance_rate", "loss_rate"}


def annual_rows(data: dict, lang: str) -> list[tuple[str, str, str]]:
    """(section, figure, value) rows of the year's figures, in `lang`."""
    from tracker.legal import outcome_label

    rows = []
    for sec in SECTIONS:
        name = field(lang, f"legal_sec_{sec}")
        for k, v in data[sec].items():
            if k == "outcomes":
                for w, n in v.items():
                    rows.append((name, f"{field(lang, 'legal_outcome')}·{outcome_label(w, sec, lang)}", str(n)))
            else:
                rows.append((name, field(lang, f"legal_{k}"), percent(v) if k in RATES else str(v)))
    return rows


def render_annual(data: dict, lang: str, fmt: str) -> str:
    from tracker.text import table

    title = t(lang, "legal_annual_title", year=data["year"], as_of=data["as_of"])
    rows = annual_rows(data, lang)
    if fmt == "md":
        out = [f"## {title}", ""]
        for sec in dict.fromkeys(r[0] for r in rows):
            out += [f"### {sec}", "", "| | |", "| --- | ---: |"]
            out += [f"| {r[1]} | {r[2]} |" for r in rows if r[0] == sec]
            out.append("")
        return "\n".join(out)
    out = [title, ""]
    for sec in dict.fromkeys(r[0] for r in rows):
        out.append(sec)
        out += [
            "  " + ln for ln in table(["", ""], [[r[1], r[2]] for r in rows if r[0] == sec], right={1}).splitlines()[1:]
        ]
        out.append("")
    return "\n".join(out)


def write_annual_xlsx(data: dict, path, lang: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files to leave behind
    ws = wb.add_worksheet(("法治政府建设" if lang != "en" else "Rule of law")[:31])
    bold = wb.add_format({"bold": True})
    pct = wb.add_format({"num_format": "0.0%"})
    ws.write_string(0, 0, t(lang, "legal_annual_title", year=data["year"], as_of=data["as_of"]), bold)
    n = 2
    from tracker.legal import outcome_label

    for sec in SECTIONS:
        ws.write_string(n, 0, field(lang, f"legal_sec_{sec}"), bold)
        n += 1
        for k, v in data[sec].items():
            items = (
                [(f"{field(lang, 'legal_outcome')}·{outcome_label(w, sec, lang)}", c) for w, c in v.items()]
                if k == "outcomes"
                else [(field(lang, f"legal_{k}"), v)]
            )
            for name, value in items:
                ws.write_string(n, 1, name)
                if value is None:
                    ws.write_string(n, 2, "—")
                elif k in RATES:
                    ws.write_number(n, 2, value, pct)
                else:
                    ws.write_number(n, 2, value)
                n += 1
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 24)
    ws.set_column(2, 2, 10)
    wb.close()


@cli.command(context_settings=CONTEXT, short_help="年度法治数据 · the year's rule-of-law figures")
@click.argument("year", type=IntBetween(1990, 2099))
@click.option(
    "--format",
    "fmt",
    default="rich",
    show_default=True,
    type=OneOf("rich", "text", "md", "json", "xlsx"),
    help="rich, text, md, json or xlsx.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal (xlsx: required).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def annual(year, fmt, output, force):
    """The figures of YEAR's rule-of-law work report (法治政府建设年度报告),
    up to the as-of day: reviews, litigation (hearings, appearance, losses),
    letters, listed cases, tasks and campaigns."""

    from tracker.cli.output import _check_output, _replacing, _write_out
    from tracker.legal import annual as build

    lang, today = current_lang(), as_of()
    if fmt == "xlsx" and not output:
        raise UserError("need_output", fmt=fmt)
    path = _check_output(output, force) if output else None  # before the work: a bad -o costs nothing
    conn = open_conn()
    data = build(conn, year, today)
    if fmt == "json":
        from tracker.text import json_text

        _write_out(json_text(data), output, True)
    elif fmt == "xlsx":
        assert path is not None
        with _replacing(path) as tmp:
            write_annual_xlsx(data, tmp, lang)
        click.echo(t(lang, "legal_annual_written", year=data["year"], path=str(path)), err=True)
    else:
        _write_out(render_annual(data, lang, fmt) + "\n", output, True)  # checked above


# --------------------------------------------------------------------- show --
def show_case_lines(conn, item_id: int, lang: str) -> list[str]:
    """`show`'s lines for a case (hearings, outcome, linked items) or a
    linked item (its case)."""
    from tracker.legal import case_view, outcome_label
    from tracker.text import one_line

    v = case_view(conn, item_id)
    sep = ": " if lang == "en" else "："
    out = []
    if v["case"]:
        c = v["case"]
        out.append(f"{field(lang, 'legal_case')}{sep}{c['id']} {one_line(c['ref_no'])} {one_line(c['title'])}".rstrip())
    for h in v["hearings"]:
        when = f"{h['date']} {h['time']}" if h["time"] else h["date"]
        text = f"#{h['hearing_id']} {when} {label(lang, 'legal_' + h['type'])}"
        if h["place"]:
            text += f" {one_line(h['place'])}"
        if h["attended"]:
            text += f" · {field(lang, 'legal_attended')}{sep}{one_line(h['attended'])}"
        if h["head"]:
            text += f" · {field(lang, 'legal_head')}{sep}{one_line(h['head'])}"
        out.append(f"{field(lang, 'legal_hearing_list')}{sep}{text}")
    o = v["outcome"]
    if o:
        kind = conn.execute("SELECT kind FROM items WHERE id = ?", (item_id,)).fetchone()[0]
        text = f"{outcome_label(o['word'], kind, lang)} {o['decided_on']}"
        if o["lost"]:
            text += f"（{label(lang, 'legal_lost')}）" if lang != "en" else f" ({label(lang, 'legal_lost')})"
        if o["note"]:
            text += f" {one_line(o['note'])}"
        out.append(f"{field(lang, 'legal_outcome')}{sep}{text}")
    for li in v["linked"]:
        out.append(
            f"{field(lang, 'legal_linked')}{sep}{li['id']} {one_line(li['title'])} "
            f"{li['due_on']} {label(lang, li['status'])}"
        )
    return out
