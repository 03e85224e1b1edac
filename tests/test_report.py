"""The morning report, the statistics, and the supervision list in and out,
on the sample ledger in fixtures/ as of Monday 2026-03-02."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from tests.helpers import Runner, ledger_from

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ledger_sample.csv"
AS_OF = "2026-03-02"


def _office(path):
    run = Runner(path)
    run("init")
    assert "新增 31" in run("import", FIXTURE).output


@pytest.fixture
def office(db_path):
    """The sample ledger imported (once, copied for each test)."""
    ledger_from("office", _office, db_path)
    return Runner(db_path)


def refs(items):
    return [i["ref_no"] or i["title"] for i in items]


def test_report_sections_and_order(office):
    rep = json.loads(office("report", "--as-of", AS_OF, "--format", "json").output)
    assert rep["as_of"] == AS_OF and rep["soon_working_days"] == 3
    assert rep["summary"] == {"open": 22, "overdue": 9, "due_today": 2, "due_soon": 4}
    # Sorted by due date, then id (import order).
    assert refs(rep["overdue"]) == [
        "东应急督〔2026〕2号",  # 02-13
        "（2026）粤1971行初45号",  # 15 days from 02-02 → 02-17 in Spring Festival → 02-24
        "东应急整〔2026〕2-3",  # 02-25
        "东应急督〔2026〕3号",
        "落实市领导批示：开展密室逃脱类场所安全检查",
        "东应急整〔2026〕1-2",
        "东应急整〔2026〕1-3",  # 02-27
        "市人大建议〔2026〕12号",  # 3 months from 2025-11-30 → 02-28, a make-up Saturday: not rolled
        "东应急提〔2026〕1号",
    ]  # 02-28
    first = rep["overdue"][0]
    assert first["days_overdue"] == 17 and first["kind"] == "supervision" and first["unit"] == "虎门镇"
    assert set(first) >= {"id", "ref_no", "kind", "title", "unit", "owner", "due_on", "days_overdue", "provisional"}
    # both numbers of time left: calendar days (negative: overdue) and working days
    assert first["days_left"] == -17 and first["workdays_left"] < 0
    assert [(i["ref_no"], i["due_on"]) for i in rep["overdue"] if i["ref_no"] == "市人大建议〔2026〕12号"] == [
        ("市人大建议〔2026〕12号", "2026-02-28")
    ]
    # Received 02-10, in the Spring Festival week: 10 working days → 03-02.
    assert refs(rep["due_today"]) == ["东应急复〔2026〕2号", "统计一季度行政执法数据"]
    # Within 3 working days: to Thursday 03-05.
    assert refs(rep["due_soon"]) == [
        "东应急整〔2026〕2-1",
        "东应急整〔2026〕1-5",
        "东安委挂〔2026〕2号",
        "东应急整〔2026〕2-2",
    ]
    camp = {c["name"]: c for c in rep["campaigns"]}
    assert (camp["镇村工业园安全专项整治"]["done"], camp["镇村工业园安全专项整治"]["total"]) == (2, 6)
    assert camp["镇村工业园安全专项整治"]["lagging_units"] == ["虎门镇", "长安镇"]


def test_report_text_groups_by_unit(office):
    out = office("report", "--as-of", AS_OF, "--format", "text").output
    assert out.startswith("督办事项晨报  2026-03-02\n在办 22 项：逾期 9，今日到期 2，临期 4")
    overdue = out[out.index("逾期  9 项") : out.index("今日到期  2 项")]
    assert overdue.index("【虎门镇】3 项") < overdue.index("【法规科】1 项")
    assert "逾期17天" in overdue and "\x1b[" not in out
    assert "临期（3个工作日内，至2026-03-05）  4 项" in out
    assert "镇村工业园安全专项整治  ███░░░░░░░ 2/6（33%）  逾期 2  滞后：虎门镇、长安镇" in out
    # CJK columns line up: every row of a section puts the due date at the same cell offset.
    from tracker.text import cell_width

    rows = [ln for ln in overdue.splitlines() if "2026-02-" in ln]
    offsets = {cell_width(ln[: ln.index("2026-02-")]) for ln in rows}
    assert len(offsets) == 1


def test_cell_width_agrees_with_the_ui():
    """The CLI's tables measure text as rich (and so the UI) draws it: every
    character of the fast CJK path, and mixed, emoji and combining text."""
    from rich.cells import cell_len

    from tracker.text import _WIDE, cell_width

    for first, last in zip(_WIDE[0::3], _WIDE[2::3]):
        for code in range(ord(first), ord(last) + 1):
            assert cell_width(chr(code)) == cell_len(chr(code)) == 2, hex(code)
    for text in (
        "东应急〔2022〕115号",
        "督促虎门镇整改",
        "Ａ１（全角）",
        "ok 好",
        "表情😀",
        "e\u0301",
        "〪x",
        "\u3000",
        "カタカナ",
        "한국어",
        "x\u200by",
    ):
        assert cell_width(text) == cell_len(text), text


def test_report_formats_render(office):
    md = office("report", "--as-of", AS_OF, "--format", "md").output
    assert md.startswith("# 督办事项晨报") and "## 逾期  9 项" in md and "| 文号 | 事项名称 |" in md
    html = office("report", "--as-of", AS_OF, "--format", "html").output
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and html.count('<tr class="item red">') == 9
    assert "http" not in html  # self-contained
    rich = office("report", "--as-of", AS_OF).output
    assert "逾期17天" in rich
    en = office("report", "--as-of", AS_OF, "--format", "text", "--lang", "en").output
    assert "Overdue  9" in en and "17 days overdue" in en and "1 working day left" in en


def test_report_filters_and_cap(office):
    rep = json.loads(office("report", "--as-of", AS_OF, "--format", "json", "--unit", "法规科").output)
    assert rep["summary"]["overdue"] == 1 and all(i["unit"] == "法规科" for i in rep["overdue"] + rep["due_today"])
    rep = json.loads(office("report", "--as-of", AS_OF, "--format", "json", "--kind", "督办函").output)
    assert refs(rep["overdue"]) == ["东应急督〔2026〕2号", "东应急督〔2026〕3号"]
    rep = json.loads(office("report", "--as-of", AS_OF, "--format", "json", "--soon", "10").output)
    assert rep["summary"]["due_soon"] > 4


def test_report_cap_per_unit(run):
    for n in range(25):
        run("add", "task", f"检查{n:02d}", "--unit", "虎门镇", "--due", "2026-02-20")
    out = run("report", "--as-of", AS_OF, "--format", "text").output
    assert "【虎门镇】25 项" in out and "……另有 5 项（--all 显示全部）" in out and "检查24" not in out
    out = run("report", "--as-of", AS_OF, "--format", "text", "--all").output
    assert "检查24" in out and "另有" not in out


def test_a_large_section_shows_each_units_most_urgent(run, tmp_path):
    """A section that would list more than 200 rows shows each unit's most
    urgent few (200 shared among the units, at least 3 each) and counts the
    rest; the counts stay whole, and --all and JSON list every item."""
    sheet = tmp_path / "台账.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["类型", "事项名称", "责任单位", "办结时限"])
        for u in range(12):
            for n in range(20):
                w.writerow(["交办任务", f"单位{u:02d}检查{n:02d}", f"单位{u:02d}", f"2026-02-{n + 1:02d}"])
        w.writerow(["交办任务", "小单位检查", "小单位", "2026-02-25"])
    run("import", sheet)
    out = run("report", "--as-of", AS_OF, "--format", "text").output
    # 241 overdue in 13 groups: 200 // 13 = 15 rows each
    assert "逾期  241 项" in out and "【单位00】20 项" in out and "【小单位】1 项" in out
    assert "单位00检查14" in out and "单位00检查15" not in out
    assert out.count("……另有 5 项（--all 显示全部）") == 12
    full = run("report", "--as-of", AS_OF, "--format", "text", "--all").output
    assert "单位11检查19" in full and "另有" not in full
    rep = json.loads(run("report", "--as-of", AS_OF, "--format", "json").output)
    assert rep["summary"]["overdue"] == len(rep["overdue"]) == 241
    # fewer rows than the budget: each unit's first 20 as before
    few = run("report", "--as-of", AS_OF, "--format", "text", "--unit", "单位03").output
    assert "单位03检查19" in few and "另有" not in few


def test_report_cap_counts_items_without_a_unit(run):
    """Items with no lead unit form their own group, capped and counted like
    any unit's; the section totals add up over every group."""
    for n in range(22):
        run("add", "task", f"无单位{n:02d}", "--due", "2026-02-20")
    run("add", "task", "有单位", "--unit", "法规科", "--due", "2026-02-21")
    out = run("report", "--as-of", AS_OF, "--format", "text").output
    assert "逾期  23 项" in out and "【未指定单位】22 项" in out and "……另有 2 项" in out
    assert out.index("【未指定单位】") < out.index("【法规科】1 项")  # the most urgent group first
    rep = json.loads(run("report", "--as-of", AS_OF, "--format", "json").output)
    assert rep["summary"]["overdue"] == len(rep["overdue"]) == 23
    assert [i["title"] for i in rep["overdue"]][-1] == "有单位" and rep["overdue"][0]["unit"] == ""


