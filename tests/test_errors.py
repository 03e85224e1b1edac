"""User mistakes: one line naming the value and what is accepted, exit 1,
no traceback, nothing written."""

from __future__ import annotations

import os
import re
import sqlite3

import pytest

from tests.helpers import Runner, ledger_from


def _ledger(path):
    run = Runner(path)
    run("init")
    run("add", "review", "张三申请复议", "--ref", "东应急复〔2024〕3号", "--received", "2024-09-26")
    run("add", "task", "已撤销的任务", "--due", "2026-03-01")
    run("cancel", "2", "--reason", "上级撤回")


@pytest.fixture
def ledger(db_path):
    ledger_from("errors", _ledger, db_path)
    return Runner(db_path)


BAD = [
    (["add", "task", "x", "--due", "2026-02-30"], ["2026-02-30", "2024年10月15日"]),
    (["add", "task", "x", "--due", "2026-13-01"], ["2026-13-01"]),
    (["add", "task", "x", "--due", "0000-00-00"], ["0000-00-00"]),
    (["add", "task", "x", "--due", "明天"], ["明天"]),
    (["add", "memo", "x", "--due", "2026-03-01"], ["memo", "行政复议答复", "行政应诉"]),
    (["add", "task", "x", "--rule", "weekly", "--received", "2026-03-01"], ["weekly", "review-reply", "5wd"]),
    (["add", "task", "x"], ["--due", "--rule"]),
    (["add", "review", "x"], ["--received"]),
    (["add", "task", "x", "--due", "2026-03-01", "--rule", "5wd", "--received", "2026-02-01"], ["--due", "--rule"]),
    (["add", "task", "x", "--received", "2026-03-05", "--due", "2026-03-01"], ["2026-03-01", "2026-03-05"]),
    (["add", "task", "  ", "--due", "2026-03-01"], ["事项名称"]),
    (["add", "task", "dup", "--ref", "东应急复〔2024〕3号", "--due", "2026-03-01"], ["东应急复〔2024〕3号", "1"]),
    (["show", "99"], ["99"]),
    (["show", "abc"], ["abc"]),
    (["note", "99", "进展"], ["99"]),
    (["note", "1", "  "], ["进展"]),
    (["done", "2"], ["事项 2 状态为已撤销，不能办结"]),
    (["done", "1", "--on", "2024-09-01"], ["2024-09-01", "2024-09-26"]),
    (["extend", "1", "2024-10-01", "--reason", "x"], ["2024-10-01", "2024-10-15"]),
    (["extend", "2", "2026-04-01", "--reason", "x"], ["已撤销", "延期"]),
    (["reopen", "1"], ["办理中", "重新打开"]),
    (["remind", "2"], ["已撤销", "催办"]),
    (["list", "--status", "closed"], ["closed", "办理中", "已办结", "已撤销", "all"]),
    (["list", "--format", "xml"], ["xml", "table"]),
    (["list", "--as-of", "2026-02-30"], ["2026-02-30"]),
    (["due", "review-reply", "2024-02-30"], ["2024-02-30"]),
    (["due", "nonsense", "2024-02-01"], ["nonsense"]),
    (["calendar", "show", "20x6"], ["20x6"]),
    (["calendar", "set", "2027-01-04", "maybe"], ["maybe", "workday", "holiday"]),
    (["calendar", "set", "2027-02-30", "holiday"], ["2027-02-30"]),
    (["calendar", "import", "/nonexistent/file.csv"], ["/nonexistent/file.csv"]),
    (["campaign", "show", "没有的专项"], ["没有的专项"]),
    (
        ["campaign", "add", "整治", "--start", "2026-05-01", "--end", "2026-04-01"],
        ["结束日期 2026-04-01 早于开始日期 2026-05-01"],
    ),
    (["stats", "--from", "2026-05-01", "--to", "2026-04-01"], ["结束日期 2026-04-01 早于开始日期 2026-05-01"]),
    (["edit", "1", "--kind", "memo"], ["memo"]),
    (["list", "--lang", "fr"], ["fr", "zh", "en"]),
    (["list", "--limit", "0"], ["'0'", "1"]),
    (["report", "--soon", "几天"], ["几天", "0", "60"]),
    (["export", "-o", "/nonexistent/dir/清单.csv"], ["/nonexistent/dir/清单.csv", "/nonexistent/dir", "不存在"]),
    (["export", "--format", "xlsx", "-o", "/nonexistent/清单.xlsx"], ["/nonexistent/清单.xlsx", "不存在"]),
    (["report", "-o", "/nonexistent/晨报.html", "--format", "html"], ["/nonexistent/晨报.html", "不存在"]),
    (["stats", "-o", "/nonexistent/s.json"], ["/nonexistent/s.json", "不存在"]),
    (["export", "-o", "/"], ["/", "文件夹"]),
    (["backup", "/proc/备份.db"], ["/proc/备份.db", "未写入"]),
    (["import", "/tmp/" + "台账" * 130 + ".xlsx"], ["无法读取", "台账台账"]),  # a name too long to open
    (["feedback", "import", "/tmp/" + "反馈" * 130 + ".xlsx"], ["无法读取", "反馈反馈"]),
]


