"""Deadline rules against worked examples and the laws they must keep.

Each expected date below was counted by hand on the State Council's
schedule (see the comment beside it), not computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.calendar import WorkCalendar
from tracker.db import open_db
from tracker.deadlines import Catalogue

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_db(open_db(":memory:", create=True))


CASES = [
    # rule, trigger, due, why
    (
        "review-reply",
        "2024-09-26",
        "2024-10-15",
        "10 wd: 09-27, 09-29 (make-up Sun), 09-30, [10-01..07 National Day], 10-08..11, 10-12 (make-up Sat), 10-14, 10-15",
    ),
    (
        "review-reply",
        "2025-01-20",
        "2025-02-08",
        "10 wd: 01-21..24, 01-26 (make-up Sun), 01-27, [01-28..02-04 Spring Festival], 02-05..07, 02-08 (make-up Sat)",
    ),
    (
        "review-reply",
        "2023-09-26",
        "2023-10-07",
        "before 2024: 10 calendar days → 10-06 (National Day holiday) → 10-07, a make-up Saturday",
    ),
    ("review-reply", "2023-12-29", "2024-01-08", "trigger in 2023: 10 calendar days → 2024-01-08 (Monday)"),
    ("review-reply", "2024-01-02", "2024-01-16", "from 2024 working days: 01-03..05, 01-08..12, 01-15, 01-16"),
    ("litigation-defence", "2026-02-02", "2026-02-24", "15 days → 02-17 inside Spring Festival 02-15..23 → 02-24"),
    ("litigation-defence", "2024-09-15", "2024-09-30", "15 days → 09-30, a Monday working day"),
    ("litigation-defence", "2026-09-15", "2026-09-30", "15 days → 09-30, a Wednesday working day"),
    ("litigation-defence", "2026-09-20", "2026-10-08", "15 days → 10-05, National Day → 10-08"),
    (
        "foi-reply",
        "2026-09-15",
        "2026-10-19",
        "20 wd: 09-16..18, 09-20 (make-up Sun), 09-21..24, [09-25 Mid-Autumn], 09-28..30, [10-01..07], "
        "10-08, 10-09, 10-10 (make-up Sat), 10-12..16, 10-19",
    ),
    ("penalty-decision", "2026-07-04", "2026-10-08", "90 days → 10-02 (National Day) → 10-08"),
    ("petition-handle", "2026-01-01", "2026-03-02", "60 days → 03-02, a Monday"),
    ("petition-handle", "2025-12-20", "2026-02-24", "60 days → 02-18, inside Spring Festival 02-15..23 → 02-24"),
    (
        "proposal-reply",
        "2025-11-30",
        "2026-02-28",
        "3 months → 02-28 (clamped from 02-30), a make-up Saturday: a working day, not rolled",
    ),
    (
        "proposal-reply",
        "2026-07-10",
        "2026-10-10",
        "3 months → 10-10, the make-up Saturday after National Day: not rolled",
    ),
    (
        "5wd",
        "2026-02-12",
        "2026-02-26",
        "5 wd: 02-13, 02-14 (make-up Sat), [02-15..23 Spring Festival], 02-24, 02-25, 02-26",
    ),
    ("10d", "2026-04-24", "2026-05-06", "10 days → 05-04, Labour Day (05-01..05) → 05-06"),
    ("1m", "2026-01-31", "2026-02-28", "1 month → 02-28 (clamped), make-up Saturday: not rolled"),
    (
        "review-reply-simple",
        "2026-09-28",
        "2026-10-10",
        "5 wd: 09-29, 09-30, [10-01..07 National Day], 10-08, 10-09, 10-10 (make-up Sat)",
    ),
    ("appeal-judgment", "2026-09-20", "2026-10-08", "15 days → 10-05, National Day → 10-08"),
    ("appeal-ruling", "2026-02-10", "2026-02-24", "10 days → 02-20, Spring Festival → 02-24"),
    ("accident-report", "2026-01-17", "2026-03-18", "60 days → 03-18, a Wednesday"),
]


@pytest.mark.parametrize("rule,trigger,due,why", CASES)
def test_worked_examples(catalogue, rule, trigger, due, why):
    deadline = catalogue.compute(rule, D(trigger), WorkCalendar())
    assert deadline.due_on == D(due), why
    assert deadline.provisional is False
    assert deadline.basis_zh.endswith(f"→ {due}")
    assert trigger in deadline.basis_zh


def test_basis_line_reads_like_the_law(catalogue):
    d = catalogue.compute("review-reply", D("2024-09-26"), WorkCalendar())
    assert d.basis_zh.startswith("10个工作日（《行政复议法》第四十八条")
    assert "自2024-09-26次日起算" in d.basis_zh and "跳过国庆节假期" in d.basis_zh
    assert "调休上班日09-29、10-12计入" in d.basis_zh
    d = catalogue.compute("litigation-defence", D("2026-02-02"), WorkCalendar())
    assert "期满日2026-02-17为春节假期，顺延至下一工作日 → 2026-02-24" in d.basis_zh
    assert "moved to the next working day → 2026-02-24" in d.basis_en


def test_unannounced_year_is_provisional(catalogue):
    # 2027 has no State Council schedule in the package: weekends and fixed
    # holidays only. 10 wd from 2026-12-25: 12-28..31, [2027-01-01 元旦],
    # 01-04..08, 01-11.
    d = catalogue.compute("review-reply", D("2026-12-25"), WorkCalendar())
    assert d.due_on == D("2027-01-11")
    assert d.provisional is True
    assert "暂定" in d.basis_zh and "2027" in d.basis_zh
    # A period wholly inside an announced year is not provisional.
    assert catalogue.compute("review-reply", D("2026-11-02"), WorkCalendar()).provisional is False


def test_office_overrides_decide_and_an_announced_year_ends_provisional(catalogue):
    # The office enters a day of 2027's notice: 2027-01-04 a rest day (hypothetical).
    cal = WorkCalendar({D("2027-01-04"): (False, "元旦调休")})
    d = catalogue.compute("review-reply", D("2026-12-25"), cal)
    assert d.due_on == D("2027-01-12")
    assert d.provisional is True  # one entry does not announce the year
    cal = WorkCalendar({D("2027-01-04"): (False, "元旦调休")}, announced={2027})
    assert catalogue.compute("review-reply", D("2026-12-25"), cal).provisional is False


def test_the_table_of_lunar_dates_is_lunar_pythons():
    """Provisional years read 春节, 清明, 端午 and 中秋 from a table (to spare
    loading lunar_python); every entry is what lunar_python computes."""
    from tracker.calendar import LUNAR_DATES, lunar_dates

    assert set(range(2027, 2061)) <= set(LUNAR_DATES)
    for year, dates in LUNAR_DATES.items():
        assert tuple(map(D, dates)) == lunar_dates(year), year


def test_statutory_holidays_of_a_provisional_year():
    """《全国年节及纪念日放假办法》 (2024): the fixed dates, and 春节 (除夕 to
    正月初三), 清明, 端午, 中秋 from the lunar calendar and the solar terms;
    make-up working days are not guessed."""
    cal = WorkCalendar()
    assert cal.is_provisional_year(2027)
    rest = [
        "2027-01-01",
        "2027-05-01",
        "2027-05-02",
        "2027-10-01",
        "2027-10-02",
        "2027-10-03",
        "2027-02-05",
        "2027-02-06",
        "2027-02-07",
        "2027-02-08",  # 除夕 2027-02-05, 初一 02-06 .. 初三 02-08
        "2027-04-05",  # 清明
        "2027-06-09",  # 端午 (五月初五)
        "2027-09-15",
    ]  # 中秋 (八月十五)
    for day in rest:
        assert not cal.is_workday(D(day)), day
        assert cal.day(D(day)).source == "provisional"
    assert cal.is_workday(D("2027-10-04"))  # a Monday; no schedule yet: a working day for now
    assert cal.is_workday(D("2027-02-09"))  # 初四: not a statutory rest day
    assert cal.is_workday(D("2027-02-11")) and not cal.is_workday(D("2027-02-13"))  # no make-up day guessed


def test_a_provisional_year_no_longer_lands_a_week_early(catalogue):
    # 10 working days from 2028-01-20 cross 春节 2028 (除夕 01-25, 初一 01-26 .. 初三 01-28)
    d = catalogue.compute("10wd", D("2028-01-20"), WorkCalendar())
    assert d.due_on == D("2028-02-09") and d.provisional and "春节" in d.basis_zh


def test_unknown_rule_is_a_user_error(catalogue):
    from tracker.errors import UserError

    for bad in ("review", "0d", "5x", "wd", "-3d", "99999d"):
        with pytest.raises(UserError) as e:
            catalogue.compute(bad, D("2026-01-05"), WorkCalendar())
        assert bad in e.value.message("en")


RULES = [
    "review-reply",
    "litigation-defence",
    "proposal-reply",
    "penalty-decision",
    "petition-handle",
    "foi-reply",
    "review-reply-simple",
    "appeal-judgment",
    "appeal-ruling",
    "accident-report",
    "1d",
    "7d",
    "30d",
    "1wd",
    "5wd",
    "15wd",
    "1m",
    "6m",
]


@settings(max_examples=400, deadline=None)
@given(rule=st.sampled_from(RULES), trigger=st.dates(dt.date(2004, 1, 1), dt.date(2028, 12, 31)))
def test_deadline_laws(catalogue, rule, trigger):
    cal = WorkCalendar()
    d = catalogue.compute(rule, trigger, cal)
    assert d.due_on > trigger, "a deadline is never on or before its trigger"
    period = catalogue.period(rule, trigger)
    if period.unit == "wd" or period.roll:
        assert cal.is_workday(d.due_on), "a working-day or rolled deadline ends on a working day"
    if period.unit == "wd":
        assert cal.workdays_between(trigger, d.due_on) == period.n
    if d.provisional:
        assert any(cal.is_provisional_year(y) for y in range(trigger.year, d.due_on.year + 1))


def test_due_command_prints_iso_date_first(run):
    r = run("due", "review-reply", "2024-09-26")
    assert r.output.splitlines()[0] == "2024-10-15"
    r = run("due", "litigation-defence", "2026年2月2日", "--format", "json")
    out = json.loads(r.output)
    assert out["due_on"] == "2026-02-24" and out["start"] == "2026-02-02" and out["provisional"] is False
    assert set(out) == {"rule", "start", "due_on", "provisional", "basis"}
    r = run("due", "review-reply", "20261225", "--lang", "en")
    assert r.output.splitlines()[0].startswith("2027-01-11")
    assert "provisional" in r.output


def test_due_works_before_any_database(tmp_path):
    from tests.helpers import Runner

    r = Runner(tmp_path / "none.db")("due", "review-reply", "2024/09/26")
    assert r.output.splitlines()[0] == "2024-10-15"
    assert not (tmp_path / "none.db").exists()
