"""The terminal UI driven as a clerk drives it (Textual's pilot), on a real
database file: what the clerk sees, and what the database then holds."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import ledger_from, settle
from tracker.db import open_db
from tracker.importer import import_file
from tracker.ledger import Ledger
from tracker.tui.app import TrackerApp
from tracker.tui.dialogs import ActionForm, ItemForm
from tracker.tui.item_list import ItemList
from tracker.tui.screens import SEARCH_DEBOUNCE, HelpScreen, ItemScreen

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ledger_sample.csv"
AS_OF = dt.date(2026, 3, 2)
FIXED = dt.datetime(2026, 3, 2, 9, 30)


def _imported(path: Path) -> None:
    conn = open_db(path, create=True)
    import_file(Ledger(conn, actor="clerk", now=lambda: FIXED), FIXTURE)
    conn.close()


def make_ledger(path: Path) -> Path:
    """The sample ledger imported by the clerk (once, copied for each test)."""
    return ledger_from("tui", _imported, path)


@pytest.fixture
def office_db(tmp_path):
    return make_ledger(tmp_path / "ledger.db")


def make_app(path, lang="zh", poll=60.0):
    return TrackerApp(path, lang=lang, as_of=AS_OF, actor="clerk", poll_seconds=poll)


def table(app) -> ItemList:
    return app.screen.query_one(ItemList)


def text_of(widget, width: int = 200) -> str:
    """What a Static shows, as plain text."""
    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO())
    content = widget.content
    console.print(content)
    return console.export_text()


def rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


async def test_ledger_opens_on_open_items_most_urgent_first(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        t = table(app)
        assert t.total == 22
        assert [t.row_at(i).ref_no for i in range(3)] == [
            "东应急督〔2026〕2号",
            "（2026）粤1971行初45号",
            "东应急整〔2026〕2-3",
        ]
        assert t.current.light == "red" and t.current.days_overdue == 17
        tabs = text_of(app.screen.query_one("#tabs"))
        assert "1 在办 22" in tabs and "2 逾期 9" in tabs and "4 复议应诉 4" in tabs
        await pilot.press("2")
        await settle(pilot)
        assert table(app).total == 9
        await pilot.press("3")
        await settle(pilot)
        assert all(table(app).row_at(i).light == "yellow" for i in range(table(app).total))
        await pilot.press("4")
        await settle(pilot)
        assert {table(app).row_at(i).kind for i in range(table(app).total)} == {"review", "litigation"}
        await pilot.press("5")
        await settle(pilot)
        assert table(app).total == 8 and table(app).current.status == "done"


async def test_incremental_search_and_unit_filter(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"虎门")
        await pilot.pause(SEARCH_DEBOUNCE)  # the list searches once typing stops
        await settle(pilot)
        assert table(app).total == 3
        assert "搜索“虎门”" in text_of(app.screen.query_one("#filters"))
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert table(app).total == 22
        await pilot.press("u", *"法规", "enter")
        await settle(pilot)
        t = table(app)
        assert t.total == 4 and {t.row_at(i).unit for i in range(4)} == {"法规科"}


async def test_new_review_case_shows_its_deadline_and_is_saved(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#received").value == "2026-03-02"  # today, by default
        form.query_one("#kind").value = "review"
        await pilot.press(*"某公司不服处罚申请复议")
        form.query_one("#received").focus()
        await pilot.press(*"2024-09-26")
        await settle(pilot)
        preview = text_of(form.query_one("#preview"))
        assert "2024-10-15" in preview and "跳过国庆节假期" in preview
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, type(form))
        assert rows(office_db, "SELECT kind, due_on, rule FROM items WHERE title = '某公司不服处罚申请复议'") == [
            ("review", "2024-10-15", "review-reply")
        ]
        assert table(app).current.title == "某公司不服处罚申请复议"  # the cursor is on the new item


async def test_form_errors_inline_and_cancel_writes_nothing(office_db):
    before = rows(office_db, "SELECT count(*) FROM items")
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"没有期限的任务", "ctrl+s")
        await settle(pilot)
        assert "请填写办结时限，或期限规则和收文日期" in text_of(app.screen.query_one("#error"))
        app.screen.query_one("#due").focus()
        await pilot.press(*"2026-02-30", "ctrl+s")
        await settle(pilot)
        assert "2026-02-30" in text_of(app.screen.query_one("#error"))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen.query_one(ItemList), ItemList)
    assert rows(office_db, "SELECT count(*) FROM items") == before


async def test_progress_reminder_extend_done_from_keys(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("p", *"已电话督促虎门镇", "ctrl+s")
        await settle(pilot)
        await pilot.press("r", "ctrl+s")
        await settle(pilot)
        await pilot.press("x", *"2026-03-20", "ctrl+s")  # no reason: refused inline
        await settle(pilot)
        assert "延期理由不能为空" in text_of(app.screen.query_one("#error"))
        app.screen.query_one("#text").focus()
        await pilot.press(*"整改需采购设备", "ctrl+s")
        await settle(pilot)
        assert table(app).current.id == item and table(app).current.due_on == "2026-03-20"
        await pilot.press("d", "ctrl+s")
        await settle(pilot)
    history = rows(office_db, "SELECT type, actor FROM events WHERE item_id = ? ORDER BY id", (item,))
    assert history == [
        ("create", "clerk"),
        ("note", "clerk"),
        ("remind", "clerk"),
        ("extend", "clerk"),
        ("done", "clerk"),
    ]
    assert rows(office_db, "SELECT status, closed_on, original_due_on FROM items WHERE id = ?", (item,)) == [
        ("done", "2026-03-02", "2026-02-13")
    ]


async def test_item_view_shows_basis_and_history_newest_first(office_db):
    conn = open_db(office_db)
    Ledger(conn, actor="clerk", now=lambda: FIXED).note(2, "已提交答复书")
    conn.close()
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"化工公司", "enter", "enter")
        await settle(pilot)
        fields = text_of(app.screen.query_one("#fields"))
        assert "东应急复〔2026〕2号" in fields and "期限依据" in fields and "跳过春节假期" in fields
        out = text_of(app.screen.query_one("#history"))
        assert out.index("已提交答复书") < out.index("立项")  # newest first
        await pilot.press("o")  # reopen is refused on an open item, at once, without a form
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert any("不能重新打开" in n.message for n in app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen.query_one(ItemList), ItemList)
        await settle(pilot)
        assert isinstance(app.screen.query_one(ItemList), ItemList)


async def test_lost_race_keeps_the_form_and_says_what_changed(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("e")
        await settle(pilot)
        # Another clerk changes the owner meanwhile.
        other = open_db(office_db)
        Ledger(other, actor="colleague").edit(item, {"owner": "赵六"})
        other.close()
        app.screen.query_one("#owner").value = ""
        app.screen.query_one("#owner").focus()
        await pilot.press(*"钱七", "ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)  # still open, with what was typed
        assert form.query_one("#owner").value == "钱七"
        error = text_of(form.query_one("#error"))
        assert "已被他人修改" in error and "责任人：赵六" in error
        assert not any("已保存" in n.message for n in app._notifications)
        assert rows(office_db, "SELECT owner FROM items WHERE id = ?", (item,)) == [("赵六",)]
        await pilot.press("ctrl+s")  # seen it: save over it
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
    assert rows(office_db, "SELECT owner FROM items WHERE id = ?", (item,)) == [("钱七",)]


async def test_another_clerks_progress_note_does_not_block_an_edit(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("e")
        await settle(pilot)
        other = open_db(office_db)
        Ledger(other, actor="colleague").note(item, "已电话督促")
        Ledger(other, actor="colleague").edit(item, {"notes": "同事的备注"})
        other.close()
        app.screen.query_one("#owner").value = ""
        app.screen.query_one("#owner").focus()
        await pilot.press(*"钱七", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
        assert any("已保存" in n.message for n in app._notifications)
    assert rows(office_db, "SELECT owner, notes FROM items WHERE id = ?", (item,)) == [("钱七", "同事的备注")]


async def test_change_by_another_clerk_shows_up_and_keeps_cursor(office_db):
    app = make_app(office_db, poll=0.1)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        await settle(pilot)
        on = table(app).current.id
        other = open_db(office_db)
        Ledger(other, actor="colleague").add("task", "同事新增的紧急任务", due_on=dt.date(2026, 2, 1), unit="茶山镇")
        other.close()
        for _ in range(20):
            await pilot.pause(0.1)
            await settle(pilot, 1)
            if table(app).total == 23:
                break
        assert table(app).total == 23
        assert table(app).current.id == on
        assert table(app).row_at(0).title == "同事新增的紧急任务"


async def test_campaigns_dashboard_help(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        text = " ".join(text_of(w) for w in app.screen.query("Static"))
        assert "镇村工业园安全专项整治" in text and "完成 2/6" in text and "滞后：虎门镇、长安镇" in text
        await pilot.press("down", "enter")
        await settle(pilot)
        t = table(app)
        # the campaign by its name, and the tabs count its tasks, not the ledger's
        assert t.total == 4 and "专项整治：城镇燃气用气安全百日攻坚" in text_of(app.screen.query_one("#filters"))
        assert "0 全部 4" in text_of(app.screen.query_one("#tabs"))
        await pilot.press("b")
        await settle(pilot)
        rate = text_of(app.screen.query_one("#dash-rate"))
        assert "2026年按时办结率" in rate
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        help_text = " ".join(text_of(w) for w in app.screen.query("Static"))
        assert "红 逾期" in help_text and "按 Esc、q 或 ? 关闭帮助" in help_text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_english_ui(office_db):
    app = make_app(office_db, lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        tabs = text_of(app.screen.query_one("#tabs"))
        assert "2 Overdue 9" in tabs
        keys = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Search" in keys and "New" in keys and "搜索" not in keys


async def test_large_ledger_pages_from_sql(tmp_path):
    from tracker.demo import build_demo
    from tracker.maintenance import check

    path = tmp_path / "big.db"
    build_demo(path, AS_OF, items=5_000)
    conn = open_db(path)
    result = check(conn)  # the generator skips CHECKs while loading: its rows must pass the rules
    conn.close()
    assert result.ok, result.problems
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("0")
        await settle(pilot)
        t = table(app)
        assert t.total == 5_000
        assert len(t._pages) <= 2  # only the pages in view are loaded
        await pilot.press("end")
        await settle(pilot)
        assert t.cursor == 4_999 and t.current is not None
        await pilot.press("pageup", "pageup")
        await settle(pilot)
        assert t.current is not None and t.cursor < 4_999


async def test_cancel_needs_a_reason_and_escape_writes_nothing(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("escape")  # changed my mind: nothing written
        await settle(pilot)
        assert rows(office_db, "SELECT status FROM items WHERE id = ?", (item,)) == [("open",)]
        await pilot.press("delete", "ctrl+s")
        await settle(pilot)
        assert "撤销理由不能为空" in text_of(app.screen.query_one("#error"))
        await pilot.press(*"上级撤回", "ctrl+s")
        await settle(pilot)
        assert table(app).total == 21  # gone from the open items
    assert rows(office_db, "SELECT status, closed_on FROM items WHERE id = ?", (item,)) == [("cancelled", "2026-03-02")]
    assert rows(office_db, "SELECT type FROM events WHERE item_id = ? ORDER BY id", (item,))[-1] == ("cancel",)


async def test_brackets_and_control_characters_are_shown_not_interpreted(tmp_path):
    path = tmp_path / "odd.db"
    conn = open_db(path, create=True)
    Ledger(conn, actor="clerk", now=lambda: FIXED).add(
        "task",
        "[bold]紧急[/] [red 整改\x1b[31m",
        unit="[单位]",
        owner="[/]",
        due_on=dt.date(2026, 3, 1),
        ref_no="[x]〔2026〕1号",
    )
    conn.close()
    app = make_app(path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert table(app).current.title.startswith("[bold]紧急[/]")
        await pilot.press("enter")
        await settle(pilot)
        assert "[bold]紧急[/] [red 整改" in text_of(app.screen.query_one("#fields"))
        await pilot.press("escape", "u")
        await settle(pilot)
        await pilot.press(*"[单位", "enter")
        await settle(pilot)
        assert table(app).total == 1
        await pilot.press("b")
        await settle(pilot)
        assert "[单位]" in text_of(app.screen.query_one("#dash-units"))


async def test_save_while_another_clerk_holds_the_lock(office_db, monkeypatch):
    from tracker.tui import store

    monkeypatch.setattr(store, "UI_BUSY_TIMEOUT_MS", 200)  # the UI waits 2 s a try; the test need not
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        blocker = sqlite3.connect(office_db, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # a long import elsewhere
        try:
            await pilot.press("p", *"已催办", "ctrl+s")
            await settle(pilot)
            assert "正忙" in text_of(app.screen.query_one("#error"))  # told, form kept
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert rows(office_db, "SELECT count(*) FROM events WHERE item_id = ? AND type = 'note'", (item,)) == [(1,)]


async def test_left_column_says_today_only_for_today(tmp_path):
    """On a Saturday, an item due on Sunday is not 'due today': nothing is
    due on a rest day's working-day count, so it shows the days left."""
    path = tmp_path / "weekend.db"
    conn = open_db(path, create=True)
    book = Ledger(conn, actor="clerk")
    for title, due in (("今天到期的", "2026-11-28"), ("周日到期的", "2026-11-29"), ("周一到期的", "2026-11-30")):
        book.add("task", title, due_on=dt.date.fromisoformat(due))
    conn.close()
    app = TrackerApp(path, as_of=dt.date(2026, 11, 28), actor="clerk", poll_seconds=60)  # a Saturday
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        t = table(app)
        lines = ["".join(seg.text for seg in t.render_line(y)) for y in range(1, 4)]
        shown = {title: line for line in lines for title in ("今天到期的", "周日到期的", "周一到期的") if title in line}
        assert "今日到期" in shown["今天到期的"]
        assert "今日到期" not in shown["周日到期的"]
        assert "剩1个工作日" in shown["周一到期的"]


