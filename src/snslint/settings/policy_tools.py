"""Tools for a city writing its own policy: a file to start from, and a validator that lists
every problem with its YAML line.

- :func:`starter_policy` writes the text of ``snslint policy new ID --from CITY``: a policy
  that extends a bundled one, with every key written out and commented (in Japanese), so
  that a city edits values instead of copying 270 lines by hand.
- :func:`validate_policy_file` checks a file the way ``snslint check`` would load it (YAML,
  schema, rule codes and settings), and more: the clauses the rules cite are in
  ``clauses:``, and, given the source document's text, every quoted wording stands in it
  (only spaces and line breaks are normalized, as in ``tests/test_policy_clauses.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from snslint.errors import PolicyError
from snslint.settings.policy import (
    WEEKDAYS,
    Policy,
    _line_of,
    clause_coverage,
    compose_policy_data,
    schema_messages,
    with_origin,
)


@dataclass(frozen=True)
class Problem:
    """One problem of a policy file.

    Attributes:
        line: 1-based line in the file, or None when unknown.
        ja: the problem in Japanese, one line.
        en: the problem in English, one line.
        level: ``"error"`` (the file is not ready) or ``"warning"`` (worth a look).
    """

    line: int | None
    ja: str
    en: str
    level: str = "error"

    def format(self, path: str, lang: str = "ja") -> str:
        """``PATH:LINE: エラー: message`` (``警告`` for a warning; English with ``lang="en"``)."""
        where = f"{path}:{self.line}" if self.line else path
        if lang == "en":
            return f"{where}: {self.level}: {self.en}"
        return f"{where}: {'エラー' if self.level == 'error' else '警告'}: {self.ja}"


def normalize_spaces(text: str) -> str:
    """``text`` without any whitespace (spaces, ideographic spaces, line breaks): PDF and
    Word extraction break lines and pad words; nothing else is normalized."""
    return re.sub(r"\s+", "", text)


def quote_missing(quote: str, document: str) -> str | None:
    """The first part of ``quote`` (split at ``…``, which marks an omission) that is not in
    ``document`` (already :func:`normalize_spaces`-ed), or None when every part is."""
    for part in quote.split("…"):
        if normalize_spaces(part) not in document:
            return part.strip()
    return None


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[:n] + "…"


RuleProblems = Callable[[Policy], "list[tuple[int | None, str, str]]"]
"""What is wrong with a policy's rule entries, as ``(line, ja, en)``: the rule stage's
:func:`snslint.rules.registry.rule_problems` (the schema does not know which rules exist)."""


def validate_policy_file(
    path: str | Path, source_text: str | None = None, *, rule_problems: RuleProblems
) -> list[Problem]:
    """Every problem of the policy file at ``path``, in file order where lines are known.

    Checks: YAML (syntax, the project's limits), ``extends``, the schema (each field error,
    not only the first), rule codes and settings, an ``error`` without a clause, a
    ``clauses:`` list (warning when missing), each enabled rule's clause in ``clauses:``,
    each clause listed once, a clause declared ``automatic``/``partial`` with no enabled
    rule (warning), and, with ``source_text``, that the source's title and every quoted
    wording (``clauses:``, rules' clauses, posting hours) stand in the document. Rule codes
    and settings are asked of ``rule_problems`` (the CLI passes
    :func:`snslint.rules.registry.rule_problems`), given the policy with its origin.

    Raises:
        PolicyError: the file cannot be read at all (missing, unreadable, not UTF-8, too
            large). Broken YAML is a :class:`Problem` with its line.
    """
    try:
        data, node, own = compose_policy_data(path)
    except PolicyError as exc:
        if exc.line is None:
            raise
        return [Problem(exc.line, exc.ja, exc.en)]
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        return [Problem(line, ja, en) for line, ja, en in schema_messages(exc, node)]
    problems = [Problem(line, ja, en) for line, ja, en in rule_problems(with_origin(policy, str(path), node))]
    for loc, value in ((("name",), policy.name), (("name_en",), policy.name_en), (("source", "title"), policy.source.title)):
        if "〇〇" in value:
            problems.append(Problem(
                _line_of(node, loc),
                f"「{'.'.join(loc)}」がひな形のまま（{value}）です。市の名前・文書の題名に書き換えてください。",
                f"'{'.'.join(loc)}' is still the template's placeholder ({value}).",
            ))
    problems += _clause_problems(policy, node, own)
    if source_text is not None:
        problems += _quote_problems(policy, node, own, source_text)
    return sorted(problems, key=lambda p: p.line or 0)


def _inherited(own: dict[str, Any], key: str) -> str:
    """``"（extends 元から）"`` when the file does not write ``key`` itself."""
    return "" if key in own else "（extends 元から）"


def _clause_problems(policy: Policy, node: Any, own: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    if not policy.clauses:
        out.append(Problem(
            1,
            "clauses: がありません。文書の投稿に関わる条項を、網羅状況（automatic / partial / human）とともに書いてください。",
            "no clauses: list; list the document's clauses on posting with their coverage.",
            "warning",
        ))
        return out
    seen: dict[str, int] = {}
    for i, clause in enumerate(policy.clauses):
        if clause.ref in seen:
            out.append(Problem(
                _line_of(node, ("clauses", i, "ref")),
                f"条項 {clause.ref} が clauses: に2回あります。",
                f"clause {clause.ref} is listed twice in clauses:.",
            ))
        seen[clause.ref] = i
    for code, cfg in policy.rules.items():
        if cfg.enabled and cfg.clause is not None and cfg.clause.ref not in seen:
            out.append(Problem(
                _line_of(node, ("rules", code, "clause", "ref")),
                f"ルール {code} の条項「{cfg.clause.ref}」が clauses: にありません{_inherited(own, 'rules')}。",
                f"rule {code} cites clause '{cfg.clause.ref}', which clauses: does not list.",
            ))
    for i, row in enumerate(clause_coverage(policy).rows):
        if row.coverage != row.clause.coverage:
            out.append(Problem(
                _line_of(node, ("clauses", i, "coverage")),
                f"条項 {row.clause.ref} は {row.clause.coverage} ですが、有効なルールがないため人の確認（human）として扱います。",
                f"clause {row.clause.ref} is {row.clause.coverage} but no enabled rule checks it: treated as human.",
                "warning",
            ))
    return out


def _quote_problems(policy: Policy, node: Any, own: dict[str, Any], source_text: str) -> list[Problem]:
    document = normalize_spaces(source_text)
    out: list[Problem] = []
    if normalize_spaces(policy.source.title) not in document:
        out.append(Problem(
            _line_of(node, ("source", "title")),
            f"文書の題名「{policy.source.title}」が出典の文書にありません{_inherited(own, 'source')}。",
            f"the title '{policy.source.title}' is not in the source document.",
        ))
    quotes: list[tuple[tuple[Any, ...], str, str, str]] = []
    for i, clause in enumerate(policy.clauses):
        quotes.append((("clauses", i, "text"), f"条項 {clause.ref}", f"clause {clause.ref}", clause.text))
    for code, cfg in policy.rules.items():
        if cfg.enabled and cfg.clause is not None and cfg.clause.text:
            quotes.append((("rules", code, "clause", "text"), f"ルール {code} の条項 {cfg.clause.ref}",
                           f"rule {code}'s clause {cfg.clause.ref}", cfg.clause.text))
    hours = policy.posting_hours
    for key, ref in (("clause", hours.clause), ("exception", hours.exception)):
        if ref is not None and ref.text:
            quotes.append((("posting_hours", key, "text"), f"posting_hours.{key}（{ref.ref}）",
                           f"posting_hours.{key} ({ref.ref})", ref.text))
    for loc, ja_where, en_where, text in quotes:
        missing = quote_missing(text, document)
        if missing is not None:
            out.append(Problem(
                _line_of(node, loc),
                f"{ja_where} の文言「{_short(missing)}」が出典の文書にありません{_inherited(own, loc[0])}。",
                f"{en_where}: the wording '{_short(missing)}' is not in the source document.",
            ))
    return out


# --------------------------------------------------------------------------- policy new


def _q(value: Any) -> str:
    """A YAML scalar: strings double-quoted (a JSON string is a YAML double-quoted scalar),
    booleans and numbers as YAML writes them, None as null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _flow_list(values: list[Any]) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _clause_flow(ref) -> str:
    parts = [f"ref: {_q(ref.ref)}", f"text: {_q(ref.text)}"]
    if ref.users_list:
        parts.append("users_list: true")
    return "{" + ", ".join(parts) + "}"


def starter_policy(new_id: str, parent: Policy, rules: dict[str, tuple[str, str]]) -> str:
    """The text of ``snslint policy new NEW_ID --from PARENT``.

    A policy that ``extends`` the bundled ``parent`` and writes every key out with a
    Japanese comment above it: the city's name and document as placeholders to fill
    (``〇〇市``), its domains and contacts empty (with the parent's as an example), the
    parent's posting hours, every rule of ``rules`` (code -> ``(name, summary)``, the
    registry's) with the parent's severity and clause, and the parent's ``clauses:``. The
    quotes are the parent's words: ``snslint policy validate FILE --source DOCUMENT`` lists
    each one that the city still has to replace with its own document's.
    """
    p = parent
    hours = p.posting_hours
    lines = [
        f"# snslint の市ポリシー「{new_id}」。{p.name}（{p.id}）のポリシーを土台に作成しました。",
        "# 手順は policies/README.md（市の追加のしかた）を参照してください。書き換えたら次で確かめます:",
        f"#   snslint policy validate {new_id}.yaml --source 自分の市の文書.txt",
        f"# 引用（text）はすべて{p.name}の文書の語句です。自分の市の文書の語句に置き換えてください。",
        "",
        "# extends: 土台にする同梱ポリシー。このファイルに書かないキーは土台の値を使います",
        "# （posting_hours や rules の各コードはキーごとに重ね、リストと値は置き換えます）。",
        f"extends: {p.id}",
        "",
        "# id: 英小文字・数字・ハイフンの識別子。ファイル名と同じにします。",
        f"id: {new_id}",
        "# name: 市名（日本語）。",
        'name: "〇〇市"',
        "# name_en: 市名（英語）。",
        'name_en: "〇〇 City"',
        "# source: 出典の文書。title は文書の題名そのまま、effective は文書が書くとおりの施行日。",
        "source:",
        '  title: "〇〇市SNS運用方針"',
        '  effective: ""',
        "  # url: 文書が自ら公開URLを示す場合だけ書きます。",
        "  url: null",
        "# timezone: 時刻のタイムゾーン（日本の市は Asia/Tokyo）。",
        f"timezone: {_q(p.timezone)}",
        "",
        f"# official_domains: 市自身のウェブドメイン（サブドメインを含む）。例（土台）: {', '.join(p.official_domains) or 'なし'}",
        "official_domains: []",
        f"# trusted_domains: 外部リンク扱いしないドメイン（県など。控えめに）。例（土台）: {', '.join(p.trusted_domains) or 'なし'}",
        "trusted_domains: []",
        "# official_contacts: 市が自ら公表している連絡先（個人情報ではない）。公表されていない番号は書きません。",
        "official_contacts:",
        "  # phones: 電話・FAX番号（数字だけを比べます）。",
        "  phones: []",
        "  # mail_domains: 公式メールアドレスのドメイン。",
        "  mail_domains: []",
        "# accounts: 公式アカウント。platform は x, facebook, instagram, line, youtube, threads。",
        "#   例: - {platform: x, handle: \"@example_city\", url: \"https://x.com/example_city\", replies: false}",
        "#   replies: false は文書が「返信しない」と定める場合。posting_hours でアカウントだけの時間も書けます。",
        "accounts: []",
        "",
        "# posting_hours: 投稿してよい時間（両端を含む）。時刻は必ず \"08:30\" のように引用符で囲みます。",
        "posting_hours:",
        "  # days: 投稿してよい曜日（mon tue wed thu fri sat sun）。",
        f"  days: [{', '.join(d for d in WEEKDAYS if d in hours.days)}]",
        "  # start / end: 最初と最後の時刻。",
        f'  start: "{hours.start:%H:%M}"',
        f'  end: "{hours.end:%H:%M}"',
        "  # closed: 閉庁日。national_holidays は国民の祝日・振替休日、year_end は年末年始（null で無し）、dates はその他の日。",
        "  closed:",
        f"    national_holidays: {_q(hours.closed.national_holidays)}",
    ]
    ye = hours.closed.year_end
    lines.append(f"    year_end: {{start: {_q(ye.start)}, end: {_q(ye.end)}}}" if ye else "    year_end: null")
    lines.append(f"    dates: [{', '.join(d.isoformat() for d in hours.closed.dates)}]")
    lines.append("  # clause: 投稿時間を定める条項。exception: 時間外の投稿を認める条項（緊急時など）。")
    lines.append(f"  clause: {_clause_flow(hours.clause) if hours.clause else 'null'}")
    lines.append(f"  exception: {_clause_flow(hours.exception) if hours.exception else 'null'}")
    lines += [
        "",
        "# rules: ルールコードごとの重大度（error / warning / info / off）と根拠の条項。",
        "#   error には clause が必要です。文書に根拠のないルールは off か、条項なし（clause: null）の",
        "#   warning / info にします。clause: null と書かないと extends 元の条項が残ります。",
        "#   clause の ref は文書自身の番号、text は文書の語句そのまま（省略は …）。",
        "#   users_list: true は利用者向けの禁止事項を市の投稿に準用していることを示します。",
        "#   ルールの説明は `snslint explain CODE`。",
        "rules:",
    ]
    for code, (name, summary) in rules.items():
        cfg = p.rule(code)
        lines.append(f"  # {code} {name}: {summary}")
        if cfg is None or not cfg.enabled:
            lines.append(f"  {code}: off")
            continue
        sev = getattr(cfg.severity, "value", cfg.severity)
        clause = f", clause: {_clause_flow(cfg.clause)}" if cfg.clause else ", clause: null"
        lines.append(f"  {code}: {{severity: {sev}{clause}}}")
    lines += [
        "",
        "# clauses: 文書のうち投稿に関わる条項のすべて。ルールが引用する条項は必ずここに載せます。",
        "#   coverage: automatic（ルールで判定）、partial（ルールは一部だけ。left に人が見る部分）、",
        "#             human（人が判断。question が下書きごとの確認事項に載ります）。",
        "#   rules: この条項を判定するルール（条項を引用するルールは書かなくても数えます）。",
        "#   question: 確認事項の問い（日本語、「はい」なら問題なし）。question_en はその英訳。",
        "clauses:",
    ]
    for clause in p.clauses:
        lines.append(f"  - ref: {_q(clause.ref)}")
        lines.append(f"    text: {_q(clause.text)}")
        lines.append(f"    coverage: {clause.coverage}")
        if clause.rules:
            lines.append(f"    rules: {_flow_list(clause.rules)}")
        if clause.left:
            lines.append(f"    left: {_q(clause.left)}")
        if clause.question:
            lines.append(f"    question: {_q(clause.question)}")
        if clause.question_en:
            lines.append(f"    question_en: {_q(clause.question_en)}")
        if clause.users_list:
            lines.append("    users_list: true")
        if clause.note:
            lines.append(f"    note: {_q(clause.note)}")
    return "\n".join(lines) + "\n"
