"""The terminal UI (Textual). A shell over tracker's core: no SQL here, and
no user-facing words either (they are in the catalogue, tracker.i18n.ui).

Key labels follow the language through Textual's public means: a screen or
widget gives its bindings for a language (`bindings(lang)`), and
`cls.in_lang(lang)` is the subclass whose BINDINGS are those, made once per
class and language. Every binding has an id (`tracker.<name>`), so a keymap
(App.set_keymap) can move a key without touching its label.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input

from tracker.i18n import MESSAGES, t

# A traffic light's colour, the one map the UI draws lights with.
LIGHT_STYLE = {"red": "bold red", "yellow": "bold yellow", "green": "green"}
LATE_STYLE = "red"  # a done item closed after its due date

N = TypeVar("N", bound="Localized")


def key(lang: str, keys: str, action: str, name: str, show: bool = True, **kwargs) -> Binding:
    """A binding whose label (`key_<name>`) and tooltip (`tip_<name>`) are
    in `lang`, with the id tracker.<name>."""
    tip = t(lang, f"tip_{name}") if f"tip_{name}" in MESSAGES else ""
    return Binding(keys, action, t(lang, f"key_{name}"), show=show, tooltip=tip, id=f"tracker.{name}", **kwargs)


def screen_keys(lang: str) -> list[Binding]:
    """Textual's own screen keys (Screen.BINDINGS), labelled in `lang`."""
    return [
        key(lang, "tab", "app.focus_next", "focus_next", show=False),
        key(lang, "shift+tab", "app.focus_previous", "focus_previous", show=False),
        key(lang, "ctrl+c,super+c", "screen.copy_text", "copy", show=False),
    ]


def scroll_keys(lang: str) -> list[Binding]:
    """Textual's own scrolling keys (ScrollableContainer.BINDINGS), labelled in `lang`."""
    return [
        key(lang, "up", "scroll_up", "scroll_up", show=False),
        key(lang, "down", "scroll_down", "scroll_down", show=False),
        key(lang, "left", "scroll_left", "scroll_left", show=False),
        key(lang, "right", "scroll_right", "scroll_right", show=False),
        key(lang, "home", "scroll_home", "scroll_home", show=False),
        key(lang, "end", "scroll_end", "scroll_end", show=False),
        key(lang, "pageup", "page_up", "page_up", show=False),
        key(lang, "pagedown", "page_down", "page_down", show=False),
        key(lang, "ctrl+pageup", "page_left", "page_left", show=False),
        key(lang, "ctrl+pagedown", "page_right", "page_right", show=False),
    ]


class Localized:
    """A node whose key labels follow the language: subclasses give
    bindings(lang); make instances of cls.in_lang(lang)."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return []

    @classmethod
    def in_lang(cls: type[N], lang: str) -> type[N]:
        """This class with its BINDINGS in `lang` (the same class name, so the
        stylesheet's rules apply to it)."""
        return _in_lang(cls, lang)


_CLASSES: dict[tuple, Any] = {}


def _in_lang(cls: type[N], lang: str) -> type[N]:
    if cls.__dict__.get("_lang") is not None:  # one language's class: start from its base
        cls = cls.__bases__[0]
    bindings = cls.bindings(lang)
    # One class per set of bindings (a module may add keys: screens.EXTRA_SCREENS).
    mark = (cls, lang, tuple((b.key, b.action, b.description) for b in bindings))
    made = _CLASSES.get(mark)
    if made is None:
        namespace = {"BINDINGS": bindings, "_lang": lang, "__module__": cls.__module__, "__doc__": cls.__doc__}
        made = _CLASSES[mark] = type(cls.__name__, (cls,), namespace)
    return made


# Textual's Input keys: (keys, action, name); labels key_<name>.
INPUT_KEYS = [
    ("left", "cursor_left", "input_left"),
    ("shift+left", "cursor_left(True)", "input_select_left"),
    ("ctrl+left", "cursor_left_word", "input_left_word"),
    ("ctrl+shift+left", "cursor_left_word(True)", "input_select_left_word"),
    ("right", "cursor_right", "input_right"),
    ("shift+right", "cursor_right(True)", "input_select_right"),
    ("ctrl+right", "cursor_right_word", "input_right_word"),
    ("ctrl+shift+right", "cursor_right_word(True)", "input_select_right_word"),
    ("backspace", "delete_left", "input_delete_left"),
    ("ctrl+shift+a", "select_all", "input_select_all"),
    ("home,ctrl+a", "home", "input_home"),
    ("end,ctrl+e", "end", "input_end"),
    ("shift+home", "home(True)", "input_select_home"),
    ("shift+end", "end(True)", "input_select_end"),
    ("delete,ctrl+d", "delete_right", "input_delete_right"),
    ("enter", "submit", "input_submit"),
    ("ctrl+w", "delete_left_word", "input_delete_left_word"),
    ("ctrl+u,super+backspace", "delete_left_all", "input_delete_left_all"),
    ("ctrl+backspace,alt+backspace", "delete_right_word", "input_delete_right_word"),
    ("ctrl+k", "delete_right_all", "input_delete_right_all"),
    ("ctrl+x", "cut", "input_cut"),
    ("ctrl+c,super+c", "copy", "input_copy"),
    ("ctrl+v", "paste", "input_paste"),
]


def input_keys(lang: str) -> list[Binding]:
    """Textual's own text input keys (Input.BINDINGS), labelled in `lang`."""
    return [key(lang, keys, action, name, show=False) for keys, action, name in INPUT_KEYS]


class Field(Localized, Input):
    """A text input whose editing keys are labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        scrolling = ("up", "down", "pageup", "pagedown", "ctrl+pageup", "ctrl+pagedown")
        return [*(b for b in scroll_keys(lang) if b.key in scrolling), *input_keys(lang)]


class Page(Localized, VerticalScroll):
    """A scrolling page whose scroll keys are labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return scroll_keys(lang)


def table_keys(lang: str, open_name: str) -> list[Binding]:
    """The keys of a DataTable of tracker (a list of rows to open with
    Enter, named `open_name` in the catalogue), labelled in `lang`."""
    return [
        *(b for b in scroll_keys(lang) if b.key in ("ctrl+pageup", "ctrl+pagedown")),
        key(lang, "enter", "select_cursor", open_name),
        key(lang, "up", "cursor_up", "up", show=False),
        key(lang, "down", "cursor_down", "down", show=False),
        key(lang, "left", "cursor_left", "scroll_left", show=False),
        key(lang, "right", "cursor_right", "scroll_right", show=False),
        key(lang, "pageup", "page_up", "page_up", show=False),
        key(lang, "pagedown", "page_down", "page_down", show=False),
        key(lang, "ctrl+home", "scroll_top", "first", show=False),
        key(lang, "ctrl+end", "scroll_bottom", "last", show=False),
        key(lang, "home", "scroll_home", "scroll_home", show=False),
        key(lang, "end", "scroll_end", "scroll_end", show=False),
    ]
