"""Legal cases: the law of extensions, hearings, outcomes, chained deadlines
and the year's figures (法治政府建设年度报告).

Writes take a Ledger and use its transaction and event helpers; reads take
a connection. Statutory deadlines stay the yardstick: an item on a named
(statutory) rule may be extended only as its rule's law allows, and on-time
is measured against the lawful deadline (the statutory date, or a lawful
extension of it; for other items the approved deadline).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from tracker.deadlines import Period, compute
from tracker.errors import UserError
from tracker.ledger import _clean

if TYPE_CHECKING:
    from tracker.ledger import Ledger

CASE_KINDS = ("review", "litigation")
HEARING_TYPES = ("trial", "hearing", "mediation")
# Outcome words by kind of case, with their zh labels (SPEC order).
OUTCOMES: dict[str, dict[str, str]] = {
    "review": {
        "upheld": "维持",
        "dismissed": "驳回",
        "revoked": "撤销",
        "varied": "变更",
        "unlawful": "确认违法",
        "ordered": "责令履行",
        "mediated": "调解",
        "terminated": "终止",
    },
    "litigation": {
        "dismissed": "驳回诉讼请求",
        "withdrawn": "撤诉",
        "revoked": "撤销",
        "unlawful": "确认违法",
        "varied": "变更",
        "ordered": "判决履行",
        "mediated": "调解",
        "rejected": "裁定驳回起诉",
    },
}
OUTCOMES_EN = {
    "upheld": "upheld",
    "dismissed": "dismissed",
    "revoked": "revoked",
    "varied": "varied",
    "unlawful": "declared unlawful",
    "ordered": "ordered to perform",
    "mediated": "mediated",
    "terminated": "terminated",
    "withdrawn": "withdrawn",
    "rejected": "complaint rejected",
}
LOST = frozenset(("revoked", "varied", "unlawful", "ordered"))
# Review decisions that the bureau must carry out.
CARRY_OUT = frozenset(("revoked", "varied", "ordered"))
NO_APPEAL = frozenset(("withdrawn", "mediated"))
CARRY_OUT_DEFAULT_RULE = "30d"
_TIME = re.compile(r"([01]?\d|2[0-3])[:：]([0-5]\d)")


# ------------------------------------------------------------ the law --
@dataclass(frozen=True)
class RuleLaw:
    """What the law says about extending a statutory rule's deadline."""

    rule: str
    ext: str  # none | period | court
    n: int | None
    unit: str | None
    base: str | None  # due | trigger
    basis_zh: str
    basis_en: str

    def basis(self, lang: str) -> str:
        return self.basis_en if lang == "en" else self.basis_zh

    def describe(self, lang: str) -> str:
        """One line: may it be extended, how far, from what, on what ground."""
        en = lang == "en"
        if self.ext == "none":
            head = "no extension" if en else "不得延长"
        elif self.ext == "court":
            head = "only with the court's permission" if en else "仅经法院准许"
        else:
            units = {"d": ("days", "日"), "wd": ("working days", "个工作日"), "m": ("months", "个月")}
            u_en, u_zh = units[self.unit or "d"]
            if self.base == "trigger":
                head = f"to {self.n} {u_en} from the trigger" if en else f"自起算日最长{self.n}{u_zh}"
            else:
                head = f"+{self.n} {u_en}" if en else f"延长不超过{self.n}{u_zh}"
        return f"{head} ({self.basis_en})" if en else f"{head}（{self.basis_zh}）"


def is_statutory(rule: str | None) -> bool:
    """A named rule of the catalogue (not a generic 5d/10wd/3m one)."""
    return bool(rule) and rule[0].isalpha()  # type: ignore[index]


def rule_law(conn: sqlite3.Connection, rule: str | None) -> RuleLaw | None:
    """The law of extensions of a named rule (None for generic rules)."""
    if not is_statutory(rule):
        return None
    r = conn.execute(
        "SELECT ext, ext_n, ext_unit, ext_from, ext_basis_zh, ext_basis_en FROM rules WHERE id = ?", (rule,)
    ).fetchone()
    if r is None:
        return None
    return RuleLaw(rule, r[0], r[1], r[2], r[3], r[4] or "", r[5] or r[4] or "")  # type: ignore[arg-type]