@pytest.mark.parametrize("cap", [1, 2, 3])
def test_capped_report_is_the_head_of_each_unit(office, cap):
    """The capped report reads each unit's first items itself; they are the
    same as the first items of that unit in the full report, and the counts
    are the full report's."""
    from tracker.calendar import WorkCalendar
    from tracker.db import open_db
    from tracker.report import build_report

    conn = open_db(office.db_path)
    as_of = dt.date.fromisoformat(AS_OF)
    full = build_report(conn, as_of, WorkCalendar.from_db(conn), 5)
    capped = build_report(conn, as_of, WorkCalendar.from_db(conn), 5, cap=cap)
    assert capped.summary == full.summary
    for section in ("overdue", "due_today", "due_soon"):
        head: dict[str, list] = {}
        for item in getattr(full, section):
            head.setdefault(item.unit, [])
            if len(head[item.unit]) < cap:
                head[item.unit].append(item)
        assert getattr(capped, section) == sorted((i for h in head.values() for i in h), key=lambda i: (i.due_on, i.id))
    conn.close()


def test_report_marks_provisional(run):
    run("add", "review", "跨年复议", "--received", "2026-12-25")
    out = run("report", "--as-of", "2027-01-11", "--format", "text").output
    assert "2027-01-11*" in out and "* 暂定" in out
    rep = json.loads(run("report", "--as-of", "2027-01-11", "--format", "json").output)
    assert rep["due_today"][0]["provisional"] is True


