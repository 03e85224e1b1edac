"""What every command shares: the global options (--db, --lang, --as-of),
parameter types, the group that turns a UserError into one line and exit
status 1, and small echo helpers. No command lives here."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import click

from tracker.dates import parse_date
from tracker.errors import UserError
from tracker.i18n import t

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
    import platformdirs

    return Path(platformdirs.user_data_dir("tracker", appauthor=False))


def db_path() -> Path:
    value = _meta("db") or os.environ.get("TRACKER_DB")
    return Path(value).expanduser() if value else data_dir() / "tracker.db"


def as_of() -> dt.date:
    value = _meta("as_of")
    return parse_date(value) if value else dt.date.today()


def open_conn(create: bool = False) -> sqlite3.Connection:
    from tracker.db import open_db

    path = db_path()
    if create and not path.exists():
        # Remembered so that a command failing on the clerk's input leaves no
        # new, empty database behind (TrackerGroup.invoke removes it).
        click.get_current_context().find_root().meta["tracker.created"] = path
    return open_db(path, create=create)


def _forget_created_db() -> None:
    """After a failed command: remove the database it created, if still empty."""
    ctx = click.get_current_context(silent=True)
    path = ctx and ctx.find_root().meta.pop("tracker.created", None)
    if not path or not path.exists():
        return
    try:
        conn = sqlite3.connect(path)
        empty = (
            conn.execute(
                "SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM campaigns) "
                "+ (SELECT count(*) FROM calendar_overrides)"
            ).fetchone()[0]
            == 0
        )
        conn.close()
    except sqlite3.Error:
        return
    if empty:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def open_or_blank() -> sqlite3.Connection:
    """The ledger if it exists, else a blank one in memory: the seeded rules
    and kinds and the package calendar, for commands that only read those."""
    from tracker.db import open_db

    path = db_path()
    return open_db(path) if path.exists() else open_db(":memory:", create=True)


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
    """Turns UserErrors (and a busy database) into one line and exit 1."""

    command_class = TrackerCommand
    group_class = type

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UserError as e:
            _forget_created_db()
            lang = _safe_lang()
            details = e.details(lang) if hasattr(e, "details") else None
            raise CliError(e.message(lang), details) from None
        except sqlite3.DatabaseError as e:
            problem = str(e)
            if "locked" in problem or "busy" in problem:
                raise CliError(t(_safe_lang(), "db_busy", path=str(db_path()))) from None
            # The file itself failed: damaged, a full disk, no right to write.
            # One line, with SQLite's own words and what to do.
            for needle, key in (
                ("malformed", "db_corrupt"),
                ("not a database", "db_corrupt"),
                ("disk is full", "db_full"),
                ("readonly", "db_readonly"),
                ("disk I/O", "db_io"),
            ):
                if needle in problem:
                    raise CliError(t(_safe_lang(), key, path=str(db_path()), problem=problem)) from None
            raise


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
    due = due.isoformat() if isinstance(due, dt.date) else (due or "")
    if not provisional:
        return due
    return f"{due} (provisional)" if lang == "en" else f"{due}（暂定）"
