"""Plain-text rendering shared by the CLI outputs: CJK-aligned tables and
the human description of events. No colour codes unless asked."""

from __future__ import annotations

import re
from collections.abc import Callable

from tracker.i18n import label

# Wide characters whose width rich agrees is 2 (CJK ideographs, kana,
# CJK and full-width punctuation; tests/test_report.py checks each one).
_WIDE = (
    "\u3000-\u3029\u3030-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff60\uffe0-\uffe6"
)
_PLAIN_CJK = re.compile(f"[\x20-\x7e{_WIDE}]*")


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide and full-width chars count 2.

    Ledger text is printable ASCII and CJK: such a string is measured from
    its UTF-8 length (1 byte a narrow char, 3 a wide one) at C speed; rich's
    per-character measure, which the UI draws with, handles the rest."""
    if text.isascii():
        return len(text)
    if _PLAIN_CJK.fullmatch(text):
        return len(text) + (len(text.encode()) - len(text)) // 2
    from rich.cells import cell_len  # cached, and agrees with how rich and textual draw (imported here: start-up)

    return cell_len(text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells, never mid-character, with … when cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    plain = _PLAIN_CJK.fullmatch(text)
    for ch in text:
        w = (1 if ch < "\x80" else 2) if plain else cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def clip_middle(text: str, width: int) -> str:
    """`text` cut to `width` cells keeping its start and end: 东应急…〕2号."""
    if cell_width(text) <= width:
        return text
    tail, used = [], 0
    for ch in reversed(text):
        w = cell_width(ch)
        if used + w > width // 2:
            break
        tail.append(ch)
        used += w
    return clip(text, width - used) + "".join(reversed(tail)) if width - used > 1 else clip(text, width)


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_width(text))
    return gap + text if right else text + gap


# Terminal control in clerk text: ESC sequences (CSI ... final byte; OSC,
# DCS, SOS, PM, APC ... up to BEL or ST; two-character escapes), then any
# other C0 or C1 control character and DEL.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|[\x90\x9d\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]")


def safe(text, multiline: bool = False) -> str:
    """Clerk text as it may be shown: never terminal control. Escape
    sequences go whole (an OSC 52 that would write the clipboard, a screen
    clear), other control characters (C0 but tab and newline, DEL, C1)
    are dropped; with multiline=False tab and newline become spaces. Every
    renderer (CLI, report, UI, ICS, CSV) shows clerk text through this."""
    if text is None:
        return ""
    text = text if text.__class__ is str else str(text)
    if text.isprintable():
        return text
    if "\x1b" in text or "\x9b" in text or any(c in text for c in "\x90\x9d\x98\x9e\x9f"):
        text = _ESCAPES.sub("", text)
    text = _CONTROLS.sub("", text)
    return text if multiline else _LINE_BREAKS.sub(" ", text)


_CONTROLS_KEEP_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


# What starts an escape sequence (ESC, CSI, DCS, OSC, SOS, PM, APC).
_ESCAPE_START = re.compile(r"[\x1b\x9b\x90\x9d\x98\x9e\x9f]")


class ControlFree:
    """A text stream that passes on what is written without terminal
    control (escape sequences, C0 but tab and line ends, DEL, C1; a bare
    carriage return, which would let a cell overwrite what is shown):
    CSV and ICS written through it carry clerk text as data only."""

    def __init__(self, out):
        self.out = out

    @staticmethod
    def changes(text: str) -> bool:
        """Whether write() would take anything out of `text`."""
        return _CONTROLS_KEEP_LINES.search(text) is not None

    def write(self, text: str) -> int:
        # One C-speed search decides (a CSV row ends in \r\n, so the row is
        # never "printable" as a whole); a row at a time, so an escape
        # sequence left open in one cell never swallows the next row.
        if _CONTROLS_KEEP_LINES.search(text):
            if _ESCAPE_START.search(text):
                text = _ESCAPES.sub("", text)
            text = _CONTROLS_KEEP_LINES.sub("", text)
        return self.out.write(text)


def one_line(text) -> str:
    """A value as one line of text, without control characters (safe())."""
    return safe(text)


# Characters a line should not start with (closing marks) nor end with
# (opening marks), as Chinese typesetting keeps them.
_NO_START = frozenset("，。、；：？！）》」』】〕〉”’）,.;:?!)]}%…—～·")
_NO_END = frozenset("（《「『【〔〈“‘([{")
_TOKENS = re.compile(r"[!-~]+|\s+|.", re.S)


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells (CJK-aware), never cut and
    never split mid-character: Latin words stay whole where they fit, CJK
    breaks between characters, and a closing mark (，。）〕) never starts a
    line. Empty text is one empty line."""
    width = max(width, 2)
    if cell_width(text) <= width:
        return [text]
    lines: list[str] = []
    cur: list[str] = []
    carry: list[str]
    used = 0

    def flush() -> None:
        nonlocal cur, used
        lines.append("".join(cur).rstrip())
        cur, used = [], 0

    for tok in _TOKENS.findall(text):
        if tok.isspace():
            tok = tok.replace("\t", " ").replace("\n", " ")
            if cur and used + len(tok) <= width:
                cur.append(tok)
                used += len(tok)
            elif cur:
                flush()
            continue
        w = cell_width(tok)
        if used + w <= width:
            cur.append(tok)
            used += w
            continue
        if len(tok) > 1 and w <= width:  # a word that fits on a line of its own
            carry = [cur.pop()] if tok[0] in _NO_START and len(cur) > 1 and len(cur[-1]) == 1 else []
            flush()
            cur, used = [*carry, tok], w + sum(map(cell_width, carry))
            if used > width:  # the carried character does not fit with it
                cur, used = carry, sum(map(cell_width, carry))
                flush()
                cur, used = [tok], w
            continue
        for ch in tok:  # one character at a time: CJK, or a word longer than a line
            cw = cell_width(ch)
            if used + cw > width and cur:
                carry = []
                # keep a closing mark with the character before it, and an
                # opening mark with the one after it
                if ch in _NO_START:
                    while len(cur) > 1 and cur[-1] in _NO_START:
                        carry.insert(0, cur.pop())
                    if len(cur) > 1 and cell_width(cur[-1]) <= width // 2:
                        carry.insert(0, cur.pop())
                elif len(cur) > 1 and cur[-1] in _NO_END:
                    carry = [cur.pop()]
                flush()
                cur = carry
                used = sum(map(cell_width, carry))
            cur.append(ch)
            used += cw
    if cur or not lines:
        flush()
    return lines


