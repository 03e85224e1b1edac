"""Legal cases as the legal office uses them: statutory deadlines that move
only as the law allows, hearings with who appeared, outcomes, the deadlines
that follow, and the year's figures for the rule-of-law report."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import Runner, settle

V1 = Path(__file__).parent / "data" / "schema_v1.sql"


def new_id(result) -> int:
    """The first number a command prints: the new item's (or hearing's) id."""
    return int(re.search(r"\d+", result.output)[0])


def refused(run, *args, says: str):
    """A user mistake: one line naming what is wrong, exit 1, nothing written."""
    before = run.snapshot()
    r = run(*args, ok=False)
    assert r.exit_code == 1, r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and says in lines[0], r.stderr
    assert "Traceback" not in r.output + r.stderr
    assert run.snapshot() == before
    return lines[0]


def show(run, item) -> dict:
    return json.loads(run("show", item, "--format", "json").output)


# ------------------------------------------------------------ the catalogue --
WORKED = [
    # rule, trigger, due: counted by hand on the 2026 State Council calendar
    ("review-decision", "2026-08-03", "2026-10-08"),  # day 60 = 10-02, National Day: next working day
    ("review-decision-simple", "2026-01-16", "2026-02-24"),  # day 30 = 02-15, Spring Festival to 02-23
    ("review-correction", "2026-09-24", "2026-10-09"),  # 5 wd: 中秋 09-25..27 and 国庆 skipped
    ("review-correction-applicant", "2026-09-24", "2026-10-15"),  # 10 wd, make-up Saturday 10-10 counted
    ("foi-correction", "2026-09-24", "2026-10-12"),  # 7 wd
    ("penalty-hearing-request", "2026-02-11", "2026-02-25"),  # 5 wd: make-up 02-14 counted, 春节 skipped
    ("penalty-publication", "2026-04-30", "2026-05-13"),  # 7 wd: 劳动节 skipped, make-up 05-09 counted
    ("procuratorate-reply", "2026-07-31", "2026-09-30"),  # 2 months, clamped to the month's end
    ("procuratorate-reply-urgent", "2026-09-16", "2026-10-08"),  # 15 days = 10-01: rolled past 国庆
]


@pytest.mark.parametrize("rule,trigger,due", WORKED)
def test_the_other_periods_offices_keep_are_rules(run, rule, trigger, due):
    assert run("due", rule, trigger).output.splitlines()[0] == due


def test_each_statutory_rule_says_how_far_it_may_be_extended_and_why(run):
    rules = {r["id"]: r for r in json.loads(run("rules", "--format", "json").output)["rules"]}
    ext = {k: (r["extension"]["allowed"], r["extension"]["n"], r["extension"]["unit"]) for k, r in rules.items()}
    assert ext["foi-reply"] == ("period", 20, "wd")
    assert ext["petition-handle"] == ("period", 30, "d")
    assert ext["proposal-reply"] == ("period", 6, "m") and rules["proposal-reply"]["extension"]["from"] == "trigger"
    assert ext["accident-report"] == ("period", 60, "d")
    assert ext["review-decision"] == ("period", 30, "d")
    assert ext["litigation-defence"][0] == "court"
    assert ext["review-reply"][0] == "none"
    assert "第三十三条" in rules["foi-reply"]["extension"]["basis_zh"]
    assert "第三十六条" in rules["litigation-defence"]["extension"]["basis_zh"]
    text = run("rules").output
    assert "延长不超过20个工作日" in text and "仅经法院准许" in text and "不得延长" in text
    assert "Regulation on Government Information Disclosure art. 33" in run("rules", "--lang", "en").output


# ------------------------------------------------------ the law of extensions --
def test_a_statutory_deadline_moves_only_as_the_law_allows(run):
    defence = new_id(run("add", "litigation", "诉处罚决定案", "--received", "2026-01-05"))
    assert show(run, defence)["due_on"] == "2026-01-20"
    line = refused(run, "extend", defence, "2026-12-31", "--reason", "工作忙", says="--approver")
    assert "第三十六条" in line
    # the court permits late evidence: a lawful extension, the original kept
    run("extend", defence, "2026-02-10", "--reason", "法院准许延期提供证据", "--approver", "东莞市第一人民法院")
    item = show(run, defence)
    assert (item["original_due_on"], item["due_on"]) == ("2026-01-20", "2026-02-10")
    assert item["events"][-1]["data"]["lawful"] is True

    review = new_id(run("add", "review", "复议答复", "--received", "2026-03-02"))
    line = refused(run, "extend", review, "2026-04-30", "--reason", "案情复杂", "--approver", "王局长", says="不得延长")
    assert "第四十八条" in line
    refused(run, "--lang", "en", "extend", review, "2026-04-30", "--reason", "x", "--approver", "y", says="art. 48")

    foi = new_id(run("add", "task", "政府信息公开申请", "--rule", "foi-reply", "--received", "2026-03-02"))
    assert show(run, foi)["due_on"] == "2026-03-30"
    # +20 working days from 03-30, skipping 清明 (04-04..06): 04-28 at the latest
    line = refused(
        run, "extend", foi, "2026-04-29", "--reason", "需征求第三方意见", "--approver", "办公室主任", says="2026-04-28"
    )
    assert "第三十三条" in line
    run("extend", foi, "2026-04-28", "--reason", "需征求第三方意见", "--approver", "办公室主任")
    assert show(run, foi)["due_on"] == "2026-04-28"

    petition = new_id(run("add", "task", "信访事项", "--rule", "petition-handle", "--received", "2026-03-02"))
    assert show(run, petition)["due_on"] == "2026-05-06"  # day 60 = 05-01, 劳动节 to 05-05
    refused(run, "extend", petition, "2026-06-08", "--reason", "情况复杂", "--approver", "局长", says="2026-06-05")
    run("extend", petition, "2026-06-05", "--reason", "情况复杂", "--approver", "局长")

    proposal = new_id(run("add", "proposal", "人大代表建议", "--received", "2026-03-02"))
    assert show(run, proposal)["due_on"] == "2026-06-02"
    refused(run, "extend", proposal, "2026-09-03", "--reason", "办理难度大", "--approver", "局长", says="2026-09-02")
    run("extend", proposal, "2026-09-02", "--reason", "办理难度大", "--approver", "局长")

    # generic rules and typed dates extend with a reason, as before
    task = new_id(run("add", "task", "普通交办", "--due", "2026-03-10"))
    run("extend", task, "2026-12-31", "--reason", "上级同意")
    letter = new_id(run("add", "supervision", "督办函", "--rule", "5wd", "--received", "2026-03-02"))
    run("extend", letter, "2026-03-31", "--reason", "单位申请")
    assert show(run, letter)["due_on"] == "2026-03-31"


def test_a_statutory_deadline_is_not_edited_but_recomputed_from_its_trigger(run):
    case = new_id(run("add", "litigation", "诉某案", "--received", "2026-02-02"))
    assert show(run, case)["due_on"] == "2026-02-24"  # DOMAIN's worked example
    line = refused(run, "edit", case, "--due", "2026-03-31", says="litigation-defence")
    assert "--received" in line
    run("edit", case, "--received", "2026-03-02")
    item = show(run, case)
    assert (item["due_on"], item["rule"]) == ("2026-03-17", "litigation-defence")
    assert item["events"][-1]["type"] == "edit"
    # the same due date given again changes nothing and keeps the rule
    run("edit", case, "--due", "2026-03-17", "--title", "诉某处罚案")
    assert show(run, case)["rule"] == "litigation-defence"


def test_on_time_is_measured_against_the_lawful_deadline(run):
    # A defence due 2026-01-20 "extended" to 2026-12-31 before the law was
    # kept (a version-2 ledger), filed 2026-06-01: late.
    late = new_id(run("add", "litigation", "诉甲案", "--received", "2026-01-05"))
    conn = sqlite3.connect(run.db_path)
    with conn:
        conn.execute("UPDATE items SET due_on = '2026-12-31', original_due_on = '2026-01-20' WHERE id = ?", (late,))
    conn.close()
    run("done", late, "--on", "2026-06-01")
    # the court permitted late evidence to 02-10; filed 02-05: on time
    lawful = new_id(run("add", "litigation", "诉乙案", "--received", "2026-01-05"))
    run("extend", lawful, "2026-02-10", "--reason", "法院准许", "--approver", "东莞市第一人民法院")
    run("done", lawful, "--on", "2026-02-05")
    # a typed deadline extended with a reason: the approved date is the yardstick
    task = new_id(run("add", "task", "交办任务", "--due", "2026-01-20"))
    run("extend", task, "2026-03-01", "--reason", "领导同意")
    run("done", task, "--on", "2026-02-20")
    stats = json.loads(
        run("stats", "--from", "2026-01-01", "--to", "2026-12-31", "--as-of", "2026-12-31", "--format", "json").output
    )
    kinds = {k["kind"]: k for k in stats["kinds"]}
    assert (kinds["litigation"]["due"], kinds["litigation"]["done"], kinds["litigation"]["done_on_time"]) == (2, 2, 1)
    assert kinds["task"]["done_on_time"] == 1
    annual = json.loads(run("annual", "2026", "--as-of", "2026-12-31", "--format", "json").output)
    assert (annual["litigation"]["defended"], annual["litigation"]["defended_on_time"]) == (2, 1)
    assert annual["litigation"]["on_time_rate"] == 0.5


# ----------------------------------------------------------------- hearings --
def test_hearings_are_records_with_who_appeared(run):
    case = new_id(
        run(
            "add",
            "litigation",
            "诉处罚案",
            "--ref",
            "（2026）粤1971行初7号",
            "--received",
            "2026-03-02",
            "--hearing",
            "2026-04-08",
        )
    )
    r = run("hearing", "add", case, "2026-05-12", "--time", "9:30", "--place", "第三法庭", "--type", "trial")
    second = new_id(r)
    assert run.sql("SELECT date, time, place, type FROM hearings WHERE id = ?", (second,)) == [
        ("2026-05-12", "09:30", "第三法庭", "trial")
    ]
    run("edit", case, "--hearing", "2026-06-01")
    run("hearing", "add", case, "2026-06-20", "--type", "调解")
    assert run.sql("SELECT count(*) FROM hearings WHERE item_id = ?", (case,)) == [(4,)]

    task = new_id(run("add", "task", "普通任务", "--due", "2026-04-01"))
    refused(run, "hearing", "add", case, "2026-02-27", says="2026-03-02")
    refused(run, "edit", case, "--received", "2026-04-10", says="2026-04-08")
    refused(run, "hearing", "add", task, "2026-04-10", says="不是行政复议或行政应诉案件")
    refused(run, "add", "task", "又一任务", "--due", "2026-04-01", "--hearing", "2026-04-10", says="不是")
    refused(run, "hearing", "add", case, "2026-05-13", "--time", "25:00", says="25:00")
    refused(run, "hearing", "add", case, "2026-05-13", "--type", "party", says="trial")
    refused(run, "hearing", "record", second, "--attended", "张三", "--as-of", "2026-05-11", says="尚未举行")
    refused(run, "hearing", "record", 999, "--attended", "张三", "--as-of", "2026-05-13", says="999")

    first = run.sql("SELECT id FROM hearings WHERE item_id = ? AND date = '2026-04-08'", (case,))[0][0]
    run("hearing", "record", first, "--attended", "法规科李四", "--as-of", "2026-04-08")
    run(
        "hearing", "record", second, "--attended", "法规科李四、律师王五", "--head", "陈副局长", "--as-of", "2026-05-13"
    )
    listed = json.loads(run("hearing", "list", "--from", "2026-04-01", "--to", "2026-05-31", "--format", "json").output)
    assert [(h["hearing_id"], h["date"], h["time"], h["attended"], h["head"]) for h in listed] == [
        (first, "2026-04-08", None, "法规科李四", None),
        (second, "2026-05-12", "09:30", "法规科李四、律师王五、陈副局长", "陈副局长"),
    ]
    text = run("hearing", "list").output
    assert "第三法庭" in text and "陈副局长" in text and "调解" in text
    shown = run("show", case).output
    assert "2026-05-12 09:30" in shown and "负责人出庭：陈副局长" in shown
    types = [e["type"] for e in show(run, case)["events"]]
    assert types.count("hearing") == 4 and types.count("attend") == 2


def test_the_report_shows_hearings_until_their_day_whatever_the_status(run):
    case = new_id(run("add", "litigation", "诉某案", "--ref", "案1", "--received", "2026-02-02"))
    hid = new_id(run("hearing", "add", case, "2026-03-04", "--time", "14:30", "--place", "第一法庭"))
    run("done", case, "--on", "2026-02-20")  # the defence is filed; the hearing is still to come
    rep = json.loads(run("report", "--as-of", "2026-03-02", "--format", "json").output)
    assert rep["hearings"] == [
        {
            "hearing_id": hid,
            "item_id": case,
            "ref_no": "案1",
            "title": "诉某案",
            "date": "2026-03-04",
            "time": "14:30",
            "place": "第一法庭",
            "type": "trial",
        }
    ]
    assert "第一法庭" in run("report", "--as-of", "2026-03-02", "--format", "text").output
    assert json.loads(run("report", "--as-of", "2026-03-04", "--format", "json").output)["hearings"]
    assert json.loads(run("report", "--as-of", "2026-03-05", "--format", "json").output)["hearings"] == []


def test_hearings_and_deadlines_in_the_calendar_file(run, tmp_path):
    case = new_id(run("add", "litigation", "诉\x1b[31m某案", "--received", "2026-03-02"))
    run("hearing", "add", case, "2026-04-08", "--time", "09:30", "--place", "第三法庭")
    run("hearing", "add", case, "2026-04-20")
    run("done", case, "--on", "2026-03-02")  # defence filed: its hearings are still to be attended
    run("add", "task", "跨年任务", "--rule", "20wd", "--received", "2029-12-20")  # provisional years
    out = tmp_path / "cal.ics"
    run("export", "--format", "ics", "-o", out, "--as-of", "2026-03-02")
    from icalendar import Calendar

    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text
    events = Calendar.from_ical(text).walk("VEVENT")
    by_summary = [(str(e["SUMMARY"]), e) for e in events]
    timed = [e for s, e in by_summary if s.startswith("[开庭]") and e.get("LOCATION")]
    assert timed and timed[0].decoded("DTSTART") == dt.datetime(2026, 4, 8, 9, 30)
    all_day = [e for s, e in by_summary if s.startswith("[开庭]") and not e.get("LOCATION")]
    assert all_day[0].decoded("DTSTART") == dt.date(2026, 4, 20)
    assert any("暂定" in s for s, _ in by_summary)
    for e in events:  # every event has an alarm the day before
        alarms = e.walk("VALARM")
        assert alarms and alarms[0].decoded("TRIGGER") == -dt.timedelta(days=1)


def test_hearings_on_their_own_sheet(run, tmp_path):
    import openpyxl

    case = new_id(run("add", "review", "复议案", "--ref", "复〔2026〕1号", "--received", "2026-03-02"))
    hid = new_id(run("hearing", "add", case, "2026-03-20", "--time", "10:00", "--place", "听证室"))
    run("hearing", "record", hid, "--attended", "张三", "--head", "李局长", "--as-of", "2026-03-20")
    out = tmp_path / "list.xlsx"
    run("export", "--format", "xlsx", "-o", out, "--status", "all")
    wb = openpyxl.load_workbook(out)
    ws = wb["庭审"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("庭审编号", "事项编号", "文号", "事项名称", "日期")
    assert rows[1] == (
        hid,
        case,
        "复〔2026〕1号",
        "复议案",
        "2026-03-20",
        "10:00",
        "听证室",
        "听证",
        "张三、李局长",
        "李局长",
    )


# ----------------------------------------------------------------- outcomes --
def test_a_judgment_starts_the_appeal_clock(run):
    case = new_id(run("add", "litigation", "诉某处罚案", "--ref", "（2026）粤1971行初9号", "--received", "2026-01-05"))
    refused(run, "outcome", case, "upheld", "--on", "2026-04-01", says="驳回诉讼请求")
    refused(run, "outcome", case, "维持", "--on", "2026-04-01", says="驳回诉讼请求")
    refused(run, "outcome", case, "dismissed", "--on", "2026-01-01", says="2026-01-05")
    r = run("outcome", case, "驳回诉讼请求", "--on", "2026-09-16")
    appeal = new_id(r)
    item = show(run, appeal)
    # 15 days from 09-16 = 10-01, National Day: the next working day
    assert (item["due_on"], item["rule"], item["received_on"]) == ("2026-10-08", "appeal-judgment", "2026-09-16")
    assert item["title"].startswith("决定是否上诉") and item["case"]["id"] == case
    assert run.sql("SELECT relation FROM item_links WHERE item_id = ? AND from_id = ?", (appeal, case)) == [("appeal",)]
    shown = run("show", case).output
    assert "驳回诉讼请求 2026-09-16" in shown and f"后续事项：{appeal} 决定是否上诉" in shown
    assert f"所属案件：{case}" in run("show", appeal).output
    # the judgment's date corrected: the appeal item follows, recorded
    run("outcome", case, "dismissed", "--on", "2026-09-18")
    assert show(run, appeal)["due_on"] == "2026-10-08"  # 10-03 rolled to 10-08 as well
    run("outcome", case, "dismissed", "--on", "2026-10-09")
    moved = show(run, appeal)
    assert moved["due_on"] == "2026-10-26" and moved["events"][-1]["type"] == "edit"  # 10-24 is a Saturday
    assert run.sql("SELECT count(*) FROM item_links WHERE from_id = ?", (case,)) == [(1,)]

    ruled = new_id(run("add", "litigation", "诉某案二", "--received", "2026-01-05"))
    appeal2 = new_id(run("outcome", ruled, "rejected", "--on", "2026-03-02"))
    assert show(run, appeal2)["rule"] == "appeal-ruling" and show(run, appeal2)["due_on"] == "2026-03-12"
    ruling = new_id(run("add", "litigation", "诉某案三", "--received", "2026-01-05"))
    appeal3 = new_id(run("outcome", ruling, "revoked", "--ruling", "--on", "2026-03-02"))
    assert show(run, appeal3)["due_on"] == "2026-03-12"

    withdrawn = new_id(run("add", "litigation", "诉某案四", "--received", "2026-01-05"))
    before = run.sql("SELECT count(*) FROM items")
    run("outcome", withdrawn, "撤诉", "--on", "2026-03-02")
    run("outcome", withdrawn, "mediated", "--on", "2026-03-03")
    assert run.sql("SELECT count(*) FROM items") == before


def test_a_review_decision_that_corrects_the_bureau_is_carried_out(run):
    case = new_id(run("add", "review", "某公司不服处罚申请复议", "--received", "2026-03-02"))
    refused(run, "outcome", case, "withdrawn", says="upheld")
    refused(run, "outcome", case, "revoked", "--ruling", says="--ruling")
    carry = new_id(run("outcome", case, "责令履行", "--on", "2026-05-06", "--due", "2026-06-30"))
    item = show(run, carry)
    assert (item["due_on"], item["rule"], item["case"]["relation"]) == ("2026-06-30", None, "carry-out")
    # without --due: 30 days for now, and the clerk is told to set it
    other = new_id(run("add", "review", "另一复议", "--received", "2026-03-02"))
    r = run("outcome", other, "revoked", "--on", "2026-05-06")
    carry2 = new_id(r)
    assert "--due" in r.output and show(run, carry2)["due_on"] == "2026-06-05"
    run("edit", carry2, "--due", "2026-07-15")  # not a statutory deadline: set as the clerk decides
    upheld = new_id(run("add", "review", "维持的复议", "--received", "2026-03-02"))
    before = run.sql("SELECT count(*) FROM items")
    run("outcome", upheld, "维持", "--on", "2026-05-06")
    assert run.sql("SELECT count(*) FROM items") == before
    assert run.sql("SELECT word, lost FROM case_outcomes WHERE item_id = ?", (case,)) == [("ordered", 1)]
    assert run.sql("SELECT word, lost FROM case_outcomes WHERE item_id = ?", (upheld,)) == [("upheld", 0)]


# ----------------------------------------------------------- the year's figures --
def test_the_years_figures_agree_with_a_count_made_by_hand(run):
    rng = random.Random(13)
    as_of = dt.date(2026, 11, 30)
    year_start, year_end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    expect = {
        "review": {"received": 0, "replied": 0, "on_time": 0, "rate_due": 0, "rate_ok": 0, "decided": 0, "lost": 0},
        "litigation": {"received": 0, "replied": 0, "on_time": 0, "rate_due": 0, "rate_ok": 0, "decided": 0, "lost": 0},
    }
    outcomes = {"review": {}, "litigation": {}}
    hearings = appeared = head = 0
    words = {
        "review": ["upheld", "dismissed", "revoked", "varied", "unlawful", "ordered", "mediated", "terminated"],
        "litigation": ["dismissed", "withdrawn", "revoked", "unlawful", "varied", "ordered", "mediated", "rejected"],
    }
    lost_words = {"revoked", "varied", "unlawful", "ordered"}
    for n in range(36):
        kind = "review" if n % 2 else "litigation"
        received = dt.date(2025, 12, 1) + dt.timedelta(days=rng.randrange(0, 400))
        if received > as_of:
            received = as_of - dt.timedelta(days=rng.randrange(0, 10))
        case = new_id(run("add", kind, f"案件{n}", "--received", received))
        due = dt.date.fromisoformat(show(run, case)["due_on"])
        in_year = year_start <= received <= min(year_end, as_of)
        e = expect[kind]
        fate = rng.choice(["early", "late", "open", "cancel"])
        closed = None
        if fate == "early" and due - dt.timedelta(days=2) >= received:
            closed = due - dt.timedelta(days=2)
        elif fate == "late":
            closed = due + dt.timedelta(days=rng.randrange(1, 20))
        if closed and closed > as_of:
            closed = None
        if closed:
            run("done", case, "--on", closed)
        elif fate == "cancel":
            run("cancel", case, "--reason", "录入错误", "--on", received)
        if in_year and fate != "cancel":
            e["received"] += 1
            if closed:
                e["replied"] += 1
                e["on_time"] += closed <= due
            if due <= as_of:
                e["rate_due"] += 1
                e["rate_ok"] += bool(closed and closed <= due)
        if fate == "cancel":
            continue
        for _ in range(rng.randrange(0, 3)):
            day = received + dt.timedelta(days=rng.randrange(1, 120))
            hid = new_id(run("hearing", "add", case, day))
            held = day <= as_of
            who = rng.choice(["none", "staff", "head"]) if held else "none"
            if who != "none":
                args = ["--attended", "法规科李四"] + (["--head", "陈副局长"] if who == "head" else [])
                run("hearing", "record", hid, *args, "--as-of", as_of)
            if kind == "litigation" and year_start <= day <= as_of:
                hearings += 1
                appeared += who != "none"
                head += who == "head"
        if rng.random() < 0.6:
            word = rng.choice(words[kind])
            on = received + dt.timedelta(days=rng.randrange(20, 200))
            if on <= as_of:
                run(
                    "outcome", case, word, "--on", on, "--due", on + dt.timedelta(days=30)
                ) if kind == "review" else run("outcome", case, word, "--on", on)
                if year_start <= on <= as_of:
                    e["decided"] += 1
                    e["lost"] += word in lost_words
                    outcomes[kind][word] = outcomes[kind].get(word, 0) + 1
    # letters, listed cases, tasks, a campaign
    letters = {"supervision": 0, "reminder": 0, "suggestion": 0}
    for n, kind in enumerate(["supervision", "reminder", "suggestion", "supervision", "reminder"]):
        sent = dt.date(2026, 1 + n, 10) if n < 4 else dt.date(2025, 12, 20)
        run("add", kind, f"函件{n}", "--received", sent, "--due", sent + dt.timedelta(days=10))
        letters[kind] += sent.year == 2026
    run("add", "listed", "挂牌一", "--received", "2025-11-01", "--due", "2026-03-01")
    listed2 = new_id(run("add", "listed", "挂牌二", "--received", "2026-02-01", "--due", "2026-05-01"))
    run("done", listed2, "--on", "2026-04-20")
    listed3 = new_id(run("add", "listed", "挂牌三", "--received", "2025-10-01", "--due", "2026-01-31"))
    run("done", listed3, "--on", "2026-01-15")
    run("campaign", "add", "燃气专项", "--start", "2026-03-01", "--end", "2026-06-30")
    t1 = new_id(run("add", "campaign-task", "排查一", "--campaign", "燃气专项", "--due", "2026-04-01"))
    run("add", "campaign-task", "排查二", "--campaign", "燃气专项", "--due", "2026-04-01")
    run("done", t1, "--on", "2026-03-30")
    late_task = new_id(run("add", "task", "迟办任务", "--due", "2026-06-01"))
    run("done", late_task, "--on", "2026-06-03")
    run("add", "task", "明年任务", "--due", "2027-01-10")

    got = json.loads(run("annual", "2026", "--as-of", as_of, "--format", "json").output)
    assert got["year"] == 2026 and got["as_of"] == "2026-11-30"
    for kind, done_key in (("review", "replied"), ("litigation", "defended")):
        e, g = expect[kind], got[kind]
        assert g["received"] == e["received"], kind
        assert g[done_key] == e["replied"], kind
        assert g[f"{done_key}_on_time"] == e["on_time"], kind
        assert g["on_time_rate"] == (round(e["rate_ok"] / e["rate_due"], 4) if e["rate_due"] else None), kind
        assert {w: n for w, n in g["outcomes"].items() if n} == outcomes[kind], kind
        assert g["lost"] == e["lost"], kind
    assert got["review"]["decided"] == expect["review"]["decided"]
    lit = got["litigation"]
    assert lit["judged"] == expect["litigation"]["decided"]
    assert lit["loss_rate"] == (round(lit["lost"] / lit["judged"], 4) if lit["judged"] else None)
    assert (lit["hearings"], lit["appeared"], lit["head_appeared"]) == (hearings, appeared, head)
    assert lit["appearance_rate"] == (round(appeared / hearings, 4) if hearings else None)
    assert got["letters"] == {**letters, "total": sum(letters.values())}
    assert got["listed"] == {"opened": 1, "closed": 2}
    # non-case items due in 2026 to 11-30: 4 letters (the fifth is due 2025-12-30), 3 listed, 2 campaign tasks,
    # the late task; the appeal and carry-out items the outcomes added, counted from the database as they were made
    follow_due = run.sql(
        "SELECT count(*) FROM items WHERE (title LIKE '决定是否上诉%' OR title LIKE '履行复议决定%') "
        "AND due_on BETWEEN '2026-01-01' AND '2026-11-30'"
    )[0][0]
    assert got["tasks"]["due"] == 4 + 3 + 2 + 1 + follow_due
    assert got["tasks"]["done_on_time"] == 2 + 1  # 挂牌二, 挂牌三, 排查一
    assert got["campaigns"] == {"count": 1, "tasks": 2, "done": 1}

    text = run("annual", "2026", "--as-of", as_of).output
    assert "行政应诉" in text and "出庭应诉率" in text
    md = run("annual", "2026", "--as-of", as_of, "--format", "md", "--lang", "en").output
    assert "| appearance rate |" in md


def test_annual_rates_with_nothing_to_divide_are_null_and_dashes(run, tmp_path):
    got = json.loads(run("annual", "2026", "--as-of", "2026-12-31", "--format", "json").output)
    assert got["review"]["on_time_rate"] is None and got["litigation"]["loss_rate"] is None
    assert "—" in run("annual", "2026", "--as-of", "2026-12-31", "--format", "text").output
    refused(run, "annual", "2026", "--format", "xlsx", says="-o")
    out = tmp_path / "annual.xlsx"
    said = run("annual", "2026", "--format", "xlsx", "-o", out, "--as-of", "2026-12-31").stderr
    assert said.strip() == f"已写入2026年度法治政府建设数据：{out}"  # not "1 项", as an export of items says
    import openpyxl

    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert "出庭应诉率" in cells and "—" in cells


# ------------------------------------------------------------------ upgrade --
def test_a_hearing_date_of_an_older_ledger_becomes_a_hearing(tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.executescript(V1.read_text(encoding="utf-8"))
    conn.executescript(
        "INSERT INTO items (id, kind, title, received_on, due_on, rule, hearing_on, created_at, updated_at) "
        "VALUES (1, 'litigation', '诉某案', '2026-02-02', '2026-02-24', 'litigation-defence', '2026-03-10', 'x', 'x');"
        "INSERT INTO events (item_id, at, actor, type, data) VALUES (1, '2026-02-02T09:00:00', '李四', 'create', '{}');"
    )
    conn.close()
    run = Runner(old)
    rows = json.loads(run("hearing", "list", "--format", "json").output)
    assert [(h["item_id"], h["date"], h["type"]) for h in rows] == [(1, "2026-03-10", "trial")]
    assert "foi-reply" in run("rules").output and "review-decision" in run("rules").output
    assert run("check").exit_code == 0


# ---------------------------------------------------------------------- UI --
def text_of(widget, width: int = 200) -> str:
    """What a Static shows, as plain text."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    console.print(widget.content)
    return console.export_text()


