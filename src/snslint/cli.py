"""The command line: ``snslint check``, ``snslint policies``.

Parsing and printing only: the work is done by :mod:`snslint.checker` and
:mod:`snslint.engine`, the output by :mod:`snslint.reporters`, the exit code by
:mod:`snslint.exit_status`. Every expected error is one line in Japanese and English with exit
code 2; an unexpected one too (its traceback only with ``--debug``).
"""

from __future__ import annotations

import sys
from datetime import datetime
from enum import Enum
from typing import List, Optional

import typer

from snslint import __version__
from snslint.errors import SnslintError, UsageError
from snslint.exit_status import ExitStatus

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="snslint: 自治体SNS投稿の下書きを、市のSNS運用方針に照らして検査します。\n\n"
    "A linter for Japanese city halls' social-media drafts, checked against the city's SNS policy.",
)


class Format(str, Enum):
    rich = "rich"
    concise = "concise"
    json = "json"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Lang(str, Enum):
    ja = "ja"
    en = "en"


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


def _split(values: Optional[List[str]]) -> list[str]:
    """``--select A,B --select C`` -> ``["A", "B", "C"]``."""
    return [t.strip() for v in values or [] for t in v.split(",") if t.strip()]


def parse_at(value: str | None) -> datetime | None:
    """``--at``: ``now`` or an ISO 8601 date-time (naive = JST).

    Raises:
        UsageError: not a date-time.
    """
    if value is None:
        return None
    from snslint.context import JST

    if value.strip().lower() == "now":
        return datetime.now(JST)
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--at の日時「{value}」が読めません。例: 2026-11-24T10:00 または now",
            f"cannot read --at '{value}'. Example: 2026-11-24T10:00 or now",
        ) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"snslint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="版を表示 / show the version"),
) -> None:
    """snslint"""


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="下書きファイル・フォルダ（- は標準入力） / draft files or folders (- for stdin)"),
    city: Optional[str] = typer.Option(None, "--city", "-c", help="同梱ポリシーの市 / bundled city policy (kisarazu, kagoshima, zushi, goshogawara, mine)"),
    policy: Optional[str] = typer.Option(None, "--policy", "-p", help="ポリシーファイル / a policy YAML file"),
    at: Optional[str] = typer.Option(None, "--at", help="投稿日時（ISO 8601、JST）または now / post time (ISO 8601, JST) or now"),
    platform: Optional[str] = typer.Option(None, "--platform", help="x, facebook, instagram, line, youtube, threads"),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="出力形式 / output format (default: rich on a terminal, else concise)"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="実行するルール（コード・接頭辞・名前、カンマ区切り） / rules to run: codes, prefixes or names"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="除外するルール / rules not to run"),
    fail_on: Level = typer.Option(Level.error, "--fail-on", help="この重大度以上で終了コード1 / exit 1 at or above this severity"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="指摘があっても終了コード0 / exit 0 even with findings"),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="表示言語 / report language"),
    debug: bool = typer.Option(False, "--debug", help="内部エラーの詳細を表示 / show tracebacks of internal errors"),
) -> None:
    """下書きを検査します / Check drafts against a city's policy."""
    try:
        status = _check(paths, city, policy, at, platform, format, select, ignore, fail_on, exit_zero, lang)
    except SnslintError as exc:
        _err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if debug:
            raise
        _err(
            f"エラー: snslint の内部エラーです（{type(exc).__name__}）。--debug で詳細を表示できます。"
            f" / Error: internal error in snslint ({type(exc).__name__}); run with --debug for details."
        )
        raise typer.Exit(ExitStatus.ERROR) from None
    raise typer.Exit(status)


def _check(paths, city, policy, at, platform, format, select, ignore, fail_on, exit_zero, lang) -> ExitStatus:
    from snslint import reporters
    from snslint.checker import check_paths
    from snslint.engine import CheckOptions, choose_policy
    from snslint.exit_status import exit_status
    from snslint.findings import Severity
    from snslint.policy import load_bundled, load_policy_file
    from snslint.registry import resolve
    from snslint.report import Report

    if city and policy:
        raise UsageError("--city と --policy は同時に指定できません。", "--city and --policy cannot be used together.")
    if platform is not None:
        platform = platform.strip().lower()
        platform = {"twitter": "x"}.get(platform, platform)
        if platform not in ("x", "facebook", "instagram", "line", "youtube", "threads"):
            raise UsageError(
                f"--platform「{platform}」は使えません（x, facebook, instagram, line, youtube, threads）。",
                f"unknown --platform '{platform}' (x, facebook, instagram, line, youtube, threads).",
            )
    explicit = load_policy_file(policy) if policy else load_bundled(city) if city else None
    selected = _split(select)
    options = CheckOptions(
        at=parse_at(at),
        platform=platform,
        select=frozenset(resolve(selected)) if selected else None,
        ignore=frozenset(resolve(_split(ignore), option="--ignore")),
        lang=lang.value,
    )
    results = check_paths(list(paths), choose_policy(explicit), options)
    report = Report(
        results=results,
        lang=lang.value,
        fail_on=Severity(fail_on.value),
        policy_label=policy or city or "front-matter",
    )
    fmt = format.value if format else ("rich" if sys.stdout.isatty() else "concise")
    reporters.get(fmt)(report, sys.stdout)
    sys.stdout.flush()
    return exit_status(report, exit_zero=exit_zero)


@app.command()
def policies() -> None:
    """同梱の市ポリシーを一覧表示します / List the bundled city policies."""
    from snslint.policy import bundled_ids, load_bundled

    try:
        for pid in bundled_ids():
            p = load_bundled(pid)
            effective = f"（{p.source.effective}）" if p.source.effective else ""
            typer.echo(f"{pid:<12} {p.name}  {p.source.title}{effective}")
    except SnslintError as exc:
        _err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None


def main() -> None:
    """Console-script entry point."""
    app()
