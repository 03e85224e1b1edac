"""Nothing lost, nothing injected: the ledger survives careless clerks and
hostile files. Each attack is made as it was found: real files, real
processes, a real full or read-only filesystem."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers import Runner, ledger_from, run_subprocess


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(path):
    run = Runner(path)
    run("init")
    run("add", "task", "汛前检查", "--unit", "应急指挥中心", "--due", "2026-03-20")
    run("add", "review", "张三不服处罚申请复议", "--unit", "法规科", "--received", "2026-03-02")
    run("add", "supervision", "督促茶山镇整改", "--unit", "茶山镇", "--due", "2026-03-10")
    run("extend", "3", "2026-03-31", "--reason", "整改工程量大", "--approver", "王局长")
    run("done", "1", "--on", "2026-03-05", "--as-of", "2026-03-06")


@pytest.fixture
def filled(db_path):
    """A ledger with a few items, one extended, one done (made once, copied)."""
    ledger_from("filled", _filled, db_path)
    return Runner(db_path)


# --------------------------------------------------------------- no loss --
def test_a_failed_command_on_a_new_path_creates_nothing_and_deletes_nothing(tmp_path):
    db = tmp_path / "新台账.db"
    r = Runner(db)("add", "memo", "x", "--due", "2026-03-01", ok=False)
    assert r.exit_code == 1 and not db.exists()
    Runner(db)("init")
    Runner(db)("add", "task", "第一项", "--due", "2026-03-01")
    r = Runner(db)("add", "memo", "x", "--due", "2026-03-01", ok=False)  # fails after another's write
    assert r.exit_code == 1 and db.exists()
    assert Runner(db).sql("SELECT title FROM items") == [("第一项",)]


def test_concurrent_adds_on_a_new_ledger_are_all_kept(tmp_path):
    """Many clerks' processes add to a ledger just made while one fails: every
    acknowledged add is in the file."""
    db = tmp_path / "ledger.db"
    Runner(db)("init")
    env = {"TRACKER_DB": str(db)}
    procs = [
        subprocess.Popen(
            [*_tracker(), "add", "task", f"事项{n}", "--due", "2026-03-01", "-q"],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    bad = subprocess.Popen(
        [*_tracker(), "add", "memo", "x", "--due", "2026-03-01"], env={**os.environ, **env}, stderr=subprocess.PIPE
    )
    ids = [int(p.communicate(timeout=120)[0].strip()) for p in procs]
    bad.wait(timeout=120)
    assert bad.returncode == 1
    assert sorted(r[0] for r in Runner(db).sql("SELECT id FROM items")) == sorted(ids)


def _tracker() -> list[str]:
    import sys

    return [sys.executable, "-m", "tracker"]


def test_a_planted_link_at_the_old_temporary_name_is_never_followed(filled, tmp_path):
    victim = tmp_path / "另一位经办人的文件.txt"
    victim.write_text("不能被覆盖", encoding="utf-8")
    out = tmp_path / "晨报.txt"
    (tmp_path / f".{out.name}.tmp").symlink_to(victim)
    filled("report", "--format", "text", "-o", out, "--as-of", "2026-03-06")
    assert victim.read_text(encoding="utf-8") == "不能被覆盖"
    assert "督办事项晨报" in out.read_text(encoding="utf-8") or "晨报" in out.read_text(encoding="utf-8")
    # a link standing at the target itself is replaced, not written through
    link = tmp_path / "清单.csv"
    link.symlink_to(victim)
    filled("export", "-o", link, "--force")
    assert victim.read_text(encoding="utf-8") == "不能被覆盖"
    assert not link.is_symlink() and "事项名称" in link.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_no_output_over_the_ledger_even_with_force(filled, db_path, tmp_path, suffix):
    target = Path(str(db_path) + suffix)
    before = digest(db_path)
    r = filled("export", "-o", target, "--force", ok=False)
    assert r.exit_code == 1 and "台账" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    link = tmp_path / "看起来无害.csv"
    link.symlink_to(db_path)
    r = filled("report", "-o", link, "--force", ok=False)
    assert r.exit_code == 1
    assert digest(db_path) == before and filled("check").exit_code == 0


def test_demo_refuses_a_ledger_without_items(tmp_path):
    db = tmp_path / "ledger.db"
    run = Runner(db)
    run("init")
    run("campaign", "add", "燃气专项", "--start", "2026-03-01")
    run("calendar", "set", "2027-02-06", "workday", "--note", "春节调休上班")
    before = digest(db)
    r = run("demo", "--no-ui", "--items", "10", ok=False)
    assert r.exit_code == 1 and "不是演示库" in r.stderr
    assert digest(db) == before


def test_demo_rebuilt_under_an_open_connection(tmp_path):
    """A second `demo --no-ui` while a demo UI still has the file open: the
    open connection sees the new demo, nothing is corrupted."""
    db = tmp_path / "demo.db"
    Runner(db)("demo", "--no-ui", "--items", "200", "--as-of", "2026-03-02")
    ui = sqlite3.connect(db)
    ui.execute("SELECT count(*) FROM items").fetchone()
    Runner(db)("demo", "--no-ui", "--items", "300", "--as-of", "2026-03-02")
    assert ui.execute("SELECT count(*) FROM items").fetchone()[0] == 300
    ui.close()
    assert Runner(db)("check").exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tracker-")]


# ----------------------------------------------------------------- restore --
def test_restore_brings_back_the_backup_over_a_live_ledger_with_a_wal(filled, db_path, tmp_path):
    backup = tmp_path / "备份.db"
    filled("backup", backup)
    other = sqlite3.connect(db_path)  # another clerk's process, holding the WAL open
    other.execute("SELECT count(*) FROM items").fetchone()
    filled("add", "task", "备份之后录入", "--due", "2026-04-01")
    r = filled("restore", backup, ok=False)
    assert r.exit_code == 1 and "--force" in r.stderr  # it holds items: the clerk must say so
    r = filled("restore", backup, "--force")
    assert "已从" in r.output
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and Runner(kept[0]).sql("SELECT count(*) FROM items") == [(4,)]
    assert other.execute("SELECT count(*) FROM items").fetchone()[0] == 3
    other.close()
    assert filled.sql("SELECT count(*) FROM items") == [(3,)]
    assert filled("check").exit_code == 0


def test_restore_refuses_a_damaged_or_foreign_file(filled, db_path, tmp_path):
    before = digest(db_path)
    notes = tmp_path / "notes.db"
    notes.write_text("不是数据库", encoding="utf-8")
    assert filled("restore", notes, "--force", ok=False).exit_code == 1
    damaged = tmp_path / "damaged.db"
    filled("backup", damaged)
    conn = sqlite3.connect(damaged)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute('UPDATE events SET data = \'{"text": "改写"}\' WHERE id = 1')
    conn.commit()
    conn.close()
    r = filled("restore", damaged, "--force", ok=False)
    assert r.exit_code == 1 and "未恢复" in r.stderr
    assert digest(db_path) == before


def test_check_on_a_backup_does_not_change_it(filled, tmp_path):
    backup = tmp_path / "备份.db"
    filled("backup", backup)
    before = digest(backup)
    assert Runner(backup)("check").exit_code == 0
    assert digest(backup) == before
    assert not Path(str(backup) + "-wal").exists()


def test_backup_cleans_up_after_a_killed_one(filled, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / ".tracker-backup-abc123.tmp"
    stale.write_bytes(b"\0" * 4096)
    old = time.time() - 7200
    os.utime(stale, (old, old))
    filled("backup", folder / "tracker-2026-03-06.db")
    assert sorted(p.name for p in folder.iterdir()) == ["tracker-2026-03-06.db"]


# ----------------------------------------------------------------- history --
def test_history_cannot_be_replaced(filled, db_path):
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute(
            "INSERT OR REPLACE INTO events (id, item_id, at, actor, type, data, hash) "
            "VALUES (1, 1, '2026-01-01T00:00:00', 'x', 'note', '{}', ?)",
            ("0" * 64,),
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE events SET actor = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("DELETE FROM events")
    conn.close()


def test_check_finds_a_rewritten_or_removed_event(filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET data = json_set(data, '$.reason', '理由改了') WHERE type = 'extend'")
    conn.commit()
    conn.close()
    r = filled("check", ok=False)
    assert r.exit_code == 1 and "办理记录被改写或删除" in r.stderr


def test_check_finds_a_removed_event(filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.execute("DELETE FROM events WHERE id = 2")
    conn.commit()
    conn.close()
    r = filled("check", ok=False)
    assert r.exit_code == 1 and "办理记录被改写或删除" in r.stderr


@pytest.mark.parametrize("data", ['"已办结"', "[1, 2]", '{"changes": ["due_on"]}'])
def test_check_names_an_event_of_no_shape_tracker_writes(filled, db_path, data):
    """An event appended by another program whose data is JSON of another
    shape: `check` says the history was tampered with, without a traceback."""
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO events (item_id, at, actor, type, data, hash) VALUES (2, '2026-03-01T09:00:00', 'x', 'edit', ?, ?)",
        (data, "0" * 64),
    )
    conn.commit()
    conn.close()
    r = filled("check", ok=False)
    assert r.exit_code == 1 and "办理记录被改写或删除" in r.stderr and "Traceback" not in r.stderr


def test_check_finds_an_item_changed_without_its_history(filled, db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE items SET due_on = '2026-12-31' WHERE id = 2")  # a quiet extension
    conn.execute("UPDATE items SET status = 'open', closed_on = NULL WHERE id = 1")
    conn.commit()
    conn.close()
    r = filled("check", ok=False)
    assert r.exit_code == 1 and "与办理记录不符" in r.stderr and "1, 2" in r.stderr


# ------------------------------------------------- states check refuses --
def test_edits_that_check_would_refuse_are_refused(filled):
    before = filled.snapshot()
    r = filled("edit", "3", "--due", "2026-03-05", ok=False)  # before the extended item's original deadline
    assert r.exit_code == 1 and "原时限" in r.stderr
    r = filled("edit", "2", "--received", "2026-05-01", "--rule", "30d", ok=False)
    assert r.exit_code == 0 or r.exit_code == 1
    filled("edit", "3", "--due", "2026-04-15")  # later is fine
    r = filled("edit", "1", "--received", "2026-06-01", ok=False)  # after its due date
    assert r.exit_code == 1 and "早于收文日期" in r.stderr
    assert filled("check").exit_code == 0
    assert before["items"] != filled.snapshot()["items"]  # the one valid edit landed


def test_import_update_cannot_set_a_deadline_before_the_original(filled, tmp_path):
    f = tmp_path / "更新.csv"
    f.write_text("编号,类型,事项名称,办结时限\n3,督办函,督促茶山镇整改,2026-03-08\n", encoding="utf-8")
    before = filled.snapshot()
    r = filled("import", f, "--update", ok=False)
    assert r.exit_code == 1 and "原时限" in r.stderr
    assert filled.snapshot() == before


def test_calendar_changes_do_not_rewrite_closed_items(run):
    run("add", "review", "跨年复议甲", "--received", "2026-12-25")
    run("add", "review", "跨年复议乙", "--received", "2026-12-25")
    run("done", "1", "--on", "2027-01-11", "--as-of", "2027-01-11")  # on its (provisional) deadline
    run("calendar", "set", "2027-01-04", "holiday", "--note", "元旦调休")
    assert run.sql("SELECT id, due_on FROM items ORDER BY id") == [(1, "2027-01-11"), (2, "2027-01-12")]
    assert run("check").exit_code == 0


# ------------------------------------------------------- silent wrong data --
@pytest.mark.parametrize(
    "content,mentions",
    [
        ('{"days": [{"date": "2027-02-06", "workday": "false"}]}', ["workday", "true"]),
        ('{"days": 5}', ["days"]),
        ('{"days": [1, 2]}', ["第 1 行"]),
        ("[" * 100_000 + "]" * 100_000, ["第 1 行"]),
    ],
)
def test_calendar_json_is_checked(run, tmp_path, content, mentions):
    f = tmp_path / "2027.json"
    f.write_text(content if content.startswith("{") else "{" + '"days": ' + content + "}", encoding="utf-8")
    before = run.snapshot()
    r = run("calendar", "import", f, ok=False)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    for m in mentions:
        assert m in r.stderr
    assert run.snapshot() == before


def test_two_columns_of_the_same_name_are_refused(run, tmp_path):
    f = tmp_path / "台账.csv"
    f.write_text("类型,事项名称,办结时限,备注,备注\n督办函,x,2026-03-01,甲,乙\n", encoding="utf-8")
    r = run("import", f, ok=False)
    assert r.exit_code == 1 and "备注" in r.stderr and "两列" in r.stderr


# ------------------------------------------------------------ bad files --
def _xlsx_with_dimension(path: Path, ref: str) -> None:
    """A small XLSX whose sheet declares `ref` as its dimension."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["类型", "事项名称", "办结时限"])
    ws.append(["督办函", "x", "2026-03-01"])
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>'.encode(), data)
                assert n == 1, data[:300]
            dst.writestr(item, data)
    tmp.unlink()