def _cell_lines(cell) -> list[str]:
    """A table cell as its logical lines: a list or tuple is a stacked cell
    (one line each), anything else one line; clerk text through safe()."""
    if cell.__class__ is str:
        return [cell if cell.isprintable() else one_line(cell)]
    if isinstance(cell, (list, tuple)):
        return [c if c.__class__ is str and c.isprintable() else one_line(c) for c in cell if c not in (None, "")] or [
            ""
        ]
    return [one_line(cell)]


def fit_widths(
    natural: list[int], width: int, shrink: set[int] | frozenset[int], minimum: dict[int, int] | None = None
) -> list[int]:
    """Column widths that fit `width` cells (with two-cell gaps): the
    columns in `shrink` give up cells, the longest first (a water level),
    never below their minimum (default 8). What cannot fit stays wider."""
    minimum = minimum or {}
    gaps = 2 * (len(natural) - 1)
    if sum(natural) + gaps <= width or not shrink:
        return natural
    fixed = sum(w for i, w in enumerate(natural) if i not in shrink)
    budget = width - gaps - fixed
    floors = {i: min(natural[i], minimum.get(i, 8)) for i in shrink}

    def total(level: int) -> int:
        return sum(max(floors[i], min(natural[i], level)) for i in shrink)

    lo, hi = 0, max(natural[i] for i in shrink)
    while lo < hi:  # the highest level that fits
        mid = (lo + hi + 1) // 2
        if total(mid) <= budget:
            lo = mid
        else:
            hi = mid - 1
    out = [max(floors[i], min(w, lo)) if i in shrink else w for i, w in enumerate(natural)]
    spare = budget - total(lo)
    for i in sorted(shrink, key=lambda i: natural[i] - out[i], reverse=True):  # cells left over by rounding
        if spare <= 0:
            break
        give = min(spare, natural[i] - out[i])
        out[i] += give
        spare -= give
    return out


