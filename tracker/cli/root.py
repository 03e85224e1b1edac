"""The root command: `tracker` alone opens the terminal UI."""

from __future__ import annotations

import click

from tracker import __version__
from tracker.cli.common import (
    CONTEXT,
    TrackerGroup,
    as_of,
    common_options,
    current_lang,
    db_path,
    open_conn,
)


@click.group(cls=TrackerGroup, invoke_without_command=True, context_settings=CONTEXT)
@common_options
@click.version_option(__version__, "-V", "--version", prog_name="tracker")
@click.pass_context
def cli(ctx: click.Context):
    """tracker: the supervision ledger (督办台账) of an emergency-management bureau.

    Tasks, supervision letters, listed cases, campaigns and the statutory
    deadlines of administrative review and litigation, on the Chinese
    working-day calendar. Run with no command to open the terminal UI.
    """
    if ctx.invoked_subcommand is None:
        from tracker.tui.app import run_app

        lang, today = current_lang(), as_of()
        open_conn().close()
        run_app(db_path(), lang=lang, as_of=today)


def main(argv=None):
    cli.main(args=argv, prog_name="tracker")