def test_a_cell_at_the_end_of_the_sheet_is_refused_in_bounded_memory(run, tmp_path):
    f = tmp_path / "hostile.xlsx"
    _xlsx_with_dimension(f, "A1:XFD1048576")
    r = run_subprocess("--db", run.db_path, "import", f, env_extra={"TRACKER_LANG": "zh"})
    assert r.returncode == 1 and "超出合理大小" in r.stderr and "Traceback" not in r.stderr


def test_a_zip_bomb_is_refused(run, tmp_path):
    f = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 300_000_000)
    before = run.snapshot()
    r = run("import", f, ok=False)
    assert r.exit_code == 1 and "超出合理大小" in r.stderr
    assert run.snapshot() == before


def test_a_nul_in_a_cell_is_one_clear_error(run, tmp_path):
    f = tmp_path / "台账.csv"
    f.write_bytes("类型,事项名称,办结时限\n督办函,坏\x00标题,2026-03-01\n".encode())
    r = run("import", f, ok=False)
    assert r.exit_code == 1 and "NUL" in r.stderr and "第 2 行" in r.stderr


def test_excel_unicode_text_imports(run, tmp_path):
    f = tmp_path / "督办.txt"
    f.write_bytes("类型\t事项名称\t办结时限\r\n督办函\t督促虎门镇整改\t2026-03-01\r\n".encode("utf-16"))
    run("import", f)
    assert run.sql("SELECT kind, title FROM items") == [("supervision", "督促虎门镇整改")]


