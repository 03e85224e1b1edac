"""Writing what a command produces: to the terminal or to a file given with
-o (checked first, written through a temporary file renamed into place),
progress bars on a terminal, and no garbage collection during bulk work."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path
from typing import Any

import click

from tracker.errors import UserError


def _write_out(text: str | bytes, output: str | None, force: bool) -> None:
    """`text` to the file `output` (refused if it exists, unless `force`) or
    to stdout; bytes (UTF-8, a large JSON) go out as they are."""
    if isinstance(text, bytes):
        with _bytes_out(_check_output(output, force) if output else None) as out:
            out.write(text)
    elif output:
        with _text_out(_check_output(output, force)) as out:
            out.write(text)
    else:
        click.echo(text, nl=False)


def terminal_width() -> int:
    """The columns of the terminal the output is shown on (80 if unknown)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 40)


# In a file or a pipe, layouts other than the report and the list keep an
# entry on one line (for grep), however long.
UNWRAPPED = 100_000


def output_width(default: int = UNWRAPPED) -> int:
    """The width to lay text out for: the terminal's, else `default`."""
    return terminal_width() if sys.stdout.isatty() else default


def _check_output(output: str, force: bool) -> Path:
    """The file to write: not a folder, in a folder that exists and may be
    written, and not already there unless --force."""
    path = Path(output).expanduser()
    if path.is_dir():
        raise UserError("output_is_dir", path=str(path))
    folder = path.parent
    if not folder.is_dir():
        raise UserError("output_no_dir", path=str(path), dir=str(folder))
    if not os.access(folder, os.W_OK):
        raise UserError("output_failed", path=str(path), problem=os.strerror(13))
    from tracker.cli.common import db_path
    from tracker.files import refuse_database

    refuse_database(path, db_path())  # with or without --force
    if (path.exists() or path.is_symlink()) and not force:
        raise UserError("file_exists", path=str(path))
    return path


@contextlib.contextmanager
def _replacing(path: Path, kind: str = "out"):
    """A temporary path beside `path` (created exclusively, tracker.files),
    renamed onto it when the block succeeds and removed when it fails: a
    reader never sees half a file, a planted link is never followed."""
    from tracker.files import writing

    with writing(path, kind) as tmp:
        yield tmp


@contextlib.contextmanager
def _text_out(path: Path | None):
    """A UTF-8 text stream to `path` (through _replacing) or to stdout,
    written as it goes rather than built in memory first."""
    if path is not None:
        with _replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    if not hasattr(sys.stdout, "buffer"):
        yield sys.stdout
        return
    sys.stdout.flush()
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield out
    finally:
        out.flush()
        out.detach()


@contextlib.contextmanager
def _bytes_out(path: Path | None):
    """_text_out for UTF-8 already encoded: a binary stream to `path` or to
    stdout (a stdout without one gets the text)."""
    if path is not None:
        with _replacing(path) as tmp, tmp.open("wb") as out:
            yield out
        return
    sys.stdout.flush()
    if hasattr(sys.stdout, "buffer"):
        try:
            yield sys.stdout.buffer
        finally:
            sys.stdout.buffer.flush()
        return
    yield _Decoding(sys.stdout)


class _Decoding:
    """A binary stream over a text one: UTF-8 in, text out."""

    def __init__(self, out):
        self.out = out

    def write(self, data: bytes) -> int:
        return self.out.write(data.decode("utf-8"))


@contextlib.contextmanager
def bulk_work():
    """No cyclic garbage collection while a command builds or reads rows by
    the hundred thousand: they hold no cycles, and the collector's passes
    over them cost a tenth of an export's time. Free the rows inside the
    block, or the first collection after it scans them all."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Progress:
    """A progress bar on stderr for long exports and imports: shown only on a
    terminal and only for large jobs. `start(total)`, then `advance(n)`."""

    def __init__(self, label_: str):
        self.label = label_
        self.bar: Any = None

    def start(self, total: int) -> None:
        if total >= 5000 and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()

    def advance(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


# Terminal colours (click.style arguments) of the CLI's styles: a light
# (red overdue, yellow due, green on track) or a part of the report.
# Colour is the shell's business, not the core's.
ANSI_STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True},
    "head-red": {"fg": "red", "bold": True},
    "head-yellow": {"fg": "yellow", "bold": True},
    "head-none": {"bold": True},
    "unit": {"bold": True},
    "dim": {"dim": True},
    "red": {"fg": "red"},
    "yellow": {"fg": "yellow"},
    "green": {"fg": "green"},
}


def styled(text: str, style: str | None) -> str:
    """`text` in the colours of `style` (ANSI_STYLES); as it is for none."""
    return click.style(text, **ANSI_STYLES[style]) if style in ANSI_STYLES and text else text
