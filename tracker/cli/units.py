"""Responsible units and their reports: feedback (add, list, form, import),
return (退回重办), bulletin (督查通报), unit (list, rename, merge, set)."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    ITEM_ID,
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
from tracker.i18n import t


def _role(lang: str, role: str) -> str:
    return t(lang, "units_role_" + role)


# ------------------------------------------------------------------ feedback --
@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="单位反馈 · units' reports")
@common_options
def feedback():
    """Units' reports (反馈) on their items: add one, list them, write the
    forms units fill in, and read the filled forms back."""


@feedback.command(name="add", context_settings=CONTEXT, short_help="登记反馈 · record a unit's report")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("text")
@click.option("--unit", required=True, help="The reporting unit (must hold a share of the item).")
@click.option("--on", type=DATE, help="The day the report speaks for (default: today / --as-of).")
@click.option("--done", is_flag=True, help="The unit's part is done; the lead unit's done awaits review (待销号).")
@click.option("--figure", "figures", multiple=True, metavar="NAME=N", help="A campaign figure for the period.")
@common_options
def feedback_add(item_id, text, unit, on, done, figures):
    """Record unit U's report (反馈) TEXT on item ID."""
    from tracker.units import Report, add_feedback, is_awaiting, parse_figures

    lang = current_lang()
    conn = open_conn()
    report = Report(item_id, unit, text, on or as_of(), done, parse_figures(figures))
    add_feedback(ledger(conn), report)
    echo(t(lang, "saved", id=item_id))
    if done and is_awaiting(conn, item_id):
        echo(t(lang, "units_now_awaiting", id=item_id))


@feedback.command(name="list", context_settings=CONTEXT, short_help="反馈列表 · reports received")
@click.argument("item_id", metavar="[ID]", type=ITEM_ID, required=False)
@click.option("--unit", help="Only this unit's reports.")
@click.option("--from", "date_from", type=DATE, help="First day.")
@click.option("--to", "date_to", type=DATE, help="Last day.")
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json"), help="table or json.")
@common_options
def feedback_list(item_id, unit, date_from, date_to, fmt):
    """Reports received, newest first (of item ID when given)."""
    from tracker.text import table
    from tracker.units import feedback_rows

    lang = current_lang()
    conn = open_conn()
    rows = feedback_rows(conn, item_id, unit, date_from, date_to)
    if fmt == "json":
        dump_json(rows)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    hdr = [t(lang, k) for k in ("units_h_on", "units_h_id", "units_h_unit", "units_h_role", "units_h_text")]
    hdr += [t(lang, "units_h_done"), t(lang, "units_h_figures")]
    body = [
        [
            r["on"],
            r["item_id"],
            r["unit"],
            _role(lang, r["role"]),
            r["text"],
            t(lang, "units_yes") if r["done"] else "",
            "，".join(f"{k} {v}" for k, v in r["figures"].items()),
        ]
        for r in rows
    ]
    echo(table(hdr, body, max_widths={2: 16, 4: 40, 6: 30}, right={1}))


@feedback.command(name="form", context_settings=CONTEXT, short_help="生成反馈表 · write units' forms")
@click.option("--unit", help="Only this unit's form.")
@click.option("--campaign", help="Only this campaign's tasks (with its figures).")
@click.option("-o", "--output", metavar="PATH", required=True, help="An .xlsx file, or a folder for one per unit.")
@click.option("--force", is_flag=True, help="Overwrite files that exist.")
@common_options
def feedback_form(unit, campaign, output, force):
    """Write each unit's feedback form (XLSX): its open items, with columns to
    fill (本期进展, 是否办结, 办结日期, the campaign's figures). PATH ending in
    .xlsx is one file (one sheet per unit); otherwise a folder, one file per unit."""
    from tracker.cli.output import _check_output, _replacing
    from tracker.errors import UserError
    from tracker.unit_forms import form_data, write_form

    lang, today = current_lang(), as_of()
    conn = open_conn()
    forms = form_data(conn, today, unit, campaign)
    if not forms:
        raise UserError("units_no_open_shares", unit=unit or "—")
    target = Path(output).expanduser()
    if target.suffix.lower() == ".xlsx":
        path = _check_output(str(target), force)
        with _replacing(path) as tmp:
            write_form(forms, tmp, today)
        echo(t(lang, "units_forms_written", n=len(forms), path=str(path)))
        return
    if target.exists() and not target.is_dir():
        raise UserError("output_no_dir", path=str(target), dir=str(target))
    target.mkdir(parents=True, exist_ok=True)
    from tracker.unit_forms import form_file_name

    paths = [_check_output(str(target / form_file_name(f, today)), force) for f in forms]
    for f, path in zip(forms, paths):
        with _replacing(path) as tmp:
            write_form([f], tmp, today)
    echo(t(lang, "units_forms_written", n=len(forms), path=str(target)))


@feedback.command(name="import", context_settings=CONTEXT, short_help="导入反馈表 · read filled forms back")
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@click.option("--on", type=DATE, help="The day the reports speak for (default: the form's date, else today).")
@click.option("--dry-run", is_flag=True, help="Check the files; write nothing.")
@common_options
def feedback_import(files, on, dry_run):
    """Read filled feedback forms (XLSX, also saved by WPS, or CSV): every
    filled row becomes that unit's report. All files or nothing: a bad row
    anywhere imports nothing, and every bad row is named with its file."""
    from tracker.unit_forms import read_forms
    from tracker.units import add_feedback_many

    lang, today = current_lang(), as_of()
    conn = open_conn()
    reports, skipped = read_forms(conn, [Path(f) for f in files], on, today)
    if not dry_run:
        add_feedback_many(ledger(conn), reports)
    echo(t(lang, "units_imported" if not dry_run else "units_checked", n=len(reports), files=len(files)))
    done = sum(r.done for r in reports)
    if done:
        echo(t(lang, "units_imported_done", n=done))


