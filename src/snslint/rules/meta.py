"""SNS family: rules about snslint's own front-matter suppressions (SNS001, SNS002).

These are not about a city's policy: they keep ``snslint: {ignore: [...]}`` honest, as ruff's
RUF100 (unused-noqa) does for ``# noqa``. The letters SNS are not used by the rule catalog.
City policies do not list them. This module declares them (code, name, severity, messages,
documentation, examples) for ``snslint rules``, ``explain``, ``--select``/``--ignore`` and
SARIF; their findings come from the filters stage, :mod:`snslint.lint.suppression`, which runs
on every draft that has suppressions, as ruff reports RUF100 from its noqa stage.
They cite no clause, so they are at most warnings, and front matter cannot silence them.
"""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.registry import register
from snslint.rules.api import Example, Rule, RuleContext

_FM = """---
city: kisarazu
scheduled_at: 2026-12-05T10:00
snslint:
  ignore:
    - code: {code}
{reason}---
"""


def _draft(code: str, reason: str | None, body: str) -> str:
    line = f"      reason: {reason}\n" if reason is not None else ""
    return _FM.format(code=code, reason=line) + body


_EVENT = "【木更津市】12月5日（土）は潮干狩り場の清掃ボランティアです。詳しくは市ホームページをご覧ください。（観光振興課）\n"
_PLAIN = "【木更津市】12月7日（月）から市役所1階で年末年始のごみ収集日程表を配布します。（環境管理課）\n"


