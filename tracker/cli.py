"""The command line: parse, call the core, render. No logic of its own.

Global options (--db, --lang, --as-of) are accepted before or after the
subcommand. A UserError becomes one line on stderr and exit status 1.
Nothing here imports textual: the TUI is imported only when opened.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import sqlite3
import sys
from pathlib import Path

import click

from tracker import __version__
from tracker.dates import parse_date
from tracker.errors import UserError
from tracker.i18n import field, label, t

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# ------------------------------------------------------------------ settings --
def _remember(ctx: click.Context, param: click.Parameter, value):
    if value is not None:
        ctx.find_root().meta[f"tracker.{param.name}"] = value
    return value


def common_options(f):
    """--db, --lang, --as-of on the group and on every command."""
    f = click.option("--as-of", "as_of", metavar="DATE", callback=_remember, expose_value=False, is_eager=True,
                     help="Treat DATE as today (2024-10-15, 2024/10/15, 20241015, 2024年10月15日).")(f)
    f = click.option("--lang", metavar="zh|en", callback=_remember, expose_value=False, is_eager=True,
                     help="Language of the output: zh (default) or en; also TRACKER_LANG.")(f)
    f = click.option("--db", metavar="PATH", callback=_remember, expose_value=False, is_eager=True,
                     help="Database file; also TRACKER_DB; default: the user data directory's tracker.db.")(f)
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
        empty = conn.execute("SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM campaigns) "
                             "+ (SELECT count(*) FROM calendar_overrides)").fetchone()[0] == 0
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
    from tracker.items import Ledger

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


class ZhHelp:
    """--help in Chinese unless the language is English (tracker.help_zh)."""

    def format_help(self, ctx, formatter):
        if _safe_lang() == "en":
            return super().format_help(ctx, formatter)
        from tracker import help_zh

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


class TrackerCommand(ZhHelp, click.Command):
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
            for needle, key in (("malformed", "db_corrupt"), ("not a database", "db_corrupt"),
                                ("disk is full", "db_full"), ("readonly", "db_readonly"),
                                ("disk I/O", "db_io")):
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
    from tracker.render import json_text

    click.echo(json_text(obj), nl=False)


# ---------------------------------------------------------------------- root --
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
        open_conn(create=True).close()
        run_app(db_path(), lang=lang, as_of=today)


def main(argv=None):
    cli.main(args=argv, prog_name="tracker")


# ---------------------------------------------------------------------- demo --
@cli.command(context_settings=CONTEXT, short_help="演示库 · build a demo ledger and open the UI")
@click.option("--items", "n", default=3000, show_default=True, type=IntBetween(0, 10_000_000),
              help="How many items the demo holds.")
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
    with Progress("演示数据" if lang == "zh" else "demo data") as bar:
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


# ----------------------------------------------------------------------- due --
@cli.command(context_settings=CONTEXT, short_help="计算期限 · the deadline a rule gives")
@click.argument("rule")
@click.argument("date", type=DATE)
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"),
              help="text or json.")
@common_options
def due(rule, date, fmt):
    """The deadline RULE gives for trigger DATE (first line: the ISO date).

    RULE is a named rule (review-reply, litigation-defence, proposal-reply,
    penalty-decision, petition-handle, foi-reply) or generic: 5d (days,
    rolled), 10wd (working days), 3m (months, rolled). See `tracker rules`.
    """
    from tracker.calendar import WorkCalendar
    from tracker.deadlines import Catalogue

    conn = open_or_blank()
    deadline = Catalogue.from_db(conn).compute(rule, date, WorkCalendar.from_db(conn))
    lang = current_lang()
    if fmt == "json":
        dump_json(deadline.as_json(lang))
    else:
        echo(due_text(lang, deadline.due_on, deadline.provisional))
        echo(deadline.basis(lang))


@cli.command(context_settings=CONTEXT, short_help="期限规则和类型 · deadline rules and kinds")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"),
              help="text or json.")
@common_options
def rules(fmt):
    """The deadline rules and the kinds of item, with their legal basis."""
    from tracker.queries import list_kinds, list_rules

    conn = open_or_blank()
    lang, rs, ks = current_lang(), list_rules(conn), list_kinds(conn)
    if fmt == "json":
        dump_json({"rules": rs, "kinds": ks})
        return
    from tracker.render import table

    unit = {"d": ("日", "days"), "wd": ("个工作日", "working days"), "m": ("个月", "months")}
    en = lang == "en"
    echo(table(["rule", "名称" if not en else "name", "期间" if not en else "period",
                "起用" if not en else "from", "依据" if not en else "basis"],
               [[r["id"], r["name_en" if en else "name_zh"],
                 f"{r['n']}{' ' if en else ''}{unit[r['unit']][en]}" + _rolled(lang, r["roll"]),
                 r["effective_from"] or "", r["basis_en" if en else "basis_zh"]] for r in rs]))
    echo("Nd / Nwd / Nm: " + ("N days (rolled) / N working days / N months (rolled), e.g. 5wd" if en
                              else "N日（顺延）/ N个工作日 / N个月（顺延），如 5wd"))
    echo()
    echo(table(["kind", "类型" if not en else "label", "默认规则" if not en else "default rule"],
               [[k["id"], k["label_en" if en else "label_zh"], k["default_rule"] or "—"] for k in ks]))


def _rolled(lang: str, roll: bool) -> str:
    return "" if not roll else " (rolled)" if lang == "en" else "，顺延"


# ----------------------------------------------------------------------- add --
@cli.command(context_settings=CONTEXT, short_help="新增事项 · add an item")
@click.argument("kind")
@click.argument("title")
@click.option("--ref", help="文号 or 案号, unique, e.g. 东应急〔2022〕115号.")
@click.option("--unit", help="Lead unit (责任单位); created on first use.")
@click.option("--assist", help="Assisting units (配合单位), separated by ; ； or 、.")
@click.option("--owner", help="Person responsible (责任人).")
@click.option("--received", type=DATE, help="Received / assigned date: the trigger of the deadline.")
@click.option("--due", type=DATE, help="The deadline, when the letter or assignment gives it.")
@click.option("--rule", help="Compute the deadline by RULE from --received (see `tracker rules`).")
@click.option("--campaign", help="The campaign (专项整治) this task belongs to; created on first use.")
@click.option("--source", help="Where the matter came from (来源).")
@click.option("--note", help="Notes (备注).")
@click.option("--party", help="Review/litigation: applicant or plaintiff.")
@click.option("--organ", help="Review/litigation: review organ or court.")
@click.option("--hearing", type=DATE, help="Litigation: hearing date.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the new id.")
@common_options
def add(kind, title, ref, unit, assist, owner, received, due, rule, campaign, source, note, party, organ,
        hearing, quiet):
    """Add an item of KIND (task, supervision, reminder, suggestion, listed,
    campaign-task, review, litigation, proposal, or the zh label) titled TITLE.

    Without --due the deadline comes from the kind's rule (or --rule) counted
    from --received. Prints the new id and the deadline with its basis.
    """
    from tracker.items import split_units

    lang = current_lang()
    conn = open_conn(create=True)
    result = ledger(conn).add(kind, title, ref_no=ref, unit=unit, assist_units=split_units(assist), owner=owner,
                              received_on=received, due_on=due, rule=rule, campaign=campaign, source=source,
                              notes=note, party=party, organ=organ, hearing_on=hearing)
    if quiet:
        echo(str(result.id))
        return
    echo(t(lang, "added", id=result.id))
    d = result.deadline
    sep = ": " if lang == "en" else "："
    echo(f"{field(lang, 'due_on')}{sep}{due_text(lang, d.due_on if d else due, bool(d and d.provisional))}")
    if d:
        echo(d.basis(lang))
    if result.created_units:
        echo(t(lang, "created_units", names="、".join(result.created_units)))


# ---------------------------------------------------------------------- list --
def filter_options(f):
    """The filters of `tracker list` (also used by export)."""
    for opt in reversed([
        click.option("--kind", help="Only this kind (id or zh label)."),
        click.option("--unit", help="Only items led by this unit."),
        click.option("--owner", help="Only items of this owner."),
        click.option("--status", default="open", show_default=True, help="open, done, cancelled or all."),
        click.option("--campaign", help="Only tasks of this campaign (name or id)."),
        click.option("--overdue", is_flag=True, help="Only open items past their deadline (as of --as-of)."),
        click.option("--due-before", type=DATE, help="Only items due before DATE."),
        click.option("--due-after", type=DATE, help="Only items due after DATE."),
        click.option("--search", help="Text in title, ref_no, owner or unit."),
    ]):
        f = opt(f)
    return f


def build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search):
    from tracker.items import Ledger, status_id
    from tracker.queries import Filters

    status = status_id(status or "open", allow_all=True)
    if kind:
        kind = Ledger(conn).kind_id(kind)
    return Filters(kind=kind, unit=unit, owner=owner, status=status, campaign=campaign, overdue=overdue,
                   due_before=due_before, due_after=due_after, search=search)


def due_text(lang: str, due: dt.date | str, provisional: bool) -> str:
    """A due date as a clerk reads it, marked when provisional (暂定)."""
    due = due.isoformat() if isinstance(due, dt.date) else (due or "")
    if not provisional:
        return due
    return f"{due} (provisional)" if lang == "en" else f"{due}（暂定）"


def _styler(light_):
    colour = {"red": "red", "yellow": "yellow", "green": "green"}.get(light_)
    return (lambda s: click.style(s, fg=colour)) if colour else None


@cli.command(name="list", context_settings=CONTEXT, short_help="事项列表 · list items")
@filter_options
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json", "csv"),
              help="table, json or csv.")
@click.option("--limit", type=IntBetween(1, 10_000_000), help="At most this many items.")
@common_options
def list_cmd(kind, unit, owner, status, campaign, overdue, due_before, due_after, search, fmt, limit):
    """List items, most urgent first (open items unless --status)."""
    from tracker.calendar import WorkCalendar
    from tracker.ledger import EXPORT_KEYS, export_rows, headers
    from tracker.render import table

    lang, today = current_lang(), as_of()
    conn = open_conn()
    f = build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search)
    cal = WorkCalendar.from_db(conn)
    rows = export_rows(conn, f, today, cal, labels=None if fmt == "json" else lang, limit=limit,
                       neutral=fmt == "csv")
    if fmt == "json":
        dump_json([{"id": r["id"], **{k: r[k] for k in EXPORT_KEYS}} for r in rows])
        return
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(["id"] + headers(lang))
        for r in rows:
            w.writerow([r["id"]] + [r[k] if r[k] is not None else "" for k in EXPORT_KEYS])
        click.echo(buf.getvalue(), nl=False)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    keys = ["id", "light", "ref_no", "title", "kind", "unit", "owner", "due_on", "days_left", "status"]
    body = []
    for r in rows:
        due_text = (r["due_on"] or "") + ("*" if r["provisional"] else "")
        body.append([r["id"], r["light"] or "", r["ref_no"] or "", r["title"], r["kind"], r["unit"] or "",
                     r["owner"] or "", due_text, "" if r["days_left"] is None else r["days_left"], r["status"]])
    colour = sys.stdout.isatty()
    styles = [_styler(r["_light"]) if colour else None for r in rows]
    echo(table([field(lang, k) for k in keys], body, max_widths={2: 24, 3: 40, 5: 16}, right={0, 8}, styles=styles))
    if any(r["provisional"] for r in rows):
        echo("* " + t(lang, "provisional_mark"))


# ---------------------------------------------------------------------- show --
@cli.command(context_settings=CONTEXT, short_help="查看事项 · one item with its history")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"),
              help="text or json.")
@common_options
def show(item_id, fmt):
    """One item with every field, its deadline basis and full history."""
    from tracker.calendar import WorkCalendar
    from tracker.queries import get_item, item_events, latest_basis, light
    from tracker.render import describe_event, one_line

    lang, today = current_lang(), as_of()
    conn = open_conn()
    item = get_item(conn, item_id)
    events = item_events(conn, item["id"])
    lt = light(item, today, WorkCalendar.from_db(conn))
    basis = latest_basis(events, lang)
    if fmt == "json":
        dump_json({**item, "light": lt, "basis": basis, "events": events})
        return
    en = lang == "en"
    rows = [("id", item["id"]), ("ref_no", item["ref_no"]), ("kind", item["kind_en" if en else "kind_zh"]),
            ("title", item["title"]), ("source", item["source"]), ("unit", item["unit"]),
            ("assist_units", item["assist_units"]), ("owner", item["owner"]), ("received_on", item["received_on"]),
            ("due_on", due_text(lang, item["due_on"], item["due_provisional"])),
            ("original_due_on", item["original_due_on"]), ("rule", item["rule"]), ("basis", basis),
            ("status", label(lang, item["status"])), ("light", lt and label(lang, lt)),
            ("closed_on", item["closed_on"]), ("campaign", item["campaign"]), ("party", item["party"]),
            ("organ", item["organ"]), ("hearing_on", item["hearing_on"]), ("notes", item["notes"]),
            ("version", item["version"])]
    from tracker.render import cell_width, pad

    names = [field(lang, k) for k, v in rows if v not in (None, "")]
    width = max(cell_width(n) for n in names)
    for k, v in rows:
        if v not in (None, ""):
            echo(f"{pad(field(lang, k), width)}  {one_line(v)}")
    echo()
    echo(field(lang, "history") + (":" if en else "："))
    for e in events:
        echo(f"  {e['at'].replace('T', ' ')}  {e['actor']}  {one_line(describe_event(e, lang))}")


# ------------------------------------------------------------------- actions --
@cli.command(context_settings=CONTEXT, short_help="记录进展 · record progress")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("text")
@common_options
def note(item_id, text):
    """Record progress (进展) on item ID."""
    conn = open_conn()
    ledger(conn).note(item_id, text)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="记录催办 · record a reminder sent")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--note", "text", help="What was said or sent.")
@common_options
def remind(item_id, text):
    """Record that a reminder (催办) was sent for item ID."""
    conn = open_conn()
    ledger(conn).remind(item_id, text)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="延期 · extend the deadline")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("date", type=DATE)
@click.option("--reason", required=True, help="Why the deadline moves (required).")
@click.option("--approver", help="Who approved the extension (批准人).")
@common_options
def extend(item_id, date, reason, approver):
    """Extend (延期) item ID to DATE; the original deadline stays on record."""
    conn = open_conn()
    ledger(conn).extend(item_id, date, reason, approver=approver)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="办结 · mark done")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--on", type=DATE, help="The day it was done (default: today / --as-of).")
@click.option("--note", "text", help="How it was closed.")
@common_options
def done(item_id, on, text):
    """Mark item ID done (办结)."""
    conn = open_conn()
    ledger(conn).done(item_id, on or as_of(), text)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="重新打开 · reopen")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--reason", help="Why it is reopened.")
@common_options
def reopen(item_id, reason):
    """Reopen a done or cancelled item ID."""
    conn = open_conn()
    ledger(conn).reopen(item_id, reason)
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="撤销 · cancel an item")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--reason", required=True, help="Why it is cancelled (required).")
@click.option("--on", type=DATE, help="The day of cancelling (default: today / --as-of).")
@common_options
def cancel(item_id, reason, on):
    """Cancel (撤销) item ID."""
    conn = open_conn()
    ledger(conn).cancel(item_id, reason, on or as_of())
    echo(t(current_lang(), "saved", id=item_id))


@cli.command(context_settings=CONTEXT, short_help="修改事项 · correct fields")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.option("--kind")
@click.option("--title")
@click.option("--ref", "ref_no")
@click.option("--source")
@click.option("--unit")
@click.option("--assist", "assist_units", help="Assisting units, separated by ; ； or 、 (empty to clear).")
@click.option("--owner")
@click.option("--received", "received_on", type=DATE)
@click.option("--due", "due_on", type=DATE, help="A new deadline given directly (not an extension).")
@click.option("--rule", help="Recompute the deadline by RULE from the received date.")
@click.option("--campaign")
@click.option("--note", "notes", help="Notes (备注).")
@click.option("--party")
@click.option("--organ")
@click.option("--hearing", "hearing_on", type=DATE)
@click.option("--if-version", type=int, help="Refuse the edit unless the item is still at this version.")
@common_options
def edit(item_id, if_version, **changes):
    """Correct fields of item ID; each change is recorded in its history."""
    from tracker.items import split_units

    changes = {k: v for k, v in changes.items() if v is not None}
    if "assist_units" in changes:
        changes["assist_units"] = split_units(changes["assist_units"])
    conn = open_conn()
    changed = ledger(conn).edit(item_id, changes, expected_version=if_version)
    lang = current_lang()
    echo(t(lang, "saved", id=item_id) + (f"（{'、'.join(field(lang, k) for k in changed)}）" if changed else ""))


# ------------------------------------------------------------------ campaign --
@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="专项整治 · campaigns")
@common_options
def campaign():
    """Special rectification campaigns (专项整治) and their progress."""


@campaign.command(name="add", context_settings=CONTEXT, short_help="新增专项整治 · add a campaign")
@click.argument("name")
@click.option("--start", type=DATE, help="First day.")
@click.option("--end", type=DATE, help="Last day.")
@click.option("--unit", help="Lead unit.")
@click.option("--cadence", help="Reporting cadence, e.g. 每日一报 or 每周一报.")
@common_options
def campaign_add(name, start, end, unit, cadence):
    """Add a campaign NAME."""
    conn = open_conn(create=True)
    cid = ledger(conn).add_campaign(name, start, end, unit, cadence)
    echo(t(current_lang(), "campaign_added", id=cid, name=name.strip()))


@campaign.command(name="list", context_settings=CONTEXT, short_help="专项整治列表 · campaigns and progress")
@click.option("--format", "fmt", default="table", show_default=True, type=OneOf("table", "json"),
              help="table or json.")
@common_options
def campaign_list(fmt):
    """Campaigns with done/total, overdue tasks and dates."""
    from tracker.queries import campaign_rows
    from tracker.render import table

    lang, today = current_lang(), as_of()
    rows = campaign_rows(open_conn(), today)
    if fmt == "json":
        dump_json(rows)
        return
    if not rows:
        echo(t(lang, "none"))
        return
    en = lang == "en"
    hdr = ["id", "name", "start", "end", "lead unit", "done/total", "overdue", "cadence"] if en else \
        ["编号", "名称", "开始", "结束", "牵头单位", "完成/总数", "逾期", "报送"]
    echo(table(hdr, [[r["id"], r["name"], r["start_on"] or "", r["end_on"] or "", r["unit"] or "",
                      f"{r['done']}/{r['total']}", r["overdue"], r["cadence"] or ""] for r in rows], right={0, 5, 6}))


@campaign.command(name="show", context_settings=CONTEXT, short_help="专项整治详情 · one campaign")
@click.argument("name")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"),
              help="text or json.")
@common_options
def campaign_show(name, fmt):
    """One campaign: progress, lagging units and its tasks."""
    from tracker.calendar import WorkCalendar
    from tracker.ledger import EXPORT_KEYS, export_rows
    from tracker.queries import Filters, campaign_rows, campaign_units
    from tracker.render import table

    lang, today = current_lang(), as_of()
    conn = open_conn()
    rows = campaign_rows(conn, today, name.strip())
    if not rows:
        raise UserError("no_campaign", value=name)
    c = rows[0]
    units = campaign_units(conn, c["id"], today)
    tasks = export_rows(conn, Filters(status="all", campaign=str(c["id"])), today, WorkCalendar.from_db(conn),
                        labels=None if fmt == "json" else lang)
    if fmt == "json":
        dump_json({**c, "units": units, "tasks": [{"id": r["id"], **{k: r[k] for k in EXPORT_KEYS}} for r in tasks]})
        return
    en = lang == "en"
    pct = f"{100 * c['done'] / c['total']:.0f}%" if c["total"] else "—"
    echo(f"{c['name']}  {c['start_on'] or ''} ~ {c['end_on'] or ''}  {c['unit'] or ''}  {c['cadence'] or ''}".rstrip())
    echo((f"done {c['done']}/{c['total']} ({pct}), overdue {c['overdue']}" if en
          else f"完成 {c['done']}/{c['total']}（{pct}），逾期 {c['overdue']}"))
    if units:
        echo()
        echo(table(["unit", "done/total", "overdue"] if en else ["单位", "完成/总数", "逾期"],
                   [[u["unit"] or "—", f"{u['done']}/{u['total']}", u["overdue"]] for u in units], right={1, 2}))
    if tasks:
        echo()
        echo(table([field(lang, k) for k in ("id", "light", "title", "unit", "due_on", "status")],
                   [[r["id"], r["light"] or "", r["title"], r["unit"] or "", r["due_on"] or "", r["status"]]
                    for r in tasks], max_widths={2: 40}, right={0}))


# -------------------------------------------------------------------- report --
def _write_out(text: str, output: str | None, force: bool) -> None:
    if output:
        with _text_out(_check_output(output, force)) as out:
            out.write(text)
    else:
        click.echo(text, nl=False)


def _check_output(output: str, force: bool) -> Path:
    """The file to write: not a folder, in a folder that exists and may be
    written, and not already there unless --force."""
    path = Path(output).expanduser()
    if path.is_dir():
        raise UserError("output_is_dir", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise UserError("output_no_dir", path=str(path), dir=str(folder))
    if not os.access(folder, os.W_OK):
        raise UserError("output_failed", path=str(path), problem=os.strerror(13))
    if path.exists() and not force:
        raise UserError("file_exists", path=str(path))
    return path


@cli.command(context_settings=CONTEXT, short_help="晨报 · the morning overdue report")
@click.option("--soon", default=3, show_default=True, type=IntBetween(0, 60), help="Due soon: within N working days.")
@click.option("--unit", help="Only items led by this unit.")
@click.option("--kind", help="Only this kind (id or zh label).")
@click.option("--format", "fmt", default="rich", show_default=True, type=OneOf("rich", "text", "md", "html", "json"),
              help="rich, text, md, html or json.")
@click.option("--all", "show_all", is_flag=True, help="Every item, not the first 20 per unit and section.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def report(soon, unit, kind, fmt, show_all, output, force):
    """The morning report: overdue, due today and due soon, by unit, with
    campaign progress. For cron and mail use --format text or html."""
    from tracker.calendar import WorkCalendar
    from tracker.report import CAP_PER_UNIT, build_report, render_ansi, render_html, render_json, \
        render_md, render_text

    lang, today = current_lang(), as_of()
    conn = open_conn()
    if kind:
        kind = ledger(conn).kind_id(kind)
    cap = None if show_all or fmt == "json" else CAP_PER_UNIT
    rep = build_report(conn, today, WorkCalendar.from_db(conn), soon, unit, kind, cap)
    # rich: colours on a terminal, plain text in a file or a pipe (rendered
    # plain, rather than coloured for click to strip again).
    plain = output or not sys.stdout.isatty()
    render = {"rich": render_text if plain else render_ansi, "text": render_text, "md": render_md,
              "html": render_html}
    text = render_json(rep) if fmt == "json" else render[fmt](rep, lang, cap)
    _write_out(text, output, force)


@cli.command(context_settings=CONTEXT, short_help="按时办结率 · on-time statistics")
@click.option("--from", "date_from", type=DATE, help="First day of the period (default: 1 January of --as-of's year).")
@click.option("--to", "date_to", type=DATE, help="Last day of the period (default: --as-of).")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("rich", "text", "md", "html", "json"),
              help="rich, text, md, html or json.")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of the terminal.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def stats(date_from, date_to, fmt, output, force):
    """On-time statistics (按时办结率) per kind over the items due in a period,
    and the letters sent."""
    from tracker.report import build_stats, render_stats

    lang, today = current_lang(), as_of()
    date_from = date_from or today.replace(month=1, day=1)
    date_to = date_to or today
    if date_to < date_from:
        raise UserError("end_before_start", end=date_to.isoformat(), start=date_from.isoformat())
    conn = open_conn()
    data = build_stats(conn, date_from, date_to, today)
    _write_out(render_stats(data, lang, "text" if fmt == "rich" else fmt), output, force)


# -------------------------------------------------------------- export/import --
@cli.command(context_settings=CONTEXT, short_help="导出督办事项清单 · export the list")
@filter_options
@click.option("--format", "fmt", default="csv", show_default=True, type=OneOf("csv", "xlsx", "json", "ics"),
              help="csv, xlsx, json or ics.")
@click.option("-o", "--output", metavar="FILE", help="Output file (required for xlsx; stdout otherwise).")
@click.option("--headers", "header_lang", default="zh", show_default=True, type=OneOf("zh", "en"),
              help="Column headers: zh or en.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def export(kind, unit, owner, status, campaign, overdue, due_before, due_after, search, fmt, output, header_lang,
           force):
    """Export the supervision list (督办事项清单) with the filters of `list`."""
    from tracker.calendar import WorkCalendar
    from tracker.ledger import export_table, write_csv, write_ics, write_json, write_xlsx

    lang, today = current_lang(), as_of()
    path = _check_output(output, force) if output else None
    if fmt == "xlsx" and path is None:
        raise UserError("need_output", fmt=fmt)
    conn = open_conn()
    f = build_filters(conn, kind, unit, owner, status, campaign, overdue, due_before, due_after, search)
    cal = WorkCalendar.from_db(conn)
    labels = None if fmt == "json" or header_lang == "en" else "zh"
    with bulk_work():
        rows = export_table(conn, f, today, cal, labels=labels, neutral=fmt == "csv")
        if fmt == "xlsx":
            with _replacing(path) as tmp, Progress("XLSX") as bar:
                bar.start(len(rows))
                write_xlsx(rows, tmp, header_lang, lang, today, f.describe(), progress=bar)
        else:
            with _text_out(path) as out:
                if fmt == "csv":
                    write_csv(rows, out, header_lang)
                elif fmt == "json":
                    write_json(rows, out)
                else:
                    write_ics(rows, out, lang, today)
        count = len(rows)
        del rows  # freed here, before the collector is back on, not scanned by it
    if path is not None:
        click.echo(t(lang, "exported", count=count, path=str(path)), err=True)


@contextlib.contextmanager
def _replacing(path: Path):
    """A temporary path beside `path`, renamed onto it when the block
    succeeds and removed when it fails: a reader never sees half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    except OSError as e:  # a full disk, a file another program holds open ...
        raise UserError("output_failed", path=str(path), problem=e.strerror or str(e)) from None
    finally:
        with contextlib.suppress(OSError):  # never what was there before us
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _text_out(path: Path | None):
    """A UTF-8 text stream to `path` (through _replacing) or to stdout,
    written as it goes rather than built in memory first."""
    if path is not None:
        with _replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    if not hasattr(sys.stdout, "buffer"):
        yield sys.stdout
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield out
    finally:
        out.flush()
        out.detach()


