"""tracker's benchmark: build demo ledgers of 1k, 100k and N items and time
what clerks do, with Taskwarrior on the same ledger where it is installed.

    python bench/run.py --items 1000000          # 1k, 100k and 1M
    python bench/run.py --items 100000 --repeat 3

Prints a Markdown table of medians (seconds unless marked) and writes it to
bench/results/. Each CLI figure is a whole process (start-up included), as
a clerk or cron sees it. Run on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-27"
PY = sys.executable
# Each process as an installed tool runs: with its compiled bytecode cached
# (a sandbox's PYTHONDONTWRITEBYTECODE would recompile every module on every
# start and add some 15 ms to each command).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def tracker(db: Path, *args: str, check: bool = True) -> float:
    """Seconds one `tracker` process takes."""
    return tracker_rss(db, *args, check=check)[0]


def tracker_rss(db: Path, *args: str, check: bool = True) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one `tracker` process: the peak of
    the process and any it starts (an import's helper) together, sampled
    every few milliseconds, or the largest one's own peak if more."""
    import threading

    start = time.perf_counter()
    p = subprocess.Popen(
        [PY, "-m", "tracker", "--db", str(db), "--as-of", AS_OF, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=ENV,
    )
    together = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            together[0] = max(together[0], tree_rss_kib(p.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # read what it says before waiting: a long complaint would fill the pipe
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    if check and p.returncode != 0:
        raise RuntimeError(f"tracker {' '.join(args)} failed: {err}")
    return elapsed, max(usage.ru_maxrss, together[0]) / 1024


def tree_rss_kib(pid: int) -> float:
    """The resident memory (KiB) of a process and its descendants now (0
    where /proc does not say)."""
    total = 0.0
    try:
        with open(f"/proc/{pid}/status") as f:
            total += next((float(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0.0)
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            children = [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        return total
    return total + sum(tree_rss_kib(c) for c in children)


FILLED_ROWS = 3  # rows a unit fills on each form in the like-for-like run


def filled_forms(forms: Path, folder: Path, rows: int | None, count: int = 32) -> tuple[list[Path], int]:
    """`count` of the unit forms in `forms`, copied to `folder` and filled in
    as a unit would: a line of progress on the first `rows` item rows of
    each, or on every row with None (openpyxl, as an office's spreadsheet
    program saves it). Returns the files and the rows filled."""
    from openpyxl import load_workbook

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out, filled = [], 0
    for path in sorted(forms.glob("*.xlsx"))[:count]:
        wb = load_workbook(path)
        ws = wb.worksheets[0]
        header = next((r for r in range(1, 12) if any(c.value == "本期进展" for c in ws[r])), None)
        if header is None:
            continue
        col = next(c.column for c in ws[header] if c.value == "本期进展")
        last = ws.max_row if rows is None else min(ws.max_row, header + rows)
        for row in range(header + 1, last + 1):
            if ws.cell(row, 1).value is not None:
                ws.cell(row, col).value = "已部署排查，进展正常"
                filled += 1
        wb.save(folder / path.name)
        out.append(folder / path.name)
    return out, filled


def form_rows(forms: Path) -> int:
    """The item rows of every form in `forms`."""
    from openpyxl import load_workbook

    total = 0
    for path in forms.glob("*.xlsx"):
        ws = load_workbook(path, read_only=True).worksheets[0]
        total += sum(1 for r in ws.iter_rows(min_row=5, max_col=1, values_only=True) if isinstance(r[0], int))
    return total


def median(fn, repeat: int) -> float:
    """The median of `repeat` runs after one that warms the page cache; three
    times as many for commands under half a second, where this shared
    machine's noise is largest."""
    first = fn()
    return statistics.median(fn() for _ in range(repeat * 3 if first < 0.5 else repeat))


def interleaved(small: Path, big: Path, args: tuple, runs: int) -> tuple[float, float]:
    """Medians of one command on two ledgers, run turn about, so that the
    machine's drift between the two sizes' turns cannot skew their ratio."""
    a, b = [], []
    for _ in range(runs):
        a.append(tracker(small, *args))
        b.append(tracker(big, *args))
    return statistics.median(a), statistics.median(b)


def build(db: Path, n: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [PY, "-m", "tracker", "--db", str(db), "--as-of", AS_OF, "demo", "--no-ui", "--items", str(n)],
        check=True,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=ENV,
    )
    return time.perf_counter() - start


UI_PROBE = r"""
import asyncio, datetime as dt, json, resource, sys, time
t0 = time.perf_counter()
from tracker.tui.app import TrackerApp
from tracker.tui.item_list import ItemList

async def main():
    app = TrackerApp(sys.argv[1], as_of=dt.date.fromisoformat(sys.argv[2]), poll_seconds=3600)
    out = {}
    async with app.run_test(size=(160, 50)) as pilot:
        table = None
        while table is None or not table.loaded:
            await pilot.pause(0.005)
            tables = app.screen.query(ItemList)
            table = tables.first() if tables else None
        await pilot.pause()
        out["first_screen"] = time.perf_counter() - t0

        async def idle():
            # every background worker done (a newer query cancels an older
            # one: that is the UI working, not a failure of the probe)
            from textual.worker import WorkerCancelled

            while True:
                try:
                    await app.workers.wait_for_complete()
                    return
                except WorkerCancelled:
                    await asyncio.sleep(0.01)

        async def settle_time(action):
            # From the action to the rows being ready to draw. The action is
            # called directly: pilot.press would also wait for every
            # background worker (the tab counts) to go idle.
            start = time.perf_counter()
            await action()
            await asyncio.sleep(0)
            while not table.loaded or table.current is None:
                await asyncio.sleep(0.001)
            return time.perf_counter() - start

        # one keystroke of search: the query the keystroke starts, debounce excluded
        screen = app.screen
        keys = []
        for text in ("虎", "虎门", "虎门镇"):
            async def search(text=text):
                screen.set_query(screen.query_.with_(search=text))
            keys.append(await settle_time(search))
        out["search_key"] = sorted(keys)[1]
        async def clear():
            screen.set_query(screen.query_.with_(search=""))
        await settle_time(clear)
        await idle()
        pages = []
        for _ in range(5):
            async def page():
                table.action_page(1)
            pages.append(await settle_time(page))
        out["page_move"] = sorted(pages)[2]
        async def all_view():
            screen.action_view("all")
        out["all_view"] = await settle_time(all_view)
        await idle()
        async def end():
            table.action_jump(-1)
        out["jump_end"] = await settle_time(end)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))

asyncio.run(main())
"""


def ui_probe(db: Path) -> dict:
    r = subprocess.run([PY, "-c", UI_PROBE, str(db), AS_OF], capture_output=True, text=True, cwd=ROOT, env=ENV)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-2000:])
    return json.loads(r.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------ Taskwarrior --
def _tw_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "&dquot;").replace("[", "&open;").replace("]", "&close;")


def taskwarrior_ledger(db: Path, data_dir: Path) -> Path:
    """The same ledger as Taskwarrior 2.6 data files (pending.data and
    completed.data in its FF4 format): open items pending with their due
    date, done and cancelled items completed or deleted."""
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db)

    def epoch(day: str | None) -> str:
        return str(int(dt.datetime.fromisoformat(day + "T17:00:00").timestamp())) if day else ""

    with (
        open(data_dir / "pending.data", "w", encoding="utf-8") as pending,
        open(data_dir / "completed.data", "w", encoding="utf-8") as completed,
    ):
        for i, title, status, due, received, closed, unit in conn.execute(
            "SELECT i.id, i.title, i.status, i.due_on, i.received_on, i.closed_on, u.name FROM items i "
            "LEFT JOIN units u ON u.id = i.unit_id"
        ):
            fields = [
                f'description:"{_tw_escape(title)}"',
                f'entry:"{epoch(received)}"',
                f'project:"{_tw_escape(unit or "none")}"',
                f'uuid:"{uuid.UUID(int=i)}"',
            ]
            if due:
                fields.append(f'due:"{epoch(due)}"')
            if status == "open":
                fields.append('status:"pending"')
                pending.write("[" + " ".join(sorted(fields)) + "]\n")
            else:
                fields += [f'end:"{epoch(closed)}"', f'status:"{"completed" if status == "done" else "deleted"}"']
                completed.write("[" + " ".join(sorted(fields)) + "]\n")
    return _taskrc(data_dir)


def _taskrc(data_dir: Path) -> Path:
    """Taskwarrior's settings for a data directory: quiet, no hooks, no gc."""
    rc = data_dir / "taskrc"
    rc.write_text(
        f"data.location={data_dir}\nverbose=nothing\nconfirmation=off\ngc=off\nhooks=off\n"
        "recurrence=off\nsearch.case.sensitive=yes\n",
        encoding="utf-8",
    )
    return rc


def task(rc: Path, *args: str, stdout=subprocess.DEVNULL) -> float:
    """Seconds one `task` process takes (its output to `stdout`)."""
    start = time.perf_counter()
    subprocess.run(
        ["task", "rc.color=off", *args],
        env={**os.environ, "TASKRC": str(rc)},
        stdout=stdout,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


# ------------------------------------------------------------------- main --
ROWS = [
    ("build", "build the demo ledger (`tracker demo --no-ui`)"),
    ("report_json", "`tracker report --format json`"),
    ("report_rich", "`tracker report` (rich)"),
    ("list_overdue", "`tracker list --overdue`"),
    ("hearings", "`tracker hearing list` (the next 30 days)"),
    ("annual", "`tracker annual` (the as-of year, JSON)"),
    ("list_unit", "`tracker list --unit 虎门镇` (led or assisted)"),
    ("bulletin", "`tracker bulletin --format json` (last month)"),
    ("add", "`tracker add`"),
    ("note", "`tracker note`"),
    ("done", "`tracker done`"),
    ("letter", "`tracker letter issue` (a 提醒函, DOCX)"),
    ("forms_out", "`tracker feedback form` (every unit's form, a folder)"),
    ("form_rows", "… the item rows on those forms"),
    ("forms_in", f"`tracker feedback import` of 32 unit forms, {FILLED_ROWS} rows filled on each"),
    ("forms_all", "`tracker feedback import` of 32 unit forms, every row filled"),
    ("forms_all_rows", "… the rows filled (reports written)"),
    ("export_csv", "`tracker export` CSV, all items"),
    ("export_json", "`tracker export` JSON, all items"),
    ("export_xlsx", "`tracker export` XLSX, all items"),
    ("import_csv", "`tracker import` of that CSV"),
    ("import_mb", "`tracker import` of that CSV: peak memory (MB, with its helper)"),
    ("import_floor", "… SQLite alone writing the rows that import wrote (a floor)"),
    ("first_screen", "UI first screen (process start to first paint)"),
    ("search_key", "UI search: one keystroke's query"),
    ("page_move", "UI page down"),
    ("all_view", "UI switch to all items"),
    ("jump_end", "UI jump to the last item"),
    ("peak_mb", "UI peak memory (MB)"),
    ("task_overdue", "Taskwarrior `task overdue`"),
    ("task_add", "Taskwarrior `task add`"),
    ("task_export", "Taskwarrior `task export`"),
    ("task_import", "Taskwarrior `task import` of that export"),
]


# Commands timed turn about at the smallest and the largest size (the
# report's JSON carries its hearings).
TURN_ABOUT = {
    ("report",): "`tracker report`",
    ("report", "--format", "json"): "`tracker report --format json` (with its hearings)",
    ("annual", AS_OF[:4], "--format", "json"): "`tracker annual`",
    ("list", "--unit", "虎门镇", "--format", "json"): "`tracker list --unit 虎门镇`",
    ("bulletin", "--format", "json"): "`tracker bulletin`",
    ("hearing", "list", "--from", AS_OF, "--to", "2026-12-27"): "`tracker hearing list` (the next 30 days)",
}


def run_size(n: int, work: Path, repeat: int, taskwarrior: bool, exports: bool) -> dict:
    db = work / f"bench-{n}.db"
    res: dict[str, float] = {"build": build(db, n)}
    res["report_json"] = median(lambda: tracker(db, "report", "--format", "json"), repeat)
    res["report_rich"] = median(lambda: tracker(db, "report"), repeat)
    res["list_overdue"] = median(lambda: tracker(db, "list", "--overdue", "--format", "json"), repeat)
    until = (dt.date.fromisoformat(AS_OF) + dt.timedelta(days=30)).isoformat()
    res["hearings"] = median(lambda: tracker(db, "hearing", "list", "--from", AS_OF, "--to", until), repeat)
    res["annual"] = median(lambda: tracker(db, "annual", AS_OF[:4], "--format", "json"), repeat)
    res["list_unit"] = median(lambda: tracker(db, "list", "--unit", "虎门镇", "--format", "json"), repeat)
    res["bulletin"] = median(lambda: tracker(db, "bulletin", "--format", "json"), repeat)
    ids = []

    def add():
        start = time.perf_counter()
        r = subprocess.run(
            [PY, "-m", "tracker", "--db", str(db), "add", "task", "基准测试任务", "--due", "2026-12-31", "-q"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            env=ENV,
        )
        ids.append(r.stdout.strip())
        return time.perf_counter() - start

    res["add"] = median(add, repeat)
    res["note"] = median(lambda: tracker(db, "note", ids[0], "进展正常"), repeat)
    res["done"] = statistics.median(tracker(db, "done", i) for i in ids)
    letters = work / f"letters-{n}"
    letters.mkdir(exist_ok=True)
    target = (
        sqlite3.connect(db)
        .execute("SELECT min(id) FROM items WHERE status = 'open' AND kind = 'task' AND unit_id IS NOT NULL")
        .fetchone()[0]
    )
    res["letter"] = median(
        lambda: tracker(db, "letter", "issue", str(target), "reminder", "-o", str(letters / "x.docx"), "--force"),
        max(1, repeat // 2),
    )
    forms = work / f"forms-{n}"

    def write_forms():
        shutil.rmtree(forms, ignore_errors=True)
        return tracker(db, "feedback", "form", "-o", str(forms))

    res["forms_out"] = median(write_forms, max(1, repeat // 2))
    res["form_rows"] = form_rows(forms)
    # The same work at every size (FILLED_ROWS rows on each of 32 forms),
    # then every row of every form: that grows with the ledger.
    few, res["forms_in_rows"] = filled_forms(forms, work / f"filled-{n}", FILLED_ROWS)
    res["forms_in"] = tracker(db, "feedback", "import", *map(str, few))
    every, res["forms_all_rows"] = filled_forms(forms, work / f"filled-all-{n}", None)
    res["forms_all"] = tracker(db, "feedback", "import", *map(str, every))
    csv_file, xlsx_file = work / f"export-{n}.csv", work / f"export-{n}.xlsx"
    res["export_csv"] = median(
        lambda: tracker(db, "export", "--status", "all", "-o", str(csv_file), "--force"), max(1, repeat // 2)
    )
    if exports:  # JSON and XLSX up to 100,000 items
        res["export_json"] = median(
            lambda: tracker(
                db, "export", "--status", "all", "--format", "json", "-o", str(work / f"export-{n}.json"), "--force"
            ),
            max(1, repeat // 2),
        )
        res["export_xlsx"] = median(
            lambda: tracker(db, "export", "--status", "all", "--format", "xlsx", "-o", str(xlsx_file), "--force"), 1
        )
    # at every size, a million rows too: all-or-nothing, in bounded memory
    res["import_csv"], res["import_mb"] = import_into_new(work, n, csv_file)
    res["import_floor"] = median(lambda: import_floor(work, n), max(1, repeat // 2))
    ui = [ui_probe(db) for _ in range(max(1, repeat // 2))]
    for key in ui[0]:
        res[key] = statistics.median(u[key] for u in ui)
    if taskwarrior:
        rc = taskwarrior_ledger(db, work / f"task-{n}")
        res["task_overdue"] = median(lambda: task(rc, "overdue"), max(1, repeat // 2))
        res["task_add"] = median(lambda: task(rc, "add", "基准测试任务", "due:2026-12-31"), max(1, repeat // 2))
        res["task_export"] = median(lambda: task(rc, "export"), 1)
        exported = work / f"task-{n}.json"
        with open(exported, "w", encoding="utf-8") as f:
            task(rc, "export", stdout=f)
        fresh = taskwarrior_ledger_empty(work / f"task-import-{n}")
        res["task_import"] = task(fresh, "import", str(exported))
    return res


def import_into_new(work: Path, n: int, csv_file: Path) -> tuple[float, float]:
    """Seconds and peak MB of `tracker import` of csv_file into a new ledger."""
    target = work / f"import-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    tracker(target, "init")  # a --db that does not exist is refused: make it first (not timed)
    return tracker_rss(target, "import", str(csv_file))


# What SQLite alone takes to write the rows an import of the CSV wrote: the
# imported ledger's tables copied into a new one (INSERT ... SELECT, no
# Python between), its triggers and the item tables' indexes dropped
# meanwhile and the indexes built at the end, as tracker's bulk load does;
# then the commit. No importer of this schema can be faster than this.
FLOOR = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA foreign_keys = ON")
conn.execute("PRAGMA synchronous = NORMAL")
conn.execute("ATTACH ? AS src", (sys.argv[2],))
conn.execute("BEGIN IMMEDIATE")
conn.execute("PRAGMA cache_size = -65536")
for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'trigger'").fetchall():
    conn.execute(f"DROP TRIGGER main.{name}")
indexes = [r[0] for r in conn.execute("SELECT sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
           "AND tbl_name IN ('items', 'events', 'item_assist_units', 'shares')")]
for sql in indexes:
    conn.execute("DROP INDEX main." + sql.split()[2])
for table in ("units", "campaigns", "items", "item_assist_units", "events", "shares",
              "due_counts", "unit_due_counts", "campaign_counts"):
    conn.execute(f"INSERT OR REPLACE INTO main.{table} SELECT * FROM src.{table}")
for sql in indexes:
    conn.execute(sql)
conn.execute("COMMIT")
conn.close()
"""


def import_floor(work: Path, n: int) -> float:
    """Seconds SQLite alone takes to write the rows `import_into_new` wrote (FLOOR)."""
    target = work / f"floor-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    tracker(target, "init")
    start = time.perf_counter()
    subprocess.run([PY, "-c", FLOOR, str(target), str(work / f"import-{n}.db")], check=True, env=ENV)
    return time.perf_counter() - start


def taskwarrior_ledger_empty(data_dir: Path) -> Path:
    """An empty Taskwarrior data directory and its taskrc."""
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    return _taskrc(data_dir)


def fmt(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if key.endswith("_mb"):
        return f"{value:.0f}"
    if key.endswith("_rows"):
        return f"{value:,.0f}"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=100_000, help="the largest ledger (default 100000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure; the median is shown")
    ap.add_argument("--no-taskwarrior", action="store_true", help="skip Taskwarrior even if installed")
    ap.add_argument("--keep", metavar="DIR", help="build the ledgers in DIR and keep them")
    args = ap.parse_args(argv)
    sizes = sorted({n for n in (1_000, 100_000, args.items) if n <= args.items})
    taskwarrior = not args.no_taskwarrior and shutil.which("task") is not None
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in sizes:
        print(f"… {n:,} items", file=sys.stderr)
        results[n] = run_size(n, work, args.repeat, taskwarrior, exports=n <= 100_000)
    ratios = {}
    if len(sizes) > 1:
        small_db, big_db = work / f"bench-{sizes[0]}.db", work / f"bench-{sizes[-1]}.db"
        for cmd in TURN_ABOUT:
            ratios[cmd] = interleaved(small_db, big_db, cmd, 5 * args.repeat)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    head = "| measure | " + " | ".join(f"{n:,} items" for n in sizes) + " |"
    lines = [
        f"tracker bench, {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; medians of {args.repeat} "
        f"({3 * args.repeat} for commands under 0.5 s)",
        "",
        head,
        "|---" * (len(sizes) + 1) + "|",
    ]
    for key, label in ROWS:
        if all(key not in results[n] for n in sizes):
            continue
        lines.append(f"| {label} | " + " | ".join(fmt(key, results[n].get(key)) for n in sizes) + " |")
    big = sizes[-1]
    if big != sizes[0]:
        lines.append("")
        for cmd, label in TURN_ABOUT.items():
            small_t, big_t = ratios[cmd]
            lines.append(
                f"- {label} at {big:,} items: {big_t / small_t:.2f}× its time at {sizes[0]:,} "
                f"({big_t * 1000:.0f} / {small_t * 1000:.0f} ms, run turn about)"
            )
        small = sizes[0]
        for key, rows, label in (
            ("forms_out", "form_rows", "`tracker feedback form`"),
            ("forms_all", "forms_all_rows", "`tracker feedback import`, every row filled"),
        ):
            a, b = results[small], results[big]
            lines.append(
                f"- {label}: {b[rows]:,} rows at {big:,} items, {a[rows]:,} at {small:,} "
                f"({b[rows] / max(1, a[rows]):.0f}× the rows in {b[key] / a[key]:.1f}× the time; "
                f"{b[key] / max(1, b[rows]) * 1e6:.0f} µs a row)"
            )
        if "task_overdue" in results[big]:
            lines.append(
                f"- `task overdue` / `tracker report` at {big:,} items: "
                f"{results[big]['task_overdue'] / results[big]['report_rich']:.0f}×"
            )
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{dt.date.today().isoformat()}-{args.items}.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
