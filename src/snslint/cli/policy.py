"""``snslint policy``: show a city's policy, its clause coverage, start and validate a new one.

A typer sub-app joined to the main app in :mod:`snslint.cli` (``app.add_typer``). Parsing
and printing only: the coverage is computed by :func:`snslint.settings.policy.clause_coverage`, the
validation by :mod:`snslint.settings.policy_tools`. Every expected error is one line in Japanese and
English with exit code 2.

- ``policy show CITY``: posting hours, closed days, accounts, official domains and
  contacts, each rule with its severity and clause (Japanese; ``--lang en``; ``--format json``).
- ``policy coverage CITY``: the clause table with its coverage and the shares covered
  automatically, partly and by people (``--format text|json|markdown``).
- ``policy new ID --from CITY``: a policy file to start from (see :mod:`snslint.settings.policy_tools`).
- ``policy validate FILE [--source DOCUMENT]``: every problem, one Japanese line each.

``CITY`` is a bundled id (``zushi``) or the path of a policy file (``my-city.yaml``).
"""

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from snslint.cli.common import Lang
from snslint.errors import SnslintError
from snslint.output.exit_status import ExitStatus

policy_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="市のポリシーの表示・網羅状況・作成・検証 / Show, measure, start and validate a city's policy.",
)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class CoverageFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


COVERAGE_LABELS = {
    "ja": {"automatic": "自動", "partial": "一部", "human": "人"},
    "en": {"automatic": "automatic", "partial": "partial", "human": "human"},
}
"""How each coverage is named in the tables."""

DAY_LABELS = {
    "ja": {"mon": "月", "tue": "火", "wed": "水", "thu": "木", "fri": "金", "sat": "土", "sun": "日"},
    "en": {"mon": "Mon", "tue": "Tue", "wed": "Wed", "thu": "Thu", "fri": "Fri", "sat": "Sat", "sun": "Sun"},
}


def _run(work: Callable[[], int | None]) -> None:
    """Run a command body: a :class:`SnslintError` is one line on stderr and exit 2."""
    try:
        status = work()
    except SnslintError as exc:
        sys.stderr.write(exc.one_line() + "\n")
        raise typer.Exit(ExitStatus.ERROR) from None
    raise typer.Exit(status or 0)


def load_city(city: str):
    """A bundled policy by id, or a policy file by path (``.yaml``/``.yml`` or an existing
    file).

    Raises:
        PolicyError: no such bundled city, or the file is unreadable or invalid.
    """
    from snslint.rules.registry import check_policy
    from snslint.settings.policy import load_bundled, load_policy_file

    if city.endswith((".yaml", ".yml")) or Path(city).is_file():
        return check_policy(load_policy_file(city))
    return check_policy(load_bundled(city))


# --------------------------------------------------------------------------- show


def _hours_text(hours, lang: str) -> str:
    days = DAY_LABELS[lang]
    names = "・".join(days[d] for d in hours.days) if lang == "ja" else ", ".join(days[d] for d in hours.days)
    return f"{names} {hours.start:%H:%M}〜{hours.end:%H:%M}" if lang == "ja" else f"{names} {hours.start:%H:%M}-{hours.end:%H:%M}"


def _closed_text(closed, lang: str) -> str:
    parts = []
    if closed.national_holidays:
        parts.append("国民の祝日・振替休日" if lang == "ja" else "national holidays")
    if closed.year_end is not None:
        ye = closed.year_end
        parts.append(f"年末年始 {ye.start}〜{ye.end}" if lang == "ja" else f"year-end {ye.start} to {ye.end}")
    if closed.dates:
        label = "その他" if lang == "ja" else "also"
        parts.append(f"{label} " + ", ".join(d.isoformat() for d in closed.dates))
    if not parts:
        return "なし" if lang == "ja" else "none"
    return "、".join(parts) if lang == "ja" else "; ".join(parts)


