"""ItemList: the list of items, drawn line by line from SQL pages.

Only the rows in view are rendered (Textual's Line API); rows come from
ListSource pages of PAGE items fetched in thread workers and cached, so
the widget costs the same for a thousand items or a million.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, replace

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.i18n import label, t
from tracker.listing import ListQuery, ListSource, Row
from tracker.text import clip, clip_middle, pad, safe
from tracker.timeleft import TimeLeft
from tracker.tui import Localized, key, scroll_keys
from tracker.tui.store import Store

PAGE = 100
MAX_PAGES = 60  # cached pages kept (6,000 rows): memory independent of N


@dataclass(frozen=True)
class Column:
    key: str  # its heading is the catalogue label col_<key>
    width: int  # 0: takes the rest
    right: bool = False


COLUMNS = [
    Column("light", 2),
    Column("ref_no", 22),
    Column("title", 0),
    Column("kind", 12),
    Column("unit", 12),
    Column("owner", 8),
    Column("due_on", 11),
    Column("left", 13, right=True),
    Column("status", 6),
]
# The time-left column holds the longest phrase: 剩12个工作日, 10 working days left.
LEFT_WIDTH = {"zh": 13, "en": 20}
NARROW_DROP = ("owner", "status", "kind")  # dropped first when the terminal is narrow


class ItemList(Localized, ScrollView, can_focus=True):
    """The ledger list with a cursor; Enter opens the item under it."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            # Textual's scrolling keys that the cursor keys below do not replace
            *(b for b in scroll_keys(lang) if b.key in ("left", "right", "ctrl+pageup", "ctrl+pagedown")),
            key(lang, "up,k", "cursor(-1)", "up", show=False),
            key(lang, "down,j", "cursor(1)", "down", show=False),
            key(lang, "pageup", "page(-1)", "page_up", show=False),
            key(lang, "pagedown", "page(1)", "page_down", show=False),
            key(lang, "home,g", "jump(0)", "first", show=False),
            key(lang, "end,G", "jump(-1)", "last", show=False),
            key(lang, "enter", "open", "open", show=False),
        ]

    COMPONENT_CLASSES = {
        "list--header",
        "list--cursor",
        "list--red",
        "list--yellow",
        "list--green",
        "list--dim",
        "list--closed",
    }

    DEFAULT_CSS = """
    ItemList { height: 1fr; background: $surface; }
    ItemList > .list--header { text-style: bold; background: $panel; color: $text; }
    ItemList > .list--cursor { background: $accent 40%; text-style: bold; }
    ItemList:focus > .list--cursor { background: $accent 70%; }
    ItemList > .list--red { color: $error; text-style: bold; }
    ItemList > .list--yellow { color: $warning; text-style: bold; }
    ItemList > .list--green { color: $success; }
    ItemList > .list--dim { color: $text-muted; }
    ItemList > .list--closed { color: $text-muted; }
    """

    cursor: reactive[int] = reactive(0)

    class Opened(Message):
        """The clerk pressed Enter on a row."""

        def __init__(self, row: Row):
            super().__init__()
            self.row = row

    class Loaded(Message):
        """A new query's first page is on screen."""

    class Moved(Message):
        """The cursor is on another row (or None when the list is empty)."""

        def __init__(self, row: Row | None, index: int, total: int):
            super().__init__()
            self.row, self.index, self.total = row, index, total

    def __init__(self, store: Store, lang: str = "zh", **kwargs):
        super().__init__(**kwargs)
        self.store = store
        self.lang = lang
        self.query_ = ListQuery()
        self.total = 0
        self._pages: dict[int, list[Row]] = {}
        self._pending: set[int] = set()
        self.generation = 0  # of the query shown: a worker's result for an older one is dropped
        self.loaded = False  # the first page of the current query is in
        self._time_left: tuple[ListSource, TimeLeft] | None = None

    @property
    def time_left(self) -> TimeLeft:
        """How time left is said, on the store's calendar (re-read when it changes)."""
        source = self.store.source
        if self._time_left is None or self._time_left[0] is not source:
            self._time_left = (source, TimeLeft(source.as_of, source.cal))
        return self._time_left[1]

    # ------------------------------------------------------------ data --
    def set_query(self, query: ListQuery, keep_id: int | None = None, keep_index: int | None = None) -> None:
        """Show `query`; keep the cursor on keep_id (or at keep_index)."""
        self.query_ = query
        self.reload(keep_id=keep_id, keep_index=keep_index)

    def reload(self, keep_id: int | None = None, keep_index: int | None = None) -> None:
        """Read the list again (after a change), keeping the cursor."""
        self.generation += 1
        self._pending.clear()
        self.loaded = False
        self.store.interrupt_reads()
        self._load(self.generation, self.query_, keep_id, keep_index)

    @work(thread=True, group="ledger-load", exclusive=True)
    def _load(self, generation: int, query: ListQuery, keep_id: int | None, keep_index: int | None) -> None:
        try:
            self._load_now(generation, query, keep_id, keep_index)
        except sqlite3.OperationalError as e:
            if "interrupted" in str(e):
                return  # a newer query took over: nothing to show from this one
            # Busy (another clerk's long write): try again shortly, never crash.
            self.app.call_from_thread(self.set_timer, 0.5, lambda: self.reload(keep_id, keep_index))

    def _load_now(self, generation: int, query: ListQuery, keep_id: int | None, keep_index: int | None) -> None:
        if generation != self.generation:
            return
        source = self.store.source
        if keep_id is None and not keep_index:  # a new view, filter or search: its top
            total, rows = self.store.call(source.first_page, query, PAGE)
            self.app.call_from_thread(self._loaded, generation, total, 0, {0: rows})
            return
        total = self.store.call(source.count, query)
        index = 0
        if keep_id is not None:
            pos = self.store.call(source.position, query, keep_id, total)
            index = pos if pos is not None else (keep_index or 0)
        elif keep_index is not None:
            index = keep_index
        index = max(0, min(index, total - 1)) if total else 0
        first = index // PAGE
        pages = {first: self.store.call(source.page, query, first * PAGE, PAGE)}
        self.app.call_from_thread(self._loaded, generation, total, index, pages)

    def _loaded(self, generation: int, total: int, index: int, pages: dict[int, list[Row]]) -> None:
        if generation != self.generation:
            return
        self.total = total
        self._pages = pages
        self.loaded = True
        self.virtual_size = Size(self.size.width, total + 1)
        self.set_reactive(ItemList.cursor, index)
        self._scroll_to_cursor(center=True)
        self.refresh()
        self._announce()
        self.post_message(self.Loaded())

    @work(thread=True, group="ledger-page")
    def _fetch(self, generation: int, query: ListQuery, page: int) -> None:
        try:
            rows = self.store.call(self.store.source.page, query, page * PAGE, PAGE)
        except sqlite3.OperationalError:  # interrupted or busy: asked again when next drawn
            rows = None
        self.app.call_from_thread(self._fetched, generation, page, rows)

    def _fetched(self, generation: int, page: int, rows: list[Row] | None) -> None:
        self._pending.discard(page)
        if generation != self.generation or rows is None:
            return
        self._pages[page] = rows
        if len(self._pages) > MAX_PAGES:
            here = self.cursor // PAGE
            for p in sorted(self._pages, key=lambda p: -abs(p - here))[: len(self._pages) - MAX_PAGES]:
                del self._pages[p]
        self.refresh()
        if page == self.cursor // PAGE:
            self._announce()

    def row_at(self, index: int) -> Row | None:
        """The row at `index` if its page is loaded; otherwise asks for it."""
        if not 0 <= index < self.total:
            return None
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._pending:
                self._pending.add(page)
                self._fetch(self.generation, self.query_, page)
            return None
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> Row | None:
        return self.row_at(self.cursor)

    def _announce(self) -> None:
        self.post_message(self.Moved(self.current, self.cursor, self.total))

    # ------------------------------------------------------------ moving --
    def _body_height(self) -> int:
        return max(1, self.size.height - 1)

    def _scroll_to_cursor(self, center: bool = False) -> None:
        top = round(self.scroll_y)
        h = self._body_height()
        if center and not (top <= self.cursor < top + h):
            self.scroll_to(y=max(0, self.cursor - h // 2), animate=False)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + h:
            self.scroll_to(y=self.cursor - h + 1, animate=False)

    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self._announce()
        # Read ahead: the pages around the cursor are fetched before they are
        # needed, so paging on rarely waits for SQLite.
        for neighbour in (new - PAGE, new + PAGE):
            self.row_at(neighbour)

    def action_cursor(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + direction * self._body_height()))

    def action_jump(self, where: int) -> None:
        if self.total:
            self.cursor = self.total - 1 if where < 0 else 0

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))

    def on_click(self, event: Click) -> None:
        index = round(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= index < self.total:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total + 1)
        self._scroll_to_cursor()

    # ------------------------------------------------------------ drawing --
    def _layout(self, width: int) -> list[tuple[Column, int]]:
        """Columns and widths for `width` cells: the title takes what is left;
        on a narrow terminal the owner, status and kind go first, then the
        ref column narrows."""
        left = LEFT_WIDTH.get(self.lang, LEFT_WIDTH["zh"])
        cols = [replace(c, width=left) if c.key == "left" else c for c in COLUMNS]
        fixed = lambda cs: sum(c.width for c in cs) + len(cs)  # noqa: E731 (one space between)
        for drop in NARROW_DROP:
            if width - fixed(cols) >= 24:
                break
            cols = [c for c in cols if c.key != drop]
        ref_width = 22 if width - fixed(cols) >= 24 else 14
        cols = [replace(c, width=ref_width) if c.key == "ref_no" else c for c in cols]
        rest = max(10, width - fixed(cols))
        return [(c, c.width or rest) for c in cols]

    def _cells(self, row: Row) -> dict[str, str]:
        """The row's cells as shown: clerk text without terminal control, time
        left said the one way (TimeLeft), a done item's closing date or how
        late it was closed."""
        en = self.lang == "en"
        if row.light:
            left = self.time_left.say(self.lang, row.due_on)
        elif row.status == "done" and late_days(row.closed_on, row.due_on):
            left = t(self.lang, "ui_closed_late", n=late_days(row.closed_on, row.due_on))
        else:
            left = row.closed_on or ""
        return {
            "light": "●" if row.light else ("!" if self._late(row) else "·"),
            "ref_no": safe(row.ref_no),
            "title": safe(row.title),
            "kind": safe(row.kind_en if en else row.kind_zh),
            "unit": safe(row.unit),
            "owner": safe(row.owner),
            "due_on": (row.due_on or "") + ("*" if row.provisional else ""),
            "left": left,
            "status": label(self.lang, row.status),
        }

    @staticmethod
    def _late(row: Row) -> bool:
        return row.status == "done" and late_days(row.closed_on, row.due_on) > 0

    def _fg(self, component: str) -> Style:
        """Only the colour and weight of a component style (the row keeps its
        own background, so the cursor bar stays whole)."""
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold)

    def _line(self, texts: list[tuple[str, Style]], width: int, base: Style) -> Strip:
        segments = [Segment(text, base + style) for text, style in texts]
        return Strip(segments).adjust_cell_length(width, base)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        layout = self._layout(width)
        header = self.get_component_rich_style("list--header")
        if y == 0:
            texts = []
            for c, w in layout:
                name = "closed" if c.key == "left" and self.query_.view == "done" else c.key
                title = label(self.lang, f"col_{name}") if c.key != "light" else ""
                texts.append((pad(clip(title, w), w, c.right) + " ", Style()))
            return self._line(texts, width, header)
        index = round(self.scroll_y) + y - 1
        base = self.rich_style
        if index >= self.total:
            if index == 0 and self.loaded:
                empty = t(self.lang, "ui_list_empty")
                return self._line([("  " + empty, self.get_component_rich_style("list--dim"))], width, base)
            return Strip.blank(width, base)
        row = self.row_at(index)
        if index == self.cursor:
            base = base + self.get_component_rich_style("list--cursor")
        if row is None:
            return self._line([("  …", self.get_component_rich_style("list--dim"))], width, base)
        cells = self._cells(row)
        late = self._late(row)
        light_style = self._fg(f"list--{row.light}" if row.light else ("list--red" if late else "list--closed"))
        closed_style = self._fg("list--closed")
        texts = []
        for c, w in layout:
            text = pad((clip_middle if c.key == "ref_no" else clip)(cells[c.key], w), w, c.right) + " "
            style = Style()
            if c.key in ("light", "left") and (row.light or late) or (c.key == "due_on" and row.light == "red"):
                style = light_style
            elif row.status != "open":
                style = closed_style
            texts.append((text, style))
        return self._line(texts, width, base)


def late_days(closed_on: str | None, due_on: str | None) -> int:
    """Calendar days an item was closed after its due date (0: on time)."""
    if not closed_on or not due_on:
        return 0
    return max(0, (dt.date.fromisoformat(closed_on) - dt.date.fromisoformat(due_on)).days)
