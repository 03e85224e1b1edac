"""Responsible units: shares, reports (反馈), review before closing, returns,
cadences and missed reports, campaign figures, the forms out and back, the
bulletin, units as data. Driven through the CLI on real database files;
filled forms written with openpyxl as a town's clerk would."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from tests.helpers import Runner, ledger_from

D = "2026-03-09"  # a Monday


def js(result):
    return json.loads(result.output)


def _town(path):
    run = Runner(path)
    run("init")
    run(
        "campaign", "add", "燃气百日攻坚", "--start", "2026-02-02", "--end", "2026-05-01", "--unit", "危化品监管科",
        "--cadence", "每周一报", "--figure", "检查企业数", "--figure", "发现隐患数", "--target", "检查企业数=500",
    )  # fmt: skip
    for name in ("茶山镇", "虎门镇", "长安镇"):
        run(
            "add",
            "campaign-task",
            f"{name}燃气排查",
            "--unit",
            name,
            "--campaign",
            "燃气百日攻坚",
            "--due",
            "2026-04-30",
        )
    run("add", "task", "整治分租式厂房", "--unit", "虎门镇", "--assist", "茶山镇、法规科", "--due", "2026-03-20")


@pytest.fixture
def town(db_path):
    """A gas campaign reporting weekly with two figures, three towns' tasks,
    and a task 虎门镇 leads with 茶山镇 and 法规科 assisting (made once, copied)."""
    ledger_from("town", _town, db_path)
    return Runner(db_path)


# ---------------------------------------------------------------- shares --
def test_list_unit_includes_assisting_shares_with_their_role(town):
    rows = js(town("list", "--unit", "茶山镇", "--format", "json", "--as-of", D))
    assert [(r["id"], r["role"]) for r in rows] == [(4, "assist"), (1, "lead")]
    lead = js(town("list", "--unit", "茶山镇", "--lead-only", "--format", "json", "--as-of", D))
    assert [r["id"] for r in lead] == [1]
    # the report's --unit stays the lead unit's
    report = js(town("report", "--unit", "茶山镇", "--soon", "30", "--format", "json", "--as-of", "2026-03-19"))
    assert 4 not in {i["id"] for i in report["due_soon"] + report["due_today"]}
    report = js(town("report", "--unit", "虎门镇", "--soon", "30", "--format", "json", "--as-of", "2026-03-19"))
    assert 4 in {i["id"] for i in report["due_soon"]}


def test_shares_follow_edits_of_lead_and_assisting_units(town):
    town("feedback", "add", "4", "--unit", "茶山镇", "排查完毕", "--done", "--as-of", D)
    town("edit", "4", "--assist", "茶山镇；长安镇")  # 法规科 leaves, 长安镇 joins, 茶山镇 keeps its state
    shares = {s["unit"]: s for s in js(town("show", "4", "--format", "json"))["shares"]}
    assert set(shares) == {"虎门镇", "茶山镇", "长安镇"}
    assert shares["茶山镇"]["state"] == "reported" and shares["长安镇"]["state"] == "open"
    town("edit", "4", "--unit", "长安镇")  # an assisting unit becomes the lead
    shares = {s["unit"]: s["role"] for s in js(town("show", "4", "--format", "json"))["shares"]}
    assert shares == {"长安镇": "lead", "茶山镇": "assist"}
    assert [r["id"] for r in js(town("list", "--unit", "虎门镇", "--format", "json"))] == [2]


def test_an_imported_ledger_gets_shares(run, tmp_path):
    f = tmp_path / "台账.csv"
    with f.open("w", encoding="utf-8-sig", newline="") as out:
        w = csv.writer(out)
        w.writerow(["类型", "事项名称", "责任单位", "配合单位", "办结时限"])
        w.writerow(["交办任务", "消防通道清理", "石龙镇", "石排镇、企石镇", "2026-03-30"])
    run("import", f)
    roles = js(run("list", "--unit", "企石镇", "--format", "json"))
    assert [r["role"] for r in roles] == ["assist"]


# --------------------------------------------------- reports and review --
def test_lead_done_awaits_review_then_office_closes_or_returns(town):
    town("feedback", "add", "4", "--unit", "茶山镇", "配合检查完毕", "--done", "--as-of", D)
    report = js(town("report", "--format", "json", "--as-of", D))
    assert report["awaiting_review"] == []  # an assisting unit's done is its own part only
    out = town("feedback", "add", "4", "--unit", "虎门镇", "整治完成，请销号", "--done", "--as-of", D).output
    assert "待销号" in out
    report = js(town("report", "--format", "json", "--as-of", D))
    assert [i["id"] for i in report["awaiting_review"]] == [4]
    assert set(report["awaiting_review"][0]) >= set(report["overdue"][0] if report["overdue"] else {}) | {
        "id", "ref_no", "kind", "title", "unit", "owner", "due_on", "days_overdue", "provisional"
    }  # fmt: skip
    text = town("report", "--format", "text", "--as-of", D).output
    assert "待销号" in text and "整治分租式厂房" in text
    assert "待销号" in town("show", "4").output

    town("return", "4", "--reason", "台账照片不全", "--due", "2026-03-27", "--as-of", D)
    item = js(town("show", "4", "--format", "json"))
    assert item["status"] == "open" and item["due_on"] == "2026-03-27" and not item["awaiting_review"]
    assert {s["unit"]: s["state"] for s in item["shares"]} == {"虎门镇": "returned", "茶山镇": "open", "法规科": "open"}
    assert js(town("report", "--format", "json", "--as-of", D))["awaiting_review"] == []
    assert "退回" in town("show", "4").output
    assert "检查通过" in town("check").output  # the new due date is what the history says

    town("feedback", "add", "4", "--unit", "虎门镇", "照片已补", "--done", "--as-of", "2026-03-10")
    town("done", "4", "--on", "2026-03-11")
    assert js(town("report", "--format", "json", "--as-of", "2026-03-12"))["awaiting_review"] == []
    bulletin = js(
        town("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--as-of", "2026-04-01")
    )
    humen = next(u for u in bulletin["units"] if u["unit"] == "虎门镇")
    assert humen["returned"] == 1 and humen["due"] == 1 and humen["done_on_time"] == 1


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("feedback", "add", "4", "--unit", "长安镇", "我们也查了"), "长安镇"),  # holds no share of item 4
        (("feedback", "add", "4", "--unit", "没有的单位", "x"), "没有的单位"),
        (("feedback", "add", "1", "--unit", "茶山镇", "x", "--figure", "约谈企业数=3"), "约谈企业数"),  # undefined
        (("feedback", "add", "1", "--unit", "茶山镇", "x", "--figure", "检查企业数=很多"), "检查企业数=很多"),
        (("feedback", "add", "4", "--unit", "虎门镇", "x", "--figure", "检查企业数=3"), "检查企业数"),  # no campaign
        (("return", "4", "--reason", "不行"), "--force"),  # not awaiting review
        (("campaign", "add", "另一专项", "--cadence", "每季一报"), "每季一报"),
        (("add", "task", "某事", "--due", "2026-04-01", "--cadence", "hourly"), "hourly"),
        (("unit", "rename", "茶山镇", "虎门镇"), "虎门镇"),
        (("unit", "merge", "茶山镇", "茶山镇"), "茶山镇"),
    ],
)
def test_bad_input_is_one_line_exit_1_nothing_written(town, args, needle):
    before = town.snapshot()
    r = town(*args, "--as-of", D, ok=False)
    assert r.exit_code == 1, r.output
    assert len(r.stderr.strip().splitlines()) == 1 and needle in r.stderr
    assert town.snapshot() == before


def test_the_report_lists_the_first_twenty_awaiting_review_and_counts_all(run):
    for n in range(23):
        run("add", "task", f"整治{n:02d}", "--unit", "虎门镇" if n % 2 else "长安镇", "--due", f"2026-03-{n + 1:02d}")
        run("feedback", "add", str(n + 1), "--unit", "虎门镇" if n % 2 else "长安镇", "完成", "--done", "--as-of", D)
    run("add", "task", "未报", "--unit", "虎门镇", "--due", "2026-03-02")

    def awaiting(*args):
        text = run("report", "--format", "text", "--as-of", D, *args).output
        return text[text.index("待销号（牵头单位已报办结）") :]

    section = awaiting()
    assert section.startswith("待销号（牵头单位已报办结）（23）")
    assert "整治19" in section and "整治20" not in section and "未报" not in section
    assert "……另有 3 项（--all 显示全部）" in section
    assert "整治22" in awaiting("--all")
    report = js(run("report", "--format", "json", "--as-of", D))
    assert [i["title"] for i in report["awaiting_review"]] == [f"整治{n:02d}" for n in range(23)]
    only = js(run("report", "--format", "json", "--unit", "虎门镇", "--kind", "task", "--as-of", D))
    assert len(only["awaiting_review"]) == 11
    section = awaiting("--unit", "长安镇")
    assert section.startswith("待销号（牵头单位已报办结）（12）") and "另有" not in section


def test_return_with_force_of_an_item_not_awaiting_review(town):
    town("return", "4", "--reason", "要求重新制定方案", "--force", "--as-of", D)
    assert {s["unit"]: s["returns"] for s in js(town("show", "4", "--format", "json"))["shares"]}["虎门镇"] == 1


def test_feedback_list_filters_and_json(town):
    town("feedback", "add", "1", "--unit", "茶山镇", "检查35家", "--figure", "检查企业数=35", "--on", "2026-03-04")
    town("feedback", "add", "4", "--unit", "法规科", "出具法律意见", "--on", "2026-03-06")
    rows = js(town("feedback", "list", "--format", "json"))
    assert [(r["item_id"], r["unit"], r["role"], r["on"]) for r in rows] == [
        (4, "法规科", "assist", "2026-03-06"),
        (1, "茶山镇", "lead", "2026-03-04"),
    ]
    assert rows[1]["figures"] == {"检查企业数": 35}
    assert [r["item_id"] for r in js(town("feedback", "list", "1", "--format", "json"))] == [1]
    assert [r["unit"] for r in js(town("feedback", "list", "--unit", "法规科", "--format", "json"))] == ["法规科"]
    assert js(town("feedback", "list", "--from", "2026-03-05", "--to", "2026-03-05", "--format", "json")) == []
    assert "出具法律意见" in town("feedback", "list").output


# ---------------------------------------------------- cadence and missed --
def test_weekly_campaign_missing_reports_on_the_working_day_calendar(town):
    # weeks end on their last working day: 02-14 (a make-up Saturday), the
    # Spring Festival week has none, 02-28 (make-up Saturday), 03-06 (Friday)
    town("feedback", "add", "1", "--unit", "茶山镇", "本周检查", "--on", "2026-03-04")
    town("feedback", "add", "2", "--unit", "虎门镇", "上周检查", "--on", "2026-02-26")
    missing = js(town("report", "--format", "json", "--as-of", D))["missing_reports"]
    by_unit = {m["unit"]: m for m in missing if m["campaign"]}
    assert set(by_unit) == {"虎门镇", "长安镇"}  # 茶山镇 reported for the week ending 03-06
    assert by_unit["长安镇"] == {
        "unit": "长安镇", "campaign": "燃气百日攻坚", "item_id": None, "period_end": "2026-03-06", "missed": 3,
    }  # fmt: skip
    assert by_unit["虎门镇"]["missed"] == 2
    show = js(town("campaign", "show", "燃气百日攻坚", "--format", "json", "--as-of", D))
    assert show["unreported"] == {"period_end": "2026-03-06", "units": ["长安镇", "虎门镇"]}
    assert "长安镇、虎门镇" in town("campaign", "show", "燃气百日攻坚", "--as-of", D).output
    # a unit whose task is done owes nothing more
    town("done", "3", "--on", D)
    missing = js(town("report", "--format", "json", "--as-of", D))["missing_reports"]
    assert "长安镇" not in {m["unit"] for m in missing}


def test_who_owes_a_campaign_follows_its_tasks(town):
    def owing():
        missing = js(town("report", "--format", "json", "--as-of", D))["missing_reports"]
        return {m["unit"] for m in missing if m["campaign"]}

    assert owing() == {"茶山镇", "虎门镇", "长安镇"}
    # the task 虎门镇 leads (茶山镇 and 法规科 assisting) joins the campaign
    town("edit", "4", "--campaign", "燃气百日攻坚")
    assert owing() == {"茶山镇", "虎门镇", "长安镇", "法规科"}
    town("feedback", "add", "4", "--unit", "法规科", "意见已出", "--done", "--as-of", D)
    assert owing() == {"茶山镇", "虎门镇", "长安镇"}  # its part done, it owes no more
    town("done", "3", "--on", D)
    assert owing() == {"茶山镇", "虎门镇"}
    town("reopen", "3")
    assert owing() == {"茶山镇", "虎门镇", "长安镇"}
    town("check")
    # the copy of the campaign on a share, changed behind tracker's back, is found
    town.tamper("UPDATE shares SET campaign_id = NULL WHERE item_id = 4")
    result = town("check", ok=False)
    assert result.exit_code == 1 and "承办单位记录的专项整治与事项不符: 1（4）" in result.stderr


def test_daily_item_cadence(run):
    run("add", "listed", "某厂重大隐患挂牌督办", "--unit", "虎门镇", "--assist", "执法支队", "--received", "2026-03-02",
        "--due", "2026-04-30", "--cadence", "daily")  # fmt: skip
    run("feedback", "add", "1", "--unit", "虎门镇", "今日整改进度30%", "--on", "2026-03-05")
    missing = js(run("report", "--format", "json", "--as-of", "2026-03-06"))["missing_reports"]
    # 执法支队 never reported: 03-02 .. 03-05 are four working days; 虎门镇 reported for 03-05
    assert missing == [{"unit": "执法支队", "campaign": None, "item_id": 1, "period_end": "2026-03-05", "missed": 4}]
    assert js(run("show", "1", "--format", "json"))["cadence"] == "daily"


def test_monthly_cadence_ends_on_the_last_working_day(run):
    from tracker.calendar import WorkCalendar
    from tracker.units import period_ends

    ends = period_ends(
        "monthly", __import__("datetime").date(2026, 1, 5), __import__("datetime").date(2026, 5, 31), WorkCalendar()
    )
    # 2026-01-31 and 05-31 are weekends; 02-28 is a make-up working Saturday
    assert [d.isoformat() for d in ends] == ["2026-01-30", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-29"]


def test_old_free_text_cadences_are_migrated(tmp_path):
    from tests.helpers import Runner
    from tests.test_upgrade import V1

    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.executescript(
        "INSERT INTO units (id, name) VALUES (1, '茶山镇'), (2, '虎门镇');"
        "INSERT INTO campaigns (id, name, start_on, cadence, created_at) VALUES "
        "(1, '甲', '2026-03-01', '每日一报', 'x'), (2, '乙', '2026-03-01', '每周报送一次', 'x'),"
        "(3, '丙', '2026-03-01', '按需', 'x');"
        "INSERT INTO items (id, kind, title, unit_id, due_on, status, closed_on, campaign_id, created_at, updated_at) "
        "VALUES (1, 'task', '一', 1, '2026-04-01', 'open', NULL, NULL, 'x', 'x'),"
        "       (2, 'task', '二', 1, '2026-04-01', 'done', '2026-03-20', NULL, 'x', 'x');"
        "INSERT INTO item_assist_units (item_id, unit_id, pos) VALUES (1, 2, 0);"
    )
    conn.close()
    run = Runner(old)
    run("init")
    assert run.sql("SELECT name, cadence FROM campaigns ORDER BY id") == [
        ("甲", "daily"),
        ("乙", "weekly"),
        ("丙", None),
    ]
    assert run.sql("SELECT item_id, unit_id, role, state FROM shares ORDER BY 1, 2") == [
        (1, 1, "lead", "open"),
        (1, 2, "assist", "open"),
        (2, 1, "lead", "reported"),
    ]
    assert [r["role"] for r in js(run("list", "--unit", "虎门镇", "--format", "json"))] == ["assist"]


# --------------------------------------------------------------- figures --
def test_campaign_figures_totals_targets_and_each_unit(town):
    town("feedback", "add", "1", "--unit", "茶山镇", "第一周", "--figure", "检查企业数=35", "--figure", "发现隐患数=4")
    town("feedback", "add", "1", "--unit", "茶山镇", "第二周", "--figure", "检查企业数=15")
    town("feedback", "add", "2", "--unit", "虎门镇", "第一周", "--figure", "检查企业数=50")
    show = js(town("campaign", "show", "燃气百日攻坚", "--format", "json", "--as-of", D))
    figs = {f["name"]: f for f in show["figures"]}
    assert [f["name"] for f in show["figures"]] == ["检查企业数", "发现隐患数"]
    assert figs["检查企业数"]["total"] == 100 and figs["检查企业数"]["target"] == 500
    assert figs["检查企业数"]["by_unit"] == {"茶山镇": 50, "虎门镇": 50}
    assert figs["发现隐患数"] == {
        "name": "发现隐患数",
        "total": 4,
        "target": None,
        "by_unit": {"茶山镇": 4},
        "progress": None,
    }
    text = town("campaign", "show", "燃气百日攻坚", "--as-of", D).output
    assert "检查企业数：100 / 目标 500（20%）" in text
    # each unit's figures: a table, a unit to a line, by pinyin
    lines = [line.split() for line in text.splitlines()]
    assert ["单位", "检查企业数", "发现隐患数"] in lines
    assert lines.index(["茶山镇", "50", "4"]) + 1 == lines.index(["虎门镇", "50", "0"])


# ------------------------------------------------------ the form and back --
def _form_path(folder, unit):
    return next(p for p in folder.iterdir() if unit in p.name)


def _fill(path, rows: dict, out=None, unit_cell=None):
    """Fill a form as a town's clerk does in Excel: by item number."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[4]]
    for row in ws.iter_rows(min_row=5):
        values = rows.get(row[0].value)
        if values:
            for name, value in values.items():
                row[header.index(name)].value = value
    if unit_cell:
        ws["B2"] = unit_cell
    wb.save(out or path)
    return out or path