def _severity_label(severity: Any, lang: str) -> str:
    value = getattr(severity, "value", severity)
    if lang == "en":
        return value
    return {"error": "エラー", "warning": "警告", "info": "情報", "off": "無効"}[value]


def show_document(policy) -> dict[str, Any]:
    """``policy show --format json``: the policy as the command shows it.

    Shape: ``{"id", "name", "name_en", "extends", "source": {"title", "effective", "url"},
    "timezone", "posting_hours": {"days", "start", "end", "closed": {"national_holidays",
    "year_end", "dates"}, "clause", "exception"}, "accounts": [...], "official_domains",
    "trusted_domains", "official_contacts": {"phones", "mail_domains"}, "rules": [{"code",
    "name", "severity", "clause": {"ref", "text", "users_list"} | null, "note"}],
    "coverage": {"automatic", "partial", "human"}}``; every rule of the registry is listed,
    ``"off"`` when the policy turns it off or does not mention it.
    """
    from snslint.settings.policy import clause_coverage
    from snslint.rules.registry import registry

    rules = []
    for code, rule in registry().items():
        cfg = policy.rule(code)
        rules.append(
            {
                "code": code,
                "name": rule.name,
                "severity": getattr(cfg.severity, "value", cfg.severity) if cfg
                else rule.default_severity.value if rule.family == "SNS" else "off",
                "clause": cfg.clause.model_dump(mode="json") if cfg and cfg.clause else None,
                "note": cfg.note if cfg else "",
            }
        )
    data = policy.model_dump(mode="json", exclude={"rules", "clauses"})
    data["rules"] = rules
    data["coverage"] = clause_coverage(policy).counts()
    return data


def show_text(policy, lang: str = "ja") -> str:
    """``policy show``: the policy for a person, in Japanese (``lang="en"``: English)."""
    from snslint.settings.policy import clause_coverage
    from snslint.rules.registry import registry

    ja = lang != "en"
    L = (lambda j, e: j) if ja else (lambda j, e: e)
    lines = [f"{policy.name}（{policy.id}）" + (f" / {policy.name_en}" if policy.name_en else "")]
    effective = f"（{policy.source.effective}）" if policy.source.effective else ""
    lines.append(f"{L('出典', 'Source')}: {policy.source.title}{effective}")
    if policy.source.url:
        lines.append(f"  {policy.source.url}")
    if policy.extends:
        lines.append(f"{L('土台', 'Extends')}: {policy.extends}")
    hours = policy.posting_hours
    lines.append("")
    lines.append(f"{L('投稿時間', 'Posting hours')}: {_hours_text(hours, lang)}（{policy.timezone}）")
    lines.append(f"{L('閉庁日', 'Closed days')}: {_closed_text(hours.closed, lang)}")
    if hours.clause:
        lines.append(f"  {L('根拠', 'Clause')}: {hours.clause.ref}「{hours.clause.text}」")
    if hours.exception:
        lines.append(f"  {L('例外', 'Exception')}: {hours.exception.ref}「{hours.exception.text}」")
    lines.append("")
    lines.append(f"{L('公式アカウント', 'Official accounts')}:")
    if not policy.accounts:
        lines.append(f"  {L('（文書に一覧なし）', '(none listed in the document)')}")
    for acc in policy.accounts:
        parts = [acc.platform, acc.handle or "", acc.url or ""]
        if acc.replies is False:
            parts.append(L("返信しない", "no replies"))
        if acc.posting_hours is not None:
            parts.append(f"{L('投稿時間', 'hours')} {_hours_text(acc.posting_hours, lang)}")
        lines.append("  " + "  ".join(p for p in parts if p))
    lines.append(f"{L('公式ドメイン', 'Official domains')}: {', '.join(policy.official_domains) or '-'}")
    if policy.trusted_domains:
        lines.append(f"{L('外部扱いしないドメイン', 'Trusted domains')}: {', '.join(policy.trusted_domains)}")
    contacts = policy.official_contacts
    lines.append(f"{L('公式の連絡先', 'Official contacts')}: "
                 f"{L('電話', 'phone')} {', '.join(contacts.phones) or '-'} / "
                 f"{L('メール', 'mail')} {', '.join('@' + d for d in contacts.mail_domains) or '-'}")
    lines.append("")
    lines.append(f"{L('ルール', 'Rules')}:")
    for code, rule in registry().items():
        cfg = policy.rule(code)
        if rule.family == "SNS" and cfg is None:  # suppression checks run for every policy
            sev = _severity_label(rule.default_severity, lang)
            lines.append(f"  {code:<8} {rule.name:<26} {sev:<6} "
                         + L("（抑止の検査。市の方針ではない）", "(checks suppressions; not the city's policy)"))
            continue
        sev = _severity_label(cfg.severity if cfg else "off", lang)
        if cfg is not None and cfg.clause is not None:
            cite = f"{cfg.clause.ref}「{cfg.clause.text}」"
        elif cfg is not None and cfg.enabled:
            cite = L("根拠条項なし（一般的な注意）", "no clause (general caution)")
        else:
            cite = ""
        lines.append(f"  {code:<8} {rule.name:<26} {sev:<6} {cite}".rstrip())
    counts = clause_coverage(policy).counts()
    lines.append("")
    labels = COVERAGE_LABELS[lang]
    summary = ("、" if ja else ", ").join(f"{labels[k]} {n}" for k, n in counts.items())
    lines.append(f"{L('条項の網羅', 'Clause coverage')}: {summary}"
                 f"（snslint policy coverage {policy.id}）")
    return "\n".join(lines) + "\n"


