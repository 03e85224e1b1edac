"""Modal forms: each validates through the core, shows an error inline,
and writes nothing when cancelled. They dismiss() with True when saved.

A save that loses a race (another clerk changed a field being edited)
keeps the form open with what was typed and says what changed; a write
the database refuses (read-only, disk full, damaged, busy) says why."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, Static

from tracker.dates import parse_optional_date
from tracker.errors import ConflictError, UserError
from tracker.i18n import field, t
from tracker.ledger import split_units
from tracker.queries import get_item
from tracker.text import safe
from tracker.tui import Field, Localized, Page, key, screen_keys
from tracker.tui.store import Store, explain_db_error

PLACEHOLDER_DAYS = 14  # a date field's example: two weeks after today
HEARING_DAYS = 30  # a hearing's example: a month after today


class Form(Localized, ModalScreen[bool]):
    """A form over the store: subclasses give fields and a save()."""

    TITLE_KEY = ""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [*screen_keys(lang), key(lang, "escape", "cancel", "cancel_form"), key(lang, "ctrl+s", "save", "save")]

    def __init__(self, store: Store, lang: str):
        super().__init__()
        self.store = store
        self.lang = lang
        self._saving = False
        self.result_id: int | None = None

    def tr(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)

    def title_text(self) -> str:
        return self.tr(self.TITLE_KEY)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(self.title_text()), classes="form-title")
            with Page.in_lang(self.lang)(classes="form-body"), Grid(classes="fields"):
                yield from self.fields()
            yield from self.below_fields()  # outside the scrolling part: always in sight
            yield Static("", id="preview", classes="preview")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.tr("ui_button_save"), id="save", variant="primary", compact=True)
                yield Button(self.tr("ui_button_cancel"), id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def below_fields(self) -> ComposeResult:
        yield from ()

    def field(
        self, name: str, id: str, value: str = "", placeholder: str = "", wide: bool = False, **kwargs: Any
    ) -> ComposeResult:
        """A label (catalogue `form_<name>`) and a one-line input; `wide` spans the whole row."""
        yield Label(self.tr(f"form_{name}"), classes="field-label")
        yield Field.in_lang(self.lang)(
            value=value, id=id, placeholder=placeholder, compact=True, classes="wide" if wide else "", **kwargs
        )

    def value(self, id: str) -> str:
        return self.query_one(f"#{id}", Input).value

    def date(self, id: str) -> dt.date | None:
        return parse_optional_date(self.value(id))

    def show_error(self, text: str) -> None:
        self.query_one("#error", Static).update(Text(text))  # Text: the clerk's values are not markup

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        """Check the form here, write in a thread: the screen never freezes,
        even while another clerk's long write holds the database."""
        if self._saving:
            return
        try:
            apply = self.prepare()
        except UserError as e:
            self.show_error(self.explain(e))
            return
        self._saving = True
        self.show_error(self.tr("ui_saving"))
        self._write(apply)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, apply: Callable[[], object]) -> None:
        outcome: tuple[str, Any]
        try:
            self.store.write(apply)
            outcome = ("saved", None)
        except ConflictError as e:
            outcome = ("conflict", (e, self.reread()))
        except UserError as e:
            outcome = ("error", e.message(self.lang) if e.key not in FORM_WORDS else self.explain(e))
        except sqlite3.Error as e:
            outcome = ("error", explain_db_error(e, self.store.path, self.lang))
        self.app.call_from_thread(self._written, *outcome)

    def reread(self) -> Any:
        """After a lost race: what the item holds now (in the worker)."""
        return None

    def _written(self, outcome: str, detail: Any) -> None:
        self._saving = False
        if outcome == "saved":
            self.dismiss(True)
        elif outcome == "conflict":
            self.show_conflict(*detail)
        else:  # the form stays, with what was typed
            self.show_error(detail)

    def show_conflict(self, error: ConflictError, now: Any) -> None:
        self.show_error(error.message(self.lang))

    def explain(self, e: UserError) -> str:
        """The error in the form's words (the CLI's name options; a form has fields)."""
        if e.key in FORM_WORDS:
            return self.tr(FORM_WORDS[e.key])
        return e.message(self.lang)

    def prepare(self) -> Callable[[], object]:
        """Read the form (raising UserError for what is wrong in it) and
        return the write to run, which touches no widget."""
        raise NotImplementedError