def all_rule_laws(conn: sqlite3.Connection) -> dict[str, RuleLaw]:
    return {
        r[0]: RuleLaw(r[0], r[1], r[2], r[3], r[4], r[5] or "", r[6] or r[5] or "")
        for r in conn.execute("SELECT id, ext, ext_n, ext_unit, ext_from, ext_basis_zh, ext_basis_en FROM rules")
    }


def statutory_due(row: sqlite3.Row) -> str:
    """The deadline the rule gave, before any extension."""
    return row["original_due_on"] or row["due_on"]


def extension_limit(ledger: Ledger, row: sqlite3.Row, law: RuleLaw) -> dt.date | None:
    """The latest date the law allows (None: no fixed limit, the court's)."""
    if law.ext != "period" or not law.n or not law.unit:
        return None
    if law.base == "trigger" and row["received_on"]:
        start = dt.date.fromisoformat(row["received_on"])
    else:
        start = dt.date.fromisoformat(statutory_due(row))
    period = Period(law.n, law.unit, law.unit != "wd", law.basis_zh, law.basis_en)
    return compute(law.rule, period, start, ledger.cal).due_on


def check_extension(
    ledger: Ledger, row: sqlite3.Row, new_due: dt.date, reason: str | None, approver: str | None
) -> dict:
    """Inside the extension's transaction: refuse an extension the law does
    not allow; returns what the event records of the law (empty for items
    not on a statutory rule)."""
    law = rule_law(ledger.conn, row["rule"])
    if law is None:
        return {}
    if law.ext == "none":
        raise UserError("legal_no_extension", id=row["id"], rule=law.rule, basis=law.basis_zh, basis_en=law.basis_en)
    if not reason or not approver:
        raise UserError("legal_extension_needs", rule=law.rule, basis=law.basis_zh, basis_en=law.basis_en)
    limit = extension_limit(ledger, row, law)
    if limit is not None and new_due > limit:
        raise UserError(
            "legal_extension_too_far",
            value=new_due.isoformat(),
            limit=limit.isoformat(),
            basis=law.basis_zh,
            basis_en=law.basis_en,
        )
    data: dict = {"lawful": True, "statutory_due_on": statutory_due(row), "law_zh": law.basis_zh}
    data["law_en"] = law.basis_en
    if limit is not None:
        data["limit"] = limit.isoformat()
    return data


def record_lawful_extension(ledger: Ledger, item_id: int, new_due: dt.date, approver: str) -> None:
    ledger.conn.execute(
        "INSERT INTO lawful_extensions (item_id, due_on, approver) VALUES (?, ?, ?) "
        "ON CONFLICT (item_id) DO UPDATE SET due_on = excluded.due_on, approver = excluded.approver",
        (item_id, new_due.isoformat(), approver),
    )


def check_due_edit(ledger: Ledger, row: sqlite3.Row, new_due: str | None) -> bool:
    """`edit --due` on an item on a statutory rule: refused when it would
    move the deadline; True when the due date is unchanged (the rule stays)."""
    if not is_statutory(row["rule"]):
        return False
    if new_due == row["due_on"]:
        return True
    trigger = dt.date.fromisoformat(row["received_on"]) if row["received_on"] else dt.date.max
    try:
        period = ledger.catalogue.period(row["rule"], trigger)
        basis_zh, basis_en = period.basis_zh, period.basis_en
    except UserError:
        basis_zh = basis_en = row["rule"]
    raise UserError("legal_due_statutory", id=row["id"], rule=row["rule"], basis=basis_zh, basis_en=basis_en)


# SQL: item `i` (aliased i) has a deadline from a statutory rule (not a
# plain period such as 15d): its lawful deadline may differ from its due date.
STATUTORY = "(i.rule IS NOT NULL AND NOT i.rule GLOB '[0-9]*')"
# SQL: the lawful deadline of item `i` (aliased i).
LAWFUL_DUE = (
    f"CASE WHEN i.original_due_on IS NULL OR NOT {STATUTORY} THEN i.due_on "
    "ELSE coalesce((SELECT x.due_on FROM lawful_extensions x WHERE x.item_id = i.id), i.original_due_on) END"
)


