"""The feedback form out and back: units outside the bureau (镇街) report by
filling a spreadsheet. write_form writes each unit's form (XLSX: its open
items, columns to fill, a 是/否 dropdown, date cells, the campaigns'
figures, the key columns protected so the match cannot break, A4);
read_forms reads filled forms back (XLSX, also re-saved by WPS, or CSV),
checking every row of every file before anything is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import UserError
from tracker.units import Report, campaign_row, figure_names

TITLE = "督办事项反馈表"
KEY_COLUMNS = ("编号", "文号", "事项名称", "办结时限", "角色")
FILL_COLUMNS = ("本期进展", "是否办结", "办结日期")
UNIT_LABEL = "填报单位"
DATE_LABEL = "填报日期"
CAMPAIGN_LABEL = "专项整治"
ROLE_WORDS = {"lead": "牵头", "assist": "配合"}
YES = ("是", "y", "yes", "1", "true", "已办结", "办结")
NO = ("否", "n", "no", "0", "false", "")
MAX_FILE_BYTES = 20 * 1024 * 1024  # a form of a few thousand rows is well under 1 MB
MAX_ROWS = 100_000
MAX_COLS = 200


@dataclass
class Form:
    unit: str
    campaign: str | None
    figures: list[str]
    rows: list[dict] = field(default_factory=list)  # id, ref_no, title, due_on, role, campaign_id


def form_data(conn: sqlite3.Connection, as_of: dt.date, unit: str | None, campaign: str | None) -> list[Form]:
    """Each unit's form (one unit's with `unit`): its open items (of
    `campaign` when given) by due date, and the figures of their campaigns."""
    from tracker.ledger import units_by_pinyin
    from tracker.units import unit_row

    params: list = []
    where = "s.item_open = 1 AND s.state <> 'reported'"
    if unit:
        where += " AND s.unit_id = ?"
        params.append(unit_row(conn, unit)[0])
    camp_name = None
    if campaign:
        c = campaign_row(conn, campaign)
        camp_name = c["name"]
        where += " AND i.campaign_id = ?"
        params.append(c["id"])
    forms: dict[str, Form] = {}
    figs_of: dict[int | None, list[str]] = {}
    for uname, id_, ref, title, due, role, cid in conn.execute(
        f"""SELECT u.name, i.id, coalesce(i.ref_no, ''), i.title, i.due_on, s.role, i.campaign_id
            FROM shares s INDEXED BY shares_open JOIN items i ON i.id = s.item_id JOIN units u ON u.id = s.unit_id
            WHERE {where} ORDER BY i.due_on, i.id""",
        params,
    ):
        f = forms.setdefault(uname, Form(uname, camp_name, []))
        if cid not in figs_of:
            figs_of[cid] = figure_names(conn, cid)
        for name in figs_of[cid]:
            if name not in f.figures:
                f.figures.append(name)
        f.rows.append({"id": id_, "ref_no": ref, "title": title, "due_on": due, "role": role, "campaign_id": cid})
    for f in forms.values():
        for r in f.rows:
            r["figures"] = figs_of.get(r["campaign_id"], [])
    return [forms[u] for u in units_by_pinyin(conn, forms)]


def form_file_name(form: Form, as_of: dt.date) -> str:
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", form.unit)
    return f"{TITLE}_{safe}_{as_of.isoformat()}.xlsx"


def write_form(forms: list[Form], path, as_of: dt.date, fast: bool = True) -> None:
    """One workbook, a sheet per unit's form. `fast`: the item rows as
    XlsxWriter itself writes them, a row at a time (_SheetRows); else, or
    where that cannot be, a write_* call per cell. The same file either way."""
    import xlsxwriter

    from tracker.text import cell_width, one_line

    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})  # no temporary files to leave behind
    title_f = wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    label_f = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1})
    key_f = wb.add_format({"bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "top"})
    key_date_f = wb.add_format({"bg_color": "#F2F2F2", "border": 1, "num_format": "yyyy-mm-dd", "valign": "top"})
    head_f = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "align": "center"})
    fill_f = wb.add_format({"locked": False, "border": 1, "text_wrap": True, "valign": "top"})
    date_f = wb.add_format({"locked": False, "border": 1, "num_format": "yyyy-mm-dd", "valign": "top"})
    num_f = wb.add_format({"locked": False, "border": 1, "num_format": "0", "valign": "top"})
    na_f = wb.add_format({"bg_color": "#D9D9D9", "border": 1})
    note_f = wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})
    used: set[str] = set()
    for form in forms:
        name = re.sub(r"[\[\]:*?/\\]", "_", form.unit)[:31] or "Sheet"
        base, n = name, 1
        while name in used:
            n += 1
            name = f"{base[:28]}({n})"
        used.add(name)
        ws = wb.add_worksheet(name)
        headers = [*KEY_COLUMNS, *FILL_COLUMNS, *form.figures]
        last_col = len(headers) - 1
        ws.merge_range(0, 0, 0, last_col, TITLE, title_f)
        ws.set_row(0, 28)
        ws.write_string(1, 0, UNIT_LABEL, label_f)
        ws.write_string(1, 1, one_line(form.unit), key_f)
        ws.write_string(1, 2, DATE_LABEL, label_f)
        ws.write_datetime(1, 3, dt.datetime.combine(as_of, dt.time()), date_f)
        if form.campaign:
            ws.write_string(1, 4, CAMPAIGN_LABEL, label_f)
            ws.write_string(1, 5, one_line(form.campaign), key_f)
        ws.merge_range(
            2,
            0,
            2,
            last_col,
            "说明：请填写白色单元格（本期进展、是否办结、办结日期及数据列），灰色列为事项信息，请勿修改；"
            "是否办结选“是”即报告本单位承办部分已办结，牵头单位报办结后由督查部门审核销号。",
            note_f,
        )
        ws.set_row(2, 36)
        ws.write_row(3, 0, headers, head_f)
        widths = [6, 18, 36, 12, 6, 40, 9, 12] + [max(10, cell_width(f) + 2) for f in form.figures]
        formats = (key_f, key_date_f, fill_f, date_f, num_f, na_f)
        if not (fast and _SheetRows.write(ws, form, formats)):
            _write_rows_by_cell(ws, form, formats)
        for row in form.rows:
            if widths[1] >= 30:
                break
            widths[1] = max(widths[1], min(cell_width(row["ref_no"]) + 2, 30))
        first, last = 4, max(4, 3 + len(form.rows))
        ws.data_validation(
            first, 6, last, 6, {"validate": "list", "source": ["是", "否"], "error_message": "请选择“是”或“否”"}
        )
        ws.data_validation(
            first,
            7,
            last,
            7,
            {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(1900, 1, 1),
                "maximum": dt.date(2099, 12, 31),
                "error_message": "请填写日期，如 2026-03-02",
            },
        )
        if form.figures:
            ws.data_validation(
                first,
                8,
                last,
                last_col,
                {"validate": "integer", "criteria": ">=", "value": 0, "error_message": "请填写非负整数"},
            )
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(4, 3)
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True})
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.set_footer("&C第 &P 页，共 &N 页")
        ws.print_area(0, 0, last, last_col)
    wb.close()


def _write_rows_by_cell(ws, form: Form, formats: tuple) -> None:
    """The item rows, a write_* call per cell."""
    from tracker.text import one_line

    key_f, key_date_f, fill_f, date_f, num_f, na_f = formats
    for r, row in enumerate(form.rows, 4):
        ws.write_number(r, 0, row["id"], key_f)
        ws.write_string(r, 1, one_line(row["ref_no"]), key_f)
        ws.write_string(r, 2, one_line(row["title"]), key_f)
        ws.write_datetime(r, 3, dt.datetime.fromisoformat(row["due_on"]), key_date_f)
        ws.write_string(r, 4, ROLE_WORDS[row["role"]], key_f)
        ws.write_blank(r, 5, None, fill_f)
        ws.write_blank(r, 6, None, fill_f)
        ws.write_blank(r, 7, None, date_f)
        for c, fig in enumerate(form.figures, 8):
            ws.write_blank(r, c, None, num_f if fig in row["figures"] else na_f)


class _SheetRows:
    """A form's item rows written as XlsxWriter writes them, at a fraction
    of the cost of its write_* call per cell (some 10 cells a row, each a
    call, a tuple, and at close a cell reference, a format index and
    attribute escapes): the rows are kept as their values (the texts as
    their shared-string numbers, taken in the order write_string takes
    them) and, when XlsxWriter writes the sheet's rows at close, written
    after its own (the heading rows) from one template per row shape (which
    figure columns apply), the format indices taken in the order its
    _write_cell takes them. Every row of a form holds a cell in every
    column, so every block of 16 rows spans them all. The XML is the same
    byte for byte (tests/test_units.py compares the two ways)."""

    def __init__(self, ws, ncols: int, rows: list[tuple], formats: tuple):
        self.ws, self.ncols, self.rows, self.formats = ws, ncols, rows, formats

    @classmethod
    def write(cls, ws, form: Form, formats: tuple) -> bool:
        """Form's item rows into worksheet ws (rows 4 on); False, nothing
        written, where this cannot write them as XlsxWriter would."""
        from tracker.text import one_line

        ncols = 8 + len(form.figures)
        if not form.rows or not _supported(ws) or 4 + len(form.rows) > ws.xls_rowmax or ncols > ws.xls_colmax:
            return False
        texts = [(one_line(row["ref_no"]), one_line(row["title"])) for row in form.rows]
        # longer text is cut by write_string (to 32767 UTF-16 units): rare, left to it
        if any(len(ref) > ws.xls_strmax // 2 or len(title) > ws.xls_strmax // 2 for ref, title in texts):
            return False
        index = ws.str_table._get_shared_string_index
        excel_day: dict[str, float] = {}
        rows = []
        for row, (ref, title) in zip(form.rows, texts):
            due = row["due_on"]
            day = excel_day.get(due)
            if day is None:
                day = excel_day[due] = ws._convert_date_time(dt.datetime.fromisoformat(due))
            figs = row["figures"]
            shape = tuple(fig in figs for fig in form.figures)
            rows.append((row["id"], index(ref), index(title), day, index(ROLE_WORDS[row["role"]]), shape))
        ws._check_dimensions(3 + len(rows), ncols - 1)
        sheet = cls(ws, ncols, rows, formats)
        ws._write_rows = functools.partial(sheet._write_rows, ws._write_rows)
        return True

    def _write_rows(self, write_heading) -> None:
        """XlsxWriter's _write_rows (the heading rows), then the item rows."""
        from xlsxwriter.utility import xl_col_to_name

        write_heading()
        key_f, key_date_f, fill_f, date_f, num_f, na_f = self.formats
        templates: dict[tuple, str] = {}
        spans = f"1:{self.ncols}"
        fh, pending = self.ws.fh, []
        for r, (id_, ref, title, day, role, shape) in enumerate(self.rows, 5):
            template = templates.get(shape)
            if template is None:
                cells = [key_f, key_f, key_f, key_date_f, key_f, fill_f, fill_f, date_f]
                cells += [num_f if applies else na_f for applies in shape]
                xf = [f._get_xf_index() for f in cells]
                out = [f'<row r="{{0}}" spans="{spans}">']
                out.append(f'<c r="A{{0}}" s="{xf[0]}"><v>{{1:.16G}}</v></c>')
                out.append(f'<c r="B{{0}}" s="{xf[1]}" t="s"><v>{{2}}</v></c>')
                out.append(f'<c r="C{{0}}" s="{xf[2]}" t="s"><v>{{3}}</v></c>')
                out.append(f'<c r="D{{0}}" s="{xf[3]}"><v>{{4:.16G}}</v></c>')
                out.append(f'<c r="E{{0}}" s="{xf[4]}" t="s"><v>{{5}}</v></c>')
                out += [f'<c r="{xl_col_to_name(c)}{{0}}" s="{xf[c]}"/>' for c in range(5, self.ncols)]
                out.append("</row>")
                template = templates[shape] = "".join(out)
            pending.append(template.format(r, id_, ref, title, day, role))
            if len(pending) >= 512:
                fh.write("".join(pending))
                pending.clear()
        fh.write("".join(pending))


