"""import reads, checks and writes a file a batch at a time (issue 16): the
ledger it leaves is the one a single batch leaves, whatever the batch size,
and a bad row anywhere in the file still means nothing is written. A large
file is read and checked by a helper process while tracker writes: the
same ledger, the same errors, and nothing written when the helper fails."""

from __future__ import annotations

import csv
import random
import sqlite3

import pytest

import tracker.importer as importer
from tests.helpers import Runner

HEADER = ["文号", "类型", "事项名称", "来源", "责任单位", "配合单位", "责任人"]
HEADER += ["收文日期", "办结时限", "期限规则", "状态", "办结日期", "专项整治", "备注", "编号"]
# The columns that say when a row was written (and the hashes that cover
# them): two imports a second apart differ there and nowhere else.
TIMES = {"at", "created_at", "updated_at", "hash"}


def _row(n: int, rnd: random.Random) -> list[str]:
    """A row as offices keep them: every kind of cell the quick checks read,
    and now and then one they leave to the full ones."""
    received = f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    kind = rnd.choice(["督办函", "交办任务", "行政复议答复", "review", "建议提案办理", " 督办函 "])
    rule = rnd.choice(["", "", "review-reply", "10wd", "3m", "行政复议答复"])
    due = "" if rule and rnd.random() < 0.6 else f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    if not rule and kind in ("督办函", "交办任务", " 督办函 "):
        due = due or "2026-06-30"
    status = rnd.choice(["", "在办", "已办结", "done", "已撤销", "已办结"])
    return [
        rnd.choice(["", f"东应急〔2026〕{n}号", f"东应急督〔2026〕{n}号"]),
        kind,
        rnd.choice([f"事项{n}", f"'-减少事故{n}", f"it's {n}"]),
        rnd.choice(["市安委办", "", "\u3000"]),
        rnd.choice(["茶山镇", "虎门镇", "", " 长安镇 ", f"新单位{n % 37}", "\u200b"]),
        rnd.choice(["", "", "茶山镇；虎门镇", "虎门镇、虎门镇", f"新单位{n % 41}、茶山镇"]),
        rnd.choice(["李娜", "", "\ufeff", "王五"]),
        rnd.choice([received, received.replace("-", "/"), received.replace("-", "")]),
        due,
        rule,
        status,
        rnd.choice(["", f"2026-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"]),
        rnd.choice(["", "", "百日攻坚", f"新整治{n % 5}", "\u200b"]),
        rnd.choice(["", "", "备注文字", "'-x", "多行\n备注"]),
        str(n),
    ]


def _ledger_file(path, rows: int, seed: int = 1, change=None) -> list[int]:
    """A file of `rows` rows, `change(n, row)` applied to each; the line
    each row ends on (a cell may hold a line break), as errors name it."""
    rnd = random.Random(seed)
    lines, line = [], 1
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for n in range(rows):
            row = _row(n, rnd)
            if change:
                change(n, row)
            w.writerow(row)
            line += 1 + sum(c.count("\n") for c in row)
            lines.append(line)
    return lines


