"""Letters (督办函、提醒函、建议函、挂牌督办通知书): numbered in the office's
sequence, recorded as items linked to the matter they are about, and
written as DOCX from a template the office can replace.

A letter is an item of its kind: addressed (主送) to the matter's lead unit,
received_on the day it is sent, due_on the day the unit must reply by. It
is linked to the matter (item_links, relation 'letter'), and the matter's
history records it. The escalation 提醒 → 督办 → 挂牌 is the matter's letters
in the order they were sent.

Numbers: per kind and year, in the office's format (settings
numbering.KIND, e.g. {short}督〔{year}〕{n}号). The next {n} is one more than
the highest number of that kind and year already issued (table
letter_numbers) or standing in any item's ref_no (typed or imported), so a
number is never issued twice.

The DOCX is laid out as an official document (GB/T 9704-2012): A4, margins
37/35/28/26 mm, 22 lines of 28 characters, title in 小标宋 2号, body in
仿宋_GB2312 3号. The built-in templates (tracker/templates/KIND.docx) are
made by docs/make_templates.py; `tracker letter template KIND -o FILE`
writes one for the office to start from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import string
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from tracker import settings
from tracker.calendar import WorkCalendar
from tracker.deadlines import Deadline
from tracker.errors import UserError
from tracker.i18n import label
from tracker.text import safe
from tracker.timeleft import TimeLeft

# The letter kinds, in the order of the escalation ladder (建议函 stands
# beside it: advice rather than pressure).
LETTER_KINDS = ("reminder", "supervision", "listed", "suggestion")
LADDER = ("reminder", "supervision", "listed")

# What each kind of letter is called on paper.
DOC_NAMES = {
    "reminder": "提醒函",
    "supervision": "督办函",
    "suggestion": "建议函",
    "listed": "挂牌督办通知书",
}
# The words a clerk may type for a kind (besides its id).
_KIND_WORDS = {
    "提醒函": "reminder",
    "提醒": "reminder",
    "督办函": "supervision",
    "督办": "supervision",
    "建议函": "suggestion",
    "建议": "suggestion",
    "挂牌督办通知书": "listed",
    "挂牌督办": "listed",
    "挂牌": "listed",
}

PLACEHOLDERS = ("short", "year", "n")

# The fields a template is given. A template must use the required ones:
# a letter without its number, addressee, matter, reply date, sender or
# date is not a letter.
REQUIRED_FIELDS = ("ref_no", "to_unit", "matter_title", "reply_by", "office", "date")
TEMPLATE_FIELDS = REQUIRED_FIELDS + (
    "doc_title",
    "doc_name",
    "office_short",
    "matter_ref",
    "matter_ref_no",
    "matter_due",
    "matter_state",
    "reply_basis",
    "previous",
)


def letter_kind(value: str | None) -> str:
    """A letter kind by id or Chinese name; UserError for anything else."""
    text = (value or "").strip()
    if text.lower() in LETTER_KINDS:
        return text.lower()
    if text in _KIND_WORDS:
        return _KIND_WORDS[text]
    accepted = "、".join(f"{k} {DOC_NAMES[k]}" for k in LETTER_KINDS)
    raise UserError("letter_bad_kind", value=text, accepted=accepted)


def chinese_date(d: dt.date | str) -> str:
    """2026年3月2日: a date as official documents write it."""
    d = d if isinstance(d, dt.date) else dt.date.fromisoformat(d)
    return f"{d.year}年{d.month}月{d.day}日"


# ---------------------------------------------------------------- numbering --
def check_format(fmt: str) -> str:
    """A numbering format: text with {n} and optionally {short} and {year};
    UserError naming what is wrong."""
    fmt = (fmt or "").strip()
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(fmt) if name is not None]
        for name in names:
            if name not in PLACEHOLDERS:
                raise UserError("letter_format_unknown", value=fmt, name="{" + name + "}")
        fmt.format(short="东应急", year=2026, n=1)
    except (ValueError, IndexError, KeyError):
        raise UserError("letter_format_bad", value=fmt) from None
    if "n" not in names:
        raise UserError("letter_format_no_n", value=fmt)
    return fmt


# Brackets clerks type for 〔〕 in a number (六角括号): [2026], (2026),
# （2026）, 【2026】 are the same number; so are full-width digits and spaces.
_BRACKETS = str.maketrans("[]()（）【】［］", "〔〕〔〕〔〕〔〕〔〕", " \u3000\t")
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_VARIES = frozenset("〔〕[]()（）【】［］ \u3000\t0123456789０１２３４５６７８９")  # the prefix stops at these


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_SENTINEL = 987654321  # a number no format pads: where {n} goes in a written number


def _plain(ref: str) -> str:
    """A number as compared: brackets as 〔〕, half-width digits, no spaces."""
    return ref.translate(_BRACKETS).translate(_DIGITS)


def _pattern(fmt: str, short: str, year: int) -> tuple[str, re.Pattern]:
    """The literal text before the first bracket or {n} (to narrow the
    search by the ref_no index) and a regex over _plain() text with the
    number as its one group."""
    prefix_done = False
    prefix, parts = "", []
    for literal, name, spec, _ in string.Formatter().parse(fmt):
        parts.append(re.escape(_plain(literal)))
        if not prefix_done:
            prefix += literal
        if name is None:
            continue
        if name == "n":
            parts.append(r"0*([1-9]\d{0,8})")
            prefix_done = True
        else:
            value = ("{:" + (spec or "") + "}").format(short if name == "short" else year)
            parts.append(re.escape(_plain(value)))
            if not prefix_done:
                prefix += value
    cut = min((k for k, c in enumerate(prefix) if c in _VARIES), default=len(prefix))
    return prefix[:cut], re.compile("".join(parts))


# highest_number's answers in this process: (database file, kind, year,
# format, short name, newest event and item) -> n. Every write to an item
# records an event, so while the newest event is the same no number was
# added: the letter's plan and its issue (under the write lock) read the
# numbers once.
_HIGHEST: dict[tuple, int] = {}


def highest_number(conn: sqlite3.Connection, kind: str, year: int) -> int:
    """The highest {n} of `kind` in `year`: issued, or in any item's ref_no
    written in the office's format (typed or imported, whatever brackets)."""
    fmt = check_format(settings.get(conn, f"numbering.{kind}") or "")
    short = settings.get(conn, "office.short") or ""
    newest = conn.execute("SELECT (SELECT max(id) FROM events), (SELECT max(id) FROM items)").fetchone()
    key = (conn.execute("PRAGMA database_list").fetchone()[2], kind, year, fmt, short, newest)
    if key not in _HIGHEST:
        _HIGHEST.clear()
        _HIGHEST[key] = _highest_number(conn, kind, year, fmt, short)
    return _HIGHEST[key]