def test_forms_out_protected_with_dropdown_dates_figures_a4(town, tmp_path):
    folder = tmp_path / "forms"
    out = town("feedback", "form", "-o", folder, "--as-of", D).output
    assert "4" in out
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 4 and any("法规科" in f for f in files)
    wb = openpyxl.load_workbook(_form_path(folder, "虎门镇"))
    ws = wb.worksheets[0]
    assert ws["B2"].value == "虎门镇"
    assert [c.value for c in ws[4]] == [
        "编号", "文号", "事项名称", "办结时限", "角色", "本期进展", "是否办结", "办结日期", "检查企业数", "发现隐患数",
    ]  # fmt: skip
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5, values_only=False)]
    assert [(r[0], r[2], r[4]) for r in rows] == [(4, "整治分租式厂房", "牵头"), (2, "虎门镇燃气排查", "牵头")]
    assert ws["D5"].is_date
    assert ws.protection.sheet and ws["A5"].protection.locked and not ws["F5"].protection.locked
    assert not ws["H5"].protection.locked
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and '"是,否"' in lists[0].formula1 and "G5" in str(lists[0].sqref)
    assert ws.page_setup.paperSize in (9, "9") and ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one file for one unit's campaign form
    one = tmp_path / "茶山镇.xlsx"
    town("feedback", "form", "--unit", "茶山镇", "--campaign", "燃气百日攻坚", "-o", one, "--as-of", D)
    ws = openpyxl.load_workbook(one).worksheets[0]
    assert [r[0] for r in ws.iter_rows(min_row=5, values_only=True) if r[0]] == [1]


