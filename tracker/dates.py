"""Parsing the date formats clerks type and spreadsheets hold.

Accepted: 2024-10-15, 2024/10/15, 2024.10.15, 20241015, 2024年10月15日
(month and day may have one digit in the separated forms), and a date or
datetime cell from a spreadsheet. Anything else is a UserError naming the value.
"""

import datetime as dt
import re

from tracker.errors import UserError

_SEPARATED = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
# A spreadsheet datetime rendered as text: "2024-10-15 00:00:00"
_WITH_TIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]00:00(?::00(?:\.0+)?)?")


FIRST = dt.date(1900, 1, 1)
LAST = dt.date(2099, 12, 31)  # the working-day calendar's range, with room


def in_range(d: dt.date, value=None) -> dt.date:
    """`d` if it lies within FIRST..LAST, else UserError('date_out_of_range')."""
    if not FIRST <= d <= LAST:
        raise UserError("date_out_of_range", value=str(value if value is not None else d))
    return d


def parse_date(value) -> dt.date:
    """The date that `value` names, within FIRST..LAST; UserError('bad_date')
    if it names none, UserError('date_out_of_range') if it lies outside."""
    if isinstance(value, dt.datetime):
        return in_range(value.date(), value)
    if isinstance(value, dt.date):
        return in_range(value)
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return in_range(dt.date.fromisoformat(text), value)  # the common case, fast
        except ValueError:
            pass
    for pattern in (_SEPARATED, _COMPACT, _CHINESE, _WITH_TIME):
        m = pattern.fullmatch(text)
        if m:
            try:
                d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
            return in_range(d, value)
    raise UserError("bad_date", value=str(value))


def parse_optional_date(value) -> dt.date | None:
    """None for an empty value, else parse_date(value)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value)
