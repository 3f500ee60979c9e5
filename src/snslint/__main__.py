"""The console script ``snslint`` and ``python -m snslint``: the command line
(:mod:`snslint.cli`) in a process set up for a short run.

Three things a long-lived program would not do, each worth a part of a one-draft run's time
(figures in the commits that added them):

- pydantic's plugins are off (``PYDANTIC_DISABLE_PLUGINS=__all__``, pydantic's documented
  switch from 2.7 on, unless the variable is already set): a pydantic plugin observes an
  application's validation, and snslint validates only its own inputs (policies,
  configuration, front matter); without the switch, pydantic scans every installed
  distribution's entry points when it builds its first validator. The worker processes
  inherit the setting;
- the cyclic garbage collector is paused during the start-up and resumed, with everything
  built so far frozen, once the first drafts are checked (:mod:`snslint.lint.startup`);
- once the command has finished and its output is flushed, the process ends with
  ``os._exit``: the interpreter's teardown (a last full collection, then every module's
  objects freed one by one) would only give memory back to a process about to end. Every
  file snslint writes (``--output``, ``--fix``, the cache) is complete and closed before the
  command returns (:mod:`snslint.atomic_write`), and the worker pool is shut down.

Tests call :func:`snslint.cli.main` or the typer app in-process: neither applies there.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    """Run ``snslint`` with ``sys.argv`` and end the process with its exit status
    (0, 1 or 2: :class:`snslint.output.exit_status.ExitStatus`)."""
    from snslint.lint.startup import pause_collection

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    pause_collection()
    from snslint.cli import main as cli_main

    try:
        cli_main()
        status = 0
    except SystemExit as exc:
        status = _status(exc.code)
    _leave(status)


def _status(code: object) -> int:
    """The exit status ``sys.exit(code)`` would give: None is 0, an int itself, anything
    else is printed to stderr and gives 1 (as the interpreter does)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _leave(status: int) -> NoReturn:
    """Flush the output and end the process at once with ``status``.

    A reader that stopped early (``snslint check . | head``) closed the pipe: the rest of the
    report is dropped without a message and the status is 1 (the report was not read whole),
    as :func:`snslint.cli.main` does for what click writes."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # ValueError: the stream was closed
            status = status or 1
    os._exit(status)


if __name__ == "__main__":
    main()