@pytest.mark.parametrize(
    "args", [["extend", "1", "9999-12-31", "--reason", "x"], ["due", "10d", "1899-12-31"], ["show", "9" * 30]]
)
def test_dates_and_ids_out_of_range(filled, args):
    r = filled(*args, ok=False)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1


def test_a_title_of_invisible_characters_is_empty(run):
    r = run("add", "task", "\u200b\u200b\ufeff", "--due", "2026-03-01", ok=False)
    assert r.exit_code == 1 and "不能为空" in r.stderr


# ------------------------------------------------------------- true reasons --
def _ro_tmpfs(folder: Path):
    r = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot remount read-only here")


def test_a_full_disk_during_import_is_said_at_once(small_disk, tmp_path):
    from tests.helpers import fill

    full_disk = small_disk
    db = full_disk / "ledger.db"
    Runner(db)("init")
    fill(full_disk, free=64 * 1024)
    f = tmp_path / "台账.csv"
    f.write_text("类型,事项名称,办结时限\n" + "".join(f"督办函,事项{n},2026-03-01\n" for n in range(3000)), "utf-8")
    start = time.monotonic()
    r = Runner(db)("import", f, ok=False)
    assert time.monotonic() - start < 5
    assert r.exit_code == 1 and "磁盘已满" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    (full_disk / "filler").unlink()
    assert Runner(db).sql("SELECT count(*) FROM items") == [(0,)]


