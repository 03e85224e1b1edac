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


def parse_date(value) -> dt.date:
    """The date that `value` names; UserError('bad_date') if it names none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)  # the common case, fast
        except ValueError:
            pass
    for pattern in (_SEPARATED, _COMPACT, _CHINESE, _WITH_TIME):
        m = pattern.fullmatch(text)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                break
    raise UserError("bad_date", value=str(value))


def parse_optional_date(value) -> dt.date | None:
    """None for an empty value, else parse_date(value)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value)


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def from_iso(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None
