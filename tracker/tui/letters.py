"""Letters in the UI: on an item's page, `l` opens a form that issues a
letter (提醒函、督办函、建议函、挂牌督办通知书) with a live preview of its
number, addressee and reply deadline; the page shows the item's letters in
the order sent (提醒 → 督办 → 挂牌)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Select, Static

from tracker.errors import UserError
from tracker.i18n import field, label, t
from tracker.letters import (
    LETTER_KINDS,
    Issued,
    default_filename,
    escalation,
    issue_letter,
    plan_letter,
    say_escalation,
    template_for,
)
from tracker.tui.dialogs import Form


def next_kind(conn, item_id: int) -> str:
    """The next rung of the ladder for an item: a reminder first, then a
    supervision letter, then listing."""
    _, letters = escalation(conn, item_id)
    sent = {x.kind for x in letters if x.status != "cancelled"}
    for kind in ("reminder", "supervision", "listed"):
        if kind not in sent:
            return kind
    return "listed"


class LetterForm(Form):
    """Issue a letter about one item: kind, date sent, reply deadline (a date
    or a rule; empty: the office's default), the file to write."""

    def __init__(self, store, lang: str, item: dict, folder: Path | None = None):
        super().__init__(store, lang)
        self.item = item
        self.folder = folder or Path.cwd()
        self.TITLE_ZH = t("zh", "letter_ui_title", id=item["id"]) + f"  {item['title']}"
        self.TITLE_EN = t("en", "letter_ui_title", id=item["id"]) + f"  {item['title']}"
        self.kind = store.call(next_kind, store.conn, item["id"])
        self.issued: Issued | None = None
        self.path: Path | None = None

    def fields(self) -> ComposeResult:
        options = [(label(self.lang, f"letter_{k}"), k) for k in LETTER_KINDS]
        yield Label(t(self.lang, "letter_ui_kind"), classes="field-label")
        yield Select(options, value=self.kind, allow_blank=False, id="kind", compact=True, classes="wide")
        yield from self.field(*self._labels("letter_ui_on"), "on", self.store.as_of.isoformat(), "2026-03-02")
        yield from self.field(*self._labels("letter_ui_due"), "due", "", "2026-03-16")
        yield from self.field(*self._labels("letter_ui_rule"), "rule", "", "5wd")
        yield from self.field(*self._labels("letter_ui_out"), "out", "", str(self.folder), wide=True)

    def _labels(self, key: str) -> tuple[str, str]:
        return t("zh", key), t("en", key)

    def on_mount(self) -> None:
        self.query_one("#kind", Select).focus()
        self._preview()

    def _plan(self):
        kind = str(self.query_one("#kind", Select).value)
        on_day = self.date("on") or self.store.as_of
        rule = self.value("rule").strip() or None
        return self.store.call(plan_letter, self.store.ledger, self.item["id"], kind, on_day, self.date("due"), rule)

    def _path(self, plan) -> Path:
        given = self.value("out").strip()
        if not given:
            return self.folder / default_filename(plan.ref_no)
        path = Path(given).expanduser()
        if path.is_dir():
            return path / default_filename(plan.ref_no)
        return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")

    @on(Input.Changed)
    @on(Select.Changed)
    def _preview(self) -> None:
        """The number, addressee and reply deadline the letter would have."""
        preview = self.query_one("#preview", Static)
        try:
            plan = self._plan()
        except UserError as e:
            preview.update(Text(self.explain(e)))
            return
        basis = ""
        if plan.rule:
            from tracker.deadlines import rule_words

            basis = f"（{rule_words(self.store.ledger.catalogue, plan.rule, plan.on, self.lang)}）"
        preview.update(
            Text(
                t(
                    self.lang,
                    "letter_preview",
                    doc=label(self.lang, f"letter_{plan.kind}"),
                    ref_no=plan.ref_no,
                    unit=plan.matter["unit"],
                    reply_by=plan.due_on.isoformat(),
                    basis=basis,
                )
                + "\n"
                + str(self._path(plan))
            )
        )
        self.show_error("")

    def prepare(self):
        plan = self._plan()
        path = self._path(plan)
        if path.exists():
            raise UserError("file_exists", path=str(path))
        if not path.parent.is_dir():
            raise UserError("output_no_dir", path=str(path), dir=str(path.parent))
        template = self.store.call(template_for, self.store.conn, plan.kind, None)
        version = self.item["version"]

        def issue():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".docx.tmp")
            os.close(fd)
            try:
                self.issued = issue_letter(self.store.ledger, plan, Path(tmp), template, expected_version=version)
                os.replace(tmp, path)
            except OSError as e:
                raise UserError("output_failed", path=str(path), problem=e.strerror or str(e)) from None
            finally:
                with contextlib.suppress(OSError):
                    Path(tmp).unlink(missing_ok=True)
            self.path = path

        return issue


def open_letter_form(screen) -> None:
    """From an item's page: the letter form; afterwards the page reloads
    and says what was issued and where the file is."""
    item = screen.item_for_action()
    if item is None:
        screen.app.bell()
        return
    app = screen.app
    form = LetterForm(app.store, app.lang, item)

    def done(saved: bool | None) -> None:
        if saved and form.issued is not None:
            app.notify(
                t(app.lang, "letter_ui_done", ref_no=form.issued.ref_no, id=form.issued.id, path=str(form.path)),
                timeout=8,
            )
        screen.after_change()

    app.push_screen(form, done)


def show_letters(screen, item: dict) -> None:
    """The item's letters on its page (#letters), the ladder in order."""
    store, lang = screen.app.store, screen.app.lang
    matter_id, letters = store.call(escalation, store.conn, item["id"])
    target = screen.query_one("#letters", Static)
    target.display = bool(letters)
    if not letters:
        return
    text = Text(field(lang, "letters") + ("：" if lang != "en" else ": "), style="bold")
    if matter_id is not None and matter_id != item["id"]:
        text.append(f"（{field(lang, 'letter_about')} #{matter_id}）" if lang != "en" else f"(about #{matter_id}) ")
    text.append(say_escalation(letters, lang, current=item["id"]))
    target.update(text)
