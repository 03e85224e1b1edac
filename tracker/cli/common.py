"""What every command shares: the global options (--db, --lang, --as-of),
parameter types, the group that turns a UserError into one line and exit
status 1, and small echo helpers. No command lives here."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
from typing import TYPE_CHECKING

import click

from tracker.dates import parse_date
from tracker.errors import UserError
from tracker.i18n import t

if TYPE_CHECKING:  # the paths every command opens are strings: pathlib costs some 4 ms of each start
    from pathlib import Path

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _remember(ctx: click.Context, param: click.Parameter, value):
    if value is not None:
        ctx.find_root().meta[f"tracker.{param.name}"] = value
    return value


def common_options(f):
    """--db, --lang, --as-of on the group and on every command."""
    f = click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=_remember,
        expose_value=False,
        is_eager=True,
        help="Treat DATE as today (2024-10-15, 2024/10/15, 20241015, 2024年10月15日).",
    )(f)
    f = click.option(
        "--lang",
        metavar="zh|en",
        callback=_remember,
        expose_value=False,
        is_eager=True,
        help="Language of the output: zh (default) or en; also TRACKER_LANG.",
    )(f)
    f = click.option(
        "--db",
        metavar="PATH",
        callback=_remember,
        expose_value=False,
        is_eager=True,
        help="Database file; also TRACKER_DB; default: the user data directory's tracker.db.",
    )(f)
    return f


def _meta(name: str):
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().meta.get(f"tracker.{name}") if ctx else None


def current_lang() -> str:
    value = _meta("lang") or os.environ.get("TRACKER_LANG") or "zh"
    if value not in ("zh", "en"):
        raise UserError("bad_lang", value=value)
    return value


def data_dir() -> Path:
    """The user data directory (tracker.db and demo.db live there by default)."""
    from pathlib import Path

    return Path(_data_dir())


def _data_dir() -> str:
    """data_dir() as a string: $XDG_DATA_HOME/tracker on Linux (computed
    here, as platformdirs would, without its start-up cost), platformdirs'
    answer elsewhere."""
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
        return os.path.join(base, "tracker")
    import platformdirs

    return platformdirs.user_data_dir("tracker", appauthor=False)


def db_path() -> Path:
    """The ledger's path (--db, TRACKER_DB, or tracker.db in data_dir())."""
    from pathlib import Path

    return Path(db_file())


def db_file() -> str:
    """db_path() as a string, for the commands that only open the ledger."""
    value = _meta("db") or os.environ.get("TRACKER_DB")
    return os.path.expanduser(value) if value else os.path.join(_data_dir(), "tracker.db")


def as_of() -> dt.date:
    value = _meta("as_of")
    return parse_date(value) if value else dt.date.today()


def db_given() -> bool:
    """Whether the clerk named the database (--db or TRACKER_DB)."""
    return bool(_meta("db") or os.environ.get("TRACKER_DB"))


def open_conn(create: bool = False) -> sqlite3.Connection:
    """The ledger. Only `init`, `demo` (create=True) and the first use of the
    default database create a file: a --db that does not exist (a typo) is
    an error, never a new empty ledger. Nothing here deletes a file."""
    from tracker.db import open_db

    conn = open_db(db_file(), create=create or not db_given())
    _close_with_command(conn)
    return conn


def _close_with_command(conn: sqlite3.Connection) -> None:
    """Close `conn` when the command ends, however it ends."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.call_on_close(conn.close)


def open_or_blank() -> sqlite3.Connection:
    """The ledger if it exists, else a blank one in memory: the seeded rules
    and kinds and the package calendar, for commands that only read those."""
    from tracker.db import MEMORY, open_db

    path = db_path()
    conn = open_db(path) if path.exists() else open_db(MEMORY)
    _close_with_command(conn)
    return conn


def ledger(conn):
    from tracker.ledger import Ledger

    return Ledger(conn)


class DateParam(click.ParamType):
    """A date in any accepted format; a bad one is a user error (exit 1)."""

    name = "DATE"

    def convert(self, value, param, ctx):
        return value if isinstance(value, dt.date) else parse_date(value)


DATE = DateParam()


class ItemIdParam(click.ParamType):
    """An item id: a positive whole number; anything else is a user error."""

    name = "ID"

    def convert(self, value, param, ctx):
        if isinstance(value, int) or (str(value).isdigit() and int(value) > 0):
            if int(value) > 2**63 - 1:  # beyond any item SQLite can hold
                raise UserError("no_item", value=value)
            return int(value)
        raise UserError("bad_id", value=value)


ITEM_ID = ItemIdParam()


class OneOf(click.ParamType):
    """One of a few words (a --format); anything else is a user error (exit 1,
    one line), not click's usage error."""

    name = "WORD"

    def __init__(self, *accepted: str):
        self.accepted = accepted

    def convert(self, value, param, ctx):
        if value not in self.accepted:
            raise UserError("bad_format", value=value, accepted=", ".join(self.accepted))
        return value


class IntBetween(click.ParamType):
    """A whole number from low to high; anything else is a user error (exit
    1, one line naming the range), like every other bad value."""

    name = "N"

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        try:
            n = int(str(value).strip())
        except ValueError:
            n = None
        if n is None or not self.low <= n <= self.high:
            raise UserError("bad_int", value=value, low=self.low, high=self.high)
        return n


