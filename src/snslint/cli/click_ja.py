"""Click's own words in Japanese first, English after, as the rest of the CLI speaks.

Two places where click (under typer) talks to the user:

- Usage errors (a missing argument, an unknown option or command, a bad choice):
  :func:`usage_error_line` turns one into the project's one error line,
  ``エラー: … / Error: …``, with the way to the help; the CLI exits 2 (as click does).
- Help pages: the section headings and fixed phrases (``Usage:``, ``Options``, ``Show this
  message and exit.``) come from click's ``gettext`` calls; :func:`install` puts a
  translator in their place that answers ``日本語 / English`` for the phrases in
  :data:`PHRASES` and the English for anything else.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Callable


def click_exceptions() -> ModuleType:
    """The exceptions module of :func:`click_package` (UsageError, MissingParameter, ...)."""
    return importlib.import_module(click_package().__name__ + ".exceptions")


def click_package() -> ModuleType:
    """The click that typer runs on: its vendored copy (``typer._click``, typer >= 0.25),
    else the ``click`` package."""
    try:
        return importlib.import_module("typer._click")
    except ImportError:
        return importlib.import_module("click")

PHRASES: dict[str, str] = {
    "Usage:": "使い方 / Usage:",
    "Options": "オプション / Options",
    "Commands": "コマンド / Commands",
    "Arguments": "引数 / Arguments",
    "Show this message and exit.": "このヘルプを表示 / Show this message and exit.",
    "Show the version and exit.": "版を表示 / Show the version and exit.",
    "required": "必須 / required",
    "default: {default}": "既定 / default: {default}",
    "Aborted!": "中断しました / Aborted!",
}
"""Click's fixed phrases (gettext message ids) and what the help shows instead."""

_MODULES = ("core", "formatting", "decorators", "exceptions")
"""Click's modules that call ``_``; with ``typer.core``."""


def _translate(message: str) -> str:
    return PHRASES.get(message, message)


def install() -> None:
    """Replace the ``_`` (gettext) of click's and typer's modules with :data:`PHRASES`.

    Only module globals named ``_`` are replaced, and only where they exist, so another
    click or typer version that dropped one keeps its English.
    """
    base = click_package().__name__
    _patch_usage_and_help_option(base)
    for name in (*(f"{base}.{m}" for m in _MODULES), "typer.core"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        current: Callable[[str], str] | None = getattr(module, "_", None)
        if callable(current) and current is not _translate:
            module._ = _translate  # type: ignore[attr-defined]


def _patch_usage_and_help_option(base: str) -> None:
    """typer's vendored click writes ``Usage:`` and the ``--help`` text without gettext:
    wrap :meth:`HelpFormatter.write_usage` and :meth:`Command.get_help_option` (once)."""
    try:
        formatting = importlib.import_module(f"{base}.formatting")
        core = importlib.import_module(f"{base}.core")
    except ImportError:
        return
    formatter = getattr(formatting, "HelpFormatter", None)
    original_usage = getattr(formatter, "write_usage", None)
    if original_usage is not None and not getattr(original_usage, "_snslint", False):

        def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            original_usage(self, prog, args, PHRASES["Usage:"] + " " if prefix is None else prefix)

        write_usage._snslint = True  # type: ignore[attr-defined]
        formatter.write_usage = write_usage  # type: ignore[union-attr]
    command = getattr(core, "Command", None)
    original_help = getattr(command, "get_help_option", None)
    if original_help is not None and not getattr(original_help, "_snslint", False):

        def get_help_option(self: Any, ctx: Any) -> Any:
            option = original_help(self, ctx)
            if option is not None and option.help == "Show this message and exit.":
                option.help = PHRASES["Show this message and exit."]
            return option

        get_help_option._snslint = True  # type: ignore[attr-defined]
        command.get_help_option = get_help_option  # type: ignore[union-attr]


def usage_error_line(exc: Any) -> str:
    """One line, ``エラー: <ja> / Error: <en>``, for a click usage error.

    The Japanese names what is wrong (a missing argument or option, an unknown option with
    click's suggestions, an unknown command, a value that is not accepted) and how to get the
    help (``snslint check --help``); the English is click's own message.
    """
    click = click_exceptions()
    en = exc.format_message()
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "snslint"
    help_ja = f"`{command} --help` で使い方を表示します"
    help_en = f"see `{command} --help`"
    if isinstance(exc, click.MissingParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param is not None and ctx else "")
        ja = f"{hint} が指定されていません（{help_ja}）。"
        if exc.param is not None and exc.param.name == "paths":
            ja = f"検査する下書きのファイルかフォルダを指定してください（例: snslint check 下書き.txt）。{help_ja}。"
    elif isinstance(exc, click.NoSuchOption):
        near = sorted(exc.possibilities or [])
        guess = f"もしかして {', '.join(near)}? " if near else ""
        ja = f"オプション {exc.option_name} はありません。{guess}（{help_ja}）"
    elif isinstance(exc, click.BadParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param is not None and ctx else "")
        ja = f"{hint} の値が正しくありません（{help_ja}）。"
    elif en.startswith("No such command"):
        import re

        near = re.search(r"Did you mean '([^']+)'", en)
        guess = f"もしかして {near.group(1)}? " if near else ""
        ja = f"そのコマンドはありません。{guess}（`snslint --help` でコマンドの一覧を表示します）"
    else:
        ja = f"コマンドラインが正しくありません（{help_ja}）。"
    return f"エラー: {ja} / Error: {en} ({help_en})"
