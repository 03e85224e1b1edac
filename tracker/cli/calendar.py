"""The working-day calendar: show, set, import."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    OneOf,
    TrackerGroup,
    common_options,
    current_lang,
    dump_json,
    echo,
    ledger,
    open_conn,
    open_or_blank,
)
from tracker.cli.root import cli
from tracker.errors import UserError
from tracker.i18n import label, t


@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="工作日日历 · the working-day calendar")
@common_options
def calendar():
    """The working-day calendar: holidays, make-up working days, overrides."""


@calendar.command(name="show", context_settings=CONTEXT, short_help="查看日历 · holidays of a year")
@click.argument("year")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"), help="text or json.")
@common_options
def calendar_show(year, fmt):
    """The holidays and make-up working days of YEAR (json: every day)."""
    from tracker.calendar import WorkCalendar

    if not str(year).isdigit() or not 1900 <= int(year) <= 2099:
        raise UserError("bad_year", value=year)
    year = int(year)
    conn = open_or_blank()
    cal, lang = WorkCalendar.from_db(conn), current_lang()
    days = cal.year_days(year)
    provisional = cal.is_provisional_year(year)
    if fmt == "json":
        dump_json(
            {
                "year": year,
                "provisional": provisional,
                "days": [{"date": d.date.isoformat(), "workday": d.workday, "note": d.note(lang)} for d in days],
            }
        )
        return

    from tracker.cli.layouts import calendar_text
    from tracker.cli.output import output_width

    echo(calendar_text(year, days, provisional, lang, output_width()))


@calendar.command(name="set", context_settings=CONTEXT, short_help="设置日期 · set a working or rest day")
@click.argument("date", type=DATE)
@click.argument("daytype", metavar="workday|holiday")
@click.option("--note", help="What the day is, e.g. 春节 or 春节调休上班.")
@common_options
def calendar_set(date, daytype, note):
    """Make DATE a working day or a rest day (the office's own entry).

    Rule-based deadlines touched by the change are recomputed."""
    workday = _daytype(daytype)
    conn = open_conn()
    result = ledger(conn).set_calendar([(date, workday, note)])
    lang = current_lang()
    echo(t(lang, "calendar_set", date=date.isoformat(), daytype=label(lang, "workday" if workday else "holiday")))
    echo(t(lang, "recomputed", changed=result.changed, confirmed=result.confirmed, checked=result.checked))


def _daytype(value: str) -> bool:
    v = str(value).strip().lower()
    if v in ("workday", "work", "上班", "工作日", "1", "true"):
        return True
    if v in ("holiday", "rest", "休息", "休息日", "放假", "0", "false"):
        return False
    raise UserError("bad_daytype", value=value)


@calendar.command(name="import", context_settings=CONTEXT, short_help="导入放假安排 · import a year's schedule")
@click.argument("file", type=click.Path(dir_okay=False))
@common_options
def calendar_import(file):
    """Enter a year's schedule from FILE: the JSON of `calendar show --format
    json`, or CSV with columns date, workday|holiday, note.

    Rule-based deadlines touched by the change are recomputed."""
    from tracker.calendar import read_calendar_file

    entries = read_calendar_file(Path(file), _daytype)
    conn = open_conn()
    # A file of a year's schedule announces that year (its days not listed
    # are ordinary working days and weekends).
    result = ledger(conn).set_calendar(entries, announce={d.year for d, _, _ in entries})
    lang = current_lang()
    echo(t(lang, "calendar_imported", count=len(entries)))
    echo(t(lang, "recomputed", changed=result.changed, confirmed=result.confirmed, checked=result.checked))


@calendar.command(name="announce", context_settings=CONTEXT, short_help="公布年度放假安排 · mark a year announced")
@click.argument("year")
@common_options
def calendar_announce(year):
    """Mark YEAR's holiday schedule as announced, once its holidays and
    make-up working days have been entered with `calendar set`: its
    deadlines are no longer provisional (暂定) and are recomputed."""
    if not str(year).isdigit() or not 1900 <= int(year) <= 2099:
        raise UserError("bad_year", value=year)
    conn = open_conn()
    result = ledger(conn).set_calendar([], announce={int(year)})
    lang = current_lang()
    echo(t(lang, "calendar_announced", year=year))
    echo(t(lang, "recomputed", changed=result.changed, confirmed=result.confirmed, checked=result.checked))