# ------------------------------------------------------------ hearings --
class Hearing(NamedTuple):
    """A hearing of a case, as the report and exports show it."""

    hearing_id: int
    item_id: int
    ref_no: str
    title: str
    date: str
    time: str | None
    place: str | None
    type: str
    attended: str | None = None
    head: str | None = None
    unit: str = ""
    owner: str = ""
    organ: str = ""
    status: str = "open"

    def as_json(self) -> dict:
        return {
            k: getattr(self, k) for k in ("hearing_id", "item_id", "ref_no", "title", "date", "time", "place", "type")
        }


_HEARING_SQL = """
    SELECT h.id, h.item_id, coalesce(i.ref_no, ''), i.title, h.date, h.time, h.place, h.type, h.attended, h.head,
           coalesce(u.name, ''), coalesce(i.owner, ''), coalesce(i.organ, ''), i.status
    FROM hearings h JOIN items i ON i.id = h.item_id LEFT JOIN units u ON u.id = i.unit_id
"""


def parse_time(value: str | None) -> str | None:
    """HH:MM from '9:30', '09:30', '9：30'; UserError otherwise."""
    value = _clean(value)
    if value is None:
        return None
    m = _TIME.fullmatch(value)
    if not m:
        raise UserError("legal_bad_time", value=value)
    return f"{int(m[1]):02d}:{m[2]}"


def hearing_type(value: str | None) -> str:
    value = (_clean(value) or "trial").lower()
    words = {"开庭": "trial", "庭审": "trial", "听证": "hearing", "调解": "mediation"}
    value = words.get(value, value)
    if value not in HEARING_TYPES:
        raise UserError("legal_bad_hearing_type", value=value, accepted="trial 开庭, hearing 听证, mediation 调解")
    return value


def insert_hearing(
    ledger: Ledger,
    row: sqlite3.Row | dict,
    date: dt.date,
    time: str | None = None,
    place: str | None = None,
    type_: str | None = None,
) -> int:
    """Inside a transaction: add a hearing to the case `row` (its event is
    the caller's to record, with the returned data). Returns the id."""
    if row["kind"] not in CASE_KINDS:
        raise UserError("legal_not_a_case", id=row["id"], kind=row["kind"])
    if row["received_on"] and date.isoformat() < row["received_on"]:
        raise UserError("legal_hearing_before_received", value=date.isoformat(), received=row["received_on"])
    default = "hearing" if row["kind"] == "review" else "trial"
    kind = hearing_type(type_ or default)
    return ledger.conn.execute(  # type: ignore[return-value]
        "INSERT INTO hearings (item_id, date, time, place, type, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (row["id"], date.isoformat(), parse_time(time), _clean(place), kind, ledger.stamp()),
    ).lastrowid


def add_hearing(
    ledger: Ledger,
    item_id: int,
    date: dt.date,
    time: str | None = None,
    place: str | None = None,
    type_: str | None = None,
    expected_version: int | None = None,
) -> int:
    """`hearing add`: a hearing (开庭/听证/调解) of case `item_id`."""
    with ledger.changing(item_id, expected_version, ("open", "done"), "act_hearing") as row:
        hid = insert_hearing(ledger, row, date, time, place, type_)
        ledger.record(row, {}, "hearing", hearing_event(ledger.conn, hid))
        return hid


def hearing_event(conn: sqlite3.Connection, hid: int) -> dict:
    r = conn.execute("SELECT id, date, time, place, type FROM hearings WHERE id = ?", (hid,)).fetchone()
    return {k: r[k] for k in ("id", "date", "time", "place", "type") if r[k] is not None}


def hearing_on_edit(ledger: Ledger, row: sqlite3.Row, date: dt.date | None) -> bool:
    """Inside edit's transaction: `--hearing DATE` adds a hearing unless the
    case has one on that day already."""
    if date is None:
        return False
    if ledger.conn.execute(
        "SELECT 1 FROM hearings WHERE item_id = ? AND date = ?", (row["id"], date.isoformat())
    ).fetchone():
        return False
    hid = insert_hearing(ledger, row, date)
    ledger.record_event(row["id"], "hearing", hearing_event(ledger.conn, hid))
    return True


