"""The Chinese working-day calendar: package data plus the office's overrides.

A day is a working day when it is Monday–Friday and not a statutory holiday,
or a weekend day made a working day (调休上班). Sources, in order:
1. the office's overrides (table calendar_overrides, `tracker calendar set`);
2. the `chinesecalendar` package (State Council notices 2004–2026);
3. for a year neither announces: weekends and the statutory holidays of
   《全国年节及纪念日放假办法》 (2024 revision) — 元旦, 春节 (除夕 to 正月初三),
   清明, 劳动节 (05-01–02), 端午, 中秋, 国庆 (10-01–03) — with the lunar dates
   and the solar term from lunar_python; make-up working days are not
   guessed, and the year is *provisional* (暂定).

A year is announced when the package has it, or when the office has
entered its whole schedule (`calendar import`, or `calendar set` day by day
and then `calendar announce`: table calendar_years). A single override does
not announce its year.

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
# the lunar and solar-term ones are computed per year (statutory_holidays).
FIXED_HOLIDAYS: dict[tuple[int, int], tuple[str, str]] = {
    (1, 1): ("元旦", "New Year's Day"),
    (5, 1): ("劳动节", "Labour Day"),
    (5, 2): ("劳动节", "Labour Day"),
    (10, 1): ("国庆节", "National Day"),
    (10, 2): ("国庆节", "National Day"),
    (10, 3): ("国庆节", "National Day"),
}

_HOLIDAY_ZH = {h.value: h.chinese for h in chinese_calendar.Holiday}

# 正月初一, 清明, 端午 and 中秋 of the years 2025–2060 as lunar_python gives
# them (tests/test_deadlines.py checks every entry against it): a
# provisional year's holidays without loading lunar_python (about 10 ms,
# paid by any command whose deadlines reach into next year). Other years
# are computed.
LUNAR_DATES: dict[int, tuple[str, str, str, str]] = {
    2025: ("2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"),
    2026: ("2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25"),
    2027: ("2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"),
    2028: ("2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03"),
    2029: ("2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22"),
    2030: ("2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12"),
    2031: ("2031-01-23", "2031-04-05", "2031-06-24", "2031-10-01"),
    2032: ("2032-02-11", "2032-04-04", "2032-06-12", "2032-09-19"),
    2033: ("2033-01-31", "2033-04-04", "2033-06-01", "2033-09-08"),
    2034: ("2034-02-19", "2034-04-05", "2034-06-20", "2034-09-27"),
    2035: ("2035-02-08", "2035-04-05", "2035-06-10", "2035-09-16"),
    2036: ("2036-01-28", "2036-04-04", "2036-05-30", "2036-10-04"),
    2037: ("2037-02-15", "2037-04-04", "2037-06-18", "2037-09-24"),
    2038: ("2038-02-04", "2038-04-05", "2038-06-07", "2038-09-13"),
    2039: ("2039-01-24", "2039-04-05", "2039-05-27", "2039-10-02"),
    2040: ("2040-02-12", "2040-04-04", "2040-06-14", "2040-09-20"),
    2041: ("2041-02-01", "2041-04-04", "2041-06-03", "2041-09-10"),
    2042: ("2042-01-22", "2042-04-04", "2042-06-22", "2042-09-28"),
    2043: ("2043-02-10", "2043-04-05", "2043-06-11", "2043-09-17"),
    2044: ("2044-01-30", "2044-04-04", "2044-05-31", "2044-10-05"),
    2045: ("2045-02-17", "2045-04-04", "2045-06-19", "2045-09-25"),
    2046: ("2046-02-06", "2046-04-04", "2046-06-08", "2046-09-15"),
    2047: ("2047-01-26", "2047-04-05", "2047-05-29", "2047-10-04"),
    2048: ("2048-02-14", "2048-04-04", "2048-06-15", "2048-09-22"),
    2049: ("2049-02-02", "2049-04-04", "2049-06-04", "2049-09-11"),
    2050: ("2050-01-23", "2050-04-04", "2050-06-23", "2050-09-30"),
    2051: ("2051-02-11", "2051-04-05", "2051-06-13", "2051-09-19"),
    2052: ("2052-02-01", "2052-04-04", "2052-06-01", "2052-09-07"),
    2053: ("2053-02-19", "2053-04-04", "2053-06-20", "2053-09-26"),
    2054: ("2054-02-08", "2054-04-04", "2054-06-10", "2054-09-16"),
    2055: ("2055-01-28", "2055-04-05", "2055-05-30", "2055-10-05"),
    2056: ("2056-02-15", "2056-04-04", "2056-06-17", "2056-09-24"),
    2057: ("2057-02-04", "2057-04-04", "2057-06-06", "2057-09-13"),
    2058: ("2058-01-24", "2058-04-04", "2058-06-25", "2058-10-02"),
    2059: ("2059-02-12", "2059-04-05", "2059-06-14", "2059-09-21"),
    2060: ("2060-02-02", "2060-04-04", "2060-06-03", "2060-09-09"),
}


@cache
def statutory_holidays(year: int) -> dict[dt.date, tuple[str, str]]:
    """The statutory rest days of `year` by 《全国年节及纪念日放假办法》 (2024
    revision, in force 2025-01-01): the fixed dates, 春节 from 除夕 (the last
    day of the lunar year) to 正月初三, 清明 (the day of the solar term), 端午
    (五月初五) and 中秋 (八月十五), from lunar_python. Without make-up days."""
    days = {dt.date(year, m, d): names for (m, d), names in FIXED_HOLIDAYS.items()}
    new_year, qingming, duanwu, zhongqiu = (
        map(dt.date.fromisoformat, LUNAR_DATES[year]) if year in LUNAR_DATES else lunar_dates(year)
    )
    # 春节: 除夕 and 正月初一 to 初三 of the lunar year that starts in `year`
    # (those days falling in `year`).
    for n in range(-1, 3):
        d = new_year + dt.timedelta(days=n)
        if d.year == year:
            days[d] = ("春节", "Spring Festival")
    days[qingming] = ("清明节", "Qingming Festival")
    days.setdefault(duanwu, ("端午节", "Dragon Boat Festival"))
    days.setdefault(zhongqiu, ("中秋节", "Mid-autumn Festival"))
    return days


def lunar_dates(year: int) -> tuple[dt.date, dt.date, dt.date, dt.date]:
    """正月初一 (of the lunar year starting in `year`), 清明 (the solar
    term), 端午 (五月初五) and 中秋 (八月十五) of `year`, from lunar_python."""
    from lunar_python import Lunar, Solar

    def solar(lunar_year: int, month: int, day: int) -> dt.date:
        s = Lunar.fromYmd(lunar_year, month, day).getSolar()
        return dt.date(s.getYear(), s.getMonth(), s.getDay())

    q = Solar.fromYmd(year, 5, 1).getLunar().getJieQiTable()["清明"]
    return solar(year, 1, 1), dt.date(q.getYear(), q.getMonth(), q.getDay()), solar(year, 5, 5), solar(year, 8, 15)


@dataclass(frozen=True)
class Day:
    """One calendar day as the office counts it."""

    date: dt.date
    workday: bool
    note_zh: str | None  # 春节 / 春节调休上班 / the office's note
    note_en: str | None
    source: str  # 'override' | 'package' | 'office' (a year the office announced) | 'provisional'

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
        # get_holiday_detail's own lookups, from the package's public tables
        # (the function checks the year's range again on every call: a
        # year's days took 6 ms)
        if d in chinese_calendar.workdays:
            is_holiday, name = False, chinese_calendar.workdays[d]
        elif d in chinese_calendar.holidays:
            is_holiday, name = True, chinese_calendar.holidays[d]
        else:
            is_holiday, name = d.weekday() > 4, None
        workday = not is_holiday
        note_zh = note_en = None
        if name and (is_holiday or d.weekday() >= 5):
            zh = _HOLIDAY_ZH.get(name, name)
            note_zh, note_en = (zh, name) if is_holiday else (f"{zh}调休上班", f"{name} make-up working day")
        return Day(d, workday, note_zh, note_en, "package")
    holiday = statutory_holidays(d.year).get(d)
    if holiday:
        return Day(d, False, holiday[0], holiday[1], "provisional")
    return Day(d, d.weekday() < 5, None, None, "provisional")


class WorkCalendar:
    """Working days with the office's overrides over the package data."""

    def __init__(
        self, overrides: dict[dt.date, tuple[bool, str | None]] | None = None, announced: set[int] | None = None
    ):
        self.overrides = dict(overrides or {})
        self.announced = set(announced or ())  # years the office entered whole
        self._added: dict[tuple[dt.date, int], dt.date] = {}
        self._counted: dict[int, list[int]] = {}  # year -> working days from its 1 January to each day

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> WorkCalendar:
        rows = conn.execute("SELECT date, workday, note FROM calendar_overrides").fetchall()
        announced = {r[0] for r in conn.execute("SELECT year FROM calendar_years")}
        return cls({dt.date.fromisoformat(r[0]): (bool(r[1]), r[2]) for r in rows}, announced)

    def is_provisional_year(self, year: int) -> bool:
        """No announced schedule for `year`: the package lacks it and the
        office has not entered it whole."""
        return year not in self.announced and not package_covers(year)

    def day(self, d: dt.date) -> Day:
        base = _package_day(d)
        if d in self.overrides:
            workday, note = self.overrides[d]
            return Day(d, workday, note or base.note_zh, note or base.note_en, "override")
        if base.source == "provisional" and d.year in self.announced:
            # A year the office announced: the statutory holidays and its own
            # entries (the notice's extra rest days and make-up working days).
            return Day(d, base.workday, base.note_zh, base.note_en, "office")
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
        """Working days in (start, end]; negative when end < start. A
        subtraction of two running counts of the year's working days (each
        year counted once), not a walk over the days: a list of items due
        over the next years says each one's time left at once."""
        if end < start:
            return -self.workdays_between(end, start)
        count = (
            self._count(end.year)[end.timetuple().tm_yday - 1] - self._count(start.year)[start.timetuple().tm_yday - 1]
        )
        for year in range(start.year, end.year):
            count += self._count(year)[-1]
        return count

    def _count(self, year: int) -> list[int]:
        """The working days of `year` from 1 January to each of its days (that day included)."""
        counts = self._counted.get(year)
        if counts is None:
            counts, n, d, one = [], 0, dt.date(year, 1, 1), dt.timedelta(days=1)
            while d.year == year:
                n += self.is_workday(d)
                counts.append(n)
                d += one
            self._counted[year] = counts
        return counts

    def year_days(self, year: int) -> list[Day]:
        d, out = dt.date(year, 1, 1), []
        while d.year == year:
            out.append(self.day(d))
            d += dt.timedelta(days=1)
        return out


