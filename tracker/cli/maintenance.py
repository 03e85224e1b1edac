"""Building and keeping the database: demo, init, backup, check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from tracker.cli.common import (
    CONTEXT,
    IntBetween,
    _meta,
    as_of,
    common_options,
    current_lang,
    data_dir,
    db_path,
    echo,
    open_conn,
)
from tracker.cli.output import Progress
from tracker.cli.root import cli
from tracker.i18n import label, t


@cli.command(context_settings=CONTEXT, short_help="演示库 · build a demo ledger and open the UI")
@click.option(
    "--items",
    "n",
    default=3000,
    show_default=True,
    type=IntBetween(0, 10_000_000),
    help="How many items the demo holds.",
)
@click.option("--no-ui", is_flag=True, help="Only build the demo database; do not open the UI.")
@common_options
def demo(n, no_ui):
    """Build a realistic demo ledger (its own file, never your ledger) dated
    relative to today or --as-of, and open the UI on it. --db names the file
    (default: demo.db in the user data directory)."""
    from tracker.demo import build_demo

    lang, today = current_lang(), as_of()
    explicit = _meta("db")
    path = Path(explicit).expanduser() if explicit else data_dir() / "demo.db"
    with Progress(t(lang, "cli_progress_demo")) as bar:
        bar.start(n)
        count = build_demo(path, today, n, progress=bar.advance)
    click.echo(t(lang, "demo_built", path=str(path), count=count, as_of=today.isoformat()), err=True)
    if not no_ui:
        from tracker.tui.app import run_app

        run_app(path, lang=lang, as_of=today)


# ---------------------------------------------------------------------- init --
@cli.command(context_settings=CONTEXT, short_help="创建数据库 · create or migrate the database")
@common_options
def init():
    """Create the database, or migrate an older one (safe to repeat)."""
    from tracker.db import SCHEMA_VERSION, analyze

    conn = open_conn(create=True)
    analyze(conn)
    conn.close()
    echo(t(current_lang(), "init_done", path=str(db_path()), version=SCHEMA_VERSION))


@cli.command(context_settings=CONTEXT, short_help="备份 · online backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def backup(file, force):
    """Copy the database to FILE, consistently, while others keep working
    (SQLite's online backup); the copy is checked before it is kept."""
    from tracker.maintenance import backup as do_backup

    result = do_backup(open_conn(), Path(file), force)
    lang = current_lang()
    if not result.ok:
        _show_problems(result, lang)
        raise SystemExit(1)
    echo(t(lang, "backup_done", path=file, items=result.counts["items"], events=result.counts["events"]))


@cli.command(context_settings=CONTEXT, short_help="检查数据库 · integrity check")
@click.option("--quick", is_flag=True, help="SQLite's quick_check instead of the full integrity_check.")
@common_options
def check(quick):
    """Check the database: SQLite integrity and foreign keys, and the
    ledger's rules (every open item has a due date, every history entry
    belongs to an item ...). Exits 1 and lists what is wrong."""
    from tracker.maintenance import CheckResult
    from tracker.maintenance import check as do_check

    try:
        result = do_check(open_conn(), quick)
    except sqlite3.DatabaseError as e:  # too damaged to read even its schema
        if "locked" in str(e) or "busy" in str(e):
            raise
        result = CheckResult(problems=[("integrity", 1, [str(e)])])
    lang = current_lang()
    if not result.ok:
        _show_problems(result, lang)
        raise SystemExit(1)
    echo(t(lang, "check_ok", items=result.counts["items"], events=result.counts["events"]))


def _show_problems(result, lang: str) -> None:
    click.echo(t(lang, "check_failed", count=len(result.problems)), err=True)
    for key, count, examples in result.problems:
        sample = ", ".join(map(str, examples))
        click.echo(
            "  " + t(lang, "cli_problem_examples", label=label(lang, key), count=count, examples=sample), err=True
        )
