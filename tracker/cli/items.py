"""One item at a time: add, list, show, and the actions on an item."""

from __future__ import annotations

import sys

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    ITEM_ID,
    IntBetween,
    OneOf,
    as_of,
    build_filters,
    common_options,
    current_lang,
    due_text,
    dump_json,
    echo,
    filter_options,
    ledger,
    open_conn,
)
from tracker.cli.root import cli
from tracker.i18n import field, label, t


@cli.command(context_settings=CONTEXT, short_help="新增事项 · add an item")
@click.argument("kind")
@click.argument("title")
@click.option("--ref", help="文号 or 案号, unique, e.g. 东应急〔2022〕115号.")
@click.option("--unit", help="Lead unit (责任单位); created on first use.")
@click.option("--assist", help="Assisting units (配合单位), separated by ; ； or 、.")
@click.option("--owner", help="Person responsible (责任人).")
@click.option("--received", type=DATE, help="Received / assigned date: the trigger of the deadline.")
@click.option("--due", type=DATE, help="The deadline, when the letter or assignment gives it.")
@click.option("--rule", help="Compute the deadline by RULE from --received (see `tracker rules`).")
@click.option("--campaign", help="The campaign (专项整治) this task belongs to; created on first use.")
@click.option("--source", help="Where the matter came from (来源).")
@click.option("--note", help="Notes (备注).")
@click.option("--party", help="Review/litigation: applicant or plaintiff.")
@click.option("--organ", help="Review/litigation: review organ or court.")
@click.option("--hearing", type=DATE, help="Review/litigation: adds a hearing on this date.")
@click.option("--cadence", help="Units report on it daily, weekly or monthly (每日一报, 每周一报, 每月一报).")
@click.option("-q", "--quiet", is_flag=True, help="Print only the new id.")
@common_options
def add(
    kind,
    title,
    ref,
    unit,
    assist,
    owner,
    received,
    due,
    rule,
    campaign,
    source,
    note,
    party,
    organ,
    hearing,
    cadence,
    quiet,
):
    """Add an item of KIND (task, supervision, reminder, suggestion, listed,
    campaign-task, review, litigation, proposal, or the zh label) titled TITLE.

    Without --due the deadline comes from the kind's rule (or --rule) counted
    from --received. Prints the new id and the deadline with its basis.
    """
    from tracker.ledger import split_units

    lang = current_lang()
    if cadence:
        from tracker.units import cadence_id

        cadence = cadence_id(cadence)  # refused before anything is written
    conn = open_conn()
    result = ledger(conn).add(
        kind,
        title,
        ref_no=ref,
        unit=unit,
        assist_units=split_units(assist),
        owner=owner,
        received_on=received,
        due_on=due,
        rule=rule,
        campaign=campaign,
        source=source,
        notes=note,
        party=party,
        organ=organ,
        hearing_on=hearing,
    )
    today = as_of()
    if received and received > today:  # allowed (a letter dated ahead), but worth a second look
        click.echo(t(lang, "received_in_future", value=received.isoformat(), today=today.isoformat()), err=True)
    if cadence:
        from tracker.units import set_item_cadence

        set_item_cadence(ledger(conn), result.id, cadence)
    if quiet:
        echo(str(result.id))
        return
    echo(t(lang, "added", id=result.id))
    d = result.deadline
    echo(
        f"{field(lang, 'due_on')}{t(lang, 'cli_colon')}{due_text(lang, d.due_on if d else due, bool(d and d.provisional))}"
    )
    if d:
        echo(d.basis(lang))
    if result.created_units:
        from tracker.text import safe

        echo(t(lang, "created_units", names=label(lang, "cli_list_sep").join(map(safe, result.created_units))))


# ---------------------------------------------------------------------- list --
def _styler(light_):
    """The list row's colour by its light (output.ANSI_STYLES)."""
    from tracker.cli.output import styled

    return (lambda s: styled(s, light_)) if light_ else None


