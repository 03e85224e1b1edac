"""The legal docket's queries at a million items: the report's hearings
and the year's figures read indexes, never the whole ledger (the planner
statistics of tests/test_plans.py)."""

from __future__ import annotations

from tests.test_plans import AS_OF, conn, full_scans, plans  # noqa: F401  (conn: the 1M-statistics fixture)


def test_the_reports_hearings_and_the_years_figures_never_scan_the_ledger(conn):  # noqa: F811
    from tracker.calendar import WorkCalendar
    from tracker.legal import annual
    from tracker.report import build_report

    ps = [p for p in plans(conn, build_report, conn, AS_OF, WorkCalendar()) if "hearings" in p or " h " in p]
    assert any("hearings_date" in p for p in ps), ps
    ps = plans(conn, annual, conn, 2026, AS_OF)
    assert any("due_counts" in p for p in ps), ps  # tasks: the counts per due day, not a year of items
    assert any("COVERING INDEX items_cases" in p for p in ps), ps  # cases: their dates from the index alone
    assert any("COVERING INDEX hearings_date" in p for p in ps), ps
    assert any("items_kind_received" in p for p in ps), ps  # letters
    assert any("items_extended" in p for p in ps), ps
    for p in ps:
        assert not [s for s in full_scans(p) if "items_extended" not in s], p