def _width_cache() -> Callable[[str], int]:
    """cell_width() remembered per string: tables repeat units, kinds, dates
    and owners on thousands of rows."""
    cache: dict[str, int] = {}

    def cw(text: str) -> int:
        w = cache.get(text)
        if w is None:
            w = cache[text] = cell_width(text)
        return w

    return cw


def _plain(cell) -> str | None:
    """A cell that is one line of printable text as it stands, else None."""
    return cell if cell.__class__ is str and cell.isprintable() else None


def _columns(headers: list, rows: list[list], cw: Callable[[str], int]):
    """Per column: its cells (a str when one plain line, else a list of
    lines) and its natural width."""
    cols = []
    for column in zip(headers, *rows) if rows else ([h] for h in headers):
        cells: list = []
        width = 0
        for c in column:
            text = _plain(c)
            if text is None:
                lines = _cell_lines(c)
                if len(lines) > 1:
                    cells.append(lines)
                    w = max(map(cw, lines))
                    if w > width:
                        width = w
                    continue
                text = lines[0]
            w = cw(text)
            cells.append(text)
            if w > width:
                width = w
        cols.append((cells, width))
    return cols


def column_widths(
    headers: list,
    rows: list[list],
    max_widths: dict[int, int] | None = None,
    width: int | None = None,
    min_widths: dict[int, int] | None = None,
) -> list[int]:
    """The width of each column table_lines() would lay out."""
    max_widths = max_widths or {}
    natural = [min(w, max_widths.get(i, w)) for i, (_, w) in enumerate(_columns(headers, rows, _width_cache()))]
    return natural if width is None else fit_widths(natural, width, set(max_widths), min_widths)


def side_by_side(
    headers: list, rows: list[list], max_widths: dict[int, int], width: int, min_widths: dict[int, int], key: int
) -> bool:
    """Whether the table fits `width` cells with its columns side by side
    and column `key` (the title) at least its minimum wide. Judged first
    from the first rows: a column that cannot shrink only widens with more
    rows and one that can never goes below min(natural, its minimum), so
    when even those do not fit, all the rows need not be measured."""
    natural = column_widths(headers, rows[:40], max_widths)
    floor = sum(
        min_widths[key] if i == key else min(w, min_widths.get(i, 8)) if i in max_widths else w
        for i, w in enumerate(natural)
    )
    if floor + 2 * (len(natural) - 1) > width:
        return False
    widths = column_widths(headers, rows, max_widths, width, min_widths)
    return widths[key] >= min_widths[key] and sum(widths) + 2 * (len(widths) - 1) <= width


