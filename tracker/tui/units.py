"""The units in the terminal UI: the awaiting-review view (待销号: close an
item the lead unit reported done, or return it with a reason), and on the
campaign screen each campaign's figures and the units that have not
reported for the last period.

The view hooks into the ledger through screens.EXTRA_SCREENS (key v, and
the command palette); CampaignsScreen calls campaign_extras and
campaign_lines. Every word is in the catalogue (tracker.i18n.units)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import active_app, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable, Footer, Input, Static

from tracker.errors import UserError
from tracker.i18n import L, label, t
from tracker.queries import light
from tracker.text import cell_width, one_line
from tracker.timeleft import TimeLeft
from tracker.tui import LIGHT_STYLE, Localized, key, table_keys
from tracker.tui.dialogs import Form
from tracker.tui.screens import (
    EXTRA_ITEM_PANELS,
    EXTRA_SCREENS,
    ExtraItemPanel,
    ExtraScreen,
    ItemScreen,
    TrackerScreen,
)
from tracker.tui.store import Store, explain_db_error

if TYPE_CHECKING:
    import datetime as dt

    from tracker.tui.app import TrackerApp

UNIT_WIDTH = 12  # cells of a unit's name at most (longer ones end in …)
MIN_TITLE_WIDTH = 12  # the title column at its narrowest (then the table scrolls)
TITLE = 2  # the title's column
SCROLLBAR = 2
CADENCES = ("daily", "weekly", "monthly")


class ReasonDialog(Form):
    """Return an item to its lead unit to redo (退回重办): the reason, and
    if need be a new due date. Enter or Ctrl+S saves, Escape cancels."""

    def __init__(self, store: Store, lang: str, row: tuple, as_of: dt.date):
        super().__init__(store, lang)
        self.item_id, self.item_title, self.unit = row[0], row[3], row[4]
        self.as_of = as_of
        self.returned_to: str | None = None

    def title_text(self) -> str:
        return self.tr(
            "units_tui_return_title", id=self.item_id, unit=one_line(self.unit), title=one_line(self.item_title)
        )

    def fields(self) -> ComposeResult:
        yield from self.field("units_reason", "reason", wide=True)
        yield from self.field("units_new_due", "due", "", self.tr("units_tui_due_placeholder"), wide=True)

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def prepare(self) -> Callable[[], object]:
        from tracker.units import return_item

        reason = self.value("reason").strip()
        if not reason:
            raise UserError("empty_text", what=L("units_w_return_reason"))
        due = self.date("due")
        ledger, item_id = self.store.ledger, self.item_id

        def apply() -> None:
            self.returned_to = return_item(ledger, item_id, reason, due)

        return apply


class AwaitingTable(Localized, DataTable[Any]):
    """The items awaiting review, a row each, keys labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return table_keys(lang, "open")


