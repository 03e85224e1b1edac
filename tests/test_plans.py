"""The query plans of the hot paths, pinned: a later change to a query or
an index cannot silently fall back to scanning a million rows.

The database is small, but carries the planner statistics of a 1,000,000
item ledger (tests/data/planner_stats_1m.json, made by
bench/planner_stats.py), so SQLite plans as it would at that size. Each
test runs the real function with every statement traced, then asks SQLite
how it ran each one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker.calendar import WorkCalendar
from tracker.db import open_db
from tracker.ledger import Ledger
from tracker.listing import SORTS, VIEWS, ListQuery, ListSource
from tracker.queries import Filters, campaign_rows, campaign_units, item_events
from tracker.report import build_report, build_stats

STATS = Path(__file__).resolve().parent / "data" / "planner_stats_1m.json"
AS_OF = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "plans.db"
    c = open_db(path, create=True)
    ledger = Ledger(c, actor="test")
    ledger.add("review", "复议", received_on=dt.date(2026, 11, 1), unit="法规科", campaign="专项")
    c.execute("ANALYZE")
    c.execute("DELETE FROM sqlite_stat1")
    c.executemany(
        "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", json.loads(STATS.read_text(encoding="utf-8"))
    )
    c.close()
    c = open_db(path)  # statistics are read when a connection opens
    yield c
    c.close()


def traced(conn, fn, *args, **kwargs) -> list[str]:
    """The statements fn runs on conn (parameters filled in)."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        fn(*args, **kwargs)
    finally:
        conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def plan(conn, sql: str) -> str:
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))


def plans(conn, fn, *args, **kwargs) -> list[str]:
    return [plan(conn, s) for s in traced(conn, fn, *args, **kwargs)]


def full_scans(p: str) -> list[str]:
    """Steps that read a whole items table or index (not a range of it)."""
    return [step for step in p.split(" | ") if step.startswith("SCAN i") or step == "SCAN items"]


def test_stats_fixture_matches_schema(conn):
    """The statistics name every index the schema defines (regenerate them
    with bench/planner_stats.py when an index is added)."""
    indexes = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('items', 'events') AND sql IS NOT NULL"
        )
    }
    stats = {r[1] for r in json.loads(STATS.read_text(encoding="utf-8"))}
    assert indexes <= stats, indexes - stats


def test_report_reads_open_items_by_index(conn):
    ps = plans(conn, build_report, conn, AS_OF, WorkCalendar())
    joined = " || ".join(ps)
    assert "items_open_due" in joined
    # each unit's items come from the covering (unit, due date) index alone
    sections = [p for p in ps if "unit_id=?" in p and "shares_awaiting" not in p]
    assert sections, ps
    # items awaiting review: in due order from the open items' covering
    # index, each checked against the awaiting shares' index
    awaiting = [p for p in ps if "shares_awaiting" in p]
    assert awaiting and all(p.startswith("SCAN i USING COVERING INDEX items_open_due") for p in awaiting), awaiting
    assert all(p.startswith("SEARCH i USING COVERING INDEX items_open_unit (unit_id=?") for p in sections), sections
    for p in ps:
        assert not [s for s in full_scans(p) if "items_open" not in s and "items_campaign" not in s], p


def test_report_by_unit_and_kind(conn):
    assert "items_open_unit" in " ".join(plans(conn, build_report, conn, AS_OF, WorkCalendar(), unit="法规科"))
    assert "items_open_kind" in " ".join(plans(conn, build_report, conn, AS_OF, WorkCalendar(), kind="review"))


def test_stats_use_covering_indexes(conn):
    ps = plans(conn, build_stats, conn, dt.date(2026, 1, 1), AS_OF, AS_OF)
    assert any("COVERING INDEX items_stats" in p for p in ps)
    assert any("COVERING INDEX items_kind_received" in p for p in ps)
    assert not any(full_scans(p) for p in ps)