def table_lines(
    headers: list,
    rows: list[list],
    max_widths: dict[int, int] | None = None,
    right: set[int] | frozenset[int] = frozenset(),
    width: int | None = None,
    min_widths: dict[int, int] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """The lines of a table with aligned columns (CJK-aware): the header's,
    and each row's (a row is several lines when a cell wraps or is stacked:
    a cell given as a list is one line each).

    Nothing is cut: a column wraps at its max_widths entry, and with `width`
    (the cells a line may take) the columns named in max_widths wrap
    narrower until the table fits (never below min_widths, default 8).
    Laid out a column at a time: reports lay out thousands of rows."""
    max_widths = max_widths or {}
    cw = _width_cache()
    cols = _columns(headers, rows, cw)
    natural = [min(w, max_widths.get(i, w)) for i, (_, w) in enumerate(cols)]
    if width is not None:
        natural = fit_widths(natural, width, set(max_widths), min_widths)
    gaps = [" " * n for n in range(max(natural, default=0) + 1)]
    padded = []
    slow: set[int] = set()  # rows (0: the header) with a cell of several lines
    for i, ((cells, _), w) in enumerate(zip(cols, natural)):
        out = []
        for n, c in enumerate(cells):
            if c.__class__ is str and cw(c) <= w:
                out.append(gaps[w - cw(c)] + c if i in right else c + gaps[w - cw(c)])
            else:
                out.append("")
                slow.add(n)
        padded.append(out)
    lines = [["  ".join(parts).rstrip()] for parts in zip(*padded)]
    for n in slow:
        columns = []
        for (cells, _), w in zip(cols, natural):
            c = cells[n]
            col: list[str] = []
            for line in [c] if c.__class__ is str else c:
                col.extend(wrap(line, w) if cw(line) > w else (line,))
            columns.append(col)
        result = []
        for k in range(max(map(len, columns))):
            parts = []
            for i, (col, w) in enumerate(zip(columns, natural)):
                text = col[k] if k < len(col) else ""
                gap = gaps[w - cw(text)]
                parts.append(gap + text if i in right else text + gap)
            result.append("  ".join(parts).rstrip())
        lines[n] = result
    return lines[0], lines[1:]


def table(
    headers: list,
    rows: list[list],
    max_widths: dict[int, int] | None = None,
    right: set[int] | frozenset[int] = frozenset(),
    styles: list | None = None,
    width: int | None = None,
    min_widths: dict[int, int] | None = None,
) -> str:
    """A table with aligned columns (table_lines): long text wraps within
    its column, never cut. `styles`: per row, a function applied to each
    of its finished lines (colour)."""
    head, body = table_lines(headers, rows, max_widths, right, width, min_widths)
    lines = list(head)
    for n, row in enumerate(body):
        style = styles[n] if styles else None
        lines.extend(map(style, row) if style else row)
    return "\n".join(lines)


# JSON text shorter than this is indented for a reader; longer, compact.
JSON_INDENTED_BELOW = 100_000


def json_text(obj) -> str:
    """JSON for humans and machines: indented when small, compact (and so
    written by the fast C encoder) when large."""
    import json

    text = json.dumps(obj, ensure_ascii=False)
    if len(text) < JSON_INDENTED_BELOW:
        text = json.dumps(obj, ensure_ascii=False, indent=2)
    # json escapes C0 controls but not DEL and C1 (\x9b is a CSI to some
    # terminals): escaped here too, the data unchanged
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029]")
# The same characters in UTF-8, for JSON written as bytes (tracker.export).
JSON_UNSAFE_UTF8 = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8\xa9]")


def json_safe_utf8(data: bytes) -> bytes:
    """UTF-8 JSON text with the characters json_text escapes escaped."""
    # byte searches first (a regex over the text is slower), a regex for
    # the two line separators that share their first two bytes with “”…
    if (
        b"\x7f" in data
        or (b"\xc2" in data and JSON_UNSAFE_UTF8.search(data) is not None)
        or _LINE_SEPARATORS_UTF8.search(data) is not None
    ):
        return JSON_UNSAFE_UTF8.sub(lambda m: f"\\u{ord(m.group().decode()):04x}".encode(), data)
    return data


_LINE_SEPARATORS_UTF8 = re.compile(rb"\xe2\x80[\xa8\xa9]")


