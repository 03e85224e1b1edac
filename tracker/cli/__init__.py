"""The command line: parse, call the core, render. No logic of its own.

Global options (--db, --lang, --as-of) are accepted before or after the
subcommand. A UserError becomes one line on stderr and exit status 1.
Nothing here imports textual: the TUI is imported only when opened.
Commands live by concern in the modules of this package; importing them
registers them on the root group.
"""

from tracker.cli import (  # noqa: F401
    calendar,
    campaigns,
    config,
    deadlines,
    items,
    ledger_files,
    legal,
    letters,
    maintenance,
    reports,
    units,
)
from tracker.cli.root import cli, main

__all__ = ["cli", "main"]