def screen_text(widget) -> str:
    """The characters a widget draws, as the terminal gets them."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


async def test_done_from_the_item_page_shows_on_the_list_at_once(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("d", "ctrl+s")
        await settle(pilot)
        assert "已办结" in text_of(app.screen.query_one("#fields"))
        await pilot.press("escape")
        await settle(pilot)
        tabs = text_of(app.screen.query_one("#tabs"))
        assert "1 在办 21" in tabs and "5 已办结 9" in tabs
        t = table(app)
        assert item not in {t.row_at(i).id for i in range(t.total)}
        await pilot.press("5")  # the done view: the item, closed 17 days late
        await settle(pilot)
        t = table(app)
        assert t.current.id == item
        assert "超期17天办结" in screen_text(t)
        await pilot.press("d")  # already done: refused at once, no form
        await settle(pilot)
        assert not isinstance(app.screen, ActionForm)
        assert any("已办结，不能办结" in n.message for n in app._notifications)
    assert rows(office_db, "SELECT count(*) FROM events WHERE item_id = ? AND type = 'done'", (item,)) == [(1,)]


async def test_read_only_database_says_so(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        app.store.conn.execute("PRAGMA query_only = 1")  # as a file the clerk may only read
        await pilot.press("p", *"已催办", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        error = text_of(app.screen.query_one("#error"))
        assert "只读" in error and "正忙" not in error


def test_no_terminal_exits_with_one_line(tmp_path):
    import subprocess
    import sys

    db = make_ledger(tmp_path / "ledger.db")
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert done.stderr.decode().strip().count("\n") == 0 and "终端" in done.stderr.decode()


async def test_command_palette_runs_item_actions(office_db):
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"延期")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionForm)
        assert app.screen.action == "extend" and app.screen.item["id"] == item.id


async def test_english_ui_at_80x24_keeps_tabs_and_footer(office_db):
    from textual.widgets import Footer

    app = make_app(office_db, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tabs = screen_text(app.screen.query_one("#tabs"))
        assert "0 All 31" in tabs and "2 Late 9" in tabs
        footer = app.screen.query_one(Footer)
        keys = list(footer.query("FooterKey"))
        assert footer.region.bottom == 24
        assert all(k.region.right <= 80 and k.region.width > 0 for k in keys)  # every key in sight
        assert {"Search", "New", "Done", "Help", "Quit"} <= {k.description for k in keys}


async def test_new_unit_is_announced_and_existing_ones_offered(office_db):
    from tracker.text import by_pinyin

    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#received").placeholder == "2026-03-02"  # from the day, not a fixed date
        form.query_one("#unit").focus()
        await pilot.press(*"法规")
        await settle(pilot)
        hint = text_of(form.query_one("#unit-hint"))
        assert "保存时将新建此单位" in hint and "法规科" in hint
        await pilot.press("right")  # takes the suggestion
        await settle(pilot)
        assert form.query_one("#unit").value == "法规科"
        assert text_of(form.query_one("#unit-hint")).strip() == ""
        await pilot.press("escape", "u")
        await settle(pilot)
        shown = [lb for lb, _ in app.screen.options[1:]]
        assert shown == by_pinyin(shown) and len(shown) > 3


async def test_item_page_wraps_long_text_at_80_columns(office_db):
    long_note = "整改要求：" + "、".join(f"第{n}项隐患须在限期内整改到位并报送照片" for n in range(1, 9)) + "。全文完"
    conn = open_db(office_db)
    Ledger(conn, actor="clerk").edit(1, {"notes": long_note})
    conn.close()
    app = make_app(office_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ItemScreen.in_lang("zh")(1))
        await settle(pilot)
        fields = app.screen.query_one("#fields")
        assert fields.size.width <= 80
        drawn = screen_text(fields).replace(" ", "").replace("\n", "")
        assert "全文完" in drawn


async def test_control_sequences_in_clerk_text_never_reach_the_terminal(tmp_path):
    path = tmp_path / "odd.db"
    conn = open_db(path, create=True)
    Ledger(conn, actor="clerk").add(
        "task", "剪贴板\x1b]52;c;SGVsbG8=\x07清屏\x1b[2J", unit="单位\x1b[31m", due_on=dt.date(2026, 3, 1)
    )
    conn.close()
    app = make_app(path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        drawn = screen_text(table(app)) + screen_text(app.screen.query_one("#status"))
        assert "剪贴板" in drawn and "清屏" in drawn
        assert "\x1b" not in drawn and "\x07" not in drawn


async def test_every_key_label_is_in_the_clerks_language(office_db):
    """The footer and the key panel: tracker's keys and Textual's own
    (focus, copy, scrolling, text editing, the command palette)."""
    import re

    han = re.compile(r"[\u4e00-\u9fff]")
    for lang in ("zh", "en"):
        app = make_app(office_db, lang=lang)
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            labels = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.description}
            await pilot.press("n")  # a form: the text input's keys
            await settle(pilot)
            labels |= {b.binding.description for b in app.screen.active_bindings.values() if b.binding.description}
            assert len(labels) > 20
            if lang == "zh":
                assert all(han.search(d) for d in labels), sorted(d for d in labels if not han.search(d))
            else:
                assert not any(han.search(d) for d in labels)
                assert {"Commands", "Next field", "Move cursor left"} <= labels


async def test_other_modules_add_screens_and_item_actions(office_db, monkeypatch):
    """How legal, units and letters hook in: a screen and an item action,
    each with a key and a command palette entry in the catalogue."""
    from textual.screen import Screen
    from textual.widgets import Static

    from tracker import i18n
    from tracker.tui import screens

    class Hearings(Screen):
        def compose(self):
            yield Static("hearings here", id="hearings")

    seen = []
    monkeypatch.setitem(i18n.MESSAGES, "key_test_hearings", ("开庭", "Hearings"))
    monkeypatch.setitem(i18n.MESSAGES, "cmd_test_hearings", ("开庭一览", "All hearings"))
    monkeypatch.setitem(i18n.MESSAGES, "key_test_flag", ("标记", "Flag"))
    monkeypatch.setitem(i18n.MESSAGES, "cmd_test_flag", ("标记（当前事项）", "Flag (this item)"))
    monkeypatch.setattr(screens, "EXTRA_SCREENS", [screens.ExtraScreen("test_hearings", "H", Hearings)])
    monkeypatch.setattr(
        screens,
        "EXTRA_ITEM_ACTIONS",
        [screens.ExtraItemAction("test_flag", "F", lambda s, item: seen.append(item["id"]))],
    )
    monkeypatch.setattr("tracker.tui.app.EXTRA_SCREENS", screens.EXTRA_SCREENS)
    monkeypatch.setattr("tracker.tui.app.EXTRA_ITEM_ACTIONS", screens.EXTRA_ITEM_ACTIONS)
    app = make_app(office_db)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        item = table(app).current.id
        await pilot.press("F")
        await settle(pilot)
        assert seen == [item]
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"标记")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert seen == [item, item]
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, Hearings)