@policy_app.command("show")
def show(
    city: str = typer.Argument(..., help="市の id（zushi など）またはポリシーファイル / a bundled city id or a policy file"),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="表示言語 / language"),
    format: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="text または json / text or json"),
) -> None:
    """市のポリシーを表示 / Show a city's policy: hours, closed days, accounts, domains, contacts, rules."""

    def work() -> None:
        policy = load_city(city)
        if format == ShowFormat.json:
            sys.stdout.write(json.dumps(show_document(policy), ensure_ascii=False, indent=2) + "\n")
        else:
            sys.stdout.write(show_text(policy, lang.value))

    _run(work)


# --------------------------------------------------------------------------- coverage


def coverage_document(policy) -> dict[str, Any]:
    """``policy coverage --format json``.

    Shape: ``{"policy", "document", "clauses": [{"ref", "text", "coverage", "declared",
    "rules", "off_rules", "left", "question", "question_en", "users_list"}], "counts":
    {"automatic", "partial", "human"}, "shares": {same keys, 0.0-1.0}, "unlisted": [{"where",
    "ref"}]}``. ``coverage`` is the one in effect (``declared`` as written).
    """
    from snslint.settings.policy import clause_coverage

    table = clause_coverage(policy)
    return {
        "policy": policy.id,
        "document": policy.source.title,
        "clauses": [
            {
                "ref": r.clause.ref,
                "text": r.clause.text,
                "coverage": r.coverage,
                "declared": r.clause.coverage,
                "rules": list(r.rules),
                "off_rules": list(r.off_rules),
                "left": r.clause.left,
                "question": r.question if r.on_checklist else r.clause.question,
                "question_en": r.clause.question_en,
                "users_list": r.clause.users_list,
            }
            for r in table.rows
        ],
        "counts": table.counts(),
        "shares": table.shares(),
        "unlisted": [{"where": w, "ref": ref} for w, ref in table.unlisted],
    }


def _shares_line(table, lang: str) -> str:
    labels = COVERAGE_LABELS[lang]
    counts, shares = table.counts(), table.shares()
    parts = [f"{labels[k]} {counts[k]}（{shares[k]:.0%}）" if lang == "ja" else f"{labels[k]} {counts[k]} ({shares[k]:.0%})"
             for k in counts]
    total = len(table.rows)
    if lang == "ja":
        return f"条項 {total}: " + "、".join(parts)
    return f"{total} clauses: " + ", ".join(parts)


