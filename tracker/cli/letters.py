"""Letters: `tracker letter ID KIND` issues one (numbered, recorded, written
as DOCX); `tracker letter template KIND -o FILE` writes a built-in template."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.common import (
    CONTEXT,
    DATE,
    ITEM_ID,
    TrackerGroup,
    as_of,
    common_options,
    current_lang,
    echo,
    ledger,
    open_conn,
)
from tracker.cli.output import _check_output, _replacing
from tracker.cli.root import cli
from tracker.i18n import label, t


class LetterGroup(TrackerGroup):
    """`letter ID KIND ...` issues a letter; `letter template ...` is the
    one subcommand by name."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands:
            return "issue", self.commands["issue"], args
        return super().resolve_command(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "ID KIND [OPTIONS] | template KIND -o FILE")


@cli.group(cls=LetterGroup, context_settings=CONTEXT, short_help="发函 · issue a letter (DOCX)")
@common_options
def letter():
    """Issue a letter about an item: tracker letter ID KIND [OPTIONS].

    KIND: reminder 提醒函, supervision 督办函, suggestion 建议函, listed
    挂牌督办通知书. The letter is an item of that kind linked to ID, sent to
    ID's lead unit, numbered with the next number of its kind and year, and
    written as DOCX. `tracker letter template KIND -o FILE` writes the
    built-in template for the office to adapt.
    """


@letter.command(name="issue", context_settings=CONTEXT, short_help="发函 · issue a letter")
@click.argument("item_id", metavar="ID", type=ITEM_ID)
@click.argument("kind")
@click.option("--on", type=DATE, help="The day the letter is sent (default: today / --as-of).")
@click.option("--due", type=DATE, help="The day the unit must reply by.")
@click.option("--rule", help="Reply deadline by RULE from --on (default: config reply.KIND, e.g. 5wd).")
@click.option("-o", "--output", metavar="FILE", help="The DOCX to write (default: the letter's number .docx).")
@click.option("--template", metavar="FILE", help="A DOCX template of the office's own (default: config template.KIND).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the new id.")
@common_options
def letter_issue(item_id, kind, on, due, rule, output, template, force, quiet):
    """Issue a letter of KIND about item ID and write it as DOCX.

    Prints the new letter's id first, then its number, addressee, reply
    deadline and file.
    """
    from tracker.letters import default_filename, issue_letter, letter_kind, plan_letter, template_for

    lang = current_lang()
    kind = letter_kind(kind)
    conn = open_conn()
    book = ledger(conn)
    plan = plan_letter(book, item_id, kind, on or as_of(), due, rule)
    chosen = template_for(conn, kind, template)
    path = _check_output(output or default_filename(plan.ref_no), force)
    with _replacing(path) as tmp:
        issued = issue_letter(book, plan, tmp, chosen)
    echo(str(issued.id))
    if quiet:
        return
    echo(
        t(
            lang,
            "letter_issued",
            doc=label(lang, f"letter_{kind}"),
            ref_no=issued.ref_no,
            unit=plan.matter["unit"],
            reply_by=issued.due_on.isoformat(),
            path=str(path),
        )
    )


@letter.command(name="template", context_settings=CONTEXT, short_help="函件模板 · write a built-in template")
@click.argument("kind")
@click.option("-o", "--output", metavar="FILE", required=True, help="The DOCX file to write.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@common_options
def letter_template(kind, output, force):
    """Write the built-in DOCX template of KIND to FILE, for the office to
    adapt (keep its {{ fields }}) and use with --template or
    `tracker config set template.KIND FILE`."""
    from tracker.letters import builtin_template, letter_kind

    lang = current_lang()
    kind = letter_kind(kind)
    path = _check_output(output, force)
    with _replacing(path) as tmp:
        Path(tmp).write_bytes(builtin_template(kind))
    echo(t(lang, "letter_template_written", doc=label(lang, f"letter_{kind}"), path=str(path)))
