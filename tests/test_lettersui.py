"""Letters in the UI as a clerk issues them from an item's page (`l`, or the
command palette): refused at once where no letter can go, the form in
English, the ledger's counts and both pages following the letter. On the
sample ledger as of 2026-03-02 (item 9: 督促虎门镇整改燃气使用隐患, led by
虎门镇; item 1 is done)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from textual.widgets import Input, Label, Static

from tests.conftest import Runner
from tests.helpers import settle
from tests.test_legal import new_id, text_of
from tracker.tui.app import TrackerApp
from tracker.tui.letters import LetterForm
from tracker.tui.screens import ItemScreen

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ledger_sample.csv"
AS_OF = dt.date(2026, 3, 2)
HAN = re.compile(r"[\u4e00-\u9fff]")


def office(tmp_path) -> Runner:
    run = Runner(tmp_path / "ledger.db")
    run("init")
    run("import", FIXTURE)
    return run


def make_app(run: Runner, lang: str = "zh") -> TrackerApp:
    return TrackerApp(run.db_path, lang=lang, as_of=AS_OF, actor="clerk", poll_seconds=60.0)


def said(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def total(app) -> int:
    tabs = text_of(app.home.query_one("#tabs"))
    return int(re.search(r"0 (?:全部|all) (\d+)", tabs, re.IGNORECASE)[1])


async def test_no_letter_where_none_can_go(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = office(tmp_path)
    bare = new_id(run("add", "task", "无责任单位的事项", "--due", "2026-03-20"))
    written = (
        "SELECT (SELECT count(*) FROM items), (SELECT count(*) FROM events), (SELECT count(*) FROM letter_numbers)"
    )
    before = run.sql(written)
    app = make_app(run)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ItemScreen.in_lang("zh")(1))  # done
        await settle(pilot)
        assert not app.screen.query_one("#panel-letters", Static).display  # no letters
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert "事项 1 状态为已办结，不能发函" in said(app)
        # The command palette does not offer it either.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"发函（当前事项）")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and said(app).count("不能发函") == 1

        app.push_screen(ItemScreen.in_lang("zh")(bare))
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert f"事项 {bare} 没有责任单位" in said(app) and "按 e 修改" in said(app)
    assert run.sql(written) == before
    assert not list(tmp_path.glob("*.docx"))


async def test_a_letter_in_english_from_the_palette(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = office(tmp_path)
    app = make_app(run, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        items = total(app)
        app.push_screen(ItemScreen.in_lang("en")(9))
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Issue a letter")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LetterForm) and form.kind == "reminder"
        assert "Issue a letter: item 9" in text_of(form.query_one(".form-title", Static))
        words = [str(w.content) for w in form.query(Label)]
        keys = [b.binding.description for b in form.active_bindings.values() if b.binding.description]
        assert "Kind of letter" in words and not any(HAN.search(w) for w in words + keys)
        preview = text_of(form.query_one("#preview", Static))
        assert "will issue reminder letter 东应急提〔2026〕3号 to 虎门镇, reply by 2026-03-09" in preview
        # A reply date typed: the preview follows it; a date before the letter is refused.
        form.query_one("#due", Input).focus()
        await pilot.press(*"2026-02-27")
        await settle(pilot)
        assert "is before the day the letter is sent" in text_of(form.query_one("#preview", Static))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and not (tmp_path / "东应急提〔2026〕3号.docx").exists()
        await pilot.press("ctrl+u", *"2026-03-13", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert (tmp_path / "东应急提〔2026〕3号.docx").exists()
        assert "issued 东应急提〔2026〕3号" in said(app)
        shown = text_of(app.screen.query_one("#panel-letters", Static))
        assert "reminder letter 东应急提〔2026〕3号  sent 2026-03-02, reply by 2026-03-13" in shown
        assert total(app) == items + 1  # the ledger's counts followed

        # The letter's own page: the matter it is about, the ladder, itself marked.
        letter = run.sql("SELECT id FROM items WHERE ref_no = '东应急提〔2026〕3号'")[0][0]
        app.push_screen(ItemScreen.in_lang("en")(letter))
        await settle(pilot)
        shown = text_of(app.screen.query_one("#panel-letters", Static))
        assert "About item" in shown and "#9 东应急督〔2026〕2号 督促虎门镇整改燃气使用隐患" in shown
        assert f"▶ #{letter} reminder letter" in shown
        # `l` on the letter: the next letter, about the matter.
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LetterForm) and app.screen.kind == "supervision"
        assert "Issue a letter: item 9" in text_of(app.screen.query_one(".form-title", Static))
        await pilot.press("escape")
        await settle(pilot)