def _highest_number(conn: sqlite3.Connection, kind: str, year: int, fmt: str, short: str) -> int:
    yearly = "{year" in fmt
    issued = conn.execute(
        "SELECT max(n) FROM letter_numbers WHERE kind = ?" + (" AND year = ?" if yearly else ""),
        (kind, year) if yearly else (kind,),
    ).fetchone()[0]
    prefix, regex = _pattern(fmt, short, year)
    top = "\U0010ffff"  # above every character: [x, x + top) is every text starting with x
    # Numbers written exactly as the format writes them (nearly all) sort
    # together under their common head (东应急提〔2026〕): the highest of them
    # read by SQLite from that range of the ref_no index (ref_no is UNIQUE).
    head, _, tail = fmt.format(short=short, year=year, n=_SENTINEL).partition(str(_SENTINEL))
    digits = f"substr(ref_no, {len(head) + 1}, length(ref_no) - {len(head) + len(tail)})"
    exact = (
        f"(substr(ref_no, length(ref_no) - {len(tail) - 1}) = :tail"
        f" AND length(ref_no) - {len(head) + len(tail)} BETWEEN 1 AND 9"
        f" AND {digits} NOT GLOB '*[^0-9]*' AND {digits} NOT GLOB '0*')"
    )
    args = {"head": head, "head_end": head + top, "tail": tail}
    typed, odd = conn.execute(
        f"SELECT max(iif({exact}, CAST({digits} AS INTEGER), NULL)), json_group_array(iif({exact}, NULL, ref_no)) "
        "FROM items WHERE ref_no >= :head AND ref_no < :head_end",
        args,
    ).fetchone()
    # The others (other brackets, full-width digits, spaces, leading zeros)
    # one by one through _plain() and the pattern: those under the head not
    # written exactly, and those that start with the prefix, of a yearly
    # format only with the year in them (in half- or full-width digits).
    # With 〔{year}〕 right after the prefix, another year's numbers written
    # exactly (〔2025〕…) sort together too and are skipped, not read.
    ranges = []
    y = str(year)
    yearly_head = prefix + "〔" + y + "〕"
    if not prefix:
        ranges.append(("ref_no IS NOT NULL AND NOT (ref_no >= :head AND ref_no < :head_end)", "1"))
    elif "{year" in fmt and head == yearly_head and len(y) == 4:
        args.update(
            a=prefix,
            b=prefix + "〔0",
            c=prefix + "〔" + y,
            d=prefix + "〔" + str(year + 1),
            e=prefix + "〔:",
            f=prefix + top,
        )
        ranges.append(
            (
                "(ref_no >= :a AND ref_no < :b OR ref_no >= :c AND ref_no < :head"
                " OR ref_no >= :head_end AND ref_no < :d OR ref_no >= :e AND ref_no < :f)",
                "1",
            )
        )
    else:
        args.update(a=prefix, f=prefix + top)
        ranges.append(("ref_no >= :a AND ref_no < :f AND NOT (ref_no >= :head AND ref_no < :head_end)", "1"))
    if "{year" in fmt:
        args.update(y=y, y_wide=y.translate(_FULL_WIDTH_DIGITS))
    with_year = " AND (instr(ref_no, :y) OR instr(ref_no, :y_wide))" if "{year" in fmt else ""
    refs = [ref for ref in json.loads(odd) if ref is not None]
    for where, extra in ranges:
        refs += (
            ref for (ref,) in conn.execute(f"SELECT ref_no FROM items WHERE ({where}) AND {extra}{with_year}", args)
        )
    typed = typed or 0
    for ref in refs:
        m = regex.fullmatch(_plain(ref))
        if m:
            typed = max(typed, int(m[1]))
    return max(issued or 0, typed)


