"""Text that reaches a terminal or a report line: control characters and odd file names escaped.

A draft, a front-matter value or a file name may hold characters that act on a terminal or on
the shape of a report: C0 controls (ESC starts ``\\x1b[...`` sequences that recolour, move the
cursor or set the window title; a newline in a file name forges a second concise line), DEL
and C1 controls (U+0080-U+009F; U+009B is a one-character CSI), the bidirectional overrides
and isolates of UAX #9 (U+202A-U+202E, U+2066-U+2069, and the marks U+200E, U+200F,
U+061C) that reorder what is shown ("Trojan Source", CVE-2021-42574), and the line and
paragraph separators U+2028/U+2029. A file name that is not valid UTF-8 reaches Python as
lone surrogates (PEP 383 ``surrogateescape``), which no UTF-8 output can encode.

:func:`escape_control` shows each such character as a visible escape: ``\\n``, ``\\t``,
``\\r``, ``\\x1b``, ``\\x9b``, ``\\u202e``; a surrogate-escaped byte as ``\\xff``, the byte
the name holds. Backslashes themselves stay as they are, so escaping is idempotent (an
escaped string has nothing left to escape). :func:`escape_report` applies it, in place, to
every path, message, hint, reason and error of a report: :func:`snslint.output.formats.get`
runs it after the masking pass, before any format, so all formats show names and messages
the same safe way (JSON and SARIF stay valid UTF-8). Formats that print draft text for people
(rich source lines, concise) also pass it through :func:`escape_control`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

_OTHERS = r"\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"


@cache
def _control(tabs: bool) -> re.Pattern[str]:
    """The characters :func:`escape_control` escapes: with ``tabs``, the tab too. Compiled on
    first use: a run whose report escapes nothing (``--format json``) never needs it."""
    return re.compile(rf"[\x00-\x1f{_OTHERS}]" if tabs else rf"[\x00-\x08\x0a-\x1f{_OTHERS}]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_one(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named:
        return named
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_control(text: str, *, tabs: bool = True) -> str:
    """``text`` with every control, bidi-control, separator and lone-surrogate character
    replaced by a visible escape (see the module doc). ``tabs=False`` keeps tabs (a draft's
    indentation). Never raises; text without such characters comes back as it is."""
    if not text:
        return text
    pattern = _control(tabs)
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape_one, text)


def display_path(path: str) -> str:
    """A file name as reports show it: :func:`escape_control` (newlines, ESC, bidi controls,
    bytes that are not UTF-8 as ``\\xNN``)."""
    return escape_control(path)


def escape_finding(f: Any) -> Any:
    """A :class:`~snslint.findings.Finding` with its path, messages and hints escaped (its
    ``text`` is left as written: machine formats keep it, and people's formats escape it where
    they print it). The finding itself when nothing changes."""
    changes = {}
    for name in ("path", "message_ja", "message_en", "hint", "hint_en"):
        old = getattr(f, name)
        new = escape_control(old)
        if new != old:
            changes[name] = new
    return replace(f, **changes) if changes else f


def escape_error(error: Any) -> None:
    """Escape a :class:`~snslint.errors.SnslintError`'s messages and path in place."""
    error.ja = escape_control(error.ja)
    error.en = escape_control(error.en)
    if error.path:
        error.path = display_path(error.path)


def escape_report(report: Any) -> Any:
    """Escape, in place, every path, message, hint, silenced finding's reason and input error
    of ``report`` (an :class:`snslint.output.report.Report`); returns it."""
    for result in report.results:
        result.path = display_path(result.path)
        result.findings = [escape_finding(f) for f in result.findings]
        if result.error is not None:
            escape_error(result.error)
    report.suppressed = [(escape_finding(f), escape_control(reason)) for f, reason in report.suppressed]
    if isinstance(getattr(report, "policy_label", None), str):
        report.policy_label = display_path(report.policy_label)
    return report