def _contents(db) -> dict:
    """Every table's rows, without the times they were written."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMES]
            out[table] = sorted(map(repr, conn.execute(f"SELECT {', '.join(cols)} FROM {table}")))
        return out
    finally:
        conn.close()


def _use_helper(monkeypatch) -> list:
    """From now on every import that writes has its file read and checked by
    the helper process (the size that takes set to nothing, two processors
    granted); the helpers started are listed in what is returned."""
    started: list = []

    class Counted(importer._Helper):
        def __init__(self, *args):
            super().__init__(*args)
            self.written = 0  # batches handed on to be written
            started.append(self)

        def batches(self):
            for batch in super().batches():
                yield batch
                self.written += 1

    monkeypatch.setattr(importer, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(importer.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(importer, "_Helper", Counted)
    return started


@pytest.fixture
def helper(monkeypatch) -> list:
    return _use_helper(monkeypatch)


def _import(tmp_path, name: str, f, *args, ok: bool = True):
    db = tmp_path / f"{name}.db"
    runner = Runner(db)
    runner("init")
    return runner, runner("import", f, *args, ok=ok)


def test_batches_give_the_ledger_one_batch_gives(tmp_path, monkeypatch):
    f = tmp_path / "台账.csv"
    _ledger_file(f, 1500)
    _, whole = _import(tmp_path, "whole", f)
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    small, batches = _import(tmp_path, "batches", f)
    assert whole.output == batches.output and "新增 1500" in whole.output
    assert _contents(tmp_path / "whole.db") == _contents(tmp_path / "batches.db")
    assert "检查通过" in small("check").output


def test_the_full_checks_give_the_ledger_the_quick_ones_give(tmp_path, monkeypatch):
    f = tmp_path / "台账.csv"
    _ledger_file(f, 800, seed=2)
    _, quick = _import(tmp_path, "quick", f)

    def every_row_in_full(self, line, cells):
        raise importer._Again

    monkeypatch.setattr(importer._Rows, "quick", every_row_in_full)
    _, full = _import(tmp_path, "full", f)
    assert quick.output == full.output
    assert _contents(tmp_path / "quick.db") == _contents(tmp_path / "full.db")


def test_shares_and_counts_are_what_the_triggers_write(tmp_path):
    f = tmp_path / "台账.csv"

    def lead_assists_too(n, row):
        if n < 3:  # the first item: its lead unit among its assisting ones
            row[HEADER.index("责任单位")], row[HEADER.index("配合单位")] = "虎门镇", "茶山镇；虎门镇"

    _ledger_file(f, 600, seed=3, change=lead_assists_too)
    runner, _ = _import(tmp_path, "bulk", f)
    # The same items written row by row, the per-row triggers live.
    by_row = Runner(tmp_path / "by_row.db")
    by_row("init")
    conn = sqlite3.connect(tmp_path / "by_row.db")
    conn.execute("ATTACH ? AS bulk", (str(tmp_path / "bulk.db"),))
    for table in ("units", "campaigns", "items", "item_assist_units"):
        conn.execute(f"INSERT INTO main.{table} SELECT * FROM bulk.{table} ORDER BY 1, 2")
    conn.commit()
    # (ordered by their keys' first columns: the rest of a key's rows come
    # in the key's order, the same in both)
    for table in ("shares", "campaign_counts", "due_counts", "unit_due_counts"):
        assert (
            conn.execute(f"SELECT * FROM main.{table} ORDER BY 1, 2, 3").fetchall()
            == conn.execute(f"SELECT * FROM bulk.{table} ORDER BY 1, 2, 3").fetchall()
        ), table
    # the assisting units' names the bulk load wrote with each item are the
    # ones the triggers wrote here, assisting unit by assisting unit
    names = "SELECT id, assist_names FROM {}.items WHERE assist_names IS NOT NULL ORDER BY id"
    by_trigger = conn.execute(names.format("main")).fetchall()
    assert by_trigger == conn.execute(names.format("bulk")).fetchall()
    assert {"茶山镇；虎门镇", "虎门镇"} <= {n for _, n in by_trigger}  # 虎门镇、虎门镇: one unit
    conn.close()
    assert "检查通过" in runner("check").output


@pytest.mark.parametrize("how", ["write", "helper", "dry_run"])
def test_a_bad_row_near_the_end_writes_nothing(run, tmp_path, monkeypatch, how):
    run("add", "task", "导入前已有的事项", "--due", "2026-03-31")
    before = run.snapshot()
    monkeypatch.setattr(importer, "BATCH_ROWS", 500)
    started = _use_helper(monkeypatch) if how == "helper" else []
    dry_run = how == "dry_run"
    f = tmp_path / "台账.csv"

    def bad(n, row):
        if n == 2980:
            row[HEADER.index("办结时限")] = "2026-02-30"

    line = _ledger_file(f, 3000, change=bad)[2980]
    r = run("import", f, *(["--dry-run"] if dry_run else []), ok=False)
    lines = r.stderr.strip().splitlines()
    assert r.exit_code == 1 and "1 行有误" in lines[0] and "未导入任何内容" in lines[0]
    assert len(lines) == 2 and lines[1].startswith(f"  第 {line} 行，办结时限 列：'2026-02-30'：日期无效")
    assert run.snapshot() == before
    assert len(started) == (how == "helper")


@pytest.mark.parametrize("how", ["write", "helper", "dry_run"])
def test_a_ref_repeated_batches_later_names_its_line(run, tmp_path, monkeypatch, how):
    monkeypatch.setattr(importer, "BATCH_ROWS", 100)
    started = _use_helper(monkeypatch) if how == "helper" else []
    dry_run = how == "dry_run"
    f = tmp_path / "台账.csv"

    def repeat(n, row):
        if n in (10, 950, 2000):
            row[0] = "东应急〔2026〕重复号"

    at = _ledger_file(f, 2100, change=repeat)
    before = run.snapshot()
    r = run("import", f, *(["--dry-run"] if dry_run else []), ok=False)
    lines = r.stderr.strip().splitlines()
    assert r.exit_code == 1 and "2 行有误" in lines[0]
    assert lines[1:] == [
        f"  第 {at[950]} 行，文号 列：'东应急〔2026〕重复号'：文号与第 {at[10]} 行重复",
        f"  第 {at[2000]} 行，文号 列：'东应急〔2026〕重复号'：文号与第 {at[950]} 行重复",
    ]
    assert run.snapshot() == before
    assert len(started) == (how == "helper")


def test_an_update_across_batches_is_the_update_of_one_batch(tmp_path, monkeypatch):
    first = tmp_path / "台账.csv"
    _ledger_file(first, 300, seed=4)
    second = tmp_path / "改.csv"

    def edit(n, row):
        row[0] = f"东应急〔2026〕{n}号" if n % 3 else f"新文号{n}"  # some new, some existing
        row[HEADER.index("责任人")] = "赵六"

    _ledger_file(second, 300, seed=4, change=edit)
    outputs = []
    for name, size, held in (("whole", 100_000, 100_000), ("batches", 11, 7), ("helper", 11, 7)):
        monkeypatch.setattr(importer, "BATCH_ROWS", size)
        monkeypatch.setattr(importer, "UPDATES_HELD", held)  # the rest wait in a temporary table
        runner, _ = _import(tmp_path, name, first)
        started = _use_helper(monkeypatch) if name == "helper" else []
        outputs.append(runner("import", second, "--update").output)
        assert "检查通过" in runner("check").output
        assert len(started) == (name == "helper")
    assert outputs[0] == outputs[1] == outputs[2] and "更新" in outputs[0]
    assert _contents(tmp_path / "whole.db") == _contents(tmp_path / "batches.db") == _contents(tmp_path / "helper.db")


def test_the_helper_process_gives_the_ledger_this_process_gives(tmp_path, monkeypatch):
    f, second = tmp_path / "台账.csv", tmp_path / "再导入.csv"
    _ledger_file(f, 1500, seed=5)
    # and a second file on top: its events chained on from the ledger's newest
    _ledger_file(second, 40, seed=6, change=lambda n, row: row.__setitem__(0, f"第二批{n}"))
    runner, here = _import(tmp_path, "here", f)
    here_second = runner("import", second)
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)  # the helper's batches too
    started = _use_helper(monkeypatch)
    helped_runner, helped = _import(tmp_path, "helped", f)
    helped_second = helped_runner("import", second)
    assert len(started) == 2
    assert here.output == helped.output and "新增 1500" in here.output and "新建单位" in here.output
    assert here_second.output == helped_second.output and "新增 40" in here_second.output
    assert _contents(tmp_path / "here.db") == _contents(tmp_path / "helped.db")
    assert "检查通过" in helped_runner("check").output


def test_a_file_without_its_columns_is_said_the_same_by_the_helper(run, tmp_path, monkeypatch):
    f = tmp_path / "台账.csv"
    f.write_text("文号,责任单位\n东应急〔2026〕1号,茶山镇\n", encoding="utf-8")
    here = run("import", f, ok=False)
    before = run.snapshot()
    started = _use_helper(monkeypatch)
    helped = run("import", f, ok=False)
    assert len(started) == 1
    assert helped.exit_code == here.exit_code == 1
    assert helped.stderr == here.stderr and len(here.stderr.strip().splitlines()) == 1
    assert run.snapshot() == before


def test_no_helper_to_be_had_and_this_process_reads_the_file(run, tmp_path, monkeypatch, helper):
    f = tmp_path / "台账.csv"
    _ledger_file(f, 200, seed=7)
    monkeypatch.setattr("sys.executable", str(tmp_path / "没有这个程序"))
    r = run("import", f)
    assert "新增 200" in r.output and helper == []
    assert "检查通过" in run("check").output


def _standing_in(tmp_path, name: str, script: str):
    """A program in sys.executable's place, that runs `script` (sh)."""
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_a_program_that_is_not_the_helper_and_this_process_reads_the_file(run, tmp_path, monkeypatch, helper):
    f = tmp_path / "台账.csv"
    _ledger_file(f, 200, seed=8)
    # takes its work and ends without a word, as an embedded Python's executable would
    monkeypatch.setattr("sys.executable", _standing_in(tmp_path, "not_python", "cat > /dev/null\nexit 3\n"))
    r = run("import", f)
    assert "新增 200" in r.output and len(helper) == 1 and helper[0].written == 0
    assert "检查通过" in run("check").output


