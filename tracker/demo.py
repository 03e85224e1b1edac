"""The demo ledger: the sample in fixtures/ moved to the as-of day, plus
generated items over eight years, written fast enough for a million.

Generated items are realistic in shape: every kind, the bureau's sections
and Dongguan's towns, deadlines by rule for review, litigation and
proposals, most old items done (mostly on time), recent ones open, and a
history of create, progress, reminder, extension and done events.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import sqlite3
from importlib import resources
from pathlib import Path

from tracker.calendar import WorkCalendar
from tracker.db import analyze, bulk_load, open_db, transaction
from tracker.deadlines import Catalogue
from tracker.errors import UserError
from tracker.history import append_many
from tracker.ledger import Ledger
from tracker.legal import add_hearing
from tracker.text import pinyin_key

FIXTURE_DAY = dt.date(2026, 3, 2)  # the day the sample ledger is written for
SAMPLE_HEARINGS = {"（2026）粤1971行初88号": (dt.date(2026, 3, 4), "东莞市第一人民法院")}

SECTIONS = [
    "办公室",
    "法规科",
    "安全生产基础科",
    "危化品监管科",
    "工贸监管科",
    "应急指挥中心",
    "执法支队",
    "防灾减灾科",
    "综合协调科",
]
TOWNS = [
    "茶山镇",
    "虎门镇",
    "长安镇",
    "石龙镇",
    "石排镇",
    "企石镇",
    "横沥镇",
    "桥头镇",
    "谢岗镇",
    "东坑镇",
    "常平镇",
    "寮步镇",
    "樟木头镇",
    "大朗镇",
    "黄江镇",
    "清溪镇",
    "塘厦镇",
    "凤岗镇",
    "大岭山镇",
    "厚街镇",
    "沙田镇",
    "道滘镇",
    "洪梅镇",
    "麻涌镇",
    "望牛墩镇",
    "中堂镇",
    "高埗镇",
    "石碣镇",
    "莞城街道",
    "南城街道",
    "东城街道",
    "万江街道",
    "松山湖",
    "东莞滨海湾新区",
    "东莞港",
]
OWNERS = [
    "陈志强",
    "黄敏",
    "王建国",
    "李娜",
    "刘洋",
    "赵磊",
    "周婷",
    "孙浩",
    "吴静",
    "郑伟",
    "林晓",
    "何军",
    "罗芳",
    "梁斌",
    "谢丽",
    "冯涛",
]
SUBJECTS = [
    "分租式厂房",
    "再生资源回收站",
    "密室逃脱类场所",
    "限额以下工程",
    "工贸企业燃气使用",
    "有限空间作业",
    "危险化学品仓储",
    "粉尘涉爆企业",
    "镇村工业园",
    "经营性自建房",
    "消防通道",
    "城镇燃气",
    "电动自行车充电",
    "建筑施工",
    "特种设备",
    "汛期防御",
]
KIND_WEIGHTS = [
    ("task", 30),
    ("supervision", 8),
    ("reminder", 8),
    ("suggestion", 3),
    ("listed", 3),
    ("campaign-task", 30),
    ("review", 8),
    ("litigation", 5),
    ("proposal", 5),
]
TITLES = {
    "task": "落实{s}安全检查任务",
    "supervision": "督促{u}整改{s}隐患",
    "reminder": "{s}安全提醒",
    "suggestion": "关于加强{s}监管的建议",
    "listed": "{u}{s}重大隐患挂牌督办",
    "campaign-task": "{u}{s}专项整治",
    "review": "某企业不服{s}行政处罚申请复议",
    "litigation": "某公司诉我局{s}行政处罚案",
    "proposal": "关于推进{s}治理的建议（代表建议）",
}
PREFIX = {
    "supervision": "东应急督",
    "reminder": "东应急提",
    "suggestion": "东应急建",
    "listed": "东安委挂",
    "review": "东应急复",
    "litigation": "东应急诉",
    "proposal": "市人大建议",
}
PERIODS = (5, 7, 10, 15, 20, 30, 45, 60, 90)
CAMPAIGNS = [
    "镇村工业园安全专项整治",
    "城镇燃气用气安全百日攻坚",
    "消防安全“扫雷”行动",
    "工贸行业安全生产“百日清零”",
    "经营性自建房安全整治百日行动",
    "危险化学品安全风险集中治理",
]


def _fixture(name: str) -> Path:
    packaged = resources.files("tracker").joinpath("fixtures", name)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "fixtures" / name


def check_target(path: Path) -> None:
    """A demo may replace only an earlier demo (marked so in its meta table)
    or a database that holds nothing a clerk entered; anything else (a
    ledger, even one with only campaigns or calendar entries, or a file
    that is not a tracker database) is refused."""
    if not path.exists():
        return
    from tracker.maintenance import has_clerk_data, open_readonly

    try:
        conn = open_readonly(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            is_demo = "meta" in tables and conn.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
            entered = has_clerk_data(conn)
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UserError):
        raise UserError("demo_not_demo", path=str(path)) from None
    if entered and not is_demo:
        raise UserError("demo_not_demo", path=str(path))


def build_demo(path: Path, as_of: dt.date, items: int = 3000, seed: int = 2022, progress=None) -> int:
    """Build the demo database at `path`; returns the number of items.

    The demo is built in a temporary file beside `path`; a new path gets it
    by rename, an earlier demo is replaced through SQLite's backup API, so a
    demo UI still open on it sees the new demo instead of a file pulled
    from under it (its -wal and -shm are never left to a stranger)."""
    import tempfile

    from tracker.files import TEMP_PREFIX, remove_stale

    path = Path(path).expanduser()
    check_target(path)
    if not path.parent.is_dir():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise UserError("output_failed", path=str(path), problem=e.strerror or str(e)) from None
    remove_stale(path.parent, "demo")
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}demo-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # SQLite makes the file
    try:
        count = _build(tmp, as_of, items, seed, progress)
        os.chmod(tmp, 0o660)
        if path.exists():
            src = sqlite3.connect(tmp)
            dest = open_db(path)
            try:
                check_target(path)  # still a demo (someone may have used it meanwhile)
                src.backup(dest, pages=-1)
                dest.execute("PRAGMA journal_mode = WAL")
            finally:
                dest.close()
                src.close()
        else:
            os.replace(tmp, path)
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return count


def _build(path: Path, as_of: dt.date, items: int, seed: int, progress) -> int:
    conn = open_db(path, create=True)
    shift = as_of - FIXTURE_DAY
    ledger = Ledger(conn, actor="demo")
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')")
    _campaigns_from_fixture(ledger, shift)
    _sample_from_fixture(ledger, shift)
    n_sample = conn.execute("SELECT count(*) FROM items").fetchone()[0]
    if items > n_sample:
        # A demo file is rebuilt, never repaired: load it without a journal
        # and without syncing (several times faster), then back to WAL.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -131072")  # 128 MiB while loading
        conn.execute("PRAGMA temp_store = MEMORY")
        # The generator writes valid rows by construction (and `tracker
        # check` verifies a demo like any ledger): skip the per-row CHECKs.
        conn.execute("PRAGMA ignore_check_constraints = ON")
        generate(conn, as_of, items - n_sample, seed, progress)
        conn.execute("PRAGMA ignore_check_constraints = OFF")
        conn.execute("PRAGMA cache_size = -2000")
    conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to copy or rename
    analyze(conn)
    conn.close()
    return max(items, n_sample)


def _shifted(text: str, shift: dt.timedelta) -> str:
    from tracker.dates import parse_optional_date

    d = parse_optional_date(text)
    return (d + shift).isoformat() if d else ""


def _campaigns_from_fixture(ledger: Ledger, shift: dt.timedelta) -> None:
    with _fixture("campaigns.csv").open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            ledger.add_campaign(
                r["name"],
                dt.date.fromisoformat(r["start_on"]) + shift,
                dt.date.fromisoformat(r["end_on"]) + shift,
                r["unit"],
                r["cadence"],
            )


def _sample_from_fixture(ledger: Ledger, shift: dt.timedelta) -> None:
    """The sample ledger, every date moved by `shift` (deadlines by rule recomputed)."""
    import io
    import tempfile

    from tracker.importer import import_file

    with _fixture("ledger_sample.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    dates = [header.index(h) for h in ("收文日期", "办结时限", "办结日期")]
    due_col = header.index("办结时限")
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    for r in rows[1:]:
        computed = not r[due_col]  # keep it empty: the rule computes it on the new dates
        for c in dates:
            r[c] = _shifted(r[c], shift)
        if computed:
            r[due_col] = ""
        w.writerow(r)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "示例台账.csv"
        sample.write_text(out.getvalue(), encoding="utf-8")
        import_file(ledger, sample)
    # The sample's lawsuit has its hearing in the week (the ledger format has
    # no hearing column; the clerk enters it on the item).
    for ref, (day, court) in SAMPLE_HEARINGS.items():
        row = ledger.conn.execute("SELECT id FROM items WHERE ref_no = ?", (ref,)).fetchone()
        if row:
            ledger.edit(row[0], {"organ": court})
            add_hearing(ledger, row[0], ledger.cal.next_workday(day + shift), "09:30", court)


def generate(conn, as_of: dt.date, n: int, seed: int = 2022, progress=None) -> None:
    """Append n generated items (and their history) in one transaction.
    For speed the secondary indexes are dropped during the load and built
    again at the end (inside the same transaction), and event JSON is built
    from cached pieces."""
    rng = random.Random(seed)
    # Extensions and reminders draw from their own generator, so the rest
    # of the demo is the same with or without them.
    aux = random.Random(seed + 1)
    cal = WorkCalendar.from_db(conn)
    catalogue = Catalogue.from_db(conn)
    default_rule = dict(conn.execute("SELECT id, default_rule FROM kinds").fetchall())
    unit_names = SECTIONS + TOWNS
    conn.executemany(
        "INSERT OR IGNORE INTO units (name, pinyin) VALUES (?, ?)", [(u, pinyin_key(u)) for u in unit_names]
    )
    unit_ids = dict(conn.execute("SELECT name, id FROM units").fetchall())
    now = dt.datetime.combine(as_of, dt.time(9, 0)).isoformat()
    with transaction(conn), bulk_load(conn, n >= 50_000):
        # Running campaigns: the sample's and these, over the last months;
        # older campaign tasks belong to that year's campaign.
        for n_, name in enumerate(CAMPAIGNS):
            start = as_of - dt.timedelta(days=40 + 25 * n_)
            conn.execute(
                "INSERT OR IGNORE INTO campaigns (name, start_on, end_on, unit_id, cadence, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name,
                    start.isoformat(),
                    (start + dt.timedelta(days=180)).isoformat(),
                    unit_ids[SECTIONS[n_ % len(SECTIONS)]],
                    "daily" if n_ % 2 else "weekly",
                    now,
                ),
            )
        current = [r[0] for r in conn.execute("SELECT id FROM campaigns WHERE end_on >= ?", (as_of.isoformat(),))]
        current_set = set(current)
        yearly: dict[int, int] = {}

        def campaign_for(received: dt.date) -> int:
            if (as_of - received).days < 150:
                return rng.choice(current)
            y = received.year
            if y not in yearly:
                yearly[y] = conn.execute(
                    "INSERT OR IGNORE INTO campaigns (name, start_on, end_on, cadence, created_at) VALUES (?, ?, ?, ?, ?)",
                    (f"{y}年安全生产专项整治", f"{y}-01-01", f"{y}-12-31", "monthly", now),
                ).lastrowid
            return yearly[y]

        first_id = (conn.execute("SELECT max(id) FROM items").fetchone()[0] or 0) + 1
        kinds = [k for k, _ in KIND_WEIGHTS]
        weights = [w for _, w in KIND_WEIGHTS]
        span = 8 * 365
        due_cache: dict[tuple[str, dt.date], tuple[str, int, str]] = {}
        items, events, assists = [], [], []
        cadences: list[tuple] = []  # listed cases report weekly
        returned: list[int] = []  # done items the office once sent back
        open_shares: dict[int, dict[int, list[tuple[int, bool]]]] = {}  # campaign -> unit -> (open task, lead)
        recent_open: list[tuple[int, int]] = []  # (item, lead unit) open, due within a fortnight
        seq: dict[tuple[str, int], int] = {}
        batch = 20_000
        for k in range(n):
            item_id = first_id + k
            kind = rng.choices(kinds, weights)[0]
            # Most items are old; the last 90 days hold the open work.
            age = int(rng.triangular(0, span, 0)) if rng.random() < 0.97 else rng.randrange(0, 90)
            received = as_of - dt.timedelta(days=age)
            unit = rng.choice(TOWNS if kind in ("supervision", "listed", "campaign-task", "reminder") else unit_names)
            rule = default_rule.get(kind)
            provisional = 0
            if rule:
                key = (rule, received)
                if key not in due_cache:
                    d = catalogue.compute(rule, received, cal)
                    due_cache[key] = (
                        d.due_on.isoformat(),
                        int(d.provisional),
                        json.dumps(
                            {
                                "due_on": d.due_on.isoformat(),
                                "rule": rule,
                                "basis_zh": d.basis_zh,
                                "basis_en": d.basis_en,
                                "provisional": d.provisional,
                            },
                            ensure_ascii=False,
                        ),
                    )
                due, provisional, create_data = due_cache[key]
            else:
                due = (received + dt.timedelta(days=PERIODS[int(rng.random() * len(PERIODS))])).isoformat()
                create_data = f'{{"due_on": "{due}", "rule": null}}'
            due_d = dt.date.fromisoformat(due)
            status, closed = "open", None
            if due_d < as_of - dt.timedelta(days=20) or (due_d < as_of and rng.random() < 0.7) or rng.random() < 0.25:
                r = rng.random()
                if r < 0.015:
                    status, closed = "cancelled", received + dt.timedelta(days=rng.randrange(1, 10))
                else:
                    late = rng.random() < 0.06
                    span_days = max(1, (due_d - received).days)
                    closed = (
                        due_d + dt.timedelta(days=rng.randrange(1, 15))
                        if late
                        else received + dt.timedelta(days=rng.randrange(1, span_days + 1))
                    )
                    status = "done"
                closed = min(closed, as_of)
                if closed < received:
                    closed = received
            # Some items given a date (not a statutory period) are extended
            # once, on the office's approval; overdue and late ones reminded.
            original = None
            if rule is None and aux.random() < 0.03:
                original = due
                due = (due_d + dt.timedelta(days=7 + int(aux.random() * 24))).isoformat()
            due_now = dt.date.fromisoformat(due)
            reminded = None
            overdue = (status == "open" and due_now < as_of) or (
                status == "done" and closed is not None and closed > due_now
            )
            if overdue and aux.random() < 0.4:
                reminded = min(due_now + dt.timedelta(days=1), as_of)
            year = received.year
            ref = None
            if kind in PREFIX:
                # From 101 up: the sample ledger's numbers stay free.
                s = seq[(kind, year)] = seq.get((kind, year), 100) + 1
                ref = f"{PREFIX[kind]}〔{year}〕{s}号"
            subject = rng.choice(SUBJECTS)
            title = TITLES[kind].format(s=subject, u=unit)
            campaign = campaign_for(received) if kind == "campaign-task" else None
            owner = rng.choice(OWNERS)
            stamp = dt.datetime.combine(received, dt.time(9, rng.randrange(0, 60))).isoformat()
            # A lawsuit gets its hearing some weeks after the defence is due.
            hearing = (
                (due_d + dt.timedelta(days=14 + int(rng.random() * 40))).isoformat() if kind == "litigation" else None
            )
            items.append(
                (
                    item_id,
                    ref,
                    kind,
                    title,
                    "市安委办",
                    unit_ids[unit],
                    owner,
                    received.isoformat(),
                    due,
                    rule,
                    provisional,
                    status,
                    closed and closed.isoformat(),
                    campaign,
                    hearing,
                    stamp,
                    stamp,
                    original,
                )
            )
            events.append((item_id, stamp, owner, "create", create_data))
            if rng.random() < 0.35:
                events.append((item_id, stamp, owner, "note", f'{{"text": "已部署{subject}排查，进展正常"}}'))
            if original:
                events.append(
                    (
                        item_id,
                        stamp,
                        owner,
                        "extend",
                        f'{{"from": "{original}", "to": "{due}", "reason": "整改需采购设备，经分管领导批准延期"}}',
                    )
                )
            if reminded:
                events.append((item_id, f"{reminded.isoformat()}T10:00:00", owner, "remind", '{"text": "电话催办"}'))
            if status == "done" and closed:
                on = closed.isoformat()
                events.append((item_id, f"{on}T17:00:00", owner, "done", f'{{"on": "{on}", "due_on": "{due}"}}'))
            elif status == "cancelled" and closed:
                on = closed.isoformat()
                events.append((item_id, f"{on}T17:00:00", owner, "cancel", f'{{"on": "{on}", "reason": "上级撤回"}}'))
            # 1 to 3 responsible units: the lead, and 0 to 2 assisting ones.
            r = rng.random()
            helpers = [] if r < 0.6 else [rng.choice(SECTIONS)] if r < 0.9 else rng.sample(unit_names, 2)
            holders = [unit_ids[unit]]
            for pos, name in enumerate(h for h in helpers if h != unit):
                assists.append((item_id, unit_ids[name], pos))
                holders.append(unit_ids[name])
            if kind == "listed":
                cadences.append((item_id, "weekly", received.isoformat(), int(status == "open")))
            if status == "open":
                if campaign is not None and campaign in current_set:
                    for n_holder, uid in enumerate(holders):
                        open_shares.setdefault(campaign, {}).setdefault(uid, []).append((item_id, n_holder == 0))
                if (due_d - as_of).days < 10 and rng.random() < 0.12:
                    recent_open.append((item_id, unit_ids[unit]))
            elif status == "done" and rng.random() < 0.006:
                returned.append(item_id)
            if len(items) >= batch:
                _flush(conn, items, events, assists)
                if progress:
                    progress(batch)
        if progress:
            progress(len(items))
        _flush(conn, items, events, assists)
        _units_life(conn, rng, as_of, cal, cadences, returned, open_shares, recent_open, first_id)


def _flush(conn, items: list, events: list, assists: list) -> None:
    conn.executemany(
        """INSERT INTO items (id, ref_no, kind, title, source, unit_id, owner, received_on, due_on, rule,
               due_provisional, status, closed_on, campaign_id, created_at, updated_at, original_due_on)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [r[:14] + r[15:] for r in items],
    )
    conn.executemany(
        "INSERT INTO hearings (item_id, date, time, place, type, created_at) VALUES (?, ?, '09:30', '法院', 'trial', ?)",
        [(r[0], r[14], r[15]) for r in items if r[14]],
    )
    append_many(conn, events)
    conn.executemany("INSERT OR IGNORE INTO item_assist_units (item_id, unit_id, pos) VALUES (?, ?, ?)", assists)
    items.clear()
    events.clear()
    assists.clear()