def next_number(conn: sqlite3.Connection, kind: str, year: int) -> tuple[int, str]:
    """(n, ref_no) of the next letter of `kind` in `year`."""
    fmt = check_format(settings.get(conn, f"numbering.{kind}") or "")
    short = settings.get(conn, "office.short") or ""
    n = highest_number(conn, kind, year) + 1
    while True:
        ref = fmt.format(short=short, year=year, n=n)
        if not conn.execute("SELECT 1 FROM items WHERE ref_no = ?", (ref,)).fetchone():
            return n, ref
        n += 1  # written otherwise than the format reads it back: skip it


# ------------------------------------------------------------------ reading --
@dataclass
class LetterInfo:
    """One letter about a matter, as the escalation shows it."""

    id: int
    kind: str
    ref_no: str | None
    on: str | None  # the day it was sent
    due_on: str | None
    status: str

    @property
    def doc_name(self) -> str:
        return DOC_NAMES.get(self.kind, self.kind)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "ref_no": self.ref_no,
            "on": self.on,
            "due_on": self.due_on,
            "status": self.status,
        }


def matter_of(conn: sqlite3.Connection, item_id: int) -> int | None:
    """The matter a letter item is about (None for an item that is no letter)."""
    row = conn.execute(
        "SELECT from_id FROM item_links WHERE item_id = ? AND relation = 'letter'", (item_id,)
    ).fetchone()
    return row[0] if row else None