def test_stats(office):
    st = json.loads(
        office("stats", "--as-of", AS_OF, "--from", "2026-01-01", "--to", "2026-02-28", "--format", "json").output
    )
    assert st["from"] == "2026-01-01" and st["to"] == "2026-02-28" and st["as_of"] == AS_OF
    kinds = {k["kind"]: k for k in st["kinds"]}
    # tasks due in Jan–Feb: plan (10wd → 01-20, done 01-19), report (01-31, done 01-29),
    # 密室逃脱 (02-27, open); the cancelled one does not count.
    assert {k: kinds["task"][k] for k in ("due", "done", "done_on_time", "on_time_rate", "open_overdue")} == {
        "due": 3,
        "done": 2,
        "done_on_time": 2,
        "on_time_rate": round(2 / 3, 4),
        "open_overdue": 1,
    }
    assert kinds["review"]["on_time_rate"] == 1.0
    assert st["total"]["due"] == sum(k["due"] for k in st["kinds"]) == 16
    assert st["total"]["done_on_time"] == 7
    assert {x["kind"]: x["sent"] for x in st["letters"]} == {"supervision": 3, "reminder": 2, "suggestion": 1}
    text = office("stats", "--as-of", AS_OF, "--from", "2026-01-01", "--to", "2026-02-28").output
    assert "按时办结率" in text and "66.7%" in text and "期间发出函件 6 份" in text
    for fmt in ("md", "html"):
        assert "按时办结率" in office("stats", "--as-of", AS_OF, "--format", fmt).output