def test_a_read_only_folder_is_said_at_once(small_disk):
    full_disk = small_disk
    db = full_disk / "ledger.db"
    Runner(db)("init")
    Runner(db)("add", "task", "事项", "--due", "2026-03-01")
    _ro_tmpfs(full_disk)
    try:
        start = time.monotonic()
        r = Runner(db)("add", "task", "另一项", "--due", "2026-03-01", ok=False)
        assert time.monotonic() - start < 5
        assert r.exit_code == 1 and "只读" in r.stderr and "正忙" not in r.stderr
        r = Runner(db)("list", ok=False)
        assert "正忙" not in r.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(full_disk)], capture_output=True)


def test_init_group_makes_a_ledger_the_group_can_write(tmp_path):
    import grp

    group = next((g for g in ("users", "staff", "adm") if _has_group(g)), None)
    if group is None:
        pytest.skip("no suitable OS group")
    folder = tmp_path / "shared"
    db = folder / "tracker.db"
    Runner(db)("init", "--group", group)
    gid = grp.getgrnam(group).gr_gid
    assert folder.stat().st_mode & 0o2000 and folder.stat().st_gid == gid
    assert db.stat().st_gid == gid and db.stat().st_mode & 0o777 == 0o660
    Runner(db)("add", "task", "事项", "--due", "2026-03-01")
    conn = sqlite3.connect(db)
    conn.execute("SELECT 1 FROM items").fetchone()
    for suffix in ("-wal", "-shm"):
        f = Path(str(db) + suffix)
        if f.exists():
            assert f.stat().st_gid == gid
    conn.close()


def _has_group(name: str) -> bool:
    import grp

    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def test_usage_errors_are_one_line_in_the_clerks_language(run):
    r = run("show", ok=False)
    assert r.exit_code == 2 and r.stderr.strip().count("\n") == 0 and "缺少参数" in r.stderr
    r = run("show", "--lang", "en", ok=False)
    assert r.exit_code == 2 and "Missing argument" in r.stderr and r.stderr.strip().count("\n") == 0
    r = run("lst", ok=False)
    assert r.exit_code == 2 and "没有命令" in r.stderr


def test_no_command_writes_into_the_working_folder(tmp_path):
    """`tracker due`, `rules`, `calendar show` and an import dry run before
    any init leave nothing where the clerk stands (a file named ':memory:'
    once appeared there)."""
    work = tmp_path / "work"
    work.mkdir()
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    for args in (["due", "review-reply", "2024-09-26"], ["rules"], ["calendar", "show", "2027"]):
        r = subprocess.run([*_tracker(), *args], cwd=work, capture_output=True, text=True, env={**os.environ, **env})
        assert r.returncode == 0, r.stderr
    assert list(work.iterdir()) == []
    data = json.loads(
        subprocess.run(
            [*_tracker(), "calendar", "show", "2027", "--format", "json"],
            cwd=work,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        ).stdout
    )
    assert data["provisional"] is True