def test_filled_forms_back_all_or_nothing(town, tmp_path):
    folder = tmp_path / "forms"
    town("feedback", "form", "-o", folder, "--as-of", D)
    humen = _fill(
        _form_path(folder, "虎门镇"),
        {4: {"本期进展": "分租厂房全部整改", "是否办结": "是", "办结日期": "2026-03-10"},
         2: {"本期进展": "检查燃气用户", "检查企业数": 28, "发现隐患数": 3}},
    )  # fmt: skip
    chashan = _fill(_form_path(folder, "茶山镇"), {1: {"本期进展": "检查20家", "检查企业数": 20}})
    # a clerk changed a title: that row is named with its file, nothing imported
    broken = _fill(
        _form_path(folder, "长安镇"),
        {3: {"事项名称": "长安镇燃气大排查", "本期进展": "检查"}},
        tmp_path / "长安镇.xlsx",
    )
    before = town.snapshot()
    r = town("feedback", "import", humen, chashan, broken, "--as-of", "2026-03-11", ok=False)
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 2 and "长安镇.xlsx" in lines[1] and "第 5 行" in lines[1] and "编号 3" in lines[1]
    assert town.snapshot() == before

    town("feedback", "import", humen, chashan, "--as-of", "2026-03-11")
    rows = js(town("feedback", "list", "--format", "json"))
    assert {(r["item_id"], r["unit"], r["done"]) for r in rows} == {
        (4, "虎门镇", True),
        (2, "虎门镇", False),
        (1, "茶山镇", False),
    }
    assert {r["source"] for r in rows} == {humen.name, chashan.name}
    figs = {f["name"]: f for f in js(town("campaign", "show", "燃气百日攻坚", "--format", "json"))["figures"]}
    assert figs["检查企业数"]["by_unit"] == {"茶山镇": 20, "虎门镇": 28}
    assert [i["id"] for i in js(town("report", "--format", "json", "--as-of", "2026-03-11"))["awaiting_review"]] == [4]
    shares = {s["unit"]: s for s in js(town("show", "4", "--format", "json"))["shares"]}
    assert shares["虎门镇"]["reported_on"] == "2026-03-10"


