"""The one place that writes items and their history.

Every change goes through a Ledger method: one short write transaction that
updates the item (bumping its version, checked when the caller passes the
version it read) and appends an event with the actor and time. A user
mistake raises UserError before anything is written; a lost race raises
ConflictError and writes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tracker import history
from tracker.db import bulk_load, give_back_memory, transaction
from tracker.errors import ConflictError, UserError
from tracker.i18n import L
from tracker.settings import current_actor
from tracker.vocab import Kinds, status_id  # noqa: F401  (status_id: re-exported for callers)

if TYPE_CHECKING:  # loaded when a deadline is first computed: `note`, `done` start without them
    from tracker.calendar import WorkCalendar
    from tracker.deadlines import Catalogue, Deadline

_UNIT_SEP = re.compile(r"[;；、]")

# The per-row insert triggers (schema.sql) whose work bulk_insert does in
# one statement each at the end (items_assist_names_insert's: write_new
# writes the names with the item).
_BULK_TRIGGERS = (
    "shares_item_insert",
    "shares_assist_insert",
    "items_assist_names_insert",
    "items_campaign_insert",
    "items_due_insert",
    "items_unit_due_insert",
    "events_no_replace",
)
# Items counted per due day by triggers (schema.sql's items_due_* and
# items_unit_due_*): table -> its key columns, and an item's key in them
# (its due day, kind or lead unit (0: none), status, and whether it was
# done by its due day). The bulk load fills them with one statement each;
# `tracker check` recounts them.
DUE_COUNTS = {
    "due_counts": (
        "due_on, kind, status, on_time",
        "due_on, kind, status, coalesce(status = 'done' AND closed_on <= due_on, 0)",
    ),
    "unit_due_counts": (
        "due_on, unit_id, status, on_time",
        "due_on, coalesce(unit_id, 0), status, coalesce(status = 'done' AND closed_on <= due_on, 0)",
    ),
}
# items.assist_names as the triggers items_assist_names_* keep it (and
# `tracker check` compares): the assisting units' names of the item being
# updated, in order.
ASSIST_NAMES = (
    "(SELECT group_concat(name, '；') FROM (SELECT u.name FROM item_assist_units a"
    " JOIN units u ON u.id = a.unit_id WHERE a.item_id = items.id ORDER BY a.pos))"
)
# SQLite's page cache while bulk_insert loads (KiB): enough for the indexes
# of 100,000 rows to be sorted in memory; a larger load spills to the WAL
# and to temporary files. (64 MiB was no faster, at 100,000 rows or a
# million, and an import's helper process needs its own 50 MB meanwhile.)
BULK_CACHE_KIB = 40960

# Item fields a clerk may edit directly (edit(); import --update).
EDITABLE = (
    "kind",
    "title",
    "ref_no",
    "source",
    "unit",
    "assist_units",
    "owner",
    "received_on",
    "due_on",
    "rule",
    "campaign",
    "notes",
    "party",
    "organ",
)


def pinyin_rank(conn: sqlite3.Connection) -> Callable[[str], tuple]:
    """A sort key putting unit names in pinyin order, 茶山镇 under C, as
    clerks look for them: by the key stored with each unit (units.pinyin,
    written with its name), so that no list of units loads the pinyin
    dictionaries (some 0.2 s); a unit without one is keyed here. A name that
    is no unit's (none: '') goes after them."""
    return _rank(dict(conn.execute("SELECT name, pinyin FROM units").fetchall()))


def units_by_pinyin(conn: sqlite3.Connection, names=None) -> list[str]:
    """Unit names (every unit's with None) in pinyin order (pinyin_rank)."""
    keys = dict(conn.execute("SELECT name, pinyin FROM units").fetchall())
    return sorted(keys if names is None else names, key=_rank(keys))


def _rank(keys: dict[str, str | None]) -> Callable[[str], tuple]:
    def rank(name: str) -> tuple:
        if name in keys:
            return (0, keys[name] or _pinyin_key(name), name)
        return (1, "", name)

    return rank


def _pinyin_key(name: str) -> str:
    from tracker.text import pinyin_key  # not on the way to add/note/done: a unit is seldom new

    return pinyin_key(name)


def split_units(text: str | None) -> list[str]:
    """Assisting units from `甲；乙、丙` (separators ; ； 、), blanks (and
    names of nothing visible, such as a zero-width space pasted from a
    spreadsheet) dropped."""
    if not text:
        return []
    return list(dict.fromkeys(name for name in map(_clean, _UNIT_SEP.split(text)) if name))


# Characters that show nothing: a title of only these is empty.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
BLANKS = _INVISIBLE + " \t\n\u3000"


