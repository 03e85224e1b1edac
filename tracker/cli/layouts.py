"""The text layouts of the CLI's human outputs: the item list, one item,
the rules, campaigns and the calendar. Commands parse, call the core and
hand the result here; every clerk text goes through tracker.text.safe,
long text wraps within its column (never cut), and tables fit `width`."""

from __future__ import annotations

from collections.abc import Callable

from tracker.i18n import field, label, t
from tracker.text import cell_width, pad, safe, share, table, wrap


def _colon(lang: str) -> str:
    return t(lang, "cli_colon")


def hanging(name: str, value: str, name_width: int, width: int, indent: str = "") -> list[str]:
    """`name  value` with the value wrapped under itself (a hanging indent)."""
    lead = indent + pad(name, name_width) + "  "
    room = max(width - cell_width(lead), 20)
    lines = [ln for part in safe(value, multiline=True).split("\n") for ln in wrap(part.replace("\t", " "), room)]
    return [(lead if n == 0 else " " * cell_width(lead)) + ln for n, ln in enumerate(lines)]


# ---------------------------------------------------------------- list --
LIST_COLUMNS = ("id", "light", "ref_no", "title", "kind", "unit", "owner", "due_on", "days_left", "status")


def list_table(rows: list[dict], lang: str, say: Callable[[dict], str], width: int, styles: list | None) -> str:
    """The item list: every column side by side when the title keeps room to
    read, else the reference and kind under the title, the owner under the
    unit and the time left under the due date (a row takes two lines or
    more, but every word is there and the columns line up)."""

    def due(r: dict) -> str:
        return (r["due_on"] or "") + ("*" if r["provisional"] else "")

    wide = [
        [
            r["id"],
            r["light"] or "",
            safe(r["ref_no"]),
            safe(r["title"]),
            r["kind"],
            safe(r["unit"]),
            safe(r["owner"]),
            due(r),
            say(r),
            r["status"],
        ]
        for r in rows
    ]
    headers = [field(lang, k) for k in LIST_COLUMNS]
    caps = {2: width, 3: width, 4: width, 5: width, 6: width}
    mins = {2: 10, 3: 24, 4: 8, 5: 8, 6: 6}
    from tracker.text import side_by_side

    if side_by_side(headers, wide, caps, width, mins, 3):
        return table(headers, wide, caps, {0}, styles, width, mins)
    stacked_headers: list = [
        field(lang, "id"),
        [field(lang, "light"), field(lang, "status")],
        [field(lang, "title"), field(lang, "col_item_ref_kind")],
        [field(lang, "unit"), field(lang, "owner")],
        [field(lang, "due_on"), field(lang, "days_left")],
    ]
    stacked = [
        [w[0], [w[1], w[9]], [w[3], " / ".join(x for x in (w[2], w[4]) if x)], [w[5], w[6]], [w[7], w[8]]] for w in wide
    ]
    return table(stacked_headers, stacked, {2: width, 3: 12}, {0}, styles, width, {2: 16, 3: 8})


# ---------------------------------------------------------------- show --
def item_text(
    fields: list[tuple[str, str]], events: list[dict], lang: str, width: int, extra: list[str] | None = None
) -> str:
    """One item: its fields (name, value), `extra` lines (a case's hearings,
    outcome and linked items), then its history, oldest first."""
    from tracker.text import describe_event

    names = [field(lang, k) for k, _ in fields]
    name_width = max(map(cell_width, names), default=0)
    out = []
    for name, (_, value) in zip(names, fields):
        out += hanging(name, value, name_width, width)
    out += [safe(line) for line in extra or ()]
    out.append("")
    out.append(field(lang, "history") + _colon(lang).rstrip())
    for e in events:
        when = e["at"].replace("T", " ")
        out += hanging(f"{when}  {safe(e['actor'])}", describe_event(e, lang), 0, width, "  ")
    return "\n".join(out)


