"""The ledger's words: kinds and statuses by id, by label and by the words
offices write for them.

Read-only commands (list, export, report) use these without constructing
the writer (tracker.ledger.Ledger). Kinds are data (the kinds table); the
office words here only point at them.
"""

from __future__ import annotations

import sqlite3

from tracker.errors import UserError
from tracker.i18n import label

STATUSES = ("open", "done", "cancelled")

# What offices write for a status besides the ids and zh labels (办理中 /
# 已办结 / 已撤销); 销号: struck off the supervision list, i.e. closed.
STATUS_WORDS = {
    "在办": "open",
    "正在办理": "open",
    "未办结": "open",
    "未完成": "open",
    "办理中": "open",
    "已完成": "done",
    "完成": "done",
    "办结": "done",
    "已销号": "done",
    "销号": "done",
    "撤销": "cancelled",
    "已取消": "cancelled",
    "取消": "cancelled",
}

# What offices write in a 类型 column for each kind (besides its id and zh label).
KIND_WORDS = {
    "交办": "task",
    "交办件": "task",
    "任务": "task",
    "领导交办": "task",
    "督办": "supervision",
    "督办件": "supervision",
    "督办通知": "supervision",
    "提醒": "reminder",
    "提醒函": "reminder",
    "建议": "suggestion",
    "建议函": "suggestion",
    "挂牌": "listed",
    "挂牌督办": "listed",
    "挂牌督办件": "listed",
    "专项整治": "campaign-task",
    "专项": "campaign-task",
    "整治任务": "campaign-task",
    "行政复议": "review",
    "复议": "review",
    "复议答复": "review",
    "行政复议案件": "review",
    "行政诉讼": "litigation",
    "诉讼": "litigation",
    "应诉": "litigation",
    "行政诉讼案件": "litigation",
    "提案": "proposal",
    "议案": "proposal",
    "人大建议": "proposal",
    "代表建议": "proposal",
    "政协提案": "proposal",
    "建议提案": "proposal",
}


def status_id(value: str | None, allow_all: bool = False) -> str:
    """A status by id, zh label or an office's word for it (and 'all' when
    allowed), or UserError('unknown_status')."""
    accepted = STATUSES + (("all",) if allow_all else ())
    v = (value or "").strip()
    known = {s: s for s in accepted} | {label("zh", s): s for s in STATUSES} | STATUS_WORDS
    if v in known:
        return known[v]
    if v.lower() in known:
        return known[v.lower()]
    raise UserError(
        "unknown_status",
        value=value,
        accepted="、".join([label("zh", s) for s in STATUSES] + (["all"] if allow_all else [])),
    )


def kind_labels(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Each kind's (zh, en) label, in the kinds' order."""
    return {k: (zh, en) for k, zh, en in conn.execute("SELECT id, label_zh, label_en FROM kinds ORDER BY sort")}


class Kinds:
    """The kinds of one database, looked up by id, label or office word."""

    def __init__(self, conn: sqlite3.Connection):
        self.labels = kind_labels(conn)
        self.default_rules: dict[str, str | None] = dict(conn.execute("SELECT id, default_rule FROM kinds"))
        self._known: dict[str, str] = {}
        for word, kind in KIND_WORDS.items():
            if kind in self.labels:
                self._known[word] = kind
        for kind, (zh, en) in self.labels.items():
            self._known[kind] = self._known[zh] = self._known[en.lower()] = kind

    def id(self, value: str | None) -> str:
        """A kind by id, zh or en label or an office's word, or a UserError
        that lists the Chinese labels."""
        v = "".join((value or "").split())
        if not v:
            raise UserError("empty_kind")
        found = self._known.get(v) or self._known.get(v.lower())
        if found:
            return found
        raise UserError("unknown_kind", value=value, accepted="、".join(zh for zh, _ in self.labels.values()))

    def default_rule(self, kind: str) -> str | None:
        return self.default_rules.get(kind)
