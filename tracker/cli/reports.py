"""The morning report and the on-time statistics."""

from __future__ import annotations

import sys

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    IntBetween,
    OneOf,
    as_of,
    common_options,
    current_lang,
    ledger,
    open_conn,
)
from tracker.cli.output import _write_out, terminal_width
from tracker.cli.root import cli
from tracker.errors import UserError


@cli.command(context_settings=CONTEXT, short_help="晨报 · the morning overdue report")
@click.option("--soon", default=3, show_default=True, type=IntBetween(0, 60), help="Due soon: within N working days.")
@click.option("--unit", help="Only items led by this unit.")
@click.option("--kind", help="Only this kind (id or zh label).")
@click.option(
    "--format",
    "fmt",
    default="rich",
    show_default=True,
    type=OneOf("rich", "text", "md", "html", "json"),
    help="rich, text, md, html or json.",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Every item, not the first 20 per unit and section (fewer when a section would list over 200).",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def report(soon, unit, kind, fmt, show_all, output, force):
    """The morning report: overdue, due today and due soon, by unit, with
    campaign progress. For cron and mail use --format text or html."""
    from tracker.calendar import WorkCalendar
    from tracker.report import (
        CAP_PER_UNIT,
        TEXT_WIDTH,
        build_report,
        render_html,
        render_md,
        render_text,
        report_json,
    )

    lang, today = current_lang(), as_of()
    conn = open_conn()
    if kind:
        kind = ledger(conn).kind_id(kind)
    if fmt == "json":
        _write_out(report_json(conn, today, WorkCalendar.from_db(conn), soon, unit, kind), output, force)
        return
    cap = None if show_all else CAP_PER_UNIT
    rep = build_report(conn, today, WorkCalendar.from_db(conn), soon, unit, kind, cap)
    # rich: colours on a terminal, plain text in a file or a pipe (rendered
    # plain, rather than coloured for click to strip again).
    plain = bool(output) or not sys.stdout.isatty()
    if fmt in ("rich", "text"):
        # laid out for the terminal it is shown on, else for 80 columns
        # (mail, a file): long text wraps within its column, never cut
        width = TEXT_WIDTH if plain else terminal_width()
        text = (render_text if plain or fmt == "text" else render_ansi)(rep, lang, cap, width)
    else:
        text = {"md": render_md, "html": render_html}[fmt](rep, lang, cap)
    _write_out(text, output, force)


@cli.command(context_settings=CONTEXT, short_help="按时办结率 · on-time statistics")
@click.option("--from", "date_from", type=DATE, help="First day of the period (default: 1 January of --as-of's year).")
@click.option("--to", "date_to", type=DATE, help="Last day of the period (default: --as-of).")
@click.option(
    "--format",
    "fmt",
    default="text",
    show_default=True,
    type=OneOf("rich", "text", "md", "html", "json"),
    help="rich, text, md, html or json.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def stats(date_from, date_to, fmt, output, force):
    """On-time statistics (按时办结率) per kind over the items due in a period,
    and the letters sent."""
    from tracker.report import build_stats, render_stats

    lang, today = current_lang(), as_of()
    date_from = date_from or today.replace(month=1, day=1)
    date_to = date_to or today
    if date_to < date_from:
        raise UserError("end_before_start", end=date_to.isoformat(), start=date_from.isoformat())
    conn = open_conn()
    data = build_stats(conn, date_from, date_to, today)
    width = terminal_width() if not output and sys.stdout.isatty() else 80
    _write_out(render_stats(data, lang, "text" if fmt == "rich" else fmt, width), output, force)


def render_ansi(report, lang: str, cap: int | None, width: int) -> str:
    """The text report with terminal colours: red overdue, yellow due (the
    `rich` format on a terminal)."""
    from tracker.cli.output import styled
    from tracker.report import render_lines

    return "".join(styled(line, style) + "\n" for line, style in render_lines(report, lang, cap, width))
