"""The screens: the ledger (home), one item, campaigns, the dashboard, help.

Other modules add to the UI (legal cases, units, letters) when they are
imported: tracker/tui/app.py imports tracker.tui.legal, .units and
.letters if they exist. A module appends
- an ExtraScreen to EXTRA_SCREENS: a screen of its own, opened by a key on
  the ledger and from the command palette;
- an ExtraItemAction to EXTRA_ITEM_ACTIONS: an action on the item at hand
  (the ledger's current row or the item page), by a key and from the
  command palette (there only for the items it is `offered` on);
- an ExtraItemPanel to EXTRA_ITEM_PANELS: lines of its own on the item
  page, below the fields (a case's hearings and outcome), read with the
  page and drawn only when there is something to show.
Their labels are catalogue keys key_<name> and cmd_<name> in the module's
own fragment (prefix the name, e.g. legal_hearing). An ExtraScreen's
`make` may be a Localized screen class: the ledger makes it in the app's
language (its key labels in that language).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Click, Key
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, ProgressBar, Static

from tracker.i18n import L, field, label, t
from tracker.listing import SORTS, ListQuery, campaign_name, dashboard, owners, units
from tracker.queries import (
    campaign_rows,
    get_item,
    item_events,
    item_fields,
    lagging_units,
    light,
    list_kinds,
)
from tracker.text import cell_width, describe_event, safe
from tracker.tui import LATE_STYLE, LIGHT_STYLE, Field, Localized, Page, key, screen_keys
from tracker.tui.dialogs import ActionForm, ItemForm, PickForm
from tracker.tui.item_list import ItemList, late_days

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

SEARCH_DEBOUNCE = 0.12  # seconds of quiet after a keystroke before searching
VIEW_KEYS = {"1": "open", "2": "overdue", "3": "soon", "4": "legal", "5": "done", "0": "all"}

# What each action needs of the item's status; None: any status.
ACTION_STATUSES: dict[str, tuple[str, ...] | None] = {
    "note": None,
    "remind": ("open",),
    "extend": ("open",),
    "done": ("open",),
    "reopen": ("done", "cancelled"),
    "cancel": ("open",),
}
# The item actions, in the order the command palette lists them: (action, name).
ITEM_COMMANDS = [
    ("extend", "extend"),
    ("done", "done"),
    ("note", "note"),
    ("remind", "remind"),
    ("cancel", "cancel"),
    ("reopen", "reopen"),
    ("edit", "edit"),
]


@dataclass(frozen=True)
class ExtraScreen:
    """A screen another module adds: `keys` on the ledger open it; its key
    label is the catalogue's key_<name> and its command palette entry
    cmd_<name>."""

    name: str
    keys: str
    make: Callable[[], Screen[Any]]
    show: bool = False


@dataclass(frozen=True)
class ExtraItemAction:
    """An action on one item another module adds: `run(screen, item)` with
    the item as tracker.queries.get_item gives it; after a write, call
    screen.app.changed() so the list and counts show it. The command
    palette lists it for the items `offered(item)` says (its key refuses
    the others itself, saying why)."""

    name: str
    keys: str
    run: Callable[[ActionScreen, dict], None]
    show: bool = False
    offered: Callable[[dict], bool] = lambda item: True


@dataclass(frozen=True)
class ExtraItemPanel:
    """Lines another module adds to the item page, below the fields:
    `make(conn, item, lang)` runs in the page's loading thread (under the
    store's lock, so it may read the database) and returns what to draw,
    or None for nothing. The panel is a Static with id panel-<name>."""

    name: str
    make: Callable[[sqlite3.Connection, dict, str], RenderableType | None]


EXTRA_SCREENS: list[ExtraScreen] = []
EXTRA_ITEM_ACTIONS: list[ExtraItemAction] = []
EXTRA_ITEM_PANELS: list[ExtraItemPanel] = []


class TrackerScreen(Localized, Screen[Any]):
    """A full screen of tracker: the typed app, words from the catalogue."""

    @property
    def app(self) -> TrackerApp:  # type: ignore[override]  # as posting does: the app is ours
        return cast("TrackerApp", super().app)

    def tr(self, key: str, **values: object) -> str:
        return t(self.app.lang, key, **values)

    def reload(self) -> None:
        """Read again what the screen shows (another clerk's change, or one's own)."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [*screen_keys(lang), key(lang, "question_mark,f1", "app.help", "help")]


