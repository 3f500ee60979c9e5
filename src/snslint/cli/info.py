"""The informational commands: ``snslint rules``, ``snslint explain``, ``snslint policies``,
and ``snslint --version``.

They read the rule registry and the bundled policies and print; an expected error is one line
in Japanese and English with exit code 2.
"""

import sys
from enum import Enum
from typing import Optional

import typer

from snslint import __version__
from snslint.cli.common import Lang, err
from snslint.errors import SnslintError, UsageError
from snslint.output.exit_status import ExitStatus


def _version(value: bool) -> None:
    """``--version``: print the version and stop."""
    if value:
        typer.echo(f"snslint {__version__}")
        raise typer.Exit()


def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="版を表示 / show the version"),
) -> None:
    """snslint"""


SEVERITY_JA = {"error": "エラー", "warning": "警告", "info": "情報", "off": "無効"}
"""Severities as the Japanese reports name them (``off``: the policy turns the rule off)."""


def rules_table(city: str | None = None, lang: str = "ja") -> str:
    """The text of ``snslint rules [--city NAME]``: one line per rule with its code, name,
    severity, family and summary. Without a city the severity is the rule's default; with one it is
    the city's own (``無効`` / ``off`` where the policy turns it off). Japanese headers and
    severities unless ``lang`` is ``en``; columns padded in terminal cells.

    Raises:
        PolicyError: ``city`` names no bundled policy.
    """
    from rich.cells import cell_len

    from snslint.rules.registry import registry
    from snslint.settings.policy import load_bundled

    reg = registry()
    policy = load_bundled(city) if city else None

    def pad(text: str, cells: int) -> str:
        return text + " " * max(1, cells - cell_len(text))

    ja = lang != "en"
    sev_head = ("重大度" if ja else "severity") + (f"（{policy.name}）" if policy and ja else f" ({policy.id})" if policy else "")
    head = ["コード", "名前", sev_head, "系統", "概要"] if ja else ["code", "name", sev_head, "family", "summary"]
    lines = [pad(head[0], 9) + pad(head[1], 31) + pad(head[2], 20) + pad(head[3], 7) + head[4]]
    for code, rule in reg.items():
        sev = rule.default_severity.value
        if policy is not None:
            cfg = policy.rule(code)
            sev = "off" if cfg is None or not cfg.enabled else getattr(cfg.severity, "value", cfg.severity)
        shown = SEVERITY_JA.get(sev, sev) if ja else sev
        summary = f"{rule.summary}  / {rule.summary_en}" if ja else rule.summary_en
        lines.append(pad(code, 9) + pad(rule.name, 31) + pad(shown, 20) + pad(rule.family, 7) + summary)
    return "\n".join(lines) + "\n"


def rules(
    city: Optional[str] = typer.Option(None, "--city", "-c", metavar="CITY", help="この市の重大度を表示（木更津市・kisarazu など） / show this city's severities"),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="表示言語（既定 ja） / language (default: ja)"),
) -> None:
    """ルールの一覧（--city でその市の重大度） / List every rule: code, name, severity, family, summary."""
    try:
        text = rules_table(city, lang.value if lang else "ja")
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
    sys.stdout.write(text)


class ExplainFormat(str, Enum):
    text = "text"
    json = "json"


def _one_rule(token: str):
    """The rule ``token`` names (``snslint explain``).

    Raises:
        UsageError: ``token`` names no rule, or names more than one (a family prefix).
    """
    from snslint.rules.registry import registry, resolve

    codes = sorted(resolve([token], option="explain"))
    if len(codes) != 1:
        raise UsageError(
            f"「{token}」は複数のルールに当たります（{', '.join(codes)}）。コードか名前を1つ指定してください。",
            f"'{token}' names several rules ({', '.join(codes)}); give one code or name.",
        )
    return registry()[codes[0]]