def coverage_text(policy, lang: str = "ja") -> str:
    """``policy coverage``: one block per clause (ref, coverage, rules, the quote, what a
    person checks), then the shares."""
    from snslint.settings.policy import clause_coverage

    table = clause_coverage(policy)
    labels = COVERAGE_LABELS[lang]
    ja = lang != "en"
    lines = [f"{policy.name}（{policy.id}） {policy.source.title}"]
    for r in table.rows:
        rules = " ".join(r.rules)
        lines.append(f"  {r.clause.ref:<14} {labels[r.coverage]:<9} {rules}".rstrip())
        lines.append(f"      「{r.clause.text}」")
        if r.coverage == "partial":
            lines.append(f"      {'人が見ること' if ja else 'left to people'}: {r.clause.left}")
        if r.on_checklist:
            lines.append(f"      {'確認事項' if ja else 'checklist'}: {r.question_in(lang)}")
        if r.off_rules:
            lines.append(f"      {'無効のルール' if ja else 'rules turned off'}: {' '.join(r.off_rules)}")
    for where, ref in table.unlisted:
        lines.append(f"  {'clauses: にない条項' if ja else 'not in clauses:'} {ref}（{where}）")
    lines.append(_shares_line(table, lang))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks as spaces."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def coverage_markdown(policy, lang: str = "ja") -> str:
    """``policy coverage --format markdown``: a heading, a table an auditor can paste into
    a document (ref, wording, coverage, rules, what people check), and the shares."""
    from snslint.settings.policy import clause_coverage

    table = clause_coverage(policy)
    labels = COVERAGE_LABELS[lang]
    ja = lang != "en"
    head = (
        ["条項", "文言", "網羅", "ルール", "人が確認すること"]
        if ja
        else ["Clause", "Wording", "Coverage", "Rules", "Left to people"]
    )
    lines = [
        f"## {policy.name} {policy.source.title}" + (f"（{policy.source.effective}）" if policy.source.effective else ""),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for r in table.rows:
        if r.coverage == "human":
            people = r.question_in(lang)
        elif r.on_checklist:
            people = f"{r.clause.left}（{'確認事項' if ja else 'checklist'}: {r.question_in(lang)}）"
        else:
            people = r.clause.left
        lines.append(
            "| " + " | ".join(
                _md(c) for c in (r.clause.ref, r.clause.text, labels[r.coverage], ", ".join(r.rules), people)
            ) + " |"
        )
    lines += ["", _shares_line(table, lang)]
    return "\n".join(lines) + "\n"


@policy_app.command("coverage")
def coverage(
    city: str = typer.Argument(..., help="市の id またはポリシーファイル / a bundled city id or a policy file"),
    format: CoverageFormat = typer.Option(CoverageFormat.text, "--format", "-f", help="text, json, markdown"),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="表示言語 / language"),
) -> None:
    """条項ごとの網羅状況 / Which clauses snslint checks, partly checks, or leaves to people."""

    def work() -> None:
        policy = load_city(city)
        if format == CoverageFormat.json:
            sys.stdout.write(json.dumps(coverage_document(policy), ensure_ascii=False, indent=2) + "\n")
        elif format == CoverageFormat.markdown:
            sys.stdout.write(coverage_markdown(policy, lang.value))
        else:
            sys.stdout.write(coverage_text(policy, lang.value))

    _run(work)


# --------------------------------------------------------------------------- new, validate


