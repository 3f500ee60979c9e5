"""FORM009: a post that does not say which department sends it."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings
from snslint.rules.registry import register

_DEPT_NOUN = r"[一-龥々ァ-ヶー]"
_FACILITY_NAME = (
    _DEPT_NOUN
    + r"{0,14}(?:図書館|公民館|美術館|博物館|資料館|体育館|児童館|記念館|文化会館|市民会館|交流館|保健所|"
    r"出張所|支所|市役所|町役場|村役場|消防署|教育委員会|選挙管理委員会|議会事務局|病院|診療所|保育園|こども園)"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """``(department, not_department, sender_label, facility)``, compiled on the rule's first
    check: a run whose policies leave FORM009 off never compiles them.

    - department: 〇〇課, 〇〇係, 〇〇室, 〇〇局, 〇〇センター, 〇〇事務所, 〇〇本部, 〇〇担当 (not 課題,
      課税...);
    - not_department: what ends like one and is not (日課, 関係, 会議室...), matched against a
      department match;
    - sender_label: an explicit sender label followed by a name (「担当：教育部 図書館」), not a
      bare number;
    - facility: a public facility signing its own post (（逗子市立図書館）, a line 「沼間公民館」):
      its name identifies the sender as well as a 課 does (センター, 事務所, 本部 are departments).
      Only as a signature, in brackets or alone on a line: 「市役所5階会議室で」 names a place.
    """
    return (
        re.compile(_DEPT_NOUN + r"{1,14}(?:課|係|室|局|センター|事務所|本部|担当)(?![題税程金外目る])"),
        re.compile(r"(?:日|放)課$|(?:関|連|無)係$|(?:会議|和|教|展示|待合|休憩|更衣|控|客|個|浴|研修|相談|授乳)室$"),
        re.compile(r"(?:担当|発信|所管|主催)(?:課|部署|部局|者)?\s*[:：]\s*[^\d\s０-９()（）]{2,}"),
        re.compile(
            r"[（(][^（()）\n]{0,30}" + _FACILITY_NAME + r"[^（()）\n]{0,30}[）)]|^[ \t　]*" + _FACILITY_NAME + r"[ \t　]*$",
            re.MULTILINE,
        ),
    )


@register
class PosterUnidentified(Rule):
    """FORM009 poster-unidentified: the post does not say which department sends it.

    zushi 3-1(3)イ asks the poster's 所属 to be clear. Info when the body names no department
    (〇〇課, 〇〇係, 〇〇室, 〇〇センター, 〇〇担当; not 会議室, 関係, 課題), no facility that sends
    its own posts (図書館, 公民館, 美術館, 保健所, 出張所...: :data:`_FACILITY`), not the
    posting account's own name (``name`` of the policy's account), and the account is not one
    of ``department_accounts`` (handles of accounts run by one department, which identify it).
    Only posts, shares and corrections are checked; replies and DMs are not. The hint shows a
    filled example (「（問い合わせ：広報課）」): a pasted 〇〇 would be FORM008.
    """

    class Settings(RuleSettings):
        """``settings:`` of FORM009: ``department_accounts``: handles that identify the sender."""

        model_config = ConfigDict(extra="forbid")
        department_accounts: list[str] = Field(default_factory=list)

    code = "FORM009"
    name = "poster-unidentified"
    default_severity = Severity.INFO
    summary = "発信する担当課がわかりません"
    summary_en = "The post does not say which department sends it"
    what_it_does = (
        "本文に発信する所属（〇〇課、〇〇係、〇〇センター、"
        "〇〇担当など）が書かれていない投稿を見つけます。"
        "課のアカウントから出す場合は設定で除外できます。"
    )
    what_it_does_en = (
        "Finds posts that do not say which department sends them (〇〇課, 〇〇係, 〇〇センター, "
        "〇〇担当); department accounts can be exempted in settings."
    )
    why_it_matters = (
        "逗子市ガイドライン 3-1(3)イ は、"
        "情報の信頼性を高めるために発信者の所属を明らかにするよう求めています。所属が書いてあれば、"
        "読んだ人が問い合わせ先に迷いません。"
    )
    why_it_matters_en = (
        "Zushi 3-1(3)イ asks the sender's department to be clear, to make the information "
        "trustworthy; readers also know whom to ask."
    )
    failing = (
        Example(
            "明日は燃えるごみの収集日です。朝8時30分までに出してください。", city="zushi",
            finds="明日は燃えるごみの収集日です。朝8時30分までに出してください。",
            message="発信する所属（担当課）が本文に書かれていません。",
            message_en="The post does not say which department sends it.",
        ),
        Example("おはなし会を開きます。\n問い合わせ：046-873-1111", city="zushi"),
    )
    instead = Example("明日は燃えるごみの収集日です。朝8時30分までに出してください。（環境都市課）\n", city="zushi")
    passing = (
        Example("明日は燃えるごみの収集日です。\n（問い合わせ：環境都市課 046-873-1111）", city="zushi"),
        Example("---\ntype: reply\n---\nありがとうございます。", city="zushi"),
        Example("市民講座を開催します。会場は市役所5階会議室です。\n担当：生涯学習課", city="zushi"),
        Example("おはなし会を開きます。\n担当：逗子市 教育部 図書館", city="zushi"),
        Example("12月のおはなし会は14日（土）です。どなたでもどうぞ。（逗子市立図書館）", city="zushi"),
        Example("冬の企画展「海と暮らし」を開催中です。\n逗子市郷土資料館", city="zushi"),
        Example("ノロウイルスによる食中毒に注意しましょう。（鎌倉保健福祉事務所）", city="zushi"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        meta = ctx.draft.meta
        if meta.type in ("reply", "dm") or not ctx.body.strip():
            return
        handles = {h.lstrip("@").lower() for h in ctx.settings.department_accounts}
        if meta.account and meta.account.lstrip("@").lower() in handles:
            return
        acc = ctx.check.account
        if acc is not None and acc.handle and acc.handle.lstrip("@").lower() in handles:
            return
        department, not_department, sender_label, facility = _patterns()
        for m in department.finditer(ctx.body):
            if not not_department.search(m.group(0)):
                return
        if sender_label.search(ctx.body) or facility.search(ctx.body):
            return
        if acc is not None and acc.name and acc.name in ctx.body:
            return  # the account's own name (逗子市立図書館) signs the post
        body = ctx.body
        lead = len(body) - len(body.lstrip())
        first_line_end = body.find("\n", lead)
        # A filled example, never 〇〇: a pasted placeholder would be FORM008. No number in
        # it: every phone number in a message or hint is masked in reports.
        example = "広報課"
        yield ctx.finding(
            lead,
            len(body.rstrip()) if first_line_end < 0 else first_line_end,
            "発信する所属（担当課）が本文に書かれていません。",
            "The post does not say which department sends it.",
            hint=f"末尾に所属を書いてください。例:（問い合わせ：{example}）、（{ctx.policy.name}立図書館）",
            hint_en=f"Add the sending department or facility, e.g. （問い合わせ：{example}） or （{ctx.policy.name}立図書館）.",
            missing="sender",  # something missing: reporters mark a point, not the line
        )
