"""The units in the terminal UI: the awaiting-review view (待销号: close an
item the lead unit reported done, or return it with a reason), and on the
campaign screen each campaign's figures and the units that have not
reported for the last period. Hooked into HomeScreen (key v) and
CampaignsScreen by a line each."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Input, Static

from tracker.errors import UserError
from tracker.i18n import t
from tracker.text import one_line

# (zh, en) of this module's key labels (the footer shows them).
_KEYS = {
    "返回": "Back",
    "查看": "Open",
    "销号": "Close (done)",
    "退回重办": "Return",
    "取消": "Cancel",
}


def _localize(node, lang: str) -> None:
    if lang != "en":
        return
    from dataclasses import replace

    kb = node._bindings.key_to_bindings
    node._bindings.key_to_bindings = {
        key: [replace(b, description=_KEYS.get(b.description, b.description)) for b in bindings]
        for key, bindings in kb.items()
    }


def _tr(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


class ReasonDialog(ModalScreen[str | None]):
    """Asks for the reason of a return (退回理由); Enter saves, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "取消")]
    DEFAULT_CSS = """
    ReasonDialog { align: center middle; }
    ReasonDialog #reason-box { width: 64; height: auto; border: round $accent; background: $panel; padding: 1 2; }
    ReasonDialog #reason-error { color: $error; }
    """

    def __init__(self, item_id: int, lang: str):
        super().__init__()
        self.item_id, self.lang = item_id, lang
        _localize(self, lang)

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(
                _tr(self.lang, f"退回事项 {self.item_id} 重办，理由：", f"Return item {self.item_id}; reason:")
            )
            yield Input(id="reason")
            yield Static("", id="reason-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#reason-error", Static).update(
                t(self.lang, "empty_text", what=_tr(self.lang, "理由", "reason"))
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AwaitingScreen(Screen):
    """Items whose lead unit reported done, waiting for the office (待销号):
    Enter opens one, d closes it (done today), R returns it with a reason."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "返回"),
        Binding("enter", "open", "查看"),
        Binding("d", "close_item", "销号"),
        Binding("R", "return_item", "退回重办"),
    ]

    def __init__(self):
        super().__init__()
        self.rows: list[tuple] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield DataTable(id="awaiting", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "zh")

    def on_mount(self) -> None:
        _localize(self, self.lang)
        table = self.query_one(DataTable)
        for key in ("units_h_id", "units_h_unit", "units_h_text", "units_h_on"):
            table.add_column(t(self.lang, key), key=key)
        table.add_column(_tr(self.lang, "办结时限", "due"), key="due")
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from tracker.units import awaiting_review_rows

        store = self.app.store  # type: ignore[attr-defined]
        rows = store.call(awaiting_review_rows, store.conn)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[tuple]) -> None:
        self.rows = rows
        title = t(self.lang, "units_awaiting_title") + f"（{len(rows)}）"
        self.query_one("#title-bar", Static).update(Text(f" {title} ", style="bold reverse"))
        table = self.query_one(DataTable)
        table.clear()
        for id_, _ref, _kind, item_title, unit, _owner, due, _prov, reported in rows:
            table.add_row(str(id_), one_line(unit), one_line(item_title), reported or "", due, key=str(id_))

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row][0]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from tracker.tui.screens import ItemScreen

        item_id = self._current()
        if item_id is not None:
            self.app.push_screen(ItemScreen(item_id), self._reload)

    def _reload(self, _result=None) -> None:
        self.load()

    def _write(self, fn, *args, done_key: tuple[str, str]) -> None:
        store = self.app.store  # type: ignore[attr-defined]
        try:
            store.write(fn, *args)
        except UserError as e:
            self.app.notify(e.message(self.lang), severity="error", timeout=6)
            return
        self.app.notify(_tr(self.lang, *done_key), timeout=3)
        self.load()

    def action_close_item(self) -> None:
        item_id = self._current()
        if item_id is None:
            return
        store = self.app.store  # type: ignore[attr-defined]
        self._write(
            store.ledger.done,
            item_id,
            self.app.as_of,  # type: ignore[attr-defined]
            done_key=(f"事项 {item_id} 已办结销号", f"Item {item_id} closed"),
        )

    def action_return_item(self) -> None:
        from tracker.units import return_item

        item_id = self._current()
        if item_id is None:
            return
        store = self.app.store  # type: ignore[attr-defined]

        def returned(reason: str | None) -> None:
            if reason:
                self._write(
                    return_item,
                    store.ledger,
                    item_id,
                    reason,
                    done_key=(f"事项 {item_id} 已退回重办", f"Item {item_id} returned"),
                )

        self.app.push_screen(ReasonDialog(item_id, self.lang), returned)


# ------------------------------------------------------------ campaigns --
def campaign_extras(store, rows: list[dict], as_of) -> None:
    """For CampaignsScreen.load (in its worker): each campaign row gets its
    figures and the units that have not reported for the last period."""
    from tracker.calendar import WorkCalendar
    from tracker.units import campaign_figures, missing_reports

    cal = store.call(WorkCalendar.from_db, store.conn)
    missing = store.call(missing_reports, store.conn, as_of, cal)
    by_campaign: dict[str, list[dict]] = {}
    for m in missing:
        if m["campaign"]:
            by_campaign.setdefault(m["campaign"], []).append(m)
    for r in rows:
        r["figures"] = store.call(campaign_figures, store.conn, r["id"])
        late = by_campaign.get(r["name"], [])
        r["unreported"] = {"period_end": late[0]["period_end"] if late else None, "units": [m["unit"] for m in late]}


def campaign_lines(r: dict, lang: str) -> list[Text]:
    """For CampaignsScreen._show: the figures (total / target, progress, the
    top units) and who has not reported for the last period."""
    from tracker.text import by_pinyin

    out: list[Text] = []
    for f in r.get("figures", []):
        line = Text(f"{one_line(f['name'])} {f['total']}")
        if f["target"]:
            pct = 100 * f["total"] / f["target"]
            line.append(f" / {f['target']} ({pct:.0f}%)", style="green" if pct >= 100 else "yellow")
        top = sorted(f["by_unit"].items(), key=lambda kv: -kv[1])[:4]
        if top:
            line.append("  " + "  ".join(f"{one_line(u)} {n}" for u, n in top), style="dim")
        out.append(line)
    late = r.get("unreported") or {}
    if late.get("units"):
        names = "、".join(one_line(u) for u in by_pinyin(late["units"]))
        out.append(Text(t(lang, "units_unreported", period_end=late["period_end"], units=names), style="red"))
    return out