def _clean(text: str | None) -> str | None:
    """Clerk text as stored: stripped, None when nothing (or nothing
    visible) is left; a NUL (it ends a C string) is refused. Other control
    characters are kept as typed (text is data) and never shown raw
    (tracker.text.safe)."""
    if text is None:
        return None
    text = str(text).strip()
    if "\x00" in text:
        raise UserError("control_chars", value=text)
    if not text.strip(BLANKS):
        return None
    return text


clean_text = _clean

# A new item as write_new takes it: text as stored (clean_text), dates as
# ISO text, unit and campaign by name and the assisting units as names
# (each created on first use), the deadline its rule gave (or None).
NEW_ITEM = (
    "ref_no",
    "kind",
    "title",
    "source",
    "unit",
    "owner",
    "received_on",
    "due_on",
    "rule",
    "due_provisional",
    "status",
    "closed_on",
    "campaign",
    "notes",
    "party",
    "organ",
    "assist_units",
    "deadline",
)


def stored_row(
    v: dict, assist_units: list[str], deadline: Deadline | None, status: str, closed_on: dt.date | None
) -> tuple:
    """A validated item (values as the clerk gave them, dates as dt.date)
    as a NEW_ITEM."""
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return (
        _clean(v.get("ref_no")),
        v["kind"],
        v["title"],
        _clean(v.get("source")),
        v.get("unit"),
        _clean(v.get("owner")),
        iso(v.get("received_on")),
        iso(v.get("due_on")),
        v.get("rule"),
        bool(deadline and deadline.provisional),
        status,
        iso(closed_on),
        v.get("campaign"),
        _clean(v.get("notes")),
        _clean(v.get("party")),
        _clean(v.get("organ")),
        assist_units,
        deadline,
    )


def new_events(first_id: int, rows: list[tuple], origin: str | None, stamp: str, actor: str) -> list[tuple]:
    """The events of new items (NEW_ITEM tuples, ids from `first_id`) as
    history.append_many takes them: each item's create event (its due date,
    rule and the deadline's basis, its notes, where it came from), and its
    done or cancel event. Reads no database: an import's helper process
    makes them too."""
    events = []
    # The common event shapes are written from pieces already JSON-safe
    # (ISO dates, rule ids, pre-encoded strings): bulk imports stay fast.
    quoted = lambda x: "null" if x is None else f'"{x}"'  # noqa: E731  (ISO dates and rule ids only)
    origin_json = json.dumps(origin, ensure_ascii=False)
    tail = f', "origin": {origin_json}}}' if origin else "}"
    cancel_reason = json.dumps(origin or "", ensure_ascii=False)
    item_id = first_id
    for row in rows:
        due, rule, status, closed_on, notes, deadline = row[7], row[8], row[10], row[11], row[13], row[17]
        if deadline or notes:
            data: dict[str, Any] = {"due_on": due, "rule": rule}
            if deadline:
                data.update(basis_zh=deadline.basis_zh, basis_en=deadline.basis_en, provisional=deadline.provisional)
            if notes:
                data["text"] = notes
            if origin:
                data["origin"] = origin
            create = json.dumps(data, ensure_ascii=False)
        else:
            create = f'{{"due_on": {quoted(due)}, "rule": {quoted(rule)}{tail}'
        events.append((item_id, stamp, actor, "create", create))
        if status == "done":
            events.append((item_id, stamp, actor, "done", f'{{"on": {quoted(closed_on)}, "due_on": {quoted(due)}}}'))
        elif status == "cancelled":
            events.append(
                (item_id, stamp, actor, "cancel", f'{{"on": {quoted(closed_on)}, "reason": {cancel_reason}}}')
            )
        item_id += 1
    return events


@dataclass
class BulkInsert:
    """A bulk insert under way (Ledger.bulk_insert): its first new id."""

    first: int
    _indexes: contextlib.ExitStack
    _conn: sqlite3.Connection
    dropped: bool = False

    def drop_indexes(self) -> None:
        """Drop the item tables' indexes now, built again once at the end
        (db.bulk_load): faster for a load larger than the ledger."""
        if not self.dropped:
            self._indexes.enter_context(bulk_load(self._conn, True, in_memory=False))
            self.dropped = True


@dataclass
class Recomputed:
    """What a calendar change did to stored rule-based deadlines."""

    checked: int = 0
    changed: int = 0  # due date moved
    confirmed: int = 0  # no longer provisional


@dataclass
class AddResult:
    id: int
    deadline: Deadline | None
    created_units: list[str] = field(default_factory=list)