def test_late_done_is_not_on_time(run):
    run("add", "task", "迟办", "--due", "2026-01-10")
    run("done", "1", "--on", "2026-01-12")
    st = json.loads(run("stats", "--as-of", "2026-02-01", "--format", "json").output)
    assert st["total"] == {
        "due": 1,
        "done": 1,
        "done_on_time": 0,
        "on_time_rate": 0.0,
        "open_overdue": 0,
        "extended": 0,
        "done_date_unknown": 0,
    }


# ------------------------------------------------------------------ export --
def test_export_csv_bom_and_header(office, tmp_path):
    out = tmp_path / "list.csv"
    office("export", "--as-of", AS_OF, "--status", "all", "-o", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "文号",
        "类型",
        "事项名称",
        "来源",
        "责任单位",
        "配合单位",
        "责任人",
        "收文日期",
        "办结时限",
        "期限规则",
        "状态",
        "办结日期",
        "专项整治",
        "备注",
        "预警",
        "剩余天数",
        "最新进展",
        "编号",
    ]
    assert len(rows) == 32
    first = next(dict(zip(rows[0], r)) for r in rows[1:] if r[2] == "督促虎门镇整改燃气使用隐患")
    assert first["预警"] == "逾期" and first["剩余天数"] == "-17" and first["类型"] == "督办函"
    en = office("export", "--as-of", AS_OF, "--headers", "en").output
    assert en.lstrip("\ufeff").startswith("ref_no,kind,title,source,unit,assist_units,owner,received_on,due_on")
    r = office("export", "-o", out, ok=False)
    assert r.exit_code == 1 and "--force" in r.stderr
    office("export", "-o", out, "--force")


def test_export_xlsx(office, tmp_path):
    from openpyxl import load_workbook

    office("note", "9", '=HYPERLINK("http://x")')
    out = tmp_path / "list.xlsx"
    office("export", "--as-of", AS_OF, "--format", "xlsx", "-o", out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert ws["A1"].value == "督办事项清单（截至2026年3月2日）"
    header = [c.value for c in ws[2]]
    assert header[:3] == ["文号", "类型", "事项名称"] and all(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:R24"
    assert ws.column_dimensions["C"].width >= 20 and ws["C3"].alignment.wrap_text  # long titles wrap
    lights = {row[2].value: (row[14].value, str(row[0].fill.fgColor.rgb)[-6:]) for row in ws.iter_rows(min_row=3)}
    assert lights["督促虎门镇整改燃气使用隐患"] == ("逾期", "FFC7CE")
    assert lights["餐饮场所燃气报警器安装"] == ("临期", "FFEB9C")
    assert lights["修订城市内涝灾害专项应急预案"][0] == "正常"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert lights and any(row[16].value == '=HYPERLINK("http://x")' for row in ws.iter_rows(min_row=3))
    info = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows() if r[0].value}
    assert info["截至日期"].date().isoformat() == AS_OF and info["事项数"] == 22 and info["逾期"] == 9
    r = office("export", "--format", "xlsx", ok=False)
    assert r.exit_code == 1 and "-o" in r.stderr


def test_export_ics(office):
    from icalendar import Calendar

    cal = Calendar.from_ical(office("export", "--as-of", AS_OF, "--format", "ics").output)
    events = cal.walk("VEVENT")
    assert len(events) == 22
    ev = next(e for e in events if "督促虎门镇整改燃气使用隐患" in str(e["summary"]))
    assert ev.decoded("dtstart").isoformat() == "2026-02-13"
    assert str(ev["summary"]) == "[督办函] 督促虎门镇整改燃气使用隐患（虎门镇）"


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"status": "all"},
        {"status": "done"},
        {"overdue": True},
        {"unit": "虎门镇"},
        {"kind": "supervision"},
        {"status": "all", "search": "燃气"},
        {"status": "all", "due_before": "2026-03-05"},
    ],
)
def test_export_order_is_sqls(office, filters):
    """The export sorts in Python (it reads the table in storage order, for
    speed); its order is exactly SQL's ORDER BY due_on, id, undated first."""
    from tracker.calendar import WorkCalendar
    from tracker.db import open_db
    from tracker.export import ROW_KEYS, export_table
    from tracker.queries import Filters, filter_sql

    office("add", "task", "无时限已办", "--due", "2026-02-01")
    conn = open_db(office.db_path)
    conn.execute("UPDATE items SET status = 'done', closed_on = '2026-02-02', due_on = NULL WHERE title = '无时限已办'")
    f = Filters(**filters)
    as_of = dt.date.fromisoformat(AS_OF)
    where, params = filter_sql(f, as_of)
    expected = [r[0] for r in conn.execute(f"SELECT i.id FROM items i {where} ORDER BY i.due_on, i.id", params)]
    got = [r[ROW_KEYS.index("id")] for r in export_table(conn, f, as_of, WorkCalendar.from_db(conn))]
    assert got == expected and len(got) > 0
    conn.close()


