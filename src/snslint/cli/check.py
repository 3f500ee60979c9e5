"""``snslint check``: the command line's arguments -> one run specification, and the report.

:func:`run_spec` turns the arguments and the project's config into one
:class:`~snslint.run.spec.RunSpec` (which drafts, which policy, which options);
:func:`snslint.run.spec.execute` runs it; this module prints the report
(:mod:`snslint.output.formats`) and returns the exit status (:mod:`snslint.output.exit_status`).
Every expected error is one line in Japanese and English with exit code 2; an unexpected one
too (its traceback only with ``--debug``).
"""

import os
import sys
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Callable, List, Optional

import typer

from snslint.cli.common import Lang, err
from snslint.errors import SnslintError, UsageError
from snslint.output.exit_status import ExitStatus

if TYPE_CHECKING:  # pragma: no cover
    from snslint.run.spec import RunSpec


class Format(str, Enum):
    rich = "rich"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    html = "html"


class Level(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def _split(values: Optional[List[str]]) -> list[str]:
    """``--select A,B --select C`` -> ``["A", "B", "C"]``."""
    return [t.strip() for v in values or [] for t in v.split(",") if t.strip()]


def parse_at(value: str | None) -> datetime | None:
    """``--at``: ``now`` or an ISO 8601 date-time (naive = JST).

    Raises:
        UsageError: not a date-time, or a year outside
            :data:`snslint.input.draft.SCHEDULE_YEARS` (0001 or 9999 cannot even be put in JST).
    """
    if value is None:
        return None
    from snslint.rules.context import JST
    from snslint.input.draft import SCHEDULE_YEARS

    if value.strip().lower() == "now":
        return datetime.now(JST)
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(
            f"--at の日時「{value}」が読めません。例: 2026-11-24T10:00 または now",
            f"cannot read --at '{value}'. Example: 2026-11-24T10:00 or now",
        ) from None
    lo, hi = SCHEDULE_YEARS
    if not lo <= at.year <= hi:
        raise UsageError(
            f"--at の年は {lo}〜{hi} 年にしてください（「{value}」）。",
            f"the year of --at must be between {lo} and {hi} ('{value}').",
        )
    return at


def check(
    paths: List[str] = typer.Argument(..., metavar="DRAFTS...", help="下書きファイル・フォルダ（- は標準入力） / draft files or folders (- for stdin)"),
    city: Optional[str] = typer.Option(None, "--city", "-c", metavar="CITY", help="同梱ポリシーの市（木更津市・木更津・kisarazu のどれでも） / bundled city policy, by name or id (kisarazu, kagoshima, zushi, goshogawara, mine)"),
    policy: Optional[str] = typer.Option(None, "--policy", "-p", metavar="FILE", help="ポリシーファイル / a policy YAML file"),
    at: Optional[str] = typer.Option(None, "--at", metavar="TIME", help="投稿日時（ISO 8601、JST）または now / post time (ISO 8601, JST) or now"),
    platform: Optional[str] = typer.Option(None, "--platform", metavar="SNS", help="x, facebook, instagram, line, youtube, threads"),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="出力形式 / output format (default: rich on a terminal, else concise)"),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES", help="実行するルール（コード・接頭辞・名前、カンマ区切り） / rules to run: codes, prefixes or names"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="除外するルール / rules not to run"),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on", help="この重大度以上で終了コード1（既定 error） / exit 1 at or above this severity (default: error)"),
    fail_on_rules: Optional[List[str]] = typer.Option(None, "--fail-on-rules", metavar="RULES", help="このルールの警告でも終了コード1（例 PII: 個人情報はコミットさせない） / these rules' warnings fail the run too (e.g. PII)"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="指摘があっても終了コード0 / exit 0 even with findings"),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="表示言語（既定 ja） / report language (default: ja)"),
    config: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="設定ファイル（既定: 上位フォルダの snslint.toml / pyproject.toml） / config file (default: found upward)"),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="結果をファイルに書く（終了コードはそのまま） / write the report to a file (the exit code still counts)"),
    statistics: bool = typer.Option(False, "--statistics", help="ルールごとの件数を表示 / show a count per rule instead of the findings"),
    fix: bool = typer.Option(False, "--fix", help="確実な修正（機種依存文字、全角＃、scheduled_at）を下書きに書き込む / apply the certain fixes to the drafts"),
    show_source: bool = typer.Option(True, "--show-source/--no-show-source", help="rich 形式で本文の該当行と ^ を表示（既定: 表示） / show the source line and carets in the rich report (default: shown)"),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="抑止された指摘と理由も表示（監査用） / also list suppressed findings and why"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="並列プロセス数（既定: CPU数） / worker processes (default: CPU count)"),
    no_cache: bool = typer.Option(False, "--no-cache", help="キャッシュ（.snslint_cache/）を使わない / do not read or write the cache (.snslint_cache/)"),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="これより大きい下書きは検査しない（既定 1000000） / drafts larger than this many bytes are reported as too large, not checked (default 1000000)"),
    debug: bool = typer.Option(False, "--debug", help="内部エラーの詳細を表示 / show tracebacks of internal errors"),
    no_checklist: bool = typer.Option(False, "--no-checklist", help="人が判断する条項の確認事項を表示しない / leave out the checklist of clauses a person must judge"),
) -> None:
    """下書きを検査します / Check drafts against a city's policy."""
    try:
        status = _check(
            CheckArgs(
                paths=list(paths), city=city, policy=policy, at=at, platform=platform,
                format=format.value if format else None, select=_split(select), ignore=_split(ignore),
                select_given=select is not None, fail_on=fail_on.value if fail_on else None,
                fail_on_rules=_split(fail_on_rules),
                exit_zero=exit_zero, lang=lang.value if lang else None, config=config, output=output,
                statistics=statistics, show_suppressed=show_suppressed, show_source=show_source, fix=fix, jobs=jobs, no_cache=no_cache,
                max_bytes=max_bytes, debug=debug, checklist=not no_checklist,
            )
        )
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
    except (typer.Exit, KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
        if debug:
            raise
        err(
            f"エラー: snslint の内部エラーです（{type(exc).__name__}）。--debug で詳細を表示できます。"
            f" / Error: internal error in snslint ({type(exc).__name__}); run with --debug for details."
        )
        raise typer.Exit(ExitStatus.ERROR) from None
    raise typer.Exit(status)


@dataclass
class CheckArgs:
    """The command line of ``snslint check``, as given (None = not given)."""

    paths: list[str]
    city: str | None = None
    policy: str | None = None
    at: str | None = None
    platform: str | None = None
    format: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    select_given: bool = False
    fail_on: str | None = None
    fail_on_rules: list[str] = field(default_factory=list)
    exit_zero: bool = False
    lang: str | None = None
    config: str | None = None
    output: str | None = None
    statistics: bool = False
    show_suppressed: bool = False
    show_source: bool = True
    fix: bool = False
    jobs: int | None = None
    no_cache: bool = False
    max_bytes: int | None = None
    debug: bool = False
    checklist: bool = True


def _normal_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    platform = platform.strip().lower()
    platform = {"twitter": "x"}.get(platform, platform)
    if platform not in ("x", "facebook", "instagram", "line", "youtube", "threads"):
        raise UsageError(
            f"--platform「{platform}」は使えません（x, facebook, instagram, line, youtube, threads）。",
            f"unknown --platform '{platform}' (x, facebook, instagram, line, youtube, threads).",
        )
    return platform


def _config_codes(cfg, key: str, tokens: list[str], kept: set[str] | None = None) -> set[str]:
    """Resolve a config key's rule tokens; an unknown one is a ConfigError naming the key.

    With ``kept`` (a set to fill), the tokens are an ignore list
    (:func:`snslint.rules.registry.resolve_ignore`): always-on codes they reach are left out and
    added to ``kept``, and naming only always-on rules is a ConfigError.
    """
    from snslint.errors import ConfigError
    from snslint.rules.registry import resolve, resolve_ignore

    try:
        if kept is None:
            return resolve(tokens, option=key)
        codes, reached = resolve_ignore(tokens, option=key)
        kept |= reached
        return codes
    except UsageError as exc:
        raise ConfigError(exc.ja, exc.en, path=str(cfg.path) if cfg.path else None) from None


def _always_on_note(kept: set[str]) -> str:
    """The one stderr line when an ignore list reached always-on rules (``--ignore PII``)."""
    codes = ", ".join(sorted(kept))
    return (
        f"注意: {codes} は無効にできないため、検査を続けます（マイナンバー・パスワード等） / "
        f"Note: {codes} cannot be ignored and still run (My Number, credentials)."
    )


def _expand(paths: list[str], cfg) -> list[str]:
    """The paths to check after the config's ``exclude`` (stdin is never excluded; a folder
    with no drafts at all is kept so that the checker reports it)."""
    from snslint.input.draft import iter_draft_paths

    if not cfg.values.exclude:
        return paths
    out: list[str] = []
    for given in paths:
        if given == "-":
            out.append(given)
        elif os.path.isdir(given):
            found = list(iter_draft_paths([given]))
            if not found:
                out.append(given)
            out.extend(p for p in found if not cfg.is_excluded(p))
        elif not cfg.is_excluded(given):
            out.append(given)
    return out


def render_statistics(report, fmt: str, out) -> None:
    """``--statistics``: one line per rule and severity (``count code name severity``), or a
    JSON list of ``{"code", "name", "severity", "count"}`` for ``--format json``."""
    import json

    rows = report.statistics()
    if fmt == "json":
        json.dump(
            [{"code": c, "name": n, "severity": s, "count": k} for c, n, s, k in rows], out, ensure_ascii=False, indent=2
        )
        out.write("\n")
        return
    for code, name, sev, n in rows:
        out.write(f"{n:>6}  {code:<8} {name:<30} {sev}\n")
    total = sum(r[3] for r in rows)
    out.write(f"{total:>6}  {'total' if report.lang == 'en' else '合計'}\n")


def run_spec(a: CheckArgs, note: Callable[[str], None] = err) -> "RunSpec":
    """The run the command line ``a`` asks for (:class:`snslint.run.spec.RunSpec`): the
    config (``--config``, else found upward), the policy (``--city``/``--policy``, else the
    config's), the rules (``--select``/``--ignore`` layered on the config's as ruff does), the
    post time, and the drafts after the config's ``exclude``. A policy given or named by the
    config is loaded and its rule entries checked here, so a bad one stops the run before any
    draft. ``note`` is told the one line about always-on rules an ignore list reached.

    Raises:
        UsageError: a bad option value (``--city`` with ``--policy``, ``--platform``, ``--at``,
            a rule token).
        ConfigError: a broken config file, or a rule token in it that names no rule.
        PolicyError: the policy cannot be loaded or its rule entries are unsound.
    """
    from snslint.lint.engine import CheckOptions
    from snslint.rules.registry import check_policy, resolve, resolve_ignore
    from snslint.run.cache.artifacts import ArtifactStore
    from snslint.run.cache.folder import CACHE_DIR_NAME
    from snslint.run.spec import RunSpec
    from snslint.settings.chooser import PolicySource
    from snslint.settings.config import resolve_config
    from snslint.settings.policy import load_bundled, load_policy_file

    if a.city and a.policy:
        raise UsageError("--city と --policy は同時に指定できません。", "--city and --policy cannot be used together.")
    cfg = resolve_config(a.config)
    v = cfg.values
    platform = _normal_platform(a.platform) or v.platform
    lang = a.lang or v.lang or "ja"
    # Policy: --city/--policy win over everything; the config's city/policy is the default for
    # drafts whose front matter names no city (a draft's own city: wins over the config).
    # With the cache, a policy file validated by an earlier run is rebuilt from the cache folder.
    store = None if a.no_cache else ArtifactStore(os.path.join(os.getcwd(), CACHE_DIR_NAME))
    explicit = load_policy_file(a.policy, store) if a.policy else load_bundled(a.city, store) if a.city else None
    if explicit is not None:
        check_policy(explicit)  # a bad rule entry: exit 2 now, not an error on every file
    known = {explicit.id: explicit} if explicit else {}
    # Plain data, so that worker processes can rebuild the same choice (snslint.run.runner).
    chooser = PolicySource(city=a.city, policy_file=a.policy, default_city=v.city, store=store)
    if explicit is not None:
        chooser.loaded[f"city:{a.city}" if a.city else f"file:{a.policy}"] = explicit
    if explicit is None and cfg.policy_path is not None:
        default_policy = check_policy(load_policy_file(cfg.policy_path, store))
        known[default_policy.id] = default_policy
        chooser = PolicySource(default_city=v.city, default_file=str(cfg.policy_path), store=store)
        chooser.loaded[f"file:{cfg.policy_path}"] = default_policy
    # select/ignore layer as in ruff: --select starts afresh; else config select, and the
    # config's ignore plus --ignore.
    # PII003 and PII008 stay on whatever an ignore list says (snslint.rules.registry.always_on).
    kept: set[str] = set()
    cli_ignore, reached = resolve_ignore(a.ignore, option="--ignore")
    kept |= reached
    if a.select_given:
        select = frozenset(resolve(a.select)) if a.select else None
        ignore = frozenset(cli_ignore)
    else:
        select = frozenset(_config_codes(cfg, "select", v.select)) if v.select is not None else None
        ignore = frozenset(_config_codes(cfg, "ignore", v.ignore, kept)) | frozenset(cli_ignore)
    pfi = {g: frozenset(_config_codes(cfg, f"per-file-ignores「{g}」", t, kept)) for g, t in v.per_file_ignores.items()}
    if kept:
        note(_always_on_note(kept))
    options = CheckOptions(at=parse_at(a.at), platform=platform, select=select, ignore=ignore, lang=lang, debug=a.debug)
    if a.max_bytes is not None:  # --max-bytes (snslint.input.draft.DEFAULT_MAX_BYTES otherwise)
        options = replace(options, max_bytes=a.max_bytes)
    paths = _expand(a.paths, cfg)
    return RunSpec(
        paths=paths,
        policies=chooser,
        options=options,
        loaded=known,
        config=cfg,
        per_file_ignores=pfi,
        jobs=a.jobs or os.cpu_count() or 1,
        # Never the result cache for --at now: a new key each run.
        cache=not (a.no_cache or (a.at or "").strip().lower() == "now"),
    )


def _check(a: CheckArgs) -> ExitStatus:
    """Run ``snslint check`` as ``a`` asks: one :class:`~snslint.run.spec.RunSpec`
    (:func:`run_spec`), executed by :func:`snslint.run.spec.execute`, then the report printed
    (or written to ``--output``), with ``--fix`` applied first; returns the exit status.

    Raises:
        SnslintError: as :func:`run_spec`; ``--output`` refused; a ``--fail-on-rules`` token
            that names no rule.
    """
    import io

    from snslint.output import formats as reporters
    from snslint.run.progress import RichProgress
    from snslint.output.exit_status import exit_status
    from snslint.findings import Severity
    from snslint.rules.registry import resolve
    from snslint.output.report import Report
    from snslint.run.spec import execute

    spec = run_spec(a)
    cfg = spec.config
    v = cfg.values
    if a.output is not None and a.output != "-":
        # Before any work: the report may not replace a draft, the config or a policy in use.
        from snslint.input.draft import iter_draft_paths
        from snslint.output.destination import refuse_unsafe_output

        in_use = [str(p) for p in (cfg.path, cfg.policy_path) if p is not None] + ([a.policy] if a.policy else [])
        refuse_unsafe_output(a.output, iter_draft_paths(spec.paths), in_use)
    # A progress bar on a terminal, for people's formats only (stderr).
    wanted = a.format or v.format or ("rich" if sys.stdout.isatty() and a.output in (None, "-") else "concise")
    show_bar = sys.stderr.isatty() and wanted in ("rich", "concise") and not a.statistics
    outcome = execute(spec, progress=RichProgress() if show_bar else None)
    results = outcome.results
    label = a.policy or a.city or (str(cfg.policy_path) if cfg.policy_path else v.city) or "front-matter"
    report = Report(
        results=results,
        lang=spec.options.lang,
        fail_on=Severity(a.fail_on or v.fail_on or "error"),
        fail_codes=frozenset(resolve(a.fail_on_rules, option="--fail-on-rules"))
        | frozenset(_config_codes(cfg, "fail-on-rules", v.fail_on_rules)),
        policy_label=label,
        suppressed=outcome.suppressed,
        show_suppressed=a.show_suppressed,
        show_source=a.show_source,
        checklists=outcome.checklists() if a.checklist else {},
    )
    if a.fix:
        # --fix: apply the certain fixes of the reported findings, then check again and
        # report what is left (a fixed finding is not reported, as ruff does).
        from snslint.run.fix import apply_fixes

        fixed = apply_fixes(results)
        for path, n in fixed:
            err(f"{path}: {n} 件を修正しました / fixed {n}")
        if fixed:
            return _check(replace(a, fix=False))
    to_file = a.output is not None and a.output != "-"
    fmt = a.format or v.format or ("rich" if sys.stdout.isatty() and not to_file else "concise")
    out = io.StringIO() if to_file else sys.stdout
    if a.statistics:
        render_statistics(report, fmt, out)
    else:
        reporters.get(fmt)(report, out)
        if a.show_suppressed and fmt in ("rich", "concise"):
            reporters.render_suppressed(report, out)
    if to_file:
        from snslint.output.destination import write_report

        write_report(a.output, out.getvalue())
    sys.stdout.flush()
    return exit_status(report, exit_zero=a.exit_zero)
