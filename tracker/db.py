"""Opening a tracker database: pragmas, schema, migrations, transactions.

`schema.sql` (shipped inside the package) is the one definition of the
database. PRAGMA user_version holds the schema version; `open_db` applies
the schema to a new file and the MIGRATIONS to an older one, each in one
transaction, and refuses a file from a newer tracker or a file that is not
a tracker database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from importlib import resources
from pathlib import Path

from tracker.errors import UserError

SCHEMA_VERSION = 3
BUSY_TIMEOUT_MS = 30_000


def schema_sql() -> str:
    """The text of schema.sql: from the installed package, or the source tree."""
    try:
        return resources.files("tracker").joinpath("schema.sql").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return (Path(__file__).resolve().parent.parent / "schema.sql").read_text(encoding="utf-8")


def split_statements(script: str) -> list[str]:
    """Split an SQL script into complete statements (triggers stay whole)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in current.splitlines()):
        raise ValueError(f"incomplete statement at end of schema: {current[:60]!r}")
    return statements


def connect(path: str | Path) -> sqlite3.Connection:
    """A raw connection with tracker's pragmas: autocommit mode (explicit
    transactions), foreign keys on, WAL, busy timeout, Row rows."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_db(path: str | Path, create: bool = False) -> sqlite3.Connection:
    """Open (and with create=True, create or migrate) the database at `path`."""
    path = Path(path).expanduser()
    # Never open the file with anything but SQLite: closing another handle on
    # it would drop this process's POSIX locks and let others corrupt it.
    exists = path.exists()
    if path.is_dir():
        raise UserError("db_not_sqlite", path=str(path))
    if not exists and not create:
        raise UserError("db_missing", path=str(path))
    if not exists:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Owner and group only: the ledger is not for everyone on the server.
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o660)
        os.close(fd)
        os.chmod(path, 0o660)
    try:
        conn = connect(path)
    except sqlite3.OperationalError:  # unreadable: permissions, a missing folder ...
        raise UserError("db_not_sqlite", path=str(path)) from None
    for attempt in range(20):
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            break
        except sqlite3.OperationalError as e:  # busy or locked: another clerk is at it
            if attempt == 19:
                conn.close()
                raise UserError("db_busy", path=str(path)) from e
            time.sleep(0.05 * (attempt + 1))
        except sqlite3.DatabaseError:  # "file is not a database"
            conn.close()
            raise UserError("db_not_sqlite", path=str(path)) from None
    if version > SCHEMA_VERSION:
        conn.close()
        raise UserError("db_newer", path=str(path), found=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        if version == 0 and _has_foreign_tables(conn):
            conn.close()
            raise UserError("db_not_tracker", path=str(path))
        if not create and version == 0:
            conn.close()
            raise UserError("db_missing", path=str(path))
        try:
            _upgrade(conn)
        except sqlite3.DatabaseError as e:  # rolled back: the file is as it was
            conn.close()
            raise UserError(
                "db_upgrade_failed", path=str(path), found=version, supported=SCHEMA_VERSION, problem=str(e)
            ) from None
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0] > 0


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION in one transaction (safe to race)."""
    with transaction(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            for statement in split_statements(schema_sql()):
                conn.execute(statement)
        else:
            from tracker.migrations import MIGRATIONS

            for v in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[v](conn)
            analyze(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection):
    """One write transaction: BEGIN IMMEDIATE (takes the write lock at once,
    waiting up to the connection's busy timeout, three times), COMMIT on
    success, ROLLBACK on any exception. Still busy: UserError('db_busy')."""
    for attempt in range(3):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e):
                raise
            time.sleep(0.05 * (2**attempt))
    else:
        raise UserError("db_busy", path=_db_path(conn))
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextlib.contextmanager
def bulk_load(conn: sqlite3.Connection, enabled: bool = True):
    """Inside a transaction: drop the secondary indexes of the item tables,
    and create them again (from their stored definitions) at the end. Many
    rows load several times faster; a failure rolls the drop back too."""
    if not enabled:
        yield
        return
    # Room to build the indexes in memory (sorting is most of the work).
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA cache_size = -131072")
    conn.execute("PRAGMA temp_store = MEMORY")
    indexes = [
        r[0]
        for r in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('items', 'events', 'item_assist_units', 'shares')"
        )
    ]
    for sql in indexes:
        conn.execute("DROP INDEX " + sql.split()[2])
    yield
    for sql in indexes:
        conn.execute(sql)
    conn.execute(f"PRAGMA cache_size = {cache}")


def analyze(conn: sqlite3.Connection) -> None:
    """Refresh the query planner's statistics (approximate, so it stays fast
    at a million rows); run after bulk loads. Without them SQLite may scan an
    index in ORDER BY order instead of the small partial index of open items."""
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")


def _db_path(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row else "?"