def describe_event(e: dict, lang: str) -> str:
    """One line telling what an event did, in `lang` (clerk text through safe())."""
    from tracker.i18n import field, t

    d, typ = e["data"], e["type"]
    kind = label(lang, "ev_" + typ) if ("ev_" + typ) in _event_labels() else typ

    def basis() -> str:
        b = d.get("basis_en" if lang == "en" else "basis_zh")
        return t(lang, "evd_basis", basis=b) if b else ""

    def more(key: str = "text") -> str:
        return t(lang, "evd_more", text=d[key]) if d.get(key) else ""

    if typ == "create":
        text = t(lang, "evd_due", due=d["due_on"]) + basis() + more()
        if d.get("origin", "").startswith("import:"):
            text += t(lang, "evd_imported", name=d["origin"][len("import:") :])
    elif typ in ("note", "remind"):
        text = d.get("text", "")
    elif typ == "extend":
        text = f"{d['from']} → {d['to']}" + t(lang, "evd_reason", reason=d.get("reason", ""))
        if d.get("approver"):
            text += t(lang, "evd_approver", approver=d["approver"])
    elif typ == "done":
        on_time = d["on"] <= (d.get("due_on") or d["on"])
        mark = t(lang, "evd_on_time" if on_time else "evd_late")
        text = t(lang, "evd_done", on=d["on"], due=d.get("due_on"), mark=mark) + more()
    elif typ == "reopen":
        text = t(lang, "evd_was", status=label(lang, d.get("from", "done")))
        if d.get("reason"):
            text += t(lang, "evd_reopen_reason", reason=d["reason"])
    elif typ == "cancel":
        text = d.get("reason", "")
    elif typ in ("hearing", "attend", "outcome", "link"):
        from tracker.legal import describe

        text = describe(e, lang)
    elif typ in ("feedback", "return"):
        from tracker.units import describe

        text = describe(e, lang)
    elif typ == "letter":
        from tracker.letters import DOC_NAMES

        name = label(lang, f"letter_{d['kind']}") if d.get("kind") in DOC_NAMES else d.get("kind", "")
        text = t(
            lang,
            "evd_letter",
            name=name,
            ref_no=d.get("ref_no", ""),
            id=d.get("letter_id"),
            on=d.get("on"),
            due=d.get("due_on"),
        )
    elif typ == "recompute":
        text = f"{d['from']} → {d['to']}" + basis()
    else:  # edit, import, and any type added later: its changes, else its text
        parts = []
        for k, (old, new) in d.get("changes", {}).items():
            old = label(lang, "cli_list_sep").join(old) if isinstance(old, list) else old
            new = label(lang, "cli_list_sep").join(new) if isinstance(new, list) else new
            if k == "status":
                old, new = label(lang, old), label(lang, new)
            name = field(lang, k) if k in _field_names() else k
            parts.append(t(lang, "evd_change", field=name, old=old or "—", new=new or "—"))
        text = t(lang, "evd_sep").join(parts) or str(d.get("text") or d.get("reason") or "")
    return safe(f"{kind}{t(lang, 'cli_colon')}{text}" if text else kind)


def _event_labels():
    from tracker.i18n import LABELS

    return LABELS


def _field_names():
    from tracker.i18n import FIELDS

    return FIELDS


def pinyin_key(name: str) -> str:
    """A unit's (or any Chinese name's) sort key by pinyin, as clerks look
    for 茶山镇 under C: pypinyin's readings, lower case, then the name."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower() + "\x00" + name


def by_pinyin(names) -> list[str]:
    """Names sorted by pinyin (pinyin_key)."""
    return sorted(names, key=pinyin_key)


def percent(rate: float | None) -> str:
    """A rate as a percentage to one place (87.5%); — when there was nothing
    to divide (the rate is None)."""
    return "—" if rate is None else f"{100 * rate:.1f}%"


def share(done: int, total: int) -> str:
    """done of total as a whole percentage (67%); — when total is 0."""
    return f"{100 * done / total:.0f}%" if total else "—"
