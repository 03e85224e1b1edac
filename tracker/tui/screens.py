"""The screens: the ledger (home), one item, campaigns, the dashboard, help."""

from __future__ import annotations

import datetime as dt
import sqlite3

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, ProgressBar, Static

from tracker.i18n import field, label
from tracker.listing import SORTS, VIEWS, ListQuery, dashboard, owners, units
from tracker.queries import get_item, item_events, latest_basis, list_kinds
from tracker.text import describe_event
from tracker.tui import Localized
from tracker.tui.dialogs import ActionForm, ItemForm, PickForm
from tracker.tui.item_list import ItemList

SEARCH_DEBOUNCE = 0.12  # seconds of quiet after a keystroke before searching
VIEW_KEYS = {"1": "open", "2": "overdue", "3": "soon", "4": "legal", "5": "done", "0": "all"}


class ItemActions:
    """The action keys shared by the ledger and the item screen."""

    def item_for_action(self) -> dict | None:
        raise NotImplementedError

    def after_change(self) -> None:
        raise NotImplementedError

    def tr(self, zh: str, en: str) -> str:
        return en if self.app.lang == "en" else zh

    def action_act(self, action: str) -> None:
        """Open the form of one action (note, remind, extend, done, reopen,
        cancel) on the item at hand."""
        item = self.item_for_action()
        if item is None:
            self.app.bell()
            return
        form = ActionForm(self.app.store, self.app.lang, action, item, self.app.as_of)
        self.app.push_screen(form, lambda saved: saved and self._saved())

    def _saved(self) -> None:
        self.app.notify(self.tr("已保存", "Saved"), timeout=2)
        self.after_change()

    def action_edit(self) -> None:
        item = self.item_for_action()
        if item is None:
            self.app.bell()
            return
        kinds = self.app.store.call(list_kinds, self.app.store.conn)
        self.app.push_screen(
            ItemForm(self.app.store, self.app.lang, item, kinds), lambda saved: saved and self._saved()
        )


ACTION_BINDINGS = [
    Binding("n", "new", "新建", tooltip="新建事项 New item"),
    Binding("e", "edit", "修改", show=False, tooltip="修改事项 Edit"),
    Binding("p", "act('note')", "进展", tooltip="记录进展 Progress note"),
    Binding("r", "act('remind')", "催办", tooltip="记录催办 Reminder sent"),
    Binding("x", "act('extend')", "延期", tooltip="延期 Extend with reason"),
    Binding("d", "act('done')", "办结", tooltip="办结 Mark done"),
    Binding("o", "act('reopen')", "重开", show=False, tooltip="重新打开 Reopen"),
    Binding("delete", "act('cancel')", "撤销", show=False, tooltip="撤销 Cancel with reason"),
]


