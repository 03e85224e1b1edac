"""Many clerks at once, processes killed mid-write, backups during writes,
and hostile input: nothing lost, nothing half-written, no lock errors."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tracker.importer as importer
from tests.helpers import Runner, run_subprocess
from tracker.dates import parse_date
from tracker.errors import UserError

ROOT = Path(__file__).resolve().parent.parent

WORKER = r"""
import sys, time
from tracker.db import open_db
from tracker.errors import ConflictError
from tracker.ledger import Ledger
path, name, n, items = sys.argv[1], sys.argv[2], int(sys.argv[3]), [int(x) for x in sys.argv[4].split(",")]
ledger = Ledger(open_db(path), actor=name)
notes = edits = conflicts = 0
for k in range(n):
    item = items[k % len(items)]
    ledger.note(item, f"{name} 第{k}次进展")
    notes += 1
    while True:  # an edit that checks the version it read, as the UI does
        version = ledger.conn.execute("SELECT version FROM items WHERE id = ?", (item,)).fetchone()[0]
        try:
            ledger.edit(item, {"owner": f"{name}-{k}"}, expected_version=version)
            edits += 1
            break
        except ConflictError:
            conflicts += 1
print(notes, edits, conflicts)
"""


def test_eight_clerks_writing_at_once_lose_nothing(run, db_path):
    for n in range(5):
        run("add", "task", f"共同事项{n}", "--due", "2026-03-31")
    writers, per_writer = 8, 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), f"clerk{w}", str(per_writer), "1,2,3,4,5"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for w in range(writers)
    ]
    # and a CLI writer alongside them
    cli = [run_subprocess("--db", db_path, "note", str(1 + k % 5), f"命令行进展{k}") for k in range(5)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "locked" not in err
    assert all(r.returncode == 0 and "locked" not in r.stderr for r in cli)
    notes = sum(int(o.split()[0]) for o, _ in outs) + len(cli)
    edits = sum(int(o.split()[1]) for o, _ in outs)
    assert notes == writers * per_writer + 5 and edits == writers * per_writer
    counts = dict(run.sql("SELECT type, count(*) FROM events GROUP BY type"))
    assert counts == {"create": 5, "note": notes, "edit": edits}
    # every edit bumped the version once, every note once: nothing overwritten silently
    assert run.sql("SELECT sum(version) FROM items")[0][0] == 5 + notes + edits
    assert "检查通过" in run("check").output


def _write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("文号,类型,事项名称,责任单位,办结时限\n")
        for n in range(rows):
            f.write(f"批量〔2026〕{n}号,督办函,批量导入事项{n},茶山镇,2026-03-{1 + n % 28:02d}\n")


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_import_killed_midway_changes_nothing(run, db_path, tmp_path, delay):
    run("add", "task", "导入前已有的事项", "--due", "2026-03-31")
    before = run.snapshot()
    big = tmp_path / "big.csv"
    _write_csv(big, 60_000)
    p = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db_path), "import", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    time.sleep(delay)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()
    after = run.snapshot()
    items = after["items"]
    assert len(items) in (len(before["items"]), len(before["items"]) + 60_000), "never between"
    assert "检查通过" in run("check").output
    if len(items) == len(before["items"]):
        assert after == before


def _marked(mark: str) -> list[int]:
    """The processes whose environment carries `mark`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if mark.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5])
def test_import_with_its_helper_killed_midway_changes_nothing(run, db_path, tmp_path, delay):
    """A file large enough to be read by the helper process: the import
    killed while both run writes nothing, and the helper does not outlive it."""
    run("add", "task", "导入前已有的事项", "--due", "2026-03-31")
    before = run.snapshot()
    big = tmp_path / "big.csv"
    _write_csv(big, 80_000)
    assert big.stat().st_size >= importer.PARALLEL_BYTES
    mark = f"TRACKER_TEST_RUN={os.getpid()}-{delay}"
    p = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db_path), "import", str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, mark.split("=")[0]: mark.split("=")[1]},
    )
    deadline = time.monotonic() + 20
    while len(_marked(mark)) < 2 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # until the import and its helper both run
    assert len(_marked(mark)) == 2, "the helper never ran"
    time.sleep(delay)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.wait()
    deadline = time.monotonic() + 10
    while _marked(mark) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _marked(mark) == [], "the helper outlived the import"
    after = run.snapshot()
    assert len(after["items"]) in (len(before["items"]), len(before["items"]) + 80_000), "never between"
    assert "检查通过" in run("check").output
    if len(after["items"]) == len(before["items"]):
        assert after == before


def test_backup_during_writes_is_consistent(run, db_path, tmp_path):
    for n in range(3):
        run("add", "task", f"事项{n}", "--due", "2026-03-31")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db_path), f"clerk{w}", "60", "1,2,3"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for w in range(3)
    ]
    copies = []
    for n in range(3):
        target = tmp_path / f"backup{n}.db"
        r = run("backup", target)
        assert "副本检查通过" in r.output
        copies.append(target)
    for p in procs:
        assert p.wait(timeout=300) == 0
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # a snapshot: every item's version equals 1 + its events after creation
        versions = dict(conn.execute("SELECT id, version FROM items"))
        events = dict(conn.execute("SELECT item_id, count(*) FROM events GROUP BY item_id"))
        assert versions == events
        conn.close()
        assert oct(os.stat(copy).st_mode & 0o777) == oct(0o660)
    r = run("backup", copies[0], ok=False)
    assert r.exit_code == 1 and "--force" in r.stderr