def letters_about(conn: sqlite3.Connection, matter_id: int) -> list[LetterInfo]:
    """The letters sent about a matter, in the order they were sent."""
    rows = conn.execute(
        """SELECT i.id, i.kind, i.ref_no, coalesce(i.received_on, substr(i.created_at, 1, 10)), i.due_on, i.status
           FROM item_links l JOIN items i ON i.id = l.item_id
           WHERE l.from_id = ? AND l.relation = 'letter'
           ORDER BY 4, i.id""",
        (matter_id,),
    ).fetchall()
    return [LetterInfo(*r) for r in rows]


def escalation(conn: sqlite3.Connection, item_id: int) -> tuple[int | None, list[LetterInfo]]:
    """(matter id, its letters) for an item that is a matter or a letter;
    (None, []) for an item with no letters."""
    matter = matter_of(conn, item_id)
    if matter is None:
        letters = letters_about(conn, item_id)
        return (item_id, letters) if letters else (None, [])
    return matter, letters_about(conn, matter)


def say_escalation(letters: list[LetterInfo], lang: str, current: int | None = None) -> str:
    """提醒函 东应急提〔2026〕1号（2026-02-20）→ 督办函 …; the letter `current` marked."""
    parts = []
    for x in letters:
        name = label(lang, f"letter_{x.kind}") if x.kind in DOC_NAMES else x.kind
        text = f"{name} {safe(x.ref_no) if x.ref_no else '#' + str(x.id)}"
        text += f" ({x.on}, #{x.id})" if lang == "en" else f"（{x.on}，#{x.id}）"
        if x.status == "cancelled":
            text += " (cancelled)" if lang == "en" else "（已撤销）"
        if x.id == current:
            text = "▶ " + text
        parts.append(text)
    return " → ".join(parts)


# ----------------------------------------------------------------- planning --
@dataclass
class LetterPlan:
    """A letter about to be issued: everything but the final number is
    known before anything is written (the UI's preview, the CLI's checks)."""

    kind: str
    matter: dict
    on: dt.date
    due_on: dt.date
    rule: str | None
    deadline: Deadline | None
    n: int
    ref_no: str
    previous: list[LetterInfo] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.on.year

    @property
    def doc_name(self) -> str:
        return DOC_NAMES[self.kind]

    @property
    def title(self) -> str:
        t = safe(self.matter["title"])
        if self.kind == "listed":
            return f"关于对“{t}”实行挂牌督办的通知"
        return f"关于“{t}”的{self.doc_name}"


def plan_letter(
    ledger,
    item_id: int,
    kind: str,
    on: dt.date,
    due_on: dt.date | None = None,
    rule: str | None = None,
) -> LetterPlan:
    """Check that a letter of `kind` about item `item_id` may be issued on
    `on`, and say what it will be. Reads only. A letter about a letter is
    about the matter the first one is about."""
    from tracker.queries import get_item

    conn = ledger.conn
    kind = letter_kind(kind)
    matter_id = matter_of(conn, item_id) or item_id
    matter = get_item(conn, matter_id)
    if matter["status"] == "cancelled":
        raise UserError("letter_cancelled", id=matter_id)
    if not matter["unit"]:
        raise UserError("letter_no_unit", id=matter_id)
    if due_on is None and not rule:
        rule = settings.get(conn, f"reply.{kind}")
    if due_on is not None and due_on < on:
        raise UserError("letter_due_before", due=due_on.isoformat(), on=on.isoformat())
    due, rule, deadline = ledger.resolve_due(kind, on, due_on, rule)
    n, ref_no = next_number(conn, kind, on.year)
    return LetterPlan(kind, matter, on, due, rule, deadline, n, ref_no, letters_about(conn, matter_id))


def reply_basis(plan: LetterPlan, catalogue) -> str:
    """Why the reply is due when it is: the rule in words and its basis, or
    nothing when the date was given."""
    if not plan.rule:
        return ""
    from tracker.deadlines import rule_words

    words = rule_words(catalogue, plan.rule, plan.on, "zh")
    basis = catalogue.period(plan.rule, plan.on).basis_zh
    if plan.rule in catalogue.names:
        return f"（{words}，依据{basis}）"
    return f"（自本{'通知' if plan.kind == 'listed' else '函'}发出之日起{words}）"


