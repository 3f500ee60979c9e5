"""Errors that reach the user as one clear line in Japanese and English, exit code 2.

Every error snslint raises on purpose is a :class:`SnslintError`; the CLI catches it, prints
``エラー: <ja> / Error: <en>`` and exits with :attr:`ExitStatus.ERROR`. Anything else is a bug;
the CLI still turns it into one line (the traceback only with ``--debug``).
"""

from __future__ import annotations


class SnslintError(Exception):
    """Base of every expected error: a message in Japanese and in English.

    Args:
        ja: the message in Japanese, shown first.
        en: the same message in English.
        path: the file it concerns, if any (shown before the message).
        line: 1-based line in that file, if known.
        column: 1-based column (characters) in that line, if known.
    """

    def __init__(
        self,
        ja: str,
        en: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en
        self.path = path
        self.line = line
        self.column = column

    def location(self) -> str:
        """``path:line:column`` (as much as is known), or an empty string."""
        if not self.path:
            return ""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def one_line(self) -> str:
        """The error as one line: ``path:line: エラー: ja / Error: en``, control characters
        and bytes of a name that are not UTF-8 escaped (:func:`snslint.display.escape_control`)."""
        from snslint.display import escape_control

        loc = self.location()
        prefix = f"{loc}: " if loc else ""
        # One line whatever the path or a quoted value holds (newlines, ESC, bidi controls).
        return escape_control(f"{prefix}エラー: {self.ja} / Error: {self.en}")


class UsageError(SnslintError):
    """A command-line mistake: unknown option value, unknown rule code, conflicting flags."""


class InputError(SnslintError):
    """A draft that cannot be read: missing, unreadable, binary, bad front matter."""


class PolicyError(SnslintError):
    """A policy that cannot be used: unknown city, broken YAML, schema error, unknown rule."""


class ConfigError(SnslintError):
    """A broken ``snslint.toml`` or ``[tool.snslint]`` table."""


class RuleCrash(SnslintError):
    """A rule raised an unexpected exception on one draft: a bug in snslint or a plugin.

    The draft is reported as not checked (exit code 2) and the run goes on with the other
    files; ``--debug`` re-raises the original exception with its traceback instead.
    """
