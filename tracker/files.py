"""Writing files safely: every output (a report, an export, a backup, a
letter, a form) goes to a temporary file created exclusively in the target
folder (an unpredictable name, opened with O_EXCL and O_NOFOLLOW, so a link
planted there is never followed), then renamed onto the target. Two runs to
the same name never mix; a failed run leaves nothing behind; a killed one
leaves only a hidden temporary file that the next run of the same kind in
that folder removes."""

from __future__ import annotations

import contextlib
import functools
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tracker.errors import UserError

TEMP_PREFIX = ".tracker-"
STALE_SECONDS = 3600  # a temporary file this old is a killed run's


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def same_file(a: Path, b: Path) -> bool:
    """Whether a and b name the same file (through links too), or would."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def refuse_database(target: Path, database: Path | None) -> None:
    """An output must never be the ledger itself or its -wal/-shm."""
    if database is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        if same_file(target, Path(str(database) + suffix)):
            raise UserError("output_is_database", path=str(target), db=str(database))


def remove_stale(folder: Path, kind: str) -> None:
    """Remove temporary files of `kind` left in `folder` by runs that were
    killed (older than an hour: a running one is never that old)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(f"{TEMP_PREFIX}{kind}-") and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


@contextlib.contextmanager
def writing(target: Path, kind: str = "out", mode: int | None = None) -> Iterator[Path]:
    """A temporary path beside `target`, created exclusively; renamed onto
    `target` when the block succeeds, removed when it fails. `mode`: the
    permissions of the result (default: as a new file, by the umask)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale(folder, kind)
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{kind}-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise UserError("output_failed", path=str(target), problem=e.strerror or str(e)) from None
    tmp = Path(name)
    try:
        os.fchmod(fd, 0o666 & ~_umask() if mode is None else mode)
        os.close(fd)
        yield tmp
        os.replace(tmp, target)
    except OSError as e:  # a full disk, no right to rename ...
        raise UserError("output_failed", path=str(target), problem=e.strerror or str(e)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[str]:
    """A private folder for a writer's own temporary files (XlsxWriter's
    streamed rows and parts), removed however the write ends: XlsxWriter
    leaves them in the system's temporary folder when the disk fills."""
    import shutil

    folder = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{kind}-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def with_scratch_folder(kind: str) -> Callable:
    """A writer called with scratch=a scratch_folder(kind) of its own."""

    def wrap(write: Callable) -> Callable:
        @functools.wraps(write)
        def call(*args, **kwargs):
            with scratch_folder(kind) as folder:
                return write(*args, scratch=folder, **kwargs)

        return call

    return wrap
