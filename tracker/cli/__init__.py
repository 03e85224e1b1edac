"""The command line: parse, call the core, render. No logic of its own.

Global options (--db, --lang, --as-of) are accepted before or after the
subcommand. A UserError becomes one line on stderr and exit status 1.
Nothing here imports textual: the TUI is imported only when opened.
Commands live by concern in the modules of this package; the root group
imports a module when one of its commands is named (tracker.cli.root).
"""

from tracker.cli.root import cli, load_all, main

__all__ = ["cli", "load_all", "main"]