# Errors whose core message names CLI options: the form's own words.
FORM_WORDS = {"need_due": "form_need_due", "need_received": "form_need_received", "due_and_rule": "form_due_and_rule"}

# The form's fields and the item's keys they edit (the ledger's EDITABLE names).
ITEM_FIELDS = [
    ("title", "title"),
    ("ref_no", "ref_no"),
    ("unit", "unit"),
    ("owner", "owner"),
    ("received", "received_on"),
    ("campaign", "campaign"),
    ("source", "source"),
    ("notes", "notes"),
    ("party", "party"),
    ("organ", "organ"),
    ("hearing", "hearing_on"),
]


def _same(a: object, b: object) -> bool:
    norm = lambda v: v.isoformat() if isinstance(v, dt.date) else (v.strip() or None) if isinstance(v, str) else v  # noqa: E731
    return norm(a) == norm(b)


class ItemForm(Form):
    """New item (n) or edit (e), with a live deadline preview; the lead unit
    offers the existing units as one types, and says when a new one would
    be created."""

    def __init__(
        self,
        store: Store,
        lang: str,
        item: dict | None = None,
        kinds: list[dict] | None = None,
        unit_names: list[str] | None = None,
    ):
        super().__init__(store, lang)
        self.item = item
        self.kinds = kinds or []
        self.unit_names = unit_names or []
        self.TITLE_KEY = "form_title_edit" if item else "form_title_new"

    def fields(self) -> ComposeResult:
        it = self.item or {}
        as_of = self.store.as_of
        options = [(k["label_en"] if self.lang == "en" else k["label_zh"], k["id"]) for k in self.kinds]
        yield Label(self.tr("form_kind"), classes="field-label")
        yield Select(options, value=it.get("kind", "task"), allow_blank=False, id="kind", compact=True, classes="wide")
        yield from self.field("title", "title", it.get("title") or "", wide=True)
        # A new item is received today unless the clerk says otherwise.
        received = it.get("received_on") or ("" if self.item else as_of.isoformat())
        yield from self.field("received", "received", received, as_of.isoformat())
        due = it.get("due_on") or "" if not it.get("rule") else ""
        yield from self.field("due", "due", due, self.tr("form_due_placeholder"))
        yield from self.field("rule", "rule", it.get("rule") or "", "review-reply / 5wd")
        yield from self.field(
            "ref_no", "ref_no", it.get("ref_no") or "", self.tr("form_ref_placeholder", year=as_of.year)
        )
        suggest = SuggestFromList(self.unit_names, case_sensitive=False)
        yield from self.field("unit", "unit", it.get("unit") or "", suggester=suggest)
        yield from self.field("owner", "owner", it.get("owner") or "")
        yield from self.field("assist", "assist", it.get("assist_units") or "", self.tr("form_assist_placeholder"))
        yield from self.field("campaign", "campaign", it.get("campaign") or "")
        yield from self.field("source", "source", it.get("source") or "", wide=True)
        yield from self.field("notes", "notes", it.get("notes") or "", wide=True)
        # Review and litigation: who brought it, where, and the hearing (a deadline too).
        yield from self.field("party", "party", it.get("party") or "")
        yield from self.field("organ", "organ", it.get("organ") or "")
        hearing_example = (as_of + dt.timedelta(days=HEARING_DAYS)).isoformat()
        yield from self.field("hearing", "hearing", it.get("hearing_on") or "", hearing_example)

    def below_fields(self) -> ComposeResult:
        yield Static("", id="unit-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._preview()
        self._unit_hint()

    @on(Input.Changed, "#unit")
    def _unit_hint(self) -> None:
        """A unit not in the ledger would be created: say so, and offer the
        names that contain what was typed (a typo: 法规 for 法规科)."""
        typed = self.value("unit").strip()
        hint = self.query_one("#unit-hint", Static)
        if not typed or typed in self.unit_names or typed == (self.item or {}).get("unit"):
            hint.update("")
            hint.display = False
            return
        hint.display = True
        near = [n for n in self.unit_names if typed in n or n in typed][:5]
        text = self.tr("form_unit_new", unit=safe(typed))
        if near:
            text += "  " + self.tr("form_unit_existing", units=self.tr("ui_list_sep").join(near))
        hint.update(Text(text, style="yellow"))

    @on(Input.Changed)
    @on(Select.Changed)
    def _preview(self) -> None:
        """Show the deadline the form would store, or why it cannot."""
        preview = self.query_one("#preview", Static)
        kind = self.query_one("#kind", Select).value
        try:
            received, due = self.date("received"), self.date("due")
            rule = self.value("rule").strip() or None
            if due and not rule:
                preview.update(Text(self.tr("form_due_preview", due=due.isoformat(), mark="")))
            else:
                due_on, rule_id, deadline = self.store.call(self.store.ledger.resolve_due, kind, received, None, rule)
                mark = self.tr("ui_provisional_short") if deadline and deadline.provisional else ""
                preview.update(
                    Text(
                        self.tr("form_due_preview", due=due_on.isoformat(), mark=mark)
                        + "\n"
                        + (deadline.basis(self.lang) if deadline else "")
                    )
                )
            if not self._saving:
                self.show_error("")
        except UserError as e:
            preview.update(Text(self.tr("form_due_unknown", why=self.explain(e))))

    def read(self) -> tuple[dict, list[str], dt.date | None, str | None]:
        values: dict[str, Any] = {"kind": self.query_one("#kind", Select).value}
        for id_, name in ITEM_FIELDS:
            values[name] = self.date(id_) if name in ("received_on", "hearing_on") else self.value(id_)
        rule = self.value("rule").strip() or None
        return values, split_units(self.value("assist")), self.date("due"), rule

    def prepare(self) -> Callable[[], object]:
        values, assist, due, rule = self.read()
        if due and rule:
            rule = None if self.item and self.item.get("rule") == rule else rule
        ledger = self.store.ledger
        if self.item is None:

            def add() -> None:
                self.result_id = ledger.add(assist_units=assist, due_on=due, rule=rule, **values).id

            return add
        item = self.item
        changes = {k: v for k, v in values.items() if not _same(item.get(k), v)}
        if assist != split_units(item.get("assist_units")):
            changes["assist_units"] = assist
        if due and due.isoformat() != item.get("due_on"):
            changes["due_on"] = due
        if (rule or None) != (item.get("rule") or None) and "due_on" not in changes:
            changes["rule"] = rule or ""
        # What the form read of each field it changes: another clerk's change
        # of other fields (a progress note) does not stand in the way.
        read = {k: split_units(item.get(k)) if k == "assist_units" else item.get(k) for k in changes}
        item_id = item["id"]
        self.result_id = item_id
        return lambda: changes and ledger.edit(item_id, changes, read=read)

    def reread(self) -> Any:
        if self.item is None:
            return None
        return self.store.call(get_item, self.store.conn, self.item["id"])

    def show_conflict(self, error: ConflictError, now: Any) -> None:
        """Say which fields another clerk changed, to what; keep what was
        typed. The form now stands on the item as it is: Ctrl+S again
        saves the clerk's values over the other's."""
        if now is None:
            self.show_error(error.message(self.lang))
            return
        names = error.params.get("fields") or []
        what = self.tr("ui_list_sep").join(
            self.tr("ui_changed_field", field=field(self.lang, n), value=safe(now.get(n) or "—")) for n in names
        )
        self.item = now
        self.show_error(self.tr("form_conflict", id=now["id"], changes=what or "—"))


class ActionForm(Form):
    """One action on one item: progress, reminder, extension, done, reopen, cancel."""

    # action: (text field or None, date field or None)
    SPECS: dict[str, tuple[str | None, str | None]] = {
        "note": ("note_text", None),
        "remind": ("remind_text", None),
        "extend": ("extend_reason", "extend_to"),
        "done": ("done_text", "done_on"),
        "reopen": ("reopen_reason", None),
        "cancel": ("cancel_reason", None),
    }

    def __init__(self, store: Store, lang: str, action: str, item: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.action, self.item, self.as_of = action, item, as_of

    def title_text(self) -> str:
        return self.tr(f"form_title_{self.action}", title=safe(self.item["title"]))

    def fields(self) -> ComposeResult:
        text, date = self.SPECS[self.action]
        yield Label(self.tr("form_due"), classes="field-label")
        yield Static(Text(self.item["due_on"] or ""), classes="wide")
        if date:
            default = self.as_of.isoformat() if self.action == "done" else ""
            example = (self.as_of + dt.timedelta(days=PLACEHOLDER_DAYS)).isoformat()
            yield from self.field(date, "date", default, example, wide=True)
        if text:
            yield from self.field(text, "text", wide=True)
        if self.action == "extend":
            yield from self.field("approver", "approver", wide=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def prepare(self) -> Callable[[], object]:
        # No version check: the ledger checks the status each action needs
        # (another clerk's progress note does not stand in the way of done).
        led, i, as_of = self.store.ledger, self.item["id"], self.as_of
        text_field, date_field = self.SPECS[self.action]
        text = self.value("text") if text_field else ""
        when = self.date("date") if date_field else None
        if self.action == "extend" and when is None:
            raise UserError("bad_date", value="")
        approver = self.value("approver") if self.action == "extend" else None

        def extend() -> None:
            assert when is not None
            led.extend(i, when, text, approver=approver)

        actions: dict[str, Callable[[], object]] = {
            "note": lambda: led.note(i, text),
            "remind": lambda: led.remind(i, text),
            "extend": extend,
            "done": lambda: led.done(i, when or as_of, text),
            "reopen": lambda: led.reopen(i, text),
            "cancel": lambda: led.cancel(i, text, as_of),
        }
        return actions[self.action]


class PickForm(Localized, ModalScreen[str | None]):
    """Pick one value from a list (unit, owner, kind, sort), with typing to filter."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [*screen_keys(lang), key(lang, "escape", "cancel", "cancel_form")]

    def __init__(self, title: str, options: list[tuple[str, str]], lang: str):
        super().__init__()
        self.title_, self.options, self.lang = title, options, lang
        self._shown = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="form pick"):
            yield Static(Text(self.title_), classes="form-title")
            yield Field.in_lang(self.lang)(placeholder=t(self.lang, "ui_pick_filter"), id="filter", compact=True)
            yield OptionList(*[Text(safe(label)) for label, _ in self.options], id="options")

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        ol = self.query_one("#options", OptionList)
        ol.clear_options()
        self._shown = [(lb, v) for lb, v in self.options if event.value.strip() in lb]
        ol.add_options([Text(safe(lb)) for lb, _ in self._shown])
        ol.highlighted = 0 if self._shown else None

    @on(Input.Submitted, "#filter")
    def _submit(self) -> None:
        ol = self.query_one("#options", OptionList)
        if ol.highlighted is not None and self._shown:
            self.dismiss(self._shown[ol.highlighted][1])

    def on_key(self, event: Key) -> None:
        if event.key in ("down", "up"):
            ol = self.query_one("#options", OptionList)
            if event.key == "down":
                ol.action_cursor_down()
            else:
                ol.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._shown[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
