"""The helper process of a large import (tracker.importer._Helper): it
reads and checks the file's rows and makes their events while the
importing process writes. Started with the importing process's sys.path;
given a pickled (job, last hash) on its standard input; answers with
pickled messages on its standard output, where nothing else is written.
"""

from __future__ import annotations

import marshal
import os
import pickle
import sys
import traceback


def main() -> None:
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # a stray print cannot break the messages
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (for the process's life)

    def send(message: tuple, rows=None) -> None:
        """A pickled message; with `rows` (plain tuples, lists and text), the
        length of their marshal bytes appended to it, and the bytes after."""
        if rows is None:
            pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            data = marshal.dumps(rows)
            pickle.dump((*message, len(data)), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.write(data)
        out.flush()

    try:
        from tracker.errors import UserError
        from tracker.importer import check_for_writer

        job, last_hash = pickle.load(sys.stdin.buffer)
        try:
            check_for_writer(job, last_hash, send)
        except UserError as e:
            send(("user_error", e.key, e.params))
    except BrokenPipeError:
        pass  # the importing process has stopped listening: nothing to tell
    except BaseException:
        try:
            send(("failed", traceback.format_exc()))
        except BrokenPipeError:
            pass
    finally:
        sys.stdout.flush()


if __name__ == "__main__":
    main()
