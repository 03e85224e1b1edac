"""The human outputs as a clerk reads them: time left said one way, long
text wrapped and never cut, clerk text never terminal control nor Markdown
or HTML structure, the HTML report on a phone and on A4, and English
plurals."""

from __future__ import annotations

import csv
import json
import re

import pytest

from tracker.text import cell_width, table, table_lines, wrap

AS_OF = "2026-03-02"  # a Monday

LONG_TITLE = "关于督促虎门镇加快推进危险化学品企业安全隐患整改并于三月底前书面报告整改落实情况的函"
LONG_UNIT = "东莞市应急管理局危险化学品安全监督管理科"


def no_control(text: str) -> bool:
    """No ESC, BEL, C1, other C0 (but tab, newline) or DEL."""
    return not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)


# ------------------------------------------------------------- wrapping --
def test_wrap_never_cuts_and_never_splits_a_character():
    for width in range(4, 40):
        lines = wrap(LONG_TITLE, width)
        assert "".join(lines) == LONG_TITLE  # every character, in order
        assert all(cell_width(line) <= width for line in lines)
    # Latin words stay whole where they fit; a closing mark never starts a line
    assert wrap("check the storage at Humen town", 12) == ["check the", "storage at", "Humen town"]
    for width in range(6, 30):
        assert not any(
            line.startswith(("，", "。", "）", "〕")) for line in wrap("甲乙丙（丁戊），己庚。辛〔2026〕号", width)
        )


def test_table_wraps_within_columns_and_keeps_them_aligned():
    rows = [[1, LONG_TITLE, "长安镇"], [22, "短", LONG_UNIT]]
    head, body = table_lines(["编号", "事项名称", "责任单位"], rows, {1: 80, 2: 80}, {0}, width=40)
    lines = head + [ln for row in body for ln in row]
    assert all(cell_width(ln) <= 40 for ln in lines)
    assert len(body[0]) > 1 and len(body[1]) > 1  # both rows wrapped, nothing cut
    assert "…" not in "".join(lines)
    # the third column starts at the same cell on every line that has it
    starts = {cell_width(ln[: ln.index(u)]) for ln in lines for u in ("长安镇", "东莞市") if u in ln}
    assert len(starts) == 1
    # stacked cells: a list is one line each
    text = table(["a"], [[["一", "二"]]])
    assert text.splitlines() == ["a", "一", "二"]


@pytest.fixture
def long_ledger(run):
    run("add", "task", LONG_TITLE, "--unit", LONG_UNIT, "--owner", "欧阳明月", "--due", "2026-02-20")
    run("add", "supervision", "督促整改", "--ref", "东应急督〔2026〕123号", "--unit", "虎门镇", "--due", "2026-03-03")
    run("add", "task", "today's matter", "--unit", "法规科", "--due", AS_OF)
    return run


def _in_order(needle: str, haystack: str) -> bool:
    it = iter(re.sub(r"\s", "", haystack))
    return all(ch in it for ch in needle)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_text_wraps_long_titles_at_80_columns(long_ledger, lang):
    out = long_ledger("--lang", lang, "report", "--as-of", AS_OF, "--format", "text").output
    assert "…" not in out
    assert max(cell_width(ln) for ln in out.splitlines()) <= 80
    assert _in_order(LONG_TITLE, out) and _in_order(LONG_UNIT, out)
    assert "欧阳明月" in out  # an owner is never cut


def test_report_rich_in_a_file_is_plain_and_wrapped(long_ledger, tmp_path):
    long_ledger("report", "--as-of", AS_OF, "-o", tmp_path / "r.txt")
    text = (tmp_path / "r.txt").read_text(encoding="utf-8")
    assert "\x1b" not in text and "…" not in text
    assert max(cell_width(ln) for ln in text.splitlines()) <= 80


def test_list_wraps_at_80_columns(long_ledger):
    out = long_ledger("list", "--as-of", AS_OF).output
    assert "…" not in out
    assert max(cell_width(ln) for ln in out.splitlines()) <= 80
    assert _in_order(LONG_TITLE, out) and _in_order(LONG_UNIT, out)


def test_list_takes_a_wide_terminal():
    """The list takes the width it is given: one line an item when wide."""
    from tracker.cli.layouts import list_table

    rows = [
        {
            "id": 1,
            "light": "逾期",
            "ref_no": "东应急督〔2026〕123号",
            "title": LONG_TITLE,
            "kind": "交办任务",
            "unit": LONG_UNIT,
            "owner": "欧阳明月",
            "due_on": "2026-02-20",
            "provisional": False,
            "status": "办理中",
        }
    ]
    wide = list_table(rows, "zh", lambda r: "逾期10天", 260, None).splitlines()
    assert len(wide) == 2 and LONG_TITLE in wide[1] and LONG_UNIT in wide[1]
    narrow = list_table(rows, "zh", lambda r: "逾期10天", 80, None).splitlines()
    assert len(narrow) > 2 and max(map(cell_width, narrow)) <= 80


