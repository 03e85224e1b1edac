"""The supervision list in: reading an office's ledger (CSV in UTF-8,
GB18030 or UTF-16, XLSX, XLS, ODS), finding its header, validating every
row, and writing them all or nothing through the ledger.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import history
from tracker.dates import parse_date
from tracker.db import db_file, snapshot
from tracker.errors import UserError
from tracker.export import DERIVED_KEYS, EXPORT_KEYS, FORMULA_START
from tracker.i18n import Fields, L, field, t
from tracker.ledger import BLANKS, clean_text, split_units, stored_row

if TYPE_CHECKING:  # the rules load when a row needs a deadline (unit forms read tables through here)
    from tracker.deadlines import Deadline

# ------------------------------------------------------------------ import --
REQUIRED_KEYS = ("kind", "title")
EDITABLE_IMPORT = ("kind", "title", "source", "unit", "owner", "received_on", "due_on", "rule", "campaign", "notes")
DATE_KEYS = ("received_on", "due_on", "closed_on")
# Other names offices give the same columns in their own ledgers. None: a
# column to ignore (list --format csv's id; the row number nearly every
# office sheet opens with).
_HEADER_ALIASES: dict[str, str | None] = {
    "序号": None,
    "发文字号": "ref_no",
    "文件编号": "ref_no",
    "案号": "ref_no",
    "事项类型": "kind",
    "督办类型": "kind",
    "督办事项": "title",
    "事项": "title",
    "任务名称": "title",
    "交办单位": "source",
    "来文单位": "source",
    "承办单位": "unit",
    "牵头单位": "unit",
    "责任科室": "unit",
    "协办单位": "assist_units",
    "经办人": "owner",
    "承办人": "owner",
    "交办日期": "received_on",
    "来文日期": "received_on",
    "完成时限": "due_on",
    "办理时限": "due_on",
    "办结期限": "due_on",
    "截止日期": "due_on",
    "办理状态": "status",
    "完成日期": "closed_on",
    "实际办结日期": "closed_on",
}


def _header_map() -> dict[str, str | None]:
    out: dict[str, str | None] = dict(_HEADER_ALIASES)
    out["编号"] = out["id"] = out["ID"] = "id"  # the export's last column: names the item for --update
    for k in EXPORT_KEYS:
        out[k] = None if k in DERIVED_KEYS else k
        out[field("zh", k)] = None if k in DERIVED_KEYS else k
        out[field("en", k).lower()] = None if k in DERIVED_KEYS else k
    return out


@dataclass
class RowError:
    """One bad cell: its line, column, value and what is wrong (a UserError,
    said in the clerk's language when shown)."""

    line: int
    column: str
    value: str
    problem: UserError

    def render(self, lang: str) -> str:
        from tracker.text import safe

        v = safe(self.value if len(self.value) <= 60 else self.value[:60] + "…")
        return t(lang, "import_row_error", line=self.line, column=safe(self.column), value=v, problem=self.problem)


class ImportError_(UserError):
    """An import file with bad rows: the first line says how many, then
    every bad row with its line, column and value."""

    def __init__(self, path: str, errors: list[RowError]):
        super().__init__("import_bad_rows", path=path, count=len({e.line for e in errors}))
        self.errors = errors

    def details(self, lang: str) -> list[str]:
        return [e.render(lang) for e in self.errors]


def _encoding(path: Path) -> tuple[str, int]:
    """The encoding of a CSV or tab-separated file and its number of line
    breaks, read through once in chunks (never whole): UTF-8 (with or
    without BOM), UTF-16 as Excel saves "Unicode text", or GB18030 as
    Chinese Excel saves CSV. Other binary content is refused, and a file of
    nothing but blanks."""
    import codecs

    with path.open("rb") as f:
        head = f.read(4096)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
            candidates: tuple[str, ...] = ("utf-16",)
        else:
            controls = sum(head.count(bytes([c])) for c in (*range(0, 9), 11, 12, *range(14, 32)))
            if head.count(b"\x00") > 2 or controls > len(head) // 20:  # a stray control character is its cell's problem
                raise UserError("import_binary", path=str(path))
            candidates = ("utf-8-sig", "gb18030")
        for encoding in candidates:
            f.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            lines, blank = 0, True
            try:
                while chunk := f.read(1 << 20):
                    text = decoder.decode(chunk)
                    lines += text.count("\n")
                    blank = blank and not text.strip()
                text = decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            if blank and not text.strip():
                raise UserError("import_empty", path=str(path))
            return encoding, lines + text.count("\n")
    raise UserError("import_encoding", path=str(path))


def file_head(path: Path) -> tuple[int, bytes]:
    """The size and first 8 bytes (what tells a spreadsheet from text) of a
    file to read, or UserError naming it: missing, or refused by the system
    (no right to read it, a name too long, an I/O error)."""
    try:
        if not path.is_file():
            raise UserError("file_missing", path=str(path))
        with path.open("rb") as f:
            return os.fstat(f.fileno()).st_size, f.read(8)
    except OSError as e:
        raise UserError("input_failed", path=str(path), problem=e.strerror or str(e)) from None


def read_table(path) -> tuple[list[str], Iterator[tuple[int, list]], int]:
    """Header, (line number, cells) rows and an estimate of the row count of
    a CSV (UTF-8, UTF-8 with BOM or GB18030, detected) or an XLSX, XLS or
    ODS file (its first sheet), told apart by their first bytes. The rows
    are read as they are asked for: a file of a million rows is never held
    whole."""
    import csv

    path = Path(path)
    size, head = file_head(path)
    if head.startswith(SPREADSHEET_MAGIC):
        check_spreadsheet_size(path, head)
        return _read_spreadsheet(path)
    if size > MAX_TEXT_BYTES:
        raise UserError("import_too_large", path=str(path), what=L("too_large"))
    try:
        encoding, lines = _encoding(path)
    except UserError as e:
        # a ".xls" that is text (as some systems export) reads as text; one
        # that is neither text nor a spreadsheet is said as a bad spreadsheet
        if e.key == "import_binary" and path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            raise UserError("import_xlsx", path=str(path), problem=L("import_not_spreadsheet")) from None
        raise
    f = path.open(encoding=encoding, newline="")
    try:
        sample = f.read(4096)
        f.seek(0)
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        reader = csv.reader(f, delimiter=delimiter)
        header = next(reader)
    except (StopIteration, csv.Error) as e:
        f.close()
        raise UserError("import_empty", path=str(path)) from e
    except BaseException:
        f.close()
        raise

    def rows():
        with f:
            try:
                for row in reader:
                    yield reader.line_num, row
            except csv.Error as e:
                raise UserError("import_csv", path=str(path), line=reader.line_num, problem=str(e)) from None

    return header, rows(), lines


# A spreadsheet's first bytes: XLSX and ODS are zip files; XLS (Excel
# 97-2003, still what many offices' WPS saves) is an OLE2 compound file.
SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

# What an office ledger can reasonably be: beyond these a file is refused
# before it is read (a cell at XFD1048576 would have calamine ask for
# hundreds of GB; a zip bomb expands a few MB to many GB).
MAX_TEXT_BYTES = 2_000_000_000
MAX_XLS_BYTES = 300_000_000
MAX_EXPANDED_BYTES = 2_000_000_000  # all the parts of an XLSX or ODS, unpacked
MAX_RATIO = 200  # a part that unpacks to more than this many times its size
MAX_ROWS = 2_000_000
MAX_COLUMNS = 200


def unreadable(path) -> UserError:
    """A spreadsheet that cannot be read, said in the clerk's words (not the
    reader's exception)."""
    return UserError("import_xlsx", path=str(path), problem=L("import_damaged"))


def check_spreadsheet_size(path: Path, head: bytes, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> None:
    """Refuse, in bounded memory and before calamine reads anything, a
    spreadsheet beyond reason: parts that unpack too large or too far (a zip
    bomb), or a sheet that declares more rows or columns than `max_rows` and
    `max_columns` (a ledger's, unless the caller reads smaller files)."""
    import re
    import zipfile

    if not head.startswith(b"PK"):
        if path.stat().st_size > MAX_XLS_BYTES:
            raise UserError("import_too_large", path=str(path), what=L("too_large"))
        return
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_EXPANDED_BYTES or any(
                i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1) for i in infos
            ):
                raise UserError("import_too_large", path=str(path), what=L("import_zip_bomb"))
            for info in infos:  # every sheet's declared size (its first bytes)
                if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", info.filename):
                    continue
                with z.open(info) as f:
                    start = f.read(4096).decode("utf-8", "replace")
                m = re.search(r'<(?:\w+:)?dimension ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"', start)
                if m and m[3] and m[4]:
                    columns = 0
                    for ch in m[3]:
                        columns = columns * 26 + ord(ch) - 64
                    if int(m[4]) > max_rows or columns > max_columns:
                        raise UserError("import_too_large", path=str(path), what=L("import_too_many_cells"))
    except zipfile.BadZipFile:
        raise unreadable(path) from None


def _vertical_merges(sheet) -> dict[int, list[tuple[int, int]]]:
    """Cells merged down a column (a unit that leads several tasks, in one
    tall cell): line of the top cell -> [(column, last line)]. The value
    stands in each row the cell spans, as the clerk sees it."""
    out: dict[int, list[tuple[int, int]]] = {}
    top, left = sheet.start or (0, 0)
    for (r1, c1), (r2, _c2) in sheet.merged_cell_ranges or ():
        if r2 > r1:
            out.setdefault(r1 - top + 1, []).append((c1 - left, r2 - top + 1))
    return out


def _read_spreadsheet(path) -> tuple[list[str], Iterator[tuple[int, list]], int]:
    """The first sheet of an XLSX, XLS or ODS file, read by calamine (Rust):
    100,000 rows in about a second, where openpyxl took twenty."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.iter_rows()
        header = ["" if c is None else str(c) for c in next(rows)]
        merged = _vertical_merges(sheet)
    except StopIteration:
        raise UserError("import_empty", path=str(path)) from None
    except (CalamineError, ValueError, OSError):
        raise unreadable(path) from None

    def numbered():
        carried: dict[int, tuple[int, object]] = {}  # column -> (last row of its merge, value)
        try:
            for n, row in enumerate(rows, 2):
                cells: list[Any] = ["" if c is None else c for c in row]
                for col, (last, value) in list(carried.items()):
                    if n > last:
                        del carried[col]
                    elif col < len(cells) and cells[col] == "":
                        cells[col] = value
                for col, last in merged.get(n, ()):
                    if col < len(cells):
                        carried[col] = (last, cells[col])
                yield n, cells
        except (CalamineError, ValueError):
            raise unreadable(path) from None

    return header, numbered(), sheet.height


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    skipped: int = 0  # rows of a 序号 alone, notes under the table
    date_unknown: int = 0  # done rows without a closed date
    created_units: list[str] = dataclass_field(default_factory=list)
    created_campaigns: list[str] = dataclass_field(default_factory=list)


def _text(v) -> str:
    """A cell as stripped text, with export's formula guard taken off."""
    if v.__class__ is str:
        v = v.strip()
        return v[1:] if v[:1] == "'" and v[1:2] and v[1:].startswith(FORMULA_START) else v
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _blank(cells: list) -> bool:
    """Nothing but blanks in the row."""
    try:
        return not "".join(cells).strip()  # CSV: all text, one call
    except TypeError:  # XLSX: numbers, dates
        return not any(_text(c) for c in cells)


def _values(raw: dict) -> dict:
    """The cells as _text() gives them, empty ones None."""
    try:
        v = {k: x.strip() or None for k, x in raw.items()}  # CSV: all text
    except AttributeError:  # XLSX: numbers, dates
        return {k: _text(x) or None for k, x in raw.items()}
    for k, x in v.items():
        if x and x[0] == "'":
            v[k] = _text(x) or None
    return v


def _columns(header: list, path, kind_given: bool = False) -> dict[int, str]:
    """Which column holds which key, from a header row (zh or en names;
    spaces and line breaks inside a name, as in 文  号, do not count)."""
    hmap = _header_map()
    cols: dict[int, str] = {}
    seen: dict[str, str] = {}
    for n, h in enumerate(header):
        name = "".join(_text(h).lstrip("\ufeff").split())
        if not name:
            continue
        key = hmap.get(name, hmap.get(name.lower(), "?"))
        if key and key != "?" and key in seen:
            raise UserError("import_dup_column", path=str(path), value=name, other=seen[key])
        if key and key != "?":
            seen[key] = name
        if key == "?":
            raise UserError(
                "import_unknown_column",
                path=str(path),
                value=name,
                accepted=Fields(EXPORT_KEYS),  # in the clerk's language
            )
        if key:
            cols[n] = key
    missing = [k for k in REQUIRED_KEYS if k not in cols.values() and not (k == "kind" and kind_given)]
    if missing:
        raise UserError(
            "import_missing_columns", path=str(path), value="、".join(f"{field('zh', k)}({k})" for k in missing)
        )
    return cols


HEADER_SEARCH_ROWS = 10
# A spreadsheet date whose cell lost its date format shows as a day number
# counted from Excel's epoch; numbers in this range (1954-2118) in a date
# column are read so. (20241015 and the like are read as written.)
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = (20_000, 80_000)


def _find_header(header: list, rows: list, path, kind_given: bool = False) -> tuple[list, dict[int, str], list]:
    """The header row, its columns and the rows below it. An office's sheet
    often opens with a title (2025年督办事项台账) and a line of who filled
    it in and when: the header is then the first of the next few rows that
    names known columns only. None of them: the first row's problem."""
    try:
        return header, _columns(header, path, kind_given), rows
    except UserError as first_problem:
        problem = first_problem
        for n, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
            try:
                return cells, _columns(cells, path, kind_given), rows[n + 1 :]
            except UserError as e:
                # a row of known names short of a required one is the header
                # the clerk meant: say what it lacks, not what the title is
                if e.key == "import_missing_columns" and problem is first_problem:
                    problem = e
        raise problem from None


# Rows under an office's table that are notes, not matters: 注：… 说明：…
# 填表人：… 制表：… 审核：…
NOTE_ROW = ("注", "说明", "备注：", "填表人", "填报人", "制表", "审核", "联系人", "联系电话")


def _is_note_row(values: list[str]) -> bool:
    """A row whose only text is a note under the table (注：…, 填表人：…)."""
    filled = [v for v in values if v]
    if not filled or len(filled) > 3:
        return False
    first = filled[0]
    return first.startswith(NOTE_ROW) and all(
        not v or ":" in v or "：" in v or v.startswith(NOTE_ROW) or len(v) < 40 for v in filled
    )


@dataclass
class Prepared:
    """One validated row, ready to write."""

    line: int
    values: dict
    assist_units: list[str]
    deadline: Deadline | None
    status: str
    closed_on: dt.date | None
    existing: int | None = None  # the item a row of --update changes


@dataclass
class _Change:
    """A row of --update, kept until the new items are written (_Updates):
    the item it changes and what the file says of it."""

    line: int
    item_id: int
    values: dict
    assist_units: list[str]
    ruled: bool  # its due date is the one its rule gives
    status: str
    closed_on: dt.date | None

    @classmethod
    def of(cls, p: Prepared) -> _Change:
        assert p.existing is not None
        return cls(p.line, p.existing, p.values, p.assist_units, p.deadline is not None, p.status, p.closed_on)

    def dumps(self) -> str:
        values = dict(self.values)
        for k in DATE_KEYS:
            if values.get(k):
                values[k] = values[k].isoformat()
        closed_on = self.closed_on and self.closed_on.isoformat()
        return json.dumps([self.item_id, values, self.assist_units, self.ruled, self.status, closed_on])

    @classmethod
    def loads(cls, line: int, text: str) -> _Change:
        day = lambda x: dt.date.fromisoformat(x) if x else None  # noqa: E731
        item_id, values, assist_units, ruled, status, closed_on = json.loads(text)
        values.update({k: day(values[k]) for k in DATE_KEYS if k in values})
        return cls(line, item_id, values, assist_units, ruled, status, day(closed_on))


class _Updates:
    """The rows of --update of one import, kept until the new items are
    written (their changes are made after those, in the order of the
    file): the first UPDATES_HELD in Python, any more in a temporary table."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.held: list[_Change] = []
        self.count = 0
        self.spilled = False

    def add(self, changes: list[_Change]) -> None:
        room = max(UPDATES_HELD - len(self.held), 0)
        self.held.extend(changes[:room])
        if changes[room:]:
            if not self.spilled:
                self.conn.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS import_updates (line INTEGER PRIMARY KEY, row TEXT NOT NULL)"
                )
                self.conn.execute("DELETE FROM temp.import_updates")
                self.spilled = True
            self.conn.executemany(
                "INSERT INTO temp.import_updates (line, row) VALUES (?, ?)",
                [(c.line, c.dumps()) for c in changes[room:]],
            )
        self.count += len(changes)

    def __iter__(self) -> Iterator[_Change]:
        yield from self.held
        if self.spilled:
            for line, text in self.conn.execute("SELECT line, row FROM temp.import_updates ORDER BY line"):
                yield _Change.loads(line, text)
            self.conn.execute("DROP TABLE temp.import_updates")


# Rows read, validated and written at a time: what Python holds of the file.
BATCH_ROWS = 5000
# Rows of --update held in Python until the new items are written (about
# 1.5 KB each); beyond them, a temporary table holds the rest.
UPDATES_HELD = 20_000
# The lookups of a batch's cells (dates, kinds, rules ...) are remembered
# from batch to batch; past this many entries a table starts afresh.
CACHE_ENTRIES = 50_000
# The columns in the order the row checks read them (absent ones blank):
# the export's, less those it derives.
_KEYS = tuple(k for k in EXPORT_KEYS if k not in DERIVED_KEYS)
_DATE_AT = frozenset(_KEYS.index(k) for k in DATE_KEYS)


class _Again(Exception):
    """A row the quick checks leave to the full ones (a problem, or
    something out of the common way)."""


class _Refs:
    """The 文号 of the rows read so far, to name the line a repeated one was
    last seen on, without holding a million of them in Python: the new
    items written so far hold theirs (and an array their lines, four bytes
    an item); a dry run, which writes nothing, keeps them in a temporary
    table. The few rows not written as new items (bad ones, updates) are
    kept here."""

    def __init__(self, conn: sqlite3.Connection, first_id: int | None):
        self.conn = conn
        self.first_id = first_id  # None: a dry run
        self.lines = array("I")  # the line of new item first_id + n
        self.other: dict[str, int] = {}  # rows not written as new items
        self.batch: dict[str, int] = {}  # new rows of the batch being read
        self.existing: dict[str, int] = {}  # the batch's 文号 already in the ledger: their items
        self.earlier: dict[str, int] = {}  # ... and those of new rows of earlier batches
        if first_id is None:
            conn.execute(
                "CREATE TEMP TABLE IF NOT EXISTS import_refs (ref TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID"
            )
            conn.execute("DELETE FROM temp.import_refs")

    def look_up(self, refs: list[str]) -> None:
        """Before a batch: which of its 文号 name items in the ledger, and
        which new rows of earlier batches, looked up 500 at a time."""
        self.existing, self.earlier = {}, {}
        wanted = list(dict.fromkeys(r for r in refs if r))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for item_id, ref in self.conn.execute(f"SELECT id, ref_no FROM items WHERE ref_no IN ({marks})", chunk):
                if self.first_id is not None and item_id >= self.first_id:
                    self.earlier[ref] = self.lines[item_id - self.first_id]
                else:
                    self.existing[ref] = item_id
            if self.first_id is None:
                q = f"SELECT ref, line FROM temp.import_refs WHERE ref IN ({marks})"
                self.earlier.update(self.conn.execute(q, chunk).fetchall())

    def seen(self, ref: str) -> int | None:
        """The line of the last row before this one with this 文号 (a row
        after a repeated one is a bad one, kept in `other`)."""
        return self.other.get(ref) or self.batch.get(ref) or self.earlier.get(ref)

    def note(self, ref: str, line: int, new: bool) -> None:
        """A row with this 文号 was read: a new item stored under it, or not."""
        (self.batch if new else self.other)[ref] = line

    def written(self, lines: list[int]) -> None:
        """After a batch: its new items are written (a dry run: counted)."""
        if self.first_id is not None:
            self.lines.extend(lines)
        else:
            self.conn.executemany(
                "INSERT OR REPLACE INTO temp.import_refs (ref, line) VALUES (?, ?)", self.batch.items()
            )
        self.batch.clear()


class _Rows:
    """Validation of the rows of one file, a batch at a time. A common row
    (text cells, known words, good dates) is checked by `quick` from lookup
    tables built as the file is read; anything else, and every row with a
    problem, by `full`, which says what is wrong exactly as it always has."""

    def __init__(self, ledger, header: list, cols: dict[int, str], refs: _Refs, update: bool, kind: str | None):
        self.ledger, self.refs, self.update, self.kind = ledger, refs, update, kind
        self.cols = cols
        self.col_name = {k: _text(header[n]) for n, k in cols.items()}
        self.present = frozenset(cols.values())
        self.errors: list[RowError] = []
        self.skipped = 0
        self.date_unknown = 0
        self.seen_ids: dict[int, int] = {}
        # full(): what it has worked out before
        self.dates: dict = {}
        self.computed: dict = {}
        # quick(): cell (or cells) -> value, only for good ones
        self.known_dates: dict = {}
        self.known_kinds: dict[str, str] = {}
        self.known_statuses: dict[str, str] = {}
        self.known_rules: dict[str, str] = {}
        self.known_assists: dict[str, list[str]] = {}
        self.resolved: dict[tuple, tuple] = {}  # (kind, rule, received) -> (due, rule, deadline)
        self.deadlines: dict[tuple, tuple] = {}  # (rule, received) -> (deadline, its due date)
        self.width = max(len(header), max(cols) + 1)  # the blank cell each row gets at this index
        where = {k: n for n, k in cols.items()}
        self.get = itemgetter(*(where.get(k, self.width) for k in _KEYS))
        self.ref_at = where.get("ref_no")

    # ------------------------------------------------------------ a batch --
    def batch(self, rows: list) -> tuple[list[tuple[int, tuple]], list[_Change]]:
        """The batch's new items (line, ledger.NEW_ITEM) and its updates of
        existing ones; its problems are added to self.errors."""
        if self.ref_at is not None:
            at = self.ref_at
            self.refs.look_up([_text(cells[at]) for _, cells in rows if at < len(cells)])
        for table in (
            self.dates,
            self.computed,
            self.known_dates,
            self.known_kinds,
            self.known_statuses,
            self.known_rules,
            self.known_assists,
            self.resolved,
            self.deadlines,
        ):
            if len(table) > CACHE_ENTRIES:
                table.clear()
        new: list[tuple[int, tuple]] = []
        updates: list[_Change] = []
        quick, full, width = self.quick, self.full, self.width
        for line, cells in rows:
            n = len(cells)
            if n == width:
                cells.append("")
            elif n < width:
                cells.extend([""] * (width + 1 - n))
            try:
                if n > width and cells[width] != "":
                    raise _Again  # a cell beyond the header's: the full checks
                item = quick(line, cells)
            except _Again:
                p = full(line, cells)
                if p is None:
                    continue
                if p.existing is not None:
                    updates.append(_Change.of(p))
                    continue
                item = stored_row(p.values, p.assist_units, p.deadline, p.status, p.closed_on)
            if item is not None:
                new.append((line, item))
        return new, updates

    # ------------------------------------------------------------ quick --
    def quick(self, line: int, cells: list) -> tuple | None:
        """A common row as ledger.NEW_ITEM, None for a blank row or one passed
        over; _Again for anything else."""
        try:
            joined = "".join(cells)
        except TypeError:  # a spreadsheet's numbers and dates
            if _blank(cells):
                return None
            values = self._spreadsheet_values(cells)
        else:
            if not joined.strip():
                return None
            if "\x00" in joined or "'" in joined:
                raise _Again
            values = [x.strip() for x in self.get(cells)]
        ref, kind, title, source, unit, assist, owner, received, due, rule, status, closed, campaign, notes, id_ = (
            values
        )
        if not (
            ref or kind or title or source or unit or assist or owner or received or due or rule or status or closed
        ) and not (campaign or notes):
            raise _Again  # passed over: the full checks count it
        if not (kind and title):
            if _is_note_row([_text(c) for c in cells]):
                self.skipped += 1
                return None
            if not title:
                raise _Again
            kind = self.kind or ""
        if id_ and (self.update or not (id_.isascii() and id_.isdigit())):
            raise _Again
        refs = self.refs
        if ref and (ref in refs.existing or ref in refs.other or ref in refs.batch or ref in refs.earlier):
            raise _Again  # in the ledger, or a repeat
        dates = self.known_dates
        if received:
            received = dates.get(received) or self._date(received)
        if due:
            due = dates.get(due) or self._date(due)
        if closed:
            closed = dates.get(closed) or self._date(closed)
        kind = self.known_kinds.get(kind) or self._kind(kind)
        status = self.known_statuses.get(status or "open") or self._status(status or "open")
        if rule:
            rule = self.known_rules.get(rule) or self._rule(rule)
        if status == "open":
            closed = None
        deadline = None
        if not due:
            key = (kind, rule, received)
            due, rule, deadline = self.resolved.get(key) or self._resolve(key)
        elif rule and received:
            deadline, its_due = self.deadlines.get((rule, received)) or self._deadline(rule, received)
            if its_due != due:
                deadline = None
        if received and due < received:
            raise _Again
        # the cells are stripped and hold no NUL: clean_text() is then this
        blanks = BLANKS
        ref_no = ref if ref and ref.strip(blanks) else None
        if ref:
            refs.note(ref, line, new=ref_no == ref)
        if status == "done" and not closed:
            self.date_unknown += 1
        return (
            ref_no,
            kind,
            title,
            source if source and source.strip(blanks) else None,
            unit or None,
            owner if owner and owner.strip(blanks) else None,
            received or None,
            due,
            rule or None,
            bool(deadline and deadline.provisional),
            status,
            closed or None,
            campaign or None,
            notes if notes and notes.strip(blanks) else None,
            None,
            None,
            (self.known_assists.get(assist) or self._assist(assist)) if assist else (),
            deadline,
        )

    def _spreadsheet_values(self, cells: list) -> list:
        """A spreadsheet row's cells as quick() reads them: text stripped,
        numbers as text, date cells (and day numbers) in date columns as
        they are."""
        values = list(self.get(cells))
        for i, x in enumerate(values):
            if x.__class__ is str:
                x = values[i] = x.strip()
                if "\x00" in x or x[:1] == "'":
                    raise _Again
            elif i in _DATE_AT and (
                isinstance(x, dt.date) or (x.__class__ in (int, float) and EXCEL_SERIALS[0] <= x <= EXCEL_SERIALS[1])
            ):
                continue
            else:
                values[i] = _text(x)
        return values

    def _date(self, cell) -> str:
        if cell.__class__ in (int, float):
            day = EXCEL_EPOCH + dt.timedelta(days=int(cell))  # a date cell that lost its format
        else:
            day = cell
        try:
            iso = parse_date(day).isoformat()
        except UserError:
            raise _Again from None
        self.known_dates[cell] = iso
        return iso

    def _kind(self, value: str) -> str:
        try:
            kind = self.known_kinds[value] = self.ledger.kind_id(value)
        except UserError:
            raise _Again from None
        return kind

    def _status(self, value: str) -> str:
        from tracker.vocab import status_id

        try:
            status = self.known_statuses[value] = status_id(value)
        except UserError:
            raise _Again from None
        return status

    def _rule(self, value: str) -> str:
        try:
            rule = self.known_rules[value] = self.ledger.catalogue.check(value)
        except UserError:
            raise _Again from None
        return rule

    def _assist(self, value: str) -> list[str]:
        names = self.known_assists[value] = split_units(value)
        return names

    def _resolve(self, key: tuple) -> tuple:
        kind, rule, received = key
        try:
            due, rule, deadline = self.ledger.resolve_due(
                kind, dt.date.fromisoformat(received) if received else None, None, rule or None
            )
        except UserError:
            raise _Again from None
        found = self.resolved[key] = (due.isoformat(), rule, deadline)
        return found

    def _deadline(self, rule: str, received: str) -> tuple:
        ledger = self.ledger
        deadline = ledger.catalogue.compute(rule, dt.date.fromisoformat(received), ledger.cal)
        found = self.deadlines[(rule, received)] = (deadline, deadline.due_on.isoformat())
        return found

    # ------------------------------------------------------------- full --
    def full(self, line: int, cells: list) -> Prepared | None:
        """Every check of one row, its problems added to self.errors: the
        row to write, or None (a problem, a blank row, one passed over)."""
        from tracker.vocab import status_id

        ledger, errors, refs, update, cols = self.ledger, self.errors, self.refs, self.update, self.cols
        if _blank(cells):
            return None
        width = len(cells)
        raw: dict[str, Any] = {k: cells[n] if n < width else "" for n, k in cols.items()}
        v: dict = _values(raw)
        known = [v[k] for k in v if k != "id" and v[k]]
        if not known:  # nothing but a 序号 (or the export's 编号)
            self.skipped += 1
            return None
        if not (v.get("kind") and v.get("title")) and _is_note_row([_text(c) for c in cells]):
            self.skipped += 1
            return None
        bad = len(errors)

        def err(key, problem: UserError):
            errors.append(RowError(line, self.col_name.get(key, key), _text(raw.get(key, "")), problem))

        for k, x in v.items():
            if x and "\x00" in x:
                err(k, UserError("control_chars", value=x))
        if len(errors) > bad:
            return None
        dates = self.dates
        for k in DATE_KEYS:
            if v.get(k):
                cell = raw[k] if isinstance(raw[k], (dt.date, dt.datetime)) else v[k]
                if raw[k].__class__ in (int, float) and EXCEL_SERIALS[0] <= raw[k] <= EXCEL_SERIALS[1]:
                    cell = EXCEL_EPOCH + dt.timedelta(days=int(raw[k]))  # a date cell that lost its format
                try:
                    v[k] = dates[cell] if cell in dates else dates.setdefault(cell, parse_date(cell))
                except UserError as e:
                    err(k, e)
                    v[k] = None
        try:
            v["kind"] = ledger.kind_id(v.get("kind") or self.kind or "")
        except UserError as e:
            err("kind", e)
        if not v.get("title"):
            err("title", UserError("empty_title"))
        try:
            status = status_id(v.get("status") or "open")
        except UserError as e:
            status = None
            err("status", e)
        if v.get("rule"):
            try:
                if v["rule"] not in self.known_rules:  # the quick checks' table: the same mapping
                    self.known_rules[v["rule"]] = ledger.catalogue.check(v["rule"])  # an id, or words
                v["rule"] = self.known_rules[v["rule"]]
            except UserError as e:
                err("rule", e)
        if status == "open" and v.get("closed_on"):
            v["closed_on"] = None
        item_id = None
        if v.get("id"):
            try:
                item_id = int(float(v["id"]))
            except ValueError:
                err("id", UserError("bad_id", value=v["id"]))
        ref = v.get("ref_no")
        existing = None
        if ref:
            other = refs.seen(ref)
            if other:
                err("ref_no", UserError("import_dup_ref", other=other))
            existing = refs.existing.get(ref)
            if existing is not None and not update:
                err("ref_no", UserError("import_ref_exists", value=ref, id=existing))
        elif update and item_id is not None:
            if item_id in self.seen_ids:
                err("id", UserError("import_dup_id", other=self.seen_ids[item_id]))
            self.seen_ids[item_id] = line
            if refs.first_id is None or item_id < refs.first_id:  # not one this import added
                found = ledger.conn.execute("SELECT id FROM items WHERE id = ?", (item_id,)).fetchone()
                existing = found and found[0]
            if existing is None:
                err("id", UserError("no_item", value=item_id))
        deadline = None
        if len(errors) == bad:
            given_due = v.get("due_on")
            try:
                if given_due is None:
                    due, rule, deadline = ledger.resolve_due(v["kind"], v.get("received_on"), None, v.get("rule"))
                    v["due_on"], v["rule"] = due, rule
                elif v.get("rule") and v.get("received_on"):
                    key = (v["rule"], v["received_on"])
                    if key not in self.computed:
                        self.computed[key] = ledger.catalogue.compute(v["rule"], v["received_on"], ledger.cal)
                    deadline = self.computed[key] if self.computed[key].due_on == given_due else None
                if v.get("received_on") and v["due_on"] and v["due_on"] < v["received_on"]:
                    raise UserError(
                        "due_before_received", due=v["due_on"].isoformat(), received=v["received_on"].isoformat()
                    )
            except UserError as e:
                err("due_on", e)
        good = len(errors) == bad
        if ref:
            refs.note(ref, line, new=good and existing is None and clean_text(ref) == ref)
        if not good:
            return None
        v.pop("id", None)
        p = Prepared(
            line,
            v,
            split_units(v.pop("assist_units", None)),
            deadline,
            status or "open",
            v.pop("closed_on", None),
            existing,
        )
        if p.status == "done" and p.closed_on is None:
            self.date_unknown += 1
        return p


def _batches(rows: Iterator, progress=None, size: int | None = None) -> Iterator[list]:
    """The rows `size` (BATCH_ROWS) at a time."""
    while batch := list(islice(rows, size or BATCH_ROWS)):
        if progress:
            progress.advance(len(batch))
        yield batch


def import_file(
    ledger, path, dry_run: bool = False, update: bool = False, progress=None, kind: str | None = None
) -> ImportResult:
    """Validate every row of `path` and (unless dry_run) write them, a batch
    at a time, in one transaction: new items, and with `update` changes to
    the items whose ref_no exists, each recorded as an event. One bad row:
    nothing written. With `update`, a row names an existing item by its 文号,
    or without one by its 编号 (the export's id column). `kind`: the kind of
    the rows that name none (a sheet of one kind of item often has no such
    column). A large file is read and checked by a helper process while
    this one writes (_helper_for): the same checks, the same rows."""
    result = ImportResult()
    if dry_run:
        header, cols, rows, estimate = _open_rows(path, kind)
        if progress:
            progress.start(estimate)
        # One snapshot of the ledger, read only (the 文号 read so far go to
        # a temporary table, dropped with it).
        with snapshot(ledger.conn):
            check = _Rows(ledger, header, cols, _Refs(ledger.conn, None), update, kind)
            for batch in _batches(rows, progress):
                new, updates = check.batch(batch)
                check.refs.written([line for line, _ in new])
                result.added += len(new)
                result.updated += len(updates)
        if check.errors:
            raise ImportError_(str(path), check.errors)
        result.rows, result.skipped, result.date_unknown = (
            result.added + result.updated,
            check.skipped,
            check.date_unknown,
        )
        return result
    ledger.defer_unit_keys = True  # the new units' pinyin keys: after the commit
    try:
        if ledger_file := _helper_for(ledger, path):
            _write(ledger, path, None, update, kind, progress, result, ledger_file)
        else:
            _write(ledger, path, _open_rows(path, kind), update, kind, progress, result)
    except sqlite3.IntegrityError as e:
        # A 文号 another clerk entered while this file was being read.
        raise UserError("import_conflict", path=str(path), problem=str(e)) from None
    finally:
        ledger.defer_unit_keys = False
    if result.added > 1000:
        from tracker.db import analyze

        analyze(ledger.conn)
    if result.created_units:
        # A sort key only: a unit without one sorts the same, more slowly
        # (units_by_pinyin), until a later fill writes it. The import stands.
        with contextlib.suppress(UserError, sqlite3.Error):
            ledger.fill_unit_keys()
    return result


def _open_rows(path, kind: str | None) -> tuple[list, dict[int, str], Iterator, int]:
    """The file's header, its columns (index -> key), its rows from the
    header's on, and an estimate of their count."""
    header, rows, estimate = read_table(path)
    head = list(islice(rows, HEADER_SEARCH_ROWS))
    header, cols, head = _find_header(header, head, path, kind_given=kind is not None)
    return header, cols, chain(head, rows), estimate


def _write(
    ledger, path, table: tuple | None, update, kind, progress, result: ImportResult, ledger_file: str | None = None
) -> None:
    """Validate and write the rows a batch at a time in one transaction (all
    or nothing): the new items first, then the changes to existing ones.
    `table`: the file opened here (_open_rows); with the ledger's file
    (`ledger_file`) instead, a helper process reads and checks it
    (_Helper), or this process if no helper can."""
    conn = ledger.conn
    origin = f"import:{Path(path).name}"
    created: list[str] = []
    with ledger.transaction(), contextlib.ExitStack() as stack:
        before = {r[0] for r in conn.execute("SELECT name FROM campaigns")}
        with ledger.bulk_insert() as bulk:
            first = bulk.first
            existing = first - 1  # the items there are (ids are never reused; none is deleted)
            stamp, next_id = ledger.stamp(), first
            source: _Here | _Helper | None = None
            if ledger_file:
                job = _Job(ledger_file, str(path), update, kind, first, stamp, ledger.actor, origin, BATCH_ROWS)
                try:
                    source = stack.enter_context(_Helper(job, history.last_hash(conn)))
                    source.start()
                except (OSError, _NoHelper):  # no process to be had, or not tracker's helper: this one reads
                    stack.close()
                    source = None
            if source is None:
                source = _Here(ledger, table or _open_rows(path, kind), first, update, kind)
            estimate, present = source.start()
            if progress:
                progress.start(estimate)
            updates = _Updates(conn)
            for n, items, changes, events in source.batches():
                if progress:
                    progress.advance(n)
                if next_id == first and len(items) * estimate > max(existing, 20_000) * n:
                    # A large load into a smaller ledger (as the first batch
                    # foretells): build the indexes once at the end.
                    bulk.drop_indexes()
                # written even after a bad row, to find the 文号 a later row repeats
                if events is None:
                    ledger.write_new(next_id, items, created, origin, stamp)
                else:  # the helper's: made and chained from the newest event's hash
                    ledger.write_items(next_id, items, created, stamp)
                    history.append_chained(conn, events)
                next_id += len(items)
                updates.add(changes)
            errors, skipped, date_unknown = source.end()
            if errors:
                raise ImportError_(str(path), errors)
        result.added = next_id - first
        for change in updates:
            row = conn.execute("SELECT * FROM items WHERE id = ?", (change.item_id,)).fetchone()
            if ledger.edit_row(row, _changes(change, present, row), "import", created):
                result.updated += 1
            else:
                result.unchanged += 1
        result.rows = result.added + updates.count
        result.skipped, result.date_unknown = skipped, date_unknown
        result.created_units = created
        result.created_campaigns = sorted({r[0] for r in conn.execute("SELECT name FROM campaigns")} - before)


def _checked(check: _Rows, batches: Iterator[list]) -> Iterator[tuple]:
    """Each batch checked: (rows read, new items, updates, None: their
    events are made as they are written)."""
    for batch in batches:
        new, changes = check.batch(batch)
        yield len(batch), [item for _, item in new], changes, None
        check.refs.written([line for line, _ in new])  # resumed once the batch is written


class _Here:
    """The rows of an import read and checked in this process, as _write
    takes them (the helper process's are _Helper)."""

    def __init__(self, ledger, table: tuple, first: int, update: bool, kind: str | None):
        header, cols, self.rows, self.estimate = table
        self.check = _Rows(ledger, header, cols, _Refs(ledger.conn, first), update, kind)

    def start(self) -> tuple[int, frozenset]:
        return self.estimate, self.check.present

    def batches(self) -> Iterator[tuple]:
        return _checked(self.check, _batches(self.rows))

    def end(self) -> tuple[list[RowError], int, int]:
        return self.check.errors, self.check.skipped, self.check.date_unknown


# ------------------------------------------------------------ the helper --
# A file this large (bytes) is read and checked by a helper process while
# this one writes what it has checked (where there are two processors or
# more): reading, checking and hashing the events are half an import's time.
PARALLEL_BYTES = 4_000_000


def _helper_for(ledger, path) -> str | None:
    """The ledger's file, when a helper process should read and check the
    rows of `path`; None: this process does."""
    import sys

    try:
        if os.path.getsize(path) < PARALLEL_BYTES:
            return None
    except OSError:
        return None  # the file is opened here, and what is wrong said as always
    if not sys.executable or not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2:
        return None
    if ledger.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return None  # its reading would keep this process's writes in memory until the commit
    return db_file(ledger.conn) or None  # a ledger in memory: none another process can read


@dataclass(frozen=True)
class _Job:
    """What the helper process is given."""

    db_file: str
    path: str
    update: bool
    kind: str | None
    first: int  # the first new item's id
    stamp: str
    actor: str
    origin: str
    batch_rows: int  # rows checked and sent at a time (BATCH_ROWS here)


class _NoHelper(Exception):
    """The helper process said nothing it should (not tracker's helper: an
    embedded Python's executable, say) before any row was written: this
    process reads the file."""


class _Helper:
    """The helper process of a large import (`python -c` running
    import_helper.main, with this process's sys.path, so the same code):
    given a _Job, it reads and checks the file against its own snapshot of
    the ledger (as a dry run does: this process holds the write lock, so
    the snapshot is the ledger this import writes to) and sends, batch by
    batch, the new items and their events, chained from the hash given.
    A problem it meets is raised here; leaving the block ends it."""

    # what it sends: ("start", ...), ("batch", ...) ...
    KINDS = frozenset({"start", "batch", "end", "user_error", "failed"})

    def __init__(self, job: _Job, last_hash: str):
        import pickle
        import subprocess
        import sys

        self.load = pickle.load
        self.path = job.path
        self.next_id = job.first
        self.opening: tuple[int, frozenset] | None = None
        boot = "import sys, pickle; sys.path[:] = pickle.load(sys.stdin.buffer); import tracker.import_helper as h; h.main()"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", boot],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out = self.proc.stdout
        try:
            pickle.dump(list(sys.path), self.proc.stdin)
            pickle.dump((job, last_hash), self.proc.stdin)
            self.proc.stdin.close()
        except BaseException:
            self.__exit__()
            raise

    def __enter__(self) -> _Helper:
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.out.close()

    def _stopped(self) -> UserError:
        """It stopped part way (killed for memory ...): its exit status."""
        import subprocess

        try:
            status = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = self.proc.wait()
        return UserError("import_helper_stopped", path=self.path, status=status)

    def _receive(self, first: bool = False) -> tuple:
        """Its next message; a problem it reports raised here. Nothing it
        should send: the first time _NoHelper, later 'stopped'."""
        try:
            message = self.load(self.out)
            if not (isinstance(message, tuple) and message and message[0] in self.KINDS):
                raise ValueError(message)
        except Exception:  # cut short, or not tracker's helper
            if first:
                raise _NoHelper from None
            raise self._stopped() from None
        if message[0] == "user_error":
            raise UserError(message[1], **message[2])
        if message[0] == "failed":  # its traceback's last line: the exception
            raise UserError("import_helper_failed", path=self.path, problem=message[1].strip().splitlines()[-1])
        return message

    def start(self) -> tuple[int, frozenset]:
        """The estimate of the file's rows, and the columns it has (its
        first message, read once)."""
        if self.opening is None:
            _, estimate, present = self._receive(first=True)
            self.opening = (estimate, present)
        return self.opening

    def batches(self) -> Iterator[tuple]:
        """(rows read, new items, updates, their events) until the end."""
        import marshal

        while (message := self._receive())[0] == "batch":
            _, n, changes, size = message
            try:
                data = self.out.read(size)
                items, events = marshal.loads(data)
            except Exception:  # cut short
                raise self._stopped() from None
            creates = sum(1 for e in events if e[3] == "create")
            if creates != len(items) or (
                items and (events[0][0], events[-1][0]) != (self.next_id, self.next_id + len(items) - 1)
            ):
                raise UserError("import_helper_failed", path=self.path, problem="events out of step with their items")
            self.next_id += len(items)
            yield n, items, changes, events
        self.ending = message

    def end(self) -> tuple[list[RowError], int, int]:
        """The bad rows, the rows passed over and the done ones without a date."""
        return self.ending[1:]


def check_for_writer(job: _Job, last_hash: str, send) -> None:
    """The helper process's work (_Helper): the file's rows read and
    checked on the ledger `job.db_file` as a dry run checks them, and
    `send` given ("start", estimate, columns), then ("batch", rows read, new
    items (their deadlines taken out), updates, their events chained from
    `last_hash`) for each batch, and ("end", bad rows, rows passed over,
    done rows without a date). Once a row is bad the batches carry no items
    (nothing will be written) while the checks go on to find every bad row.
    A batch's items and events are sent as one marshal value (`send`'s
    second argument: their share of the work, a fifth of pickle's)."""
    from tracker.db import open_db
    from tracker.ledger import Ledger, new_events

    conn = open_db(job.db_file)
    ledger = Ledger(conn, actor=job.actor)
    header, cols, rows, estimate = _open_rows(job.path, job.kind)
    with snapshot(conn):
        check = _Rows(ledger, header, cols, _Refs(conn, None), job.update, job.kind)
        send(("start", estimate, check.present))
        next_id, prev = job.first, last_hash
        for n, items, changes, _ in _checked(check, _batches(rows, size=job.batch_rows)):
            if check.errors:
                send(("batch", n, []), ([], []))
                continue
            events = list(history.chained(prev, new_events(next_id, items, job.origin, job.stamp, job.actor)))
            if events:
                prev = events[-1][-1]
            send(("batch", n, changes), ([item[:-1] + (None,) for item in items], events))
            next_id += len(items)
    send(("end", check.errors, check.skipped, check.date_unknown))


def _changes(p: _Change, columns: frozenset, row: sqlite3.Row) -> dict:
    """What a row of `import --update` changes: only the `columns` the file
    has. A deadline the row's rule gives from its received date is the
    rule's (so an unchanged export changes nothing); any other date in the
    due column is a date given."""
    changes = {k: p.values.get(k) for k in columns if k in EDITABLE_IMPORT}
    if p.ruled or ("due_on" not in columns and p.values.get("rule")):
        changes.pop("due_on", None)  # the rule's date: recomputed from the received date
        changes["rule"] = p.values.get("rule")
    elif "due_on" in changes:
        changes.pop("rule", None)
        if (
            p.values.get("due_on")
            and row["due_on"] == p.values["due_on"].isoformat()
            and (row["rule"] or None) == (p.values.get("rule") or None)
        ):
            changes.pop("due_on")  # the same date as it stands
    if "assist_units" in columns:
        changes["assist_units"] = p.assist_units
    if "status" in columns:
        changes["status"], changes["closed_on"] = p.status, p.closed_on
    return changes