class HomeScreen(Localized, ItemActions, Screen):
    """The ledger: views with counts, filters, search, and the list."""

    BINDINGS = [
        *(Binding(key, f"view('{view}')", VIEWS[view][0], show=False) for key, view in VIEW_KEYS.items()),
        Binding("slash", "search", "搜索"),
        Binding("u", "pick_unit", "单位", show=False),
        Binding("w", "pick_owner", "责任人", show=False),
        Binding("t", "pick_kind", "类型", show=False),
        Binding("s", "pick_sort", "排序", show=False),
        Binding("S", "reverse_sort", "倒序", show=False),
        Binding("escape", "clear_filters", "清除筛选", show=False),
        *ACTION_BINDINGS,
        Binding("c", "campaigns", "专项整治"),
        Binding("b", "dashboard", "仪表盘", show=False),
        Binding("v", "awaiting", "待销号", show=False),  # tracker.tui.units
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield Static("", id="tabs")
        yield Static("", id="filters")
        yield Input(
            placeholder=self.tr(
                "搜索：文号、事项名称、单位、责任人（Enter 完成，Esc 清除）",
                "Search ref_no, title, unit, owner (Enter: done, Esc: clear)",
            ),
            id="search",
            compact=True,
        )
        yield ItemList(self.app.store, self.app.lang, id="items")
        yield Static("", id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._search_timer = None
        self.query_ = ListQuery()
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
        self.query_one("#title-bar", Static).update(
            Text.assemble(
                (self.tr(" 督办台账 ", " Supervision ledger "), "bold reverse"),
                f"  {app.store.path.name}  ",
                (self.tr(f"今天 {app.as_of.isoformat()}", f"today {app.as_of.isoformat()}"), "bold"),
                ("  ? " + self.tr("帮助", "help") + "  ctrl+p " + self.tr("命令", "commands"), "dim"),
            )
        )

    # ------------------------------------------------------------ data --
    def load_counts(self) -> None:
        self._count(self.table._generation, self.query_)

    @work(thread=True, group="counts", exclusive=True)
    def _count(self, generation: int, query: ListQuery) -> None:
        """Count the tabs, in two steps; a newer query (the clerk typed on)
        makes the rest of the counting moot, before or while it runs."""
        store, counts = self.app.store, {}
        for step in (store.source.open_counts, store.source.total_counts):
            if self.table._generation != generation:
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
        text = Text(" ")
        colours = {"overdue": "bold red", "soon": "bold yellow"}
        for key, view in VIEW_KEYS.items():
            zh, en, _ = VIEWS[view]
            name = en if self.app.lang == "en" else zh
            n = self.counts.get(view)
            part = f"{key} {name} {n if n is not None else '…'}"
            if view == self.query_.view:
                text.append(part, style="bold reverse")
            else:
                text.append(part, style=colours.get(view, "") if n else "")
            text.append(" │ ", style="dim")
        self.query_one("#tabs", Static).update(text)

    def _render_filters(self) -> None:
        q, parts = self.query_, []
        if q.search:
            parts.append(self.tr(f"搜索“{q.search}”", f"search “{q.search}”"))
        if q.unit:
            parts.append(self.tr(f"单位：{q.unit}", f"unit: {q.unit}"))
        if q.owner:
            parts.append(self.tr(f"责任人：{q.owner}", f"owner: {q.owner}"))
        if q.kind:
            parts.append(self.tr(f"类型：{q.kind}", f"kind: {q.kind}"))
        if q.campaign_id is not None:
            parts.append(self.tr(f"专项整治 #{q.campaign_id}", f"campaign #{q.campaign_id}"))
        sort = SORTS[q.sort][1 if self.app.lang == "en" else 0] + (" ↓" if q.descending else " ↑")
        parts.append(self.tr(f"排序：{sort}", f"sort: {sort}"))
        if len(parts) > 1:
            parts.append(self.tr("Esc 清除筛选", "Esc clears filters"))
        self.query_one("#filters", Static).update(Text("  ·  ".join(parts)))

    def set_query(self, query: ListQuery, keep_id: int | None = None) -> None:
        filters_changed = (query.view, query.sort, query.descending) == (
            self.query_.view,
            self.query_.sort,
            self.query_.descending,
        ) and query != self.query_
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
            status.update(Text(self.tr("没有符合条件的事项", "No items") if self.table.loaded else "…"))
            return
        row = event.row
        pos = f"{event.index + 1}/{event.total}"
        if row is None:
            status.update(Text(pos))
            return
        light = label(self.app.lang, row.light) if row.light else label(self.app.lang, row.status)
        prov = self.tr("  暂定期限：跨越未公布放假安排的年份", "  provisional deadline") if row.provisional else ""
        status.update(
            Text.assemble(
                f"{pos}  ",
                (
                    f"{light}",
                    {"red": "bold red", "yellow": "bold yellow", "green": "green"}.get(row.light or "", "dim"),
                ),
                f"  #{row.id} {row.title}{prov}",
            )
        )

    def on_item_list_opened(self, event: ItemList.Opened) -> None:
        self.app.push_screen(ItemScreen(event.row.id), lambda _: self.refresh_all())

    # ------------------------------------------------------------ actions --
    def item_for_action(self) -> dict | None:
        row = self.table.current
        return self.app.store.call(get_item, self.app.store.conn, row.id) if row else None

    def after_change(self) -> None:
        self.refresh_all()

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
        box = self.query_one("#search", Input)
        box.display = bool(box.value)
        self.table.focus()

    def on_key(self, event) -> None:
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
        self.set_query(ListQuery(view=self.query_.view, sort=self.query_.sort, descending=self.query_.descending))

    def _pick(self, title: str, options: list[tuple[str, str]], apply) -> None:
        self.app.push_screen(PickForm(title, options, self.app.lang), lambda v: v is not None and apply(v))

    def action_pick_unit(self) -> None:
        names = self.app.store.call(units, self.app.store.conn)
        self._pick(
            self.tr("按责任单位筛选", "Filter by unit"),
            [(self.tr("（全部单位）", "(all units)"), "")] + [(n, n) for n in names],
            lambda v: self.set_query(self.query_.with_(unit=v or None)),
        )

    def action_pick_owner(self) -> None:
        names = self.app.store.call(owners, self.app.store.conn)
        self._pick(
            self.tr("按责任人筛选", "Filter by owner"),
            [(self.tr("（全部）", "(everyone)"), "")] + [(n, n) for n in names],
            lambda v: self.set_query(self.query_.with_(owner=v or None)),
        )

    def action_pick_kind(self) -> None:
        kinds = self.app.store.call(list_kinds, self.app.store.conn)
        self._pick(
            self.tr("按类型筛选", "Filter by kind"),
            [(self.tr("（全部类型）", "(all kinds)"), "")]
            + [(k["label_en"] if self.app.lang == "en" else k["label_zh"], k["id"]) for k in kinds],
            lambda v: self.set_query(self.query_.with_(kind=v or None)),
        )

    def action_pick_sort(self) -> None:
        self._pick(
            self.tr("排序", "Sort by"),
            [(en if self.app.lang == "en" else zh, k) for k, (zh, en, _) in SORTS.items()],
            lambda v: self.set_query(self.query_.with_(sort=v)),
        )

    def action_reverse_sort(self) -> None:
        self.set_query(self.query_.with_(descending=not self.query_.descending))

    def action_new(self) -> None:
        kinds = self.app.store.call(list_kinds, self.app.store.conn)
        form = ItemForm(self.app.store, self.app.lang, None, kinds)

        def done(saved):
            if saved:
                self.app.notify(self.tr(f"已新增事项 {form.result_id}", f"Added item {form.result_id}"), timeout=3)
                self.refresh_all(keep_id=form.result_id)

        self.app.push_screen(form, done)

    def action_campaigns(self) -> None:
        self.app.push_screen(CampaignsScreen(), self._campaign_chosen)

    def _campaign_chosen(self, campaign_id: int | None) -> None:
        if campaign_id is not None:
            self.set_query(ListQuery(view="all", campaign_id=campaign_id))

    def action_dashboard(self) -> None:
        self.app.push_screen(DashboardScreen())

    def action_awaiting(self) -> None:
        from tracker.tui.units import AwaitingScreen

        self.app.push_screen(AwaitingScreen(), lambda _: self.refresh_all())


class ItemScreen(Localized, ItemActions, Screen):
    """One item: every field, the deadline's basis, the history newest first."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "返回"), *ACTION_BINDINGS[1:]]

    def __init__(self, item_id: int):
        super().__init__()
        self.item_id = item_id
        self.item: dict | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with VerticalScroll(id="item-body"):
            yield Static("", id="fields")
            yield Static("", id="history")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load()

    # exit_on_error=False: a busy database leaves the last view up (the next
    # poll loads again) instead of closing the clerk's session.
    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        item = store.call(get_item, store.conn, self.item_id)
        events = store.call(item_events, store.conn, self.item_id)
        self.app.call_from_thread(self._show, item, events)

    def _show(self, item: dict, events: list[dict]) -> None:
        self.item = item
        lang, en = self.app.lang, self.app.lang == "en"
        self.query_one("#title-bar", Static).update(
            Text.assemble((f" #{item['id']} ", "bold reverse"), f"  {item['title']}")
        )
        from tracker.queries import light

        lt = light(item, self.app.as_of, self.app.store.source.cal, self.app.store.source.soon)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        due = Text(item["due_on"] or "")
        if lt:
            colour = {"red": "bold red", "yellow": "bold yellow", "green": "green"}[lt]
            days = (dt.date.fromisoformat(item["due_on"]) - self.app.as_of).days
            extra = (
                (f"  逾期{-days}天" if not en else f"  {-days} days overdue") if days < 0 else f"  {label(lang, lt)}"
            )
            due.append(extra, style=colour)
        if item["due_provisional"]:
            due.append(self.tr("  （暂定）", "  (provisional)"), style="yellow")
        rows = [
            ("ref_no", item["ref_no"]),
            ("kind", item["kind_en" if en else "kind_zh"]),
            ("title", item["title"]),
            ("source", item["source"]),
            ("unit", item["unit"]),
            ("assist_units", item["assist_units"]),
            ("owner", item["owner"]),
            ("received_on", item["received_on"]),
            ("due_on", due),
            ("original_due_on", item["original_due_on"]),
            ("rule", item["rule"]),
            ("basis", latest_basis(events, lang)),
            ("status", label(lang, item["status"])),
            ("closed_on", item["closed_on"]),
            ("campaign", item["campaign"]),
            ("party", item["party"]),
            ("organ", item["organ"]),
            ("hearing_on", item["hearing_on"]),
            ("notes", item["notes"]),
        ]
        for key, value in rows:
            if value not in (None, ""):
                grid.add_row(field(lang, key), value if isinstance(value, Text) else Text(str(value)))
        self.query_one("#fields", Static).update(grid)
        hist = Table(
            title=field(lang, "history"), title_justify="left", expand=True, show_edge=False, header_style="bold"
        )
        hist.add_column(self.tr("时间", "When"), no_wrap=True)
        hist.add_column(self.tr("经办人", "Who"), no_wrap=True)
        hist.add_column(self.tr("事项", "What"), ratio=1)
        for e in reversed(events):
            hist.add_row(e["at"].replace("T", " "), Text(e["actor"]), Text(describe_event(e, lang)))
        self.query_one("#history", Static).update(hist)

    def item_for_action(self) -> dict | None:
        return self.item

    def after_change(self) -> None:
        self.load()


class CampaignsScreen(Localized, Screen[int | None]):
    """Campaigns with a progress bar each; Enter opens one's tasks."""

    BINDINGS = [
        Binding("escape,q", "back", "返回"),
        Binding("enter", "open", "查看任务"),
        Binding("up,k", "move(-1)", "上", show=False),
        Binding("down,j", "move(1)", "下", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        yield VerticalScroll(id="campaigns")
        yield Footer(compact=True)

    def tr(self, zh: str, en: str) -> str:
        return en if self.app.lang == "en" else zh

    def on_mount(self) -> None:
        self.query_one("#title-bar", Static).update(Text(self.tr(" 专项整治 ", " Campaigns "), style="bold reverse"))
        self.selected = 0
        self.rows: list[dict] = []
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        from tracker.queries import campaign_rows, campaign_units

        store = self.app.store
        rows = store.call(campaign_rows, store.conn, self.app.as_of)
        for r in rows:
            r["lagging"] = [
                u["unit"] for u in store.call(campaign_units, store.conn, r["id"], self.app.as_of) if u["overdue"]
            ][:5]
        from tracker.tui.units import campaign_extras

        campaign_extras(store, rows, self.app.as_of)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        box = self.query_one("#campaigns", VerticalScroll)
        box.remove_children()
        if not rows:
            box.mount(
                Static(
                    self.tr(
                        "还没有专项整治。用 tracker campaign add 新建。",
                        "No campaigns yet. Add one with tracker campaign add.",
                    )
                )
            )
            return
        for n, r in enumerate(rows):
            bar = ProgressBar(total=max(r["total"], 1), show_eta=False, show_percentage=True)
            bar.progress = r["done"]
            dates = f"{r['start_on']} ~ {r['end_on']}" if r["start_on"] or r["end_on"] else ""
            head = Text.assemble((r["name"], "bold"), f"  {dates}  {r['unit'] or ''}  {r['cadence'] or ''}")
            info = Text.assemble(
                self.tr(f"完成 {r['done']}/{r['total']}  ", f"done {r['done']}/{r['total']}  "),
                (self.tr(f"逾期 {r['overdue']}", f"{r['overdue']} overdue"), "bold red" if r["overdue"] else "green"),
            )
            if r["lagging"]:
                info.append(self.tr("  滞后：", "  lagging: ") + "、".join(r["lagging"]), style="red")
            from tracker.tui.units import campaign_lines

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

    def action_open(self) -> None:
        if self.rows:
            self.dismiss(self.rows[self.selected]["id"])

    def action_back(self) -> None:
        self.dismiss(None)


class DashboardScreen(Localized, Screen):
    """Counts by light per unit, the next 30 days, the on-time rate this year."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "返回")]

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with VerticalScroll(id="dash"):
            yield Static("", id="dash-rate")
            yield Static("", id="dash-days")
            yield Static("", id="dash-units")
        yield Footer(compact=True)

    def tr(self, zh: str, en: str) -> str:
        return en if self.app.lang == "en" else zh

    def on_mount(self) -> None:
        self.query_one("#title-bar", Static).update(Text(self.tr(" 仪表盘 ", " Dashboard "), style="bold reverse"))
        self.load()

    @work(thread=True, exit_on_error=False)
    def load(self) -> None:
        store = self.app.store
        data = store.call(dashboard, store.conn, self.app.as_of, store.source.cal, store.source.soon)
        self.app.call_from_thread(self._show, data)

    def _show(self, data: dict) -> None:
        total = data["stats"]["total"]
        rate = f"{100 * total['on_time_rate']:.1f}%" if total["due"] else "—"
        self.query_one("#dash-rate", Static).update(
            Text.assemble(
                (self.tr(f"{self.app.as_of.year}年按时办结率 ", f"On-time rate {self.app.as_of.year} "), "bold"),
                (rate, "bold green" if total["due"] and total["on_time_rate"] >= 0.95 else "bold yellow"),
                self.tr(
                    f"    应办结 {total['due']}，按时 {total['done_on_time']}，逾期未办 {total['open_overdue']}",
                    f"   due {total['due']}, on time {total['done_on_time']}, open overdue {total['open_overdue']}",
                ),
            )
        )
        days = data["days"]
        peak = max((d["count"] for d in days), default=0) or 1
        blocks = " ▁▂▃▄▅▆▇█"
        strip = Text(self.tr("未来30天到期\n", "Due in the next 30 days\n"), style="bold")
        for d in days:
            n = d["count"]
            ch = blocks[min(8, 1 + (7 * n) // peak)] if n else "·"
            style = "bold red" if n and d["date"] == self.app.as_of else ("yellow" if n else "dim")
            strip.append(ch, style=style if d["workday"] else style + " on grey23")
        first, last = days[0]["date"], days[-1]["date"]
        strip.append(f"\n{first.isoformat()} → {last.isoformat()}  ", style="dim")
        strip.append(self.tr(f"共 {sum(d['count'] for d in days)} 项", f"{sum(d['count'] for d in days)} items"))
        self.query_one("#dash-days", Static).update(strip)
        table = Table(title=self.tr("各单位在办事项", "Open items by unit"), title_justify="left", expand=True)
        table.add_column(self.tr("责任单位", "Unit"))
        table.add_column(self.tr("逾期", "Overdue"), justify="right", style="red")
        table.add_column(self.tr("临期", "Due soon"), justify="right", style="yellow")
        table.add_column(self.tr("正常", "On track"), justify="right", style="green")
        table.add_column(self.tr("在办", "Open"), justify="right")
        for u in data["units"][:200]:
            table.add_row(
                Text(u["unit"] or "—"), str(u["red"] or 0), str(u["yellow"] or 0), str(u["green"] or 0), str(u["open"])
            )
        self.query_one("#dash-units", Static).update(table)


HELP_ZH = """\
[b]督办台账 · 帮助[/b]

[b]看什么[/b]
  1 在办   2 逾期   3 临期   4 复议应诉   5 已办结   0 全部
  /  搜索（文号、事项名称、单位、责任人，边输边查）
  u  按责任单位筛选    w  按责任人筛选    t  按类型筛选
  s  选择排序列        S  倒序            Esc  清除筛选
  c  专项整治（进度条；Enter 查看任务）    b  仪表盘
  ↑↓ PgUp PgDn Home End 移动；Enter 打开事项

[b]做什么[/b]（在列表或事项页）
  n  新建事项（输入类型和收文日期即显示办结时限）
  e  修改    p  记录进展    r  记录催办    x  延期（须填理由）
  d  办结    o  重新打开    Delete  撤销（须填理由）
  表单中 Ctrl+S 保存，Esc 取消（不写入任何内容）

[b]颜色[/b]
  [red]● 红 逾期[/red]：办结时限已过    [yellow]● 黄 临期[/yellow]：3个工作日内到期    [green]● 绿 正常[/green]
  办结时限后的 * 表示暂定：期限跨越放假安排尚未公布的年份。

[b]其他[/b]
  Ctrl+P 命令面板    ?  本帮助    q  退出
  别人修改了数据库，本页几秒内自动刷新。
"""

HELP_EN = """\
[b]Supervision ledger · help[/b]

[b]Views[/b]
  1 open   2 overdue   3 due soon   4 review & litigation   5 done   0 all
  /  search (ref_no, title, unit, owner, as you type)
  u  filter by unit    w  by owner    t  by kind
  s  sort column       S  reverse      Esc  clear filters
  c  campaigns (progress bars; Enter shows tasks)    b  dashboard
  ↑↓ PgUp PgDn Home End move; Enter opens an item

[b]Actions[/b] (in the list or an item)
  n  new item (the deadline shows as you type kind and received date)
  e  edit    p  progress note    r  reminder sent    x  extend (reason required)
  d  done    o  reopen    Delete  cancel (reason required)
  In a form Ctrl+S saves, Esc cancels (nothing is written)

[b]Colours[/b]
  [red]● red overdue[/red]: past due    [yellow]● yellow due soon[/yellow]: within 3 working days    [green]● green on track[/green]
  A * after a due date: provisional, the period crosses a year whose holidays are not announced.

[b]Other[/b]
  Ctrl+P command palette    ?  this help    q  quit
  When another clerk changes the database, the view refreshes within seconds.
"""


class HelpScreen(Localized, ModalScreen):
    """The keys of every screen and what the colours mean."""

    BINDINGS = [Binding("escape,q,question_mark", "app.pop_screen", "关闭")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form help"):
            yield Static(HELP_EN if self.app.lang == "en" else HELP_ZH)
