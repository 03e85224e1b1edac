"""Snapshots of the UI at fixed sizes on a fixed ledger and day. Refresh with
`pytest tests/test_snapshots.py --snapshot-update` in the same commit as a
textual upgrade (textual is pinned), and look at each changed SVG."""

from __future__ import annotations

import pytest

from tests.test_tui import make_app, make_ledger, settle


@pytest.fixture
def app(tmp_path):
    return make_app(make_ledger(tmp_path / "ledger.db"))


def prepare(*keys):
    async def run_before(pilot):
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


def test_ledger_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare())


def test_ledger_160x50(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 50), run_before=prepare())


def test_item_view(snap_compare, app):
    assert snap_compare(app, terminal_size=(110, 36), run_before=prepare("enter"))


def test_new_item_form(snap_compare, app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#kind").value = "litigation"
        await pilot.press(*"某公司诉我局行政处罚案")
        pilot.app.screen.query_one("#received").focus()
        await pilot.press(*"2026-02-02")
        for widget in pilot.app.screen.query("Input"):
            widget.cursor_blink = False
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 32), run_before=run_before)


def test_help(snap_compare, app):
    assert snap_compare(app, terminal_size=(110, 36), run_before=prepare("question_mark"))


def test_ledger_en_80x24(snap_compare, tmp_path):
    app = make_app(make_ledger(tmp_path / "ledger.db"), lang="en")
    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare())


def test_done_view(snap_compare, app):
    """The most overdue item done today: the done view shows it closed late."""
    assert snap_compare(app, terminal_size=(110, 30), run_before=prepare("d", "ctrl+s", "5"))