def test_running_campaigns(conn):
    ps = plans(conn, campaign_rows, conn, AS_OF, running=True)
    assert any("items_campaign" in p for p in ps)
    ps = plans(conn, campaign_units, conn, 1, AS_OF)
    assert all("items_campaign" in p for p in ps)


def test_history_of_one_item(conn):
    ps = plans(conn, item_events, conn, 1)
    assert ps and all("events_item" in p for p in ps)


@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("sort", list(SORTS))
def test_every_view_and_sort_pages_from_an_index(conn, view, sort):
    source = ListSource(conn, AS_OF, WorkCalendar())
    for descending in (False, True):
        q = ListQuery(view=view, sort=sort, descending=descending)
        page = plan(conn, traced(conn, source.page, q, 500_000, 100)[0])
        if view in ("done", "all"):
            # nearly the whole ledger: read in the sort's order, never sorted
            assert "TEMP B-TREE FOR ORDER BY" not in page, page
            if sort != "id":
                assert "INDEX" in page, page
        else:
            # the open views: from a partial index of open items, whatever the sort
            assert all("items_open" in s for s in full_scans(page)), page
        count = plan(conn, traced(conn, source.count, q)[0])
        assert view in ("all", "done") or all("items_open" in s for s in full_scans(count)), count


def test_search_in_open_view_stays_on_open_items(conn):
    source = ListSource(conn, AS_OF, WorkCalendar())
    q = ListQuery(search="虎门")
    for sql in traced(conn, source.page, q, 0, 100)[:1] + traced(conn, source.count, q):
        # the open items' index alone: it carries every searched column
        assert plan(conn, sql).startswith("SCAN i USING COVERING INDEX items_open_due"), plan(conn, sql)


def test_overdue_list_and_export_filters(conn):
    from tracker.export import export_rows

    def items_plan(f: Filters, limit=None) -> str:
        sql = [s for s in traced(conn, export_rows, conn, f, AS_OF, WorkCalendar(), limit=limit) if "FROM items i" in s]
        assert len(sql) == 1, sql
        return plan(conn, sql[0])

    # the whole overdue list: a range of an open items' index, never a scan
    overdue = items_plan(Filters(overdue=True))
    assert overdue.startswith("SEARCH i USING INDEX items_open_") and "due_on<?" in overdue, overdue
    # a unit's items (led or assisted): its few open shares, then each item by id
    assert "shares_open" in items_plan(Filters(unit="法规科"))
    assert "items_open_unit" in items_plan(Filters(unit="法规科", lead_only=True))
    # `list --overdue --limit 20`: the first 20 straight from the index, no sort
    assert items_plan(Filters(overdue=True), limit=20).startswith("SEARCH i USING INDEX items_open_due")
    assert "TEMP B-TREE FOR ORDER BY" not in items_plan(Filters(overdue=True), limit=20)  # ties only


def test_first_page_of_a_whole_ledger_search_is_one_pass(conn):
    source = ListSource(conn, AS_OF, WorkCalendar())
    for view in ("all", "done"):
        statements = [
            s
            for s in traced(conn, source.first_page, ListQuery(view=view, search="虎门"), 100)
            if "FROM items i " in s and "WHERE i.id IN" not in s
        ]
        assert len(statements) == 1 and "count(*) OVER ()" in statements[0], statements
    # elsewhere the count and the page each read an index: two quick reads
    statements = traced(conn, source.first_page, ListQuery(view="open", search="虎门"), 100)
    assert not any("OVER ()" in s for s in statements)


def test_search_over_the_whole_ledger_scans_once(conn):
    source = ListSource(conn, AS_OF, WorkCalendar())
    for view in ("all", "done"):
        page = plan(conn, traced(conn, source.page, ListQuery(view=view, search="虎门"), 20_000, 100)[0])
        assert page.startswith("SCAN i") and "INDEX" not in page.split(" | ")[0], page