# ------------------------------------------------------------ time left --
def test_time_left_said_one_way(long_ledger):
    """The report, list and show say working days left (剩N个工作日) for the
    same item; data carries calendar and working days."""
    rep = json.loads(long_ledger("report", "--as-of", AS_OF, "--format", "json").output)
    soon = rep["due_soon"][0]
    assert (soon["days_left"], soon["workdays_left"]) == (1, 1)
    late = rep["overdue"][0]
    assert late["days_left"] == -10 and late["days_overdue"] == 10 and late["workdays_left"] < 0
    assert rep["due_today"][0]["days_left"] == 0 == rep["due_today"][0]["workdays_left"]
    text = long_ledger("report", "--as-of", AS_OF, "--format", "text").output
    assert "剩1个工作日" in text and "逾期10天" in text and "今日到期" in text and "剩1天" not in text
    listing = long_ledger("list", "--as-of", AS_OF).output
    assert "剩1个工作日" in listing and "逾期10天" in listing
    assert "剩1个工作日" in long_ledger("show", 2, "--as-of", AS_OF).output
    rows = json.loads(long_ledger("list", "--as-of", AS_OF, "--format", "json").output)
    by_id = {r["id"]: r for r in rows}
    assert (by_id[2]["days_left"], by_id[2]["workdays_left"]) == (1, 1)
    assert by_id[1]["days_left"] == -10 and by_id[1]["workdays_left"] < 0
    # over a weekend: Friday to Monday is 3 calendar days, 1 working day
    long_ledger("add", "task", "周一到期", "--due", "2026-03-09")
    rep = json.loads(long_ledger("report", "--as-of", "2026-03-06", "--format", "json").output)
    monday = next(i for i in rep["due_soon"] if i["title"] == "周一到期")
    assert (monday["days_left"], monday["workdays_left"]) == (3, 1)
    en = long_ledger("--lang", "en", "report", "--as-of", "2026-03-06", "--format", "text").output
    assert "1 working day left" in en


def test_show_json_carries_time_left(long_ledger):
    item = json.loads(long_ledger("show", 2, "--as-of", AS_OF, "--format", "json").output)
    assert (item["days_left"], item["workdays_left"]) == (1, 1)


# ------------------------------------------------------------ injection --
HOSTILE = "标题\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\x90dcs\x9c\x07尾"
MD_UNIT = "U|N\n## evil <script>alert(1)</script> *x* [a](http://e) `c`"


@pytest.fixture
def hostile(run, tmp_path):
    run("add", "task", HOSTILE, "--unit", "单位\x1b[31m红\x07", "--owner", "人\x9b2J", "--due", "2026-02-20")
    run("add", "task", "<b>粗</b> # 非标题", "--unit", MD_UNIT, "--due", "2026-03-03")
    return run


def test_cli_outputs_carry_no_terminal_control(hostile, tmp_path):
    outputs = {}
    for fmt in ("rich", "text", "md", "html", "json"):
        outputs[f"report {fmt}"] = hostile("report", "--as-of", AS_OF, "--format", fmt).output
    for fmt in ("table", "csv", "json"):
        outputs[f"list {fmt}"] = hostile("list", "--as-of", AS_OF, "--format", fmt).output
    for fmt in ("csv", "json", "ics"):
        outputs[f"export {fmt}"] = hostile("export", "--as-of", AS_OF, "--format", fmt).output
    outputs["show"] = hostile("show", 1, "--as-of", AS_OF).output
    outputs["add"] = hostile("add", "task", "x", "--unit", "新\x1b]0;title\x07单位", "--due", AS_OF).output
    outputs["campaign add"] = hostile("campaign", "add", "专项\x1b[2J整治").output
    hostile("add", "task", "y", "--campaign", "专项\x1b[2J整治", "--unit", "甲\x07", "--due", AS_OF)
    outputs["campaign show"] = hostile("campaign", "show", "专项\x1b[2J整治", "--as-of", AS_OF).output
    outputs["campaign list"] = hostile("campaign", "list", "--as-of", AS_OF).output
    outputs["report campaigns"] = hostile("report", "--as-of", AS_OF, "--format", "text").output
    f = tmp_path / "in.csv"
    f.write_text(
        "类型,事项名称,责任单位,专项整治,办结时限\n交办任务,导入,导入\x1b[5m单位,导入\x1b]52;c;eA==\x07专项,2026-03-10\n"
    )
    outputs["import"] = hostile("import", f).output
    for name, out in outputs.items():
        assert no_control(out.replace("\r\n", "\n")), (name, out)
        if "json" not in name:  # JSON keeps the data, escaped (\u001b): inert text
            assert "ZXZpbA" not in out and "52;c" not in out, name
    assert "标题尾" in outputs["report text"] + outputs["list table"]  # the words stay, the control goes
    assert "导入单位" in outputs["import"] and "新单位" in outputs["add"]
    assert "专项整治" in outputs["campaign show"]


