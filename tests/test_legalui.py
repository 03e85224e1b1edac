"""The legal cases in the UI, as the legal office's clerk uses them: the
case panel on the item page, the forms for a hearing, who appeared and the
outcome (H, A, O, and from the command palette), the coming hearings (h),
in Chinese and in English."""

from __future__ import annotations

import datetime as dt
import re

from textual.widgets import DataTable, Input, Static

from tests.conftest import Runner
from tests.helpers import settle
from tests.test_legal import new_id, text_of
from tracker.tui.app import TrackerApp
from tracker.tui.dialogs import Form
from tracker.tui.screens import ItemScreen

AS_OF = dt.date(2026, 3, 2)
HAN = re.compile(r"[\u4e00-\u9fff]")


def office(tmp_path) -> tuple[Runner, dict[str, int]]:
    run = Runner(tmp_path / "ledger.db")
    run("init")
    ids = {
        "suit": new_id(
            run("add", "litigation", "诉某处罚案", "--ref", "（2026）粤1971行初5号", "--received", "2026-02-02")
        ),
        "review": new_id(run("add", "review", "某公司复议案", "--received", "2026-02-10")),
        "task": new_id(run("add", "task", "汛前检查", "--unit", "安监科", "--due", "2026-03-20")),
    }
    run("hearing", "add", str(ids["suit"]), "2026-02-27", "--time", "9:30", "--place", "第一法庭")
    run("hearing", "add", str(ids["review"]), "2026-03-12", "--place", "听证室")
    return run, ids


def make_app(run: Runner, lang: str = "zh") -> TrackerApp:
    return TrackerApp(run.db_path, lang=lang, as_of=AS_OF, actor="clerk", poll_seconds=60.0)


def panel(app) -> str:
    return text_of(app.screen.query_one("#panel-legal_case", Static))


def said(app) -> str:
    return "\n".join(n.message for n in app._notifications)


async def test_who_appeared_and_the_judgment_from_the_case_page(tmp_path):
    run, ids = office(tmp_path)
    app = make_app(run)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "0 全部 3" in text_of(app.screen.query_one("#tabs"))
        app.push_screen(ItemScreen.in_lang("zh")(ids["suit"]))
        await settle(pilot)
        assert "2026-02-27 09:30 开庭" in panel(app) and "第一法庭" in panel(app)

        await pilot.press("A")  # the hearing held on 02-27, not yet recorded
        await settle(pilot)
        assert isinstance(app.screen, Form)
        await pilot.press(*"张三,李四", "tab", *"王局长", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert "已记录出庭情况" in said(app)
        assert "负责人出庭：王局长" in panel(app)

        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, Form)
        await pilot.press("ctrl+s")  # 驳回诉讼请求, received today
        await settle(pilot)
        shown = panel(app)
        assert "驳回诉讼请求  2026-03-02" in shown
        assert "后续事项" in shown and "决定是否上诉" in shown
        # The ledger counts the new follow-up item at once (no poll needed).
        assert "0 全部 4" in text_of(app.home.query_one("#tabs"))

        follow_up = run.sql("SELECT item_id FROM item_links WHERE from_id = ?", (ids["suit"],))[0][0]
        app.push_screen(ItemScreen.in_lang("zh")(follow_up))
        await settle(pilot)
        assert f"所属案件  #{ids['suit']} （2026）粤1971行初5号 诉某处罚案" in panel(app)

    assert run.sql("SELECT attended, head FROM hearings WHERE item_id = ?", (ids["suit"],)) == [
        ("张三,李四、王局长", "王局长")
    ]
    assert run.sql("SELECT word FROM case_outcomes WHERE item_id = ?", (ids["suit"],)) == [("dismissed",)]


async def test_case_keys_are_refused_at_once_on_what_is_not_a_case(tmp_path):
    run, ids = office(tmp_path)
    app = make_app(run)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ItemScreen.in_lang("zh")(ids["task"]))
        await settle(pilot)
        assert not app.screen.query_one("#panel-legal_case", Static).display  # nothing of a case
        for k in ("H", "A", "O"):
            await pilot.press(k)
            await settle(pilot)
            assert isinstance(app.screen, ItemScreen)
        assert said(app).count(f"事项 {ids['task']}（交办任务）不是复议或应诉案件") == 3
        # The command palette does not offer them on what is not a case.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"安排庭审")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert said(app).count("不是复议或应诉案件") == 3

        # A hearing still to come: no attendance form, and why.
        app.push_screen(ItemScreen.in_lang("zh")(ids["review"]))
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert "此案还没有已举行的庭审" in said(app)

        # A form that is wrong says so and stays; cancelling writes nothing.
        await pilot.press("H")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Form)
        assert "请填写日期" in text_of(app.screen.query_one("#error", Static))
        await pilot.press(*"2026-01-05", "ctrl+s")  # before the case was received
        await settle(pilot)
        assert "早于收案日期 2026-02-10" in text_of(app.screen.query_one("#error", Static))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
    assert run.sql("SELECT count(*) FROM hearings") == [(2,)]


async def test_the_coming_hearings_in_english_and_from_the_palette(tmp_path):
    run, ids = office(tmp_path)
    app = make_app(run, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("#hearings", DataTable)
        assert table.row_count == 1  # 02-27 has passed; the review's on 03-12 is to come
        title = text_of(app.screen.query_one("#title-bar", Static))
        assert "Coming hearings (from 2026-03-02)" in title
        labels = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.description}
        assert "Open case" in labels and not any(HAN.search(d) for d in labels)
        await pilot.press("A")  # still to come: refused, with the reason
        await settle(pilot)
        assert not isinstance(app.screen, Form)
        assert "it has not happened by 2026-03-02" in said(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and app.screen.item_id == ids["review"]
        assert "Hearings" in panel(app) and "hearing" in panel(app)

        # The command palette offers the case's actions in English.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Add a hearing")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Form)
        assert "Add a hearing: item" in text_of(app.screen.query_one(".form-title", Static))
        labels = {b.binding.description for b in app.screen.active_bindings.values() if b.binding.description}
        assert "Save" in labels and not any(HAN.search(d) for d in labels)
        app.screen.query_one("#h-date", Input).value = "2026-03-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen)
        assert "2026-03-20" in panel(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#hearings", DataTable).row_count == 2  # the list followed the write
    assert run.sql("SELECT date, type FROM hearings WHERE item_id = ? ORDER BY date", (ids["review"],)) == [
        ("2026-03-12", "hearing"),
        ("2026-03-20", "hearing"),
    ]


async def test_the_legal_keys_speak_chinese(tmp_path):
    run, ids = office(tmp_path)
    app = make_app(run)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen: set[str] = set()

        def collect() -> None:
            seen.update(b.binding.description for b in app.screen.active_bindings.values() if b.binding.description)

        await pilot.press("h")
        await settle(pilot)
        collect()
        await pilot.press("escape")
        app.push_screen(ItemScreen.in_lang("zh")(ids["suit"]))
        await settle(pilot)
        collect()
        await pilot.press("O")
        await settle(pilot)
        collect()  # the outcome's drop-down has the focus
        await pilot.press("escape")
        await settle(pilot)
        assert {"庭审", "出庭", "结果", "查看案件", "展开选项"} <= seen
        assert all(HAN.search(d) for d in seen), sorted(d for d in seen if not HAN.search(d))