def _supported(ws) -> bool:
    """Whether `ws` is a worksheet whose internals are the ones _SheetRows
    writes through (XlsxWriter 3.x, not in constant-memory mode), its rows
    of the default height."""
    return (
        not getattr(ws, "constant_memory", True)
        and getattr(ws, "excel_version", None) == 2007
        and all(
            hasattr(ws, name)
            for name in (
                "_write_rows",
                "_check_dimensions",
                "_convert_date_time",
                "str_table",
                "xls_strmax",
                "xls_rowmax",
                "xls_colmax",
                "row_info",
                "fh",
            )
        )
        and hasattr(ws.str_table, "_get_shared_string_index")
        and getattr(ws, "default_row_height", None) == getattr(ws, "original_row_height", 0)
    )


# ------------------------------------------------------------------ reading --
@dataclass
class FormError:
    path: str
    line: int
    problem: tuple[str, dict]  # a message key and its values

    def render(self, lang: str) -> str:
        from tracker.i18n import t

        key, values = self.problem
        text = t(lang, key, **values)
        if lang == "en":
            return f"  {self.path}, line {self.line}: {text}"
        return f"  {self.path} 第 {self.line} 行：{text}"


class FormsError(UserError):
    """Filled forms with bad rows: how many, then every bad row with its file."""

    def __init__(self, errors: list[FormError]):
        super().__init__("units_forms_bad", count=len(errors), files=len({e.path for e in errors}))
        self.errors = errors

    def details(self, lang: str) -> list[str]:
        return [e.render(lang) for e in self.errors]


