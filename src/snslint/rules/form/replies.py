"""FORM004 and FORM005: replies and direct messages where the city's policy does not send them."""

from __future__ import annotations

from typing import Iterator

from pydantic import ConfigDict

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings
from snslint.rules.form._shared import _fm_finding
from snslint.rules.registry import register

# --------------------------------------------------------------------------- FORM004


class ReplySettings(RuleSettings):
    """``settings:`` of FORM004.

    Attributes:
        government_exception: replies to government bodies are allowed (goshogawara 第8条2
            「政府機関、地方公共団体等によるコメントの場合は、この限りでない」); a draft says so
            with ``reply_to_government: true``.
    """

    model_config = ConfigDict(extra="forbid")
    government_exception: bool = False


@register
class ReplyNotAllowed(Rule):
    """FORM004 reply-not-allowed: ``type: reply`` where the city does not reply.

    Enabling the rule in a policy states that the city does not reply (kisarazu 8, goshogawara
    第8条2, mine 第4 2(6), zushi templates 3). The posting account's ``replies:`` in the policy
    overrides: ``true`` allows replies from it, ``false`` forbids them. With
    ``government_exception`` set, ``reply_to_government: true`` in front matter lifts it.
    """

    code = "FORM004"
    name = "reply-not-allowed"
    default_severity = Severity.WARNING
    Settings = ReplySettings
    summary = "返信しない運用の市で返信しようとしています"
    summary_en = "A reply where the city's policy says it does not reply"
    what_it_does = (
        "フロントマターが type: reply の下書きで、"
        "市の運用方針が「コメントには返信しない」と定めているものを見つけます。アカウントごとの "
        "replies 設定があればそれに従い、"
        "五所川原市では政府機関・地方公共団体への返信（reply_to_government: true）は対象外です。"
    )
    what_it_does_en = (
        "Finds replies (type: reply) where the city's policy says it does not reply to comments; an "
        "account's replies: setting overrides it, and Goshogawara allows replies to government "
        "bodies (reply_to_government: true)."
    )
    why_it_matters = (
        "木更津市 8、五所川原市 第8条2、美祢市 第4 2(6)、逗子市の運用ポリシー 3 は、"
        "コメントへの個別の返信をしないと定めています。一人に返信すれば、"
        "ほかの人からも返信を求められ、公平に応じきれません。問い合わせには、"
        "窓口やお問い合わせフォームを案内する投稿で応えます。"
    )
    why_it_matters_en = (
        "Kisarazu 8, Goshogawara 第8条2, Mine 第4 2(6) and Zushi's account policy 3 say the city "
        "does not reply to comments one by one: a reply to one person invites the same from "
        "everyone, which the office cannot answer fairly. Point people to the counter or the "
        "enquiry form in a post instead."
    )
    failing = (
        Example(
            "---\ntype: reply\n---\nご意見ありがとうございます。担当課に伝えます。", city="kisarazu",
            finds="reply",
            message=(
                "この市（アカウント）の運用方針では、コメントに返信しないことになっています。"
            ),
            message_en="This city's (account's) policy says it does not reply to comments.",
        ),
    )
    instead = Example("---\ntype: post\n---\nご意見・ご要望は、市ホームページのお問い合わせフォームでお受けしています。（広報広聴課）\n", city="kisarazu")
    passing = (
        Example("---\ntype: post\n---\nご意見は市ホームページのお問い合わせフォームからお寄せください。", city="kisarazu"),
        Example("---\ntype: share\n---\n千葉県の防災情報をお知らせします。", city="kisarazu"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        meta = ctx.draft.meta
        if meta.type != "reply":
            return
        account = ctx.check.account
        if account is not None and account.replies is True:
            return
        if ctx.config is None and not (account is not None and account.replies is False):
            return  # selected ad hoc: the policy says nothing about replies
        settings: ReplySettings = ctx.settings
        if settings.government_exception and meta.reply_to_government:
            return
        hint = "返信せず、問い合わせ先（電話・問い合わせフォーム）を案内する投稿にしてください。"
        if settings.government_exception:
            hint += "政府機関・地方公共団体への返信なら reply_to_government: true を付けてください。"
        yield _fm_finding(
            ctx,
            "type",
            "この市（アカウント）の運用方針では、コメントに返信しないことになっています。",
            "This city's (account's) policy says it does not reply to comments.",
            hint=hint,
            hint_en="Do not reply; point to the contact desk or the inquiry form instead.",
        )


# --------------------------------------------------------------------------- FORM005


@register
class DirectMessage(Rule):
    """FORM005 direct-message: ``type: dm`` where the policy forbids direct messages.

    Enabled only where the document forbids them (goshogawara 第7条2). Its exception (管理者が
    特に必要と認める場合) is a front-matter suppression with the reason.
    """

    code = "FORM005"
    name = "direct-message"
    default_severity = Severity.WARNING
    summary = "ダイレクトメッセージは運用方針で認められていません"
    summary_en = "A direct message where the policy forbids them"
    what_it_does = (
        "フロントマターが type: dm の下書きで、"
        "市の運用方針がメッセージ送信機能（ダイレクトメッセージ）の利用を禁じているものを見つけます。"
        "管理者が特に必要と認めた場合は、snslint: ignore に理由を書いて抑止してください。"
    )
    what_it_does_en = (
        "Finds direct messages (type: dm) where the policy forbids the messaging feature; when the "
        "administrator allows one, suppress it with a reason."
    )
    why_it_matters = (
        "五所川原市 第7条2 は、運用者が SNS "
        "のメッセージ送信機能を原則として利用してはならないと定めています。"
        "ダイレクトメッセージは外から見えないため、組織として内容を確かめにくく、"
        "個人情報のやりとりにもつながります。"
    )
    why_it_matters_en = (
        "Goshogawara 第7条2 says staff must not use the messaging feature as a rule: a direct "
        "message is invisible to others, hard for the office to check, and draws personal data into "
        "the exchange."
    )
    failing = (
        Example(
            "---\ntype: dm\n---\nお問い合わせの件、担当よりご連絡いたします。", city="goshogawara",
            finds="dm",
            message=(
                "運用方針では、SNS のメッセージ送信機能（DM）を原則として使わないことになっています。"
            ),
            message_en="The policy says the messaging feature (DM) is not to be used.",
        ),
    )
    instead = Example("---\ntype: post\n---\n個別のお問い合わせは、市ホームページのお問い合わせフォームからお寄せください。（総務課）\n", city="goshogawara")
    passing = (
        Example("---\ntype: post\n---\nお問い合わせは市民課（電話 0438-23-7111）まで。", city="kisarazu"),
        Example("---\ntype: reply\n---\nありがとうございます。", city="kisarazu"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if ctx.draft.meta.type != "dm":
            return
        yield _fm_finding(
            ctx,
            "type",
            "運用方針では、SNS のメッセージ送信機能（DM）を原則として使わないことになっています。",
            "The policy says the messaging feature (DM) is not to be used.",
            hint="電話や問い合わせフォームで対応してください。管理者が特に認めた場合は理由を付けて抑止できます。",
            hint_en="Answer by phone or the inquiry form; if the administrator allowed it, suppress with a reason.",
        )
