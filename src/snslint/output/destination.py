"""Where ``--output`` writes: never over a draft, a config or a policy, never through a symlink.

:func:`refuse_unsafe_output` runs before any draft is checked: the report may not replace a
file the run reads (a draft given or found in a folder, the config file, a policy file), nor
a symbolic link (replacing it would cut the link; writing through it would write wherever it
points). :func:`write_report` then writes: into an existing character or block device or FIFO
as it is (``-o /dev/null``, ``-o /dev/stdout``, a named pipe: the special file stays), and
anything else atomically (a temporary file in the same folder, flushed, fsynced and renamed
over the target, so a reader never sees half a report). Both raise
:class:`~snslint.errors.UsageError` (one line in Japanese and English, exit 2).

Files are compared by identity (device and inode, :func:`os.stat`), so ``./a.txt``,
``dir/../a.txt`` and a hard link all count as the same draft.
"""

from __future__ import annotations

import os
import stat
from typing import Iterable

from snslint.atomic_write import write_atomic
from snslint.errors import UsageError


def _identity(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def refuse_unsafe_output(output: str, inputs: Iterable[str], settings: Iterable[str]) -> None:
    """Raise unless writing the report to ``output`` is safe.

    Args:
        output: the ``--output`` path as given.
        inputs: the draft paths the run reads (folders already expanded; ``"-"`` ignored).
        settings: the config and policy files in use.

    Raises:
        UsageError: ``output`` is a symbolic link, a folder, one of the drafts, or the
            config or a policy in use.
    """
    if os.path.islink(output):
        raise UsageError(
            f"出力先「{output}」はシンボリックリンクなので書きません。リンク先のパスを指定してください。",
            f"the output '{output}' is a symbolic link; not written. Give the real path.",
        )
    target = _identity(output)
    if target is None:
        return
    if os.path.isdir(output):
        raise UsageError(
            f"出力先「{output}」はフォルダです。ファイル名を指定してください。",
            f"the output '{output}' is a folder; give a file name.",
        )
    for kind_ja, kind_en, paths in (("検査する下書き", "a draft being checked", inputs), ("使用中の設定・ポリシー", "a config or policy in use", settings)):
        for path in paths:
            if path != "-" and _identity(path) == target:
                raise UsageError(
                    f"出力先「{output}」は{kind_ja}（{path}）です。上書きしないので、別のファイル名を指定してください。",
                    f"the output '{output}' is {kind_en} ({path}); it is not overwritten. Give another file name.",
                )


def write_report(path: str, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``: into an existing device or FIFO as it is, any other
    path atomically (see the module doc). Call :func:`refuse_unsafe_output` first.

    Raises:
        UsageError: the folder does not exist or cannot be written, or the write fails.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        st = None
    try:
        if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
            # O_NOFOLLOW: a symlink put there since the check is refused, not followed.
            fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            return
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(
            f"出力ファイル「{path}」に書けません（{exc.strerror or exc}）。",
            f"cannot write the output file '{path}' ({exc.strerror or exc}).",
        ) from None
