"""Legal cases in the UI: a case's hearings, outcome and chain on its page;
forms for a hearing, attendance and the outcome; the coming hearings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Label, Select, Static

from tracker import legal
from tracker.errors import UserError
from tracker.i18n import field, label, t
from tracker.text import safe
from tracker.tui import Localized
from tracker.tui.dialogs import Form

# On a case's page (ItemScreen): add a hearing, record who appeared, the outcome.
CASE_BINDINGS = [
    Binding("H", "legal_hearing", "庭审", show=False, tooltip="安排庭审 Add a hearing"),
    Binding("A", "legal_attend", "出庭", show=False, tooltip="记录出庭 Record who appeared"),
    Binding("O", "legal_outcome", "结果", show=False, tooltip="记录结果 Record the outcome"),
]
# On the ledger (HomeScreen): the coming hearings.
HOME_BINDINGS = [Binding("h", "legal_hearings", "近期庭审", show=False, tooltip="近期庭审 Coming hearings")]


def _type_label(lang: str, type_: str) -> str:
    return label(lang, f"legal_{type_}")


def case_panel(view: dict, kind: str, lang: str) -> Table | None:
    """A case's hearings, outcome and linked items (an item's case) as a grid."""
    if not (view["hearings"] or view["outcome"] or view["linked"] or view["case"]):
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    if view["case"]:
        c = view["case"]
        grid.add_row(field(lang, "legal_case"), Text(f"#{c['id']} {safe(c['ref_no'])} {safe(c['title'])}"))
    for h in view["hearings"]:
        when = f"{h['date']} {h['time']}" if h["time"] else h["date"]
        line = Text(f"#{h['hearing_id']} {when} {_type_label(lang, h['type'])}")
        if h["place"]:
            line.append(f"  {safe(h['place'])}")
        if h["attended"]:
            line.append(f"  {field(lang, 'legal_attended')}: {safe(h['attended'])}", style="green")
        if h["head"]:
            line.append(f"  {field(lang, 'legal_head')}: {safe(h['head'])}", style="bold green")
        grid.add_row(field(lang, "legal_hearing_list"), line)
    o = view["outcome"]
    if o:
        line = Text(f"{legal.outcome_label(o['word'], kind, lang)}  {o['decided_on']}")
        if o["lost"]:
            line.append(f"  {label(lang, 'legal_lost')}", style="bold red")
        if o["note"]:
            line.append(f"  {safe(o['note'])}")
        grid.add_row(field(lang, "legal_outcome"), line)
    for li in view["linked"]:
        grid.add_row(
            field(lang, "legal_linked"),
            Text(f"#{li['id']} {safe(li['title'])}  {li['due_on']}  {label(lang, li['status'])}"),
        )
    return grid


def show_case(screen, item: dict) -> None:
    """On an item's page: its case lines (mounted once above the history)."""
    store = screen.app.store
    view = store.call(legal.case_view, store.conn, item["id"])
    screen.case_view = view
    panel = case_panel(view, item["kind"], screen.app.lang)
    found = screen.query("#legal-case")
    if panel is None:
        found.remove()  # nothing of a case: the page as it was
        return
    if found:
        found.first(Static).update(panel)
    else:
        screen.query_one("#item-body").mount(Static(panel, id="legal-case"), before="#history")


