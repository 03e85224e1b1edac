"""Settings: the office's (in the database, shared by every clerk: its name,
abbreviation, the numbering of letters ...) and the clerk's own (in the user
config directory: the name events are recorded under).

`tracker config set KEY VALUE` writes either: KEYS says which is which.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from typing import TYPE_CHECKING

from tracker.errors import UserError

if TYPE_CHECKING:
    from pathlib import Path

# key -> (scope, default). scope: 'user' (this clerk's file) or 'office' (the database).
KEYS: dict[str, tuple[str, str | None]] = {
    "user": ("user", None),
    "office.name": ("office", "东莞市应急管理局"),
    "office.short": ("office", "东应急"),
    "numbering.reminder": ("office", "{short}提〔{year}〕{n}号"),
    "numbering.supervision": ("office", "{short}督〔{year}〕{n}号"),
    "numbering.suggestion": ("office", "{short}建〔{year}〕{n}号"),
    "numbering.listed": ("office", "{short}挂〔{year}〕{n}号"),
    # the reply deadline a letter gives when `tracker letter` names none
    "reply.reminder": ("office", "5wd"),
    "reply.supervision": ("office", "5wd"),
    "reply.suggestion": ("office", "10wd"),
    "reply.listed": ("office", "10wd"),
    # the office's own DOCX template of each kind of letter (a file path;
    # unset: the built-in one)
    "template.reminder": ("office", None),
    "template.supervision": ("office", None),
    "template.suggestion": ("office", None),
    "template.listed": ("office", None),
}


def check_key(key: str) -> str:
    if key not in KEYS:
        raise UserError("unknown_setting", value=key, accepted="、".join(KEYS))
    return key


def user_config_path() -> Path:
    """The clerk's own settings file: $XDG_CONFIG_HOME/tracker/config.json
    on Linux, platformdirs' answer elsewhere."""
    from pathlib import Path

    return Path(_config_file())


def _config_file() -> str:
    """user_config_path() as a string, computed without platformdirs (some
    8 ms) or pathlib (some 4 ms) on Linux: every command that records an
    event reads it."""
    import sys

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
        return os.path.join(base, "tracker", "config.json")
    import platformdirs

    return os.path.join(platformdirs.user_config_dir("tracker", appauthor=False), "config.json")


def _user_settings() -> dict:
    try:
        with open(_config_file(), encoding="utf-8") as f:
            data = json.loads(f.read())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def get(conn: sqlite3.Connection | None, key: str) -> str | None:
    """A setting's value, or its default."""
    scope, default = KEYS[check_key(key)]
    if scope == "user":
        value = _user_settings().get(key)
        return value if isinstance(value, str) else default
    if conn is None:
        return default
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_user(key: str, value: str) -> Path:
    """Write one of the clerk's own settings to their config file (written
    as every output is: a temporary file renamed into place)."""
    from tracker.files import writing

    path = user_config_path()
    data = _user_settings()
    data[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    with writing(path, "config", mode=0o600) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def set_office(conn: sqlite3.Connection, key: str, value: str, actor: str, now: dt.datetime) -> None:
    """Inside a write transaction: store one of the office's settings."""
    conn.execute(
        "INSERT INTO settings (key, value, set_by, set_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, set_by = excluded.set_by, set_at = excluded.set_at",
        (key, value, actor, now.isoformat(timespec="seconds")),
    )


def current_actor() -> str:
    """Who is at work: TRACKER_USER, else `tracker config set user NAME`, else
    the OS login (root on a shared server tells nothing), else 'unknown'."""
    name = (os.environ.get("TRACKER_USER") or "").strip()
    if name:
        return name
    configured = get(None, "user")
    if configured and configured.strip():
        return configured.strip()
    # getpass.getuser()'s way, without its import of termios at every start
    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, AttributeError):  # no login name (e.g. a container without USER)
        return "unknown"