class ActionScreen(TrackerScreen):
    """A screen with an item at hand: the action keys (ledger and item page)."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            *super().bindings(lang),
            key(lang, "e", "edit", "edit", show=False),
            key(lang, "p", "act('note')", "note"),
            key(lang, "r", "act('remind')", "remind"),
            key(lang, "x", "act('extend')", "extend"),
            key(lang, "d", "act('done')", "done"),
            key(lang, "o", "act('reopen')", "reopen", show=False),
            key(lang, "delete", "act('cancel')", "cancel", show=False),
            *(key(lang, e.keys, f"extra_act('{e.name}')", e.name, show=e.show) for e in EXTRA_ITEM_ACTIONS),
        ]

    def action_extra_act(self, name: str) -> None:
        item = self.item_for_action()
        if item is None:
            self.app.bell()
            return
        for extra in EXTRA_ITEM_ACTIONS:
            if extra.name == name:
                extra.run(self, item)

    def item_for_action(self) -> dict | None:
        raise NotImplementedError

    def action_act(self, action: str) -> None:
        """Open the form of one action (note, remind, extend, done, reopen,
        cancel) on the item at hand; refuse at once what its status forbids."""
        item = self.item_for_action()
        if item is None:
            self.app.bell()
            return
        allowed = ACTION_STATUSES[action]
        if allowed is not None and item["status"] not in allowed:
            self.app.notify(
                self.tr("bad_transition", id=item["id"], status=L(item["status"]), action=L(f"act_{action}")),
                severity="warning",
                timeout=4,
            )
            return
        form = ActionForm.in_lang(self.app.lang)(self.app.store, self.app.lang, action, item, self.app.as_of)
        self.app.push_screen(form, self._saved)

    def _saved(self, saved: bool | None) -> None:
        if saved:
            self.app.notify(self.tr("ui_saved"), timeout=2)
            self.app.changed()

    def action_edit(self) -> None:
        item = self.item_for_action()
        if item is None:
            self.app.bell()
            return
        store = self.app.store
        kinds = store.call(list_kinds, store.conn)
        names = store.call(units, store.conn)
        form = ItemForm.in_lang(self.app.lang)(store, self.app.lang, item, kinds, names)
        self.app.push_screen(form, self._saved)


class HomeScreen(ActionScreen):
    """The ledger: views with counts, filters, search, and the list."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            *super().bindings(lang),
            *(key(lang, k, f"view('{view}')", f"view_{view}", show=False) for k, view in VIEW_KEYS.items()),
            key(lang, "slash", "search", "search"),
            key(lang, "u", "pick_unit", "unit", show=False),
            key(lang, "w", "pick_owner", "owner", show=False),
            key(lang, "t", "pick_kind", "kind", show=False),
            key(lang, "s", "pick_sort", "sort", show=False),
            key(lang, "S", "reverse_sort", "reverse", show=False),
            key(lang, "escape", "clear_filters", "clear_filters", show=False),
            key(lang, "n", "new", "new"),
            # In the footer where it fits 80 columns (Chinese labels are short).
            key(lang, "c", "campaigns", "campaigns", show=lang != "en"),
            key(lang, "b", "dashboard", "dashboard", show=False),
            key(lang, "q", "app.quit", "quit"),
            *(key(lang, e.keys, f"extra('{e.name}')", e.name, show=e.show) for e in EXTRA_SCREENS),
        ]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield Static("", id="tabs")
        yield Static("", id="filters")
        yield Field.in_lang(self.app.lang)(placeholder=self.tr("ui_search_placeholder"), id="search", compact=True)
        yield ItemList.in_lang(self.app.lang)(self.app.store, self.app.lang, id="items")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._search_timer: Timer | None = None
        self.query_ = ListQuery()
        self.campaign = ""  # the name of the campaign filtered on
        self.counts: dict[str, int] = {}
        self.query_one("#search", Input).display = False
        self._title()
        self._render_filters()
        self._counts_stale = True
        self.table.set_query(self.query_)
        self.table.focus()

    @property
    def table(self) -> ItemList:
        return self.query_one("#items", ItemList)

    def _title(self) -> None:
        app = self.app
        mark = Text(self.tr("ui_read_only"), style="bold yellow") if app.store.read_only else ""
        self.query_one("#title-bar", Static).update(
            Text.assemble(
                (self.tr("ui_app_title"), "bold reverse"),
                f"  {safe(app.store.path.name)}  ",
                (self.tr("ui_today", date=app.as_of.isoformat()), "bold"),
                mark,
                ("  " + self.tr("ui_title_keys"), "dim"),
            )
        )

    def on_resize(self) -> None:
        self._render_tabs()

    # ------------------------------------------------------------ data --
    def reload(self) -> None:
        self.refresh_all()

    def load_counts(self) -> None:
        self._count(self.table.generation, self.query_)

    @work(thread=True, group="counts", exclusive=True)
    def _count(self, generation: int, query: ListQuery) -> None:
        """Count the tabs, in two steps; a newer query (the clerk typed on)
        makes the rest of the counting moot, before or while it runs."""
        store, counts = self.app.store, {}
        for step in (store.source.open_counts, store.source.total_counts):
            if self.table.generation != generation:
                return
            try:
                counts.update(store.call(step, query))
            except sqlite3.OperationalError:
                return  # interrupted by a newer query, or busy: the next refresh counts again
        self.app.call_from_thread(self._show_counts, counts)

    def _show_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._render_tabs()

    def _render_tabs(self) -> None:
        """The views with their counts; when the full names do not fit (the
        English UI at 80 columns), the short ones."""
        if not self.is_mounted:
            return
        width = self.size.width or 80
        for form in ("view", "view_short"):
            parts = []
            for k, view in VIEW_KEYS.items():
                n = self.counts.get(view)
                parts.append((view, f"{k} {label(self.app.lang, f'{form}_{view}')} {n if n is not None else '…'}", n))
            sep = " │ " if form == "view" else "│"
            if cell_width(" " + sep.join(p for _, p, _ in parts)) <= width:
                break
        text = Text(" ")
        colours = {"overdue": LIGHT_STYLE["red"], "soon": LIGHT_STYLE["yellow"]}
        for n_, (view, part, n) in enumerate(parts):
            if n_:
                text.append(sep, style="dim")
            if view == self.query_.view:
                text.append(part, style="bold reverse")
            else:
                text.append(part, style=colours.get(view, "") if n else "")
        self.query_one("#tabs", Static).update(text)

    def _render_filters(self) -> None:
        q, parts = self.query_, []
        if q.search:
            parts.append(self.tr("ui_filter_search", value=safe(q.search)))
        if q.unit:
            parts.append(self.tr("ui_filter_unit", value=safe(q.unit)))
        if q.owner:
            parts.append(self.tr("ui_filter_owner", value=safe(q.owner)))
        if q.kind:
            parts.append(self.tr("ui_filter_kind", value=safe(q.kind)))
        if q.campaign_id is not None:
            parts.append(self.tr("ui_filter_campaign", value=safe(self.campaign) or f"#{q.campaign_id}"))
        sort = label(self.app.lang, f"sort_{q.sort}") + (" ↓" if q.descending else " ↑")
        parts.append(self.tr("ui_filter_sort", value=sort))
        if len(parts) > 1:
            parts.append(self.tr("ui_filter_clear"))
        self.query_one("#filters", Static).update(Text("  ·  ".join(parts)))

    def set_query(self, query: ListQuery, keep_id: int | None = None) -> None:
        def filters(q: ListQuery) -> ListQuery:
            return q.with_(view="open", sort="due_on", descending=False)

        filters_changed = filters(query) != filters(self.query_)
        self.query_ = query
        self._render_tabs()
        self._render_filters()
        self._counts_stale = self._counts_stale or filters_changed or keep_id is not None
        # A new view, filter or search starts at the top (keep_id: a new item
        # the clerk just added); a refresh keeps the cursor (refresh_all).
        self.table.set_query(query, keep_id=keep_id)

    def refresh_all(self, keep_id: int | None = None) -> None:
        current = self.table.current
        self._counts_stale = True
        self.table.reload(keep_id=keep_id or (current.id if current else None), keep_index=self.table.cursor)

    def on_item_list_loaded(self, event: ItemList.Loaded) -> None:
        """The list is in: now count the tabs (the list comes first, so the
        clerk sees results without waiting for six counts)."""
        if self._counts_stale:
            self._counts_stale = False
            self.load_counts()

    def on_item_list_moved(self, event: ItemList.Moved) -> None:
        status = self.query_one("#status", Static)
        if event.total == 0:
            status.update(Text(self.tr("ui_no_items") if self.table.loaded else "…"))
            return
        row = event.row
        pos = f"{event.index + 1}/{event.total}"
        if row is None:
            status.update(Text(pos))
            return
        lang = self.app.lang
        text = Text.assemble(f"{pos}  ")
        if row.light:
            if row.light != "red":  # "overdue" is in the phrase itself
                text.append(label(lang, row.light) + " ", style=LIGHT_STYLE[row.light])
            text.append(self.table.time_left.say(lang, row.due_on), style=LIGHT_STYLE[row.light])
        else:
            text.append(" ".join(filter(None, [label(lang, row.status), row.closed_on])), style="dim")
            late = late_days(row.closed_on, row.due_on) if row.status == "done" else 0
            if late:
                text.append(" " + self.tr("ui_closed_late", n=late), style=LATE_STYLE)
        text.append(f"  #{row.id} {safe(row.title)}")
        if row.provisional:
            text.append(self.tr("ui_provisional_note"), style="yellow")
        status.update(text)

    def on_item_list_opened(self, event: ItemList.Opened) -> None:
        self.app.push_screen(ItemScreen.in_lang(self.app.lang)(event.row.id))

    # ------------------------------------------------------------ actions --
    def item_for_action(self) -> dict | None:
        row = self.table.current
        return self.app.store.call(get_item, self.app.store.conn, row.id) if row else None

    def action_view(self, view: str) -> None:
        self.set_query(
            self.query_.with_(view=view, sort="closed_on" if view == "done" else "due_on", descending=view == "done")
        )

    def action_search(self) -> None:
        box = self.query_one("#search", Input)
        box.display = True
        box.value = self.query_.search
        box.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        # Wait for a pause in typing, so each keystroke does not start a scan.
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.set_query(self.query_.with_(search=value)))

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        # Enter searches at once: a clerk who types (or an IME that commits)
        # a word and presses Enter before the pause must not open the row
        # that was current before the search.
        box = self.query_one("#search", Input)
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if box.value != self.query_.search:
            self.set_query(self.query_.with_(search=box.value))
        box.display = bool(box.value)
        self.table.focus()

    def on_key(self, event: Key) -> None:
        box = self.query_one("#search", Input)
        if event.key == "escape" and box.has_focus:
            box.value = ""
            box.display = False
            self.table.focus()
            event.stop()
        elif event.key == "down" and box.has_focus:
            self.table.focus()
            event.stop()

    def action_clear_filters(self) -> None:
        self.query_one("#search", Input).display = False
        self.campaign = ""
        self.set_query(ListQuery(view=self.query_.view, sort=self.query_.sort, descending=self.query_.descending))

    def _pick(self, title: str, options: list[tuple[str, str]], apply: Callable[[str], None]) -> None:
        form = PickForm.in_lang(self.app.lang)(title, options, self.app.lang)
        self.app.push_screen(form, lambda v: None if v is None else apply(v))

    def action_pick_unit(self) -> None:
        names = self.app.store.call(units, self.app.store.conn)
        self._pick(
            self.tr("ui_pick_unit"),
            [(self.tr("ui_pick_all_units"), "")] + [(n, n) for n in names],
            lambda v: self.set_query(self.query_.with_(unit=v or None)),
        )

    def action_pick_owner(self) -> None:
        names = self.app.store.call(owners, self.app.store.conn)
        self._pick(
            self.tr("ui_pick_owner"),
            [(self.tr("ui_pick_everyone"), "")] + [(n, n) for n in names],
            lambda v: self.set_query(self.query_.with_(owner=v or None)),
        )

    def action_pick_kind(self) -> None:
        kinds = self.app.store.call(list_kinds, self.app.store.conn)
        self._pick(
            self.tr("ui_pick_kind"),
            [(self.tr("ui_pick_all_kinds"), "")]
            + [(k["label_en"] if self.app.lang == "en" else k["label_zh"], k["id"]) for k in kinds],
            lambda v: self.set_query(self.query_.with_(kind=v or None)),
        )

    def action_pick_sort(self) -> None:
        self._pick(
            self.tr("ui_pick_sort"),
            [(label(self.app.lang, f"sort_{k}"), k) for k in SORTS],
            lambda v: self.set_query(self.query_.with_(sort=v)),
        )

    def action_reverse_sort(self) -> None:
        self.set_query(self.query_.with_(descending=not self.query_.descending))

    def action_new(self) -> None:
        store = self.app.store
        kinds = store.call(list_kinds, store.conn)
        names = store.call(units, store.conn)
        form = ItemForm.in_lang(self.app.lang)(store, self.app.lang, None, kinds, names)

        def done(saved: bool | None) -> None:
            if saved:
                self.app.notify(self.tr("ui_added", id=form.result_id), timeout=3)
                self.refresh_all(keep_id=form.result_id)

        self.app.push_screen(form, done)

    def action_campaigns(self) -> None:
        self.app.push_screen(CampaignsScreen.in_lang(self.app.lang)(), self._campaign_chosen)

    def _campaign_chosen(self, campaign_id: int | None) -> None:
        if campaign_id is not None:
            self.campaign = self.app.store.call(campaign_name, self.app.store.conn, campaign_id) or ""
            self.set_query(ListQuery(view="all", campaign_id=campaign_id))

    def action_dashboard(self) -> None:
        self.app.push_screen(DashboardScreen.in_lang(self.app.lang)())

    def action_extra(self, name: str) -> None:
        for extra in EXTRA_SCREENS:
            if extra.name == name:
                make = extra.make
                if isinstance(extra.make, type) and issubclass(extra.make, Localized):
                    make = cast("Callable[[], Screen[Any]]", extra.make.in_lang(self.app.lang))
                self.app.push_screen(make())