@policy_app.command("new")
def new(
    new_id: str = typer.Argument(..., metavar="ID", help="新しい市の id（英小文字・数字・ハイフン） / the new policy's id"),
    from_city: str = typer.Option(..., "--from", help="土台にする同梱の市 / the bundled city to start from"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="書き出すファイル（既定 ID.yaml、- で標準出力） / file to write (default ID.yaml; - for stdout)"),
    force: bool = typer.Option(False, "--force", help="既存のファイルを上書きする / overwrite an existing file"),
) -> None:
    """市のポリシーのひな形を作成 / Write a policy to start from: extends CITY, every key commented."""
    import re

    from snslint.errors import UsageError
    from snslint.rules.registry import registry
    from snslint.settings.policy import load_bundled
    from snslint.settings.policy_tools import starter_policy

    def work() -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", new_id):
            raise UsageError(
                f"id「{new_id}」は英小文字・数字・ハイフン・下線で書いてください（例: asagiri）。",
                f"the id '{new_id}' must be lower-case letters, digits, '-' or '_' (e.g. asagiri).",
            )
        parent = load_bundled(from_city)
        rules = {code: (r.name, r.summary) for code, r in registry().items() if r.family != "SNS"}
        text = starter_policy(new_id, parent, rules)
        target = output or f"{new_id}.yaml"
        if target == "-":
            sys.stdout.write(text)
            return
        try:  # "x": never overwrite a file unasked, even one created a moment ago
            with open(target, "w" if force else "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except FileExistsError:
            raise UsageError(
                f"「{target}」はすでにあります。上書きするには --force を付けてください。",
                f"'{target}' already exists; add --force to overwrite it.",
            ) from None
        except OSError as exc:
            raise UsageError(
                f"「{target}」に書けません（{exc.strerror}）。", f"cannot write '{target}' ({exc.strerror})."
            ) from None
        sys.stdout.write(
            f"{target} を作成しました（{parent.name}のポリシーを土台）。書き換えたら次で確かめます:\n"
            f"  snslint policy validate {target} --source 文書.txt\n"
        )

    _run(work)


@policy_app.command("validate")
def validate(
    file: str = typer.Argument(..., help="ポリシーファイル / the policy file"),
    source: Optional[str] = typer.Option(None, "--source", help="出典の文書（テキスト、UTF-8） / the source document as UTF-8 text"),
    lang: Lang = typer.Option(Lang.ja, "--lang", help="表示言語 / language"),
) -> None:
    """ポリシーファイルを検証 / Validate a policy file: schema, rule codes, clauses, quotes.

    終了コード: 0 問題なし（警告のみを含む）、1 エラーあり、2 ファイルが読めない。
    Exit 0 when there is no error (warnings allowed), 1 with errors, 2 when a file cannot be read.
    """
    from snslint.errors import UsageError
    from snslint.rules.registry import rule_problems
    from snslint.settings.policy_tools import validate_policy_file

    def work() -> int:
        source_text = None
        if source is not None:
            try:
                source_text = Path(source).read_bytes().decode("utf-8-sig")
            except OSError as exc:
                raise UsageError(
                    f"出典の文書「{source}」を読めません（{exc.strerror}）。",
                    f"cannot read the source document '{source}' ({exc.strerror}).",
                ) from None
            except UnicodeDecodeError:
                raise UsageError(
                    f"出典の文書「{source}」は UTF-8 のテキストで保存してください。",
                    f"the source document '{source}' must be UTF-8 text.",
                ) from None
        problems = validate_policy_file(file, source_text, rule_problems=rule_problems)
        for problem in problems:
            sys.stdout.write(problem.format(file, lang.value) + "\n")
        errors = sum(1 for p in problems if p.level == "error")
        warnings = len(problems) - errors
        if lang == Lang.en:
            sys.stdout.write(f"{file}: {errors} errors, {warnings} warnings" + ("" if source_text is not None else " (quotes not checked: no --source)") + "\n")
        else:
            tail = "" if source_text is not None else "（--source がないため引用は確かめていません）"
            sys.stdout.write(f"{file}: エラー {errors} 件、警告 {warnings} 件{tail}\n")
        return ExitStatus.FINDINGS if errors else ExitStatus.OK

    _run(work)