def test_a_large_json_report_is_inert_and_whole(hostile, tmp_path):
    """Past 100 kB the JSON report is written by SQLite a line per item: its
    control characters are escaped all the same, every item is there, and
    it parses to what the short path gives."""
    sheet = tmp_path / "多.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["类型", "事项名称", "责任单位", "办结时限"])
        for n in range(600):
            w.writerow(["交办任务", f"排查{n}\x7f\u2028\x9b号", "虎门镇", f"2026-02-{n % 28 + 1:02d}"])
    hostile("import", sheet)
    out = hostile("report", "--as-of", AS_OF, "--format", "json").output
    assert len(out) > 100_000 and no_control(out) and "\u2028" not in out
    data = json.loads(out)
    assert data["summary"]["overdue"] == len(data["overdue"]) == 601
    assert "排查0\x7f\u2028\x9b号" in {i["title"] for i in data["overdue"]}
    assert HOSTILE in {i["title"] for i in data["overdue"]}


def test_markdown_report_escapes_html_and_structure(hostile):
    md = hostile("report", "--as-of", AS_OF, "--format", "md").output
    assert "<script>" not in md and "&lt;script&gt;" in md and "<b>" not in md
    headings = [ln for ln in md.splitlines() if ln.startswith("#")]
    assert not any("evil" in h and not h.startswith("### ") for h in headings)
    assert not any(ln.startswith("## evil") for ln in md.splitlines())
    # the unit heading is one line, its | and # escaped
    unit = next(h for h in headings if "evil" in h)
    assert "U\\|N" in unit and "\\#\\# evil" in unit and "\\*x\\*" in unit and "\\[a\\]" in unit
    # every table row keeps its columns: a | in clerk text is escaped
    for row in (ln for ln in md.splitlines() if ln.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) == 8, row
    assert "\\# 非标题" in md


def test_html_report_escapes_clerk_text(hostile):
    page = hostile("report", "--as-of", AS_OF, "--format", "html").output
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>粗" not in page


# ----------------------------------------------------------------- html --
def test_html_report_reads_on_a_phone_and_prints_on_a4(long_ledger):
    page = long_ledger("report", "--as-of", AS_OF, "--format", "html").output
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width:640px)" in page  # rows become labelled cards
    assert "@page{size:A4" in page and "thead{display:table-header-group}" in page
    assert "break-inside:avoid" in page
    assert "http" not in page and "src=" not in page  # self-contained
    # one table per section, every unit in it: columns line up across units
    assert page.count('<table class="items">') == 3
    assert "table-layout:fixed" in page
    # the matter first, the internal id last
    heads = re.findall(r'<th scope="col">([^<]*)</th>', page)[:7]
    assert heads[0] == "文号" and heads[1] == "事项名称" and heads[-1] == "编号"
    # each cell says what it is (for the cards)
    assert 'data-label="剩余时间：">逾期10天<' in page


def test_stats_with_nothing_due_shows_a_dash(run):
    for fmt in ("text", "md", "html"):
        out = run("stats", "--as-of", AS_OF, "--format", fmt).output
        assert "—" in out and "0.0%" not in out, fmt
    data = json.loads(run("stats", "--as-of", AS_OF, "--format", "json").output)
    assert data["total"]["on_time_rate"] is None
    en = run("--lang", "en", "stats", "--as-of", AS_OF).output
    assert "On-time rate" in en and "—" in en


def test_stats_html_is_self_contained_with_viewport(run):
    run("add", "task", "a", "--due", "2026-02-02")
    page = run("stats", "--as-of", AS_OF, "--format", "html").output
    assert "viewport" in page and "http" not in page and '<table class="stats">' in page


# -------------------------------------------------------------- plurals --
def test_english_plurals(run, tmp_path):
    run("add", "task", "a", "--unit", "甲", "--due", "2026-02-20")
    en = run("--lang", "en", "report", "--as-of", AS_OF, "--format", "text").output
    assert "甲: 1 item" in en and "1 items" not in en
    f = tmp_path / "one.csv"
    f.write_text("类型,事项名称,办结时限\n交办任务,一行,2026-03-10\n", encoding="utf-8")
    out = run("--lang", "en", "import", f).output
    assert "imported 1 row:" in out
    out = run("--lang", "en", "rules").output
    assert "10 working days" in out and "15 days (rolled)" in out


def test_no_chinese_in_english_layouts(run):
    run("add", "task", "x", "--due", "2026-02-20")
    for args in (["report", "--format", "text"], ["list"], ["rules"], ["calendar", "show", "2026"], ["show", "1"]):
        out = run("--lang", "en", *args, "--as-of", AS_OF).output
        words = set(re.findall(r"[\u4e00-\u9fff]+", out))
        # only data: titles, rule and holiday notes come from the ledger or the law
        assert not words & {"编号", "事项名称", "剩余", "逾期", "项", "周一", "周二", "类型", "本局设置"}, (args, words)