@pytest.mark.parametrize("args,mentions", BAD, ids=[" ".join(a)[:40] for a, _ in BAD])
def test_bad_input_is_one_line_exit_1_nothing_written(ledger, args, mentions):
    before = ledger.snapshot()
    r = ledger(*args, ok=False)
    assert r.exit_code == 1, r.output
    err = r.stderr.strip()
    assert err and "\n" not in err, err
    lang_en = "--lang" in args
    for m in mentions:
        assert m in err or lang_en, (m, err)
    assert ledger.snapshot() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_output_that_cannot_be_written_is_one_line(ledger, full_disk, fmt, tmp_path, monkeypatch):
    """The disk fills while the file is written: one line naming it, nothing
    left behind (not even the temporary file, nor the spreadsheet writer's
    own in the system's temporary folder), nothing written."""
    import tempfile

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    target = full_disk / f"清单.{fmt}"
    r = ledger("export", "--format", fmt, "-o", target, ok=False)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1
    assert str(target) in r.stderr and "未写入" in r.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
    assert list(system_tmp.iterdir()) == []


def test_english_errors(ledger):
    r = ledger("done", "2", "--lang", "en", ok=False)
    assert r.stderr.strip() == "item 2 is cancelled; cannot mark done"
    r = ledger("add", "task", "x", "--due", "2026-02-30", "--lang", "en", ok=False)
    assert r.stderr.strip().startswith("invalid date: '2026-02-30'; accepted: 2024-10-15")


@pytest.mark.parametrize(
    ("lang", "accepted"),
    [
        ("zh", "可用列：文号、类型、事项名称、来源、责任单位"),
        ("en", "accepted: Ref no, Kind, Title, Source, Lead unit"),
    ],
)
def test_an_unknown_column_is_answered_with_the_columns_in_the_clerks_language(ledger, tmp_path, lang, accepted):
    sheet = tmp_path / "台账.csv"
    sheet.write_text("事项名称,办结时限,经办人电话\n汛前检查,2026-04-01,123\n", encoding="utf-8")
    r = ledger("import", sheet, "--lang", lang, ok=False)
    assert r.exit_code == 1 and "经办人电话" in r.stderr and accepted in r.stderr
    if lang == "en":  # no Chinese but the file's own words
        assert not re.search(r"[\u4e00-\u9fff]", r.stderr.replace(str(sheet), "").replace("经办人电话", ""))


def test_usage_error_is_exit_2(ledger):
    r = ledger("note", ok=False)
    assert r.exit_code == 2


def test_missing_database_for_reading(tmp_path):
    r = Runner(tmp_path / "nope.db")("list", ok=False)
    assert r.exit_code == 1 and "init" in r.stderr and "nope.db" in r.stderr
    assert not (tmp_path / "nope.db").exists()


def test_not_sqlite_refused(tmp_path):
    f = tmp_path / "notes.db"
    f.write_text("这不是数据库\n" * 100, encoding="utf-8")
    r = Runner(f)("add", "task", "x", "--due", "2026-03-01", ok=False)
    assert r.exit_code == 1 and "不是 SQLite" in r.stderr
    assert f.read_text(encoding="utf-8") == "这不是数据库\n" * 100


def test_other_sqlite_database_refused(tmp_path):
    f = tmp_path / "other.db"
    conn = sqlite3.connect(f)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    r = Runner(f)("init", ok=False)
    assert r.exit_code == 1 and "不是 tracker 数据库" in r.stderr


def test_failed_upgrade_is_one_line_and_changes_nothing(run, db_path):
    conn = sqlite3.connect(db_path)  # a schema-1 file the upgrade cannot handle
    conn.executescript(
        "DROP TRIGGER items_campaign_insert; DROP TRIGGER items_campaign_update; "
        "DROP TRIGGER items_campaign_delete; DROP TABLE campaign_counts; "
        "CREATE VIEW campaign_counts AS SELECT 1; PRAGMA user_version = 1;"
    )
    conn.close()
    before = run.snapshot()
    r = run("report", ok=False)
    from tracker.db import SCHEMA_VERSION

    assert r.exit_code == 1 and f"无法从结构版本 1 升级到 {SCHEMA_VERSION}" in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert run.snapshot() == before and run.sql("PRAGMA user_version") == [(1,)]


def test_newer_schema_refused(run, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = run.snapshot()
    r = run("add", "task", "x", "--due", "2026-03-01", ok=False)
    assert r.exit_code == 1 and "99" in r.stderr and "升级" in r.stderr
    assert run.snapshot() == before


def test_new_database_is_private_to_owner_and_group(db_path):
    Runner(db_path)("init")
    assert oct(os.stat(db_path).st_mode & 0o777) == oct(0o660)


@pytest.mark.parametrize(
    "args",
    [
        ["add", "memo", "x", "--due", "2026-03-01"],
        ["add", "task", "x"],
        ["campaign", "add", "整治", "--start", "2026-05-01", "--end", "2026-04-01"],
    ],
)
def test_failed_write_into_no_ledger_creates_no_file(tmp_path, args):
    db = tmp_path / "new.db"
    assert Runner(db)(*args, ok=False).exit_code == 1
    assert not db.exists()


def test_bad_import_into_no_ledger_creates_no_file(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("类型,事项名称,办结时限\n督办函,x,2026-13-01\n", encoding="utf-8")
    db = tmp_path / "new.db"
    r = Runner(db)("import", f, ok=False)
    assert r.exit_code == 1 and "new.db" in r.stderr and "init" in r.stderr
    assert not db.exists()
    Runner(db)("init")
    r = Runner(db)("import", f, ok=False)
    assert r.exit_code == 1 and "2026-13-01" in r.stderr
    f.write_text("类型,事项名称,办结时限\n督办函,x,2026-03-01\n", encoding="utf-8")
    assert "新增 1" in Runner(db)("import", f).output