def _rows(path: Path) -> list[list]:
    """Every row of the file (first sheets of a workbook: all of them), as
    cells. What is beyond reason is refused before reading: a file larger
    than any form, and (tracker.importer's check) a zip bomb or a sheet that
    declares more rows or columns than a form has."""
    from tracker.importer import SPREADSHEET_MAGIC, check_spreadsheet_size, file_head, read_table, unreadable

    size, head = file_head(path)
    if size > MAX_FILE_BYTES:
        raise UserError("units_form_too_big", path=str(path))
    check_spreadsheet_size(path, head, MAX_ROWS, MAX_COLS)
    if head.startswith(SPREADSHEET_MAGIC):
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            wb = CalamineWorkbook.from_path(str(path))
            out: list[list] = []
            for name in wb.sheet_names:
                sheet = wb.get_sheet_by_name(name)
                if sheet.height > MAX_ROWS or sheet.width > MAX_COLS:
                    raise UserError("units_form_too_big", path=str(path))
                out.append(["\x00sheet", name])
                out.extend(["" if c is None else c for c in row] for row in sheet.iter_rows())
            return out
        except (CalamineError, ValueError, OSError):
            raise unreadable(path) from None
    header, rows, _ = read_table(path)
    out = [list(header)]
    for n, (_, row) in enumerate(rows):
        if n > MAX_ROWS:
            raise UserError("units_form_too_big", path=str(path))
        out.append(list(row))
    return out


