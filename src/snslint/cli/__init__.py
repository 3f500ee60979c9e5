"""The command line: ``snslint check``, ``rules``, ``explain``, ``policies``, ``serve``, ``init``
and ``policy``.

This module holds the typer app and registers the commands:

- :mod:`~snslint.cli.check`: ``check`` (the arguments -> one run specification, executed by
  :mod:`snslint.run.spec`; the report printed by :mod:`snslint.output.formats`)
- :mod:`~snslint.cli.info`: ``rules``, ``explain``, ``policies`` and ``--version``
- :mod:`~snslint.cli.policy`: the ``policy`` sub-app
- ``serve`` (the page: :mod:`snslint.web`) and ``init`` (:mod:`snslint.cli.init`): two short
  commands, defined here (a module of their own would add its import to every start-up)

Every expected error is one line in Japanese and English with exit code 2; an unexpected one
too (its traceback only with ``--debug``). Heavy modules (the engine, rich, Sudachi) are
imported inside the commands, so that ``snslint --version`` stays quick. The modules that
define commands do without ``from __future__ import annotations``: typer reads the parameters'
annotations on every run, and string annotations would be compiled and evaluated each time.
"""

import sys
from typing import Optional

import typer

from snslint.cli import check, info
from snslint.cli.common import Lang, err
from snslint.cli.policy import policy_app
from snslint.errors import SnslintError
from snslint.output.exit_status import ExitStatus

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="snslint: 自治体SNS投稿の下書きを、市のSNS運用方針に照らして検査します。\n\n"
    "A linter for Japanese city halls' social-media drafts, checked against the city's SNS policy.",
)


def serve(
    city: Optional[str] = typer.Option(None, "--city", "-c", help="最初に選ぶ市 / the city chosen at first"),
    policy: Optional[str] = typer.Option(None, "--policy", "-p", help="ポリシーファイルも選べるようにする / also offer this policy YAML file"),
    host: str = typer.Option("127.0.0.1", "--host", help="待ち受けるアドレス（既定はこのPCのみ） / address to listen on (default: this machine only)"),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="ポート番号 / port"),
    open_browser: bool = typer.Option(False, "--open", help="ブラウザで開く / open the page in a browser"),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="最初の表示言語（既定 ja） / first language (default: ja)"),
) -> None:
    """ブラウザで下書きを検査するページ / A local page to check drafts in a browser."""
    from importlib.util import find_spec

    if find_spec("starlette") is None or find_spec("uvicorn") is None:
        err(
            "エラー: snslint serve には追加のパッケージが必要です: pip install 'snslint[web]'"
            " / Error: snslint serve needs the web extra: pip install 'snslint[web]'"
        )
        raise typer.Exit(ExitStatus.ERROR)
    from snslint.web.serve import serve as run_page

    try:
        run_page(city=city, policy=policy, host=host, port=port, open_browser=open_browser, lang=lang.value if lang else "ja")
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None


def init(
    city: Optional[str] = typer.Option(None, "--city", "-c", metavar="CITY", help="市（木更津市・木更津・kisarazu のどれでも） / the city, by name or id"),
) -> None:
    """下書きリポジトリの設定を作成 / Write snslint.toml and .pre-commit-config.yaml with safe defaults (never overwrites)."""
    from snslint.cli.init import run_init

    try:
        written = run_init(city)
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
    for name, done in written:
        if done:
            typer.echo(f"作成しました / written: {name}")
        else:
            typer.echo(f"既にあるため変更しませんでした / exists, left as it is: {name}")
    if any(done for name, done in written if name.startswith(".pre-commit")):
        typer.echo("次に `pre-commit install` を一度実行してください / next, run `pre-commit install` once.")


app.callback()(info.root)
# In this order in `snslint --help`.
app.command()(check.check)
app.command()(info.rules)
app.command()(info.explain)
app.command()(info.policies)
app.command()(serve)
app.command()(init)
app.add_typer(policy_app, name="policy")


def main() -> None:
    """Console-script entry point.

    A reader that stops early (``snslint check . | head``) closes the pipe: click drops the
    rest of the output without a message and exits 1, as the report was not read whole.

    Click's usage errors become the project's one line in Japanese and English, exit 2, and
    its help headings read Japanese first (:mod:`snslint.cli.click_ja`).
    """
    from snslint.cli.click_ja import click_exceptions, install, usage_error_line

    click = click_exceptions()
    install()
    try:
        status = app(standalone_mode=False)
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
            typer.echo(exc.ctx.get_help())  # bare `snslint`: the help, not a usage error line
        else:
            err(usage_error_line(exc))
        sys.exit(ExitStatus.ERROR)
    except click.ClickException as exc:  # e.g. a file option click could not open
        err(f"エラー: {exc.format_message()} / Error: {exc.format_message()}")
        sys.exit(ExitStatus.ERROR)
    except typer.Abort:
        err("中断しました / Aborted!")
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)
