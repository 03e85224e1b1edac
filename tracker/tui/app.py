"""The Textual app: the ledger screen over a Store, live refresh, the
command palette and help."""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.command import Hit, Hits, Provider

from tracker import tui
from tracker.tui import Localized
from tracker.tui.screens import DashboardScreen, HelpScreen, HomeScreen
from tracker.tui.store import Store

POLL_SECONDS = 2.0


class TrackerCommands(Provider):
    """The main actions in the command palette (Ctrl+P)."""

    def _commands(self):
        app = self.app
        en = app.lang == "en"
        screen = app.home

        def view(v):
            app.go_home()
            screen.action_view(v)

        items = [
            ("新建事项 New item", screen.action_new),
            ("逾期事项 Overdue items", partial(view, "overdue")),
            ("临期事项 Due soon", partial(view, "soon")),
            ("在办事项 Open items", partial(view, "open")),
            ("复议应诉 Review & litigation", partial(view, "legal")),
            ("已办结 Done items", partial(view, "done")),
            ("全部事项 All items", partial(view, "all")),
            ("搜索 Search", screen.action_search),
            ("按单位筛选 Filter by unit", screen.action_pick_unit),
            ("按责任人筛选 Filter by owner", screen.action_pick_owner),
            ("按类型筛选 Filter by kind", screen.action_pick_kind),
            ("排序 Sort", screen.action_pick_sort),
            ("专项整治 Campaigns", screen.action_campaigns),
            ("仪表盘 Dashboard", screen.action_dashboard),
            ("帮助 Help", app.action_help),
            ("刷新 Refresh", app.action_refresh),
        ]
        for name, fn in items:
            zh, _, rest = name.partition(" ")
            yield (rest if en else zh), fn, name

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for shown, fn, full in self._commands():
            score = max(matcher.match(shown), matcher.match(full))
            if score > 0:
                yield Hit(score, matcher.highlight(shown), fn)

    async def discover(self) -> Hits:
        for shown, fn, _ in self._commands():
            yield Hit(1.0, shown, fn)


class TrackerApp(Localized, App):
    """督办台账: the ledger clerks work in all day."""

    CSS_PATH = "tracker.tcss"
    TITLE = "tracker"
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS = [
        Binding("question_mark", "help", "帮助", tooltip="帮助 Help"),
        Binding("q", "quit", "退出", tooltip="退出 Quit"),
        Binding("f5", "refresh", "刷新", show=False),
    ]

    def __init__(
        self,
        db_path: str | Path,
        lang: str = "zh",
        as_of: dt.date | None = None,
        actor: str | None = None,
        poll_seconds: float = POLL_SECONDS,
    ):
        tui.LANG = lang
        super().__init__()
        self.lang = lang
        self.as_of = as_of or dt.date.today()
        self.store = Store(db_path, self.as_of, lang, actor)
        self.poll_seconds = poll_seconds

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.home = HomeScreen()
        self.push_screen(self.home)
        self.set_interval(self.poll_seconds, self._poll)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def _poll(self) -> None:
        """Another clerk committed: refresh what is on screen, keep the cursor."""
        if self.store.changed_elsewhere():
            self.store.refresh_calendar()
            self.home.refresh_all()
            if hasattr(self.screen, "load") and self.screen is not self.home:
                self.screen.load()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_refresh(self) -> None:
        self.store.refresh_calendar()
        self.home.refresh_all()
        if isinstance(self.screen, DashboardScreen):
            self.screen.load()

    def on_unmount(self) -> None:
        self.store.close()


def run_app(db_path, lang: str = "zh", as_of: dt.date | None = None) -> None:
    TrackerApp(db_path, lang=lang, as_of=as_of).run()
