"""Special rectification campaigns (专项整治): add, list, show."""

from __future__ import annotations

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
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
from tracker.i18n import t
from tracker.text import safe


@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="专项整治 · campaigns")
@common_options
def campaign():
    """Special rectification campaigns (专项整治) and their progress."""


@campaign.command(name="add", context_settings=CONTEXT, short_help="新增专项整治 · add a campaign")
@click.argument("name")
@click.option("--start", type=DATE, help="First day.")
@click.option("--end", type=DATE, help="Last day.")
@click.option("--unit", help="Lead unit.")
@click.option("--cadence", help="Reporting cadence: daily, weekly or monthly (每日一报, 每周一报, 每月一报).")
@click.option("--figure", "figures", multiple=True, metavar="NAME", help="A figure units report (检查企业数 ...).")
@click.option("--target", "targets", multiple=True, metavar="NAME=N", help="A figure's target, e.g. 检查企业数=500.")
@common_options
def campaign_add(name, start, end, unit, cadence, figures, targets):
    """Add a campaign NAME."""
    from tracker.units import add_campaign, cadence_id, parse_figures

    cadence_id(cadence)  # a bad word is refused before the database is created
    goals = parse_figures(targets)
    conn = open_conn()
    cid = add_campaign(ledger(conn), name, start, end, unit, cadence, list(figures), goals)
    echo(t(current_lang(), "campaign_added", id=cid, name=safe(name.strip())))


@campaign.command(name="list", context_settings=CONTEXT, short_help="专项整治列表 · campaigns and progress")
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json"), help="table or json.")
@common_options
def campaign_list(fmt):
    """Campaigns with done/total, overdue tasks and dates."""
    from tracker.cli.layouts import campaign_list_text
    from tracker.queries import campaign_rows

    lang, today = current_lang(), as_of()
    from tracker.units import cadence_label

    rows = campaign_rows(open_conn(), today)
    if fmt == "json":
        dump_json(rows)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    for r in rows:
        r["cadence"] = cadence_label(lang, r["cadence"])
    echo(campaign_list_text(rows, lang, _width()))


@campaign.command(name="show", context_settings=CONTEXT, short_help="专项整治详情 · one campaign")
@click.argument("name")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"), help="text or json.")
@common_options
def campaign_show(name, fmt):
    """One campaign: progress, lagging units and its tasks."""
    from tracker.calendar import WorkCalendar
    from tracker.cli.layouts import campaign_text
    from tracker.export import EXPORT_KEYS, export_rows
    from tracker.queries import Filters, campaign_rows, campaign_units

    lang, today = current_lang(), as_of()
    conn = open_conn()
    rows = campaign_rows(conn, today, name.strip())
    if not rows:
        raise UserError("no_campaign", value=name)
    c = rows[0]
    units = campaign_units(conn, c["id"], today)
    tasks = export_rows(
        conn,
        Filters(status="all", campaign=str(c["id"])),
        today,
        WorkCalendar.from_db(conn),
        labels=None if fmt == "json" else lang,
    )
    from tracker.units import campaign_figures, unreported_units

    figures = campaign_figures(conn, c["id"])
    unreported = unreported_units(conn, c["id"], today, WorkCalendar.from_db(conn))
    if fmt == "json":
        dump_json(
            {
                **c,
                "units": units,
                "figures": figures,
                "unreported": unreported,
                "tasks": [{k: r[k] for k in EXPORT_KEYS} for r in tasks],
            }
        )
        return
    from tracker.ledger import units_by_pinyin
    from tracker.units import cadence_label
    from tracker.units import campaign_text as figures_text

    c = {**c, "cadence": cadence_label(lang, c["cadence"])}
    lines = figures_text(c, figures, unreported, lang, units_by_pinyin(conn))
    echo(campaign_text(c, units, tasks, lang, _width(), [safe(x) for x in lines]))


def _width() -> int:
    from tracker.cli.output import output_width

    return output_width()
