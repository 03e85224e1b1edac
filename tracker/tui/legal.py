"""Legal cases in the UI, hooked in through tracker.tui.screens (app.py
imports this module when it exists):

- a case panel on the item page (EXTRA_ITEM_PANELS): a case's hearings,
  outcome and follow-up items; a follow-up item's case;
- three actions on a case (EXTRA_ITEM_ACTIONS), by key and from the
  command palette: H a hearing, A who appeared, O the outcome; on an item
  that is not a case they are refused at once;
- the coming hearings (EXTRA_SCREENS), h on the ledger: Enter opens the
  case, A records who appeared.

Every word is in the catalogue (tracker.i18n.legal)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, DataTable, Footer, Input, Label, Select, Static

from tracker import legal
from tracker.errors import UserError
from tracker.i18n import L, field, label, t
from tracker.text import cell_width, clip, clip_middle, safe
from tracker.tui import Localized, Page, key, table_keys
from tracker.tui.dialogs import HEARING_DAYS, PLACEHOLDER_DAYS, Form
from tracker.tui.screens import (
    EXTRA_ITEM_ACTIONS,
    EXTRA_ITEM_PANELS,
    EXTRA_SCREENS,
    ActionScreen,
    ExtraItemAction,
    ExtraItemPanel,
    ExtraScreen,
    ItemScreen,
    TrackerScreen,
)
from tracker.tui.store import Store

# What each action needs of the case's status (the core's rule, checked
# here before the form opens).
ACTION_STATUSES = {"hearing": ("open", "done"), "outcome": ("open", "done")}


def _type_label(lang: str, type_: str) -> str:
    return label(lang, f"legal_{type_}")


# ---------------------------------------------------------------- widgets --
class Choice(Localized, Select[str]):
    """A drop-down whose key is labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [key(lang, "enter,down,space,up", "show_overlay", "legal_show_options", show=False)]


class Tick(Localized, Checkbox):
    """A checkbox whose key is labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [key(lang, "enter,space", "toggle_button", "legal_toggle", show=False)]


class HearingTable(Localized, DataTable[str | Text]):
    """The hearings, a row each, with keys labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return table_keys(lang, "legal_open_case")


# ------------------------------------------------------------ the panel --
def case_panel(view: dict, kind: str, lang: str) -> Table | None:
    """A case's hearings, outcome and follow-up items (a follow-up item's
    case) as a grid; None when the item has nothing of a case."""
    if not (view["hearings"] or view["outcome"] or view["linked"] or view["case"]):
        return None
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    if view["case"]:
        c = view["case"]
        grid.add_row(field(lang, "legal_case"), Text(f"#{c['id']} {safe(c['ref_no'])} {safe(c['title'])}".strip()))
    for n, h in enumerate(view["hearings"]):
        when = f"{h['date']} {h['time']}" if h["time"] else h["date"]
        line = Text(f"#{h['hearing_id']} {when} {_type_label(lang, h['type'])}")
        if h["place"]:
            line.append(f"  {safe(h['place'])}")
        if h["attended"]:
            said = t(lang, "legal_tui_labelled", field=field(lang, "legal_attended"), value=safe(h["attended"]))
            line.append(f"  {said}", style="green")
        if h["head"]:
            said = t(lang, "legal_tui_labelled", field=field(lang, "legal_head"), value=safe(h["head"]))
            line.append(f"  {said}", style="bold green")
        grid.add_row(field(lang, "legal_hearing_list") if n == 0 else "", line)
    o = view["outcome"]
    if o:
        line = Text(f"{legal.outcome_label(o['word'], kind, lang)}  {o['decided_on']}")
        if o["lost"]:
            line.append(f"  {label(lang, 'legal_lost')}", style="bold red")
        if o["note"]:
            line.append(f"  {safe(o['note'])}")
        grid.add_row(field(lang, "legal_outcome"), line)
    for n, li in enumerate(view["linked"]):
        grid.add_row(
            field(lang, "legal_linked") if n == 0 else "",
            Text(f"#{li['id']} {safe(li['title'])}  {li['due_on'] or ''}  {label(lang, li['status'])}"),
        )
    return grid