_READ_AHEAD_BYTES = 1024 * 1024  # files this large in all: read on two threads


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # _rows says what is wrong with it, in its turn


def _read_ahead(paths: list[Path]) -> Iterator[tuple[Path, list[list]]]:
    """Each file with its rows, in order. Many or long forms are read on two
    threads, the first, third, … file on one and the others on the other,
    never more than two files ahead of the one being checked: the
    spreadsheet reader lets go of the GIL, so two cores read two forms at
    once. A file that cannot be read raises in its turn, as it would read
    one by one."""
    if len(paths) < 2 or sum(map(_size, paths)) < _READ_AHEAD_BYTES:
        yield from ((path, _rows(path)) for path in paths)
        return
    import threading

    slots: list = [None] * len(paths)
    ready = [threading.Event() for _ in paths]
    turn = threading.Condition()
    taken = 0  # files handed to the checking
    stop = False

    def read(k: int) -> None:
        for i in range(k, len(paths), 2):
            with turn:
                while not (stop or i < taken + 2):
                    turn.wait()
                if stop:
                    return
            try:
                slots[i] = (True, _rows(paths[i]))
            except BaseException as e:  # raised in the file's turn
                slots[i] = (False, e)
            ready[i].set()

    workers = [threading.Thread(target=read, args=(k,), daemon=True) for k in (0, 1)]
    for w in workers:
        w.start()
    try:
        for i, path in enumerate(paths):
            ready[i].wait()
            ok, value = slots[i]
            slots[i] = None
            with turn:
                taken = i + 1
                turn.notify_all()
            if not ok:
                raise value
            yield path, value
    finally:
        with turn:
            stop = True
            turn.notify_all()
        for w in workers:
            w.join()


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()[:10]
    return re.sub(r"\s+", "", str(v)) if isinstance(v, str) and "\n" in v else str(v).strip()


def _date(v) -> dt.date | None:
    from tracker.dates import parse_date

    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, (int, float)) and 1 <= v < 80000:  # a day number from Excel's epoch
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(v))
    return parse_date(str(v).strip())


