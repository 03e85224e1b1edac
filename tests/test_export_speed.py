"""The fast export paths write what the row-by-row writers write.

CSV and JSON of `tracker export` are built from lines SQLite writes
(tracker.export.export_csv / export_json); the XLSX's rows are written as
XML by tracker.sheet_rows.RowWriter. These tests hold each to the writer it
replaced, byte for byte, on a demo ledger of a few thousand items with the
text an office's ledger holds when nobody cleaned it: commas, quotes,
line breaks, control characters, cells that look like formulas, odd
progress notes. And the XLSX says the time left as `show` and `list` do,
working days counted as before.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sqlite3
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import Runner

AS_OF = "2026-11-27"

# Text a clerk's ledger may hold, each a reason for the slow, exact way.
ODD = [
    "逗号,分隔",
    'say "hi"',
    "反斜杠\\路径",
    "两行\n文字",
    "回车\r只有",
    "制表\t中间",
    "\t制表开头",
    "=SUM(A1)",
    "+86 电话",
    "-3 号",
    "@所有人",
    "色\x1b[31m红\x1b[0m",
    "CSI \x9b31m",
    "删除\x7f符",
    "C1 \x85 换行",
    "段落\u2028分隔",
    "中点·名字",
    "[方括号][两组]",
    "null",
    "😀 表情",
    "& < > 符号",
    "_x0041_ 样式",
    " 前后空格 ",
    "“中文引号”",
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """A 5000-item demo ledger, in the export's order (by due date) three
    chunks of lines (tracker.export._LINE_CHUNK): the first plain; in the
    second odd text in every text column, odd unit, campaign and assisting
    unit names, progress notes of odd text, a number, true, null, none; in
    the third progress notes that are no text (a real number, an object,
    an array) and a title with a NUL. Two closed items have no due date; some are due in a
    provisional year."""
    db = tmp_path_factory.mktemp("speed") / "ledger.db"
    run = Runner(db)
    run("demo", "--no-ui", "--items", "5000", "--as-of", AS_OF)
    by_due = [r[0] for r in run.sql("SELECT id FROM items ORDER BY due_on, id")]
    (middle,) = run.sql("SELECT due_on FROM items WHERE id = ?", (by_due[3000],))[0]
    # due in 2027, a year the holiday package does not have yet (provisional)
    for n, due in enumerate(("2027-01-04", "2027-02-10", "2027-10-08", "2026-12-31", "2026-11-27")):
        run("add", "task", f"来年事项{n}", "--due", due, "--unit", "虎门镇", "--as-of", AS_OF)
    run("add", "review", "暂定期限的复议", "--received", "2026-11-20", "--as-of", AS_OF)
    for title, option, value in [
        ("单位名有逗号", "--unit", "单位,逗号"),
        ("单位名像公式", "--unit", "=单位"),
        ("专项名有引号", "--campaign", '-专项"引号"'),
        ("配合单位有序", "--assist", "乙单位；甲单位；丙单位"),
        ("配合单位像公式", "--assist", "=甲；乙"),
    ]:
        run("add", "task", title, "--due", middle, option, value, "--as-of", AS_OF)
    conn = sqlite3.connect(db)
    with conn:
        for n, text in enumerate(ODD):
            conn.execute(
                "UPDATE items SET title = ?, source = ?, owner = ?, notes = ?, ref_no = ? WHERE id = ?",
                (text, text, text, text, f"{text}〔{n}〕", by_due[2100 + n * 7]),
            )
        conn.execute("UPDATE items SET title = ? WHERE id = ?", ("空字节\x00之后", by_due[-40]))
        conn.execute("UPDATE items SET due_on = NULL WHERE id IN (SELECT id FROM items WHERE status <> 'open' LIMIT 2)")
    conn.close()
    from tracker.db import open_db
    from tracker.ledger import Ledger

    conn = open_db(db)
    book = Ledger(conn)
    with book.transaction():
        for n, text in enumerate([*ODD, 7, True, None]):
            book.record_event(by_due[2300 + n * 5], "note", {"text": text})
        book.record_event(by_due[2500], "note", {"other": "no text"})
        for n, text in enumerate([1.5, 1e20, {"a": [1, "b"]}, ["x"]]):
            book.record_event(by_due[-1 - n * 9], "note", {"text": text})
    conn.close()
    run.odd = by_due[2100 : 2100 + len(ODD) * 7 : 7]  # type: ignore[attr-defined]
    run.no_text = [by_due[-1 - n * 9] for n in range(4)] + [by_due[-40]]  # type: ignore[attr-defined]
    return run


def reference(db, fmt: str, header_lang: str = "zh", **filters) -> bytes:
    """What the export command wrote before: export_table's rows through
    write_csv or write_json (they write `tracker list` still)."""
    from tracker.calendar import WorkCalendar
    from tracker.db import open_db
    from tracker.export import export_table, write_csv, write_json
    from tracker.queries import Filters

    conn = open_db(db)
    f = Filters(**{"status": "all", **filters})
    cal = WorkCalendar.from_db(conn)
    as_of = dt.date.fromisoformat(AS_OF)
    out = io.StringIO()
    if fmt == "csv":
        write_csv(
            export_table(conn, f, as_of, cal, labels=None if header_lang == "en" else "zh", neutral=True),
            out,
            header_lang,
        )
    else:
        write_json(export_table(conn, f, as_of, cal), out)
    conn.close()
    return out.getvalue().encode()


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("header_lang", ["zh", "en"])
def test_export_is_what_the_rows_writer_writes(ledger, tmp_path, monkeypatch, fmt, header_lang):
    import tracker.export

    exact: list[int] = []  # items written the slow, exact way
    rows_of = tracker.export._rows_of
    monkeypatch.setattr(
        tracker.export, "_rows_of", lambda conn, ids, *a, **k: exact.extend(ids) or rows_of(conn, ids, *a, **k)
    )
    out = tmp_path / f"list.{fmt}"
    ledger("export", "--as-of", AS_OF, "--status", "all", "--format", fmt, "--headers", header_lang, "-o", out)
    got = out.read_bytes()
    assert_same(got, reference(ledger.db_path, fmt, header_lang), fmt)
    # every way taken: the odd text read back from its lines (not from
    # rows), the notes that are no text from rows (with their chunk)
    assert not set(ledger.odd) & set(exact)
    assert set(ledger.no_text) <= set(exact) and len(exact) < 2048
    # the odd text went the exact way and came out whole
    text = got.decode()
    assert ("'=SUM(A1)" in text and '"逗号,分隔"' in text) if fmt == "csv" else '"逗号,分隔"' in text


@pytest.mark.parametrize(
    "args, filters",
    [
        (["--status", "open"], {"status": "open"}),
        (["--overdue"], {"status": "open", "overdue": True}),
        (["--kind", "review", "--status", "all"], {"kind": "review"}),
        (["--search", "燃气", "--status", "all"], {"search": "燃气"}),
        (["--unit", "虎门镇"], {"status": "open", "unit": "虎门镇"}),
        (["--search", "无此事项"], {"status": "open", "search": "无此事项"}),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_filtered_export_is_what_the_rows_writer_writes(ledger, fmt, args, filters):
    """To stdout too; a short JSON list comes indented, as before."""
    got = ledger("export", "--as-of", AS_OF, "--format", fmt, *args).stdout_bytes
    assert_same(got, reference(ledger.db_path, fmt, **filters), fmt)


def assert_same(got: bytes, want: bytes, fmt: str) -> None:
    """The CSV byte for byte; the JSON the same objects, a short list byte
    for byte (indented), a long one an object to a line."""
    if fmt == "csv" or want.startswith(b"[\n  {") or want == b"[]\n":
        assert got == want
        return
    assert json.loads(got) == json.loads(want)
    lines = got.split(b"\n")
    assert lines[0] == b"[" and lines[-2:] == [b"]", b""]
    assert len(lines) - 3 == len(json.loads(want)), "an object to a line"
    assert all(isinstance(json.loads(line.rstrip(b",")), dict) for line in lines[1:-2])


def test_a_short_json_list_with_notes_that_are_no_text(ledger, monkeypatch):
    """A list short enough to be indented is read back from its lines, or,
    with a note that is no text (or a title with a NUL), from its rows:
    either way what write_json writes."""
    import tracker.export

    exact: list[int] = []
    rows_of = tracker.export._rows_of
    monkeypatch.setattr(
        tracker.export, "_rows_of", lambda conn, ids, *a, **k: exact.extend(ids) or rows_of(conn, ids, *a, **k)
    )

    def due(item_id: int) -> str:
        return ledger.sql("SELECT due_on FROM items WHERE id = ?", (item_id,))[0][0]

    for since, from_rows in ((due(ledger.odd[0]), False), (due(ledger.no_text[0]), True)):
        exact.clear()
        day = dt.date.fromisoformat(since)  # the items due that day (both bounds are exclusive)
        after, before = day - dt.timedelta(days=1), day + dt.timedelta(days=1)
        args = ["--status", "all", "--due-after", after.isoformat(), "--due-before", before.isoformat()]
        got = ledger("export", "--as-of", AS_OF, *args, "--format", "json").stdout_bytes
        assert got.startswith(b"[\n  {")  # indented: the short way
        assert got == reference(ledger.db_path, "json", due_after=after, due_before=before)
        assert bool(exact) == from_rows


def _sheet_xml(path, n: int = 1) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{n}.xml").decode()


def test_row_writer_writes_what_xlsxwriter_writes(tmp_path):
    """RowWriter's XML is XlsxWriter's own, for every kind of cell and row:
    text with and without characters to escape, numbers, blanks in a
    format, rows with a height, cells with no format, '' either way."""
    import xlsxwriter

    from tracker.sheet_rows import RowWriter

    rows = []
    for n, text in enumerate([*ODD, "普通文字", "x" * 20000, "", None]):
        rows.append([text, n, None, f"{text}尾" if text else text, -n, "" if n % 3 else None])

    def build(path, fast: bool) -> None:
        wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        ws = wb.add_worksheet()
        red = wb.add_format({"bg_color": "#FFC7CE", "pattern": 1})
        plain = wb.add_format({"font_size": 10, "text_wrap": True})
        ws.write_row(0, 0, ["标题", "数"])
        writer = RowWriter(ws, 6, fast=fast)
        for n, cells in enumerate(rows, 1):
            formats = [red] * 6 if n % 4 == 0 else [plain] * 6
            writer.row(n, cells, formats, height=[None, 28, 41, 15][n % 4], blanks=n % 4 == 0)
        writer.finish()
        other = wb.add_worksheet()
        writer = RowWriter(other, 6, fast=fast, empty_text=True)
        for n, cells in enumerate(rows):
            writer.row(n, cells, [None] * 6)
        writer.finish()
        other.set_column(0, 5, 12)
        # no header row before the first row written here (the sheet's
        # dimensions start at it), and a new list of formats for every
        # row, the first half in one format, the second in another
        third = wb.add_worksheet()
        writer = RowWriter(third, 6, fast=fast)
        for n in range(1, 200):
            writer.row(n, ["普通文字", n, None, "尾", -n, "x"], [red if n < 100 else plain] * 6)
        writer.finish()
        wb.close()

    build(tmp_path / "fast.xlsx", fast=True)
    build(tmp_path / "slow.xlsx", fast=False)
    for sheet in (1, 2, 3):
        assert _sheet_xml(tmp_path / "fast.xlsx", sheet) == _sheet_xml(tmp_path / "slow.xlsx", sheet)
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as a, zipfile.ZipFile(tmp_path / "slow.xlsx") as b:
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")
    assert '<row r="2" ht="27.75" customHeight="1">' in _sheet_xml(tmp_path / "fast.xlsx")


def test_xlsx_says_time_left_as_show_and_list(ledger, tmp_path):
    """The 剩余天数 of every open item in a few thousand rows of XLSX is
    what `tracker show` and `tracker list` say of it: overdue, due today,
    working days left, across a provisional year."""
    from openpyxl import load_workbook

    out = tmp_path / "list.xlsx"
    ledger("export", "--as-of", AS_OF, "--status", "all", "--format", "xlsx", "-o", out)
    ws = load_workbook(out, read_only=True).worksheets[0]
    header = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    col_id, col_left, col_status = header.index("编号"), header.index("剩余天数"), header.index("状态")
    said = {}
    for row in ws.iter_rows(min_row=3, values_only=True):
        said[row[col_id]] = (row[col_left], row[col_status])
    assert len(said) == len(ledger.sql("SELECT id FROM items"))
    assert all(left is None for left, status in said.values() if status != "办理中")

    listed = ledger("list", "--as-of", AS_OF, "--status", "open").output.splitlines()
    in_list = {}
    for first, second in zip(listed, listed[1:]):
        m = re.match(r"\s*(\d+)\s", first)
        if m and second.startswith(" "):
            in_list[int(m.group(1))] = second.split()[-1]
    open_ids = [r[0] for r in ledger.sql("SELECT id FROM items WHERE status = 'open' ORDER BY due_on, id")]
    # (the list lays an item with a line break in its title out otherwise)
    odd = {i for (i,) in ledger.sql(f"SELECT id FROM items WHERE title IN ({','.join('?' * len(ODD))})", ODD)}
    open_ids = [i for i in open_ids if i not in odd]
    assert len(open_ids) > 50 and set(open_ids) <= set(in_list)
    for item in open_ids:
        assert said[item][0] == in_list[item], item
    # show, for a sample across the range: overdue, today, this year, the provisional one
    sample = open_ids[:: max(1, len(open_ids) // 25)] + open_ids[-6:]
    words = {said[i][0] for i in sample}
    assert any("逾期" in w for w in words) and any("剩" in w for w in words)
    assert "今日到期" in {said[i][0] for i in open_ids}
    for item in sample:
        shown = ledger("show", item, "--as-of", AS_OF).output
        assert re.search(r"剩余时间\s+(\S+)", shown).group(1) == said[item][0], item
    provisional = ledger.sql("SELECT id FROM items WHERE status = 'open' AND due_on >= '2027-01-01'")
    assert provisional and all(said[i][0].startswith("剩") for (i,) in provisional)


def test_export_lists_every_item_once(ledger, tmp_path):
    """The lines and the rows written the exact way together: a JSON
    export parses, with every item once."""
    got = json.loads(ledger("export", "--as-of", AS_OF, "--status", "all", "--format", "json").stdout_bytes)
    assert len(got) == len({r["id"] for r in got}) == len(ledger.sql("SELECT id FROM items"))


def _walked(cal, start: dt.date, end: dt.date) -> int:
    """Working days in (start, end] counted day by day (negative when end < start)."""
    if end < start:
        return -_walked(cal, end, start)
    one, count, d = dt.timedelta(days=1), 0, start
    while d < end:
        d += one
        count += cal.is_workday(d)
    return count


@settings(max_examples=300, deadline=None)
@given(
    start=st.dates(dt.date(2004, 1, 1), dt.date(2030, 12, 31)),
    span=st.integers(-800, 800),
    announced=st.booleans(),
)
def test_working_days_between_is_the_count_of_days(start, span, announced):
    """The time left in working days, now a subtraction of running counts,
    is what counting the days one by one gives: across years, provisional
    years, the office's own entries."""
    from tracker.calendar import WorkCalendar

    cal = WorkCalendar(
        {
            dt.date(2027, 1, 4): (False, "元旦调休"),
            dt.date(2026, 10, 10): (True, "调休上班"),
            dt.date(2028, 2, 29): (False, None),
        },
        announced={2027} if announced else set(),
    )
    end = start + dt.timedelta(days=span)
    assert cal.workdays_between(start, end) == _walked(cal, start, end)
    assert cal.workdays_between(end, start) == -_walked(cal, start, end)


