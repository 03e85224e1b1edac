"""Deadlines by rule: `due` and the rule catalogue `rules`."""

from __future__ import annotations

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    OneOf,
    common_options,
    current_lang,
    due_text,
    dump_json,
    echo,
    open_or_blank,
)
from tracker.cli.root import cli


@cli.command(context_settings=CONTEXT, short_help="计算期限 · the deadline a rule gives")
@click.argument("rule")
@click.argument("date", type=DATE)
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"), help="text or json.")
@common_options
def due(rule, date, fmt):
    """The deadline RULE gives for trigger DATE (first line: the ISO date).

    RULE is a named rule (review-reply, litigation-defence, proposal-reply,
    penalty-decision, petition-handle, foi-reply) or generic: 5d (days,
    rolled), 10wd (working days), 3m (months, rolled). See `tracker rules`.
    """
    from tracker.calendar import WorkCalendar
    from tracker.deadlines import Catalogue

    conn = open_or_blank()
    deadline = Catalogue.from_db(conn).compute(rule, date, WorkCalendar.from_db(conn))
    lang = current_lang()
    if fmt == "json":
        dump_json(deadline.as_json(lang))
    else:
        echo(due_text(lang, deadline.due_on, deadline.provisional))
        echo(deadline.basis(lang))


@cli.command(context_settings=CONTEXT, short_help="期限规则和类型 · deadline rules and kinds")
@click.option("--format", "fmt", default="text", show_default=True, type=OneOf("text", "json"), help="text or json.")
@common_options
def rules(fmt):
    """The deadline rules and the kinds of item, with their legal basis."""
    from tracker.legal import all_rule_laws
    from tracker.queries import list_kinds, list_rules

    conn = open_or_blank()
    lang, rs, ks = current_lang(), list_rules(conn), list_kinds(conn)
    laws = all_rule_laws(conn)
    for r in rs:
        law = laws.get(r["id"])
        r["extension"] = law and {
            "allowed": law.ext,
            "n": law.n,
            "unit": law.unit,
            "from": law.base,
            "basis_zh": law.basis_zh,
            "basis_en": law.basis_en,
        }
    if fmt == "json":
        dump_json({"rules": rs, "kinds": ks})
        return

    from tracker.cli.layouts import rules_text
    from tracker.cli.output import output_width

    echo(rules_text(rs, ks, lang, output_width(), laws))