def test_many_forms_read_two_at_a_time_import_as_read_one_by_one(town, tmp_path, monkeypatch):
    """Many or long forms are read on two threads: the reports are written in
    the order of the files and their rows, one report a change to its item,
    and a file that cannot be read is named in its turn, nothing written."""
    from tracker import unit_forms

    monkeypatch.setattr(unit_forms, "_READ_AHEAD_BYTES", 0)  # these small forms too
    folder = tmp_path / "forms"
    town("feedback", "form", "-o", folder, "--as-of", D)
    humen = _fill(_form_path(folder, "虎门镇"), {4: {"本期进展": "整改一半"}, 2: {"本期进展": "检查8家"}})
    chashan = _fill(_form_path(folder, "茶山镇"), {4: {"本期进展": "配合排查", "是否办结": "是"}})
    changan = _fill(_form_path(folder, "长安镇"), {3: {"本期进展": "检查5家", "检查企业数": 5}})
    broken = tmp_path / "坏表.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    before = town.snapshot()
    r = town("feedback", "import", humen, chashan, broken, changan, ok=False)
    assert r.exit_code == 1 and "坏表.xlsx" in r.stderr and "Traceback" not in r.stderr
    assert town.snapshot() == before

    version = js(town("show", "4", "--format", "json"))["version"]
    town("feedback", "import", humen, chashan, changan, "--as-of", D)
    rows = js(town("feedback", "list", "--format", "json"))
    assert sorted((r["id"], r["item_id"], r["unit"]) for r in rows) == [
        (1, 4, "虎门镇"), (2, 2, "虎门镇"), (3, 4, "茶山镇"), (4, 3, "长安镇"),
    ]  # fmt: skip
    shown = js(town("show", "4", "--format", "json"))
    assert shown["version"] == version + 2  # two reports on it
    assert {s["unit"]: s["state"] for s in shown["shares"]}["茶山镇"] == "reported"
    assert town("check").exit_code == 0  # the events' chain holds


@pytest.mark.parametrize(
    ("fill", "needle"),
    [
        ({4: {"本期进展": "x", "是否办结": "也许"}}, "也许"),
        ({2: {"本期进展": "x", "检查企业数": "二十"}}, "二十"),
        ({4: {"本期进展": "x", "办结日期": "下周"}}, "下周"),
    ],
)
def test_bad_form_values_are_named(town, tmp_path, fill, needle):
    folder = tmp_path / "forms"
    town("feedback", "form", "-o", folder, "--as-of", D)
    path = _fill(_form_path(folder, "虎门镇"), fill)
    before = town.snapshot()
    r = town("feedback", "import", path, ok=False)
    assert r.exit_code == 1 and needle in r.stderr and path.name in r.stderr
    assert town.snapshot() == before


def test_form_of_a_unit_without_share_or_figure_not_defined(town, tmp_path):
    folder = tmp_path / "forms"
    town("feedback", "form", "-o", folder, "--as-of", D)
    # 长安镇's form sent in as 法规科's: 法规科 holds no share of item 3
    moved = _fill(_form_path(folder, "长安镇"), {3: {"本期进展": "x"}}, tmp_path / "x.xlsx", unit_cell="法规科")
    r = town("feedback", "import", moved, ok=False)
    assert r.exit_code == 1 and "法规科" in r.stderr and "事项 3" in r.stderr
    # a figure column for an item whose campaign has none (item 4 is no campaign task)
    path = _fill(_form_path(folder, "虎门镇"), {4: {"本期进展": "x", "检查企业数": 3}})
    r = town("feedback", "import", path, ok=False)
    assert r.exit_code == 1 and "检查企业数" in r.stderr