class CaseActions:
    """The legal-case keys of an item's page (ItemScreen)."""

    case_view: dict | None = None

    def _case(self) -> dict | None:
        item = self.item_for_action()  # type: ignore[attr-defined]
        if item is None or item["kind"] not in legal.CASE_KINDS:
            self.app.bell()  # type: ignore[attr-defined]
            if item is not None:
                self.app.notify(  # type: ignore[attr-defined]
                    t(self.app.lang, "legal_not_a_case", id=item["id"], kind=item["kind"]),  # type: ignore[attr-defined]
                    severity="warning",
                )
            return None
        return item

    def _open(self, form) -> None:
        self.app.push_screen(form, lambda saved: saved and self._saved())  # type: ignore[attr-defined]

    def action_legal_hearing(self) -> None:
        item = self._case()
        if item:
            self._open(HearingForm(self.app.store, self.app.lang, item))  # type: ignore[attr-defined]

    def action_legal_attend(self) -> None:
        item = self._case()
        if not item:
            return
        app = self.app  # type: ignore[attr-defined]
        held = [h for h in (self.case_view or {}).get("hearings", []) if h["date"] <= app.as_of.isoformat()]
        if not held:
            app.bell()
            app.notify(t(app.lang, "legal_tui_no_held"), severity="warning")
            return
        unrecorded = [h for h in held if not h["attended"]]
        self._open(AttendanceForm(app.store, app.lang, (unrecorded or held)[-1], app.as_of))

    def action_legal_outcome(self) -> None:
        item = self._case()
        if item:
            self._open(OutcomeForm(self.app.store, self.app.lang, item, self.app.as_of))  # type: ignore[attr-defined]


class HearingForm(Form):
    """A hearing of a case: date, time, place, type."""

    def __init__(self, store, lang: str, item: dict):
        super().__init__(store, lang)
        self.item = item
        self.TITLE_ZH = t("zh", "legal_tui_hearing_title", id=item["id"])
        self.TITLE_EN = t("en", "legal_tui_hearing_title", id=item["id"])

    def on_mount(self) -> None:
        self.query_one("#h-date", Input).focus()

    def fields(self) -> ComposeResult:
        lang = self.lang
        yield from self.field(field(lang, "legal_date"), field("en", "legal_date"), "h-date", "", "2026-04-10")
        yield from self.field(field(lang, "legal_time"), field("en", "legal_time"), "h-time", "", "09:30")
        yield from self.field(field(lang, "legal_place"), field("en", "legal_place"), "h-place", "", wide=True)
        yield Label(field(lang, "legal_type"), classes="field-label")
        default = "hearing" if self.item["kind"] == "review" else "trial"
        yield Select(
            [(_type_label(lang, x), x) for x in legal.HEARING_TYPES],
            value=default,
            allow_blank=False,
            id="h-type",
            compact=True,
        )

    def prepare(self):
        day = self.date("h-date")
        if day is None:
            raise UserError("legal_tui_need_date")
        time_ = legal.parse_time(self.value("h-time"))
        place = self.value("h-place")
        type_ = str(self.query_one("#h-type", Select).value)
        item_id, version = self.item["id"], self.item["version"]
        return lambda: legal.add_hearing(self.store.ledger, item_id, day, time_, place, type_, version)