class ItemScreen(ActionScreen):
    """One item: every field, the deadline's basis, the history newest first.
    Long text (the basis, notes, history) wraps; the page scrolls."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [key(lang, "escape,q", "back", "back"), *super().bindings(lang)]

    def __init__(self, item_id: int):
        super().__init__()
        self.item_id = item_id
        self.item: dict | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with Page.in_lang(self.app.lang)(id="item-body"):
            yield Static("", id="fields")
            for panel in EXTRA_ITEM_PANELS:
                yield Static("", id=f"panel-{panel.name}", classes="item-panel")
            yield Static("", id="history")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#item-body").focus()
        self.load()

    def action_back(self) -> None:
        self.dismiss(None)

    # exit_on_error=False: a busy database leaves the last view up (the next
    # poll loads again) instead of closing the clerk's session.
    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        item = store.call(get_item, store.conn, self.item_id)
        events = store.call(item_events, store.conn, self.item_id)
        panels = [store.call(p.make, store.conn, item, self.app.lang) for p in EXTRA_ITEM_PANELS]
        self.app.call_from_thread(self._show, item, events, panels)

    def _show(self, item: dict, events: list[dict], panels: list[RenderableType | None]) -> None:
        self.item = item
        lang = self.app.lang
        self.query_one("#title-bar", Static).update(
            Text.assemble((f" #{item['id']} ", "bold reverse"), f"  {safe(item['title'])}")
        )
        source = self.app.store.source
        lt = light(item, self.app.as_of, source.cal, source.soon)
        grid = Table.grid(padding=(0, 2), expand=True)
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        late = late_days(item["closed_on"], item["due_on"]) if item["status"] == "done" else 0
        # The fields as `tracker show` lists them (queries.item_fields): one
        # list; here the time left takes its light's colour and a late
        # completion is marked. The id is in the title bar.
        for name, value in item_fields(item, events, lang, self.app.as_of, source.cal):
            if name in ("id", "version", "light"):
                continue
            text = Text(safe(value, multiline=True))
            if name == "col_time_left" and lt:
                text.stylize(LIGHT_STYLE[lt])
            elif name == "due_on" and item["due_provisional"]:
                text.stylize("yellow")
            elif name == "closed_on" and late:
                text.append("  " + self.tr("ui_closed_late", n=late), style=LATE_STYLE)
            grid.add_row(field(lang, name), text)
        self.query_one("#fields", Static).update(grid)
        for extra, panel in zip(EXTRA_ITEM_PANELS, panels, strict=True):
            shown = self.query_one(f"#panel-{extra.name}", Static)
            shown.display = panel is not None
            shown.update(panel if panel is not None else "")
        hist = Table(
            title=field(lang, "history"), title_justify="left", expand=True, show_edge=False, header_style="bold"
        )
        hist.add_column(self.tr("ui_col_when"), no_wrap=True)
        hist.add_column(self.tr("ui_col_who"), no_wrap=True)
        hist.add_column(self.tr("ui_col_what"), ratio=1, overflow="fold")
        for e in reversed(events):
            hist.add_row(
                e["at"].replace("T", " "), Text(safe(e["actor"])), Text(safe(describe_event(e, lang), multiline=True))
            )
        self.query_one("#history", Static).update(hist)

    def item_for_action(self) -> dict | None:
        return self.item


class CampaignsScreen(TrackerScreen):
    """Campaigns with a progress bar each; Enter opens one's tasks."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            *super().bindings(lang),
            key(lang, "escape,q", "back", "back"),
            key(lang, "enter", "open", "tasks"),
            key(lang, "up,k", "move(-1)", "up", show=False),
            key(lang, "down,j", "move(1)", "down", show=False),
        ]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield VerticalScroll(id="campaigns")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#title-bar", Static).update(Text(self.tr("ui_campaigns_title"), style="bold reverse"))
        self.selected = 0
        self.rows: list[dict] = []
        self.load()

    def reload(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        rows = store.call(campaign_rows, store.conn, self.app.as_of)
        lagging = store.call(lagging_units, store.conn, [r["id"] for r in rows], self.app.as_of)
        for r in rows:
            r["lagging"] = lagging.get(r["id"], [])
        from tracker.tui.units import campaign_extras

        campaign_extras(store, rows, self.app.as_of)  # figures, units that have not reported
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict]) -> None:
        from tracker.tui.units import campaign_lines

        self.rows = rows
        box = self.query_one("#campaigns", VerticalScroll)
        box.remove_children()
        if not rows:
            box.mount(Static(Text(self.tr("ui_no_campaigns"))))
            return
        sep = self.tr("ui_list_sep")
        for n, r in enumerate(rows):
            bar = ProgressBar(total=max(r["total"], 1), show_eta=False, show_percentage=True)
            bar.progress = r["done"]
            dates = f"{r['start_on']} ~ {r['end_on']}" if r["start_on"] or r["end_on"] else ""
            head = Text.assemble(
                (safe(r["name"]), "bold"), f"  {dates}  {safe(r['unit'] or '')}  {safe(r['cadence'] or '')}"
            )
            info = Text.assemble(
                self.tr("ui_campaign_done", done=r["done"], total=r["total"]) + "  ",
                (self.tr("ui_campaign_overdue", n=r["overdue"]), LIGHT_STYLE["red"] if r["overdue"] else "green"),
            )
            if r["lagging"]:
                info.append("  " + self.tr("ui_campaign_lagging", units=sep.join(map(safe, r["lagging"]))), "red")
            box.mount(
                Vertical(
                    Static(head),
                    bar,
                    Static(info, classes="camp-info"),
                    *(Static(line, classes="camp-info") for line in campaign_lines(r, self.app.lang)),
                    classes="campaign" + (" -selected" if n == self.selected else ""),
                )
            )

    def action_move(self, delta: int) -> None:
        if not self.rows:
            return
        self.selected = max(0, min(len(self.rows) - 1, self.selected + delta))
        for n, w in enumerate(self.query(".campaign")):
            w.set_class(n == self.selected, "-selected")
            if n == self.selected:
                w.scroll_visible()

    def on_click(self, event: Click) -> None:
        for n, w in enumerate(self.query(".campaign")):
            if event.widget is w or (event.widget is not None and w in event.widget.ancestors):
                self.action_move(n - self.selected)

    def action_open(self) -> None:
        if self.rows:
            self.dismiss(self.rows[self.selected]["id"])

    def action_back(self) -> None:
        self.dismiss(None)