def test_form_saved_as_csv_imports(town, tmp_path):
    path = tmp_path / "虎门镇.csv"
    with path.open("w", encoding="gb18030", newline="") as f:  # as Chinese Excel saves CSV
        w = csv.writer(f)
        w.writerow(["督办事项反馈表"])
        w.writerow(["填报单位", "虎门镇", "填报日期", "2026/3/10"])
        w.writerow(["编号", "文号", "事项名称", "办结时限", "角色", "本期进展", "是否办结", "办结日期", "检查企业数"])
        w.writerow(["2", "", "虎门镇燃气排查", "2026-04-30", "牵头", "检查12家", "否", "", "12"])
        w.writerow(["4", "", "整治分租式厂房", "2026-03-20", "牵头", "", "", "", ""])  # not filled: skipped
    town("feedback", "import", path)
    rows = js(town("feedback", "list", "--format", "json"))
    assert [(r["item_id"], r["on"], r["figures"]) for r in rows] == [(2, "2026-03-10", {"检查企业数": 12})]


@pytest.mark.parametrize("id_text", ["99999999999999999999", "1" * 5000, "²", "①", "2.5"])
def test_a_form_row_whose_id_is_no_item_number_is_named(town, tmp_path, id_text):
    path = tmp_path / "虎门镇.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["填报单位", "虎门镇"])
        w.writerow(["编号", "文号", "事项名称", "办结时限", "角色", "本期进展", "是否办结", "办结日期"])
        w.writerow([id_text, "", "虎门镇燃气排查", "2026-04-30", "牵头", "检查12家", "否", ""])
    before = town.snapshot()
    r = town("feedback", "import", path, ok=False)
    assert r.exit_code == 1 and "Traceback" not in r.stderr and f"编号 '{id_text[:30]}" in r.stderr
    assert "不是事项编号" in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 2 and town.snapshot() == before


def test_a_full_width_form_id_reads_as_its_number(town, tmp_path):
    path = tmp_path / "虎门镇.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["填报单位", "虎门镇"])
        w.writerow(["编号", "文号", "事项名称", "办结时限", "角色", "本期进展", "是否办结", "办结日期"])
        w.writerow(["２", "", "虎门镇燃气排查", "2026-04-30", "牵头", "检查12家", "否", ""])
    town("feedback", "import", path, "--as-of", D)
    assert [r["item_id"] for r in js(town("feedback", "list", "--format", "json"))] == [2]