MAX_CALENDAR_BYTES = 1_000_000


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
    from tracker.i18n import L

    path = Path(path)
    if not path.is_file():
        raise UserError("file_missing", path=str(path))
    if path.stat().st_size > MAX_CALENDAR_BYTES:  # a year is a few KB
        raise UserError("bad_calendar_file", path=str(path), line=1, problem=L("too_large"))
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError("bad_calendar_file", path=str(path), line=1, problem=L("bad_encoding"))
    entries: list[tuple[dt.date, bool, str | None]] = []
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as e:
            raise UserError("bad_calendar_file", path=str(path), line=1, problem=str(e)[:80]) from None
        days = data.get("days") if isinstance(data, dict) else None
        if not isinstance(days, list):
            raise UserError("bad_calendar_file", path=str(path), line=1, problem=L("calendar_days_list"))
        for n, d in enumerate(days, 1):
            if not isinstance(d, dict) or not isinstance(d.get("date"), str):
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=repr(d)[:80])
            if not isinstance(d.get("workday"), bool):
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=L("calendar_workday_bool"))
            note = d.get("note")
            if note is not None and not isinstance(note, str):
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=repr(note)[:80])
            try:
                entries.append((parse_date(d["date"]), d["workday"], note))
            except UserError as e:
                raise UserError("bad_calendar_file", path=str(path), line=n, problem=e) from None
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
            raise UserError("bad_calendar_file", path=str(path), line=n, problem=e) from None
    return entries
