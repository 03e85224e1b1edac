"""What a clerk hits first (issue 12): an office's ledger imported as it was
kept, statistics that count honestly, the small things of the CLI."""

from __future__ import annotations

import json

import openpyxl
import pytest


def office_sheet(path, rows, title="2025年督办事项台账"):
    """An XLSX as an office keeps it: a title row, a header of its own words,
    a 序号 column, and notes under the table."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["序号", "文号", "事项类型", "督办事项", "牵头单位", "交办日期", "完成时限", "办理状态", "完成日期"])
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_an_office_ledger_imports_as_kept(run, tmp_path):
    f = tmp_path / "台账.xlsx"
    office_sheet(
        f,
        [
            [
                1,
                "东应急督〔2025〕1号",
                "督办",
                "督促茶山镇整改燃气隐患",
                "茶山镇",
                "2025-03-01",
                "2025-03-15",
                "已办结",
                "",
            ],
            [2, "东应急复〔2025〕2号", "行政复议", "张三不服处罚申请复议", "法规科", "2025-09-26", "", "在办", ""],
            [3, "", "交办", "汛前检查", "应急指挥中心", "2025-04-01", "2025-04-20", "撤销", ""],
            [4, "", "挂牌", "虎门镇重大隐患挂牌督办", "虎门镇", "2025-05-01", "2025-06-30", "已销号", "2025-06-20"],
            [5],
            [6],
            ["注：本表由办公室每周更新。"],
            ["填表人：李四", "", "", "", "", "审核：王五"],
        ],
    )
    r = run("import", f)
    assert "新增 4" in r.output and "跳过 4 行" in r.output and "1 项已办结但没有办结日期" in r.output
    rows = run.sql("SELECT kind, status, closed_on, due_on FROM items ORDER BY id")
    assert rows == [
        ("supervision", "done", None, "2025-03-15"),
        ("review", "open", None, "2025-10-16"),  # 10 working days over 国庆 2025 (make-up 09-28, 10-11)
        ("task", "cancelled", None, "2025-04-20"),
        ("listed", "done", "2025-06-20", "2025-06-30"),
    ]
    st = json.loads(
        run("stats", "--from", "2025-01-01", "--to", "2025-12-31", "--as-of", "2026-01-10", "--format", "json").output
    )
    assert st["total"]["done_date_unknown"] == 1 and st["total"]["done_on_time"] == 1  # the unknown date never on time
    assert run("check").exit_code == 0


def test_kinds_offices_write_and_what_an_unknown_one_says(run, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("类型,事项名称,办结时限\n行政诉讼,某公司诉我局,2026-03-01\n提案,代表建议,2026-03-01\n", "utf-8")
    run("import", f)
    assert [r[0] for r in run.sql("SELECT kind FROM items ORDER BY id")] == ["litigation", "proposal"]
    f.write_text("类型,事项名称,办结时限\n会议纪要,x,2026-03-01\n,y,2026-03-01\n", "utf-8")
    r = run("import", f, ok=False)
    assert "'会议纪要'" in r.stderr and "行政复议答复" in r.stderr and "类型为空" in r.stderr


def test_english_import_errors_are_in_english(run, tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("类型,事项名称,办结时限\n督办函,x,2026-13-01\n", "utf-8")
    r = run("import", f, "--lang", "en", ok=False)
    assert "1 bad row;" in r.stderr and "invalid date" in r.stderr and "日期无效" not in r.stderr


def test_update_of_the_tools_own_export_changes_nothing(run, tmp_path):
    run("add", "review", "复议甲", "--received", "2026-02-02", "--unit", "法规科")
    run("add", "task", "无文号的交办", "--due", "2026-03-20", "--unit", "办公室")
    run("add", "supervision", "督办", "--ref", "东应急督〔2026〕1号", "--due", "2026-03-10")
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"清单.{fmt}"
        run("export", "--status", "all", "--format", fmt, "-o", out, "--force")
        before = run.snapshot()
        r = run("import", out, "--update")
        assert "新增 0，更新 0，无变化 3" in r.output, r.output
        assert run.snapshot() == before
    # a row without 文号 is matched by its 编号
    f = tmp_path / "改.csv"
    f.write_text("编号,类型,事项名称,办结时限,责任人\n2,交办任务,无文号的交办,2026-03-20,赵六\n", "utf-8")
    r = run("import", f, "--update")
    assert "更新 1" in r.output and run.sql("SELECT owner FROM items WHERE id = 2") == [("赵六",)]
    assert run.sql("SELECT count(*) FROM items") == [(3,)]


def test_stats_count_by_the_original_deadline_before_the_as_of_day(run):
    run("add", "task", "延期后办结", "--due", "2026-01-10")
    run("extend", "1", "2026-02-10", "--reason", "汛期", "--approver", "王局长")
    run("done", "1", "--on", "2026-02-05", "--as-of", "2026-02-05")
    run("add", "task", "未来到期", "--due", "2026-12-31")
    st = json.loads(
        run("stats", "--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2026-03-01", "--format", "json").output
    )
    # the extended task counts in January (its original deadline), on time by its approved extension;
    # the task due after the as-of day is not counted yet
    assert st["total"]["due"] == 1 and st["total"]["extended"] == 1 and st["total"]["done_on_time"] == 1
    st = json.loads(
        run("stats", "--from", "2026-02-01", "--to", "2026-02-28", "--as-of", "2026-03-01", "--format", "json").output
    )
    assert st["total"]["due"] == 0 and st["total"]["on_time_rate"] is None
    assert "—" in run("stats", "--from", "2026-02-01", "--to", "2026-02-28", "--as-of", "2026-03-01").output


@pytest.mark.parametrize("who", ["张三", None])
def test_the_actor_of_events(run, monkeypatch, who):
    if who:
        monkeypatch.setenv("TRACKER_USER", who)
    else:
        run("config", "set", "user", "李四")
    run("add", "task", "x", "--due", "2026-03-01")
    assert run.sql("SELECT actor FROM events") == [(who or "李四",)]


def test_done_in_the_future_refused_received_in_the_future_warned(run):
    run("add", "task", "x", "--due", "2026-03-20", "--received", "2026-03-10", "--as-of", "2026-03-02")
    r = run("done", "1", "--on", "2026-03-05", "--as-of", "2026-03-02", ok=False)
    assert r.exit_code == 1 and "晚于今天" in r.stderr
    r = run("add", "task", "y", "--due", "2026-03-20", "--received", "2026-03-10", "--as-of", "2026-03-02")
    assert "收文日期 2026-03-10 晚于今天" in r.stderr


def test_a_note_may_start_with_a_dash(run):
    run("add", "task", "x", "--due", "2026-03-20")
    run("note", "1", "-3日内整改完毕")
    run("note", "1", "--", "--已电话催办")
    notes = [json.loads(d)["text"] for (d,) in run.sql("SELECT data FROM events WHERE type = 'note' ORDER BY id")]
    assert notes == ["-3日内整改完毕", "--已电话催办"]