class DashboardScreen(TrackerScreen):
    """Counts by light per unit, the next 30 days, the on-time rate this year."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [*super().bindings(lang), key(lang, "escape,q", "back", "back")]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with Page.in_lang(self.app.lang)(id="dash"):
            yield Static("", id="dash-rate")
            yield Static("", id="dash-days")
            yield Static("", id="dash-units")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#title-bar", Static).update(Text(self.tr("ui_dashboard_title"), style="bold reverse"))
        self.load()

    def action_back(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        data = store.call(dashboard, store.conn, self.app.as_of, store.source.cal, store.source.soon)
        self.app.call_from_thread(self._show, data)

    def _show(self, data: dict) -> None:
        total = data["stats"]["total"]
        rate_value = total.get("on_time_rate")
        rate = f"{100 * rate_value:.1f}%" if total["due"] and rate_value is not None else "—"
        good = total["due"] and rate_value is not None and rate_value >= 0.95
        self.query_one("#dash-rate", Static).update(
            Text.assemble(
                (self.tr("ui_dash_rate", year=self.app.as_of.year), "bold"),
                (rate, "bold green" if good else "bold yellow"),
                self.tr(
                    "ui_dash_rate_detail",
                    due=total["due"],
                    on_time=total["done_on_time"],
                    overdue=total["open_overdue"],
                ),
            )
        )
        days = data["days"]
        peak = max((d["count"] for d in days), default=0) or 1
        blocks = " ▁▂▃▄▅▆▇█"
        strip = Text(self.tr("ui_dash_next_days", n=len(days)) + "\n", style="bold")
        for d in days:
            n = d["count"]
            ch = blocks[min(8, 1 + (7 * n) // peak)] if n else "·"
            style = "bold red" if n and d["date"] == self.app.as_of else ("yellow" if n else "dim")
            strip.append(ch, style=style if d["workday"] else style + " on grey23")
        first, last = days[0]["date"], days[-1]["date"]
        strip.append(f"\n{first.isoformat()} → {last.isoformat()}  ", style="dim")
        strip.append(self.tr("ui_dash_items", n=sum(d["count"] for d in days)))
        self.query_one("#dash-days", Static).update(strip)
        table = Table(title=self.tr("ui_dash_units"), title_justify="left", expand=True)
        table.add_column(field(self.app.lang, "unit"))
        for light_ in ("red", "yellow", "green"):
            table.add_column(label(self.app.lang, light_), justify="right", style=LIGHT_STYLE[light_])
        table.add_column(label(self.app.lang, "view_open"), justify="right")
        for u in data["units"][:200]:
            table.add_row(
                Text(safe(u["unit"]) or "—"),
                str(u["red"] or 0),
                str(u["yellow"] or 0),
                str(u["green"] or 0),
                str(u["open"]),
            )
        self.query_one("#dash-units", Static).update(table)


class HelpScreen(Localized, ModalScreen[None]):
    """The keys of every screen, what the colours mean, and how to close it."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [*screen_keys(lang), key(lang, "escape,q,question_mark,f1", "close", "close")]

    def compose(self) -> ComposeResult:
        lang = cast("TrackerApp", self.app).lang
        with Page.in_lang(lang)(classes="form help"):
            yield Static(t(lang, "ui_help_close"), classes="hint-top")
            yield Static(t(lang, "ui_help"))
            yield Static(t(lang, "ui_help_close"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
