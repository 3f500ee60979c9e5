"""Replacing a file in one step: readers see the old bytes or the new ones, never a part.

The bytes go to a temporary file in the target's folder (same file system, so the rename is
atomic), optionally flushed to disk, and ``os.replace`` puts it over the target. On any error
the temporary file is removed and the error raised; the target is untouched. Used by
``--output`` (:mod:`snslint.output.destination`), ``--fix`` (:mod:`snslint.run.fix`) and the
cache folder (:mod:`snslint.run.cache.folder`).
"""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str | os.PathLike[str], data: bytes, *, durable: bool = True, mode: int | None = None) -> None:
    """Replace ``path`` with ``data``.

    Args:
        path: the file to create or replace.
        data: its new content.
        durable: ``fsync`` the new content before the rename (a report or a fixed draft a
            person relies on); the cache, which is rebuilt when lost, skips it.
        mode: permission bits for the new file (a fixed draft keeps its own); None leaves
            ``mkstemp``'s owner-only 0o600.

    Raises:
        OSError: the folder cannot be written, or the rename fails.
    """
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".snslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
