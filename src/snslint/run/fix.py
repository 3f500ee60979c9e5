"""``snslint check --fix``: apply the fixes findings offer, to the drafts on disk.

A fix is ``Finding.extra["fix"]``: ``{"start", "end", "replacement", "description"}``, file
character offsets (front matter included), offered only where the change is certain: FORM010
machine-dependent characters (their NFKC form), FORM002 full-width ``＃`` in a hashtag, and
TIME001/TIME002 ``scheduled_at`` set to the next allowed posting time.

Rules of application (as ruff's ``--fix``):

- only the fixes of findings that are reported (a suppressed or ignored finding fixes
  nothing), so never a change without a finding;
- never a change that touches personal data or a secret (a span in ``FileResult.redactions``
  or any sensitive finding's span);
- overlapping fixes: the first (by offset) wins, the rest wait for the next run;
- only UTF-8 drafts read from a file (not stdin), and only if the file still holds the text
  that was checked; line endings (LF or CRLF) and a BOM are kept;
- each file is written atomically (a temporary file in the same folder, fsync, ``os.replace``).
"""

from __future__ import annotations

import os
from typing import Iterable

from snslint.atomic_write import write_atomic
from snslint.lint.engine import FileResult


def planned_fixes(result: FileResult) -> list[dict]:
    """The fixes that would be applied to ``result``'s draft, in file order (see the module
    doc: reported findings only, none touching personal data, no overlaps)."""
    if result.draft is None or result.error is not None or result.path == "-":
        return []
    if result.draft.encoding not in ("utf-8", "utf-8 (BOM)"):
        return []
    guarded = [(a, b) for a, b, _ in result.redactions]
    guarded += [(f.start, f.end) for f in result.findings if f.sensitive]
    fixes = sorted(
        (f.extra["fix"] for f in result.findings if isinstance(f.extra.get("fix"), dict)),
        key=lambda x: (x["start"], x["end"]),
    )
    out: list[dict] = []
    last_end = -1
    for fix in fixes:
        a, b = fix["start"], fix["end"]
        if a < last_end or a < 0 or b > len(result.draft.text) or a > b:
            continue
        if any(a < g_end and g_start < max(b, a + 1) for g_start, g_end in guarded):
            continue
        out.append(fix)
        last_end = b
    return out


def apply_fixes(results: Iterable[FileResult]) -> list[tuple[str, int]]:
    """Apply :func:`planned_fixes` to each draft on disk; ``(path, fixes applied)`` for every
    file written. A file that changed since it was checked is left alone."""
    written: list[tuple[str, int]] = []
    for result in results:
        fixes = planned_fixes(result)
        if not fixes:
            continue
        draft = result.draft
        assert draft is not None
        try:
            with open(result.path, "rb") as fh:
                raw = fh.read()
        except OSError:
            continue
        bom = raw.startswith(b"\xef\xbb\xbf")
        try:
            on_disk = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        crlf = "\r\n" in on_disk
        if on_disk.replace("\r\n", "\n").replace("\r", "\n") != draft.text:
            continue  # changed since it was checked
        text = draft.text
        for fix in reversed(fixes):
            text = text[: fix["start"]] + fix["replacement"] + text[fix["end"] :]
        if crlf:
            text = text.replace("\n", "\r\n")
        data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
        try:
            write_atomic(result.path, data, mode=os.stat(result.path).st_mode & 0o7777)
        except OSError:
            continue
        written.append((result.path, len(fixes)))
    return written