@pytest.mark.parametrize("items, indented", [(20, True), (300, False), (900, False)])
def test_a_json_list_is_indented_or_one_object_to_a_line(run, tmp_path, items, indented):
    """However long: indented when short enough to read, otherwise an
    item to a line (never one line of hundreds of items)."""
    sheet = tmp_path / "台账.csv"
    with sheet.open("w", encoding="utf-8") as f:
        f.write("文号,类型,事项名称,责任单位,配合单位,办结时限,备注\n")
        for n in range(items):
            f.write(
                f"东应急〔2026〕{n}号,督办函,关于做好第{n}项安全检查工作的督办函,虎门镇,茶山镇；长安镇,2026-12-{1 + n % 28:02d},{'备注' * 20}\n"
            )
    run("import", sheet)
    got = run("export", "--format", "json", "--as-of", AS_OF).stdout_bytes
    rows = json.loads(got)
    assert len(rows) == items and rows[0]["assist_units"] == "茶山镇；长安镇"
    if indented:
        assert got.startswith(b'[\n  {\n    "ref_no": ')
    else:
        lines = got.split(b"\n")
        assert len(lines) == items + 3 and all(line.startswith(b'{"ref_no":') for line in lines[1:-2])


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_note_of_a_number_beyond_64_bits_is_written_as_the_rows_writer_writes_it(run, fmt):
    """SQLite reads such a number as a real and writes it with fewer digits
    than Python: written from the item's row."""
    from tracker.db import open_db
    from tracker.ledger import Ledger

    run("add", "task", "进展是个大数", "--due", "2026-12-10")
    conn = open_db(run.db_path)
    book = Ledger(conn)
    with book.transaction():
        book.record_event(1, "note", {"text": 12345678901234567890123})
    conn.close()
    got = run("export", "--format", fmt, "--as-of", AS_OF).stdout_bytes
    assert got == reference(run.db_path, fmt) and b"1.2345678901234568e+22" in got
