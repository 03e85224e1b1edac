"""The bulletin (督查通报) as a leader reads it: text, Markdown, HTML (reads
on a phone, prints on A4), JSON, XLSX (A4, one page wide), and a rich table
for the terminal. The data comes from tracker.units.build_bulletin."""

from __future__ import annotations

import html

from tracker.i18n import t
from tracker.text import json_text, one_line, percent, table

COLUMNS = (
    "rank",
    "unit",
    "due",
    "done_on_time",
    "on_time_rate",
    "open_overdue",
    "returned",
    "reminders",
    "missed_reports",
)
NUMERIC = {"rank", "due", "done_on_time", "open_overdue", "returned", "reminders", "missed_reports"}


def _headers(lang: str) -> list[str]:
    return [t(lang, "units_b_" + k) for k in COLUMNS]


def _cells(r: dict) -> list[str]:
    return [percent(r[k]) if k == "on_time_rate" else one_line(r[k]) if k == "unit" else str(r[k]) for k in COLUMNS]


def title(data: dict, lang: str) -> str:
    return t(lang, "units_b_title", start=data["from"], end=data["to"])


def subtitle(data: dict, lang: str) -> str:
    units = data["units"]
    due = sum(u["due"] for u in units)
    on_time = sum(u["done_on_time"] for u in units)
    rate = percent(on_time / due) if due else "—"
    return t(
        lang,
        "units_b_summary",
        as_of=data["as_of"],
        units=len(units),
        due=due,
        on_time=on_time,
        rate=rate,
        overdue=sum(u["open_overdue"] for u in units),
        returned=sum(u["returned"] for u in units),
        missed=sum(u["missed_reports"] for u in units),
    )


def render_bulletin(data: dict, lang: str, fmt: str) -> str:
    if fmt == "json":
        return json_text(data)
    rows = [_cells(u) for u in data["units"]]
    if fmt == "md":
        esc = lambda s: html.escape(s).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")  # noqa: E731
        out = [f"# {esc(title(data, lang))}", "", esc(subtitle(data, lang)), ""]
        out.append("| " + " | ".join(_headers(lang)) + " |")
        out.append("|" + "---|" * len(COLUMNS))
        out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
        out += ["", esc(t(lang, "units_b_note")), ""]
        return "\n".join(out)
    if fmt == "html":
        return _html(data, lang, rows)
    body = table(_headers(lang), rows, right={0, 2, 3, 4, 5, 6, 7, 8}) if rows else t(lang, "none")
    return f"{title(data, lang)}\n{subtitle(data, lang)}\n\n{body}\n\n{t(lang, 'units_b_note')}\n"


