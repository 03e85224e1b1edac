"""A ledger shared by the clerks of one OS group on one server.

SQLite creates the -wal and -shm files with the permissions of the database
file but in the primary group of whoever opens it first; in a folder with
the setgid bit they take the folder's group instead. So a shared ledger
lives in a setgid folder of the clerks' group, and the file and its -wal
and -shm are group-writable: `tracker init --group NAME` sets this up.
"""

from __future__ import annotations

import grp
import os
import stat
from pathlib import Path

from tracker.errors import UserError


def share_with_group(path: Path, group: str) -> None:
    """The ledger's folder setgid and of `group`, the ledger and its -wal and
    -shm of `group`, mode 0660 (the folder 2770 when it is the ledger's own)."""
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise UserError("unknown_group", value=group) from None
    folder = Path(path).expanduser().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        st = folder.stat()
        if st.st_gid != gid:
            os.chown(folder, -1, gid)
        os.chmod(folder, stat.S_IMODE(st.st_mode) | stat.S_ISGID | stat.S_IRWXG)
        for suffix in ("", "-wal", "-shm"):
            f = Path(str(Path(path).expanduser()) + suffix)
            if f.exists():
                os.chown(f, -1, gid)
                os.chmod(f, 0o660)
    except PermissionError as e:
        raise UserError("group_failed", path=str(folder), group=group, problem=e.strerror or str(e)) from None