def test_a_zip_bomb_or_huge_sheet_is_refused(town, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<x/>")
        z.writestr("xl/worksheets/sheet1.xml", '<worksheet><dimension ref="A1:XFD1048576"/></worksheet>')
    r = town("feedback", "import", bomb, ok=False)
    assert r.exit_code == 1 and len(r.stderr.strip().splitlines()) == 1
    broken = tmp_path / "残缺.xlsx"  # a form cut off in the mail
    broken.write_bytes(bomb.read_bytes()[:40])
    r = town("feedback", "import", broken, ok=False)
    assert r.exit_code == 1 and "文件已损坏或不完整" in r.stderr and "Error" not in r.stderr


def _xlsx_parts(path) -> dict:
    """Every part of an XLSX but docProps/core.xml (which holds the time it was written)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_form_rows_written_fast_or_by_cell_are_the_same_file(tmp_path, monkeypatch):
    """write_form's item rows from row templates (_SheetRows) are what a
    write_* call per cell writes: text to escape, empty and wide 文号, rows
    of different figure columns, more than 16 rows (the spans), a sheet
    whose text is too long for the templates (written by cell) between two
    that are not, one workbook or one per unit."""
    import datetime as dt

    from tracker import unit_forms
    from tracker.unit_forms import Form, write_form

    odd = ["A&B <c> \"d\" 'e'", "_x0041_ 转义", " 前后空格 ", "换\n行", "\x1b[31m控制", "", "普通事项"]
    figures = ["检查企业数", "发现隐患数"]
    rows = [
        {
            "id": n,
            "ref_no": ["", "东应急〔2026〕12号", "A-1"][n % 3],
            "title": f"{odd[n % len(odd)]}{n}",
            "due_on": f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "role": ("lead", "assist")[n % 2],
            "figures": [figures, figures[:1], []][n % 3],
        }
        for n in range(1, 41)
    ]
    long = [{**rows[0], "title": "长" * 20000}, *rows[1:5]]
    forms = [
        Form("虎门镇", None, figures, rows),
        Form("长安镇", None, figures, long),
        Form("茶山镇[办]", "燃气百日攻坚", [], [{**r, "figures": []} for r in rows[:7]]),
    ]
    by_cell = []
    slow = unit_forms._write_rows_by_cell

    def counted(ws, form, formats):
        by_cell.append(form.unit)
        slow(ws, form, formats)

    monkeypatch.setattr(unit_forms, "_write_rows_by_cell", counted)
    on = dt.date(2026, 3, 9)
    write_form(forms, tmp_path / "fast.xlsx", on)
    assert by_cell == ["长安镇"]
    write_form(forms, tmp_path / "slow.xlsx", on, fast=False)
    assert _xlsx_parts(tmp_path / "fast.xlsx") == _xlsx_parts(tmp_path / "slow.xlsx")
    for n, form in enumerate(forms):
        write_form([form], tmp_path / f"fast{n}.xlsx", on)
        write_form([form], tmp_path / f"slow{n}.xlsx", on, fast=False)
        assert _xlsx_parts(tmp_path / f"fast{n}.xlsx") == _xlsx_parts(tmp_path / f"slow{n}.xlsx")
    sheet = _xlsx_parts(tmp_path / "fast0.xlsx")["xl/worksheets/sheet1.xml"].decode()
    assert '<row r="44" spans="1:10">' in sheet and 'r="J44"' in sheet


def test_form_problems_named_in_the_order_of_the_rows(town, tmp_path):
    """Rows checked against the ledger (a file at a time) and rows with a
    bad cell are named in the order of the rows, file by file."""
    path = tmp_path / "虎门镇.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["填报单位", "虎门镇"])
        w.writerow(["编号", "事项名称", "本期进展", "是否办结"])
        w.writerow(["2", "改过的名称", "x", ""])  # line 3: the ledger says otherwise
        w.writerow(["4", "整治分租式厂房", "x", "也许"])  # line 4: a bad cell
        w.writerow(["99", "没有的事项", "x", ""])  # line 5: no such item
        w.writerow(["1", "茶山镇燃气排查", "x", ""])  # line 6: 虎门镇 holds no share
        w.writerow(["4", "整治分租式厂房", "x", "是"])  # good
    other = tmp_path / "其他.csv"
    other.write_text("编号,事项名称\n1,x\n", encoding="utf-8")  # no unit
    before = town.snapshot()
    r = town("--lang", "en", "feedback", "import", path, other, ok=False)
    lines = r.stderr.strip().splitlines()
    assert r.exit_code == 1 and len(lines) == 6, lines
    assert [line.split(", line ")[1].split(":")[0] for line in lines[1:5]] == ["3", "4", "5", "6"]
    assert "其他.csv" in lines[5]
    assert town.snapshot() == before


# -------------------------------------------------------------- bulletin --
def test_bulletin_ranks_units_best_first(run, tmp_path):
    for unit, due, closed in (
        ("茶山镇", "2026-03-05", "2026-03-04"),
        ("茶山镇", "2026-03-10", "2026-03-09"),
        ("虎门镇", "2026-03-05", "2026-03-08"),  # late
        ("虎门镇", "2026-03-10", None),  # open, overdue
        ("长安镇", "2026-03-12", "2026-03-12"),
    ):
        r = run("add", "task", f"{unit}任务{due}", "--unit", unit, "--due", due, "-q")
        n = r.output.strip()
        if closed:
            run("done", n, "--on", closed)
    run("remind", "4")
    data = js(
        run("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--as-of", "2026-04-01")
    )
    assert (data["from"], data["to"], data["as_of"]) == ("2026-03-01", "2026-03-31", "2026-04-01")
    # equal merit, equal rank (并列)
    assert [(u["unit"], u["rank"]) for u in data["units"]] == [("茶山镇", 1), ("长安镇", 1), ("虎门镇", 3)]
    humen = data["units"][2]
    assert humen == {
        "unit": "虎门镇", "rank": 3, "due": 2, "done_on_time": 0, "on_time_rate": 0.0, "open_overdue": 1,
        "returned": 0, "reminders": 1, "missed_reports": 0,
    }  # fmt: skip
    assert data["units"][0]["on_time_rate"] == 1.0
    for fmt in ("text", "md", "html"):
        out = run(
            "bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", fmt, "--as-of", "2026-04-01"
        ).output
        assert "督查通报" in out and out.index("茶山镇") < out.index("虎门镇")
    xlsx = tmp_path / "通报.xlsx"
    run(
        "bulletin",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "xlsx",
        "-o",
        xlsx,
        "--as-of",
        "2026-04-01",
    )
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    assert "督查通报" in ws["A1"].value
    assert [ws.cell(r, 2).value for r in (5, 6, 7)] == ["茶山镇", "长安镇", "虎门镇"]
    assert ws.cell(7, 5).value == 0 and ws.cell(7, 5).number_format == "0.0%"
    assert run("bulletin", "--format", "xlsx", ok=False).exit_code == 1


def test_bulletin_figures_follow_every_change_and_check_recounts_them(run):
    """The bulletin's due / on time / overdue come from counts kept per due
    day and lead unit: after closings on time and late, a cancel, a reopen,
    a new lead unit, a new due date, a unit merged and an item without a
    unit, they agree with a count of the items; a count changed behind
    tracker's back is found by `check`."""

    def new(*args):
        return run("add", "task", *args, "-q").output.strip()

    ids = [
        new(f"任务{n}", "--unit", ("茶山镇", "虎门镇", "长安镇")[n % 3], "--due", f"2026-03-{n + 2:02d}")
        for n in range(9)
    ]
    new("无单位任务", "--due", "2026-03-20")
    run("done", ids[0], "--on", "2026-03-01")  # on time
    run("done", ids[1], "--on", "2026-03-20")  # late
    run("cancel", ids[2], "--reason", "重复")
    run("done", ids[3], "--on", "2026-03-05")
    run("reopen", ids[3], "--reason", "整改不到位")
    run("edit", ids[4], "--unit", "茶山镇")
    run("edit", ids[5], "--due", "2026-04-15")  # out of the period
    run("unit", "merge", "长安镇", "虎门镇")
    data = js(
        run("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--as-of", "2026-04-01")
    )
    got = {u["unit"]: (u["due"], u["done_on_time"], u["open_overdue"]) for u in data["units"]}
    want = {
        unit: (due, on_time, overdue)
        for unit, due, on_time, overdue in run.sql(
            "SELECT coalesce(u.name, ''), count(*), sum(i.status = 'done' AND i.closed_on <= i.due_on), "
            "sum(i.status = 'open') FROM items i LEFT JOIN units u ON u.id = i.unit_id "
            "WHERE i.due_on BETWEEN '2026-03-01' AND '2026-03-31' AND i.status <> 'cancelled' GROUP BY 1"
        )
    }
    assert got == want and got[""] == (1, 0, 1) and set(got) == {"茶山镇", "虎门镇", ""}
    assert sum(d for d, _, _ in got.values()) == 8
    run("check")
    run.tamper("UPDATE unit_due_counts SET n = n + 1 WHERE due_on = '2026-03-02'")
    r = run("check", ok=False)
    assert r.exit_code == 1 and "按到期日和责任单位的事项计数与事项不符" in r.stderr


def test_bulletin_counts_missed_reports(town):
    town("feedback", "add", "1", "--unit", "茶山镇", "x", "--on", "2026-03-04")
    data = js(
        town("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--as-of", "2026-04-01")
    )
    missed = {u["unit"]: u["missed_reports"] for u in data["units"]}
    # weeks ending 03-06, 03-13, 03-20, 03-27: 茶山镇 reported for the first
    assert missed["茶山镇"] == 3 and missed["长安镇"] == 4


# ---------------------------------------------------------- units as data --
def test_unit_list_by_pinyin_rename_merge_contact(town):
    town("unit", "set", "虎门镇", "--contact", "王五", "--phone", "0769-85000000")
    units = js(town("unit", "list", "--format", "json"))
    assert [u["unit"] for u in units] == ["茶山镇", "长安镇", "法规科", "虎门镇", "危化品监管科"]
    humen = next(u for u in units if u["unit"] == "虎门镇")
    assert (humen["contact"], humen["phone"], humen["lead_open"]) == ("王五", "0769-85000000", 2)
    assert "王五" in town("unit", "list").output

    town("unit", "rename", "长安镇", "长安镇人民政府")
    assert js(town("show", "3", "--format", "json"))["unit"] == "长安镇人民政府"
    assert "长安镇 → 长安镇人民政府" in town("show", "3").output

    town("feedback", "add", "4", "--unit", "茶山镇", "配合排查", "--as-of", D)
    town("unit", "merge", "茶山镇", "虎门镇")
    names = [u["unit"] for u in js(town("unit", "list", "--format", "json"))]
    assert "茶山镇" not in names
    assert js(town("show", "1", "--format", "json"))["unit"] == "虎门镇"
    # item 4: 虎门镇 led and 茶山镇 assisted: one share, the lead's
    shares = js(town("show", "4", "--format", "json"))["shares"]
    assert [(s["unit"], s["role"]) for s in shares] == [("虎门镇", "lead"), ("法规科", "assist")]
    assert [r["unit"] for r in js(town("feedback", "list", "--format", "json"))] == ["虎门镇"]
    events = js(town("show", "1", "--format", "json"))["events"]
    assert events[-1]["type"] == "unit" and events[-1]["data"]["changes"]["unit"] == ["茶山镇", "虎门镇"]
    assert town("check").exit_code == 0


# ------------------------------------------------------------------ demo --
def test_demo_has_shares_reports_and_cadences(tmp_path):
    from tests.helpers import Runner

    db = tmp_path / "demo.db"
    run = Runner(db)
    run("demo", "--items", "3000", "--no-ui", "--as-of", "2026-03-02")
    per_item = dict(run.sql("SELECT n, count(*) FROM (SELECT count(*) AS n FROM shares GROUP BY item_id) GROUP BY n"))
    assert set(per_item) <= {1, 2, 3} and per_item[1] > per_item[2] > per_item[3] > 0
    assert run.sql("SELECT count(*) FROM items WHERE unit_id IS NOT NULL")[0][0] == sum(per_item.values())
    assert run.sql("SELECT count(*) FROM units WHERE pinyin IS NULL") == [(0,)]  # each unit's sort key
    assert run.sql("SELECT count(*) FROM feedback")[0][0] > 100
    assert run.sql("SELECT count(*) FROM item_cadences")[0][0] > 0
    report = js(run("report", "--format", "json", "--as-of", "2026-03-02"))
    assert report["awaiting_review"] and report["missing_reports"]
    shows = [
        js(run("campaign", "show", c["name"], "--format", "json", "--as-of", "2026-03-02")) for c in report["campaigns"]
    ]
    assert any(f["total"] for s in shows for f in s["figures"])
    assert run("check").exit_code == 0


# ------------------------------------------------------------------ plans --
def test_units_queries_never_scan_the_big_tables():
    """The report's units sections, list --unit and the bulletin read
    indexes (partial ones of open shares), at the planner statistics of a
    million-item ledger."""
    import datetime as dt
    import tempfile
    from pathlib import Path

    from tests.test_plans import STATS, plan, traced
    from tracker.calendar import WorkCalendar
    from tracker.db import open_db
    from tracker.export import export_rows
    from tracker.ledger import Ledger
    from tracker.queries import Filters
    from tracker.report import build_report
    from tracker.units import build_bulletin

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plans.db"
        c = open_db(path, create=True)
        Ledger(c, actor="t").add("task", "甲", unit="法规科", assist_units=["茶山镇"], due_on=dt.date(2026, 11, 30))
        c.execute("ANALYZE")
        c.execute("DELETE FROM sqlite_stat1")
        c.executemany(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", json.loads(STATS.read_text("utf-8"))
        )
        c.close()
        c = open_db(path)
        as_of, cal = dt.date(2026, 11, 27), WorkCalendar()
        statements = traced(c, build_report, c, as_of, cal)
        statements += traced(c, export_rows, c, Filters(unit="茶山镇"), as_of, cal)
        statements += traced(c, build_bulletin, c, dt.date(2026, 10, 1), dt.date(2026, 10, 31), as_of, cal)
        big = ("items", "events", "shares", "feedback", "item_cadences", "feedback_figures")
        for sql in statements:
            steps = plan(c, sql).split(" | ")
            # a scan is fine only of a partial index of open things (a few percent)
            partial = ("items_open_", "shares_open", "shares_awaiting", "item_cadences_open")
            scans = [
                s
                for s in steps
                if s.startswith("SCAN ")
                and s.split()[1] in big + ("i", "s", "f")
                and not any(f"INDEX {p}" in s for p in partial)
            ]
            assert not scans, (sql, steps)
        c.close()


def test_list_table_shows_the_role(town):
    """Items 茶山镇 assists in name the lead unit and say 茶山镇 assists."""
    rows = json.loads(town("list", "--unit", "茶山镇", "--as-of", D, "--format", "json").output)
    assisted = [r["title"] for r in rows if r["role"] == "assist"]
    out = town("list", "--unit", "茶山镇", "--as-of", D, "--lang", "en").output
    assert assisted and "assists" in out  # the cell may wrap at 80 columns: its words are all there
    assert "整治分租式厂房" in "".join(assisted)


def test_english_and_clerk_text_made_safe(run, tmp_path):
    run("add", "task", "检查<script>alert(1)</script>", "--unit", "茶山镇\x1b[31m", "--due", "2026-03-05", "-q")
    run("done", "1", "--on", "2026-03-04")
    html = run(
        "bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "html", "--as-of", "2026-04-01"
    ).output
    assert "\x1b" not in html and "<script>" not in html
    text = run("--lang", "en", "bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "text",
               "--as-of", "2026-04-01").output  # fmt: skip
    assert "Supervision bulletin (2026-03-01 to 2026-03-31)" in text and "\x1b" not in text and "100.0%" in text
    md = run("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "md", "--as-of", "2026-04-01").output
    assert "\x1b" not in md and md.startswith("# 督查通报")
    # a file that is no form: named, in English
    junk = tmp_path / "notes.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    r = run("--lang", "en", "feedback", "import", junk, ok=False)
    assert r.exit_code == 1 and "notes.csv" in r.stderr and "no header row" in r.stderr


def test_a_reopened_item_is_not_awaiting_review(town):
    town("feedback", "add", "4", "--unit", "虎门镇", "完成", "--done", "--as-of", D)
    town("done", "4", "--on", D)
    town("reopen", "4", "--reason", "群众再次投诉")
    item = js(town("show", "4", "--format", "json", "--as-of", D))
    assert not item["awaiting_review"] and {s["state"] for s in item["shares"]} == {"open"}
    assert js(town("report", "--format", "json", "--as-of", D))["awaiting_review"] == []


def test_export_follows_assisting_units_and_notes_through_renames_merges_and_edits(town):
    """The export's 配合单位 and 最新进展 come from what the item carries
    (kept by the ledger as units and notes change); `check` verifies it."""

    def row(item_id: int) -> dict:
        rows = js(town("export", "--status", "all", "--format", "json", "--as-of", D))
        return next(r for r in rows if r["id"] == item_id)

    assert (row(4)["assist_units"], row(4)["latest_progress"]) == ("茶山镇；法规科", None)
    town("note", "4", "已排查三处")
    town("note", "4", "已整改两处")
    town("note", "1", "茶山镇已部署")
    assert row(4)["latest_progress"] == "已整改两处" and row(1)["latest_progress"] == "茶山镇已部署"
    town("unit", "rename", "法规科", "政策法规科")
    assert row(4)["assist_units"] == "茶山镇；政策法规科"
    town("edit", "4", "--assist", "政策法规科、长安镇")
    assert row(4)["assist_units"] == "政策法规科；长安镇"
    town("unit", "merge", "长安镇", "茶山镇")
    assert row(4)["assist_units"] == "政策法规科；茶山镇"
    town("edit", "4", "--assist", "")
    assert row(4)["assist_units"] is None
    assert town("check").exit_code == 0
    town.tamper("UPDATE items SET assist_names = '长安镇' WHERE id = 1")
    r = town("check", ok=False)
    assert r.exit_code == 1 and "事项记载的配合单位或最新进展与其记录不符" in r.stderr
    town.tamper("UPDATE items SET assist_names = NULL WHERE id = 1")
    town.tamper("UPDATE items SET note_text = '已整改三处' WHERE id = 4")  # the newest note's text, rewritten
    r = town("check", ok=False)
    assert r.exit_code == 1 and "事项记载的最新进展与该条进展记录不符" in r.stderr


def test_an_assisting_unit_of_nothing_visible_is_dropped_by_add_edit_and_import(run, tmp_path):
    """A zero-width space pasted from a spreadsheet names no unit."""
    run("add", "task", "整治分租式厂房", "--unit", "茶山镇", "--assist", "虎门镇；\u200b", "--due", "2026-12-10")
    run("edit", "1", "--assist", "长安镇、\u200b\ufeff、虎门镇")
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "类型,事项名称,责任单位,配合单位,办结时限\n交办任务,排查燃气,虎门镇,\u200b；法规科,2026-12-11\n", "utf-8"
    )
    run("import", sheet)
    rows = js(run("export", "--format", "json", "--as-of", D))
    assert [(r["id"], r["assist_units"]) for r in rows] == [(1, "长安镇；虎门镇"), (2, "法规科")]
    assert "\u200b" not in {u["unit"] for u in js(run("unit", "list", "--format", "json"))}
    assert run("check").exit_code == 0


def test_units_sort_by_the_pinyin_kept_with_each_name_without_loading_the_dictionaries(town, tmp_path):
    town("unit", "rename", "法规科", "政策法规科")  # F → Z
    town("add", "task", "安全培训", "--unit", "安监站", "--due", "2026-12-10")  # a new unit: A
    sheet = tmp_path / "台账.csv"  # and two by import (keyed at the end of the load)
    sheet.write_text("类型,事项名称,责任单位,配合单位,办结时限\n交办任务,排查燃气,阿里站,茶园站,2026-12-11\n", "utf-8")
    town("import", sheet)
    names = [u["unit"] for u in js(town("unit", "list", "--format", "json"))]
    assert names == ["阿里站", "安监站", "茶山镇", "茶园站", "长安镇", "虎门镇", "危化品监管科", "政策法规科"]
    assert [r[0] for r in town.sql("SELECT name FROM units WHERE pinyin IS NULL")] == []
    # a list of units (and the units' forms) reads the stored keys: the
    # pinyin dictionaries (some 0.2 s) are not loaded
    probe = (
        "import sys\n"
        "from tracker.cli.root import main\n"
        "for args in (['unit', 'list'], ['feedback', 'form', '-o', sys.argv[2]]):\n"
        "    try:\n"
        "        main(['--db', sys.argv[1], *args])\n"
        "    except SystemExit as e:\n"
        "        assert not e.code, e.code\n"
        "print('pypinyin' in sys.modules)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe, str(town.db_path), str(tmp_path / "forms")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert r.stdout.strip().splitlines()[-1] == "False" and "茶山镇" in r.stdout


def test_an_import_stands_when_its_units_sort_keys_cannot_be_written(run, tmp_path, monkeypatch):
    """The keys are written after the import's commit; a ledger busy at
    that moment leaves them to later, and nothing else changes."""
    import tracker.ledger

    def busy(self):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(tracker.ledger.Ledger, "fill_unit_keys", busy)
    sheet = tmp_path / "台账.csv"
    sheet.write_text(
        "类型,事项名称,责任单位,办结时限\n交办任务,排查燃气,长安镇,2026-12-11\n交办任务,排查粉尘,茶山镇,2026-12-12\n",
        "utf-8",
    )
    r = run("import", sheet)
    assert r.exit_code == 0 and "新增 2" in r.output
    assert run.sql("SELECT count(*) FROM units WHERE pinyin IS NULL") == [(2,)]
    assert [u["unit"] for u in js(run("unit", "list", "--format", "json"))] == ["茶山镇", "长安镇"]
    assert run("check").exit_code == 0
    monkeypatch.undo()
    more = tmp_path / "再导入.csv"
    more.write_text("类型,事项名称,责任单位,办结时限\n交办任务,排查,虎门镇,2026-12-13\n", "utf-8")
    run("import", more)
    assert run.sql("SELECT count(*) FROM units WHERE pinyin IS NULL") == [(0,)]  # the next fill wrote them


def test_bulletin_ties_are_listed_by_pinyin(run):
    """Equal merit, equal rank; the tied units in pinyin order (茶 before 危,
    which code point order would reverse)."""
    for unit in ("危化品监管科", "茶山镇"):
        run("add", "task", f"{unit}排查", "--unit", unit, "--due", "2026-03-10", "--as-of", "2026-03-02")
    data = js(
        run("bulletin", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json", "--as-of", "2026-04-01")
    )
    assert [(u["unit"], u["rank"]) for u in data["units"]] == [("茶山镇", 1), ("危化品监管科", 1)]
