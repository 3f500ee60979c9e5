"""FORM007: a correction that does not say it corrects."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext
from snslint.rules.form._shared import _fm_finding
from snslint.rules.registry import register

_CORRECTION_WORDS = re.compile(
    r"訂正|お詫び|おわび|お詫|誤り|あやまり|誤って|誤記|誤植|誤表記|誤っ|間違い|まちがい|正しくは|修正(?:し|いた|させ)"
)
"""Words that say a post corrects an earlier one."""


@register
class CorrectionUnstated(Rule):
    """FORM007 correction-unstated: ``type: correction`` whose text does not say so.

    A correction must say openly that it corrects (kagoshima 8(2), zushi 3-5(1)
    「訂正した旨を明記」): the body needs one of 訂正, お詫び, 誤り, 誤って, 間違い, 正しくは,
    修正しました ... (:data:`_CORRECTION_WORDS`).
    """

    code = "FORM007"
    name = "correction-unstated"
    default_severity = Severity.WARNING
    summary = "訂正投稿なのに訂正であることが書かれていません"
    summary_en = "A correction that does not say it corrects"
    what_it_does = (
        "type: correction の下書きで、本文に「訂正」「お詫び」「誤り」「正しくは」など、"
        "訂正であることを示す言葉がないものを見つけます。"
    )
    what_it_does_en = (
        "Finds corrections (type: correction) whose text does not say it corrects an earlier post "
        "(訂正, お詫び, 誤り, 正しくは ...)."
    )
    why_it_matters = (
        "黙って差し替えると、前の投稿を見た人に誤りが伝わりません。逗子市 3-5(1) "
        "は「訂正した旨を明記」するよう、鹿児島市 8(2) と五所川原市 第8条(2) "
        "は誤った情報を速やかに訂正するよう定めています。"
    )
    why_it_matters_en = (
        "A silent replacement never tells the people who saw the first post that it was wrong. "
        "Zushi 3-5(1) asks to state that a post is a correction; Kagoshima 8(2) and Goshogawara "
        "第8条(2) ask for a prompt correction."
    )
    failing = (
        Example(
            "---\ntype: correction\n---\n市民講座は12月6日（日）10時から、市役所5階会議室で開催します。",
            city="zushi",
            finds="correction",
            message=(
                "訂正の投稿ですが、本文に訂正であること（訂正・お詫び・誤り "
                "など）が書かれていません。"
            ),
            message_en="This is a correction, but the text does not say it corrects anything.",
        ),
    )
    instead = Example("---\ntype: correction\n---\n【訂正】市民講座の開催日に誤りがありました。正しくは12月6日（日）10時から、市役所5階会議室です。お詫びして訂正します。\n", city="zushi")
    passing = (
        Example(
            "---\ntype: correction\n---\n【訂正】先ほどの投稿で開催日に誤りがありました。正しくは12月6日（日）です。"
            "お詫びして訂正いたします。",
            city="zushi",
        ),
        Example("市民講座は12月6日（日）10時から開催します。", city="zushi"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if ctx.draft.meta.type != "correction" or _CORRECTION_WORDS.search(ctx.body):
            return
        yield _fm_finding(
            ctx,
            "type",
            "訂正の投稿ですが、本文に訂正であること（訂正・お詫び・誤り など）が書かれていません。",
            "This is a correction, but the text does not say it corrects anything.",
            hint="冒頭に【訂正】と書き、何が誤りで正しくは何かを明記してください。",
            hint_en="Start with 【訂正】 and say what was wrong and what is right.",
        )