def test_a_helper_stopped_part_way_leaves_the_ledger_as_it_was(run, tmp_path, monkeypatch, helper):
    import sys

    run("add", "task", "导入前已有的事项", "--due", "2026-03-31")
    before = run.snapshot()
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)
    f = tmp_path / "台账.csv"
    _ledger_file(f, 600, seed=8)
    # the real helper, its messages cut off part way (as when it is killed)
    cut = _standing_in(tmp_path, "cut_off", f'"{sys.executable}" "$@" | head -c 60000\n')
    monkeypatch.setattr("sys.executable", cut)
    r = run("import", f, ok=False)
    assert r.exit_code == 1 and len(helper) == 1 and helper[0].written > 3  # some batches were written
    assert r.stderr.strip().splitlines() == [f"导入 {f} 时读取文件的辅助进程意外停止（退出状态 0）；未导入任何内容"]
    assert run.snapshot() == before


def test_a_spreadsheet_read_by_the_helper_gives_the_same_ledger(tmp_path, monkeypatch):
    from openpyxl import Workbook

    rows = tmp_path / "台账.csv"
    _ledger_file(rows, 400, seed=11)
    wb = Workbook()
    ws = wb.active
    with rows.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f)):
            # dates as date cells, as an office's sheet has them
            ws.append([_as_date(c) if n and i in (7, 8, 11) else c for i, c in enumerate(row)])
    sheet = tmp_path / "台账.xlsx"
    wb.save(sheet)
    _, here = _import(tmp_path, "here", sheet)
    started = _use_helper(monkeypatch)
    _, helped = _import(tmp_path, "helped", sheet)
    assert len(started) == 1 and "新增 400" in here.output and helped.output == here.output
    assert _contents(tmp_path / "here.db") == _contents(tmp_path / "helped.db")


def _as_date(cell: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        return cell


def test_a_helper_that_fails_says_what_failed_in_one_line(run, tmp_path, monkeypatch, helper):
    import sys

    before = run.snapshot()
    f = tmp_path / "台账.csv"
    _ledger_file(f, 200, seed=9)
    fails = tmp_path / "fails.py"  # takes its work, then says it ran out of memory
    fails.write_text(
        f"#!{sys.executable}\n"
        "import pickle, sys\n"
        "sys.stdin.buffer.read()\n"
        "pickle.dump(('failed', 'Traceback (most recent call last):\\n  ...\\nMemoryError\\n'), sys.stdout.buffer)\n"
    )
    fails.chmod(0o755)
    monkeypatch.setattr("sys.executable", str(fails))
    r = run("--lang", "en", "import", f, ok=False)
    assert r.exit_code == 1 and len(helper) == 1
    assert r.stderr.strip().splitlines() == [f"the helper process reading {f} failed (MemoryError); nothing imported"]
    assert run.snapshot() == before
