"""Letters (督办函、提醒函、建议函、挂牌督办通知书) as a clerk issues them:
numbered, recorded against their matter, written as DOCX; `tracker config`;
letters in stats; the XLSX list as it prints. On the sample ledger as of
Monday 2026-03-02 (item 9: 督促虎门镇整改燃气使用隐患, 东应急督〔2026〕2号,
led by 虎门镇, due 2026-02-13)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.helpers import Runner, ledger_from
from tests.test_report import _office

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ledger_sample.csv"
AS_OF = "2026-03-02"


@pytest.fixture
def office(db_path, tmp_path, monkeypatch):
    """The sample ledger imported (once, copied for each test)."""
    monkeypatch.chdir(tmp_path)
    ledger_from("office", _office, db_path)
    return Runner(db_path)


def docx_text(path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def issue(run, *args, ok=True):
    return run("letter", *args, "--as-of", AS_OF, ok=ok)


# ------------------------------------------------------------------ issuing --
def test_letter_is_numbered_recorded_and_written(office, tmp_path):
    out = tmp_path / "督办.docx"
    r = issue(office, "9", "supervision", "-o", out)
    first, rest = r.output.split("\n", 1)
    new_id = int(first)  # the new item's id comes first
    assert "东应急督〔2026〕4号" in rest and "虎门镇" in rest
    row = office.sql(
        "SELECT kind, ref_no, received_on, due_on, rule, status, (SELECT name FROM units WHERE id = unit_id) "
        "FROM items WHERE id = ?",
        (new_id,),
    )[0]
    # the sample has 督〔2026〕1-3号: the next is 4; reply in 5 working days
    assert row == ("supervision", "东应急督〔2026〕4号", AS_OF, "2026-03-09", "5wd", "open", "虎门镇")
    assert office.sql("SELECT item_id, from_id, relation FROM item_links") == [(new_id, 9, "letter")]
    assert office.sql("SELECT kind, year, n, item_id FROM letter_numbers") == [("supervision", 2026, 4, new_id)]
    text = docx_text(out)
    for words in (
        "东莞市应急管理局",  # the bureau's name, at the head and signing
        "东应急督〔2026〕4号",
        "虎门镇：",  # 主送
        "督促虎门镇整改燃气使用隐患",
        "东应急督〔2026〕2号",  # the matter's own number
        "2026年2月13日",  # its deadline
        "已逾期17天",
        "2026年3月9日前",  # reply by, in Chinese
        "5个工作日",  # and its basis
        "2026年3月2日",  # dated
        "督办函",
    ):
        assert words in text, words
    assert "{{" not in text
    assert office("check").exit_code == 0


def test_docx_layout_is_an_official_letter(office, tmp_path):
    from docx import Document
    from docx.shared import Pt

    out = tmp_path / "l.docx"
    issue(office, "9", "reminder", "-o", out)
    doc = Document(str(out))
    s = doc.sections[0]
    mm = lambda x: round(x.mm)  # noqa: E731  (stored in twips)
    assert (mm(s.page_width), mm(s.page_height)) == (210, 297)  # A4
    assert [mm(x) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [37, 35, 28, 26]
    title = next(p for p in doc.paragraphs if "提醒函" in p.text and "关于" in p.text)
    run = title.runs[0]
    assert run.font.size == Pt(22)  # 2号
    assert run._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "方正小标宋简体"
    )
    body = next(p for p in doc.paragraphs if p.text.startswith("你单位承办的"))
    assert body.runs[0].font.size == Pt(16)  # 3号
    assert body.paragraph_format.line_spacing == Pt(28.95)  # 22 lines on the page


@pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdftotext"), reason="needs LibreOffice")
def test_docx_opens_in_libreoffice_on_one_page(office, tmp_path):
    out = tmp_path / "letter.docx"
    issue(office, "9", "listed", "-o", out)
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    pdf = tmp_path / "letter.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("\f") <= 1  # one page
    flat = "".join(text.split())
    assert "东应急挂〔2026〕1号" in flat and "实行挂牌督办的通知" in flat and "2026年3月2日" in flat


def test_numbers_count_typed_and_imported_and_are_never_reused(office, tmp_path):
    office("add", "督办函", "手工登记的督办函", "--ref", "东应急督〔2026〕9号", "--due", "2026-03-20")
    office("add", "提醒函", "括号不同的提醒函", "--ref", "东应急提[2026] ６号", "--due", "2026-03-20")
    first = int(issue(office, "9", "督办函", "-o", tmp_path / "a.docx").output.split()[0])
    assert office.sql("SELECT ref_no FROM items WHERE id = ?", (first,)) == [("东应急督〔2026〕10号",)]
    # the clerk corrects the letter's number away: 10 stays issued
    office("edit", str(first), "--ref", "东应急督〔2026〕10号（作废）")
    second = int(issue(office, "9", "督办", "-o", tmp_path / "b.docx").output.split()[0])
    assert office.sql("SELECT ref_no FROM items WHERE id = ?", (second,)) == [("东应急督〔2026〕11号",)]
    # another kind and another year each count on their own
    r = office("letter", "9", "提醒函", "--on", "2027-01-04", "--due", "2027-01-08", "-o", tmp_path / "c.docx")
    assert "东应急提〔2027〕1号" in r.output
    r = office("letter", "9", "提醒函", "--on", AS_OF, "-o", tmp_path / "c2.docx")  # [2026] ６号 typed: the next is 7
    assert "东应急提〔2026〕7号" in r.output
    r = office("letter", "10", "suggestion", "--on", "2026-03-02", "-o", tmp_path / "d.docx")
    assert "东应急建〔2026〕2号" in r.output
    # a year typed in full-width digits counts too (2025's number does not)
    office("add", "建议函", "全角年份的建议函", "--ref", "东应急建（２０２６）５号", "--due", "2026-03-20")
    office("add", "建议函", "去年的建议函", "--ref", "东应急建〔2025〕40号", "--due", "2025-03-20")
    r = office("letter", "10", "suggestion", "--on", "2026-03-02", "-o", tmp_path / "e.docx")
    assert "东应急建〔2026〕6号" in r.output


@pytest.mark.parametrize(
    "fmt", ["{short}提〔{year}〕{n}号", "{short}提[{year}]{n}", "提{n}号", "{short}提〔{year}〕第{n:03d}号", "{n}"]
)
def test_the_highest_number_is_read_from_every_way_of_writing_it(run, fmt):
    """The highest number of a kind and year, read mostly from one range of
    the ref_no index, is what a regex over every ref_no (brackets, widths
    and spaces made plain) finds: for numbers written exactly, in other
    brackets, with spaces, full-width digits, leading zeros, too many
    digits, other years and other kinds, and for formats of other shapes."""
    from tracker.db import open_db
    from tracker.letters import _pattern, _plain, highest_number

    run("config", "set", "numbering.reminder", fmt)
    run("config", "set", "office.short", "东应急")
    shapes = [
        "东应急提〔{y}〕{n}号", "东应急提[{y}]{n}号", "东应急提（{y}）{n}号", "东应急提【{y}】{n}号", "东应急提〔 {y} 〕{n}号",
        "东应急提〔{y} 〕{n}号", "东应急提〔{y}〕{n} 号", "东应急提〔{y}〕0{n}号", "东应急提〔{y}〕{n}号（作废）", "东应急督〔{y}〕{n}号",
        "东应急提〔{y}〕{n}", "东应急提{n}号", "提{n}号", "{n}", "东应急提〔{y}〕第{n:03d}号", "东应急提[{y}]{n}",
        "东应急提〔{y}〕１{n}号", "东应急提〔{y}〕{n}0000000000号", " 东应急提〔{y}〕{n}号", "东应急提 〔{y}〕{n}号",
        "东应急提［{y}］{n}号", "东应急提〔{y}〕{n}號", "东应急提〔{y}〕 {n}号", "东应急提〔0{y}〕{n}号",
    ]  # fmt: skip
    conn = open_db(run.db_path)
    refs: list[str] = []

    def add(ref: str) -> None:
        with conn:
            conn.execute(
                "INSERT INTO items (ref_no, kind, title, due_on, status, created_at, updated_at) "
                "VALUES (?, 'reminder', ?, '2026-03-20', 'open', 'x', 'x')",
                (ref, f"函{len(refs)}"),
            )
        refs.append(ref)

    def check() -> None:
        for year in (2025, 2026, 2027):
            _, regex = _pattern(fmt, "东应急", year)
            want = max((int(m[1]) for m in (regex.fullmatch(_plain(r)) for r in refs) if m), default=0)
            assert highest_number(conn, "reminder", year) == want, (fmt, year, refs[-1])

    for y in ("2025", "2026", "2027"):  # the bulk, written exactly
        for n in range(1, 60):
            add(f"东应急提〔{y}〕{n}号")
    check()
    n = 100
    for shape in shapes:  # each way of writing a number, the highest so far
        for y in ("2026", "２０２６", "2025"):
            n += 1
            add(shape.format(y=y, n=n))
            check()
    conn.close()


def test_office_numbering_format(office, tmp_path):
    office("config", "set", "numbering.supervision", "东应急督函〔{year}〕{n}号")
    office("config", "set", "office.name", "东莞市安全生产委员会办公室")
    assert office("config", "get", "numbering.supervision").output.strip() == "东应急督函〔{year}〕{n}号"
    r = issue(office, "9", "supervision", "-o", tmp_path / "x.docx")
    assert "东应急督函〔2026〕1号" in r.output
    assert "东莞市安全生产委员会办公室" in docx_text(tmp_path / "x.docx")
    listing = office("config", "list").output
    assert "东应急督函〔{year}〕{n}号" in listing and "office.short" in listing and "（默认）" in listing


@pytest.mark.parametrize(
    "value, says",
    [
        ("东应急督〔{year}〕号", "{n}"),
        ("东应急督〔{yr}〕{n}号", "{yr}"),
        ("东应急督〔{year〕{n}号", "花括号"),
    ],
)
def test_bad_numbering_format_refused(office, value, says):
    before = office.snapshot()
    r = office("config", "set", "numbering.supervision", value, ok=False)
    assert r.exit_code == 1 and says in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert office.snapshot() == before


def test_config_user_goes_to_the_clerks_file(office, tmp_path):
    r = office("config", "set", "user", "张三")
    assert r.exit_code == 0 and "张三" in r.output
    assert office("config", "get", "user").output.strip() == "张三"
    office("note", "9", "已电话催办")
    assert office.sql("SELECT actor FROM events ORDER BY id DESC LIMIT 1") == [("张三",)]
    r = office("config", "set", "nonsense.key", "x", ok=False)
    assert r.exit_code == 1 and "office.name" in r.stderr


def test_escalation_is_shown_on_the_matter_and_each_letter(office, tmp_path):
    rem = int(office("letter", "9", "reminder", "--on", "2026-02-16", "-o", tmp_path / "1.docx").output.split()[0])
    sup = int(issue(office, "9", "supervision", "-o", tmp_path / "2.docx").output.split()[0])
    # a letter about a letter is about its matter
    lst = int(office("letter", str(sup), "listed", "--on", "2026-03-10", "-o", tmp_path / "3.docx").output.split()[0])
    assert office.sql("SELECT from_id FROM item_links WHERE item_id = ?", (lst,)) == [(9,)]
    ladder = ["提醒函 东应急提〔2026〕3号", "督办函 东应急督〔2026〕4号", "挂牌督办通知书 东应急挂〔2026〕1号"]
    shown = office("show", "9").output
    line = next(x for x in shown.splitlines() if x.startswith("函件"))
    assert [line.index(x) for x in ladder] == sorted(line.index(x) for x in ladder)
    assert "发函：督办函 东应急督〔2026〕4号" in shown  # in the matter's history
    on_letter = office("show", str(sup)).output
    assert "所涉事项" in on_letter and "#9" in on_letter and "▶ 督办函 东应急督〔2026〕4号" in on_letter
    # the later letter names the earlier ones
    assert "此前，我局已于2026年2月16日发出提醒函（东应急提〔2026〕3号）" in docx_text(tmp_path / "2.docx")
    data = json.loads(office("show", str(rem), "--format", "json").output)
    assert data["letter_about"] == 9 and [x["kind"] for x in data["letters"]] == ["reminder", "supervision", "listed"]
    en = office("--lang", "en", "show", "9").output
    assert "Letters" in en and "supervision letter 东应急督〔2026〕4号" in en


# ---------------------------------------------------------------- bad input --
def _refused(run, args, says, tmp_path):
    before = run.snapshot()
    ours = lambda: {p for p in tmp_path.rglob("*") if not p.name.startswith("ledger.db")}  # noqa: E731
    files = ours()
    r = run("letter", *args, "--as-of", AS_OF, ok=False)
    assert r.exit_code == 1, r.output
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert run.snapshot() == before  # nothing written, no number consumed
    assert ours() == files  # no file, not even a temporary one


def test_letter_for_a_cancelled_item_refused(office, tmp_path):
    office("cancel", "9", "--reason", "撤回")
    _refused(office, ["9", "supervision", "-o", tmp_path / "x.docx"], "已撤销", tmp_path)


def test_kind_that_is_not_a_letter_refused(office, tmp_path):
    _refused(office, ["9", "review", "-o", tmp_path / "x.docx"], "supervision 督办函", tmp_path)


def test_existing_output_refused_without_force(office, tmp_path):
    out = tmp_path / "已有.docx"
    out.write_bytes(b"the clerk's own file")
    _refused(office, ["9", "supervision", "-o", out], "--force", tmp_path)
    assert out.read_bytes() == b"the clerk's own file"
    # the number was not consumed: the next letter takes it
    r = issue(office, "9", "supervision", "-o", out, "--force")
    assert "东应急督〔2026〕4号" in r.output and out.read_bytes()[:2] == b"PK"


def test_template_missing_a_required_field_refused(office, tmp_path):
    from docx import Document

    tpl = tmp_path / "our.docx"
    office("letter", "template", "supervision", "-o", tpl)
    doc = Document(str(tpl))
    for p in doc.paragraphs:
        for run_ in p.runs:
            run_.text = run_.text.replace("{{ reply_by }}", "限期")
    doc.save(str(tpl))
    _refused(office, ["9", "supervision", "--template", tpl, "-o", tmp_path / "x.docx"], "reply_by", tmp_path)
    r = office("config", "set", "template.supervision", tpl, ok=False)
    assert r.exit_code == 1 and "reply_by" in r.stderr


def test_reply_before_the_letter_refused(office, tmp_path):
    _refused(office, ["9", "reminder", "--due", "2026-02-27", "-o", tmp_path / "x.docx"], "早于发函日期", tmp_path)
    _refused(office, ["9", "reminder", "--rule", "7x", "-o", tmp_path / "x.docx"], "5wd", tmp_path)


def test_unit_less_item_and_no_item_refused(office, tmp_path):
    office("add", "task", "无责任单位的任务", "--due", "2026-03-20")
    new = office.sql("SELECT max(id) FROM items")[0][0]
    _refused(office, [str(new), "reminder", "-o", tmp_path / "x.docx"], "责任单位", tmp_path)
    _refused(office, ["999", "reminder", "-o", tmp_path / "x.docx"], "999", tmp_path)


def test_offices_own_template(office, tmp_path):
    from docx import Document

    tpl = tmp_path / "our.docx"
    r = office("letter", "template", "reminder", "-o", tpl)
    assert r.exit_code == 0 and tpl.exists()
    doc = Document(str(tpl))
    doc.add_paragraph("（联系人：办公室 李娜，电话：22833000）")
    doc.save(str(tpl))
    office("config", "set", "template.reminder", tpl)
    issue(office, "9", "reminder", "-o", tmp_path / "r.docx")
    assert "联系人：办公室 李娜" in docx_text(tmp_path / "r.docx")
    r = office("letter", "template", "reminder", "-o", tpl, ok=False)
    assert r.exit_code == 1 and "--force" in r.stderr


@pytest.mark.parametrize("kind", ["reminder", "supervision", "suggestion", "listed"])
def test_builtin_templates_use_every_required_field(kind, tmp_path):
    from tracker.letters import builtin_template, check_template

    path = tmp_path / f"{kind}.docx"
    path.write_bytes(builtin_template(kind))
    assert check_template(path) == path


def test_default_file_name_is_the_number(office, tmp_path):
    issue(office, "9", "supervision")
    assert (tmp_path / "东应急督〔2026〕4号.docx").exists()


def test_help_in_chinese(office):
    assert "挂牌督办通知书" in office("letter", "--help").output
    assert "编号格式" in office("config", "--help").output


# -------------------------------------------------------------------- stats --
def test_letters_counted_by_the_day_sent(office, tmp_path):
    issue(office, "9", "supervision", "-o", tmp_path / "a.docx")
    # a letter typed in without its date counts on the day it was entered
    office("add", "督办函", "补登的督办函", "--due", "2099-01-01")
    today = dt.date.today()
    st = json.loads(
        office(
            "stats",
            "--as-of",
            "2099-12-31",
            "--from",
            "2026-01-01",
            "--to",
            max(today, dt.date(2026, 3, 2)).isoformat(),
            "--format",
            "json",
        ).output
    )
    sent = {x["kind"]: x["sent"] for x in st["letters"]}
    assert sent["supervision"] == 3 + 1 + 1  # the sample's three, the issued one, the typed one


# --------------------------------------------------------------------- XLSX --
def test_xlsx_list_prints(office, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "list.xlsx"
    office("export", "--as-of", AS_OF, "--status", "all", "--format", "xlsx", "-o", out)
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert ws["A1"].value == "督办事项清单（截至2026年3月2日）" and ws["A1"].font.b
    header = [c.value for c in ws[2]]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and (ws.page_setup.fitToWidth or 1) == 1  # 1: the default
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows.replace("$", "") == "1:2"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    rows = {r[2].value: dict(zip(header, r)) for r in ws.iter_rows(min_row=3)}
    review = rows["某化工公司不服责令停产停业决定申请复议"]
    assert review["期限规则"].value == "行政复议答复 10个工作日"
    assert isinstance(review["办结时限"].value, dt.datetime) and review["办结时限"].number_format == "yyyy-mm-dd"
    assert rows["督促虎门镇整改燃气使用隐患"]["剩余天数"].value == "逾期17天"
    assert rows["编制2026年度安全生产执法计划"]["期限规则"].value == "10个工作日"
    assert rows["编制2026年度安全生产执法计划"]["状态"].value == "已办结"
    # every column on one printed page width: the widths add up to what A4 landscape holds legibly
    total = sum(ws.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQR")
    assert total < 240
    assert ws["C3"].alignment.wrap_text and ws.column_dimensions["C"].width >= 20
    about = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows() if r[0].value}
    assert about["状态"] == "全部" and about["事项数"] == 31
    assert not any("|" in str(v) or v == "open" for v in about.values())
    en = tmp_path / "en.xlsx"
    office("--lang", "en", "export", "--as-of", AS_OF, "--kind", "督办函", "--overdue", "--format", "xlsx", "-o", en)
    wb = load_workbook(en)
    assert wb.worksheets[0]["A1"].value == "Supervision list (as of 2026-03-02)"
    about = {r[0].value: r[1].value for r in wb.worksheets[1].iter_rows() if r[0].value}
    assert about["Kind"] == "supervision letter" and about["Status"] == "open" and about["overdue only"] == "yes"


def test_rules_in_words_import_back(run, tmp_path):
    from tests.helpers import Runner

    run("add", "review", "复议案", "--received", "2026-02-02")
    run("add", "task", "五日任务", "--received", "2026-02-02", "--rule", "5wd")
    out = tmp_path / "l.xlsx"
    run("export", "--as-of", AS_OF, "--format", "xlsx", "-o", out)
    other = Runner(tmp_path / "other.db")
    other("init")
    other("import", out)
    assert other.sql("SELECT title, rule, due_on FROM items ORDER BY title") == run.sql(
        "SELECT title, rule, due_on FROM items ORDER BY title"
    )


# ----------------------------------------------------------------------- UI --
async def test_letter_from_the_item_page(tmp_path, monkeypatch):
    """`l` on an item's page: the form proposes the next rung (a reminder,
    then a supervision letter) with a preview of number and deadline; the
    letter is issued, its file written, and the page shows the ladder."""
    from tests.test_tui import AS_OF as UI_AS_OF
    from tests.test_tui import make_app, make_ledger, settle, text_of
    from tracker.tui.letters import LetterForm

    monkeypatch.chdir(tmp_path)
    db = make_ledger(tmp_path / "ledger.db")
    app = make_app(db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"虎门镇整改燃气", "enter", "enter")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LetterForm) and form.kind == "reminder"
        preview = text_of(form.query_one("#preview"))
        assert "提醒函 东应急提〔2026〕3号" in preview and "虎门镇" in preview and "2026-03-09" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (tmp_path / "东应急提〔2026〕3号.docx").exists()
        assert not list(tmp_path.glob(".*.tmp"))
        letters = text_of(app.screen.query_one("#panel-letters"))
        assert "提醒函 东应急提〔2026〕3号" in letters and "2026-03-09 前回复" in letters
        await pilot.press("l")
        await settle(pilot)
        assert app.screen.kind == "supervision"
        assert "东应急督〔2026〕4号" in text_of(app.screen.query_one("#preview"))
        await pilot.press("escape")  # cancelled: nothing issued
        await settle(pilot)
    conn = sqlite3.connect(db)
    try:
        kinds = conn.execute(
            "SELECT i.kind, i.received_on FROM item_links l JOIN items i ON i.id = l.item_id WHERE l.from_id = 9"
        ).fetchall()
    finally:
        conn.close()
    assert kinds == [("reminder", UI_AS_OF.isoformat())]


def test_template_that_fails_when_filled_writes_nothing(office, tmp_path):
    from docx import Document

    tpl = tmp_path / "bad.docx"
    office("letter", "template", "reminder", "-o", tpl)
    doc = Document(str(tpl))
    doc.add_paragraph("{{ (1 / 0) }}")
    doc.save(str(tpl))
    _refused(office, ["9", "reminder", "--template", tpl, "-o", tmp_path / "x.docx"], "bad.docx", tmp_path)