def record_attendance(ledger: Ledger, hearing_id: int, attended: str | None, head: str | None, as_of: dt.date) -> int:
    """`hearing record`: who appeared for the bureau, and the head or deputy
    head when he or she appeared in person. Returns the case's id."""
    attended, head = _clean(attended), _clean(head)
    if not attended:
        raise UserError("legal_need_attended")
    with ledger.transaction():
        h = ledger.conn.execute("SELECT item_id, date FROM hearings WHERE id = ?", (hearing_id,)).fetchone()
        if h is None:
            raise UserError("legal_no_hearing", value=hearing_id)
        if h["date"] > as_of.isoformat():
            raise UserError("legal_hearing_not_held", id=hearing_id, date=h["date"], as_of=as_of.isoformat())
        if head and head not in re.split(r"[;；、,，\s]+", attended):
            attended = f"{attended}、{head}"
        ledger.conn.execute(
            "UPDATE hearings SET attended = ?, head = ?, recorded_at = ? WHERE id = ?",
            (attended, head, ledger.stamp(), hearing_id),
        )
        row = ledger.load(h["item_id"])
        data = {"hearing": hearing_id, "date": h["date"], "attended": attended}
        if head:
            data["head"] = head
        ledger.record(row, {}, "attend", data)
        return h["item_id"]