class Ledger:
    """Writes to one database as one actor."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        actor: str | None = None,
        now=None,
        cal: WorkCalendar | None = None,
        catalogue: Catalogue | None = None,
    ):
        self.conn = conn
        self.actor = actor or current_actor()
        self._now = now or (lambda: dt.datetime.now().replace(microsecond=0))
        self._cal = cal
        self._catalogue = catalogue
        self._kinds: Kinds | None = None
        self._ids: dict[tuple[str, str], int] = {}  # (unit|campaign, name) -> id
        # True: units are created without their pinyin keys, which
        # fill_unit_keys() writes after the commit (an import: once its load's
        # memory is given back, so that the pinyin dictionaries, some 60 MB,
        # do not add to its peak).
        self.defer_unit_keys = False

    # ------------------------------------------------------------ lookups --
    @property
    def cal(self) -> WorkCalendar:
        if self._cal is None:
            from tracker.calendar import WorkCalendar

            self._cal = WorkCalendar.from_db(self.conn)
        return self._cal

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from tracker.deadlines import Catalogue

            self._catalogue = Catalogue.from_db(self.conn)
        return self._catalogue

    @property
    def kinds(self) -> Kinds:
        if self._kinds is None:
            self._kinds = Kinds(self.conn)
        return self._kinds

    def kind_id(self, value: str) -> str:
        """A kind by id, label or office word, or UserError."""
        return self.kinds.id(value)

    def default_rule(self, kind: str) -> str | None:
        return self.kinds.default_rule(kind)

    @contextlib.contextmanager
    def transaction(self):
        """A write transaction; the name → id cache is dropped if it fails
        (ids of rows it created are gone with the rollback)."""
        try:
            with transaction(self.conn):
                yield
        except BaseException:
            self._ids.clear()
            raise

    def unit_id(self, name: str | None, created: list[str]) -> int | None:
        """The id of unit `name`, created on first use (and noted in `created`)."""
        name = _clean(name)
        if name is None:
            return None
        key = ("unit", name)
        if key not in self._ids:
            row = self.conn.execute("SELECT id FROM units WHERE name = ?", (name,)).fetchone()
            if row is None:
                created.append(name)
                sort_key = None if self.defer_unit_keys else _pinyin_key(name)
                row = (self.conn.execute("INSERT INTO units (name, pinyin) VALUES (?, ?)", (name, sort_key)).lastrowid,)
            self._ids[key] = row[0]
        return self._ids[key]

    def fill_unit_keys(self) -> None:
        """In a transaction of its own, once the load's memory is given back
        (the dictionaries take some 60 MB): the pinyin keys of the units
        without one (defer_unit_keys)."""
        give_back_memory(self.conn)
        with self.transaction():
            names = self.conn.execute("SELECT id, name FROM units WHERE pinyin IS NULL").fetchall()
            self.conn.executemany(
                "UPDATE units SET pinyin = ? WHERE id = ?", [(_pinyin_key(name), id_) for id_, name in names]
            )

    def campaign_id(self, name: str | None) -> int | None:
        """The id of campaign `name` (or of id `name`), created on first use."""
        name = _clean(name)
        if name is None:
            return None
        key = ("campaign", name)
        if key not in self._ids:
            row = self.conn.execute("SELECT id FROM campaigns WHERE name = ?", (name,)).fetchone()
            if row is None and name.isdigit():
                row = self.conn.execute("SELECT id FROM campaigns WHERE id = ?", (int(name),)).fetchone()
            if row is None:
                row = (
                    self.conn.execute(
                        "INSERT INTO campaigns (name, created_at) VALUES (?, ?)", (name, self.stamp())
                    ).lastrowid,
                )
            self._ids[key] = row[0]
        return self._ids[key]

    def stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def record_event(self, item_id: int, type_: str, data: dict) -> None:
        history.append(self.conn, item_id, self.stamp(), self.actor, type_, json.dumps(data, ensure_ascii=False))

    def load(self, item_id: int) -> sqlite3.Row:
        row = self.conn.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise UserError("no_item", value=item_id)
        return row

    def _check_version(self, row: sqlite3.Row, expected: int | None) -> None:
        if expected is not None and row["version"] != expected:
            raise ConflictError("conflict", id=row["id"], expected=expected, actual=row["version"])

    def update_row(self, row: sqlite3.Row, values: dict) -> None:
        values = {**values, "updated_at": self.stamp()}
        sets = ", ".join(f"{k} = ?" for k in values)
        cur = self.conn.execute(
            f"UPDATE items SET {sets}, version = version + 1 WHERE id = ? AND version = ?",
            (*values.values(), row["id"], row["version"]),
        )
        if cur.rowcount != 1:
            actual = self.conn.execute("SELECT version FROM items WHERE id = ?", (row["id"],)).fetchone()
            raise ConflictError("conflict", id=row["id"], expected=row["version"], actual=actual and actual[0])

    def _set_assist(self, item_id: int, names: list[str], created: list[str]) -> None:
        # Units that stay keep their row (and so their share's state).
        ids = list(dict.fromkeys(self.unit_id(name, created) for name in names))
        self.conn.execute(
            f"DELETE FROM item_assist_units WHERE item_id = ? AND unit_id NOT IN ({','.join('?' * len(ids))})",
            (item_id, *ids),
        )
        for pos, unit_id in enumerate(ids):
            self.conn.execute(
                "INSERT INTO item_assist_units (item_id, unit_id, pos) VALUES (?, ?, ?) "
                "ON CONFLICT DO UPDATE SET pos = excluded.pos",
                (item_id, unit_id, pos),
            )

    def _require(self, row: sqlite3.Row, allowed: tuple[str, ...], action: str | None) -> None:
        if row["status"] not in allowed:
            raise UserError("bad_transition", id=row["id"], status=L(row["status"]), action=L(action or "act_edit"))

    # ------------------------------------------------------------ deadlines --
    def resolve_due(
        self, kind: str, received_on: dt.date | None, due_on: dt.date | None, rule: str | None
    ) -> tuple[dt.date, str | None, Deadline | None]:
        """(due_on, rule, deadline) from what the clerk gave: an explicit due
        date, an explicit rule, or the kind's default rule."""
        if due_on is not None and rule:
            raise UserError("due_and_rule")
        if due_on is not None:
            if received_on and due_on < received_on:
                raise UserError("due_before_received", due=due_on.isoformat(), received=received_on.isoformat())
            return due_on, None, None
        rule = self.catalogue.check(rule) if rule else self.default_rule(kind)
        if not rule:
            raise UserError("need_due", kind=kind)
        if received_on is None:
            raise UserError("need_received", rule=rule)
        deadline = self.catalogue.compute(rule, received_on, self.cal)
        return deadline.due_on, rule, deadline

    # ------------------------------------------------------------ writes --
    def add(
        self,
        kind: str,
        title: str,
        *,
        ref_no=None,
        unit=None,
        assist_units=(),
        owner=None,
        received_on: dt.date | None = None,
        due_on: dt.date | None = None,
        rule: str | None = None,
        campaign=None,
        source=None,
        notes=None,
        party=None,
        organ=None,
        hearing_on: dt.date | None = None,
    ) -> AddResult:
        """Register a new item (立项); returns its id and computed deadline.
        A hearing date (cases only) adds the case's first hearing."""
        kind = self.kind_id(kind)
        clean_title = _clean(title)
        if not clean_title:
            raise UserError("empty_title")
        title = clean_title
        due, rule, deadline = self.resolve_due(kind, received_on, due_on, rule)
        created: list[str] = []
        with self.transaction():
            item_id = self._insert(
                {
                    "ref_no": ref_no,
                    "kind": kind,
                    "title": title,
                    "source": source,
                    "unit": unit,
                    "owner": owner,
                    "received_on": received_on,
                    "due_on": due,
                    "rule": rule,
                    "campaign": campaign,
                    "notes": notes,
                    "party": party,
                    "organ": organ,
                },
                list(assist_units or ()),
                deadline,
                created,
            )
            if hearing_on is not None:
                from tracker import legal  # imported here: most adds are not cases

                legal.hearing_on_edit(self, self.load(item_id), hearing_on)
        return AddResult(item_id, deadline, created)

    def _insert(
        self,
        v: dict,
        assist_units: list[str],
        deadline: Deadline | None,
        created: list[str],
        status: str = "open",
        closed_on: dt.date | None = None,
        origin: str | None = None,
    ) -> int:
        """Inside a transaction: insert one validated item and its history."""
        ref_no = _clean(v.get("ref_no"))
        if ref_no:
            other = self.conn.execute("SELECT id FROM items WHERE ref_no = ?", (ref_no,)).fetchone()
            if other:
                raise UserError("ref_exists", value=ref_no, id=other[0])
        item_id = self._next_item_id()
        self.write_new(item_id, [stored_row(v, assist_units, deadline, status, closed_on)], created, origin)
        return item_id

    def _next_item_id(self) -> int:
        return (self.conn.execute("SELECT max(id) FROM items").fetchone()[0] or 0) + 1

    def insert_many(self, rows: list[tuple], created: list[str], origin: str | None = None) -> list[int]:
        """Inside a transaction: insert validated items (v, assist_units,
        deadline, status, closed_on) in bulk, ids in order; returns the ids."""
        first = self._next_item_id()
        if rows:
            self.write_new(first, [stored_row(*r) for r in rows], created, origin)
        return list(range(first, first + len(rows)))

    def write_new(
        self, first_id: int, rows: list[tuple], created: list[str], origin: str | None, stamp: str | None = None
    ) -> None:
        """Inside a transaction: insert new items (NEW_ITEM tuples) with ids
        from `first_id`, each with its create event (and its done or cancel
        event), chained; `stamp`: their time (one for every batch of an
        import)."""
        stamp = stamp or self.stamp()
        self.write_items(first_id, rows, created, stamp)
        history.append_many(self.conn, new_events(first_id, rows, origin, stamp, self.actor))

    def write_items(self, first_id: int, rows: list[tuple], created: list[str], stamp: str) -> None:
        """Inside a transaction: the items of write_new without their events
        (an import whose helper process made and chained those): the rows,
        their units and campaigns (created on first use) and assisting units.
        A row's deadline is not read here (new_events writes its basis)."""
        assert not rows or len(rows[0]) == len(NEW_ITEM), "a new item is a NEW_ITEM tuple"
        items, assists = [], []
        units: dict = {None: None}  # name -> id, for this call
        campaigns: dict = {None: None}
        item_id = first_id
        for (
            ref_no,
            kind,
            title,
            source,
            unit,
            owner,
            received_on,
            due,
            rule,
            provisional,
            status,
            closed_on,
            campaign,
            notes,
            party,
            organ,
            assist_units,
            _deadline,
        ) in rows:
            unit_id = units[unit] if unit in units else units.setdefault(unit, self.unit_id(unit, created))
            campaign_id = (
                campaigns[campaign]
                if campaign in campaigns
                else campaigns.setdefault(campaign, self.campaign_id(campaign))
            )
            # the assisting units' names as stored (each once, none blank), and
            # items.assist_names as its triggers would write it
            names = [n for n in dict.fromkeys(map(_clean, assist_units or ())) if n]
            for pos, name in enumerate(names):
                uid = units[name] if name in units else units.setdefault(name, self.unit_id(name, created))
                assists.append((item_id, uid, pos))
            items.append(
                (
                    item_id,
                    ref_no,
                    kind,
                    title,
                    source,
                    unit_id,
                    owner,
                    received_on,
                    due,
                    rule,
                    int(provisional),
                    status,
                    closed_on,
                    campaign_id,
                    notes,
                    party,
                    organ,
                    stamp,
                    stamp,
                    "；".join(names) or None,
                )
            )
            item_id += 1
        self.conn.executemany(
            """INSERT INTO items (id, ref_no, kind, title, source, unit_id, owner, received_on, due_on, rule,
                   due_provisional, status, closed_on, campaign_id, notes, party, organ,
                   created_at, updated_at, assist_names)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            items,
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO item_assist_units (item_id, unit_id, pos) VALUES (?, ?, ?)", assists
        )

    @contextlib.contextmanager
    def bulk_insert(self):
        """Inside a transaction: room for many new items, written by
        write_new in batches; yields a BulkInsert (the first new id; its
        drop_indexes() for a load large enough that building the indexes
        once at the end is faster). The per-row triggers that keep shares
        and campaign counts and the counts per due day are dropped meanwhile and their work done at the
        end by one statement each over the new items (the rows they would
        have written); events_no_replace, which cannot fire on appended
        events, is dropped too. Their stored SQL puts them back before the
        transaction ends; a failure rolls it all back. SQLite keeps the rows
        written until the commit in a cache of BULK_CACHE_KIB, and beyond it
        in the WAL: memory stays bounded."""
        conn = self.conn
        names = ",".join(f"'{name}'" for name in _BULK_TRIGGERS)
        triggers = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({names})"
        ).fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            with contextlib.ExitStack() as indexes:
                bulk = BulkInsert(self._next_item_id(), indexes, conn)
                yield bulk
                # NOT INDEXED: the new items by their ids, never a scan of an index
                conn.execute(
                    "INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id) "
                    "SELECT id, unit_id, 'lead', CASE WHEN status = 'done' THEN 'reported' ELSE 'open' END, "
                    "status = 'open', campaign_id FROM items NOT INDEXED WHERE id >= ? AND unit_id IS NOT NULL ORDER BY id",
                    (bulk.first,),
                )
                conn.execute(
                    "INSERT INTO shares (item_id, unit_id, role, state, item_open, campaign_id) "
                    "SELECT a.item_id, a.unit_id, 'assist', CASE WHEN i.status = 'done' THEN 'reported' ELSE 'open' END, "
                    "i.status = 'open', i.campaign_id FROM item_assist_units a JOIN items i ON i.id = a.item_id WHERE a.item_id >= ? "
                    "ORDER BY a.item_id, a.unit_id ON CONFLICT DO NOTHING",
                    (bulk.first,),
                )
                conn.execute(
                    "INSERT INTO campaign_counts (campaign_id, status, n) "
                    "SELECT campaign_id, status, count(*) FROM items NOT INDEXED WHERE id >= ? "
                    "AND campaign_id IS NOT NULL GROUP BY campaign_id, status ON CONFLICT DO UPDATE SET n = n + excluded.n",
                    (bulk.first,),
                )
                for table, (columns, key) in DUE_COUNTS.items():
                    conn.execute(
                        f"INSERT INTO {table} ({columns}, n) SELECT {key}, count(*) "
                        "FROM items NOT INDEXED WHERE id >= ? AND due_on IS NOT NULL GROUP BY 1, 2, 3, 4 "
                        "ON CONFLICT DO UPDATE SET n = n + excluded.n",
                        (bulk.first,),
                    )
            for _, sql in triggers:
                conn.execute(sql)
        finally:
            conn.execute(f"PRAGMA cache_size = {cache}")

    @contextlib.contextmanager
    def changing(
        self,
        item_id: int,
        expected_version: int | None,
        allowed: tuple[str, ...] | None = None,
        action: str | None = None,
    ):
        """One change to one item: a transaction, the item as it stands (its
        status must be in `allowed`), and the version the caller read."""
        with self.transaction():
            row = self.load(item_id)
            if allowed:
                self._require(row, allowed, action)
            self._check_version(row, expected_version)
            yield row

    def record(self, row: sqlite3.Row, values: dict, type_: str, data: dict) -> None:
        """Inside _changing: update the item (bumping its version) and append the event."""
        self.update_row(row, values)
        self.record_event(row["id"], type_, data)

    def note(self, item_id: int, text: str | None, expected_version: int | None = None) -> None:
        """Record progress (进展反馈)."""
        text = _clean(text)
        if not text:
            raise UserError("empty_text", what=L("w_note"))
        with self.changing(item_id, expected_version) as row:
            self.record(row, {}, "note", {"text": text})

    def remind(self, item_id: int, text: str | None = None, expected_version: int | None = None) -> None:
        """Record that a reminder was sent (催办)."""
        text = _clean(text)
        with self.changing(item_id, expected_version, ("open",), "act_remind") as row:
            self.record(row, {}, "remind", {"text": text} if text else {})

    def extend(
        self,
        item_id: int,
        new_due: dt.date,
        reason: str | None,
        expected_version: int | None = None,
        approver: str | None = None,
    ) -> None:
        """Extend the deadline (延期) with its reason and, if given, who
        approved it; the original deadline stays on record. An item on a
        statutory rule only as the rule's law allows (tracker.legal)."""
        from tracker import legal

        reason, approver = _clean(reason), _clean(approver)
        if not reason:
            raise UserError("empty_text", what=L("w_extend_reason"))
        with self.changing(item_id, expected_version, ("open",), "act_extend") as row:
            if new_due.isoformat() <= row["due_on"]:
                raise UserError("extend_not_later", value=new_due.isoformat(), due=row["due_on"])
            law = legal.check_extension(self, row, new_due, reason, approver)
            data = {"from": row["due_on"], "to": new_due.isoformat(), "reason": reason}
            if approver:
                data["approver"] = approver
            data.update(law)
            if law and approver:
                legal.record_lawful_extension(self, item_id, new_due, approver)
            self.record(
                row,
                {
                    "due_on": new_due.isoformat(),
                    "due_provisional": 0,
                    "original_due_on": row["original_due_on"] or row["due_on"],
                },
                "extend",
                data,
            )

    def done(
        self,
        item_id: int,
        on: dt.date,
        text: str | None = None,
        expected_version: int | None = None,
        today: dt.date | None = None,
    ) -> None:
        """Close the item as done (办结) on date `on` (not after `today`:
        nothing is done in the future)."""
        text = _clean(text)
        if today is not None and on > today:
            raise UserError("done_in_future", value=on.isoformat(), today=today.isoformat())
        with self.changing(item_id, expected_version, ("open",), "act_done") as row:
            if row["received_on"] and on.isoformat() < row["received_on"]:
                raise UserError("closed_before_received", value=on.isoformat(), received=row["received_on"])
            data = {"on": on.isoformat(), "due_on": row["due_on"]}
            if text:
                data["text"] = text
            self.record(row, {"status": "done", "closed_on": on.isoformat()}, "done", data)

    def reopen(self, item_id: int, reason: str | None = None, expected_version: int | None = None) -> None:
        """Reopen a done or cancelled item."""
        with self.changing(item_id, expected_version, ("done", "cancelled"), "act_reopen") as row:
            self.record(
                row, {"status": "open", "closed_on": None}, "reopen", {"from": row["status"], "reason": _clean(reason)}
            )

    def cancel(self, item_id: int, reason: str | None, on: dt.date, expected_version: int | None = None) -> None:
        """Cancel the item (撤销) with a reason."""
        reason = _clean(reason)
        if not reason:
            raise UserError("empty_text", what=L("w_cancel_reason"))
        with self.changing(item_id, expected_version, ("open",), "act_cancel") as row:
            self.record(
                row,
                {"status": "cancelled", "closed_on": on.isoformat()},
                "cancel",
                {"reason": reason, "on": on.isoformat()},
            )

    def edit(
        self, item_id: int, changes: dict, expected_version: int | None = None, read: dict | None = None
    ) -> list[str]:
        """Change fields of an item; returns the names of the fields changed.

        `changes` maps EDITABLE names to new values (dates as dt.date, units
        and campaign by name, assist_units as a list). A change of kind,
        received date or rule recomputes a rule-based due date (and, for a
        case, the rule-based deadlines of its chain). `hearing_on` adds a
        hearing to a case.

        Two ways to refuse a lost race (ConflictError): `expected_version`,
        the item's version when it was read (any change since refuses); or
        `read`, the values the editor read of the fields it changes (a
        form): only a change of one of those refuses, so another clerk's
        progress note or edit of other fields does not. The error's
        `fields` names the fields changed meanwhile."""
        from tracker import legal

        changes = dict(changes)
        hearing_on = changes.pop("hearing_on", None)
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        with self.changing(item_id, expected_version) as row:
            if read is not None:
                now = _row_view(self.conn, row)

                def norm(v):
                    v = v.isoformat() if isinstance(v, dt.date) else v
                    return (v.strip() or None) if isinstance(v, str) else (v or None)

                moved = [k for k in changes if k in now and norm(now[k]) != norm(read.get(k))]
                if moved:
                    raise ConflictError("conflict", id=item_id, expected="—", actual=row["version"], fields=moved)
            changed = self.edit_row(row, changes, "edit", []) if changes else []
            if legal.hearing_on_edit(self, self.load(item_id), hearing_on):
                changed.append("hearing_on")
            if "received_on" in changed:
                legal.check_received(self, item_id)
                legal.recompute_chain(self, item_id)
            return changed

    def edit_row(self, row: sqlite3.Row, changes: dict, event_type: str, created: list[str]) -> list[str]:
        """Inside a transaction: apply `changes` (EDITABLE, and for imports
        status/closed_on) to `row`, with one event listing every change."""
        from tracker import legal

        item_id = row["id"]
        # A statutory deadline is not edited: its trigger date is.
        if changes.get("due_on") is not None and legal.check_due_edit(self, row, changes["due_on"].isoformat()):
            changes = {k: v for k, v in changes.items() if k != "due_on"}
        old = _row_view(self.conn, row)
        new = dict(old)
        for k, v in changes.items():
            if k in ("received_on", "due_on", "closed_on"):
                new[k] = v.isoformat() if v else None
            elif k == "assist_units":
                new[k] = list(v or [])
            elif k == "kind":
                new[k] = self.kind_id(v)
            elif k == "rule":
                new[k] = self.catalogue.check(v) if _clean(v) else None
            else:
                new[k] = _clean(v)
        if not new["title"]:
            raise UserError("empty_title")
        values: dict = {}
        if "due_on" in changes:
            # An explicit due date wins over any rule.
            if "rule" in changes and new["rule"]:
                raise UserError("due_and_rule")
            new["rule"] = None
            values["due_provisional"] = 0
        else:
            if new["kind"] != old["kind"] and "rule" not in changes and old["rule"] == self.default_rule(old["kind"]):
                new["rule"] = self.default_rule(new["kind"]) or old["rule"]
            if new["rule"] and (new["rule"] != old["rule"] or new["received_on"] != old["received_on"]):
                received = dt.date.fromisoformat(new["received_on"]) if new["received_on"] else None
                due, _, deadline = self.resolve_due(new["kind"], received, None, new["rule"])
                new["due_on"] = due.isoformat()
                values["due_provisional"] = int(bool(deadline and deadline.provisional))
        if new["ref_no"] and new["ref_no"] != old["ref_no"]:
            other = self.conn.execute(
                "SELECT id FROM items WHERE ref_no = ? AND id <> ?", (new["ref_no"], item_id)
            ).fetchone()
            if other:
                raise UserError("ref_exists", value=new["ref_no"], id=other[0])
        if new["status"] == "open" and not new["due_on"]:
            raise UserError("need_due", kind=new["kind"])
        # Never leave a state `tracker check` refuses.
        if new["received_on"] and new["due_on"] and new["due_on"] < new["received_on"]:
            raise UserError("due_before_received", due=new["due_on"], received=new["received_on"])
        if row["original_due_on"] and new["due_on"] and new["due_on"] < row["original_due_on"]:
            raise UserError("due_before_original", due=new["due_on"], original=row["original_due_on"])
        if new["closed_on"] and new["received_on"] and new["closed_on"] < new["received_on"]:
            raise UserError("closed_before_received", value=new["closed_on"], received=new["received_on"])
        diff = {k: [old[k], new[k]] for k in EDITABLE + ("status", "closed_on") if new[k] != old[k]}
        if not diff:
            return []
        for k in diff:
            if k == "unit":
                values["unit_id"] = self.unit_id(new["unit"], created)
            elif k == "campaign":
                values["campaign_id"] = self.campaign_id(new["campaign"])
            elif k != "assist_units":
                values[k] = new[k]
        if "assist_units" in diff:
            self._set_assist(item_id, new["assist_units"], created)
        self.record(row, values, event_type, {"changes": diff})
        return list(diff)

    def set_calendar(
        self, entries: list[tuple[dt.date, bool, str | None]], announce: set[int] | frozenset[int] = frozenset()
    ) -> Recomputed:
        """Store the office's calendar entries (date, workday, note), mark the
        years in `announce` as announced (their whole schedule is entered),
        and recompute the open items' rule-based deadlines they touch, in one
        transaction. Returns a Recomputed count."""
        with self.transaction():
            stamp = self.stamp()
            self.conn.executemany(
                "INSERT OR REPLACE INTO calendar_overrides (date, workday, note, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
                [(d.isoformat(), int(w), _clean(n), self.actor, stamp) for d, w, n in entries],
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO calendar_years (year, announced_by, announced_at) VALUES (?, ?, ?)",
                [(y, self.actor, stamp) for y in sorted(announce)],
            )
            return self._recompute({d.year for d, _, _ in entries} | set(announce))

    def add_campaign(
        self,
        name: str,
        start: dt.date | None = None,
        end: dt.date | None = None,
        unit: str | None = None,
        cadence: str | None = None,
    ) -> int:
        """Register a campaign (专项整治); its tasks are items linked to it.
        cadence: daily, weekly, monthly (or 每日一报 ...), see tracker.units."""
        from tracker.units import cadence_id

        clean_name = _clean(name)
        if not clean_name:
            raise UserError("empty_text", what=L("w_campaign_name"))
        name = clean_name
        if start and end and end < start:
            raise UserError("end_before_start", end=end.isoformat(), start=start.isoformat())
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM campaigns WHERE name = ?", (name,)).fetchone():
                raise UserError("campaign_exists", value=name)
            return self.conn.execute(  # type: ignore[return-value]
                "INSERT INTO campaigns (name, start_on, end_on, unit_id, cadence, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name,
                    start and start.isoformat(),
                    end and end.isoformat(),
                    self.unit_id(unit, []),
                    cadence_id(cadence),
                    self.stamp(),
                ),
            ).lastrowid

    def _recompute(self, years: set[int]) -> Recomputed:
        """Inside a transaction: recompute the rule-based deadlines of open
        items (not extended) whose period touches any of `years`. A closed
        item's deadline is frozen: its on-time record never changes after
        the fact. Each changed deadline is an event."""
        result = Recomputed()
        if not years:
            return result
        self._cal = None  # the overrides changed: read them again
        low, high = f"{min(years)}-01-01", f"{max(years)}-12-31"
        rows = self.conn.execute(
            """SELECT id, rule, received_on, due_on, due_provisional FROM items
               WHERE rule IS NOT NULL AND original_due_on IS NULL AND status = 'open'
                 AND due_on >= ? AND received_on <= ?""",
            (low, high),
        ).fetchall()
        for r in rows:
            result.checked += 1
            d = self.catalogue.compute(r["rule"], dt.date.fromisoformat(r["received_on"]), self.cal)
            if d.due_on.isoformat() == r["due_on"] and int(d.provisional) == r["due_provisional"]:
                continue
            self.conn.execute(
                "UPDATE items SET due_on = ?, due_provisional = ?, version = version + 1, updated_at = ? WHERE id = ?",
                (d.due_on.isoformat(), int(d.provisional), self.stamp(), r["id"]),
            )
            result.changed += d.due_on.isoformat() != r["due_on"]
            result.confirmed += bool(r["due_provisional"] and not d.provisional)
            self.record_event(
                r["id"],
                "recompute",
                {
                    "from": r["due_on"],
                    "to": d.due_on.isoformat(),
                    "basis_zh": d.basis_zh,
                    "basis_en": d.basis_en,
                    "provisional": d.provisional,
                },
            )
        return result


def _row_view(conn: sqlite3.Connection, row: sqlite3.Row) -> dict:
    """An item row in EDITABLE terms (unit and campaign by name)."""
    view = {k: row[k] for k in EDITABLE + ("status", "closed_on") if k not in ("unit", "campaign", "assist_units")}
    view["unit"] = (
        row["unit_id"] and conn.execute("SELECT name FROM units WHERE id = ?", (row["unit_id"],)).fetchone()[0]
    )
    view["campaign"] = (
        row["campaign_id"]
        and conn.execute("SELECT name FROM campaigns WHERE id = ?", (row["campaign_id"],)).fetchone()[0]
    )
    view["assist_units"] = [
        r[0]
        for r in conn.execute(
            "SELECT u.name FROM item_assist_units a JOIN units u ON u.id = a.unit_id WHERE a.item_id = ? ORDER BY a.pos",
            (row["id"],),
        )
    ]
    return view
