"""The core commands, driven as a clerk drives them, on real files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.helpers import Runner, run_subprocess
from tracker.cli import cli, load_all
from tracker.db import SCHEMA_VERSION


def add_review(run, ref="东应急复〔2024〕3号", received="2024-09-26"):
    r = run(
        "add",
        "review",
        "张三不服行政处罚决定申请复议",
        "--ref",
        ref,
        "--unit",
        "法规科",
        "--owner",
        "李四",
        "--received",
        received,
        "-q",
    )
    return int(r.output.strip())


def test_add_computes_deadline_from_kind_rule(run):
    r = run("add", "review", "张三不服处罚申请复议", "--unit", "法规科", "--received", "2024年9月26日")
    assert "已新增事项 1" in r.output
    assert "办结时限：2024-10-15" in r.output
    assert "跳过国庆节假期" in r.output
    assert run.sql("SELECT due_on, rule, received_on FROM items") == [("2024-10-15", "review-reply", "2024-09-26")]


@pytest.mark.parametrize("text", ["2024-10-15", "2024/10/15", "20241015", "2024年10月15日", "2024-1-5"])
def test_date_formats(run, text):
    item = run("add", "task", "交办", "--due", text, "-q").output.strip()
    expected = "2024-01-05" if text == "2024-1-5" else "2024-10-15"
    assert run.sql("SELECT due_on FROM items WHERE id = ?", (item,)) == [(expected,)]


def test_full_history_in_show(run):
    item = add_review(run)
    run("note", item, "已调取执法案卷")
    run("remind", item, "--note", "电话催办法规科")
    # the review reply period cannot be extended (《行政复议法》第四十八条): refused, nothing written
    refused = run("extend", item, "2024-10-25", "--reason", "申请人补正材料", "--approver", "王局长", ok=False)
    assert refused.exit_code == 1 and "第四十八条" in refused.stderr
    run("done", item, "--on", "2024-10-20")
    r = run("show", item, "--as-of", "2024-10-21")
    out = r.output
    for text in (
        "东应急复〔2024〕3号",
        "行政复议答复",
        "法规科",
        "李四",
        "2024-09-26",
        "2024-10-15",
        "已办结",
        "立项",
        "进展：已调取执法案卷",
        "催办：电话催办法规科",
        "办结：2024-10-20（时限 2024-10-15，超期）",
    ):
        assert text in out, text
    # history is in order and names the actor
    lines = out[out.index("办理记录") :].splitlines()[1:]
    assert [ln.split()[3].split("：")[0] for ln in lines] == ["立项", "进展", "催办", "办结"]
    j = json.loads(run("show", item, "--format", "json").output)
    assert j["original_due_on"] is None and j["due_on"] == "2024-10-15"
    assert [e["type"] for e in j["events"]] == ["create", "note", "remind", "done"]
    assert all(e["actor"] for e in j["events"])


def test_reopen_and_cancel(run):
    item = run("add", "supervision", "督促茶山镇整改", "--due", "2026-03-01", "-q").output.strip()
    run("done", item, "--on", "2026-02-27")
    run("reopen", item, "--reason", "整改不到位")
    assert run.sql("SELECT status, closed_on FROM items") == [("open", None)]
    run("cancel", item, "--reason", "上级撤回", "--on", "2026-02-28")
    assert run.sql("SELECT status, closed_on FROM items") == [("cancelled", "2026-02-28")]
    show = run("show", item, "--lang", "en").output
    assert "reopened: was done; 整改不到位" in show and "cancelled: 上级撤回" in show


def test_list_filters_and_formats(run):
    add_review(run)  # due 2024-10-15
    run(
        "add",
        "task",
        "百日攻坚检查",
        "--unit",
        "茶山镇",
        "--owner",
        "王五",
        "--due",
        "2024-10-20",
        "--assist",
        "虎门镇；长安镇、松山湖",
    )
    run("add", "litigation", "某公司诉我局行政处罚", "--unit", "法规科", "--received", "2024-10-08")
    r = run("list", "--as-of", "2024-10-16", "--format", "json")
    rows = json.loads(r.output)
    assert [x["title"][:4] for x in rows] == ["张三不服", "百日攻坚", "某公司诉"]
    assert rows[0]["light"] == "red" and rows[0]["days_left"] == -1
    assert rows[1]["assist_units"] == "虎门镇；长安镇；松山湖"
    assert set(rows[0]) == {
        "id",
        "ref_no",
        "kind",
        "title",
        "source",
        "unit",
        "assist_units",
        "owner",
        "received_on",
        "due_on",
        "rule",
        "status",
        "closed_on",
        "campaign",
        "notes",
        "light",
        "days_left",
        "latest_progress",
        "workdays_left",
    }
    assert [
        x["id"] for x in json.loads(run("list", "--as-of", "2024-10-16", "--overdue", "--format", "json").output)
    ] == [1]
    assert [x["id"] for x in json.loads(run("list", "--unit", "法规科", "--format", "json").output)] == [1, 3]
    assert [x["id"] for x in json.loads(run("list", "--kind", "行政应诉", "--format", "json").output)] == [3]
    assert [x["id"] for x in json.loads(run("list", "--search", "攻坚", "--format", "json").output)] == [2]
    assert [x["id"] for x in json.loads(run("list", "--owner", "王五", "--format", "json").output)] == [2]
    assert [x["id"] for x in json.loads(run("list", "--due-before", "2024-10-20", "--format", "json").output)] == [1]
    table = run("list", "--as-of", "2024-10-16").output
    assert "逾期" in table and "张三不服行政处罚决定申请复议" in table
    csv_out = run("list", "--format", "csv").output
    assert (
        csv_out.splitlines()[0]
        == "\ufeff文号,类型,事项名称,来源,责任单位,配合单位,责任人,收文日期,办结时限,期限规则,状态,办结日期,专项整治,备注,预警,剩余天数,最新进展,编号"
    )


def test_global_options_before_or_after(run, db_path):
    add_review(run)
    a = Runner(db_path).runner.invoke(cli, ["--db", str(db_path), "--as-of", "2024-10-16", "--lang", "en", "list"])
    b = Runner(db_path).runner.invoke(cli, ["list", "--db", str(db_path), "--as-of", "2024-10-16", "--lang", "en"])
    assert a.exit_code == b.exit_code == 0
    assert a.output == b.output and "overdue" in a.output


def test_env_db_and_lang(db_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB", str(db_path))
    monkeypatch.setenv("TRACKER_LANG", "en")
    r = Runner(db_path).runner.invoke(cli, ["add", "task", "x", "--due", "2026-01-05"])
    assert r.exit_code == 1 and "does not exist" in r.stderr and not db_path.exists()  # a typo is not a new ledger
    Runner(db_path).runner.invoke(cli, ["init"])
    r = Runner(db_path).runner.invoke(cli, ["add", "task", "x", "--due", "2026-01-05"])
    assert r.exit_code == 0 and "added item 1" in r.output


def test_default_database_in_user_data_dir(tmp_path):
    r = run_subprocess(
        "add",
        "task",
        "默认库",
        "--due",
        "2026-01-05",
        env_extra={"XDG_DATA_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home"), "TRACKER_DB": ""},
    )
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "xdg" / "tracker" / "tracker.db").exists()


def test_init_is_idempotent(run, db_path):
    add_review(run)
    run("init")
    run("init")
    assert run.sql("SELECT count(*) FROM items") == [(1,)]
    assert run.sql("PRAGMA user_version") == [(SCHEMA_VERSION,)]


def test_campaigns(run):
    run(
        "campaign",
        "add",
        "城镇燃气百日攻坚",
        "--start",
        "2026-03-01",
        "--end",
        "2026-06-08",
        "--unit",
        "危化品监管科",
        "--cadence",
        "每日一报",
    )
    for town, due in (("茶山镇", "2026-04-01"), ("虎门镇", "2026-04-01"), ("长安镇", "2026-05-01")):
        run("add", "campaign-task", f"{town}燃气排查", "--unit", town, "--due", due, "--campaign", "城镇燃气百日攻坚")
    run("done", "1", "--on", "2026-03-30")
    listing = run("campaign", "list", "--as-of", "2026-04-10").output
    assert "城镇燃气百日攻坚" in listing and "1/3" in listing and "每日一报" in listing
    show = run("campaign", "show", "城镇燃气百日攻坚", "--as-of", "2026-04-10").output
    assert "完成 1/3（33%），逾期 1" in show
    # the lagging unit (overdue) comes first
    unit_lines = show.split("\n\n")[1].splitlines()[1:]
    assert unit_lines[0].startswith("虎门镇")
    j = json.loads(run("campaign", "show", "1", "--format", "json", "--as-of", "2026-04-10").output)
    assert j["done"] == 1 and j["total"] == 3 and j["overdue"] == 1 and len(j["tasks"]) == 3


def test_campaign_progress_follows_every_change(run, tmp_path):
    """Progress is kept per campaign and status as items change (done,
    reopen, cancel, moving a task between campaigns, imports), and always
    agrees with a count of the tasks themselves (`check` recounts it)."""
    for name in ("甲专项", "乙专项"):
        run("campaign", "add", name, "--start", "2026-03-01", "--end", "2026-12-31")
    for n in range(1, 5):
        run("add", "campaign-task", f"任务{n}", "--due", "2026-04-01", "--campaign", "甲专项", "--ref", f"R{n}")
    run("done", "1", "--on", "2026-03-30")
    run("done", "2", "--on", "2026-03-30")
    run("reopen", "2")
    run("cancel", "3", "--reason", "重复")
    run("edit", "4", "--campaign", "乙专项")
    f = tmp_path / "more.csv"
    f.write_text(
        "文号,类型,事项名称,办结时限,专项整治,状态,办结日期\n"
        "R5,专项整治任务,任务5,2026-04-01,乙专项,已办结,2026-03-31\n"
        "R2,专项整治任务,任务2,2026-04-01,乙专项,办理中,\n",
        encoding="utf-8",
    )
    run("import", f, "--update")
    listing = json.loads(run("campaign", "show", "甲专项", "--format", "json", "--as-of", "2026-04-10").output)
    assert (listing["done"], listing["open"], listing["total"]) == (1, 0, 1)
    other = json.loads(run("campaign", "show", "乙专项", "--format", "json", "--as-of", "2026-04-10").output)
    assert (other["done"], other["open"], other["total"], other["overdue"]) == (1, 2, 3, 2)
    assert run("check").exit_code == 0


def test_edit_with_version_check(run):
    item = add_review(run)
    run("edit", item, "--title", "张三申请复议（更正）", "--if-version", "1")
    r = run("edit", item, "--owner", "赵六", "--if-version", "1", ok=False)
    assert r.exit_code == 1
    assert "已被他人修改" in r.stderr and "未保存" in r.stderr
    assert run.sql("SELECT owner, version FROM items") == [("李四", 2)]
    # changing the received date recomputes the rule-based deadline
    # 10 wd after 2024-10-08: 10-09..11, 10-12 (make-up Sat), 10-14..18, 10-21
    run("edit", item, "--received", "2024-10-08")
    assert run.sql("SELECT due_on FROM items") == [("2024-10-21",)]
    show = run("show", item).output
    assert "修改：事项名称" in show and "收文日期 2024-09-26 → 2024-10-08" in show


def test_calendar_show_json_and_text(run):
    j = json.loads(run("calendar", "show", "2026", "--format", "json").output)
    assert j["year"] == 2026 and j["provisional"] is False and len(j["days"]) == 365
    day = {d["date"]: d for d in j["days"]}
    assert day["2026-02-17"] == {"date": "2026-02-17", "workday": False, "note": "春节"}
    assert day["2026-02-14"]["workday"] is True and "调休" in day["2026-02-14"]["note"]
    assert day["2026-03-02"] == {"date": "2026-03-02", "workday": True, "note": None}
    assert json.loads(run("calendar", "show", "2027", "--format", "json").output)["provisional"] is True
    text = run("calendar", "show", "2026").output
    assert "2026-10-10" in text and "国庆节调休上班" in text


def test_calendar_set_recomputes_and_counts(run):
    run("add", "review", "跨年复议", "--received", "2026-12-25")
    assert run.sql("SELECT due_on, due_provisional FROM items") == [("2027-01-11", 1)]
    assert "暂定" in run("show", "1").output
    r = run("calendar", "set", "2027-01-04", "holiday", "--note", "元旦调休")
    assert "1 条变化，0 条由暂定转为确定（共检查 1 条）" in r.output
    assert run.sql("SELECT due_on, due_provisional FROM items") == [("2027-01-12", 1)]  # one day is not the notice
    assert "期限重算：2027-01-11 → 2027-01-12" in run("show", "1").output
    shown = json.loads(run("calendar", "show", "2027", "--format", "json").output)
    assert shown["provisional"] is True
    text = run("calendar", "show", "2027").output
    assert text.count("本局设置") == 1  # the one entry, not 365 rows
    r = run("calendar", "announce", "2027")
    assert "0 条变化，1 条由暂定转为确定" in r.output
    assert run.sql("SELECT due_on, due_provisional FROM items") == [("2027-01-12", 0)]
    assert json.loads(run("calendar", "show", "2027", "--format", "json").output)["provisional"] is False


def test_calendar_import_roundtrip(run, tmp_path):
    run("add", "review", "跨年复议", "--received", "2026-12-25")
    f = tmp_path / "2027.csv"
    f.write_text(
        "date,type,note\n2027-01-01,holiday,元旦\n2027-01-04,休息,元旦调休\n2027-01-09,workday,调休上班\n",
        encoding="utf-8",
    )
    r = run("calendar", "import", str(f))
    assert "已导入 3 个日历条目" in r.output and "0 条变化，1 条由暂定转为确定" in r.output
    # 10 wd from 2026-12-25: 12-28..31, 01-05..08, 01-09 (make-up Sat), 01-11
    assert run.sql("SELECT due_on, due_provisional FROM items") == [("2027-01-11", 0)]
    j = tmp_path / "2027.json"
    j.write_text(run("calendar", "show", "2027", "--format", "json").output, encoding="utf-8")
    assert "365" in run("calendar", "import", str(j)).output


def test_every_command_has_help():
    from click.testing import CliRunner

    runner = CliRunner()
    r = runner.invoke(cli, ["--help"])
    assert r.exit_code == 0 and "督办台账" in r.output

    def walk(group, path):
        load_all()
        for name, cmd in group.commands.items():
            assert cmd.help and cmd.help.strip(), f"{path + [name]} has no help"
            res = runner.invoke(cli, path + [name, "--help"])
            assert res.exit_code == 0 and "--db" in res.output, path + [name]
            if hasattr(cmd, "commands"):
                walk(cmd, path + [name])

    walk(cli, [])


def test_subprocess_entry_point(tmp_path):
    r = run_subprocess("--db", tmp_path / "x.db", "due", "review-reply", "2024-09-26")
    assert r.returncode == 0 and r.stdout.splitlines()[0] == "2024-10-15"


@pytest.mark.parametrize(
    "args", [["--help"], ["report", "--format", "text"], ["report"], ["add", "task", "x", "--due", "2026-03-01"]]
)
def test_cli_does_not_import_textual(db_path, args):
    """A light start for --help, the report and the write commands."""
    import subprocess
    import sys

    code = (
        "import sys; from tracker.cli import main\ntry:\n main(sys.argv[1:])\nexcept SystemExit: pass\n"
        "print('textual' in sys.modules, file=sys.stderr)"
    )
    r = subprocess.run([sys.executable, "-c", code, "--db", str(db_path), *args], capture_output=True, text=True)
    assert r.stderr.strip().splitlines()[-1] == "False", r.stderr


# What the write commands must not load on their way (each some milliseconds
# of every start: the budget for add/note/done is 60 ms).
HEAVY = ("textual", "rich", "pathlib", "_hashlib", "chinese_calendar", "lunar_python", "dateutil", "getpass")


@pytest.mark.parametrize(
    "args",
    [
        ["add", "task", "x", "--due", "2026-03-01"],
        ["note", "1", "已电话催办"],
        ["remind", "1"],
        ["done", "1", "--on", "2026-02-20"],
    ],
)
def test_write_commands_start_light(db_path, args):
    import subprocess
    import sys

    for setup in (["init"], ["add", "task", "y", "--due", "2026-03-01"]):
        subprocess.run([sys.executable, "-m", "tracker", "--db", str(db_path), *setup], check=True, capture_output=True)
    code = (
        "import sys; from tracker.cli import main\nmain(sys.argv[1:])\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db_path), "--as-of", "2026-02-20", *args],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "事项" in r.stdout, r.stderr
    assert r.stderr.strip() == "[]"


def test_events_are_append_only(run, db_path):
    add_review(run)
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET actor = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events")
    conn.close()
    assert run.sql("SELECT count(*), min(actor) FROM events")[0][0] == 1


def test_list_limit(run):
    for n in range(5):
        run("add", "task", f"事项{n}", "--due", f"2026-03-0{n + 1}")
    rows = json.loads(run("list", "--limit", "2", "--format", "json").output)
    assert [r["title"] for r in rows] == ["事项0", "事项1"]


def test_help_is_in_chinese_for_every_command_and_option():
    import click
    from click.testing import CliRunner

    from tracker.i18n import help as help_zh

    def walk(group, path):
        load_all()
        for name, cmd in group.commands.items():
            p = " ".join(path + [name])
            assert help_zh.command_help(p), f"no Chinese help for {p}"
            for param in cmd.params:
                if isinstance(param, click.Option) and param.help:
                    assert help_zh.option_help(p, max(param.opts, key=len)), f"{p} {param.opts}"
            if hasattr(cmd, "commands"):
                walk(cmd, path + [name])

    walk(cli, [])
    out = CliRunner().invoke(cli, ["report", "--help"]).output
    assert "督办晨报" in out and "临期：N 个工作日内到期" in out
    out = CliRunner().invoke(cli, ["--lang", "en", "report", "--help"]).output
    assert "The morning report" in out