class CliError(click.ClickException):
    """A user error shown as its one line (and, for a bad import file, a line
    per bad row), exit status 1."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None):
        super().__init__(message)
        self.details = details or []

    def show(self, file=None):
        click.echo(self.message, err=True)
        for line in self.details:
            click.echo(line, err=True)


class ZhHelp(click.Command):
    """--help in Chinese unless the language is English (tracker.help_zh)."""

    def format_help(self, ctx, formatter):
        if _safe_lang() == "en":
            return super().format_help(ctx, formatter)
        from tracker.i18n import help as help_zh

        path = " ".join(ctx.command_path.split()[1:])
        saved = [(self, "help", self.help)] + [(p, "help", p.help) for p in self.get_params(ctx)]
        try:
            self.help = help_zh.command_help(path) or self.help
            for p in self.get_params(ctx):
                if isinstance(p, click.Option):
                    p.help = help_zh.option_help(path, max(p.opts, key=len)) or p.help
            return super().format_help(ctx, formatter)
        finally:
            for obj, attr, value in saved:
                setattr(obj, attr, value)


class TrackerCommand(ZhHelp):
    """A tracker command: help in the clerk's language."""


class TrackerGroup(ZhHelp, click.Group):
    """Turns UserErrors (and a file SQLite cannot use) into one line and exit
    1, usage errors into one line in the clerk's language and exit 2."""

    command_class = TrackerCommand
    group_class = type

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as e:
            lang = _safe_lang()
            details = e.details(lang) if hasattr(e, "details") else None
            raise CliError(e.message(lang), details) from None
        except sqlite3.Error as e:
            # The file itself failed (busy, damaged, a full disk, no right to
            # write): one line with SQLite's own words and what to do. Told
            # by SQLite's result code, not its message.
            from tracker.db import user_error

            known = user_error(e, db_file())
            if known is None:
                raise
            raise CliError(known.message(_safe_lang())) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Click's own words (usage errors, help headings) in the clerk's
        language, and a usage error as one line (exit status 2)."""
        import sys

        argv = list(sys.argv[1:] if args is None else args)
        lang = _lang_in(argv)
        _speak_click(lang)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as e:
            sys.exit(e.exit_code)
        except click.UsageError as e:
            hint = ""
            if e.ctx is not None:
                hint = t(lang, "usage_hint", command=e.ctx.command_path)
            click.echo(t(lang, "usage_error", message=e.format_message(), hint=hint), err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except click.exceptions.Abort:
            click.echo(click.core._("Aborted!"), err=True)
            sys.exit(1)
        except EOFError:
            sys.exit(1)


def _lang_in(argv: list[str]) -> str:
    """The language the command line asks for (before click has parsed it)."""
    value = os.environ.get("TRACKER_LANG") or "zh"
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            value = argv[n + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return "en" if value == "en" else "zh"


def _speak_click(lang: str) -> None:
    """Answer click's gettext calls from the catalogue (Chinese) or with
    click's own English."""
    import gettext

    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    from tracker.i18n.click_words import ZH, ZH_PLURAL

    def one(message: str) -> str:
        return message if lang == "en" else ZH.get(message, message)

    def many(singular: str, plural: str, n: int) -> str:
        forms = None if lang == "en" else ZH_PLURAL.get((singular, plural))
        if forms is None:
            return gettext.ngettext(singular, plural, n)
        return forms[0] if n == 1 else forms[1]

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ):
        if hasattr(module, "_"):
            module._ = one  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = many  # type: ignore[attr-defined]


def _safe_lang() -> str:
    try:
        return current_lang()
    except UserError:
        return "zh"


def echo(text: str = "") -> None:
    click.echo(text)


def dump_json(obj) -> None:
    from tracker.text import json_text

    click.echo(json_text(obj), nl=False)


# ------------------------------------------------------------- filters --
def filter_options(f):
    """The filters of `tracker list` (also used by export)."""
    for opt in reversed(
        [
            click.option("--kind", help="Only this kind (id or zh label)."),
            click.option("--unit", help="Only items this unit leads or assists in."),
            click.option("--lead-only", is_flag=True, help="With --unit: only the items it leads."),
            click.option("--owner", help="Only items of this owner."),
            click.option("--status", default="open", show_default=True, help="open, done, cancelled or all."),
            click.option("--campaign", help="Only tasks of this campaign (name or id)."),
            click.option("--overdue", is_flag=True, help="Only open items past their deadline (as of --as-of)."),
            click.option("--due-before", type=DATE, help="Only items due before DATE."),
            click.option("--due-after", type=DATE, help="Only items due after DATE."),
            click.option("--search", help="Text in title, ref_no, owner or unit."),
        ]
    ):
        f = opt(f)
    return f


def build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search, lead_only=False):
    from tracker.ledger import Ledger
    from tracker.queries import Filters
    from tracker.vocab import status_id

    status = status_id(status or "open", allow_all=True)
    if kind:
        kind = Ledger(conn).kind_id(kind)
    return Filters(
        kind=kind,
        unit=unit,
        owner=owner,
        status=status,
        campaign=campaign,
        overdue=overdue,
        due_before=due_before,
        due_after=due_after,
        search=search,
        lead_only=lead_only,
    )


def due_text(lang: str, due: dt.date | str, provisional: bool) -> str:
    """A due date as a clerk reads it, marked when provisional (暂定)."""
    from tracker.queries import due_text as core_due_text

    return core_due_text(lang, due, provisional)
