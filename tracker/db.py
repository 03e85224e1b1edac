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
import sys
import time
from typing import TYPE_CHECKING

from tracker.errors import UserError

if TYPE_CHECKING:  # paths are handled with os.path: pathlib costs some 4 ms of every start
    from pathlib import Path

SCHEMA_VERSION = 7
BUSY_TIMEOUT_MS = 30_000


def schema_sql() -> str:
    """The text of schema.sql: from the installed package, or the source tree.
    (importlib.resources is imported here, not at start: it costs some 10 ms
    and only a new database needs the schema.)"""
    from importlib import resources

    try:
        return resources.files("tracker").joinpath("schema.sql").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        with open(os.path.join(here, "schema.sql"), encoding="utf-8") as f:
            return f.read()


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


MEMORY = ":memory:"

# SQLite's primary result codes (the low byte of sqlite_errorcode) and what
# they mean to a clerk: the message key said in one line.
_REASONS = {
    sqlite3.SQLITE_BUSY: "db_busy",
    sqlite3.SQLITE_LOCKED: "db_busy",
    sqlite3.SQLITE_READONLY: "db_readonly",
    sqlite3.SQLITE_FULL: "db_full",
    sqlite3.SQLITE_CORRUPT: "db_corrupt",
    sqlite3.SQLITE_NOTADB: "db_corrupt",
    sqlite3.SQLITE_IOERR: "db_io",
    sqlite3.SQLITE_CANTOPEN: "db_cantopen",
    sqlite3.SQLITE_PERM: "db_cantopen",
    sqlite3.SQLITE_AUTH: "db_cantopen",
}


def error_reason(e: sqlite3.Error) -> str | None:
    """The catalogue key that says what went wrong with the file, from
    SQLite's result code (never from its message text); None for an error
    that is not about the file (a bug)."""
    code = getattr(e, "sqlite_errorcode", None)
    if code is None:
        return None
    return _REASONS.get(code & 0xFF)


def user_error(e: sqlite3.Error, path) -> UserError | None:
    """A UserError saying in one line what happened to the database file."""
    key = error_reason(e)
    if key is None:
        return None
    if key in ("db_cantopen", "db_readonly") and str(path) != MEMORY:
        folder = os.path.dirname(os.path.abspath(os.path.expanduser(path)))
        try:
            read_only_fs = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except OSError:
            read_only_fs = False
        if read_only_fs or not os.access(folder, os.W_OK):
            # WAL needs its -shm and -wal beside the file: a folder that
            # cannot be written makes the ledger unusable, even to read.
            return UserError("db_folder_readonly", path=str(path), dir=str(folder))
        for suffix in ("-wal", "-shm"):
            side = os.path.expanduser(path) + suffix
            if os.path.exists(side) and not os.access(side, os.R_OK | os.W_OK):
                return UserError("db_side_file", path=str(path), file=str(side))
    return UserError(key, path=str(path), problem=str(e))


def open_db(path: str | Path, create: bool = False) -> sqlite3.Connection:
    """Open the database at `path`; with create=True create it (or migrate an
    older one). ":memory:" is a blank database in memory (the seeded rules,
    kinds and calendar), never a file. Nothing here ever deletes a file."""
    if str(path) == MEMORY:
        conn = connect(MEMORY)
        _upgrade(conn)
        return conn
    path = os.path.expanduser(path)
    # Never open the file with anything but SQLite: closing another handle on
    # it would drop this process's POSIX locks and let others corrupt it.
    exists = os.path.exists(path)
    if os.path.isdir(path):
        raise UserError("db_not_sqlite", path=str(path))
    if not exists and not create:
        raise UserError("db_missing", path=str(path))
    if not exists:
        try:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            # Owner and group only: the ledger is not for everyone on the server.
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o660)
            os.close(fd)
            os.chmod(path, 0o660)
        except FileExistsError:
            pass  # another clerk created it a moment ago: open theirs
        except OSError as e:
            raise UserError("db_cantopen", path=str(path), problem=e.strerror or str(e)) from None
    try:
        conn = connect(path)
    except sqlite3.Error as e:  # unreadable: permissions, a missing folder ...
        raise user_error(e, path) or UserError("db_not_sqlite", path=str(path)) from None
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as e:
        conn.close()
        known = user_error(e, path)
        if known is None or known.key == "db_corrupt":  # "file is not a database"
            raise UserError("db_not_sqlite", path=str(path)) from None
        raise known from None
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
        except UserError:
            conn.close()
            raise
        except sqlite3.Error as e:  # rolled back: the file is as it was
            conn.close()
            known = user_error(e, path)
            if known is not None and known.key != "db_corrupt":
                raise known from None
            raise UserError(
                "db_upgrade_failed", path=str(path), found=version, supported=SCHEMA_VERSION, problem=str(e)
            ) from None
    try:
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            with contextlib.suppress(sqlite3.OperationalError):
                conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as e:
        conn.close()
        raise user_error(e, path) or UserError("db_not_sqlite", path=str(path)) from None
    return conn


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0] > 0


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION in one transaction (safe to race).
    Foreign keys are off while tables are rebuilt (SQLite's procedure for
    altering a table) and checked whole before the commit."""
    conn.execute("PRAGMA foreign_keys = OFF")  # no effect inside a transaction: set before
    try:
        with transaction(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                for statement in split_statements(schema_sql()):
                    conn.execute(statement)
            else:
                from tracker.migrations import MIGRATIONS

                for v in range(version + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[v](conn)
                broken = conn.execute("PRAGMA foreign_key_check").fetchone()
                if broken:
                    raise sqlite3.IntegrityError(f"foreign key of {broken[0]} row {broken[1]} points nowhere")
                analyze(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection):
    """One reading of the ledger, whatever is written meanwhile: a
    transaction that only reads, rolled back at the end (with any temporary
    table made in it). Inside a transaction already: that one."""
    if conn.in_transaction:
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")


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
            if error_reason(e) != "db_busy":
                raise user_error(e, _db_path(conn)) or e from None
            time.sleep(0.05 * (2**attempt))
    else:
        raise UserError("db_busy", path=_db_path(conn))
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # a full disk may already have rolled it back
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


@contextlib.contextmanager
def bulk_load(conn: sqlite3.Connection, enabled: bool = True, in_memory: bool = True):
    """Inside a transaction: drop the secondary indexes of the item tables,
    and create them again (from their stored definitions) at the end. Many
    rows load several times faster; a failure rolls the drop back too.
    `in_memory`: build them in memory (128 MiB of cache, sorts in memory);
    otherwise with the cache the caller set, sorts beyond it spilled to
    temporary files (memory bounded, however many rows)."""
    if not enabled:
        yield
        return
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    if in_memory:  # room to build the indexes in memory (sorting is most of the work)
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


def give_back_memory(conn: sqlite3.Connection) -> None:
    """After a bulk load: SQLite's page cache and Python's free memory given
    back to the system (glibc keeps freed memory for reuse otherwise), so
    that what loads next does not add to the load's peak."""
    import gc

    conn.execute("PRAGMA shrink_memory")
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).malloc_trim(0)
        except Exception:  # not glibc (musl has no malloc_trim): nothing to trim, nothing lost
            pass


def analyze(conn: sqlite3.Connection) -> None:
    """Refresh the query planner's statistics (approximate, so it stays fast
    at a million rows); run after bulk loads. Without them SQLite may scan an
    index in ORDER BY order instead of the small partial index of open items."""
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")


def db_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's database ("": one in memory)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return (row[2] if row else "") or ""


def _db_path(conn: sqlite3.Connection) -> str:
    return db_file(conn) or "?"