def read_forms(
    conn: sqlite3.Connection, paths: list[Path], on: dt.date | None, as_of: dt.date
) -> tuple[list[Report], int]:
    """Every filled row of every form as a Report, checked against the ledger
    (编号 matches 事项名称, the unit holds a share, figures the campaign
    defines, values in range); any bad row: FormsError listing all of them.
    Returns the reports and the count of rows left unfilled.

    A file's rows are read and checked cell by cell first; the rows that
    pass are then checked against the ledger together (_check_rows: the
    items and shares they name read in a few queries, not a few a row),
    their problems put back among the others in the order of the rows."""
    reports: list[Report] = []
    errors: list[FormError] = []
    skipped = 0
    units = dict(conn.execute("SELECT name, id FROM units"))
    figures_of: dict[int | None, list[str]] = {}
    for path, rows in _read_ahead(paths):
        filled: list[_Filled] = []
        unit = form_date = None
        header: dict[str, int] | None = None
        figure_cols: list[str] = []
        fill_at: list[int] = []
        id_at = 0
        where, line = str(path), 0
        sheets = sum(1 for r in rows if r[:1] == ["\x00sheet"])
        for cells in rows:
            line += 1
            if cells[:1] == ["\x00sheet"]:
                if header is None and line > 1:
                    errors.append(FormError(where, 1, _msg(conn, "units_form_no_header")))
                unit = form_date = None
                header = None
                where, line = (f"{path}[{cells[1]}]" if sheets > 1 else str(path)), 0
                continue
            if header is None:
                texts = [_text(c) for c in cells]
                for c, v in enumerate(texts):
                    if v == UNIT_LABEL and c + 1 < len(texts):
                        unit = texts[c + 1]
                    if v == DATE_LABEL and c + 1 < len(cells):
                        try:
                            form_date = _date(cells[c + 1])
                        except UserError:
                            errors.append(FormError(where, line, _msg(conn, "units_form_bad_date", value=texts[c + 1])))
                if "编号" in texts and "事项名称" in texts:
                    header = {v: c for c, v in enumerate(texts) if v}
                    figure_cols = [h for h in header if h not in (*KEY_COLUMNS, *FILL_COLUMNS, UNIT_LABEL)]
                    if UNIT_LABEL not in header and not unit:
                        errors.append(FormError(where, line, _msg(conn, "units_form_no_unit")))
                        break
                    if unit and unit not in units:
                        errors.append(FormError(where, line, _msg(conn, "units_no_unit", value=unit)))
                        break
                    fill_at = [header[h] for h in (*FILL_COLUMNS, *figure_cols) if h in header]
                    id_at = header["编号"]
                continue
            if _left(cells, fill_at, id_at):
                skipped += 1  # a row the unit left as it was sent (most rows of a long form)
                continue
            if not any(map(_text, cells)):
                continue
            id_text, _ = _cell(header, cells, "编号")
            # an item's number: decimal digits (int() reads full-width ones
            # too, not ² or ①) that SQLite can hold
            if not id_text.isdecimal() or len(id_text) > 19 or int(id_text) > _SQLITE_MAX_INT:
                if id_text.startswith(("注", "说明", "填表", "审核", "制表")):
                    continue
                errors.append(FormError(where, line, _msg(conn, "units_form_bad_id", value=id_text)))
                continue
            progress, _ = _cell(header, cells, "本期进展")
            done_text, _ = _cell(header, cells, "是否办结")
            done_date_text, done_date_raw = _cell(header, cells, "办结日期")
            figures: dict[str, int] = {}
            bad = False
            for fig in figure_cols:
                v, raw = _cell(header, cells, fig)
                if v == "":
                    continue
                try:
                    n = int(float(raw)) if isinstance(raw, (int, float)) else int(v)
                    if n < 0 or (isinstance(raw, float) and not raw.is_integer()):
                        raise ValueError
                except ValueError:
                    errors.append(FormError(where, line, _msg(conn, "units_form_bad_number", name=fig, value=v)))
                    bad = True
                    continue
                figures[fig] = n
            if done_text.lower() not in YES + NO:
                errors.append(FormError(where, line, _msg(conn, "units_form_bad_done", value=done_text)))
                continue
            done = done_text.lower() in YES
            if not progress and not done and not figures:
                skipped += 1
                continue
            try:
                done_on = _date(done_date_raw if done_date_raw not in (None, "") else None)
            except UserError:
                errors.append(FormError(where, line, _msg(conn, "units_form_bad_date", value=done_date_text)))
                continue
            if bad:
                continue
            row_unit, _ = _cell(header, cells, UNIT_LABEL)
            title, _ = _cell(header, cells, "事项名称")
            text = progress or ("办结" if done else "")
            report = Report(
                0, row_unit or unit or "", text, on or form_date or as_of, done, figures or None, path.name, done_on
            )
            filled.append(_Filled(len(errors), where, line, id_text, title, report))
        if header is None and not any(e.path == where for e in errors):
            errors.append(FormError(where, 1, _msg(conn, "units_form_no_header")))
        if filled:
            _check_rows(conn, filled, units, figures_of, reports, errors)
    if errors:
        raise FormsError(errors)
    return reports, skipped