class AwaitingScreen(TrackerScreen):
    """Items whose lead unit reported done, waiting for the office (待销号),
    by due date: Enter opens one, d closes it (done today), R returns it
    with a reason."""

    def __new__(cls, *args: Any, **kwargs: Any) -> AwaitingScreen:
        # Made without a language (ExtraScreen.make() called as is): the
        # class whose key labels are in the running app's language.
        if cls.__dict__.get("_lang") is None:
            cls = cls.in_lang(cast("TrackerApp", active_app.get()).lang)
        return super().__new__(cls)

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            *super().bindings(lang),
            key(lang, "escape,q", "back", "back"),
            key(lang, "d", "close_item", "units_close"),
            key(lang, "R", "return_item", "units_return"),
        ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple] = []
        self._busy = False
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield AwaitingTable.in_lang(self.app.lang)(id="awaiting", cursor_type="row", zebra_stripes=True)
        yield Static("", id="awaiting-empty", classes="hint")
        yield Footer(compact=True)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#awaiting", DataTable)

    def on_mount(self) -> None:
        self._title()
        self.query_one("#awaiting-empty", Static).display = False
        self.table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        """Back from an item's page (the clerk may have acted on it there)."""
        if self.is_mounted:
            self.load()

    def action_back(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        from tracker.units import awaiting_review_rows

        store = self.app.store
        rows = store.call(awaiting_review_rows, store.conn)
        self.app.call_from_thread(self._show, rows)

    def _title(self) -> None:
        n = len(self.rows)
        self.query_one("#title-bar", Static).update(Text(f" {self.tr('units_tui_title', n=n)} ", style="bold reverse"))

    def on_resize(self, event: Resize) -> None:
        if self.rows and event.size.width != self._width:
            self._show(self.rows)  # the title column takes the new width

    def _show(self, rows: list[tuple]) -> None:
        """The rows, the cursor kept on the same item (or where it was); the
        title column takes what the others leave of the screen's width."""
        table = self.table
        current, index = self._current(), table.cursor_row
        self.rows = rows
        self._title()
        lang, source, as_of = self.app.lang, self.app.store.source, self.app.as_of
        says = TimeLeft(as_of, source.cal)
        cells: list[list[Text]] = []
        for id_, _ref, _kind, title, unit, _owner, due, prov, reported in rows:
            lt = light({"status": "open", "due_on": due}, as_of, source.cal, source.soon)
            unit_text = Text(one_line(unit))
            unit_text.truncate(UNIT_WIDTH, overflow="ellipsis")
            cells.append(
                [
                    Text(str(id_)),
                    unit_text,
                    Text(one_line(title)),
                    Text(reported or ""),
                    Text((due or "") + ("*" if prov else "")),
                    Text(says.say(lang, due), style=LIGHT_STYLE.get(lt or "", "")),
                ]
            )
        heads = [
            label(lang, "sort_id"),
            label(lang, "col_unit"),
            label(lang, "col_title"),
            self.tr("units_tui_reported_on"),
            label(lang, "col_due_on"),
            label(lang, "col_left"),
        ]
        widths = [max([cell_width(h), *(c[n].cell_len for c in cells)]) for n, h in enumerate(heads)]
        self._width = self.size.width
        others = sum(w + 2 for n, w in enumerate(widths) if n != TITLE)  # a cell's padding: 1 each side
        title_width = max(MIN_TITLE_WIDTH, (self._width or 80) - others - 2 - SCROLLBAR)
        table.clear(columns=True)
        for n, (head, key_) in enumerate(zip(heads, ("id", "unit", "title", "reported", "due", "left"), strict=True)):
            table.add_column(head, key=key_, width=title_width if n == TITLE else None)
        for c, row in zip(cells, rows, strict=True):
            c[TITLE].truncate(title_width, overflow="ellipsis")
            table.add_row(*c, key=str(row[0]))
        empty = self.query_one("#awaiting-empty", Static)
        empty.display = not rows
        empty.update(self.tr("units_tui_none") if not rows else "")
        if rows:
            ids = [r[0] for r in rows]
            table.move_cursor(row=ids.index(current) if current in ids else min(index, len(rows) - 1))

    def _current(self) -> int | None:
        table = self.table
        if not self.rows or table.cursor_row is None or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row][0]

    def _current_row(self) -> tuple | None:
        item_id = self._current()
        return next((r for r in self.rows if r[0] == item_id), None) if item_id is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        item_id = self._current()
        if item_id is None:
            self.app.bell()
            return
        self.app.push_screen(ItemScreen.in_lang(self.app.lang)(item_id))

    # ------------------------------------------------------------ actions --
    def action_close_item(self) -> None:
        """销号: the item is done today (the lead unit's report reviewed)."""
        item_id = self._current()
        if item_id is None or self._busy:
            self.app.bell()
            return
        self._busy = True
        self._close_done(item_id)

    @work(thread=True, exit_on_error=False)
    def _close_done(self, item_id: int) -> None:
        store, lang = self.app.store, self.app.lang
        error: str | None = None
        try:
            store.write(store.ledger.done, item_id, self.app.as_of)
        except UserError as e:
            error = e.message(lang)
        except sqlite3.Error as e:
            error = explain_db_error(e, store.path, lang)
        self.app.call_from_thread(self._after_close, item_id, error)

    def _after_close(self, item_id: int, error: str | None) -> None:
        self._busy = False
        if error:
            self.app.notify(error, severity="error", timeout=6)
        else:
            self.app.notify(self.tr("units_tui_closed", id=item_id), timeout=3)
        self.app.changed()  # the ledger's list and counts, and this view

    def action_return_item(self) -> None:
        """退回重办: the reason (and a new due date if need be) in a form."""
        row = self._current_row()
        if row is None:
            self.app.bell()
            return
        app = self.app
        form = ReasonDialog.in_lang(app.lang)(app.store, app.lang, row, app.as_of)

        def returned(saved: bool | None) -> None:
            if saved:
                app.notify(self.tr("units_returned", id=row[0], unit=one_line(form.returned_to or row[4])), timeout=3)
                app.changed()

        app.push_screen(form, returned)