def make_case_panel(conn: sqlite3.Connection, item: dict, lang: str) -> Table | None:
    """The item page's case panel (read in the page's loading thread)."""
    return case_panel(legal.case_view(conn, item["id"]), item["kind"], lang)


# -------------------------------------------------------------- the forms --
class HearingForm(Form):
    """A hearing of a case: date, time, place, type."""

    def __init__(self, store: Store, lang: str, item: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.item, self.as_of = item, as_of

    def title_text(self) -> str:
        return self.tr("legal_tui_hearing_title", id=self.item["id"], title=safe(self.item["title"]))

    def fields(self) -> ComposeResult:
        example = (self.as_of + dt.timedelta(days=HEARING_DAYS)).isoformat()
        yield from self.field("legal_date", "h-date", "", example)
        yield from self.field("legal_time", "h-time", "", "09:30")
        yield from self.field("legal_place", "h-place", "", wide=True)
        yield Label(self.tr("form_legal_type"), classes="field-label")
        default = "hearing" if self.item["kind"] == "review" else "trial"
        yield Choice.in_lang(self.lang)(
            [(_type_label(self.lang, x), x) for x in legal.HEARING_TYPES],
            value=default,
            allow_blank=False,
            id="h-type",
            compact=True,
        )

    def on_mount(self) -> None:
        self.query_one("#h-date", Input).focus()

    def prepare(self) -> Callable[[], object]:
        day = self.date("h-date")
        if day is None:
            raise UserError("legal_tui_need_date")
        time_ = legal.parse_time(self.value("h-time"))
        place = self.value("h-place")
        type_ = str(self.query_one("#h-type", Select).value)
        ledger, item_id = self.store.ledger, self.item["id"]
        # No version check: the core checks the case's kind, status and
        # received date in its transaction (another clerk's progress note
        # does not stand in the way of a hearing).
        return lambda: legal.add_hearing(ledger, item_id, day, time_, place, type_)


class AttendanceForm(Form):
    """Who appeared for the bureau at a hearing; the head if in person."""

    def __init__(self, store: Store, lang: str, hearing: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.hearing, self.as_of = hearing, as_of

    def title_text(self) -> str:
        h = self.hearing
        return self.tr("legal_tui_attend_title", id=h["hearing_id"], date=h["date"])

    def fields(self) -> ComposeResult:
        h = self.hearing
        yield Label(self.tr("form_legal_hearing"), classes="field-label")
        when = f"{h['date']} {h['time'] or ''}  {_type_label(self.lang, h['type'])}  {h['place'] or ''}"
        yield Static(Text(safe(when).strip()), classes="wide")
        yield from self.field("legal_attended", "a-names", h["attended"] or "", wide=True)
        yield from self.field("legal_head", "a-head", h["head"] or "", wide=True)

    def below_fields(self) -> ComposeResult:
        yield Static(self.tr("legal_tui_attend_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#a-names", Input).focus()

    def prepare(self) -> Callable[[], object]:
        names, head = self.value("a-names"), self.value("a-head")
        if not names.strip():
            raise UserError("legal_need_attended")
        ledger, hid, as_of = self.store.ledger, self.hearing["hearing_id"], self.as_of
        return lambda: legal.record_attendance(ledger, hid, names, head, as_of)


class OutcomeForm(Form):
    """The review decision or the court's judgment or ruling of a case."""

    def __init__(self, store: Store, lang: str, item: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.item, self.as_of = item, as_of

    def title_text(self) -> str:
        return self.tr("legal_tui_outcome_title", id=self.item["id"], title=safe(self.item["title"]))

    def fields(self) -> ComposeResult:
        kind = self.item["kind"]
        yield Label(self.tr("form_legal_outcome"), classes="field-label")
        yield Choice.in_lang(self.lang)(
            [(legal.outcome_label(w, kind, self.lang), w) for w in legal.OUTCOMES[kind]],
            id="o-word",
            compact=True,
            allow_blank=False,
            classes="wide",
        )
        example = (self.as_of - dt.timedelta(days=1)).isoformat()
        yield from self.field("legal_decided_on", "o-on", self.as_of.isoformat(), example)
        if kind == "litigation":
            yield Label("", classes="field-label")
            yield Tick.in_lang(self.lang)(self.tr("form_legal_ruling"), id="o-ruling", compact=True)
        else:
            example = (self.as_of + dt.timedelta(days=PLACEHOLDER_DAYS)).isoformat()
            yield from self.field("legal_carry_out_by", "o-due", "", example)
        yield from self.field("legal_note", "o-note", "", wide=True)

    def below_fields(self) -> ComposeResult:
        if self.item["kind"] == "review":
            yield Static(self.tr("legal_tui_carry_out_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#o-word", Select).focus()

    def prepare(self) -> Callable[[], object]:
        word = str(self.query_one("#o-word", Select).value)
        on = self.date("o-on")
        if on is None:
            raise UserError("legal_tui_need_date")
        kind = self.item["kind"]
        ruling = kind == "litigation" and self.query_one("#o-ruling", Checkbox).value
        due = self.date("o-due") if kind == "review" else None
        note = self.value("o-note")
        ledger, item_id = self.store.ledger, self.item["id"]
        return lambda: legal.record_outcome(ledger, item_id, word, on, ruling, note, due)


# ----------------------------------------------------- actions on a case --
def _open_form(screen: TrackerScreen, form: Form, saved_key: str) -> None:
    app = screen.app

    def saved(ok: bool | None) -> None:
        if ok:
            app.notify(t(app.lang, saved_key), timeout=2)
            app.changed()  # the ledger's rows and counts, and the page on top

    app.push_screen(form, saved)


def is_case(item: dict) -> bool:
    return item["kind"] in legal.CASE_KINDS


def _case(screen: ActionScreen, item: dict, action: str | None) -> bool:
    """Whether `item` is a case that `action` may be done on; else say why,
    at once, before any form."""
    app = screen.app
    if not is_case(item):
        kind = item.get("kind_en" if app.lang == "en" else "kind_zh") or item["kind"]
        app.bell()
        app.notify(t(app.lang, "legal_tui_not_a_case", id=item["id"], kind=kind), severity="warning", timeout=4)
        return False
    allowed = ACTION_STATUSES.get(action or "")
    if allowed and item["status"] not in allowed:
        app.bell()
        app.notify(
            t(app.lang, "bad_transition", id=item["id"], status=L(item["status"]), action=L(f"act_{action}")),
            severity="warning",
            timeout=4,
        )
        return False
    return True


def add_hearing(screen: ActionScreen, item: dict) -> None:
    """H: a hearing of the case at hand."""
    if _case(screen, item, "hearing"):
        app = screen.app
        _open_form(
            screen, HearingForm.in_lang(app.lang)(app.store, app.lang, item, app.as_of), "legal_tui_saved_hearing"
        )


def record_attendance(screen: TrackerScreen, hearing: dict) -> None:
    """Who appeared at `hearing` (a case_view or Hearing dict); refused at
    once while it is still to come."""
    app = screen.app
    if hearing["date"] > app.as_of.isoformat():
        app.bell()
        why = t(
            app.lang,
            "legal_hearing_not_held",
            id=hearing["hearing_id"],
            date=hearing["date"],
            as_of=app.as_of.isoformat(),
        )
        app.notify(why, severity="warning", timeout=4)
        return
    form = AttendanceForm.in_lang(app.lang)(app.store, app.lang, hearing, app.as_of)
    _open_form(screen, form, "legal_tui_saved_attend")


def attend(screen: ActionScreen, item: dict) -> None:
    """A: who appeared at the case's latest hearing held and not yet
    recorded (else its latest hearing held)."""
    if not _case(screen, item, None):
        return
    app = screen.app
    view = app.store.call(legal.case_view, app.store.conn, item["id"])
    held = [h for h in view["hearings"] if h["date"] <= app.as_of.isoformat()]
    if not held:
        app.bell()
        app.notify(t(app.lang, "legal_tui_no_held"), severity="warning", timeout=4)
        return
    unrecorded = [h for h in held if not h["attended"]]
    record_attendance(screen, (unrecorded or held)[-1])


def record_outcome(screen: ActionScreen, item: dict) -> None:
    """O: the decision, judgment or ruling of the case at hand."""
    if _case(screen, item, "outcome"):
        app = screen.app
        _open_form(
            screen, OutcomeForm.in_lang(app.lang)(app.store, app.lang, item, app.as_of), "legal_tui_saved_outcome"
        )


# --------------------------------------------------- the coming hearings --
COLUMNS = ("date", "time", "type", "ref_no", "title", "place", "attended", "head")


class HearingsScreen(TrackerScreen):
    """The coming hearings (from the as-of day) of cases not cancelled,
    whatever else their status: a filed defence's hearing is still to be
    attended. Enter opens the case, A records who appeared."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            *super().bindings(lang),
            key(lang, "escape,q", "back", "back"),
            key(lang, "enter", "open", "legal_open_case", show=False),
            key(lang, "A", "attend", "legal_attend"),
        ]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with Page.in_lang(self.app.lang)(id="hearings-body"):
            yield HearingTable.in_lang(self.app.lang)(id="hearings", cursor_type="row", zebra_stripes=True)
            yield Static("", id="hearings-empty", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        title = self.tr("legal_tui_coming", as_of=self.app.as_of.isoformat())
        self.query_one("#title-bar", Static).update(Text(f" {title} ", style="bold reverse"))
        self.rows: list[legal.Hearing] = []
        self._width = 0
        self.query_one("#hearings", DataTable).focus()
        self.load()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        rows = store.call(legal.coming_hearings, store.conn, self.app.as_of, dt.date.max)
        self.app.call_from_thread(self._show, rows)

    def on_resize(self) -> None:
        if self.size.width != self._width and self.rows:
            self._show(self.rows)

    def _show(self, rows: list[legal.Hearing]) -> None:
        """A row per hearing; the case's number and name cut to the screen,
        so when, what, which case and where are in sight at 80 columns
        (who appeared further right)."""
        lang = self.app.lang
        table = self.query_one("#hearings", DataTable)
        at = table.cursor_row
        self.rows, self._width = rows, self.size.width
        types = [_type_label(lang, h.type) for h in rows]
        heads = {k: field(lang, k) if k in ("ref_no", "title") else field(lang, f"legal_{k}") for k in COLUMNS}
        widths = {
            "date": 10,
            "time": 5,
            "type": max(map(cell_width, [heads["type"], *types])),
            "ref_no": 16,
            "place": 12,
        }
        # the title takes the rest of the width (two cells of padding a
        # column, one of scrollbar); who appeared is off to the right
        rest = self._width - 1 - 2 * (len(widths) + 1) - sum(widths.values())
        widths["title"] = max(12, rest)
        table.clear(columns=True)
        for k in COLUMNS:
            table.add_column(heads[k], width=widths.get(k), key=k)
        for h, type_ in zip(rows, types, strict=True):
            table.add_row(
                h.date,
                h.time or "",
                type_,
                Text(clip_middle(safe(h.ref_no), widths["ref_no"])),
                Text(clip(safe(h.title), widths["title"])),
                Text(clip(safe(h.place or ""), widths["place"])),
                Text(safe(h.attended or "")),
                Text(safe(h.head or "")),
            )
        if rows:
            table.move_cursor(row=min(at, len(rows) - 1))
        empty = self.query_one("#hearings-empty", Static)
        empty.display = not rows
        empty.update(self.tr("legal_tui_no_coming", as_of=self.app.as_of.isoformat()))

    def _current(self) -> legal.Hearing | None:
        table = self.query_one("#hearings", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            self.app.bell()
            return None
        return self.rows[table.cursor_row]

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open(self) -> None:
        h = self._current()
        if h is not None:
            self.app.push_screen(ItemScreen.in_lang(self.app.lang)(h.item_id), lambda _: self.reload())

    def action_attend(self) -> None:
        h = self._current()
        if h is not None:
            record_attendance(self, h._asdict())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()


EXTRA_SCREENS.append(ExtraScreen("legal_hearings", "h", HearingsScreen))
EXTRA_ITEM_ACTIONS.extend(
    [
        ExtraItemAction("legal_hearing", "H", add_hearing, offered=is_case),
        ExtraItemAction("legal_attend", "A", attend, offered=is_case),
        ExtraItemAction("legal_outcome", "O", record_outcome, offered=is_case),
    ]
)
EXTRA_ITEM_PANELS.append(ExtraItemPanel("legal_case", make_case_panel))