def test_the_case_page_its_forms_and_the_coming_hearings(tmp_path):
    import asyncio

    from textual.widgets import Static

    from tracker.tui.app import TrackerApp

    db = tmp_path / "ledger.db"
    run = Runner(db)
    run("init")
    case = new_id(run("add", "litigation", "诉某处罚案", "--ref", "（2026）粤1971行初5号", "--received", "2026-02-02"))

    async def drive():
        app = TrackerApp(db, lang="zh", as_of=dt.date(2026, 3, 2), actor="clerk", poll_seconds=60.0)
        async with app.run_test(size=(160, 50)) as pilot:
            from tracker.tui.screens import ItemScreen

            await settle(pilot)
            app.push_screen(ItemScreen.in_lang("zh")(case))
            await settle(pilot)
            await pilot.press("H")
            await settle(pilot)
            await pilot.press(*"2026-03-10")
            await pilot.press("tab", *"09:30", "tab", *"第一法庭")
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "第一法庭" in text_of(app.screen.query_one("#panel-legal_case", Static))
            await pilot.press("A")  # nothing held yet on 03-02: a warning, no form
            await settle(pilot)
            assert isinstance(app.screen, ItemScreen)
            await pilot.press("O")
            await settle(pilot)
            await pilot.press("ctrl+s")  # the first word, 驳回诉讼请求, received on the as-of day
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("h")
            await settle(pilot)
            from textual.widgets import DataTable

            table = app.screen.query_one("#hearings", DataTable)
            assert table.row_count == 1

    asyncio.run(drive())
    assert run.sql("SELECT date, time, place FROM hearings WHERE item_id = ?", (case,)) == [
        ("2026-03-10", "09:30", "第一法庭")
    ]
    assert run.sql("SELECT word, decided_on FROM case_outcomes WHERE item_id = ?", (case,)) == [
        ("dismissed", "2026-03-02")
    ]
    assert run.sql("SELECT count(*) FROM item_links WHERE from_id = ? AND relation = 'appeal'", (case,)) == [(1,)]


