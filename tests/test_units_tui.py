"""The units in the terminal UI: the awaiting-review view (close or return
an item its lead unit reported done) and the campaign screen's figures and
units that have not reported, driven through Textual's pilot."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import Runner
from tests.test_tui import settle, text_of
from tracker.tui.app import TrackerApp

AS_OF = dt.date(2026, 3, 9)


@pytest.fixture
def ledger_db(tmp_path):
    db = tmp_path / "ledger.db"
    run = Runner(db)
    run("init")
    run(
        "campaign", "add", "燃气百日攻坚", "--start", "2026-02-02", "--end", "2026-05-01", "--cadence", "weekly",
        "--figure", "检查企业数", "--target", "检查企业数=500",
    )  # fmt: skip
    run(
        "add",
        "campaign-task",
        "茶山镇燃气排查",
        "--unit",
        "茶山镇",
        "--campaign",
        "燃气百日攻坚",
        "--due",
        "2026-04-30",
    )
    run(
        "add",
        "campaign-task",
        "长安镇燃气排查",
        "--unit",
        "长安镇",
        "--campaign",
        "燃气百日攻坚",
        "--due",
        "2026-04-30",
    )
    run("feedback", "add", "1", "--unit", "茶山镇", "检查35家", "--figure", "检查企业数=35", "--on", "2026-03-05")
    run("add", "task", "整治分租式厂房", "--unit", "虎门镇", "--due", "2026-03-20")
    run("add", "task", "清理消防通道", "--unit", "石龙镇", "--due", "2026-03-25")
    run("feedback", "add", "3", "--unit", "虎门镇", "整治完成", "--done", "--on", "2026-03-06")
    run("feedback", "add", "4", "--unit", "石龙镇", "已清理", "--done", "--on", "2026-03-06")
    return run


def app_for(run: Runner, lang: str = "zh") -> TrackerApp:
    return TrackerApp(run.db_path, lang=lang, as_of=AS_OF, actor="clerk", poll_seconds=60.0)


async def test_awaiting_review_view_closes_and_returns(ledger_db):
    from textual.widgets import DataTable

    app = app_for(ledger_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert "待销号" in text_of(app.screen.query_one("#title-bar"))
        await pilot.press("d")  # the first (due 03-20): closed
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ReasonDialog"
        for ch in "照片不全":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 0
    assert ledger_db.sql("SELECT status, closed_on FROM items WHERE id = 3") == [("done", "2026-03-09")]
    assert ledger_db.sql("SELECT state, returns FROM shares WHERE item_id = 4") == [("returned", 1)]
    assert ledger_db.sql("SELECT json_extract(data, '$.reason') FROM events WHERE type = 'return'") == [("照片不全",)]


async def test_campaign_screen_shows_figures_and_who_has_not_reported(ledger_db):
    app = app_for(ledger_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        shown = " ".join(text_of(w) for w in app.screen.query(".camp-info"))
        assert "检查企业数 35 / 500 (7%)" in shown and "茶山镇 35" in shown
        assert "截至 2026-03-06 的一期未报送：长安镇" in shown


async def test_unit_picker_sorts_by_pinyin(ledger_db):
    app = app_for(ledger_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        options = app.screen.options  # the picker's (label, value) pairs, as shown
        assert [value for _, value in options][1:] == ["茶山镇", "长安镇", "虎门镇", "石龙镇"]
