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
from tracker.errors import UserError
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
@click.option("--group", metavar="NAME", help="Make the ledger shared by the clerks of this OS group.")
@common_options
def init(group):
    """Create the database, or migrate an older one (safe to repeat).

    With --group, the ledger, its folder (setgid) and its -wal/-shm files
    belong to that group and are writable by it, so every clerk in the
    group can write while others have it open."""
    from tracker.db import SCHEMA_VERSION, analyze

    path = db_path()
    if group:
        from tracker.sharing import share_with_group

        share_with_group(path, group)
    conn = open_conn(create=True)
    analyze(conn)
    conn.close()
    if group:
        from tracker.sharing import share_with_group

        share_with_group(path, group)  # the file (and any -wal/-shm) now exists
    echo(t(current_lang(), "init_done", path=str(path), version=SCHEMA_VERSION))


@cli.command(context_settings=CONTEXT, short_help="备份 · online backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def backup(file, force):
    """Copy the database to FILE, consistently, while others keep working
    (SQLite's online backup); the copy is checked before it is kept."""
    from tracker.cli.output import _check_output
    from tracker.maintenance import backup as do_backup

    target = _check_output(file, force)  # as every output: not the ledger, a folder that exists
    result = do_backup(open_conn(), target, force=True)
    lang = current_lang()
    if not result.ok:
        _show_problems(result, lang)
        raise SystemExit(1)
    echo(t(lang, "backup_done", path=file, items=result.counts["items"], events=result.counts["events"]))


@cli.command(context_settings=CONTEXT, short_help="从备份恢复 · restore from a backup")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a ledger that holds items.")
@common_options
def restore(file, force):
    """Replace the ledger with the backup FILE (checked first), through
    SQLite itself: safe while other clerks have the ledger open, and with a
    leftover WAL. The ledger as it was is kept beside it first."""
    import datetime as dt

    from tracker.db import open_db
    from tracker.files import refuse_database
    from tracker.maintenance import has_clerk_data
    from tracker.maintenance import restore as do_restore

    lang, path, source = current_lang(), db_path(), Path(file).expanduser()
    refuse_database(source, path)
    if not source.is_file():
        raise UserError("file_missing", path=str(source))
    conn = open_db(path, create=True)
    keep = None
    if has_clerk_data(conn):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        keep = path.with_name(f"{path.name}.before-restore-{stamp}")
        if not force:
            items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
            raise UserError("restore_needs_force", path=str(path), items=items, keep=str(keep))
    result = do_restore(conn, source, keep)
    if not result.ok:
        click.echo(t(lang, "restore_bad_backup", path=str(source)), err=True)
        _show_problems(result, lang, heading=False)
        raise SystemExit(1)
    counts = result.counts
    key = "restored" if keep else "restored_fresh"
    echo(t(lang, key, path=str(source), items=counts["items"], events=counts["events"], keep=str(keep)))


@cli.command(context_settings=CONTEXT, short_help="检查数据库 · integrity check")
@click.option("--quick", is_flag=True, help="SQLite's quick_check instead of the full integrity_check.")
@common_options
def check(quick):
    """Check the database: SQLite integrity and foreign keys, the ledger's
    rules (every open item has a due date ...), and its history (no entry
    rewritten or removed, every item as its history says). Opens the file
    read-only (a backup is not changed). Exits 1 and lists what is wrong."""
    from tracker.maintenance import CheckResult, open_readonly
    from tracker.maintenance import check as do_check

    path = db_path()
    if not path.exists():
        raise UserError("db_missing", path=str(path))
    try:
        conn = open_readonly(path)
        result = do_check(conn, quick)
    except sqlite3.DatabaseError as e:  # too damaged to read even its schema
        from tracker.db import error_reason

        if error_reason(e) == "db_busy":
            raise
        result = CheckResult(problems=[("integrity", 1, [str(e)])])
    lang = current_lang()
    if not result.ok:
        _show_problems(result, lang)
        raise SystemExit(1)
    echo(t(lang, "check_ok", items=result.counts["items"], events=result.counts["events"]))


def _show_problems(result, lang: str, heading: bool = True) -> None:
    if heading:
        click.echo(t(lang, "check_failed", count=len(result.problems)), err=True)
    for key, count, examples in result.problems:
        sample = ", ".join(map(str, examples))
        click.echo(
            "  " + t(lang, "cli_problem_examples", label=label(lang, key), count=count, examples=sample), err=True
        )
