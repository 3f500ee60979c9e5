"""FORM008: template leftovers (〇〇, XX, 【要確認】) in a post."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext
from snslint.rules.registry import register
from snslint.text.links import Link, find_links

_KANJI_NUM = "〇○◯零一二三四五六七八九十百千万億0-9０-９"
_PLACEHOLDER_FIRST = "〇○◯●◎△▲□■×✕✖＿（(XＸTF【\\[［"
"""Every character a :data:`_PLACEHOLDER` match can start with. The pattern begins with a
lookahead for them, so the engine skips every other position at once instead of trying each
branch there (in a post, most positions start no branch)."""

_PLACEHOLDER = re.compile(
    r"(?=[" + _PLACEHOLDER_FIRST + r"])(?:"
    r"(?P<run>([〇○◯])\2+|●{2,}|◎{2,}|△{2,}|▲{2,}|□{2,}|■{2,}|[×✕✖]{2,}|＿{2,})"
    r"|(?P<unit>(?<![" + _KANJI_NUM + r"])[〇○◯●×][年月日時分秒曜回](?![時間程付刻]))"
    r"|(?P<weekday>[（(][〇○◯●×][）)])"
    r"|(?P<xx>(?<![A-Za-z0-9_\-./:=?&%#@])[XＸ]{2,}(?![A-Za-z0-9_\-./]))"
    r"|(?P<todo>(?<![A-Za-z])(?:TODO|TBD|FIXME)(?![A-Za-z]))"
    r"|(?P<bracket>[【\[［(（]\s*(?:要確認|要修正|要記入|仮|未定|ダミー|ここに[^】\]］)）]{1,15})\s*[】\]］)）])"
    r")"
)
"""Template leftovers: runs of 〇○●××…, a single mark before 年月日時分 (○時○分), XX, TODO,
【要確認】, （仮）."""


def placeholders(text: str, links: Sequence[Link] | None = None) -> Iterator[tuple[int, int, str]]:
    """``(start, end, kind)`` of each template leftover in ``text``; ``links``: its links
    when the caller has them (a check does: ``CheckContext.links``).

    Not placeholders: 〇 as a kanji numeral (二〇二六年, 一〇〇周年), a single ○/●/× (a bullet,
    ○×クイズ, 3×3), a line made only of 5 or more marks (a separator), XX inside a URL or a
    model number (XX-100, XXL), anything inside a link (:func:`snslint.text.links.find_links`).
    """
    urls: list[tuple[int, int]] | None = None  # found on the first candidate only
    for m in _PLACEHOLDER.finditer(text):
        kind = m.lastgroup or ""
        start, end = m.span()
        if urls is None:
            urls = [(link.start, link.end) for link in (find_links(text) if links is None else links)]
        if any(s <= start < e for s, e in urls):
            continue
        if kind == "unit" and not text[text.rfind("\n", 0, start) + 1 : start].strip():
            continue  # ●日時：… a bullet at the start of a line
        if kind == "run":
            run = m.group(0)
            before = text[start - 1] if start else ""
            after = text[end] if end < len(text) else ""
            if run[0] in "〇○◯" and (
                (before and before in "零一二三四五六七八九十百千万億0123456789０１２３４５６７８９")
                or (after and after in "零一二三四五六七八九十百千万億0123456789０１２３４５６７８９")
            ):
                continue  # 二〇〇〇年, 一〇〇周年
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line = text[line_start : len(text) if line_end < 0 else line_end].strip()
            if len(run) >= 5 and line == run:
                continue  # ●●●●●● as a separator line
        yield start, end, kind


@register
class Placeholder(Rule):
    """FORM008 placeholder: unfilled template text left in a post about to go out.

    Finds runs of placeholder marks (〇〇, ○○, ●●, ××, △△, ＿＿), a single mark standing for a
    number before 年/月/日/時/分 (○時○分, 〇月〇日), XX, TODO/TBD/FIXME and bracketed notes
    (【要確認】, （仮）, [ここに日付]); see :func:`placeholders` for what is left alone. Error
    where the policy cites a clause: the 2013 Yokohama incident (incidents.md) was a prepared
    message posted with its ○時○分 still in it, and the zushi templates are full of 〇〇.
    """

    code = "FORM008"
    name = "placeholder"
    default_severity = Severity.WARNING
    summary = "テンプレートの未記入箇所（〇〇など）が残っています"
    summary_en = "Unfilled template text is left in the post"
    what_it_does = (
        "〇〇、●●、××、○時○分、XX、TODO、【要確認】、（仮）など、"
        "テンプレートの未記入箇所が残った下書きを見つけます。二〇二六年のような漢数字の〇、"
        "箇条書きの●、○×クイズは対象外です。"
    )
    what_it_does_en = (
        "Finds template leftovers (〇〇, ●●, ××, ○時○分, XX, TODO, 【要確認】, （仮）) in a draft "
        "about to go out. Kanji numerals (二〇二六年), bullets and ○×クイズ are left alone."
    )
    why_it_matters = (
        "2013年、横浜市の防災用アカウントで、"
        "ミサイル発射に備えて準備していた文面が「○時○分」のまま誤って投稿され、"
        "20分後に訂正されるまでに問い合わせが相次ぎ、市長が謝罪しました。五所川原市 第3条(4)、"
        "鹿児島市 5(4)、美祢市 第4 4(3) は正確な情報の発信を求めています。"
    )
    why_it_matters_en = (
        "In 2013 Yokohama's disaster account posted by mistake a message prepared in advance for a "
        "missile launch, its ○時○分 still unfilled; it was corrected 20 minutes later, after dozens "
        "of calls, and the mayor apologised. Goshogawara 第3条(4), Kagoshima 5(4) and Mine 第4 4(3) "
        "ask for accurate information."
    )
    failing = (
        Example(
            "【緊急】本日○時○分ごろ、市内で停電が発生しました。復旧の見込みは未定です。", city="zushi",
            finds="○時",
            message="テンプレートの未記入箇所「○時」が残っています。",
            message_en="Unfilled template text '○時' is left in the post.",
        ),
        Example("〇〇課からのお知らせです。12月の市民講座の申込を受け付けています。", city="kisarazu"),
        Example("防災訓練を12月6日に実施します。集合場所：【要確認】", city="kagoshima"),
    )
    instead = Example("【緊急】本日14時20分ごろ、市内の一部地域で停電が発生しました。復旧の見込みは未定です。（防災安全課）\n", city="zushi")
    passing = (
        Example("市制施行一〇〇周年記念式典を二〇二六年十一月三日に開催します。", city="zushi"),
        Example("○×クイズ大会を開催します！\n● 日時：12月6日（日）10時\n● 場所：市民会館", city="kisarazu"),
        Example("XXLサイズのTシャツも用意しています。型番XX-100は在庫切れです。", city="kagoshima"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        for start, end, kind in placeholders(body, ctx.check.links):
            found = body[start:end]
            soft = kind == "bracket" and "仮" in found
            yield ctx.finding(
                start,
                end,
                f"テンプレートの未記入箇所「{found}」が残っています。",
                f"Unfilled template text '{found}' is left in the post.",
                hint="実際の内容に書き換えるか、削除してください。",
                hint_en="Replace it with the real content or remove it.",
                severity=Severity.WARNING if soft else None,
                kind=kind,
            )