def test_damaged_file_is_reported_not_crashed_on(tmp_path):
    """Part of the file overwritten (a bad disk, a bad copy): `check` lists
    what it found, a write says in one line that the file is damaged and
    what to do; no traceback anywhere."""
    path = tmp_path / "damaged.db"
    run = Runner(path)
    run("demo", "--no-ui", "--items", "400")
    with open(path, "r+b") as f:  # the demo closes its file: no WAL left to replay
        f.seek(4096 * 12)
        f.write(b"\xff" * 4096 * 6)
    r = run("check", ok=False)
    assert r.exit_code == 1
    assert "数据库文件损坏" in r.stderr and "malformed" in r.stderr
    r = run("add", "task", "新事项", "--due", "2026-12-01", ok=False)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "已损坏" in r.stderr and "tracker check" in r.stderr


def test_check_reports_broken_rules(run, db_path):
    run("add", "task", "事项", "--due", "2026-03-31")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events")
    conn.execute(
        "INSERT INTO events (item_id, at, actor, type) VALUES (99, '2026-01-01T00:00:00', 'x', 'note')".replace(
            "type)", "type, hash)"
        ).replace("'note')", "'note', '" + "0" * 64 + "')")
    )
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE items SET due_on = '2026-02-30'")
    conn.commit()
    conn.close()
    r = run("check", ok=False)
    assert r.exit_code == 1
    for text in (
        "外键指向不存在的记录",
        "办理记录指向不存在的事项",
        "事项没有立项记录",
        "只增不改保护缺失",
        "日期不是有效的 YYYY-MM-DD",
    ):
        assert text in r.stderr, text


HOSTILE_REFS = [
    "'; DROP TABLE items; --",
    'a"b',
    "x\x00y",
    "tab\there",
    "东应急〔2026〕1号\r\n第二行",
    "=cmd|' /C calc'!A0",
    "🚒消防",
    " 前后空格 ",
]


@pytest.mark.parametrize("ref", HOSTILE_REFS)
def test_hostile_ref_no_stored_exactly(run, ref):
    r = run("add", "task", "怪文号", "--ref", ref, "--due", "2026-03-31", "-q", ok=False)
    if "\x00" in ref:
        assert r.exit_code != 0 or run.sql("SELECT ref_no FROM items")[0][0] in (ref, ref.strip())
        return
    assert r.exit_code == 0
    stored = run.sql("SELECT ref_no FROM items")[0][0]
    assert stored == ref.strip()
    assert run.sql("SELECT count(*) FROM sqlite_master WHERE name = 'items'") == [(1,)]
    shown = run("show", r.output.strip()).output
    assert "\r" not in shown.replace("\r\n", "")


def test_long_title_stored_exactly(run, tmp_path):
    title = "很长的事项名称" * 1500  # 10,500 characters
    item = run("add", "task", title, "--due", "2026-03-31", "-q").output.strip()
    assert run.sql("SELECT title FROM items WHERE id = ?", (item,)) == [(title,)]
    out = tmp_path / "long.xlsx"
    run("export", "--format", "xlsx", "-o", out)
    from openpyxl import load_workbook

    assert load_workbook(out).worksheets[0]["C3"].value == title  # row 1: the title, row 2: the header


def test_truncated_xlsx_and_wrong_encoding(run, tmp_path):
    good = tmp_path / "good.xlsx"
    run("add", "task", "事项", "--due", "2026-03-31")
    run("export", "--format", "xlsx", "-o", good)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    r = run("import", cut, ok=False)
    assert r.exit_code == 1 and "XLSX" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    r = run("import", binary, ok=False)
    assert r.exit_code == 1 and "二进制" in r.stderr


def test_huge_cell_imported_exactly(run, tmp_path):
    note = "备注" * 50_000
    f = tmp_path / "huge.csv"
    f.write_text(f"类型,事项名称,办结时限,备注\n督办函,大单元格,2026-03-01,{note}\n", encoding="utf-8")
    run("import", f)
    assert run.sql("SELECT notes FROM items") == [(note,)]


# ------------------------------------------------------------ fuzzing --
@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.from_regex(r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?", fullmatch=True),
        st.from_regex(r"\d{8}", fullmatch=True),
    )
)
def test_date_parser_never_crashes(text):
    try:
        d = parse_date(text)
    except UserError as e:
        assert text in e.message("en") or repr(text) in e.message("en")
    else:
        from tracker.dates import FIRST, LAST

        assert FIRST <= d <= LAST  # only dates the working-day calendar can count


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_rule_parser_never_crashes(text):
    import datetime as dt

    from tracker.calendar import WorkCalendar

    catalogue = _catalogue()
    try:
        rule = catalogue.check(text)
    except UserError:
        return
    assert catalogue.compute(rule, dt.date(2026, 1, 5), WorkCalendar()).due_on > dt.date(2026, 1, 5)


_CAT = []


def _catalogue():
    if not _CAT:
        from tracker.db import open_db
        from tracker.deadlines import Catalogue

        _CAT.append(Catalogue.from_db(open_db(":memory:", create=True)))
    return _CAT[0]


CELL = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        ["督办函", "review", "2026-02-30", "已办结", "open", "", "=1+1", "2026年3月1日", "5wd", "东应急〔2026〕1号"]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=6))
def test_importer_all_or_nothing(tmp_path_factory, rows):
    import csv
    import io

    tmp = tmp_path_factory.mktemp("fuzz")
    db = tmp / "f.db"
    runner = Runner(db)
    runner("init")
    before = runner.snapshot()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["文号", "类型", "事项名称", "办结时限", "状态"])
    w.writerows(rows)
    f = tmp / "f.csv"
    f.write_text(buf.getvalue(), encoding="utf-8")
    r = runner("import", f, ok=False)
    if r.exit_code == 0:
        assert len(runner.sql("SELECT id FROM items")) == sum(1 for row in rows if any(c.strip() for c in row))
    else:
        assert r.exit_code == 1 and runner.snapshot() == before