@contextlib.contextmanager
def bulk_work():
    """No cyclic garbage collection while a command builds or reads rows by
    the hundred thousand: they hold no cycles, and the collector's passes
    over them cost a tenth of an export's time. Free the rows inside the
    block, or the first collection after it scans them all."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Progress:
    """A progress bar on stderr for long exports and imports: shown only on a
    terminal and only for large jobs. `start(total)`, then `advance(n)`."""

    def __init__(self, label_: str):
        self.label, self.bar = label_, None

    def start(self, total: int) -> None:
        if total >= 5000 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command(name="import", context_settings=CONTEXT, short_help="导入台账 · import a ledger file")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only check the file; write nothing.")
@click.option("--update", is_flag=True, help="Update the items whose ref_no exists (recorded as events).")
@click.option("--kind", help="The kind of rows that name none (a sheet of one kind often has no 类型 column).")
@common_options
def import_cmd(file, dry_run, update, kind):
    """Load a ledger from CSV (UTF-8, UTF-8 with BOM or GB18030), XLSX, XLS
    or ODS, with zh or en headers. One bad row and nothing is imported: every
    bad row is listed with its line, column and value."""
    from tracker.ledger import import_file

    lang = current_lang()
    # --dry-run checks against the ledger, or an empty one if there is none yet.
    conn = open_or_blank() if dry_run else open_conn(create=True)
    book = ledger(conn)
    kind = book.kind_id(kind) if kind else None
    with Progress("导入" if lang == "zh" else "import") as bar, bulk_work():
        result = import_file(book, file, dry_run=dry_run, update=update, progress=bar, kind=kind)
    if dry_run:
        echo(t(lang, "import_checked", rows=result.rows, added=result.added, updated=result.updated))
        return
    echo(t(lang, "import_done", rows=result.rows, added=result.added, updated=result.updated,
           unchanged=result.unchanged))
    if result.created_units:
        echo(t(lang, "created_units", names="、".join(result.created_units)))
    if result.created_campaigns:
        echo(t(lang, "created_campaigns", names="、".join(result.created_campaigns)))


# --------------------------------------------------------------- maintenance --
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
        click.echo(f"  {label(lang, key)}: {count}" + (f"（{sample}）" if lang != "en" else f" ({sample})"), err=True)


# ------------------------------------------------------------------ calendar --
@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="工作日日历 · the working-day calendar")
@common_options
def calendar():
    """The working-day calendar: holidays, make-up working days, overrides."""


@calendar.command(name="show", context_settings=CONTEXT, short_help="查看日历 · holidays of a year")
@click.argument("year")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"),
              help="text or json.")
@common_options
def calendar_show(year, fmt):
    """The holidays and make-up working days of YEAR (json: every day)."""
    from tracker.calendar import WorkCalendar

    if not str(year).isdigit() or not 1900 <= int(year) <= 2100:
        raise UserError("bad_year", value=year)
    year = int(year)
    conn = open_or_blank()
    cal, lang = WorkCalendar.from_db(conn), current_lang()
    days = cal.year_days(year)
    provisional = cal.is_provisional_year(year)
    if fmt == "json":
        dump_json({"year": year, "provisional": provisional,
                   "days": [{"date": d.date.isoformat(), "workday": d.workday, "note": d.note(lang)} for d in days]})
        return
    en = lang == "en"
    state = (("provisional: no announced schedule; weekends and fixed-date holidays only" if en
              else "暂定：放假安排未公布，仅按周末和固定节日计算") if provisional
             else ("announced" if en else "已公布放假安排"))
    echo(f"{year}  {state}")
    special = [d for d in days if d.is_holiday or d.is_makeup_workday or d.source == "override"]
    weekday = "一二三四五六日"
    rows = []
    for d in special:
        wd = d.date.strftime("%a") if en else "周" + weekday[d.date.weekday()]
        kind = label(lang, "workday" if d.workday else "holiday")
        src = {"override": "office" if en else "本局设置", "package": "", "provisional": ""}[d.source]
        rows.append([d.date.isoformat(), wd, kind, d.note(lang) or "", src])
    from tracker.render import table

    echo(table(["date", "day", "type", "note", "source"] if en else ["日期", "星期", "类型", "说明", "来源"], rows))


@calendar.command(name="set", context_settings=CONTEXT, short_help="设置日期 · set a working or rest day")
@click.argument("date", type=DATE)
@click.argument("daytype", metavar="workday|holiday")
@click.option("--note", help="What the day is, e.g. 春节 or 春节调休上班.")
@common_options
def calendar_set(date, daytype, note):
    """Make DATE a working day or a rest day (the office's own entry).

    Rule-based deadlines touched by the change are recomputed."""
    workday = _daytype(daytype)
    conn = open_conn(create=True)
    result = ledger(conn).set_calendar([(date, workday, note)])
    lang = current_lang()
    echo(t(lang, "calendar_set", date=date.isoformat(), daytype=label(lang, "workday" if workday else "holiday")))
    echo(t(lang, "recomputed", changed=result.changed, confirmed=result.confirmed, checked=result.checked))


def _daytype(value: str) -> bool:
    v = str(value).strip().lower()
    if v in ("workday", "work", "上班", "工作日", "1", "true"):
        return True
    if v in ("holiday", "rest", "休息", "休息日", "放假", "0", "false"):
        return False
    raise UserError("bad_daytype", value=value)


@calendar.command(name="import", context_settings=CONTEXT, short_help="导入放假安排 · import a year's schedule")
@click.argument("file", type=click.Path(dir_okay=False))
@common_options
def calendar_import(file):
    """Enter a year's schedule from FILE: the JSON of `calendar show --format
    json`, or CSV with columns date, workday|holiday, note.

    Rule-based deadlines touched by the change are recomputed."""
    from tracker.calendar import read_calendar_file

    entries = read_calendar_file(Path(file), _daytype)
    conn = open_conn(create=True)
    result = ledger(conn).set_calendar(entries)
    lang = current_lang()
    echo(t(lang, "calendar_imported", count=len(entries)))
    echo(t(lang, "recomputed", changed=result.changed, confirmed=result.confirmed, checked=result.checked))


if __name__ == "__main__":
    main()