# -------------------------------------------------------------------- return --
@cli.command(name="return", context_settings=CONTEXT, short_help="退回重办 · send a reported item back")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--reason", required=True, help="Why it goes back (required).")
@click.option("--due", type=DATE, help="A new deadline for the redo.")
@click.option("--force", is_flag=True, help="Return it even though it is not awaiting review.")
@common_options
def return_cmd(item_id, reason, due, force):
    """Send item ID back (退回重办): it stays open, its shares go back to
    work, and the return counts against the lead unit."""
    from tracker.units import return_item

    lang = current_lang()
    unit = return_item(ledger(open_conn()), item_id, reason, due, force)
    echo(t(lang, "units_returned", id=item_id, unit=unit or "—"))


# ------------------------------------------------------------------ bulletin --
@cli.command(context_settings=CONTEXT, short_help="督查通报 · rank the units")
@click.option("--from", "date_from", type=DATE, help="First day (default: the first of the as-of month).")
@click.option("--to", "date_to", type=DATE, help="Last day (default: the day before --as-of).")
@click.option(
    "--format",
    "fmt",
    default="rich",
    show_default=True,
    type=OneOf("rich", "text", "md", "html", "json", "xlsx"),
    help="rich, text, md, html, json or xlsx.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE (required for xlsx).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def bulletin(date_from, date_to, fmt, output, force):
    """督查通报: per lead unit over the items due in the period: due, done on
    time, on-time rate, open overdue, returns, reminders sent, missed
    reports; ranked best first."""
    import datetime as dt
    import sys

    from tracker.bulletin import render_bulletin, write_bulletin_xlsx
    from tracker.calendar import WorkCalendar
    from tracker.cli.output import _check_output, _replacing, _write_out
    from tracker.errors import UserError
    from tracker.units import build_bulletin

    lang, today = current_lang(), as_of()
    path = _check_output(output, force) if output else None
    if fmt == "xlsx" and path is None:
        raise UserError("need_output", fmt=fmt)
    conn = open_conn()
    yesterday = today - dt.timedelta(days=1)
    date_from = date_from or yesterday.replace(day=1)
    date_to = date_to or yesterday
    data = build_bulletin(conn, date_from, date_to, today, WorkCalendar.from_db(conn))
    if fmt == "xlsx":
        assert path is not None
        with _replacing(path) as tmp:
            write_bulletin_xlsx(data, tmp, lang)
        echo(t(lang, "units_bulletin_written", path=str(path)))
        return
    if fmt == "rich" and (path or not sys.stdout.isatty()):
        fmt = "text"
    if fmt == "rich":
        from rich.console import Console

        from tracker.bulletin import rich_table

        Console().print(rich_table(data, lang))
        return
    _write_out(render_bulletin(data, lang, fmt), output and str(path), True)


# ---------------------------------------------------------------------- unit --
@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="单位 · units")
@common_options
def unit():
    """The units (bureau sections, towns, streets, parks): list, rename a
    typo, merge a duplicate, contact person and phone."""


@unit.command(name="list", context_settings=CONTEXT, short_help="单位列表 · units")
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json"), help="table or json.")
@common_options
def unit_list(fmt):
    """Every unit (by pinyin) with its contact and its open items."""
    from tracker.text import table
    from tracker.units import unit_rows

    lang = current_lang()
    rows = unit_rows(open_conn())
    if fmt == "json":
        dump_json(rows)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    keys = ("units_h_unit", "units_h_contact", "units_h_phone", "units_h_lead", "units_h_assist", "units_h_awaiting")
    echo(
        table(
            [t(lang, k) for k in keys],
            [
                [
                    r["unit"],
                    r["contact"] or "",
                    r["phone"] or "",
                    r["lead_open"],
                    r["assist_open"],
                    r["awaiting_review"],
                ]
                for r in rows
            ],
            right={3, 4, 5},
        )
    )


@unit.command(name="rename", context_settings=CONTEXT, short_help="单位改名 · rename a unit")
@click.argument("old")
@click.argument("new")
@common_options
def unit_rename(old, new):
    """Rename unit OLD to NEW (a typo): its items, shares and reports stay
    with it; each item records the change."""
    from tracker.units import rename_unit

    n = rename_unit(ledger(open_conn()), old, new)
    echo(t(current_lang(), "units_renamed", old=old.strip(), new=new.strip(), n=n))


@unit.command(name="merge", context_settings=CONTEXT, short_help="合并单位 · merge a duplicate")
@click.argument("source", metavar="FROM")
@click.argument("into", metavar="INTO")
@common_options
def unit_merge(source, into):
    """Merge unit FROM into INTO: its items, shares, reports and history move
    (each item records it) and FROM is removed."""
    from tracker.units import merge_units

    n = merge_units(ledger(open_conn()), source, into)
    echo(t(current_lang(), "units_merged", old=source.strip(), new=into.strip(), n=n))


@unit.command(name="set", context_settings=CONTEXT, short_help="单位联系人 · contact and phone")
@click.argument("name", metavar="U")
@click.option("--contact", help="Contact person (联系人).")
@click.option("--phone", help="Phone number.")
@common_options
def unit_set(name, contact, phone):
    """Set unit U's contact person and phone."""
    from tracker.units import set_contact

    set_contact(ledger(open_conn()), name, contact, phone)
    echo(t(current_lang(), "units_contact_saved", unit=name.strip()))