@register
class UnusedSuppression(Rule):
    """SNS001 unused-suppression: a front-matter suppression that silences nothing."""

    code = "SNS001"
    name = "unused-suppression"
    default_severity = Severity.INFO
    suppressible = False
    summary = "何も抑止していないフロントマターの抑止（snslint.ignore）"
    summary_en = "A front-matter suppression (snslint.ignore) that silences nothing"
    what_it_does = (
        "フロントマターの snslint.ignore に書かれた抑止のうち、"
        "そのルールが下書きに何も見つけないものを知らせます（ruff の unused-noqa と同じ考え方）。"
        "判定は、市のポリシーがそのルールを有効にしているかに関わらず、"
        "そのルールを下書きに当てて何も見つからないかどうかで行います。"
    )
    what_it_does_en = (
        "Reports a suppression in front matter whose rules find nothing in the draft (like ruff's "
        "unused-noqa). 'Finds nothing' means the named rules, run on this draft under this policy, "
        "report nothing, whether or not the policy enables them."
    )
    why_it_matters = (
        "文面を直した後に残った抑止は、"
        "将来本当に問題のある文面を黙らせてしまいます（下書きを使い回したときや、書き足したとき）。"
        "抑止はその下書きで必要な間だけ残し、不要になったら消してください。"
    )
    why_it_matters_en = (
        "A suppression left behind after the text was fixed would silently hide a real problem "
        "later, when the draft is reused or added to. Keep a suppression only while the draft needs "
        "it, then delete it."
    )
    failing = (
        Example(
            _draft("TIME002", "市長の承認を得た週末イベント当日の告知のため", _PLAIN).replace("2026-12-05", "2026-12-07"),
            finds="TIME002",
            message=(
                "抑止「TIME002」に当たる指摘はこの下書きにありません。不要なら削除してください。"
            ),
            message_en=(
                "the suppression 'TIME002' matches no finding in this draft; delete it if it is no "
                "longer needed."
            ),
        ),
    )
    instead = Example("---\ncity: kisarazu\nscheduled_at: 2026-12-07T10:00\n---\n" + _PLAIN)
    passing = (
        Example(_draft("TIME002", "市長の承認を得た週末イベント当日の告知のため", _EVENT)),
        Example("【木更津市】本日、市役所1階で年末年始のごみ収集日程表を配布しています。（環境管理課）\n"),
    )

    message = "抑止「{t}」に当たる指摘はこの下書きにありません。不要なら削除してください。"
    message_en = "the suppression '{t}' matches no finding in this draft; delete it if it is no longer needed."
    hint = "snslint.ignore からこの項目を削除します。"
    hint_en = "remove this entry from snslint.ignore."

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Nothing here: the filters stage finds unused suppressions
        (:func:`snslint.lint.suppression.meta_findings`), as ruff finds RUF100 in its noqa stage."""
        return iter(())


@register
class InvalidSuppression(Rule):
    """SNS002 invalid-suppression: a front-matter suppression that snslint refuses."""

    code = "SNS002"
    name = "invalid-suppression"
    default_severity = Severity.WARNING
    suppressible = False
    summary = "受け付けられないフロントマターの抑止（理由なし・抑止できないルール・未知のコード）"
    summary_en = "A front-matter suppression that is refused (no reason, a rule that cannot be suppressed, an unknown code)"
    what_it_does = (
        "フロントマターの snslint.ignore の項目のうち、受け付けられないものを知らせます。"
        "理由（reason）のない抑止、フロントマターでは抑止できないルール（PII003 my-number、PII008 "
        "credential）だけを指す抑止、どのルールにも当たらないコードの三つです。"
        "いずれの場合も元の指摘はそのまま残ります。"
    )
    what_it_does_en = (
        "Reports a front-matter suppression that snslint refuses: it gives no reason, it names only "
        "rules that can never be silenced (PII003 my-number and PII008 credential), or its code "
        "names no rule. In every case the original findings stand."
    )
    why_it_matters = (
        "抑止には、後から監査できるよう理由（誰が、何を根拠に認めたか）が必要です。"
        "個人番号と認証情報は、公開すれば取り返しがつかないため、どんな理由でも抑止できません。"
        "コードの書き間違いを知らせるのは、"
        "抑止したつもりの指摘が残っていることに気付けるようにするためです。"
    )
    why_it_matters_en = (
        "A reason is required so that suppressions can be audited (who approved it, on what "
        "grounds). A My Number or a credential, once published, cannot be taken back, so no reason "
        "silences them. A mistyped code is reported so that the author sees the finding they meant "
        "to silence is still there."
    )
    failing = (
        Example(
            _draft("TIME002", None, _EVENT),
            finds="TIME002",
            message=(
                "抑止「TIME002」に理由（reason）がないため、無効です。指摘はそのまま残ります。"
            ),
            message_en=(
                "the suppression 'TIME002' gives no reason, so it is refused and the findings "
                "stand."
            ),
        ),
        Example(_draft("PII003", "本人の同意を得ているため", _PLAIN)),
        Example(_draft("URL999", "県のページのため", _PLAIN)),
    )
    instead = Example(_draft("TIME002", "観光振興課長が承認（2026-12-01）、当日朝の開催案内のため", _EVENT))
    passing = (
        Example(_draft("TIME002", "市長の承認を得た週末イベント当日の告知のため", _EVENT)),
        Example(_draft("PII", "窓口の代表番号を案内するため", _PLAIN)),
        Example(_draft("closed-day", "市長の承認を得た週末イベント当日の告知のため", _EVENT)),
    )

    MESSAGES = {
        # problem -> (message, message_en, hint, hint_en); {t} is the entry's code as written
        "no-reason": (
            "抑止「{t}」に理由（reason）がないため、無効です。指摘はそのまま残ります。",
            "the suppression '{t}' gives no reason, so it is refused and the findings stand.",
            "reason: に、抑止してよい理由（承認者・根拠など）を書いてください。",
            "add a reason: why this is acceptable (who approved it, on what grounds).",
        ),
        "not-suppressible": (
            "「{t}」はフロントマターで抑止できないルールです（個人番号・認証情報など）。指摘はそのまま残ります。",
            "'{t}' names a rule that cannot be suppressed in front matter (My Number, credentials); the findings stand.",
            "本文からその情報を削除してください。",
            "remove that information from the post.",
        ),
        "unknown-code": (
            "抑止「{t}」に当たるルールがありません（`snslint rules` で一覧を表示）。",
            "the suppression '{t}' names no rule (see `snslint rules`).",
            "ルールコード（URL001）、接頭辞（URL）、名前（url-shortener）のいずれかを書きます。",
            "write a code (URL001), a prefix (URL) or a name (url-shortener).",
        ),
    }

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        """Nothing here: the filters stage judges the suppressions
        (:func:`snslint.lint.suppression.meta_findings`), as ruff finds RUF100 in its noqa stage."""
        return iter(())
