"""Modal forms: each validates through the core, shows an error inline,
and writes nothing when cancelled. They dismiss() with True when saved."""

from __future__ import annotations

import datetime as dt
import sqlite3

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from tracker.dates import parse_optional_date
from tracker.errors import ConflictError, UserError
from tracker.ledger import split_units
from tracker.tui import Localized


class Form(Localized, ModalScreen[bool]):
    """A form over the store: subclasses give fields and a save()."""

    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存")]
    TITLE_ZH = TITLE_EN = ""

    def __init__(self, store, lang: str):
        super().__init__()
        self.store = store
        self.lang = lang
        self._saving = False

    def tr(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(Text(self.tr(self.TITLE_ZH, self.TITLE_EN)), classes="form-title")
            with VerticalScroll(classes="form-body"), Grid(classes="fields"):
                yield from self.fields()
            yield Static("", id="preview", classes="preview")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(self.tr("保存 Ctrl+S", "Save Ctrl+S"), id="save", variant="primary", compact=True)
                yield Button(self.tr("取消 Esc", "Cancel Esc"), id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def field(
        self, label_zh: str, label_en: str, id: str, value: str = "", placeholder: str = "", wide: bool = False
    ) -> ComposeResult:
        """A label and a one-line input; `wide` spans the whole row."""
        yield Label(self.tr(label_zh, label_en), classes="field-label")
        yield Input(value=value, id=id, placeholder=placeholder, compact=True, classes="wide" if wide else "")

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
        self.show_error(self.tr("保存中…", "saving…"))
        self._write(apply)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _write(self, apply) -> None:
        try:
            self.store.write(apply)
            outcome = ("saved", None)
        except ConflictError as e:
            outcome = ("conflict", e)
        except UserError as e:
            outcome = ("error", e)
        except sqlite3.OperationalError:
            outcome = ("busy", None)
        self.app.call_from_thread(self._written, *outcome)

    def _written(self, outcome: str, error: UserError | None) -> None:
        self._saving = False
        if outcome == "saved":
            self.dismiss(True)
        elif outcome == "conflict":
            self.app.notify(error.message(self.lang), severity="error", timeout=8)
            self.dismiss(True)  # the caller reloads: nothing was overwritten
        elif outcome == "error":
            self.show_error(self.explain(error))
        else:  # still busy after the busy timeout: say so, keep the form
            self.show_error(
                self.tr(
                    "数据库正忙（他人正在大量写入），未保存；请稍后再按 Ctrl+S",
                    "the database is busy (someone is writing a lot); not saved, press Ctrl+S again",
                )
            )

    def explain(self, e: UserError) -> str:
        """The error in the form's words (the CLI's name options; a form has fields)."""
        if e.key == "need_due":
            return self.tr("请填写办结时限，或期限规则和收文日期", "give a due date, or a rule and the received date")
        if e.key == "need_received":
            return self.tr("按规则计算期限需要收文日期", "the rule needs the received date")
        if e.key == "due_and_rule":
            return self.tr("办结时限与期限规则只填一个", "give either a due date or a rule, not both")
        return e.message(self.lang)

    def prepare(self):
        """Read the form (raising UserError for what is wrong in it) and
        return the write to run, which touches no widget."""
        raise NotImplementedError


class ItemForm(Form):
    """New item (n) or edit (e), with a live deadline preview."""

    def __init__(self, store, lang: str, item: dict | None = None, kinds: list[dict] | None = None):
        super().__init__(store, lang)
        self.item = item
        self.kinds = kinds or []
        self.TITLE_ZH = "修改事项" if item else "新建事项"
        self.TITLE_EN = "Edit item" if item else "New item"

    def fields(self) -> ComposeResult:
        it = self.item or {}
        options = [(k["label_en"] if self.lang == "en" else k["label_zh"], k["id"]) for k in self.kinds]
        yield Label(self.tr("类型", "Kind"), classes="field-label")
        yield Select(options, value=it.get("kind", "task"), allow_blank=False, id="kind", compact=True, classes="wide")
        yield from self.field("事项名称", "Title", "title", it.get("title") or "", wide=True)
        # A new item is received today unless the clerk says otherwise.
        received = it.get("received_on") or ("" if self.item else self.store.as_of.isoformat())
        yield from self.field("收文日期", "Received", "received", received, "2026-03-02")
        yield from self.field(
            "办结时限",
            "Due",
            "due",
            it.get("due_on") or "" if not it.get("rule") else "",
            self.tr("空：按规则计算", "empty: by rule"),
        )
        yield from self.field("期限规则", "Rule", "rule", it.get("rule") or "", "review-reply / 5wd")
        yield from self.field("文号", "Ref no", "ref_no", it.get("ref_no") or "", "东应急〔2026〕1号")
        yield from self.field("责任单位", "Lead unit", "unit", it.get("unit") or "")
        yield from self.field("责任人", "Owner", "owner", it.get("owner") or "")
        yield from self.field(
            "配合单位", "Assisting", "assist", it.get("assist_units") or "", self.tr("多个用；分隔", "separate with ;")
        )
        yield from self.field("专项整治", "Campaign", "campaign", it.get("campaign") or "")
        yield from self.field("来源", "Source", "source", it.get("source") or "", wide=True)
        yield from self.field("备注", "Notes", "notes", it.get("notes") or "", wide=True)
        # Review and litigation: who brought it, where, and the hearing (a deadline too).
        yield from self.field("申请人/原告", "Applicant", "party", it.get("party") or "")
        yield from self.field("复议机关/法院", "Organ/court", "organ", it.get("organ") or "")
        yield from self.field("开庭日期", "Hearing", "hearing", it.get("hearing_on") or "", "2026-04-10")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self._preview()

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
                preview.update(Text(self.tr(f"办结时限：{due.isoformat()}", f"Due: {due.isoformat()}")))
            else:
                due_on, rule_id, deadline = self.store.call(self.store.ledger.resolve_due, kind, received, None, rule)
                mark = self.tr("（暂定）", " (provisional)") if deadline and deadline.provisional else ""
                preview.update(
                    Text(
                        self.tr(f"办结时限：{due_on.isoformat()}{mark}\n", f"Due: {due_on.isoformat()}{mark}\n")
                        + (deadline.basis(self.lang) if deadline else "")
                    )
                )
            self.show_error("")
        except UserError as e:
            preview.update(Text(self.tr("办结时限：—  ", "Due: —  ") + self.explain(e)))

    def prepare(self):
        kind = self.query_one("#kind", Select).value
        received, due = self.date("received"), self.date("due")
        rule = self.value("rule").strip() or None
        if due and rule:
            rule = None if self.item and self.item.get("rule") == rule else rule
        values = {
            "kind": kind,
            "title": self.value("title"),
            "ref_no": self.value("ref_no"),
            "unit": self.value("unit"),
            "owner": self.value("owner"),
            "received_on": received,
            "campaign": self.value("campaign"),
            "source": self.value("source"),
            "notes": self.value("notes"),
            "party": self.value("party"),
            "organ": self.value("organ"),
            "hearing_on": self.date("hearing"),
        }
        assist = split_units(self.value("assist"))
        if self.item is None:

            def add():
                self.result_id = self.store.ledger.add(assist_units=assist, due_on=due, rule=rule, **values).id

            return add
        changes = {
            k: v
            for k, v in values.items()
            if (self.item.get(k) or None)
            != (v.isoformat() if isinstance(v, dt.date) else (v.strip() or None if isinstance(v, str) else v))
        }
        if assist != split_units(self.item.get("assist_units")):
            changes["assist_units"] = assist
        if due and due.isoformat() != self.item.get("due_on"):
            changes["due_on"] = due
        if (rule or None) != (self.item.get("rule") or None) and "due_on" not in changes:
            changes["rule"] = rule or ""
        item_id, version = self.item["id"], self.item["version"]
        self.result_id = item_id
        return lambda: changes and self.store.ledger.edit(item_id, changes, expected_version=version)


class ActionForm(Form):
    """One action on one item: progress, reminder, extension, done, reopen, cancel."""

    SPECS = {
        # action: (title zh, title en, text label zh/en or None, date label zh/en or None, text required)
        "note": ("记录进展", "Record progress", ("进展内容", "Progress"), None, True),
        "remind": ("记录催办", "Record a reminder", ("催办说明（可空）", "What was sent (optional)"), None, False),
        "extend": ("延期", "Extend", ("延期理由", "Reason"), ("延期至", "New due date"), True),
        "done": (
            "办结",
            "Mark done",
            ("办结说明（可空）", "How it was closed (optional)"),
            ("办结日期", "Done on"),
            False,
        ),
        "reopen": ("重新打开", "Reopen", ("理由（可空）", "Reason (optional)"), None, False),
        "cancel": ("撤销", "Cancel item", ("撤销理由", "Reason"), None, True),
    }

    def __init__(self, store, lang: str, action: str, item: dict, as_of: dt.date):
        super().__init__(store, lang)
        self.action, self.item, self.as_of = action, item, as_of
        zh, en, *_ = self.SPECS[action]
        self.TITLE_ZH = f"{zh}：{item['title']}"
        self.TITLE_EN = f"{en}: {item['title']}"

    def fields(self) -> ComposeResult:
        _, _, text, date, _ = self.SPECS[self.action]
        yield Label(self.tr("办结时限", "Due"), classes="field-label")
        yield Static(Text(self.item["due_on"] or ""), classes="wide")
        if date:
            default = self.as_of.isoformat() if self.action == "done" else ""
            yield from self.field(*date, "date", default, "2026-03-16", wide=True)
        if text:
            yield from self.field(*text, "text", wide=True)
        if self.action == "extend":
            yield from self.field("批准人（可空）", "Approved by (optional)", "approver", wide=True)

    def on_mount(self) -> None:
        self.query_one("Input").focus()

    def prepare(self):
        led, i, v, as_of = self.store.ledger, self.item["id"], self.item["version"], self.as_of
        text = self.value("text") if self.SPECS[self.action][2] else ""
        when = self.date("date") if self.SPECS[self.action][3] else None
        if self.action == "extend" and when is None:
            raise UserError("bad_date", value="")
        approver = self.value("approver") if self.action == "extend" else None
        return {
            "note": lambda: led.note(i, text, expected_version=v),
            "remind": lambda: led.remind(i, text, expected_version=v),
            "extend": lambda: led.extend(i, when, text, expected_version=v, approver=approver),
            "done": lambda: led.done(i, when or as_of, text, expected_version=v),
            "reopen": lambda: led.reopen(i, text, expected_version=v),
            "cancel": lambda: led.cancel(i, text, as_of, expected_version=v),
        }[self.action]


class PickForm(Localized, ModalScreen[str | None]):
    """Pick one value from a list (unit, owner, kind, sort), with typing to filter."""

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, options: list[tuple[str, str]], lang: str):
        super().__init__()
        self.title_, self.options, self.lang = title, options, lang

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList

        with Vertical(classes="form pick"):
            yield Static(Text(self.title_), classes="form-title")
            yield Input(placeholder="筛选…" if self.lang != "en" else "filter…", id="filter", compact=True)
            yield OptionList(*[Text(label) for label, _ in self.options], id="options")

    def on_mount(self) -> None:
        self.query_one("#filter", Input).focus()

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        from textual.widgets import OptionList

        ol = self.query_one("#options", OptionList)
        ol.clear_options()
        self._shown = [(lb, v) for lb, v in self.options if event.value.strip() in lb]
        ol.add_options([Text(lb) for lb, _ in self._shown])
        ol.highlighted = 0 if self._shown else None

    @on(Input.Submitted, "#filter")
    def _submit(self) -> None:
        from textual.widgets import OptionList

        ol = self.query_one("#options", OptionList)
        shown = getattr(self, "_shown", self.options)
        if ol.highlighted is not None and shown:
            self.dismiss(shown[ol.highlighted][1])

    def on_key(self, event) -> None:
        from textual.widgets import OptionList

        if event.key in ("down", "up"):
            ol = self.query_one("#options", OptionList)
            ol.action_cursor_down() if event.key == "down" else ol.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event) -> None:
        shown = getattr(self, "_shown", self.options)
        self.dismiss(shown[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
