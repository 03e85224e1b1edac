"""Whole rows into an XlsxWriter worksheet in constant-memory mode, at a
fraction of the cost of a write_* call per cell.

XlsxWriter spends some ten microseconds on a cell: the call's argument
checks, a tuple per cell, and when the row is done the cell's reference,
format index, escapes and whitespace checks, each through a regex. A list
of 100k items has 1.2M cells. RowWriter writes a row of ordinary cells
(text with nothing to escape, whole numbers, formatted blanks) as the XML
that XlsxWriter itself writes for them, straight into the sheet's row
data: one str.format of a template per row shape (which columns hold
text, numbers or nothing, in which formats, at which height), after a few
searches over the row's text to make sure none needs escaping. Any other
row goes to XlsxWriter's own write_* calls. The XML is the same
byte for byte (tests/test_export_speed.py compares the two); with an
XlsxWriter whose constant-memory internals differ from those relied on
here, every row goes through write_*.
"""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name

# A cell's text may be up to 32767 UTF-16 units; any text up to half that
# many characters is within it.
_SURELY_SHORT = 32767 // 2
_NONE = type(None)


class RowWriter:
    """Rows of cells of worksheet `ws` (of a constant_memory workbook), in
    ascending row order after whatever was written to it before; then
    finish() before anything else is written to the workbook. A cell with
    no format has none of its row or column either (no set_row or
    set_column with a format before the rows). With empty_text, '' is a
    text cell, as write_string() writes it; else it is no cell."""

    def __init__(self, ws, ncols: int, fast: bool = True, empty_text: bool = False):
        self.ws = ws
        self.fast = fast and _supported(ws)
        self.empty_text = empty_text
        self.col_names = [xl_col_to_name(c) for c in range(ncols)]
        # row shape -> (template, first and last column), or None: written by write_*
        self.templates: dict[tuple, tuple[str, int, int] | None] = {}
        self.pending: list[str] = []  # rows written here, not yet in the sheet's file
        self.last_row: int | None = None  # of those
        self.min_row = self.max_row = self.min_col = self.max_col = -1

    def row(self, n: int, cells: list, formats: list, height: float | None = None, blanks: bool = False) -> None:
        """Row n: cells[c] in format formats[c]; None or '' is no cell, or
        with `blanks` a blank cell in its format (a filled row). Text is
        always text, whatever it starts with; other values are numbers.
        `height` in points, as set_row() takes it."""
        ws = self.ws
        if (
            self.fast
            and n > ws.previous_row
            and n not in ws.row_info
            and self._write_fast(n, cells, formats, height, blanks)
        ):
            return
        self._flush()
        if height is not None:
            ws.set_row(n, height)
        for col, v in enumerate(cells):
            if v is None or (v == "" and not self.empty_text):
                if blanks:
                    ws.write_blank(n, col, None, formats[col])
            elif v.__class__ is str:
                ws.write_string(n, col, v, formats[col])
            else:
                ws.write_number(n, col, v, formats[col])

    def finish(self) -> None:
        """The rows written here into the sheet, and into its dimensions."""
        self._flush()
        if self.max_row >= 0:
            check = self.ws._check_dimensions
            check(self.min_row, self.min_col, ignore_col=True)
            check(self.max_row, self.min_col, ignore_col=True)
            check(self.max_row, self.min_col, ignore_row=True)
            check(self.max_row, self.max_col, ignore_row=True)

    def _flush(self) -> None:
        if self.pending:
            self.ws.fh.write("".join(self.pending))
            self.pending.clear()

    def _write_fast(self, n: int, cells: list, formats: list, height: float | None, blanks: bool) -> bool:
        """Row n as XlsxWriter writes it, if it is an ordinary row (else
        False, nothing written)."""
        ws = self.ws
        key = (tuple(map(type, cells)), tuple(formats), height, blanks)
        shape = self.templates.get(key)
        if shape is None:
            if key in self.templates:
                return False
            if all(t is _NONE and (not blanks or f is None) for t, f in zip(key[0], formats)):
                return False  # nothing to write but perhaps a height
            if (
                not all(t is str or t is int or t is _NONE for t in key[0])
                or (height is not None and height <= 1)
                or any(f is None and getattr(ws.col_info.get(c), "column_format", None) for c, f in enumerate(formats))
            ):
                self.templates[key] = None
                return False
        # text XlsxWriter writes as it is: no control character to escape
        # as _xHHHH_ (nor tab, line break or any space but ' '), no & < >,
        # nothing like _xHHHH_, no space first or last (xml:space), no ''
        # (no cell) unless it is a text, not longer than a cell holds
        texts = [v for v in cells if v.__class__ is str]
        text = "".join(texts)
        if not (
            text.isprintable()
            and "&" not in text
            and "<" not in text
            and ">" not in text
            and ("_" not in text or "_x" not in text)
            and (" " not in text or not any(t[:1] == " " or t[-1:] == " " for t in texts))
            and (self.empty_text or all(texts))
            and (len(text) <= _SURELY_SHORT or all(len(t) <= _SURELY_SHORT for t in texts))
        ):
            return False
        # XlsxWriter writes the row before now (and so numbers its formats)
        if self.last_row == ws.previous_row and not ws.table:
            ws.previous_row = n  # the row before is one of these
        else:
            self._flush()
            ws._write_single_row(n)
        if shape is None:
            shape = self.templates[key] = self._template(key[0], formats, height, blanks)
        template, first, last = shape
        xml = template.format(n + 1, *cells)
        self.pending.append(xml)
        if len(self.pending) >= 256:
            self._flush()
        if self.min_row < 0:
            self.min_row = n
        self.last_row = self.max_row = n
        if first < self.min_col or self.min_col < 0:
            self.min_col = first
        if last > self.max_col:
            self.max_col = last
        return True

    def _template(self, types: tuple, formats: list, height: float | None, blanks: bool) -> tuple[str, int, int]:
        """The XML of a row of this shape with {0} for the row number and
        {c+1} for cell c, as XlsxWriter writes it; its first and last
        column."""
        ws = self.ws
        # the row's height as set_row() stores it (pixels) and _write_row() says it
        pixels = ws.default_row_height if height is None else int(height * 4.0 / 3.0 + 0.5)
        if pixels != ws.original_row_height or pixels != ws.default_row_height:
            out = [f'<row r="{{0}}" ht="{pixels * 0.75:.16g}" customHeight="1">']
        else:
            out = ['<row r="{0}">']
        cols = [col for col, t in enumerate(types) if t is not _NONE or (blanks and formats[col] is not None)]
        for col in cols:
            if formats[col] is not None:
                ref = f'<c r="{self.col_names[col]}{{0}}" s="{formats[col]._get_xf_index()}"'
            else:
                ref = f'<c r="{self.col_names[col]}{{0}}"'
            if types[col] is _NONE:
                out.append(ref + "/>")
            elif types[col] is str:
                out.append(ref + f' t="inlineStr"><is><t>{{{col + 1}}}</t></is></c>')
            else:
                out.append(ref + f"><v>{{{col + 1}:.16G}}</v></c>")
        out.append("</row>")
        return "".join(out), cols[0], cols[-1]


def _supported(ws) -> bool:
    """Whether `ws` is a constant-memory worksheet whose internals are the
    ones RowWriter writes through (XlsxWriter 3.x)."""
    return (
        getattr(ws, "constant_memory", False)
        and getattr(ws, "excel_version", None) == 2007
        and getattr(ws, "fh", None) is not None
        and ws.fh is getattr(ws, "row_data_fh", None)
        and all(
            hasattr(ws, name)
            for name in (
                "previous_row",
                "table",
                "row_info",
                "col_info",
                "_write_single_row",
                "_check_dimensions",
                "original_row_height",
                "default_row_height",
            )
        )
    )