@pytest.mark.parametrize(
    "view,search", [("all", "虎门"), ("done", "复议"), ("all", "无此内容"), ("open", "燃气"), ("all", "")]
)
def test_ui_first_page_is_count_and_page(office, view, search):
    """The UI's first page of a view (one pass for a whole-ledger search)
    has the same count and rows as counting and paging separately."""
    from tracker.db import open_db
    from tracker.listing import ListQuery, ListSource

    conn = open_db(office.db_path)
    source = ListSource(conn, dt.date.fromisoformat(AS_OF))
    for sort in ("due_on", "title", "unit"):
        q = ListQuery(view=view, search=search, sort=sort)
        total, rows = source.first_page(q, 5)
        assert (total, rows) == (source.count(q), source.page(q, 0, 5))
    conn.close()


def test_export_json(office):
    rows = json.loads(office("export", "--format", "json", "--as-of", AS_OF).output)
    assert len(rows) == 22 and rows[0]["kind"] == "supervision" and rows[0]["light"] == "red"


def test_formula_text_stays_text(run, tmp_path):
    """Every cell a clerk typed that a spreadsheet would run as a formula
    is exported with a leading ' and imported back as typed."""
    run(
        "add",
        "task",
        "=1+1",
        "--due",
        "2026-03-10",
        "--owner",
        "@admin",
        "--ref",
        "-3",
        "--unit",
        "+单位",
        "--assist",
        "=甲；乙",
        "--campaign",
        "-专项",
        "--source",
        "@来源",
        "--note",
        "-备注",
    )
    run("note", "1", "=HYPERLINK(1)")
    out = run("export", "--status", "all").output
    for text in ("'=1+1", "'@admin", "'-3", "'+单位", "'=甲；乙", "'-专项", "'@来源", "'-备注", "'=HYPERLINK(1)"):
        assert text in out, text
    listed = run("list", "--status", "all", "--format", "csv").output
    assert "'=1+1" in listed and "'+单位" in listed
    f = tmp_path / "a.csv"
    f.write_text(out, encoding="utf-8")
    other = tmp_path / "other.db"
    from tests.helpers import Runner

    Runner(other)("init")
    Runner(other)("import", f)
    assert Runner(other).sql("SELECT title, owner, ref_no, source, notes FROM items") == [
        ("=1+1", "@admin", "-3", "@来源", "-备注")
    ]
    assert Runner(other).sql("SELECT name FROM units ORDER BY name") == [("+单位",), ("=甲",), ("乙",)]
    assert Runner(other).sql("SELECT name FROM campaigns") == [("-专项",)]


# ------------------------------------------------------------------ import --
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip(office, tmp_path, fmt):
    from tests.helpers import Runner

    first = tmp_path / f"first.{fmt}"
    office("export", "--status", "all", "--format", fmt, "-o", first, "--as-of", AS_OF)
    other = Runner(tmp_path / "empty.db")
    other("init")
    other("import", first)
    a = office("export", "--status", "all", "--format", "json", "--as-of", AS_OF).output
    b = other("export", "--status", "all", "--format", "json", "--as-of", AS_OF).output
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("latest_progress", "id")} for r in json.loads(rows)]  # noqa
    assert strip(a) == strip(b)


