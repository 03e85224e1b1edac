"""The supervision list out and in: export and import."""

from __future__ import annotations

import click

from tracker.cli.common import (
    CONTEXT,
    OneOf,
    as_of,
    build_filters,
    common_options,
    current_lang,
    echo,
    filter_options,
    ledger,
    open_conn,
    open_or_blank,
)
from tracker.cli.output import Progress, _bytes_out, _check_output, _replacing, _text_out, bulk_work
from tracker.cli.root import cli
from tracker.errors import UserError
from tracker.i18n import label, t
from tracker.text import safe


@cli.command(context_settings=CONTEXT, short_help="导出督办事项清单 · export the list")
@filter_options
@click.option(
    "--format",
    "fmt",
    default="csv",
    show_default=True,
    type=OneOf("csv", "xlsx", "json", "ics"),
    help="csv, xlsx, json or ics.",
)
@click.option("-o", "--output", metavar="FILE", help="Output file (required for xlsx; stdout otherwise).")
@click.option(
    "--headers",
    "header_lang",
    default="zh",
    show_default=True,
    type=OneOf("zh", "en"),
    help="Column headers: zh or en.",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def export(
    kind,
    unit,
    lead_only,
    owner,
    status,
    campaign,
    overdue,
    due_before,
    due_after,
    search,
    fmt,
    output,
    header_lang,
    force,
):
    """Export the supervision list (督办事项清单) with the filters of `list`."""
    from tracker.calendar import WorkCalendar
    from tracker.deadlines import Catalogue
    from tracker.export import describe_filters, export_csv, export_json, export_table, write_ics, write_xlsx

    lang, today = current_lang(), as_of()
    path = _check_output(output, force) if output else None
    if fmt == "xlsx" and path is None:
        raise UserError("need_output", fmt=fmt)
    conn = open_conn()
    f = build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search, lead_only)
    cal = WorkCalendar.from_db(conn)
    with bulk_work():
        if fmt in ("csv", "json"):  # written from SQLite's lines, not rows
            with _bytes_out(path) as out:
                if fmt == "csv":
                    count = export_csv(conn, f, today, cal, out, header_lang)
                else:
                    count = export_json(conn, f, today, cal, out)
        else:
            rows = export_table(conn, f, today, cal, labels=None if header_lang == "en" else "zh")
            if fmt == "xlsx":
                assert path is not None
                with _replacing(path) as tmp, Progress("XLSX") as bar:
                    bar.start(len(rows))
                    write_xlsx(
                        rows,
                        tmp,
                        header_lang,
                        lang,
                        today,
                        describe_filters(conn, f, lang),
                        progress=bar,
                        cal=cal,
                        catalogue=Catalogue.from_db(conn),
                        hearings=_hearings(conn, rows, today, f),
                    )
            else:
                with _text_out(path) as out:
                    write_ics(rows, out, lang, today, hearings=_hearings(conn, rows, today, f))
            count = len(rows)
            del rows  # freed here, before the collector is back on, not scanned by it
    if path is not None:
        click.echo(t(lang, "exported", count=count, path=str(path)), err=True)


@cli.command(name="import", context_settings=CONTEXT, short_help="导入台账 · import a ledger file")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only check the file; write nothing.")
@click.option(
    "--update",
    is_flag=True,
    help="Update the items the file names by ref_no, or by id without one (recorded as events).",
)
@click.option("--kind", help="The kind of rows that name none (a sheet of one kind often has no 类型 column).")
@common_options
def import_cmd(file, dry_run, update, kind):
    """Load a ledger from CSV (UTF-8, UTF-8 with BOM or GB18030), XLSX, XLS
    or ODS, with zh or en headers. One bad row and nothing is imported: every
    bad row is listed with its line, column and value."""
    from tracker.importer import import_file

    lang = current_lang()
    # --dry-run checks against the ledger, or an empty one if there is none yet.
    conn = open_or_blank() if dry_run else open_conn()
    book = ledger(conn)
    kind = book.kind_id(kind) if kind else None
    with Progress(t(lang, "cli_progress_import")) as bar, bulk_work():
        result = import_file(book, file, dry_run=dry_run, update=update, progress=bar, kind=kind)
    if dry_run:
        echo(t(lang, "import_checked", rows=result.rows, added=result.added, updated=result.updated))
        return
    echo(
        t(lang, "import_done", rows=result.rows, added=result.added, updated=result.updated, unchanged=result.unchanged)
    )
    sep = label(lang, "cli_list_sep")
    if result.skipped:
        echo(t(lang, "import_skipped", count=result.skipped))
    if result.date_unknown:
        echo(t(lang, "import_date_unknown", count=result.date_unknown))
    if result.created_units:
        echo(t(lang, "created_units", names=sep.join(map(safe, result.created_units))))
    if result.created_campaigns:
        echo(t(lang, "created_campaigns", names=sep.join(map(safe, result.created_campaigns))))


def _hearings(conn, rows: list[tuple], today, f) -> list:
    """The hearings to export with the items (tracker.legal)."""
    from tracker.export import ROW_KEYS
    from tracker.legal import export_hearings

    col = ROW_KEYS.index("id")
    return export_hearings(conn, {r[col] for r in rows}, today, f)