TITLE_CHARS = 20  # characters of 小标宋 2号 on a 156 mm line


def title_lines(text: str, width: int = TITLE_CHARS) -> str:
    """A long title broken into lines (GB/T 9704: 词意完整, 排列对称): two
    lines break after the closing quote or 的 when both lines fit, else
    evenly; longer titles in lines of even length."""
    if len(text) <= width:
        return text
    if len(text) <= 2 * width:
        natural = [k for k in range(1, len(text)) if text[k - 1] in "”的" and max(k, len(text) - k) <= width]
        if natural:
            k = min(natural, key=lambda k: abs(len(text) - 2 * k))
            return text[:k] + "\n" + text[k:]
    lines = -(-len(text) // width)
    out, rest = [], text
    for left in range(lines, 1, -1):
        cut = -(-len(rest) // left)
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return "\n".join(out)


def context(conn: sqlite3.Connection, plan: LetterPlan, cal: WorkCalendar, catalogue) -> dict:
    """The fields a template is given (all text, clerk text made safe)."""
    m = plan.matter
    office = settings.get(conn, "office.name") or ""
    if m["status"] == "done" and m["closed_on"]:
        state = f"已于{chinese_date(m['closed_on'])}办结"
    elif m["due_on"]:
        timeleft = TimeLeft(plan.on, cal)
        left, days = timeleft.say("zh", m["due_on"]), timeleft.days(m["due_on"])
        if days < 0:
            state = f"截至{chinese_date(plan.on)}已{left}"  # 已逾期17天
        elif days == 0:
            state = f"将于今日（{chinese_date(plan.on)}）到期"
        else:
            state = f"截至{chinese_date(plan.on)}距办结时限还{left}"  # 还剩3个工作日
    else:
        state = ""
    previous = ""
    earlier = [x for x in plan.previous if x.status != "cancelled"]
    if earlier:
        sent = "、".join(
            f"{chinese_date(x.on) if x.on else ''}发出{x.doc_name}" + (f"（{safe(x.ref_no)}）" if x.ref_no else "")
            for x in earlier
        )
        previous = f"此前，我局已于{sent}。"
    ref = safe(m["ref_no"]) if m["ref_no"] else ""
    return {
        "doc_title": title_lines(plan.title),
        "doc_name": plan.doc_name,
        "ref_no": safe(plan.ref_no),
        "to_unit": safe(m["unit"]),
        "matter_title": safe(m["title"]),
        "matter_ref_no": ref,
        # a case number in brackets of its own, （2026）粤1971行初45号, is labelled
        "matter_ref": (f"（案号：{ref}）" if ref[:1] in "（(〔[" else f"（{ref}）") if ref else "",
        "matter_due": chinese_date(m["due_on"]) if m["due_on"] else "",
        "matter_state": state,
        "reply_by": chinese_date(plan.due_on),
        "reply_basis": reply_basis(plan, catalogue),
        "previous": previous,
        "office": safe(office),
        "office_short": safe(settings.get(conn, "office.short") or ""),
        "date": chinese_date(plan.on),
    }


# ---------------------------------------------------------------- templates --
def builtin_template(kind: str) -> bytes:
    """The built-in template of a kind of letter (a DOCX file's bytes)."""
    return resources.files("tracker").joinpath("templates", f"{letter_kind(kind)}.docx").read_bytes()


def template_fields(path: Path | str) -> set[str]:
    """The fields a template uses; UserError if it is no DOCX template."""
    import zipfile

    from docxtpl import DocxTemplate

    try:
        tpl = DocxTemplate(str(path))
        return set(tpl.get_undeclared_template_variables())
    except FileNotFoundError:
        raise UserError("letter_template_missing", path=str(path)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UserError("letter_template_bad", path=str(path), problem=type(e).__name__) from None
    except Exception as e:  # jinja's TemplateSyntaxError: a tag the office mistyped
        if type(e).__name__ in ("TemplateSyntaxError", "UndefinedError"):
            raise UserError("letter_template_bad", path=str(path), problem=str(e).splitlines()[0]) from None
        raise


def check_template(path: Path | str) -> Path:
    """A template the office made: a DOCX that uses every required field
    and no field the tracker does not know. UserError otherwise."""
    used = template_fields(path)
    missing = [f for f in REQUIRED_FIELDS if f not in used]
    if missing:
        raise UserError("letter_template_lacks", path=str(path), fields="、".join("{{ " + f + " }}" for f in missing))
    unknown = sorted(used - set(TEMPLATE_FIELDS))
    if unknown:
        raise UserError(
            "letter_template_unknown",
            path=str(path),
            fields="、".join("{{ " + f + " }}" for f in unknown),
            accepted="、".join(TEMPLATE_FIELDS),
        )
    return Path(path)


def template_for(conn: sqlite3.Connection, kind: str, given: str | Path | None) -> Path | None:
    """The template to use: the one given, else the office's configured
    one (settings template.KIND), else None (the built-in one). Checked."""
    chosen = given or settings.get(conn, f"template.{kind}")
    return check_template(chosen) if chosen else None


def render(template: Path | None, kind: str, values: dict, out: Path) -> None:
    """Write the letter: `template` (None: the built-in one) filled with `values`."""
    import io

    from docxtpl import DocxTemplate

    source = io.BytesIO(builtin_template(kind)) if template is None else str(template)
    tpl = DocxTemplate(source)
    try:
        tpl.render(values, autoescape=True)
    except Exception as e:  # the office's template failed as it was filled in ({{ 1/0 }} ...)
        name = str(template) if template else f"{kind}.docx"
        raise UserError("letter_template_bad", path=name, problem=str(e).splitlines()[0] if str(e) else "") from None
    tpl.save(str(out))


# ------------------------------------------------------------------ issuing --
@dataclass
class Issued:
    id: int
    ref_no: str
    due_on: dt.date
    matter_id: int
    created_units: list[str] = field(default_factory=list)


def issue_letter(
    ledger,
    plan: LetterPlan,
    out: Path,
    template: Path | None = None,
    expected_version: int | None = None,
) -> Issued:
    """Issue the letter `plan` describes, in one transaction: take the next
    number (again, under the write lock), add the letter item linked to its
    matter, record it on the matter and in the number register, and write
    the DOCX to `out` (a temporary file the caller renames into place after
    this returns). Any failure writes nothing and consumes no number."""
    conn = ledger.conn
    matter_id = plan.matter["id"]
    with ledger.changing(matter_id, expected_version, ("open", "done"), "act_letter") as row:
        n, ref_no = next_number(conn, plan.kind, plan.year)
        plan.n, plan.ref_no = n, ref_no
        created: list[str] = []
        values = {
            "ref_no": ref_no,
            "kind": plan.kind,
            "title": plan.title,
            "unit": plan.matter["unit"],
            "owner": None,
            "received_on": plan.on,
            "due_on": plan.due_on,
            "rule": plan.rule,
            "source": plan.matter["ref_no"] or f"#{matter_id}",
        }
        (letter_id,) = ledger.insert_many([(values, [], plan.deadline, "open", None)], created)
        conn.execute(
            "INSERT INTO item_links (item_id, from_id, relation) VALUES (?, ?, 'letter')", (letter_id, matter_id)
        )
        conn.execute(
            "INSERT INTO letter_numbers (kind, year, n, ref_no, item_id, issued_by, issued_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan.kind, plan.year, n, ref_no, letter_id, ledger.actor, ledger.stamp()),
        )
        ledger.record(
            row,
            {},
            "letter",
            {
                "letter_id": letter_id,
                "kind": plan.kind,
                "ref_no": ref_no,
                "on": plan.on.isoformat(),
                "due_on": plan.due_on.isoformat(),
            },
        )
        render(template, plan.kind, context(conn, plan, ledger.cal, ledger.catalogue), out)
    return Issued(letter_id, ref_no, plan.due_on, matter_id, created)


def default_filename(ref_no: str) -> str:
    """东应急督〔2026〕3号.docx: the letter's number, safe as a file name."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", ref_no).strip(". ") + ".docx"