def test_the_years_task_figures_follow_every_change_and_check_recounts_them(run):
    """annual counts a year's tasks from counts kept per due day; after
    adds, closings on time and late, a cancel and a reopen, an extension,
    a new due date and a changed kind, they agree with the items, and a
    count changed behind tracker's back is found by `check`."""
    ids = [new_id(run("add", "task", f"任务{n}", "--due", f"2026-0{n % 9 + 1}-15")) for n in range(12)]
    run("done", ids[0], "--on", "2026-01-10")  # on time
    run("done", ids[1], "--on", "2026-02-20")  # late
    run("cancel", ids[2], "--reason", "重复录入")
    run("done", ids[3], "--on", "2026-04-15")
    run("reopen", ids[3], "--reason", "整改不到位")
    run("extend", ids[4], "2026-07-20", "--reason", "需采购设备")
    run("edit", ids[5], "--due", "2027-01-15")  # out of the year
    run("edit", ids[6], "--kind", "supervision")
    run("done", ids[6], "--on", "2026-07-01")
    run("add", "reminder", "提醒函", "--received", "2026-03-01", "--due", "2026-03-08")
    got = json.loads(run("annual", "2026", "--as-of", "2026-11-30", "--format", "json").output)["tasks"]
    (due, on_time) = run.sql(
        "SELECT count(*), sum(status = 'done' AND closed_on <= coalesce(original_due_on, due_on)) FROM items "
        "WHERE coalesce(original_due_on, due_on) BETWEEN '2026-01-01' AND '2026-11-30' AND status <> 'cancelled'"
    )[0]
    assert (got["due"], got["done_on_time"]) == (due, on_time) == (11, 2)
    assert run("check").exit_code == 0
    run.tamper("UPDATE due_counts SET n = n + 1 WHERE due_on = '2026-01-15'")
    r = run("check", ok=False)
    assert r.exit_code == 1 and "按到期日的事项计数与事项不符" in r.stderr