@cli.command(name="list", context_settings=CONTEXT, short_help="事项列表 · list items")
@filter_options
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=OneOf("table", "json", "csv"),
    help="table, json or csv.",
)
@click.option("--limit", type=IntBetween(1, 10_000_000), help="At most this many items.")
@common_options
def list_cmd(kind, unit, lead_only, owner, status, campaign, overdue, due_before, due_after, search, fmt, limit):
    """List items, most urgent first (open items unless --status)."""
    from tracker.calendar import WorkCalendar
    from tracker.export import export_rows

    lang, today = current_lang(), as_of()
    conn = open_conn()
    f = build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search, lead_only)
    cal = WorkCalendar.from_db(conn)
    rows = export_rows(
        conn,
        f,
        today,
        cal,
        labels=None if fmt == "json" else lang,
        limit=limit,
        neutral=fmt == "csv",
        details=fmt != "table",  # the table shows no assisting units nor progress
    )
    if unit and fmt == "json":
        from tracker.units import with_roles

        dump_json(with_roles(conn, rows, unit))
        return
    if fmt in ("json", "csv"):
        _write_list(rows, fmt, lang, today, cal)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    if unit and not lead_only:  # U's role in each: lead, or assisting another unit's item
        from tracker.units import with_roles

        for r, role in zip(rows, with_roles(conn, rows, unit)):
            if role.get("role") == "assist":
                r["unit"] = t(lang, "units_assists_in", lead=r["unit"] or "—", unit=unit.strip())
    from tracker.cli.layouts import list_table
    from tracker.cli.output import output_width
    from tracker.timeleft import TimeLeft

    left = TimeLeft(today, cal)

    def say(r: dict) -> str:
        return left.say(lang, r["due_on"]) if r["_status"] == "open" else ""

    colour = sys.stdout.isatty()
    styles = [_styler(r["_light"]) if colour else None for r in rows]
    echo(list_table(rows, lang, say, output_width(80), styles))
    if any(r["provisional"] for r in rows):
        echo("* " + t(lang, "provisional_mark"))


# ---------------------------------------------------------------------- show --
@cli.command(context_settings=CONTEXT, short_help="查看事项 · one item with its history")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"), help="text or json.")
@common_options
def show(item_id, fmt):
    """One item with every field, its deadline basis and full history."""
    from tracker.calendar import WorkCalendar
    from tracker.cli.layouts import item_text
    from tracker.cli.output import output_width
    from tracker.legal import case_view
    from tracker.queries import get_item, item_events, item_fields, latest_basis, light

    lang, today = current_lang(), as_of()
    conn = open_conn()
    cal = WorkCalendar.from_db(conn)
    item = get_item(conn, item_id)
    events = item_events(conn, item["id"])
    from tracker.letters import escalation, say_escalation

    matter_id, letters = escalation(conn, item["id"])
    letter_view: dict = {"letters": [x.as_json() for x in letters]}
    from tracker.units import is_awaiting, item_cadence, share_lines, shares_of

    shares, awaiting = shares_of(conn, item_id), is_awaiting(conn, item_id)
    unit_view = {"shares": shares, "awaiting_review": awaiting, "cadence": item_cadence(conn, item_id)}
    if matter_id is not None and matter_id != item["id"]:
        letter_view["letter_about"] = matter_id
    if fmt == "json":
        dump_json(
            {
                **item,
                "light": light(item, today, cal),
                "basis": latest_basis(events, lang),
                **_time_left(item["due_on"] if item["status"] == "open" else None, today, cal),
                **case_view(conn, item["id"]),
                **letter_view,
                **unit_view,
                "events": events,
            }
        )
        return
    from tracker.cli.legal import show_case_lines

    fields = item_fields(item, events, lang, today, cal)
    if matter_id is not None and matter_id != item["id"]:
        fields.append(("letter_about", _matter_line(conn, matter_id)))
    if letters:
        fields.append(("letters", say_escalation(letters, lang, current=item["id"])))
    if awaiting:
        fields = [(k, v + t(lang, "units_awaiting_mark")) if k == "status" else (k, v) for k, v in fields]
    extra = [*show_case_lines(conn, item["id"], lang), *share_lines(shares, lang, item_cadence(conn, item_id))]
    echo(item_text(fields, events, lang, output_width(), extra))


def _time_left(due: str | None, today, cal) -> dict:
    """days_left and workdays_left of an open item's deadline (None when closed)."""
    from tracker.timeleft import TimeLeft

    if not due:
        return {"days_left": None, "workdays_left": None}
    left = TimeLeft(today, cal)
    return {"days_left": left.days(due), "workdays_left": left.workdays(due)}


def _matter_line(conn, matter_id: int) -> str:
    """#9 东应急督〔2026〕2号 督促虎门镇整改燃气使用隐患: what a letter is about."""
    row = conn.execute("SELECT ref_no, title FROM items WHERE id = ?", (matter_id,)).fetchone()
    return " ".join(x for x in (f"#{matter_id}", row[0], row[1]) if x)


