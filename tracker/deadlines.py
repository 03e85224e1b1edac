"""The deadline rules: from a trigger date to a due date, by law.

Periods start the day after the trigger (the trigger day is not counted).
Units: 'd' calendar days, 'wd' working days, 'm' calendar months (same day
number, clamped to the month's end). A rolled period whose last day is not
a working day ends on the next working day (《民事诉讼法》第八十五条).

The named rules are data (tables rules/rule_periods, seeded by schema.sql);
generic rules are parsed: `5d`, `10wd`, `3m`.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from tracker.calendar import WorkCalendar
from tracker.errors import UserError

GENERIC = re.compile(r"([1-9]\d{0,3})(wd|d|m)")
_UNIT_ZH = {"d": "日", "wd": "个工作日", "m": "个月"}
_UNIT_EN = {"d": "days", "wd": "working days", "m": "months"}


@dataclass(frozen=True)
class Period:
    """One period of a rule, in force for triggers from effective_from."""

    n: int
    unit: str
    roll: bool
    basis_zh: str
    basis_en: str
    effective_from: dt.date | None = None


@dataclass(frozen=True)
class Deadline:
    """A computed deadline with the line that explains it."""

    rule: str
    start: dt.date
    due_on: dt.date
    provisional: bool
    basis_zh: str
    basis_en: str

    def basis(self, lang: str) -> str:
        return self.basis_en if lang == "en" else self.basis_zh

    def as_json(self, lang: str) -> dict:
        return {
            "rule": self.rule,
            "start": self.start.isoformat(),
            "due_on": self.due_on.isoformat(),
            "provisional": self.provisional,
            "basis": self.basis(lang),
        }


class Catalogue:
    """The rule catalogue: named rules from the database, generic ones parsed."""

    def __init__(self, periods: dict[str, list[Period]], names: dict[str, tuple[str, str]] | None = None):
        self.periods = {k: sorted(v, key=lambda p: p.effective_from or dt.date.min) for k, v in periods.items()}
        self.names = names or {}

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> Catalogue:
        periods: dict[str, list[Period]] = {}
        for r in conn.execute("SELECT rule_id, effective_from, n, unit, roll, basis_zh, basis_en FROM rule_periods"):
            periods.setdefault(r[0], []).append(
                Period(r[2], r[3], bool(r[4]), r[5], r[6], dt.date.fromisoformat(r[1]) if r[1] else None)
            )
        names = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, name_zh, name_en FROM rules")}
        return cls(periods, names)

    def ids(self) -> list[str]:
        return sorted(self.periods)

    def check(self, rule: str) -> str:
        """The rule id normalised, or UserError('unknown_rule')."""
        text, rule = rule.strip(), rule.strip().lower()
        if rule in self.periods or GENERIC.fullmatch(rule):
            return rule
        found = read_rule_words(self, text)
        if found:
            return found
        raise UserError("unknown_rule", value=rule, accepted=", ".join(self.ids()))

    def period(self, rule: str, trigger: dt.date) -> Period:
        rule = self.check(rule)
        if rule in self.periods:
            chosen = None
            for p in self.periods[rule]:
                if p.effective_from is None or p.effective_from <= trigger:
                    chosen = p
            if chosen is None:
                raise UserError("unknown_rule", value=rule, accepted=", ".join(self.ids()))
            return chosen
        m = GENERIC.fullmatch(rule)
        assert m is not None  # check() accepted it
        n, unit = int(m[1]), m[2]
        return Period(n, unit, unit != "wd", "通用规则", "generic rule")

    def compute(self, rule: str, trigger: dt.date, cal: WorkCalendar) -> Deadline:
        return compute(self.check(rule), self.period(rule, trigger), trigger, cal)


def _md(d: dt.date) -> str:
    return f"{d.month:02d}-{d.day:02d}"


def _join(names: list[str], sep: str) -> str:
    return sep.join(dict.fromkeys(names))


def compute(rule: str, period: Period, trigger: dt.date, cal: WorkCalendar) -> Deadline:
    """The deadline `period` gives for `trigger` on calendar `cal`."""
    n, unit = period.n, period.unit
    one = dt.timedelta(days=1)
    skipped_zh: list[str] = []
    skipped_en: list[str] = []
    makeup: list[dt.date] = []
    if unit == "wd":
        d, left = trigger, n
        while left:
            d += one
            day = cal.day(d)
            if day.workday:
                left -= 1
                if day.is_makeup_workday:
                    makeup.append(d)
            elif day.is_holiday and day.note_zh:
                skipped_zh.append(day.note_zh)
                skipped_en.append(day.note_en or day.note_zh)
        end = due = d
    else:
        end = trigger + (dt.timedelta(days=n) if unit == "d" else relativedelta(months=n))
        due = cal.next_workday(end) if period.roll else end

    # Provisional when any day of the period (trigger, due] lies in a year
    # whose holiday schedule is not announced.
    years = range((trigger + one).year, due.year + 1)
    provisional = any(cal.is_provisional_year(y) for y in years)
    head_zh = f"{n}{_UNIT_ZH[unit]}（{period.basis_zh}），自{trigger.isoformat()}次日起算"
    head_en = f"{n} {_UNIT_EN[unit]} ({period.basis_en}) from the day after {trigger.isoformat()}"
    parts_zh, parts_en = [head_zh], [head_en]
    if unit == "wd":
        if skipped_zh:
            parts_zh.append(f"跳过{_join(skipped_zh, '、')}假期")
            parts_en.append(f"skipping {_join(skipped_en, ', ')}")
        if makeup:
            dates = "、".join(_md(d) for d in makeup)
            parts_zh.append(f"调休上班日{dates}计入")
            parts_en.append(f"counting make-up working days {', '.join(_md(d) for d in makeup)}")
    elif due != end:
        day = cal.day(end)
        why_zh = f"{day.note_zh}假期" if day.is_holiday and day.note_zh else "休息日"
        why_en = f"in {day.note_en} holiday" if day.is_holiday and day.note_en else "a rest day"
        parts_zh.append(f"期满日{end.isoformat()}为{why_zh}，顺延至下一工作日")
        parts_en.append(f"last day {end.isoformat()} is {why_en}, moved to the next working day")
    basis_zh = "，".join(parts_zh) + f" → {due.isoformat()}"
    basis_en = ", ".join(parts_en) + f" → {due.isoformat()}"
    if provisional:
        unknown = [str(y) for y in years if cal.is_provisional_year(y)]
        basis_zh += f"（暂定：{'、'.join(unknown)}年放假安排未公布，按周末和法定节假日计算，不含调休）"
        basis_en += (
            f" (provisional: the {', '.join(unknown)} holiday schedule is not announced;"
            " weekends and statutory holidays, no make-up working days)"
        )
    return Deadline(rule, trigger, due, provisional, basis_zh, basis_en)


# ------------------------------------------------------------ rules in words --
_WORDS_UNIT = {"个工作日": "wd", "工作日": "wd", "个月": "m", "月": "m", "日": "d", "天": "d"}
_WORDS_PERIOD = re.compile(r"([1-9]\d{0,3})\s*(个工作日|工作日|个月|月|日|天)")


def rule_words(catalogue: Catalogue, rule: str | None, trigger: dt.date | None, lang: str) -> str:
    """A rule as a reader says it: 行政复议答复 10个工作日 (the period in force
    for `trigger`), 5个工作日 for a generic rule; read back by check()."""
    if not rule:
        return ""
    try:
        period = catalogue.period(rule, trigger or dt.date.max)  # no trigger: the period in force now
    except UserError:
        return rule
    unit = _UNIT_ZH[period.unit] if lang != "en" else " " + _UNIT_EN[period.unit]
    words = f"{period.n}{unit}"
    if rule in catalogue.names:
        zh, en = catalogue.names[rule]
        return f"{zh} {words}" if lang != "en" else f"{en}, {words}"
    return words


def read_rule_words(catalogue: Catalogue, text: str) -> str | None:
    """The rule that `text` names in words (rule_words' output, a rule's zh
    or en name, or 5个工作日 / 10日 / 3个月), else None."""
    text = " ".join(text.split())
    m = _WORDS_PERIOD.fullmatch(text)
    if m:
        return f"{int(m[1])}{_WORDS_UNIT[m[2]]}"
    best = None
    for rule, (zh, en) in catalogue.names.items():
        for name in (zh, en):
            if text == name or text.startswith(name + " ") or text.lower().startswith(name.lower() + ","):
                if best is None or len(name) > best[1]:
                    best = (rule, len(name))
            elif text.lower() == name.lower():
                best = (rule, len(name))
    return best[0] if best else None
