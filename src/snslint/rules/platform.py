"""FORM family: platform form (length, hashtags, alt text) and procedure (replies, approval)."""

from __future__ import annotations

from snslint.findings import Severity
from snslint.registry import register
from snslint.rule import Rule


def _skeleton(code: str, name: str, severity: Severity, summary: str, summary_en: str):
    cls = type(
        name.title().replace("-", ""),
        (Rule,),
        {
            "__doc__": f"{code} {name} (logic to follow).",
            "code": code,
            "name": name,
            "default_severity": severity,
            "summary": summary,
            "summary_en": summary_en,
            "check": lambda self, ctx: (),
            "__module__": __name__,
        },
    )
    return register(cls)


LengthLimit = _skeleton("FORM001", "length-limit", Severity.ERROR, "文字数が媒体の上限を超えています", "The text is over the platform's length limit")
HashtagLimit = _skeleton("FORM002", "hashtag-limit", Severity.WARNING, "ハッシュタグが多すぎます", "Too many hashtags for the platform")
MissingAltText = _skeleton("FORM003", "missing-alt-text", Severity.WARNING, "画像に代替テキストがありません", "An image has no alternative text")
ReplyNotAllowed = _skeleton("FORM004", "reply-not-allowed", Severity.WARNING, "返信しない運用の市で返信しようとしています", "A reply where the city's policy says it does not reply")
DirectMessage = _skeleton("FORM005", "direct-message", Severity.WARNING, "ダイレクトメッセージは運用方針で認められていません", "A direct message where the policy forbids them")
ApprovalMissing = _skeleton("FORM006", "approval-missing", Severity.WARNING, "承認者（approved_by）がありません", "No approved_by where the policy requires approval")
CorrectionUnstated = _skeleton("FORM007", "correction-unstated", Severity.WARNING, "訂正投稿なのに訂正であることが書かれていません", "A correction that does not say it corrects")
Placeholder = _skeleton("FORM008", "placeholder", Severity.WARNING, "テンプレートの未記入箇所（〇〇など）が残っています", "Unfilled template text is left in the post")
PosterUnidentified = _skeleton("FORM009", "poster-unidentified", Severity.INFO, "発信する担当課がわかりません", "The post does not say which department sends it")
