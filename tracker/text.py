"""Plain-text rendering shared by the CLI outputs: CJK-aligned tables and
the human description of events. No colour codes unless asked."""

from __future__ import annotations

import re

from rich.cells import cell_len as _cell_len  # cached, and agrees with how rich and textual draw

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
    return _cell_len(text)


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


def one_line(text) -> str:
    """A value as one line of text, without control characters (safe())."""
    return safe(text)


def table(
    headers: list[str],
    rows: list[list],
    max_widths: dict[int, int] | None = None,
    right: set[int] | frozenset[int] = frozenset(),
    styles: list | None = None,
) -> str:
    """A table with aligned columns (CJK-aware), columns cut to max_widths.
    `styles`: per row, a function applied to the finished line (colour).
    Laid out a column at a time: reports lay out thousands of rows."""
    max_widths = max_widths or {}
    columns = []
    for i, column in enumerate(zip(headers, *rows)):
        cells = [c if c.__class__ is str and c.isprintable() else one_line(c) for c in column]
        sizes = list(map(cell_width, cells))
        limit = max_widths.get(i)
        if limit is not None:
            for n, w in enumerate(sizes):
                if w > limit:
                    cells[n] = clip(cells[n], limit)
                    sizes[n] = cell_width(cells[n])
        width = max(sizes)
        if i in right:
            columns.append([" " * (width - w) + c for c, w in zip(cells, sizes)])
        else:
            columns.append([c + " " * (width - w) for c, w in zip(cells, sizes)])
    lines = ["  ".join(r).rstrip() for r in zip(*columns)]
    if styles:
        lines[1:] = [style(line) if style else line for line, style in zip(lines[1:], styles)]
    return "\n".join(lines)


def json_text(obj) -> str:
    """JSON for humans and machines: indented when small, compact (and so
    written by the fast C encoder) when large."""
    import json

    text = json.dumps(obj, ensure_ascii=False)
    return (json.dumps(obj, ensure_ascii=False, indent=2) if len(text) < 100_000 else text) + "\n"


def describe_event(e: dict, lang: str) -> str:
    """One line telling what an event did, in `lang`."""
    d, en = e["data"], lang == "en"
    kind = label(lang, "ev_" + e["type"])
    sep = ": " if en else "："
    if e["type"] == "create":
        basis = d.get("basis_en" if en else "basis_zh")
        text = (
            f"due {d['due_on']}" + (f" ({basis})" if basis else "")
            if en
            else f"办结时限 {d['due_on']}" + (f"（{basis}）" if basis else "")
        )
        if d.get("text"):
            text += ("; " if en else "；") + d["text"]
        if d.get("origin", "").startswith("import:"):
            name = d["origin"][len("import:") :]
            text += f" (imported from {name})" if en else f"（导入自 {name}）"
    elif e["type"] in ("note", "remind"):
        text = d.get("text", "")
    elif e["type"] == "extend":
        text = f"{d['from']} → {d['to']}" + (f"; reason: {d['reason']}" if en else f"，理由：{d['reason']}")
        if d.get("approver"):
            text += f"; approved by {d['approver']}" if en else f"，批准人：{d['approver']}"
    elif e["type"] == "done":
        on_time = d["on"] <= (d.get("due_on") or d["on"])
        mark = ("on time" if on_time else "late") if en else ("按时" if on_time else "超期")
        text = f"on {d['on']} (due {d.get('due_on')}, {mark})" if en else f"{d['on']}（时限 {d.get('due_on')}，{mark}）"
        if d.get("text"):
            text += ("; " if en else "；") + d["text"]
    elif e["type"] == "reopen":
        text = f"was {label(lang, d.get('from', 'done'))}" if en else f"原为{label(lang, d.get('from', 'done'))}"
        if d.get("reason"):
            text += ("; " if en else "，") + d["reason"]
    elif e["type"] == "cancel":
        text = d.get("reason", "")
    elif e["type"] in ("feedback", "return"):
        from tracker.units import describe

        text = describe(e, lang)
    elif e["type"] == "recompute":
        basis = d.get("basis_en" if en else "basis_zh")
        text = f"{d['from']} → {d['to']}" + ((f" ({basis})" if en else f"（{basis}）") if basis else "")
    else:  # edit, import
        from tracker.i18n import field

        parts = []
        for k, (old, new) in d.get("changes", {}).items():
            old = "；".join(old) if isinstance(old, list) else old
            new = "；".join(new) if isinstance(new, list) else new
            if k == "status":
                old, new = label(lang, old), label(lang, new)
            parts.append(f"{field(lang, k)} {old or '—'} → {new or '—'}")
        text = ("; " if en else "；").join(parts)
    return f"{kind}{sep}{text}" if text else kind


def pinyin_key(name: str) -> str:
    """A unit's (or any Chinese name's) sort key by pinyin, as clerks look
    for 茶山镇 under C: pypinyin's readings, lower case, then the name."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower() + "\x00" + name


def by_pinyin(names) -> list[str]:
    """Names sorted by pinyin (pinyin_key)."""
    return sorted(names, key=pinyin_key)
