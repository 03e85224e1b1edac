"""Letters in the UI, hooked in through tracker.tui.screens (app.py
imports this module when it exists):

- an action on an item (EXTRA_ITEM_ACTIONS), `l` and from the command
  palette: a form that proposes the next letter of the escalation
  提醒函 → 督办函 → 挂牌督办通知书 (建议函 beside it), previews its number,
  addressee and reply deadline, and issues it as a DOCX; offered on open
  items, refused at once on the others (and on a matter without a lead
  unit to address the letter to);
- a panel on the item page (EXTRA_ITEM_PANELS): the item's letters in the
  order sent; on a letter, the item it is about and the whole ladder, this
  letter marked.

Every word is in the catalogue (tracker.i18n.letters)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Label, Select, Static

from tracker.deadlines import rule_words
from tracker.errors import UserError
from tracker.files import refuse_database, writing
from tracker.i18n import L, field, label, t
from tracker.letters import (
    LADDER,
    LETTER_KINDS,
    Issued,
    LetterPlan,
    default_filename,
    escalation,
    issue_letter,
    plan_letter,
    template_for,
)
from tracker.queries import get_item
from tracker.text import safe
from tracker.tui import Localized, key
from tracker.tui.dialogs import Form
from tracker.tui.screens import EXTRA_ITEM_ACTIONS, EXTRA_ITEM_PANELS, ActionScreen, ExtraItemAction, ExtraItemPanel
from tracker.tui.store import Store

# The matter's faults that no field of the form can mend: refused before
# the form opens.
REFUSED_AT_ONCE = ("letter_cancelled", "letter_no_unit")


def next_kind(conn: sqlite3.Connection, item_id: int) -> str:
    """The next rung of the ladder for an item: a reminder first, then a
    supervision letter, then listing."""
    _, letters = escalation(conn, item_id)
    sent = {x.kind for x in letters if x.status != "cancelled"}
    for kind in LADDER:
        if kind not in sent:
            return kind
    return LADDER[-1]


class KindChoice(Localized, Select[str]):
    """The kind of letter: a drop-down whose key is labelled in the app's language."""

    @classmethod
    def bindings(cls, lang: str) -> list[Binding]:
        return [key(lang, "enter,down,space,up", "show_overlay", "letter_show_options", show=False)]