@dataclass
class _Filled:
    """A filled row whose cells are good, to check against the ledger."""

    at: int  # where its problem, if any, goes among the file's others
    where: str
    line: int
    id_text: str
    title: str
    report: Report  # item_id not yet set


def _left(cells: list, fill_at: list[int], id_at: int) -> bool:
    """Whether a row is an item's row (a whole number in 编号) with nothing
    in the columns to fill: skipped without reading its other cells."""
    n = len(cells)
    for c in fill_at:
        if c < n:
            v = cells[c]
            if not (v is None or v == "" or (type(v) is str and not v.strip())):
                return False
    v = cells[id_at] if id_at < n else None
    if type(v) is float:
        return v.is_integer() and 0 <= v <= _SQLITE_MAX_INT
    return type(v) is int and 0 <= v <= _SQLITE_MAX_INT


def _cell(header: dict[str, int], cells: list, name: str) -> tuple[str, object]:
    """The text and value of column `name` of a row ('' and None: none)."""
    c = header.get(name)
    return (_text(cells[c]), cells[c]) if c is not None and c < len(cells) else ("", None)


_SQLITE_MAX_INT = 2**63 - 1


def _check_rows(
    conn: sqlite3.Connection,
    filled: list[_Filled],
    units: dict[str, int],
    figures_of: dict[int | None, list[str]],
    reports: list[Report],
    errors: list[FormError],
) -> None:
    """A file's filled rows against the ledger, in the order of the rows:
    the item exists and has the form's title, the unit holds a share, the
    item is open, its campaign defines the figures. Good rows to
    `reports`; problems into `errors` at each row's place."""
    from tracker.queries import by_ids

    ids = sorted({int(f.id_text) for f in filled})  # decimal digits SQLite can hold (read_forms checked)
    sql = "SELECT id, title, status, campaign_id FROM items WHERE id IN ({ids})"
    items: dict[int, tuple] = {r[0]: tuple(r) for r in by_ids(conn, sql, ids)}
    sql = "SELECT item_id, unit_id FROM shares WHERE item_id IN ({ids})"
    shares = {(item_id, unit_id) for item_id, unit_id in by_ids(conn, sql, ids)}
    found: list[tuple[int, FormError]] = []
    for f in filled:
        item = items.get(int(f.id_text))
        problem = None
        if item is None:
            problem = _msg(conn, "no_item", value=f.id_text)
        else:
            item_id, title, status, campaign_id = item
            who = f.report.unit
            uid = units.get(who)
            if re.sub(r"\s+", "", title) != re.sub(r"\s+", "", f.title):
                problem = _msg(conn, "units_form_mismatch", id=f.id_text, title=f.title)
            elif uid is None or (item_id, uid) not in shares:
                problem = _msg(conn, "units_no_share", unit=who, id=f.id_text)
            elif status != "open":
                problem = _msg(conn, "units_form_closed", id=f.id_text)
            else:
                if campaign_id not in figures_of:
                    figures_of[campaign_id] = figure_names(conn, campaign_id)
                defined = figures_of[campaign_id]
                undefined = [name for name in f.report.figures or () if name not in defined]
                if undefined:
                    problem = _msg(
                        conn,
                        "units_bad_figure",
                        name="、".join(undefined),
                        id=f.id_text,
                        accepted="、".join(defined) or "—",
                    )
        if problem is not None:
            found.append((f.at, FormError(f.where, f.line, problem)))
            continue
        f.report.item_id = item_id
        reports.append(f.report)
    if found:
        merged: list[FormError] = []
        prev = 0
        for at, e in found:
            merged += errors[prev:at]
            merged.append(e)
            prev = at
        merged += errors[prev:]
        errors[:] = merged


def _msg(conn, key: str, **values) -> tuple[str, dict]:
    """A row's problem: its message key and values, said in the clerk's language when shown."""
    return key, values