def explain_text(token: str) -> str:
    """The text of ``snslint explain TOKEN``: the rule's documentation in ruff's sections
    (何をするか / What it does, なぜ問題か / Why it matters, 例 / Example, 代わりに / Use
    instead: :mod:`snslint.rules.docs`), its default severity, the clause of every bundled city
    that enables it (or that it is off there), its other failing and passing examples, and how
    to suppress it.

    Raises:
        UsageError: ``token`` names no rule, or names more than one (a family prefix).
    """
    from snslint.settings.policy import bundled_ids, load_bundled
    from snslint.rules.docs import text_lines

    rule = _one_rule(token)
    lines = [
        f"{rule.code} {rule.name}",
        f"  {rule.summary}",
        f"  {rule.summary_en}",
        "",
        f"既定の重大度 / default severity: {rule.default_severity.label_ja} / {rule.default_severity.value}"
        f"    系統 / family: {rule.family}",
        "",
        *text_lines(rule),
        "",
        "■ 各市の条項 / The clause in each city",
    ]
    for pid in bundled_ids():
        policy = load_bundled(pid)
        cfg = policy.rule(rule.code)
        if cfg is None or not cfg.enabled:
            lines.append(f"  {pid:<12} 無効 / off")
            continue
        clause = policy.clause(cfg.clause)
        cite = clause.cite("ja") if clause else "根拠条項なし（一般的な注意） / no clause (general caution)"
        sev = getattr(cfg.severity, "value", cfg.severity)
        lines.append(f"  {pid:<12} {sev:<8} {cite}")
    for title, examples in (
        ("■ ほかに指摘される例 / More examples that fail", rule.failing[1:]),
        ("■ 指摘されない例 / Examples that pass", rule.passing),
    ):
        if not examples:
            continue
        lines += ["", title]
        for ex in examples:
            extra = "".join(f", {k}={v}" for k, v in (("at", ex.at), ("platform", ex.platform)) if v)
            lines.append(f"  --- ({ex.city}{extra})")
            lines += [f"  | {ln}" for ln in ex.draft.rstrip("\n").split("\n")]
    details = getattr(rule, "explain_details", None)
    if callable(details):
        lines += ["", *details()]
    lines += ["", "■ 抑止のしかた / How to suppress"]
    if rule.suppressible:
        lines += [
            "  下書きのフロントマターに、理由を添えて書きます（理由は必須。--show-suppressed で一覧できます）。",
            "  In the draft's front matter, with a reason (required; listed by --show-suppressed):",
            "  ---",
            "  snslint:",
            "    ignore:",
            f"      - code: {rule.code}",
            "        reason: 〇〇課長の承認済み（2026-12-01）",
            "  ---",
            f"  プロジェクト全体では snslint.toml の ignore = [\"{rule.code}\"] または --ignore {rule.code}。",
            f"  Project-wide: ignore = [\"{rule.code}\"] in snslint.toml, or --ignore {rule.code}.",
        ]
    else:
        lines += [
            "  このルールはフロントマターでは抑止できません。本文を直してください。",
            "  This rule cannot be suppressed in front matter: fix the post.",
        ]
    text = "\n".join(lines) + "\n"
    return _masked(text) if rule.sensitive else text


def _masked(text: str) -> str:
    """``text`` with every personal value in it masked (phone, My Number, card, e-mail,
    credential: :func:`snslint.lint.redaction.mask_free_text`), line by line. A sensitive
    rule's example drafts are made up, but a made-up My Number with a valid check digit is
    still one: ``explain`` shows them as a report would."""
    from snslint.lint.redaction import mask_free_text

    return "\n".join(mask_free_text(line) for line in text.split("\n"))


def explain(
    code: str = typer.Argument(..., help="ルールのコードまたは名前 / a rule code or name"),
    format: ExplainFormat = typer.Option(ExplainFormat.text, "--format", "-f", help="出力形式（text か json） / output format"),
) -> None:
    """ルールの説明 / Explain a rule: what it does, why it matters, example, what to write instead, each city's clause, suppression."""
    try:
        if format is ExplainFormat.json:
            import json

            from snslint.rules.docs import as_json

            rule = _one_rule(code)
            doc = as_json(rule)
            if rule.sensitive:
                for sec in doc["sections"]:
                    if sec.get("example"):
                        sec["example"]["draft"] = _masked(sec["example"]["draft"])
            text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        else:
            text = explain_text(code)
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
    sys.stdout.write(text)


def policies() -> None:
    """同梱の市ポリシーを一覧表示します / List the bundled city policies."""
    from snslint.settings.policy import bundled_ids, load_bundled

    try:
        for pid in bundled_ids():
            p = load_bundled(pid)
            effective = f"（{p.source.effective}）" if p.source.effective else ""
            typer.echo(f"{pid:<12} {p.name}  {p.source.title}{effective}")
    except SnslintError as exc:
        err(exc.one_line())
        raise typer.Exit(ExitStatus.ERROR) from None
