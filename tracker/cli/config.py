"""Settings: `tracker config set|get|list`. The office's (name,
abbreviation, numbering of letters ...) are kept in the ledger and shared
by every clerk; `user` is the clerk's own (their config file)."""

from __future__ import annotations

import datetime as dt

import click

from tracker.cli.common import CONTEXT, TrackerGroup, common_options, current_lang, db_path, echo, ledger, open_conn
from tracker.cli.root import cli
from tracker.errors import UserError
from tracker.i18n import field, t


def _check_value(conn, key: str, value: str) -> str:
    """The value to store, checked as its key requires."""
    value = value.strip()
    if key.startswith("template.") and not value:
        return value  # empty: back to the built-in template
    if not value:
        raise UserError("config_empty", name=key)
    if key.startswith("numbering."):
        from tracker.letters import check_format

        return check_format(value)
    if key.startswith("reply."):
        from tracker.deadlines import Catalogue

        return Catalogue.from_db(conn).check(value)
    if key.startswith("template."):
        from pathlib import Path

        from tracker.letters import check_template

        return str(check_template(Path(value).expanduser().resolve()))
    return value


@cli.group(cls=TrackerGroup, context_settings=CONTEXT, short_help="设置 · settings")
@common_options
def config():
    """Settings: the office's name (office.name) and abbreviation
    (office.short), the numbering format of each kind of letter
    (numbering.KIND, with {short} {year} {n}), the default reply period
    (reply.KIND), the office's letter templates (template.KIND), kept in
    the ledger; and your own name in the history (user), kept in your
    config file."""


@config.command(name="set", context_settings=CONTEXT, short_help="设置 · set a value")
@click.argument("key")
@click.argument("value")
@common_options
def config_set(key, value):
    """Set KEY to VALUE (e.g. numbering.supervision "东应急督〔{year}〕{n}号")."""
    from tracker import settings

    lang = current_lang()
    scope = settings.KEYS[settings.check_key(key)][0]
    if scope == "user":
        value = value.strip()
        if not value:
            raise UserError("config_empty", name=key)
        path = settings.set_user(key, value)
        echo(t(lang, "config_user_saved", name=key, value=value, path=str(path)))
        return
    if not db_path().exists():
        raise UserError("config_no_db", name=key, path=str(db_path()))
    conn = open_conn()
    value = _check_value(conn, key, value)
    book = ledger(conn)
    with book.transaction():
        if value:
            settings.set_office(conn, key, value, book.actor, dt.datetime.fromisoformat(book.stamp()))
        else:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    echo(t(lang, "config_saved", name=key, value=value or t(lang, "config_unset")))


@config.command(name="get", context_settings=CONTEXT, short_help="查看设置 · show a value")
@click.argument("key")
@common_options
def config_get(key):
    """Print the value of KEY (its default when not set)."""
    from tracker import settings

    settings.check_key(key)
    conn = open_conn() if settings.KEYS[key][0] == "office" and db_path().exists() else None
    echo(settings.get(conn, key) or "")


@config.command(name="list", context_settings=CONTEXT, short_help="全部设置 · list the settings")
@common_options
def config_list():
    """Every setting with its value; (default) where none was set."""
    from tracker import settings
    from tracker.text import table

    lang = current_lang()
    conn = open_conn() if db_path().exists() else None
    stored = dict(conn.execute("SELECT key, value FROM settings")) if conn else {}
    rows = []
    for key, (scope, default) in settings.KEYS.items():
        value = settings.get(conn, key)
        mark = ""
        if scope == "office" and key not in stored:
            mark = t(lang, "config_default") if default else t(lang, "config_unset")
        elif scope == "user" and value is None:
            mark = t(lang, "config_unset")
        where = (
            ("ledger" if lang == "en" else "台账")
            if scope == "office"
            else ("your config" if lang == "en" else "个人配置")
        )
        rows.append([key, f"{value or ''}{mark}", where])
    echo(table([field(lang, "setting_key"), field(lang, "setting_value"), field(lang, "setting_scope")], rows))
