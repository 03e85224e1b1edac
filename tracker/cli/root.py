"""The root command: `tracker` alone opens the terminal UI.

Commands are loaded when named: `tracker note` imports only the module of
`note` (a command starts in well under 0.1 s), `tracker --help` all of
them. Each module registers its commands on `cli` as it is imported."""

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

# command -> the module of tracker.cli that defines it
COMMAND_MODULES = {
    **dict.fromkeys(("add", "list", "show", "note", "remind", "extend", "done", "reopen", "cancel", "edit"), "items"),
    **dict.fromkeys(("demo", "init", "backup", "restore", "check"), "maintenance"),
    **dict.fromkeys(("due", "rules"), "deadlines"),
    **dict.fromkeys(("report", "stats"), "reports"),
    **dict.fromkeys(("export", "import"), "ledger_files"),
    **dict.fromkeys(("hearing", "outcome", "annual"), "legal"),
    **dict.fromkeys(("feedback", "return", "bulletin", "unit"), "units"),
    "calendar": "calendar",
    "campaign": "campaigns",
    "letter": "letters",
    "config": "config",
}


class LazyRoot(TrackerGroup):
    """The root group: a command's module is imported when it is named."""

    def get_command(self, ctx, cmd_name):
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            import importlib

            importlib.import_module(f"tracker.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx):
        load_all()
        return super().list_commands(ctx)


def load_all() -> None:
    """Import every command module (for help, and for tests that walk them)."""
    import importlib

    for module in sorted(set(COMMAND_MODULES.values())):
        importlib.import_module(f"tracker.cli.{module}")


@click.group(cls=LazyRoot, invoke_without_command=True, context_settings=CONTEXT)
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