EXTRA_SCREENS.append(ExtraScreen("units_awaiting", "v", AwaitingScreen))


def shares_panel(conn: sqlite3.Connection, item: dict, lang: str) -> Text | None:
    """The item page's panel of the units' shares (as `tracker show` lists
    them): each lead and assisting unit with its role and state, returns,
    and the item's reporting cadence."""
    from tracker.units import item_cadence, share_lines, shares_of

    lines = share_lines(shares_of(conn, item["id"]), lang, item_cadence(conn, item["id"]))
    return Text("\n".join(lines[1:])) if lines else None


EXTRA_ITEM_PANELS.append(ExtraItemPanel("units_shares", shares_panel))


# ------------------------------------------------------------ campaigns --
def campaign_extras(store: Store, rows: list[dict], as_of: dt.date) -> None:
    """For CampaignsScreen.load (in its worker): each campaign row gets its
    figures and the units that have not reported for the last period."""
    from tracker.ledger import pinyin_rank
    from tracker.units import campaign_figures, missing_reports

    missing = store.call(missing_reports, store.conn, as_of, store.source.cal)
    rank = store.call(pinyin_rank, store.conn)
    by_campaign: dict[str, list[dict]] = {}
    for m in missing:
        if m["campaign"]:
            by_campaign.setdefault(m["campaign"], []).append(m)
    for r in rows:
        if r.get("cadence") in CADENCES:  # the head shows it: in words (每周一报), not the stored id
            r["cadence"] = t(store.lang, f"units_cadence_{r['cadence']}")
        r["figures"] = store.call(campaign_figures, store.conn, r["id"])
        late = by_campaign.get(r["name"], [])
        units = sorted((m["unit"] for m in late), key=rank)
        r["unreported"] = {"period_end": late[0]["period_end"] if late else None, "units": units}


def campaign_lines(r: dict, lang: str) -> list[Text]:
    """For CampaignsScreen._show: the figures (total / target, progress, the
    top units) and who has not reported for the last period."""
    out: list[Text] = []
    for f in r.get("figures", []):
        line = Text(t(lang, "units_tui_figure", name=one_line(f["name"]), total=f["total"]))
        if f["target"]:
            pct = 100 * f["total"] / f["target"]
            line.append(
                t(lang, "units_tui_figure_target", target=f["target"], pct=f"{pct:.0f}"),
                style="green" if pct >= 100 else "yellow",
            )
        top = sorted(f["by_unit"].items(), key=lambda kv: -kv[1])[:4]
        if top:
            line.append(
                "  " + "  ".join(t(lang, "units_tui_figure_unit", unit=one_line(u), n=n) for u, n in top), style="dim"
            )
        out.append(line)
    late = r.get("unreported") or {}
    if late.get("units"):
        names = t(lang, "ui_list_sep").join(one_line(u) for u in late["units"])  # by pinyin (campaign_extras)
        out.append(Text(t(lang, "units_unreported", period_end=late["period_end"], units=names), style="red"))
    return out