FIGURES = (("检查企业数", 3000), ("发现隐患数", None), ("整改隐患数", None))


def _units_life(conn, rng, as_of, cal, cadences, returned, open_shares, recent_open, first_id) -> None:
    """What the units do: the campaigns' figures, each unit's periodic
    reports on the running campaigns (some units lax), lead units that
    reported done (awaiting review), returns, and the listed cases' weekly
    cadence. A few thousand rows at any ledger size."""
    from tracker.units import _windows

    conn.executemany("INSERT INTO item_cadences (item_id, cadence, start_on, item_open) VALUES (?, ?, ?, ?)", cadences)
    conn.executemany("UPDATE shares SET returns = 1 WHERE item_id = ? AND role = 'lead'", [(i,) for i in returned])
    for (cid,) in conn.execute("SELECT id FROM campaigns WHERE cadence IS NOT NULL").fetchall():
        conn.executemany(
            "INSERT OR IGNORE INTO campaign_figures (campaign_id, name, target, pos) VALUES (?, ?, ?, ?)",
            [(cid, name, target, pos) for pos, (name, target) in enumerate(FIGURES)],
        )
    campaigns = {
        r[0]: (r[1], dt.date.fromisoformat(r[2]))
        for r in conn.execute(
            "SELECT id, cadence, start_on FROM campaigns WHERE cadence IS NOT NULL AND start_on <= ?",
            (as_of.isoformat(),),
        )
    }
    names = dict(conn.execute("SELECT id, name FROM units"))
    # The sample ledger's open campaign tasks report too.
    for cid, uid, item_id, role in conn.execute(
        "SELECT i.campaign_id, s.unit_id, s.item_id, s.role FROM items i JOIN shares s ON s.item_id = i.id "
        "WHERE i.id < ? AND i.status = 'open' AND i.campaign_id IS NOT NULL",
        (first_id,),
    ).fetchall():
        open_shares.setdefault(cid, {}).setdefault(uid, []).append((item_id, role == "lead"))
    feedback: list[tuple] = []
    figures: list[tuple] = []
    events: list[tuple] = []
    fid = (conn.execute("SELECT max(id) FROM feedback").fetchone()[0] or 0) + 1
    since = as_of - dt.timedelta(days=35)
    for cid, units in open_shares.items():
        if cid not in campaigns:
            continue
        cadence, start = campaigns[cid]
        windows = [w for w in _windows(cadence, start, as_of - dt.timedelta(days=1), cal) if w[1] >= since]
        for uid, tasks in units.items():
            diligence = rng.choice((0.98, 0.95, 0.9, 0.8, 0.6))
            for _first, last in windows:
                if rng.random() > diligence:
                    continue
                item_id, lead = rng.choice(tasks)
                checked = rng.randrange(3, 40)
                found = rng.randrange(0, max(1, checked // 4))
                values = {"检查企业数": checked, "发现隐患数": found, "整改隐患数": max(0, found - rng.randrange(0, 3))}
                text = f"本期检查企业{checked}家，发现隐患{found}处"
                stamp = f"{last.isoformat()}T17:30:00"
                feedback.append((fid, item_id, uid, cid, last.isoformat(), text, 0, stamp))
                figures.extend((fid, cid, uid, k, v) for k, v in values.items())
                data = json.dumps(
                    {
                        "unit": names[uid],
                        "role": "lead" if lead else "assist",
                        "on": last.isoformat(),
                        "text": text,
                        "figures": values,
                    },
                    ensure_ascii=False,
                )
                events.append((item_id, stamp, "demo", "feedback", data))
                fid += 1
    # The listed cases under way report weekly, most weeks.
    listed = [c[0] for c in cadences if c[3]]
    holders: list[tuple[int, int, str]] = []
    for pos in range(0, len(listed), 500):
        chunk = listed[pos : pos + 500]
        holders += conn.execute(
            f"SELECT item_id, unit_id, role FROM shares WHERE item_id IN ({','.join('?' * len(chunk))})", chunk
        ).fetchall()
    starts = {c[0]: dt.date.fromisoformat(c[2]) for c in cadences if c[3]}
    for item_id, uid, role in holders:
        for _first, last in _windows("weekly", starts[item_id], as_of - dt.timedelta(days=1), cal)[-5:]:
            if rng.random() < 0.15:
                continue
            text = "本周整改推进中，已落实监控措施"
            stamp = f"{last.isoformat()}T17:00:00"
            feedback.append((fid, item_id, uid, None, last.isoformat(), text, 0, stamp))
            payload = {"unit": names[uid], "role": role, "on": last.isoformat(), "text": text}
            events.append((item_id, stamp, "demo", "feedback", json.dumps(payload, ensure_ascii=False)))
            fid += 1
    for item_id, uid in recent_open:
        on = as_of - dt.timedelta(days=rng.randrange(0, 4))
        stamp = f"{on.isoformat()}T16:00:00"
        feedback.append((fid, item_id, uid, None, on.isoformat(), "已按要求办结，请审核销号", 1, stamp))
        events.append(
            (
                item_id,
                stamp,
                "demo",
                "feedback",
                json.dumps(
                    {
                        "unit": names[uid],
                        "role": "lead",
                        "on": on.isoformat(),
                        "text": "已按要求办结，请审核销号",
                        "done": True,
                    },
                    ensure_ascii=False,
                ),
            )
        )
        conn.execute(
            "UPDATE shares SET state = 'reported', reported_on = ? WHERE item_id = ? AND unit_id = ?",
            (on.isoformat(), item_id, uid),
        )
        fid += 1
    conn.executemany(
        "INSERT INTO feedback (id, item_id, unit_id, campaign_id, on_date, text, done, at, actor) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'demo')",
        feedback,
    )
    conn.executemany(
        "INSERT INTO feedback_figures (feedback_id, campaign_id, unit_id, name, value) VALUES (?, ?, ?, ?, ?)", figures
    )
    events.sort(key=lambda e: e[1])
    append_many(conn, events)
