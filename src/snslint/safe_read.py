"""Reading a settings file (config, policy) with its limits applied while reading.

``Path.read_bytes()`` then a size check reads ``/dev/zero`` until memory runs out, and blocks
forever on a FIFO. :func:`read_regular_file` opens without blocking (``O_NONBLOCK``: opening
a FIFO with no writer returns at once), refuses anything but a regular file (checked with
``fstat`` on the open descriptor, so a swap between check and read cannot fool it), and
reads at most ``max_bytes + 1`` bytes, whatever the file claims its size is.
"""

from __future__ import annotations

import os
import stat


class NotRegularFile(OSError):
    """The path is a FIFO, device, socket or folder, not a regular file."""


class TooLarge(OSError):
    """The file holds more than the allowed number of bytes."""


def read_regular_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``.

    Raises:
        FileNotFoundError: no such file.
        NotRegularFile: a FIFO, device, socket or folder.
        TooLarge: more than ``max_bytes`` bytes (found while reading: at most
            ``max_bytes + 1`` are read).
        OSError: any other error opening or reading it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFile(f"not a regular file: {path}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise TooLarge(f"larger than {max_bytes} bytes: {path}")
    return data