_STYLE = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222;max-width:1000px;margin:1em auto;padding:0 .8em}
h1{font-size:1.5em;text-align:center;color:#b71c1c;margin:.4em 0}p.sub{text-align:center;color:#555;font-size:.92em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ccc;padding:5px 6px;text-align:center}
th{background:#f3f3f3}td.unit{text-align:left}tr.top,tr.top td{background:#e8f5e9}tr.bottom,tr.bottom td{background:#fdecea}
p.note{color:#666;font-size:.85em}
@media (max-width:600px){table,thead,tbody,th{display:block}thead{display:none}
tr{display:flex;flex-wrap:wrap;border:1px solid #ccc;margin:.5em 0;padding:.3em}
td{display:block;flex:0 0 50%;box-sizing:border-box;border:none;text-align:left;padding:2px 4px}
td::before{content:attr(data-h)"：";color:#777}
td.rank,td.unit{flex:0 0 auto;font-weight:bold;font-size:1.05em}td.rank::before,td.unit::before{content:none}}
@media print{@page{size:A4;margin:15mm}body{max-width:none}}
"""


def _html(data: dict, lang: str, rows: list[list[str]]) -> str:
    e = html.escape
    hdr = _headers(lang)
    out = [
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title(data, lang))}</title><style>{_STYLE}</style></head><body>",
        f'<h1>{e(title(data, lang))}</h1><p class="sub">{e(subtitle(data, lang))}</p>',
        "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in hdr) + "</tr></thead><tbody>",
    ]
    n = len(rows)
    for i, r in enumerate(rows):
        cls = ' class="top"' if i < 3 and n > 3 else ' class="bottom"' if i >= n - 3 and n > 3 else ""
        cells = "".join(
            f'<td{f" class={k}" if k in ("unit", "rank") else ""} data-h="{e(h)}">{e(c)}</td>'
            for k, h, c in zip(COLUMNS, hdr, r)
        )
        out.append(f"<tr{cls}>{cells}</tr>")
    out.append("</tbody></table>")
    out.append(f'<p class="note">{e(t(lang, "units_b_note"))}</p></body></html>\n')
    return "\n".join(out)


def rich_table(data: dict, lang: str):
    from rich.table import Table

    tbl = Table(title=title(data, lang), caption=subtitle(data, lang))
    for k, h in zip(COLUMNS, _headers(lang)):
        tbl.add_column(h, justify="right" if k in NUMERIC or k == "on_time_rate" else "left")
    n = len(data["units"])
    for i, r in enumerate(data["units"]):
        style = "green" if i < 3 and n > 3 else "red" if i >= n - 3 and n > 3 else None
        tbl.add_row(*(c.replace("[", r"\[") for c in _cells(r)), style=style)
    return tbl


def write_bulletin_xlsx(data: dict, path, lang: str) -> None:
    """The bulletin as a workbook to circulate: title, summary, the ranked
    table (rates as percentages), A4 portrait, one page wide."""
    import xlsxwriter

    from tracker.text import cell_width

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files to leave behind
    ws = wb.add_worksheet(t(lang, "units_b_sheet"))
    last = len(COLUMNS) - 1
    title_f = wb.add_format({"bold": True, "font_size": 18, "font_color": "#B71C1C", "align": "center"})
    sub_f = wb.add_format({"align": "center", "font_color": "#555555", "text_wrap": True})
    head_f = wb.add_format({"bold": True, "bg_color": "#F3F3F3", "border": 1, "align": "center", "text_wrap": True})
    top = {"bg_color": "#E8F5E9"}
    bottom = {"bg_color": "#FDECEA"}
    fmts = {
        (kind, shade): wb.add_format({**base, **(extra or {})})
        for kind, base in (
            ("cell", {"border": 1, "align": "center"}),
            ("unit", {"border": 1}),
            ("pct", {"border": 1, "align": "center", "num_format": "0.0%"}),
        )
        for shade, extra in (("", None), ("top", top), ("bottom", bottom))
    }
    ws.merge_range(0, 0, 0, last, title(data, lang), title_f)
    ws.set_row(0, 30)
    ws.merge_range(1, 0, 1, last, subtitle(data, lang), sub_f)
    ws.set_row(1, 36)
    ws.write_row(3, 0, _headers(lang), head_f)
    n = len(data["units"])
    width = max([cell_width(u["unit"]) for u in data["units"]] + [8])
    for i, u in enumerate(data["units"]):
        row = 4 + i
        shade = "top" if i < 3 and n > 3 else "bottom" if i >= n - 3 and n > 3 else ""
        for c, k in enumerate(COLUMNS):
            v = u[k]
            if k == "unit":
                ws.write_string(row, c, one_line(v), fmts["unit", shade])
            elif k == "on_time_rate":
                if v is None:
                    ws.write_string(row, c, "—", fmts["cell", shade])
                else:
                    ws.write_number(row, c, v, fmts["pct", shade])
            else:
                ws.write_number(row, c, v, fmts["cell", shade])
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, min(width + 2, 30))
    ws.set_column(2, last, 10)
    ws.set_row(3, 32)
    ws.merge_range(5 + n, 0, 5 + n, last, t(lang, "units_b_note"), sub_f)
    ws.set_row(5 + n, 30)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")
    ws.print_area(0, 0, 5 + n, last)
    wb.close()