# --------------------------------------------------------------- rules --
def rules_text(rules: list[dict], kinds: list[dict], lang: str, width: int, laws: dict | None = None) -> str:
    """The rule catalogue (period, from when, legal basis, what extension
    the law allows) and the kinds."""
    laws = laws or {}
    en = lang == "en"

    def period(r: dict) -> str:
        return t(lang, f"cli_period_{r['unit']}", n=r["n"]) + (t(lang, "cli_rolled") if r["roll"] else "")

    # the rule's id over its name, so the legal basis keeps room to read
    rules_table = table(
        [[field(lang, "col_rule_id"), field(lang, "col_name")]]
        + [field(lang, k) for k in ("col_period", "col_effective_from", "col_legal_basis")]
        + [field(lang, "legal_extension")],
        [
            [
                [r["id"], r["name_en" if en else "name_zh"]],
                period(r),
                r["effective_from"] or "",
                r["basis_en" if en else "basis_zh"],
                laws[r["id"]].describe(lang) if r["id"] in laws else "",
            ]
            for r in rules
        ],
        {0: width, 3: width, 4: width},
        width=width,
        min_widths={0: 12, 3: 20, 4: 12},
    )
    kinds_table = table(
        [field(lang, k) for k in ("col_kind_id", "col_kind_label", "col_default_rule")],
        [[k["id"], k["label_en" if en else "label_zh"], k["default_rule"] or "—"] for k in kinds],
    )
    return "\n".join([rules_table, *wrap(t(lang, "cli_generic_rules"), width), "", kinds_table])


# ----------------------------------------------------------- campaigns --
def campaign_list_text(rows: list[dict], lang: str, width: int) -> str:
    """Campaigns: name, dates (start over end), lead unit over cadence,
    progress and overdue tasks."""
    headers: list = [
        field(lang, "id"),
        field(lang, "col_name"),
        [field(lang, "col_start_on"), field(lang, "col_end_on")],
        [field(lang, "col_lead_unit"), field(lang, "col_cadence")],
        field(lang, "col_progress"),
        field(lang, "col_overdue_count"),
    ]
    return table(
        headers,
        [
            [
                r["id"],
                safe(r["name"]),
                [r["start_on"] or "", r["end_on"] or ""],
                [safe(r["unit"]), safe(r["cadence"])],
                f"{r['done']}/{r['total']}",
                r["overdue"],
            ]
            for r in rows
        ],
        {1: width, 3: width},
        {0, 4, 5},
        width=width,
        min_widths={1: 16, 3: 8},
    )


def campaign_text(
    c: dict, units: list[dict], tasks: list[dict], lang: str, width: int, figures: list[str] | None = None
) -> str:
    """One campaign: its dates, lead unit and cadence, progress, each unit's
    progress, its figures (`figures`: lines, tracker.units), and its tasks."""
    head = "  ".join(
        x
        for x in (
            safe(c["name"]),
            f"{c['start_on'] or ''} ~ {c['end_on'] or ''}" if c["start_on"] or c["end_on"] else "",
            safe(c["unit"]),
            safe(c["cadence"]),
        )
        if x
    )
    out = [*wrap(head, width)]
    out.append(
        t(
            lang,
            "cli_campaign_progress",
            done=c["done"],
            total=c["total"],
            pct=share(c["done"], c["total"]),
            overdue=c["overdue"],
        )
    )
    if units:
        out += [
            "",
            table(
                [field(lang, k) for k in ("unit", "col_progress", "col_overdue_count")],
                [[safe(u["unit"]) or "—", f"{u['done']}/{u['total']}", u["overdue"]] for u in units],
                {0: width},
                {1, 2},
                width=width,
            ),
        ]
    if figures:
        out += ["", *figures]
    if tasks:
        out += [
            "",
            table(
                [field(lang, k) for k in ("id", "light", "title", "unit", "due_on", "status")],
                [
                    [r["id"], r["light"] or "", safe(r["title"]), safe(r["unit"]), r["due_on"] or "", r["status"]]
                    for r in tasks
                ],
                {2: width, 3: width},
                {0},
                width=width,
                min_widths={2: 20, 3: 8},
            ),
        ]
    return "\n".join(out)


# ------------------------------------------------------------ calendar --
def calendar_text(year: int, days: list, provisional: bool, lang: str, width: int) -> str:
    """A year's holidays, make-up working days and the office's own entries."""
    state = t(lang, "cli_year_provisional" if provisional else "cli_year_announced")
    rows = []
    for d in days:
        if not (d.is_holiday or d.is_makeup_workday or d.source == "override"):
            continue
        rows.append(
            [
                d.date.isoformat(),
                label(lang, f"cli_wd_{d.date.weekday()}"),
                label(lang, "workday" if d.workday else "holiday"),
                safe(d.note(lang)),
                label(lang, "cli_office") if d.source == "override" else "",
            ]
        )
    keys = ("col_date", "col_weekday", "col_day_type", "col_day_note", "col_day_source")
    return "\n".join(
        [*wrap(f"{year}  {state}", width), table([field(lang, k) for k in keys], rows, {3: width}, width=width)]
    )
