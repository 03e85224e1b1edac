"""How much time an item has left, said one way everywhere a person reads it
(CLI tables, the report, the UI, the XLSX): overdue in calendar days
(逾期N天), due today (今日到期), otherwise working days left (剩N个工作日).
Data keeps both numbers: `days_left` (calendar days, negative when overdue)
and `workdays_left` (working days, negative when overdue)."""

from __future__ import annotations

import datetime as dt

from tracker.calendar import WorkCalendar
from tracker.i18n import t


class TimeLeft:
    """Time left on day `as_of`, cached per due date (a list has a few
    hundred distinct due dates for many thousand items)."""

    def __init__(self, as_of: dt.date, cal: WorkCalendar):
        self.as_of, self.cal = as_of, cal
        self._workdays: dict[str, int] = {}

    def days(self, due: str | dt.date) -> int:
        """Calendar days from as_of to due (negative when overdue)."""
        d = due if isinstance(due, dt.date) else dt.date.fromisoformat(due)
        return (d - self.as_of).days

    def workdays(self, due: str | dt.date) -> int:
        """Working days in (as_of, due]; negative (those in (due, as_of]) when overdue."""
        key = due if isinstance(due, str) else due.isoformat()
        n = self._workdays.get(key)
        if n is None:
            n = self._workdays[key] = self.cal.workdays_between(self.as_of, dt.date.fromisoformat(key))
        return n

    def say(self, lang: str, due: str | dt.date | None) -> str:
        """逾期3天 / 今日到期 / 剩2个工作日 (3 days overdue / due today / 2 working days left)."""
        if not due:
            return ""
        days = self.days(due)
        return say_left(lang, days, self.workdays(due) if days > 0 else 0)


def say_left(lang: str, days: int, workdays: int) -> str:
    """The phrase for an item `days` calendar days (and `workdays` working
    days) from its deadline: the one rule TimeLeft.say applies, for data
    that already carries both numbers (the report's items)."""
    if days < 0:
        return t(lang, "left_overdue", n=-days)
    if days == 0:
        return t(lang, "left_today")
    return t(lang, "left_workdays", n=workdays)
