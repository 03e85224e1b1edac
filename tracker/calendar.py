"""The Chinese working-day calendar: package data plus the office's overrides.

A day is a working day when it is Monday–Friday and not a statutory holiday,
or a weekend day made a working day (调休上班). Sources, in order:
1. the office's overrides (table calendar_overrides, `tracker calendar set`);
2. the `chinesecalendar` package (State Council notices 2004–2026);
3. for a year neither knows: weekends and the fixed-date statutory holidays
   only, and the year is *provisional* (暂定).

chinesecalendar is used rather than `holidays` because it refuses a year it
lacks instead of silently answering weekends-only, which is exactly the
signal a provisional year needs, and it names each make-up working day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from functools import cache

import chinese_calendar

# Fixed-date statutory holidays (《全国年节及纪念日放假办法》, 2025 text);
# the lunar and solar-term holidays move and are not guessed.
FIXED_HOLIDAYS: dict[tuple[int, int], tuple[str, str]] = {
    (1, 1): ("元旦", "New Year's Day"),
    (5, 1): ("劳动节", "Labour Day"),
    (5, 2): ("劳动节", "Labour Day"),
    (10, 1): ("国庆节", "National Day"),
    (10, 2): ("国庆节", "National Day"),
    (10, 3): ("国庆节", "National Day"),
}

_HOLIDAY_ZH = {h.value: h.chinese for h in chinese_calendar.Holiday}


@dataclass(frozen=True)
class Day:
    """One calendar day as the office counts it."""

    date: dt.date
    workday: bool
    note_zh: str | None  # 春节 / 春节调休上班 / the office's note
    note_en: str | None
    source: str  # 'override' | 'package' | 'provisional'

    @property
    def is_holiday(self) -> bool:
        """A rest day that is not an ordinary weekend (a statutory holiday)."""
        return not self.workday and (self.date.weekday() < 5 or self.note_zh is not None)

    @property
    def is_makeup_workday(self) -> bool:
        """A weekend day worked in exchange for a holiday (调休上班)."""
        return self.workday and self.date.weekday() >= 5

    def note(self, lang: str) -> str | None:
        return self.note_en if lang == "en" else self.note_zh


@cache
def package_covers(year: int) -> bool:
    """Whether the holiday package has the State Council schedule for `year`."""
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


@cache
def _package_day(d: dt.date) -> Day:
    if package_covers(d.year):
        is_holiday, name = chinese_calendar.get_holiday_detail(d)
        workday = not is_holiday
        note_zh = note_en = None
        if name and (is_holiday or d.weekday() >= 5):
            zh = _HOLIDAY_ZH.get(name, name)
            note_zh, note_en = (zh, name) if is_holiday else (f"{zh}调休上班", f"{name} make-up working day")
        return Day(d, workday, note_zh, note_en, "package")
    fixed = FIXED_HOLIDAYS.get((d.month, d.day))
    if fixed:
        return Day(d, False, fixed[0], fixed[1], "provisional")
    return Day(d, d.weekday() < 5, None, None, "provisional")


class WorkCalendar:
    """Working days with the office's overrides over the package data."""

    def __init__(self, overrides: dict[dt.date, tuple[bool, str | None]] | None = None):
        self.overrides = dict(overrides or {})
        self._override_years = {d.year for d in self.overrides}
        self._added: dict[tuple[dt.date, int], dt.date] = {}

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> WorkCalendar:
        rows = conn.execute("SELECT date, workday, note FROM calendar_overrides").fetchall()
        return cls({dt.date.fromisoformat(r[0]): (bool(r[1]), r[2]) for r in rows})

    def is_provisional_year(self, year: int) -> bool:
        """No announced schedule for `year`: neither package data nor overrides."""
        return year not in self._override_years and not package_covers(year)

    def day(self, d: dt.date) -> Day:
        if d in self.overrides:
            workday, note = self.overrides[d]
            base = _package_day(d)
            return Day(d, workday, note or base.note_zh, note or base.note_en, "override")
        base = _package_day(d)
        if base.source == "provisional" and d.year in self._override_years:
            # An announced year entered by the office: unlisted days are ordinary.
            return Day(d, base.workday, base.note_zh, base.note_en, "override")
        return base

    def is_workday(self, d: dt.date) -> bool:
        o = self.overrides.get(d)
        if o is not None:
            return o[0]
        return _package_day(d).workday

    def next_workday(self, d: dt.date) -> dt.date:
        """`d` itself when it is a working day, else the next working day."""
        while not self.is_workday(d):
            d += dt.timedelta(days=1)
        return d

    def add_workdays(self, d: dt.date, n: int) -> dt.date:
        """The n-th working day after d (n ≥ 0; 0 gives d)."""
        key = (d, n)
        if key not in self._added:
            one = dt.timedelta(days=1)
            while n > 0:
                d += one
                if self.is_workday(d):
                    n -= 1
            self._added[key] = d
            return d
        return self._added[key]

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when end < start."""
        if end < start:
            return -self.workdays_between(end, start)
        one, count, d = dt.timedelta(days=1), 0, start
        while d < end:
            d += one
            count += self.is_workday(d)
        return count

    def year_days(self, year: int) -> list[Day]:
        d, out = dt.date(year, 1, 1), []
        while d.year == year:
            out.append(self.day(d))
            d += dt.timedelta(days=1)
        return out


def read_calendar_file(path, daytype) -> list[tuple[dt.date, bool, str | None]]:
    """Calendar entries from the JSON of `calendar show --format json` or a
    CSV of date, workday|holiday, note (a header row is optional).
    `daytype` turns a type cell into a bool or raises. All-or-nothing: the
    first bad line raises UserError naming the file and line."""
    import csv
    import io
    import json
    from pathlib import Path

    from tracker.dates import parse_date
    from tracker.errors import UserError

    path = Path(path)
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError("bad_calendar_file", path=str(path), line=1, problem="encoding")
    entries: list[tuple[dt.date, bool, str | None]] = []
    if text.lstrip().startswith("{"):
        try:
            days = json.loads(text)["days"]
        except (ValueError, KeyError, TypeError) as e:
            raise UserError("bad_calendar_file", path=str(path), line=1, problem=str(e)) from None
        for n, d in enumerate(days, 1):
            try:
                entries.append((parse_date(d["date"]), bool(d["workday"]), d.get("note")))
            except (KeyError, TypeError):
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=repr(d)) from None
            except UserError as e:
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=e.message("en")) from None
        return entries
    for n, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if not row or not "".join(row).strip():
            continue
        if n == 1 and row[0].strip().lower() in ("date", "日期"):
            continue
        if len(row) < 2:
            raise UserError("bad_calendar_file", path=str(path), line=n, problem=",".join(row))
        try:
            entries.append((parse_date(row[0]), daytype(row[1]), row[2].strip() if len(row) > 2 else None))
        except UserError as e:
            raise UserError("bad_calendar_file", path=str(path), line=n, problem=e.message("en")) from None
    return entries