def test_import_gb18030(run, tmp_path):
    f = tmp_path / "gbk.csv"
    f.write_bytes(FIXTURE.read_text(encoding="utf-8-sig").encode("gb18030"))
    assert "新增 31" in run("import", f).output
    assert run.sql("SELECT title FROM items WHERE ref_no = '东应急督〔2026〕2号'") == [("督促虎门镇整改燃气使用隐患",)]


def test_bad_file_names_every_bad_row(run, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text(
        "文号,类型,事项名称,办结时限,状态,收文日期\n"
        "A1,督办函,好的一行,2026-03-01,,\n"
        "A2,备忘,类型不对,2026-03-01,,\n"
        "A3,督办函,日期不对,2026-02-30,,\n"
        "A1,督办函,文号重复,2026-03-01,,\n"
        "A5,行政复议答复,缺收文日期,,,\n"
        "A6,督办函,,2026-03-01,已办结,\n",
        encoding="utf-8",
    )
    before = run.snapshot()
    r = run("import", f, ok=False)
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert "5 行有误" in lines[0] and "未导入任何内容" in lines[0]
    body = "\n".join(lines[1:])
    for text in (
        "第 3 行，类型 列：'备忘'",
        "第 4 行，办结时限 列：'2026-02-30'",
        "第 5 行，文号 列：'A1'",
        "第 6 行，办结时限 列",
        "第 7 行，事项名称 列",
    ):
        assert text in body, text
    assert run.snapshot() == before
    assert run("import", f, "--dry-run", ok=False).exit_code == 1


def test_import_update_records_events(office, tmp_path):
    f = tmp_path / "upd.csv"
    f.write_text(
        "文号,类型,事项名称,责任单位,办结时限,状态,办结日期\n"
        "东应急督〔2026〕2号,督办函,督促虎门镇整改燃气使用隐患,虎门镇,2026-02-13,已办结,2026-03-01\n"
        "东应急督〔2026〕9号,督办函,新的督办函,厚街镇,2026-03-20,,\n",
        encoding="utf-8",
    )
    r = office("import", f, ok=False)
    assert r.exit_code == 1 and "--update" in r.stderr
    assert "将新增 1，更新 1" in office("import", f, "--update", "--dry-run").output
    r = office("import", f, "--update")
    assert "新增 1，更新 1" in r.output and "厚街镇" in r.output
    item = office.sql("SELECT id, status, closed_on FROM items WHERE ref_no = '东应急督〔2026〕2号'")[0]
    assert item[1:] == ("done", "2026-03-01")
    show = office("show", item[0]).output
    assert "导入更新：状态 办理中 → 已办结；办结日期 — → 2026-03-01" in show


def test_import_computes_empty_due_dates(office):
    assert office.sql("SELECT due_on, rule FROM items WHERE ref_no = '东应急复〔2026〕2号'") == [
        ("2026-03-02", "review-reply")
    ]
    show = office("show", "2").output
    assert "跳过春节假期" in show and "调休上班日02-14、02-28计入" in show


def test_import_legacy_xls_and_ods(run):
    """An Excel 97-2003 file (what many offices' WPS still saves), with
    date-typed cells and a number where text is expected, and an
    OpenDocument sheet. (tests/data/legacy.xls was made once with xlwt and
    office.ods with odfpy; neither is a dependency.)"""
    r = run("import", Path(__file__).parent / "data" / "legacy.xls")
    assert "新增 2" in r.output
    assert run.sql("SELECT ref_no, kind, due_on, status, closed_on, notes FROM items ORDER BY id") == [
        ("东应急督〔2025〕12号", "supervision", "2025-03-17", "done", "2025-03-14", "WPS 另存为 xls"),
        ("东应急复〔2025〕3号", "review", "2025-10-20", "open", None, "7"),
    ]  # 10 working days, past 国庆
    run("import", Path(__file__).parent / "data" / "office.ods")
    assert run.sql("SELECT kind, due_on FROM items WHERE ref_no = '东应急提〔2025〕8号'") == [
        ("reminder", "2025-06-30")
    ]


def test_import_sheet_with_a_title_above_its_header(run, tmp_path):
    """As offices lay out a ledger: a title row, a line of who filled it in,
    then the header (names spaced out or broken over two lines)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2025年督办事项台账"])
    ws.append(["填报单位：办公室", None, None, "填报日期：2025-12-31"])
    ws.append(["文  号", "类  型", "事项名称", "责任单位", "办结\n时限"])
    ws.append(["东应急督〔2025〕30号", "督办函", "督促石龙镇整改", "石龙镇", 46011])  # a date cell that lost its format
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    r = run("import", path)
    assert "新增 1" in r.output
    assert run.sql("SELECT ref_no, unit_id IS NOT NULL, due_on FROM items") == [
        ("东应急督〔2025〕30号", 1, "2025-12-20")
    ]
    csv_path = tmp_path / "台账.csv"
    csv_path.write_text(
        "2025年督办事项台账,,\n文号,类型,事项名称,办结时限\nA1,提醒函,提醒,2025-12-01\n", encoding="utf-8"
    )
    run("import", csv_path)
    assert run.sql("SELECT count(*) FROM items") == [(2,)]
    # no header anywhere near the top: the first row's problem, as before
    bad = tmp_path / "bad.csv"
    bad.write_text("标题\n说明\n" + "x,y\n" * 12, encoding="utf-8")
    r = run("import", bad, ok=False)
    assert r.exit_code == 1 and "未知列 '标题'" in r.stderr


def test_import_cells_merged_down_a_column(run, tmp_path):
    """One unit leading several tasks, in one tall merged cell (and a title
    merged across the top): each task gets the unit, as the clerk sees it."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2025年第四季度督办事项"])
    ws.merge_cells("A1:E1")
    ws.append(["文号", "类型", "事项名称", "责任单位", "办结时限"])
    for ref, title in (("B1", "任务一"), ("B2", "任务二"), ("B3", "任务三")):
        ws.append([ref, "督办函", title, "虎门镇" if ref == "B1" else None, "2025-12-01"])
    ws.append(["B4", "提醒函", "任务四", None, "2025-12-02"])
    ws.merge_cells("D3:D5")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    run("import", path)
    assert run.sql("SELECT i.ref_no, u.name FROM items i LEFT JOIN units u ON u.id = i.unit_id ORDER BY i.id") == [
        ("B1", "虎门镇"),
        ("B2", "虎门镇"),
        ("B3", "虎门镇"),
        ("B4", None),
    ]