# ------------------------------------------------------------------- actions --
@cli.command(context_settings={**CONTEXT, "ignore_unknown_options": True}, short_help="记录进展 · record progress")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("text", nargs=-1, required=True)
@common_options
def note(item_id, text):
    """Record progress (进展) on item ID. TEXT may start with a dash
    (-3日内整改完毕); put it after -- if it looks like an option of tracker's."""
    conn = open_conn()
    ledger(conn).note(item_id, " ".join(text))
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="记录催办 · record a reminder sent")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--note", "text", help="What was said or sent.")
@common_options
def remind(item_id, text):
    """Record that a reminder (催办) was sent for item ID."""
    conn = open_conn()
    ledger(conn).remind(item_id, text)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="延期 · extend the deadline")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("date", type=DATE)
@click.option("--reason", required=True, help="Why the deadline moves (required).")
@click.option("--approver", help="Who approved the extension (批准人).")
@common_options
def extend(item_id, date, reason, approver):
    """Extend (延期) item ID to DATE; the original deadline stays on record."""
    conn = open_conn()
    ledger(conn).extend(item_id, date, reason, approver=approver)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="办结 · mark done")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--on", type=DATE, help="The day it was done (default: today / --as-of).")
@click.option("--note", "text", help="How it was closed.")
@common_options
def done(item_id, on, text):
    """Mark item ID done (办结)."""
    conn = open_conn()
    today = as_of()
    ledger(conn).done(item_id, on or today, text, today=today)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="重新打开 · reopen")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--reason", help="Why it is reopened.")
@common_options
def reopen(item_id, reason):
    """Reopen a done or cancelled item ID."""
    conn = open_conn()
    ledger(conn).reopen(item_id, reason)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="撤销 · cancel an item")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--reason", required=True, help="Why it is cancelled (required).")
@click.option("--on", type=DATE, help="The day of cancelling (default: today / --as-of).")
@common_options
def cancel(item_id, reason, on):
    """Cancel (撤销) item ID."""
    conn = open_conn()
    ledger(conn).cancel(item_id, reason, on or as_of())
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="修改事项 · correct fields")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--kind", help="The new kind (id or zh label).")
@click.option("--title", help="The new title.")
@click.option("--ref", "ref_no", help="The new 文号 or 案号.")
@click.option("--source", help="The new source (来源).")
@click.option("--unit", help="The new lead unit (责任单位); created on first use.")
@click.option("--assist", "assist_units", help="Assisting units, separated by ; ； or 、 (empty to clear).")
@click.option("--owner", help="The new owner (责任人).")
@click.option("--received", "received_on", type=DATE, help="The new received date; a rule-based deadline follows.")
@click.option("--due", "due_on", type=DATE, help="A new deadline given directly (not an extension).")
@click.option("--rule", help="Recompute the deadline by RULE from the received date.")
@click.option("--campaign", help="The campaign it belongs to.")
@click.option("--note", "notes", help="Notes (备注).")
@click.option("--party", help="Review/litigation: applicant or plaintiff.")
@click.option("--organ", help="Review/litigation: review organ or court.")
@click.option("--hearing", "hearing_on", type=DATE, help="Review/litigation: adds a hearing on this date.")
@click.option("--if-version", type=int, help="Refuse the edit unless the item is still at this version.")
@common_options
def edit(item_id, if_version, **changes):
    """Correct fields of item ID; each change is recorded in its history."""
    from tracker.ledger import split_units

    changes = {k: v for k, v in changes.items() if v is not None}
    if "assist_units" in changes:
        changes["assist_units"] = split_units(changes["assist_units"])
    conn = open_conn()
    changed = ledger(conn).edit(item_id, changes, expected_version=if_version)
    lang = current_lang()
    fields = label(lang, "cli_list_sep").join(field(lang, k) for k in changed)
    echo(t(lang, "saved", id=item_id) + (t(lang, "cli_changed_fields", fields=fields) if changed else ""))


def _write_list(rows: list[dict], fmt: str, lang: str, today, cal) -> None:
    """list --format json/csv: the export's writer, to the terminal (JSON
    rows also carry workdays_left beside the export's days_left)."""
    from tracker.cli.output import _text_out
    from tracker.export import EXPORT_KEYS, write_csv
    from tracker.text import json_text

    cells = [tuple(r[k] for k in EXPORT_KEYS) for r in rows]
    with _text_out(None) as out:
        if fmt == "csv":
            write_csv(cells, out, "zh" if lang != "en" else "en")
            return
        from tracker.timeleft import TimeLeft

        left = TimeLeft(today, cal)
        out.write(
            json_text(
                [
                    {
                        **dict(zip(EXPORT_KEYS, c)),
                        "workdays_left": None if r["days_left"] is None else left.workdays(r["due_on"]),
                    }
                    for c, r in zip(cells, rows)
                ]
            )
        )
