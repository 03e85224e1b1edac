"""The one catalogue of user-facing text: every key in both languages, with
the same placeholders, and each key defined once."""

from __future__ import annotations

import string

import pytest

from tracker import i18n
from tracker.i18n.plural import Plural


def placeholders(text: str) -> set[str]:
    return {name.split("!")[0].split(".")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


TABLES = {"messages": i18n.MESSAGES, "labels": i18n.LABELS, "fields": i18n.FIELDS}


@pytest.mark.parametrize("table", TABLES)
def test_every_key_has_zh_and_en_with_the_same_placeholders(table):
    problems = []
    for key, (zh, en) in TABLES[table].items():
        forms = [en.one, en.other] if isinstance(en, Plural) else [en]
        if not zh.strip() or not all(f.strip() for f in forms):
            problems.append(f"{key}: empty text")
            continue
        for form in forms:
            if placeholders(form) != placeholders(zh):
                problems.append(f"{key}: zh {sorted(placeholders(zh))} en {sorted(placeholders(form))}")
        if isinstance(en, Plural) and en.by not in placeholders(zh):
            problems.append(f"{key}: plural by {en.by!r}, which the text does not use")
    assert not problems, "\n".join(problems)


def test_english_plurals_follow_the_count():
    assert i18n.t("en", "left_overdue", n=1) == "1 day overdue"
    assert i18n.t("en", "left_overdue", n=3) == "3 days overdue"
    assert i18n.t("zh", "left_overdue", n=3) == "逾期3天"


def test_a_key_defined_twice_is_refused():
    with pytest.raises(KeyError):
        i18n._merge({"a": ("甲", "a")}, {"a": ("乙", "b")})