def test_import_headers_as_offices_name_them(run, tmp_path):
    """序号 (the row number) is ignored; other names for the same columns
    and statuses (已销号: struck off the list) are understood; a sheet of
    one kind names it with --kind."""
    f = tmp_path / "科室台账.csv"
    f.write_text(
        "序号,发文字号,督办事项,牵头单位,经办人,交办日期,完成时限,办理状态,完成日期\n"
        "1,东应急督〔2025〕41号,督促整改,望牛墩镇,刘洋,2025-11-03,2025-11-20,已销号,2025-11-18\n",
        encoding="utf-8",
    )
    r = run("import", f, ok=False)  # no kind column: say how to give one
    assert r.exit_code == 1 and "类型(kind)" in r.stderr and "--kind" in r.stderr
    titled = tmp_path / "有标题.csv"
    titled.write_text("科室督办台账\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("import", titled, ok=False)  # the same below a title: the same advice, not the title
    assert r.exit_code == 1 and "--kind" in r.stderr and "科室督办台账" not in r.stderr
    r = run("import", f, "--kind", "便条", ok=False)
    assert r.exit_code == 1 and "便条" in r.stderr
    run("import", f, "--kind", "督办函", "--dry-run")
    run("import", f, "--kind", "督办函")
    assert run.sql("SELECT ref_no, kind, title, owner, received_on, due_on, status, closed_on FROM items") == [
        ("东应急督〔2025〕41号", "supervision", "督促整改", "刘洋", "2025-11-03", "2025-11-20", "done", "2025-11-18")
    ]
    # the same words filter the list
    assert [r["ref_no"] for r in json.loads(run("list", "--status", "已销号", "--format", "json").output)] == [
        "东应急督〔2025〕41号"
    ]


HOSTILE = [
    ("empty.csv", b"", "空文件"),
    ("binary.csv", bytes(range(256)) * 4, "二进制"),
    ("nocols.csv", "文号,备注\nA,b\n".encode(), "缺少必需的列"),
    ("unknown.csv", "文号,类型,事项名称,颜色\nA,督办函,x,红\n".encode(), "未知列 '颜色'"),
    ("fake.xlsx", b"PK\x03\x04not really a zip", "不是有效的电子表格文件（XLSX、XLS 或 ODS；文件已损坏或不完整"),
    ("fake.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "文件已损坏或不完整，无法读取"),
    ("noise.xlsx", bytes(range(256)) * 4, "内容不是电子表格"),  # named a spreadsheet, neither one nor text
]


@pytest.mark.parametrize("name,content,message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files(run, tmp_path, name, content, message):
    f = tmp_path / name
    f.write_bytes(content)
    before = run.snapshot()
    r = run("import", f, ok=False)
    assert r.exit_code == 1 and message in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert run.snapshot() == before


def test_report_lists_hearings_coming_up(office):
    item = office.sql("SELECT id FROM items WHERE ref_no = '（2026）粤1971行初88号'")[0][0]
    office("edit", item, "--hearing", "2026-03-04", "--organ", "东莞市第一人民法院")
    rep = json.loads(office("report", "--as-of", AS_OF, "--format", "json").output)
    assert [(h["item_id"], h["ref_no"], h["date"], h["type"]) for h in rep["hearings"]] == [
        (item, "（2026）粤1971行初88号", "2026-03-04", "trial")
    ]
    text = office("report", "--as-of", AS_OF, "--format", "text").output
    assert "近期开庭（至2026-03-05，负责人出庭应诉）  1 项" in text and "东莞市第一人民法院" in text
    assert "近期开庭" in office("report", "--as-of", AS_OF, "--format", "html").output
    # after the day it is no longer coming up
    assert json.loads(office("report", "--as-of", "2026-03-05", "--format", "json").output)["hearings"] == []


def test_the_json_report_is_the_report_as_data(tmp_path):
    """`report --format json` is written by SQLite, item by item; it says
    exactly what the report built in Python says, section by section, with
    and without filters, on a demo ledger with every kind of section."""
    from tests.helpers import Runner
    from tracker.calendar import WorkCalendar
    from tracker.db import open_db
    from tracker.report import build_report, render_json, report_json

    run = Runner(tmp_path / "demo.db")
    run("demo", "--items", "3000", "--no-ui", "--as-of", "2026-11-27")
    conn = open_db(tmp_path / "demo.db")
    cal = WorkCalendar.from_db(conn)
    for as_of in (dt.date(2026, 11, 27), dt.date(2026, 12, 31), None):
        if as_of is None:  # open items due decades apart: their due dates, not every day between
            run("add", "task", "远期事项", "--unit", "虎门镇", "--due", "2061-12-31")
            run("add", "reminder", "早年提醒", "--received", "1999-12-20", "--due", "1999-12-31")
            as_of = dt.date(2026, 11, 27)
        for unit, kind in ((None, None), ("虎门镇", None), (None, "campaign-task"), ("石排镇", "reminder")):
            built = json.loads(render_json(build_report(conn, as_of, cal, 3, unit, kind)))
            written = json.loads(report_json(conn, as_of, cal, 3, unit, kind))
            assert list(written) == list(built)
            for key in built:
                assert written[key] == built[key], (as_of, unit, kind, key)
            if not (unit or kind):
                assert written["overdue"] and written["due_soon"] and written["awaiting_review"]
                assert all(i["workdays_left"] is not None for i in written["awaiting_review"])
    conn.close()