class AttendanceForm(Form):
    """Who appeared for the bureau at a hearing; the head if in person."""

    def __init__(self, store, lang: str, hearing: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.hearing = hearing
        self.as_of = as_of
        self.TITLE_ZH = t("zh", "legal_tui_attend_title", id=hearing["hearing_id"], date=hearing["date"])
        self.TITLE_EN = t("en", "legal_tui_attend_title", id=hearing["hearing_id"], date=hearing["date"])

    def on_mount(self) -> None:
        self.query_one("#a-names", Input).focus()

    def fields(self) -> ComposeResult:
        h, lang = self.hearing, self.lang
        yield from self.field(
            field(lang, "legal_attended"), field("en", "legal_attended"), "a-names", h["attended"] or "", wide=True
        )
        yield from self.field(field(lang, "legal_head"), field("en", "legal_head"), "a-head", h["head"] or "")

    def prepare(self):
        names, head = self.value("a-names"), self.value("a-head")
        if not names.strip():
            raise UserError("legal_need_attended")
        hid, as_of = self.hearing["hearing_id"], self.as_of
        return lambda: legal.record_attendance(self.store.ledger, hid, names, head, as_of)


class OutcomeForm(Form):
    """The review decision or the court's judgment or ruling of a case."""

    def __init__(self, store, lang: str, item: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.item = item
        self.as_of = as_of
        self.TITLE_ZH = t("zh", "legal_tui_outcome_title", id=item["id"])
        self.TITLE_EN = t("en", "legal_tui_outcome_title", id=item["id"])

    def fields(self) -> ComposeResult:
        lang, kind = self.lang, self.item["kind"]
        yield Label(field(lang, "legal_outcome"), classes="field-label")
        yield Select(
            [(legal.outcome_label(w, kind, lang), w) for w in legal.OUTCOMES[kind]],
            id="o-word",
            compact=True,
            allow_blank=False,
        )
        yield from self.field(
            field(lang, "legal_date"), field("en", "legal_date"), "o-on", self.as_of.isoformat(), "2026-04-10"
        )
        if kind == "litigation":
            yield Label("", classes="field-label")
            yield Checkbox(t(lang, "legal_tui_ruling"), id="o-ruling", compact=True)
        else:
            yield from self.field(t(lang, "legal_tui_due"), t("en", "legal_tui_due"), "o-due", "", "2026-06-30")
        yield from self.field(t(lang, "legal_tui_note"), t("en", "legal_tui_note"), "o-note", "", wide=True)

    def prepare(self):
        word = str(self.query_one("#o-word", Select).value)
        on = self.date("o-on") or self.as_of
        kind = self.item["kind"]
        ruling = kind == "litigation" and self.query_one("#o-ruling", Checkbox).value
        due = self.date("o-due") if kind == "review" else None
        note = self.value("o-note")
        item_id = self.item["id"]
        return lambda: legal.record_outcome(self.store.ledger, item_id, word, on, ruling, note, due)


class HearingsScreen(Localized, Screen):
    """The coming hearings (from the as-of day), whatever their case's
    status; Enter opens the case, A records who appeared."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "返回"),
        Binding("enter", "open", "查看案件"),
        Binding("A", "attend", "出庭", show=False),
    ]

    @property
    def tapp(self) -> Any:
        """The TrackerApp (store, lang, as_of)."""
        return self.app

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with VerticalScroll():
            yield DataTable(id="hearings", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        lang = self.tapp.lang
        self.query_one("#title-bar", Static).update(
            Text(f" {t(lang, 'legal_tui_coming', as_of=self.tapp.as_of.isoformat())} ", style="bold reverse")
        )
        table = self.query_one("#hearings", DataTable)
        keys = ("date", "time", "type", "ref_no", "title", "place", "attended", "head")
        table.add_columns(*(field(lang, k) if k in ("ref_no", "title") else field(lang, f"legal_{k}") for k in keys))
        self.load()

    def load(self) -> None:
        store, lang = self.tapp.store, self.tapp.lang
        self.rows = store.call(legal.list_hearings, store.conn, self.tapp.as_of, None)
        table = self.query_one("#hearings", DataTable)
        table.clear()
        for h in self.rows:
            table.add_row(
                h.date,
                h.time or "",
                _type_label(lang, h.type),
                Text(safe(h.ref_no)),
                Text(safe(h.title)),
                Text(safe(h.place or "")),
                Text(safe(h.attended or "")),
                Text(safe(h.head or "")),
            )
        if not self.rows:
            self.tapp.notify(t(lang, "legal_no_hearings"), timeout=3)

    def reload(self) -> None:
        self.load()

    def _current(self):
        table = self.query_one("#hearings", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            self.tapp.bell()
            return None
        return self.rows[table.cursor_row]

    def action_open(self) -> None:
        h = self._current()
        if h is not None:
            from tracker.tui.screens import ItemScreen

            self.tapp.push_screen(ItemScreen(h.item_id), lambda _: self.reload())

    def action_attend(self) -> None:
        h = self._current()
        if h is not None:
            form = AttendanceForm(self.tapp.store, self.tapp.lang, h._asdict(), self.tapp.as_of)
            self.tapp.push_screen(form, lambda saved: self.reload() if saved else None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()
