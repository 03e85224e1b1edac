"""The awaiting-review view (待销号) on the TUI's hooks: opened by v and from
the command palette, its keys labelled in the app's language, a return
with a new due date, the ledger's counts after a close, the empty view."""

from __future__ import annotations

from textual.widgets import DataTable, Footer

from tests.test_tui import settle, text_of
from tests.test_units_tui import app_for, ledger_db  # noqa: F401  (the fixture)


async def test_view_in_english_with_its_keys_and_time_left(ledger_db):  # noqa: F811
    app = app_for(ledger_db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "Awaiting review (lead unit reports done): 2 items" in text_of(app.screen.query_one("#title-bar"))
        labels = {b.description for _, b, *_ in app.screen.active_bindings.values() if b.show}
        assert {"Close (done)", "Return", "Back", "Open"} <= labels
        table = app.screen.query_one(DataTable)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "3" and "2026-03-20" in first and "9 working days left" in first
        assert app.screen.query(Footer)


async def test_view_from_the_palette_and_labels_in_chinese(ledger_db):  # noqa: F811
    app = app_for(ledger_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        for ch in "待销号":
            await pilot.press(ch)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "待销号" in text_of(app.screen.query_one("#title-bar"))
        labels = {b.description for _, b, *_ in app.screen.active_bindings.values() if b.show}
        assert {"销号", "退回重办", "返回", "查看"} <= labels


async def test_return_with_a_new_due_date_and_the_ledger_counts_follow(ledger_db):  # noqa: F811
    app = app_for(ledger_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = app.home.counts["done"]
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert app.home.counts["done"] == before + 1  # the ledger's tabs show the close at once
        await pilot.press("R")
        await settle(pilot)
        for ch in "照片不全":
            await pilot.press(ch)
        await pilot.press("tab")
        for ch in "2026-13-01":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "ReasonDialog"  # a bad date: said, nothing written
        assert "2026-13-01" in text_of(app.screen.query_one("#error"))
        await pilot.press("ctrl+u")
        for ch in "2026-04-10":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 0
        assert "没有待销号的事项" in text_of(app.screen.query_one("#awaiting-empty"))
    assert ledger_db.sql("SELECT due_on, status FROM items WHERE id = 4") == [("2026-04-10", "open")]
    assert ledger_db.sql("SELECT json_extract(data, '$.reason') FROM events WHERE type = 'return'") == [("照片不全",)]


async def test_escape_leaves_the_dialog_and_writes_nothing(ledger_db):  # noqa: F811
    app = app_for(ledger_db, "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        for ch in "no photos":
            await pilot.press(ch)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 2
    assert ledger_db.sql("SELECT count(*) FROM events WHERE type = 'return'") == [(0,)]


async def test_the_item_page_shows_the_units_shares(ledger_db):  # noqa: F811
    """An item's page lists its lead and assisting units with their state, as
    `tracker show` does; a unit that reported done says so."""
    ledger_db("edit", "3", "--assist", "长安镇")
    for lang, words in (
        ("zh", ["虎门镇（牵头，已报办结 2026-03-06）", "长安镇（配合，办理中）"]),
        ("en", ["虎门镇 (lead, reported done 2026-03-06)", "长安镇 (assisting, working)"]),
    ):
        app = app_for(ledger_db, lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            from tracker.tui.screens import ItemScreen

            await app.push_screen(ItemScreen.in_lang(lang)(3))
            await settle(pilot)
            panel = text_of(app.screen.query_one("#panel-units_shares"))
            for w in words:
                assert w in panel, (w, panel)
