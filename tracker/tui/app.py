"""The Textual app: the ledger screen over a Store, live refresh, the
command palette and help."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette, Hit, Hits, Provider

from tracker.i18n import t
from tracker.tui import Localized, key
from tracker.tui.screens import (
    EXTRA_ITEM_ACTIONS,
    EXTRA_SCREENS,
    ITEM_COMMANDS,
    ActionScreen,
    HelpScreen,
    HomeScreen,
    TrackerScreen,
)
from tracker.tui.store import Store

POLL_SECONDS = 2.0
EXTRA_MODULES = ("legal", "units", "letters")  # add their screens and actions when present (screens.py)


def _load_extras() -> None:
    for name in EXTRA_MODULES:
        try:
            importlib.import_module(f"tracker.tui.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"tracker.tui.{name}":
                raise


_load_extras()


class TrackerCommands(Provider):
    """The command palette (Ctrl+P): the views and filters, the actions on
    the item at hand (延期, 办结 ... on the ledger's current row or the item
    page), and Textual's own commands, all in the app's language. A query
    in either language finds a command."""

    @property
    def tracker(self) -> TrackerApp:
        app = self.app
        assert isinstance(app, TrackerApp)
        return app

    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app = self.tracker
        lang = app.lang
        other = "zh" if lang == "en" else "en"
        home = app.home

        def entry(name: str, fn: Callable[[], Any]) -> tuple[str, str, Callable[[], Any]]:
            return t(lang, f"cmd_{name}"), t(other, f"cmd_{name}"), fn

        def view(v: str) -> None:
            app.go_home()
            home.action_view(v)

        screen = self.screen
        item = screen.item_for_action() if isinstance(screen, ActionScreen) else None
        if isinstance(screen, ActionScreen) and item is not None:
            for action, name in ITEM_COMMANDS:
                fn = screen.action_edit if action == "edit" else partial(screen.action_act, action)
                yield entry(name, fn)
            for act in EXTRA_ITEM_ACTIONS:
                if act.offered(item):
                    yield entry(act.name, partial(screen.action_extra_act, act.name))
        yield entry("new", home.action_new)
        for v in ("overdue", "soon", "open", "legal", "done", "all"):
            yield entry(f"view_{v}", partial(view, v))
        yield entry("search", home.action_search)
        yield entry("unit", home.action_pick_unit)
        yield entry("owner", home.action_pick_owner)
        yield entry("kind", home.action_pick_kind)
        yield entry("sort", home.action_pick_sort)
        yield entry("campaigns", home.action_campaigns)
        yield entry("dashboard", home.action_dashboard)
        for extra in EXTRA_SCREENS:
            yield entry(extra.name, partial(home.action_extra, extra.name))
        yield entry("help", app.action_help)
        yield entry("refresh", app.action_refresh)
        yield entry("keys", app.action_keys)
        yield entry("quit", app.exit)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for shown, other, fn in self._commands():
            score = max(matcher.match(shown), matcher.match(other))
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(shown), fn, text=shown)
        if not found:
            # Textual's own "No matches found" is English only: say it here.
            yield Hit(1.0, t(self.tracker.lang, "ui_no_command"), lambda: None)

    async def discover(self) -> Hits:
        for shown, _, fn in self._commands():
            yield Hit(1.0, shown, fn, text=shown)


class TrackerApp(Localized, App[None]):
    """督办台账: the ledger clerks work in all day."""

    CSS_PATH = "tracker.tcss"
    TITLE = "tracker"
    COMMANDS = {TrackerCommands}

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [
            key(lang, "ctrl+p", "command_palette", "palette", show=False, priority=True),
            key(lang, "ctrl+q", "quit", "quit", show=False, priority=True),
            key(lang, "question_mark,f1", "help", "help"),
            key(lang, "f5", "refresh", "refresh", show=False),
        ]

    def __new__(cls, *args: Any, **kwargs: Any) -> TrackerApp:
        # The app's key labels are in its language: it is an instance of
        # the class whose BINDINGS are in that language (Localized).
        lang = kwargs.get("lang", args[1] if len(args) > 1 else "zh")
        return super().__new__(cls.in_lang(lang))

    def __init__(
        self,
        db_path: str | Path,
        lang: str = "zh",
        as_of: dt.date | None = None,
        actor: str | None = None,
        poll_seconds: float = POLL_SECONDS,
    ):
        super().__init__()
        self.lang = lang
        self.as_of = as_of or dt.date.today()
        self.store = Store(db_path, self.as_of, lang, actor)
        self.poll_seconds = poll_seconds
        self.home: HomeScreen

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.home = HomeScreen.in_lang(self.lang)()
        self.push_screen(self.home)
        self.set_interval(self.poll_seconds, self._poll)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def changed(self) -> None:
        """One's own write is in: the ledger (rows and tab counts) and the
        screen on top show it now (no poll sees one's own commits)."""
        self.home.refresh_all()
        if isinstance(self.screen, TrackerScreen) and self.screen is not self.home:
            self.screen.reload()

    def _poll(self) -> None:
        """Another clerk committed: refresh what is on screen, keep the cursor."""
        if self.store.changed_elsewhere():
            self.store.refresh_calendar()
            self.changed()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.in_lang(self.lang)())

    def action_keys(self) -> None:
        if self.screen.query("KeyPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_refresh(self) -> None:
        self.store.refresh_calendar()
        self.changed()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=t(self.lang, "ui_palette_placeholder"), id="--command-palette"))

    def on_unmount(self) -> None:
        self.store.close()


def run_app(db_path: str | Path, lang: str = "zh", as_of: dt.date | None = None) -> None:
    """Run the UI in this terminal. With no terminal (cron, a pipe) there is
    nothing to draw on: say so in one line and exit with status 1, rather
    than run a UI nobody sees."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        sys.stderr.write(t(lang, "ui_no_terminal") + "\n")
        raise SystemExit(1)
    TrackerApp(db_path, lang=lang, as_of=as_of).run()