# ---------------------------------------------------------------- the form --
class LetterForm(Form):
    """Issue a letter about one item: kind, date sent, reply deadline (a date
    or a rule; neither: the office's default), the file to write (a folder
    or a file; nothing: `folder`, the current one)."""

    def __init__(self, store: Store, lang: str, item: dict, kind: str, folder: Path | None = None):
        super().__init__(store, lang)
        self.item, self.kind = item, kind
        self.folder = folder or Path.cwd()
        self.issued: Issued | None = None
        self.path: Path | None = None

    def title_text(self) -> str:
        return self.tr("letter_ui_title", id=self.item["id"], title=safe(self.item["title"]))

    def fields(self) -> ComposeResult:
        as_of = self.store.as_of
        yield Label(self.tr("form_letter_kind"), classes="field-label")
        yield KindChoice.in_lang(self.lang)(
            [(label(self.lang, f"letter_{k}"), k) for k in LETTER_KINDS],
            value=self.kind,
            allow_blank=False,
            id="kind",
            compact=True,
            classes="wide",
        )
        yield from self.field("letter_on", "on", as_of.isoformat(), as_of.isoformat())
        yield from self.field("letter_due", "due", "", self.tr("letter_ui_due_placeholder"))
        yield from self.field("letter_rule", "rule", "", "5wd")
        yield from self.field("letter_out", "out", "", str(self.folder), wide=True)

    def below_fields(self) -> ComposeResult:
        yield Static(self.tr("letter_ui_hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#save", Button).label = self.tr("letter_ui_issue")
        self.query_one("#kind", Select).focus()
        self._preview()

    def _plan(self) -> LetterPlan:
        kind = str(self.query_one("#kind", Select).value)
        on_day = self.date("on") or self.store.as_of
        rule = self.value("rule").strip() or None
        ledger = self.store.ledger
        return self.store.call(plan_letter, ledger, self.item["id"], kind, on_day, self.date("due"), rule)

    def _auto_path(self) -> bool:
        """Whether the file is named by the letter's number (no file given)."""
        given = self.value("out").strip()
        return not given or Path(given).expanduser().is_dir()

    def _path(self, ref_no: str) -> Path:
        given = self.value("out").strip()
        if not given:
            return self.folder / default_filename(ref_no)
        path = Path(given).expanduser()
        if path.is_dir():
            return path / default_filename(ref_no)
        return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")

    @on(Input.Changed)
    @on(Select.Changed)
    def _preview(self) -> None:
        """The number, addressee and reply deadline the letter would have,
        and the file it would be written to."""
        if not self.is_mounted:
            return
        preview = self.query_one("#preview", Static)
        try:
            plan = self._plan()
        except UserError as e:
            preview.update(Text(self.explain(e), style="yellow"))
            return
        basis = ""
        if plan.rule:
            words = rule_words(self.store.ledger.catalogue, plan.rule, plan.on, self.lang)
            basis = self.tr("letter_ui_basis", basis=words)
        said = self.tr(
            "letter_preview",
            doc=label(self.lang, f"letter_{plan.kind}"),
            ref_no=plan.ref_no,
            unit=safe(plan.matter["unit"]),
            reply_by=plan.due_on.isoformat(),
            basis=basis,
        )
        preview.update(Text(said + "\n" + self.tr("letter_ui_file", path=str(self._path(plan.ref_no)))))
        if not self._saving:
            self.show_error("")

    def explain(self, e: UserError) -> str:
        if e.key == "letter_no_unit":  # the core's words name a CLI command
            return self.tr("letter_ui_no_unit", **e.params)
        return super().explain(e)

    def prepare(self) -> Callable[[], object]:
        plan = self._plan()
        path = self._path(plan.ref_no)
        if path.exists():
            raise UserError("letter_ui_file_exists", path=str(path))
        if not path.parent.is_dir():
            raise UserError("output_no_dir", path=str(path), dir=str(path.parent))
        refuse_database(path, self.store.path)
        template = self.store.call(template_for, self.store.conn, plan.kind, None)
        auto = self._auto_path()
        ledger = self.store.ledger

        def issue() -> None:
            # No version check: the core checks the matter's status in its
            # transaction (another clerk's progress note does not stand in
            # the way of a letter).
            with writing(path, "letter") as tmp:
                self.issued = issue_letter(ledger, plan, tmp, template)
            self.path = path
            if auto and self.issued.ref_no != plan.ref_no:
                # Another clerk took the number meanwhile: the file is named
                # by the number the letter has (when that name is free).
                renamed = path.with_name(default_filename(self.issued.ref_no))
                if not renamed.exists():
                    with contextlib.suppress(OSError):
                        os.replace(path, renamed)
                        self.path = renamed

        return issue


# -------------------------------------------------------------- the action --
def offered(item: dict) -> bool:
    """Letters are issued about open items (a cancelled or done matter is
    not pressed for a reply)."""
    return item["status"] == "open"


def open_letter_form(screen: ActionScreen, item: dict) -> None:
    """l: the letter form for the item at hand (on a letter: the matter it
    is about), the next rung proposed; refused at once (and said why) on an
    item or matter that is not open, or has no unit to address. After issuing, the ledger and the page
    show the letter, and a notice says where its file is."""
    app = screen.app
    store = app.store
    matter_id, _ = store.call(escalation, store.conn, item["id"])
    if matter_id is not None and matter_id != item["id"] and offered(item):
        item = store.call(get_item, store.conn, matter_id)  # a letter: the next one is about its matter
    if not offered(item):
        app.bell()
        why = t(app.lang, "bad_transition", id=item["id"], status=L(item["status"]), action=L("act_letter"))
        app.notify(why, severity="warning", timeout=4)
        return
    kind = store.call(next_kind, store.conn, item["id"])
    try:
        store.call(plan_letter, store.ledger, item["id"], kind, app.as_of)
    except UserError as e:
        if e.key in REFUSED_AT_ONCE:
            app.bell()
            words = t(app.lang, "letter_ui_no_unit", **e.params) if e.key == "letter_no_unit" else e.message(app.lang)
            app.notify(words, severity="warning", timeout=6)
            return  # else the form says what is wrong, and the clerk mends it there
    form = LetterForm.in_lang(app.lang)(store, app.lang, item, kind)

    def done(saved: bool | None) -> None:
        if saved and form.issued is not None:
            issued = form.issued
            app.notify(
                t(app.lang, "letter_ui_done", ref_no=issued.ref_no, id=issued.id, path=str(form.path)), timeout=8
            )
            app.changed()  # the ledger's rows and counts, and the page on top

    app.push_screen(form, done)


# --------------------------------------------------------------- the panel --
def letters_panel(conn: sqlite3.Connection, item: dict, lang: str) -> Table | None:
    """The item page's letters (read in the page's loading thread): on a
    matter, its letters in the order sent; on a letter, the matter it is
    about and the same ladder, this letter marked. None: no letters."""
    matter_id, letters = escalation(conn, item["id"])
    if matter_id is None or not letters:
        return None
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")
    if matter_id != item["id"]:
        matter = get_item(conn, matter_id)
        about = " ".join(filter(None, [f"#{matter_id}", safe(matter["ref_no"] or ""), safe(matter["title"])]))
        grid.add_row(field(lang, "letter_about"), Text(about))
    for n, x in enumerate(letters):
        line = Text("▶ " if x.id == item["id"] else "", style="bold")
        line.append(f"#{x.id} ")
        line.append(
            t(
                lang,
                "letter_ui_line",
                doc=label(lang, f"letter_{x.kind}") if x.kind in LETTER_KINDS else x.kind,
                ref_no=safe(x.ref_no or ""),
                on=x.on or "",
                due=x.due_on or "",
            )
        )
        if x.status != "open":
            line.append(f"  {label(lang, x.status)}", style="dim")
        grid.add_row(field(lang, "letters") if n == 0 else "", line)
    return grid


EXTRA_ITEM_ACTIONS.append(ExtraItemAction("letter_issue", "l", open_letter_form, offered=offered))
EXTRA_ITEM_PANELS.append(ExtraItemPanel("letters", letters_panel))