def list_hearings(
    conn: sqlite3.Connection, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[Hearing]:
    where, params = [], []
    if date_from:
        where.append("h.date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("h.date <= ?")
        params.append(date_to.isoformat())
    sql = _HEARING_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY h.date, h.time, h.id"
    return [Hearing._make(r) for r in conn.execute(sql, params)]


def coming_hearings(
    conn: sqlite3.Connection, start: dt.date, until: dt.date, extra: str = "", params: dict | None = None
) -> list[Hearing]:
    """Hearings from `start` through `until`, whatever their case's status
    (the report's `hearings`; `extra`: the report's item filters on i)."""
    p = {**(params or {}), "h_from": start.isoformat(), "h_to": until.isoformat()}
    return [
        Hearing._make(r)
        for r in conn.execute(
            _HEARING_SQL + f" WHERE h.date BETWEEN :h_from AND :h_to AND i.status <> 'cancelled' {extra}"
            " ORDER BY h.date, h.time, h.id",
            p,
        )
    ]


def hearings_of(conn: sqlite3.Connection, item_ids: set[int] | None = None) -> list[Hearing]:
    """Every hearing (of the items in `item_ids`), by date."""
    rows = [Hearing._make(r) for r in conn.execute(_HEARING_SQL + " ORDER BY h.date, h.time, h.id")]
    return rows if item_ids is None else [h for h in rows if h.item_id in item_ids]


def export_hearings(conn: sqlite3.Connection, item_ids: set[int], as_of: dt.date, filters) -> list[Hearing]:
    """The exports' hearings: those of the exported items, and every coming
    one (from as_of) of a case the filters select whatever its status but
    cancelled: a filed defence's hearing is still to be attended."""
    from tracker.queries import item_filters

    clauses, params = item_filters(
        kind=filters.kind, unit=filters.unit, owner=filters.owner, campaign=filters.campaign, search=filters.search
    )
    extra = "".join(" AND " + c for c in clauses)
    coming = {h.hearing_id for h in coming_hearings(conn, as_of, dt.date.max, extra, params)}
    return [h for h in hearings_of(conn) if h.item_id in item_ids or h.hearing_id in coming]


# ------------------------------------------------------------ outcomes --
def outcome_word(kind: str, word: str) -> str:
    """An outcome word (or its zh label) of a case of `kind`; UserError
    naming the accepted words otherwise."""
    vocab = OUTCOMES[kind]
    w = word.strip()
    key = w.lower()
    if key in vocab:
        return key
    for k, zh in vocab.items():
        if w == zh:
            return k
    accepted = ", ".join(f"{k} {zh}" for k, zh in vocab.items())
    raise UserError("legal_bad_outcome", value=w, kind=kind, accepted=accepted)


@dataclass
class OutcomeResult:
    item_id: int
    word: str
    lost: bool
    linked_id: int | None = None
    linked_due: dt.date | None = None
    linked_rule: str | None = None
    linked_basis: tuple[str, str] | None = None


def record_outcome(
    ledger: Ledger,
    item_id: int,
    word: str,
    on: dt.date,
    ruling: bool = False,
    note: str | None = None,
    due: dt.date | None = None,
) -> OutcomeResult:
    """`outcome`: the review decision or the court's judgment (or ruling)
    received on `on`. A litigation judgment or ruling adds the linked
    "决定是否上诉" item (not for withdrawn or mediated); a review decision
    that revokes, varies or orders adds the linked item to carry it out.
    Recording again replaces the outcome and moves the linked item's
    trigger date (its deadline recomputed, an event)."""
    note = _clean(note)
    with ledger.changing(item_id, None, ("open", "done"), "act_outcome") as row:
        if row["kind"] not in CASE_KINDS:
            raise UserError("legal_not_a_case", id=item_id, kind=row["kind"])
        w = outcome_word(row["kind"], word)
        if row["kind"] == "review" and ruling:
            raise UserError("legal_ruling_litigation_only")
        if w == "rejected":
            ruling = True  # 裁定驳回起诉 is a ruling
        if row["received_on"] and on.isoformat() < row["received_on"]:
            raise UserError("legal_outcome_before_received", value=on.isoformat(), received=row["received_on"])
        lost = w in LOST
        before = ledger.conn.execute("SELECT word, decided_on FROM case_outcomes WHERE item_id = ?", (item_id,))
        old = before.fetchone()
        ledger.conn.execute(
            "INSERT INTO case_outcomes (item_id, word, ruling, decided_on, lost, note, recorded_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO UPDATE SET word = excluded.word, "
            "ruling = excluded.ruling, decided_on = excluded.decided_on, lost = excluded.lost, "
            "note = excluded.note, recorded_at = excluded.recorded_at",
            (item_id, w, int(ruling), on.isoformat(), int(lost), note, ledger.stamp()),
        )
        data: dict = {"word": w, "on": on.isoformat(), "ruling": bool(ruling), "lost": lost}
        if note:
            data["note"] = note
        if old:
            data["replaces"] = {"word": old["word"], "on": old["decided_on"]}
        result = OutcomeResult(item_id, w, lost)
        relation, rule, title = None, None, None
        if row["kind"] == "litigation" and w not in NO_APPEAL:
            relation, rule = "appeal", ("appeal-ruling" if ruling else "appeal-judgment")
            title = f"决定是否上诉：{row['title']}"
        elif row["kind"] == "review" and w in CARRY_OUT:
            relation, title = "carry-out", f"履行复议决定：{row['title']}"
            rule = None if due else CARRY_OUT_DEFAULT_RULE
        existing = ledger.conn.execute(
            "SELECT l.item_id FROM item_links l JOIN items i ON i.id = l.item_id "
            "WHERE l.from_id = ? AND l.relation IN ('appeal', 'carry-out') AND i.status = 'open'",
            (item_id,),
        ).fetchone()
        if relation and existing:
            # The outcome corrected: the open linked item follows its trigger.
            linked = ledger.load(existing[0])
            changes: dict = {"received_on": on}
            if due:
                changes["due_on"] = due
            elif rule:
                changes["rule"] = rule
            ledger.edit_row(linked, changes, "edit", [])
            result.linked_id = existing[0]
            data["linked"] = existing[0]
        elif relation:
            assert title is not None
            due_on, rule_used, deadline = ledger.resolve_due("task", on, due, rule)
            created: list[str] = []
            unit = ledger.conn.execute("SELECT name FROM units WHERE id = ?", (row["unit_id"],)).fetchone()
            new_id = ledger.insert_many(
                [
                    (
                        {
                            "kind": "task",
                            "title": title,
                            "source": row["ref_no"] or f"#{item_id}",
                            "unit": unit[0] if unit else None,
                            "owner": row["owner"],
                            "received_on": on,
                            "due_on": due_on,
                            "rule": rule_used,
                        },
                        [],
                        deadline,
                        "open",
                        None,
                    )
                ],
                created,
            )[0]
            ledger.conn.execute(
                "INSERT INTO item_links (item_id, from_id, relation) VALUES (?, ?, ?)", (new_id, item_id, relation)
            )
            ledger.record_event(new_id, "link", {"from": item_id, "relation": relation})
            data["linked"] = new_id
            result.linked_id, result.linked_due, result.linked_rule = new_id, due_on, rule_used
            if deadline:
                result.linked_basis = (deadline.basis_zh, deadline.basis_en)
        ledger.record(row, {}, "outcome", data)
        if result.linked_id and result.linked_due is None:
            r = ledger.load(result.linked_id)
            result.linked_due, result.linked_rule = dt.date.fromisoformat(r["due_on"]), r["rule"]
        return result


def check_received(ledger: Ledger, item_id: int) -> None:
    """Inside edit's transaction, after the received date changed: no
    hearing or outcome of the case may come before it."""
    row = ledger.load(item_id)
    if not row["received_on"]:
        return
    early = ledger.conn.execute(
        "SELECT min(d) FROM (SELECT date AS d FROM hearings WHERE item_id = :i "
        "UNION ALL SELECT decided_on FROM case_outcomes WHERE item_id = :i)",
        {"i": item_id},
    ).fetchone()[0]
    if early and early < row["received_on"]:
        raise UserError("legal_received_after_case_dates", value=early, received=row["received_on"])


def recompute_chain(ledger: Ledger, case_id: int) -> int:
    """Inside a transaction (after the case's trigger date changed): every
    rule-based, unextended deadline in the case's chain computed again from
    its own trigger; each change a `recompute` event. Returns the count."""
    changed = 0
    rows = ledger.conn.execute(
        "SELECT i.* FROM item_links l JOIN items i ON i.id = l.item_id "
        "WHERE l.from_id = ? AND i.rule IS NOT NULL AND i.original_due_on IS NULL AND i.status = 'open'",
        (case_id,),
    ).fetchall()
    for r in rows:
        d = ledger.catalogue.compute(r["rule"], dt.date.fromisoformat(r["received_on"]), ledger.cal)
        if d.due_on.isoformat() != r["due_on"]:
            ledger.record(
                r,
                {"due_on": d.due_on.isoformat(), "due_provisional": int(d.provisional)},
                "recompute",
                {"from": r["due_on"], "to": d.due_on.isoformat(), "basis_zh": d.basis_zh, "basis_en": d.basis_en},
            )
            changed += 1
    return changed


# ------------------------------------------------------------ a case --
def case_view(conn: sqlite3.Connection, item_id: int) -> dict:
    """A case's hearings, outcome and linked items; an item's case."""
    hearings = [
        Hearing._make(r)._asdict()
        for r in conn.execute(_HEARING_SQL + " WHERE h.item_id = ? ORDER BY h.date, h.time, h.id", (item_id,))
    ]
    o = conn.execute(
        "SELECT word, ruling, decided_on, lost, note FROM case_outcomes WHERE item_id = ?", (item_id,)
    ).fetchone()
    linked = [
        dict(r)
        for r in conn.execute(
            "SELECT i.id, i.title, i.due_on, i.status, l.relation FROM item_links l JOIN items i ON i.id = l.item_id "
            "WHERE l.from_id = ? AND l.relation IN ('appeal', 'carry-out') ORDER BY i.id",
            (item_id,),
        )
    ]
    case = conn.execute(
        "SELECT i.id, i.title, coalesce(i.ref_no, '') AS ref_no, l.relation FROM item_links l "
        "JOIN items i ON i.id = l.from_id WHERE l.item_id = ? AND l.relation IN ('appeal', 'carry-out')",
        (item_id,),
    ).fetchone()
    return {
        "hearings": hearings,
        "outcome": dict(o) if o else None,
        "linked": linked,
        "case": dict(case) if case else None,
    }


def outcome_label(word: str, kind: str, lang: str) -> str:
    if lang == "en":
        return OUTCOMES_EN.get(word, word)
    return OUTCOMES.get(kind, {}).get(word, word)


def describe(e: dict, lang: str) -> str:
    """One line for a hearing, attend, outcome or link event."""
    d, en = e["data"], lang == "en"
    if e["type"] == "hearing":
        when = " ".join(x for x in (d.get("date"), d.get("time")) if x)
        kind = d.get("type", "trial")
        names = {"trial": ("开庭", "trial"), "hearing": ("听证", "hearing"), "mediation": ("调解", "mediation")}
        zh, en_ = names.get(kind, (kind, kind))
        place = d.get("place")
        return (
            f"{en_} {when}" + (f" at {place}" if place else "")
            if en
            else f"{zh} {when}" + (f"，{place}" if place else "")
        )
    if e["type"] == "attend":
        text = f"hearing {d.get('date')}: {d.get('attended')}" if en else f"{d.get('date')}出庭：{d.get('attended')}"
        if d.get("head"):
            text += f"; head in person: {d['head']}" if en else f"；负责人出庭：{d['head']}"
        return text
    if e["type"] == "outcome":
        word = d.get("word", "")
        label_ = (
            OUTCOMES_EN.get(word, word)
            if en
            else (OUTCOMES["litigation"].get(word) or OUTCOMES["review"].get(word, word))
        )
        text = f"{label_}, received {d.get('on')}" if en else f"{label_}，{d.get('on')}收到"
        if d.get("ruling"):
            text += " (ruling)" if en else "（裁定）"
        if d.get("lost"):
            text += "; lost" if en else "；纠错/败诉"
        if d.get("linked"):
            text += f"; follow-up item {d['linked']}" if en else f"；后续事项 {d['linked']}"
        if d.get("note"):
            text += ("; " if en else "；") + d["note"]
        return text
    if e["type"] == "link":
        rel = d.get("relation")
        if en:
            return f"follows from case {d.get('from')} ({'appeal decision' if rel == 'appeal' else 'carrying out'})"
        return f"源自案件 {d.get('from')}（{'决定是否上诉' if rel == 'appeal' else '履行复议决定'}）"
    return ""


# ------------------------------------------------------------ the year --
def annual(conn: sqlite3.Connection, year: int, as_of: dt.date) -> dict:
    """The year's figures of the rule-of-law work report, up to as_of."""
    from tracker.report import rate

    start = f"{year}-01-01"
    end = min(f"{year}-12-31", as_of.isoformat())
    d = as_of.isoformat()
    p = {"s": start, "e": end, "d": d}
    out: dict = {"year": year, "as_of": d}
    # The kind is written into the SQL, not bound: SQLite uses a partial index
    # (WHERE kind = 'review' OR kind = 'litigation') only for a literal.
    for kind, done_key in (("review", "replied"), ("litigation", "defended")):
        r = conn.execute(
            f"""SELECT count(*), sum(status = 'done' AND closed_on <= :d),
                       sum(status = 'done' AND closed_on <= :d AND closed_on <= L),
                       sum(L <= :d), sum(L <= :d AND status = 'done' AND closed_on <= L)
                FROM (SELECT i.status, i.closed_on, {LAWFUL_DUE} AS L FROM items i INDEXED BY items_cases
                      WHERE i.kind = '{kind}' AND i.received_on BETWEEN :s AND :e AND i.status <> 'cancelled')""",
            p,
        ).fetchone()
        received, done, on_time, due_by_now, on_time_due = r[0], r[1] or 0, r[2] or 0, r[3] or 0, r[4] or 0
        words = dict.fromkeys(OUTCOMES[kind], 0)
        lost = 0
        for word, n, n_lost in conn.execute(
            "SELECT o.word, count(*), sum(o.lost) FROM case_outcomes o "
            "JOIN items i INDEXED BY items_case_ids ON i.id = o.item_id "
            f"WHERE o.decided_on BETWEEN :s AND :e AND i.kind = '{kind}' AND i.status <> 'cancelled' GROUP BY o.word",
            p,
        ):
            words[word] = n
            lost += n_lost or 0
        decided = sum(words.values())
        entry: dict = {
            "received": received,
            done_key: done,
            f"{done_key}_on_time": on_time,
            "on_time_rate": rate(on_time_due, due_by_now),
        }
        if kind == "review":
            entry.update(decided=decided, lost=lost, outcomes=words)
        else:
            h = conn.execute(
                "SELECT count(*), sum(h.attended IS NOT NULL), sum(h.head IS NOT NULL) "
                "FROM hearings h INDEXED BY hearings_date JOIN items i INDEXED BY items_case_ids ON i.id = h.item_id "
                "WHERE h.date BETWEEN :s AND :e AND i.kind = 'litigation' "
                "AND i.status <> 'cancelled'",
                p,
            ).fetchone()
            n_h, appeared, head = h[0], h[1] or 0, h[2] or 0
            entry.update(
                hearings=n_h,
                appeared=appeared,
                appearance_rate=rate(appeared, n_h),
                head_appeared=head,
                head_appearance_rate=rate(head, n_h),
                judged=decided,
                lost=lost,
                loss_rate=rate(lost, decided),
                outcomes=words,
            )
        out[kind] = entry
    from tracker.report import letters_sent

    letters = letters_sent(conn, ("supervision", "reminder", "suggestion"), p["s"], p["e"])
    out["letters"] = {**letters, "total": sum(letters.values())}
    opened = letters_sent(conn, ("listed",), p["s"], p["e"])["listed"]  # opened: as a letter is sent
    (closed,) = conn.execute(
        "SELECT count(*) FROM items INDEXED BY items_kind_closed WHERE kind = 'listed' AND status = 'done' "
        "AND closed_on BETWEEN :s AND :e",
        p,
    ).fetchone()
    out["listed"] = {"opened": opened, "closed": closed}
    # Tasks: every non-case item (not cancelled) whose lawful deadline falls
    # in the year up to as_of; done on time when closed by it. Counted from
    # the items per due day (due_counts, kept by triggers), corrected by the
    # (few) items of a statutory rule extended into or past the year, whose
    # lawful deadline is not their due date (an extension only moves a
    # deadline later; for any other item the two are the same).
    base = conn.execute(
        "SELECT sum(n), sum(n * on_time) FROM due_counts "
        "WHERE due_on BETWEEN :s AND :e AND status <> 'cancelled' AND kind <> 'review' AND kind <> 'litigation'",
        p,
    ).fetchone()
    due, on_time = base[0] or 0, base[1] or 0
    for in_by_due, in_by_law, ok_by_due, ok_by_law in conn.execute(
        f"""SELECT due_on BETWEEN :s AND :e, L BETWEEN :s AND :e, status = 'done' AND closed_on <= due_on,
                   status = 'done' AND closed_on <= L
            FROM (SELECT i.due_on, i.status, i.closed_on, {LAWFUL_DUE} AS L FROM items i INDEXED BY items_extended
                  WHERE i.original_due_on IS NOT NULL AND i.due_on >= :s AND i.status <> 'cancelled'
                    AND i.kind <> 'review' AND i.kind <> 'litigation'
                    AND {STATUTORY})""",
        p,
    ):
        due += (in_by_law or 0) - (in_by_due or 0)
        on_time += (in_by_law and ok_by_law or 0) - (in_by_due and ok_by_due or 0)
    out["tasks"] = {"due": due, "done_on_time": on_time, "on_time_rate": rate(on_time, due)}
    camps = conn.execute(
        "SELECT id FROM campaigns WHERE coalesce(start_on, substr(created_at, 1, 10)) <= :e "
        "AND (end_on IS NULL OR end_on >= :s)",
        p,
    ).fetchall()
    ids = [c[0] for c in camps]
    tasks = done_tasks = 0
    if ids:
        marks = ",".join("?" * len(ids))
        for status, n in conn.execute(
            f"SELECT status, sum(n) FROM campaign_counts WHERE campaign_id IN ({marks}) GROUP BY status", ids
        ):
            if status != "cancelled":
                tasks += n
            if status == "done":
                done_tasks += n
    out["campaigns"] = {"count": len(ids), "tasks": tasks, "done": done_tasks}
    return out
