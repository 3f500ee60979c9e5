"""FORM006: a post without the approval the city's procedure asks for."""

from __future__ import annotations

from typing import Iterator

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings
from snslint.rules.form._shared import _fm_finding
from snslint.rules.registry import register

class ApprovalSettings(RuleSettings):
    """``settings:`` of FORM006.

    Attributes:
        types: the post types that need ``approved_by`` (default: all).
        emergency_exempt: an ``emergency: true`` post needs none (zushi 3-2(1)ウ(エ) lets the
            person in charge post disaster information within a pre-approved range).
    """

    model_config = ConfigDict(extra="forbid")
    types: list[str] = Field(default_factory=lambda: ["post", "reply", "share", "dm", "correction"])
    emergency_exempt: bool = False


@register
class ApprovalMissing(Rule):
    """FORM006 approval-missing: no ``approved_by`` where approval is required.

    Off in every bundled policy: whether a draft records its approver depends on each office's
    workflow (kagoshima 5(1), goshogawara 第8条(1), zushi 3-2(1)ウ name the approval); a
    deployment turns it on with ``extends:`` or ``--select FORM006``.
    """

    code = "FORM006"
    name = "approval-missing"
    default_severity = Severity.WARNING
    Settings = ApprovalSettings
    summary = "承認者（approved_by）がありません"
    summary_en = "No approved_by where the policy requires approval"
    what_it_does = (
        "投稿前の承認（所属長・アカウント管理者の了承）を求める運用で、フロントマターに "
        "approved_by（承認者）が書かれていない下書きを見つけます。"
        "承認の記録方法は課ごとに違うため既定では無効で、設定やポリシーの extends で有効にします。"
    )
    what_it_does_en = (
        "Finds drafts without approved_by where the office requires approval before posting; off by "
        "default (offices record approval differently), turned on by a deployment in its config or "
        "a policy that extends the city's."
    )
    why_it_matters = (
        "鹿児島市 5(1)、五所川原市 第8条(1)、逗子市 3-2(1)ウ は、"
        "発信の前にアカウント管理者や所属長の了承を得ることを定めています。"
        "承認者を下書きに書いておけば、誰が確認したかを後からたどれます。"
    )
    why_it_matters_en = (
        "Kagoshima 5(1), Goshogawara 第8条(1) and Zushi 3-2(1)ウ require the administrator's or the "
        "head of section's approval before posting; approved_by in the draft records who checked "
        "it."
    )
    failing = (
        Example(
            "---\nplatform: x\n---\n本日の市長の動静です。", city="kagoshima",
            finds="---",
            message=(
                "承認者（approved_by）が書かれていません。投稿前に所属長等の承認を得てください。"
            ),
            message_en="No approver (approved_by). Get the approval before posting.",
        ),
    )
    instead = Example("---\nplatform: x\napproved_by: 秘書課長（12月2日）\n---\n本日の市長の動静です。\n", city="kagoshima")
    passing = (
        Example("---\nplatform: x\napproved_by: 広報課長\n---\n本日の市長の動静です。", city="kagoshima"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        meta = ctx.draft.meta
        settings: ApprovalSettings = ctx.settings
        if meta.type not in settings.types or (settings.emergency_exempt and meta.emergency):
            return
        if meta.approved_by and meta.approved_by.strip():
            return
        yield _fm_finding(
            ctx,
            "approved_by",
            "承認者（approved_by）が書かれていません。投稿前に所属長等の承認を得てください。",
            "No approver (approved_by). Get the approval before posting.",
            hint="フロントマターに approved_by: （承認者の職名）を書いてください。",
            hint_en="Add approved_by: with the approver's title.",
        )
