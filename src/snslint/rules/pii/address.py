"""PII005: a street-level address of what looks like a private residence."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.analysis import NormalizedView
from snslint.text.masking import mask_address
from snslint.text.pii.address import ADDRESS_TAIL_RE, PLACE_JOINERS, PRIVATE_HOME_WORDS, facility_re, is_place
from snslint.text.pii.common import line_bounds, prev_line_start
from snslint.text.pii.names import is_surname


@register
class StreetAddress(_PiiRule):
    """PII005 street-address: a street-level address (番地, 番, 号, 1-2-3) after a place name.

    Anchored on Sudachi's place-name part of speech (名詞,固有名詞,地名); ``丁目`` alone
    (a neighbourhood) is not street level. Severity by the context of the address's line
    (and the line before, for venue labels): 自宅/宅 -> warning; a person's name without a
    facility or venue word -> warning; otherwise (venues, offices, facilities) info.
    """

    code = "PII005"
    tokenizes = True
    name = "street-address"
    default_severity = Severity.WARNING
    summary = "個人宅と思われる番地までの住所"
    summary_en = "A street-level address of what looks like a private residence"
    what_it_does = (
        "地名（Sudachi の 名詞,固有名詞,地名）に続く番地・号・「1-2-3」形式の住所を見つけます。"
        "会場・施設・事務所の所在地は市の投稿で日常的に使われるため情報どまりとし、"
        "「自宅」「〇〇さん宅」や個人名と並んだ住所は警告します。報告では逗子市逗子*-*-** "
        "のように町名より後を伏せます。"
    )
    what_it_does_en = (
        "Finds street-level addresses (house numbers) after a place name. Venue and facility "
        "addresses are normal in city posts and only info; an address next to a person's name or "
        "自宅/宅 is a warning. Reports mask everything after the town name."
    )
    why_it_matters = (
        "個人の住所を本人の同意なく公開すると、その人の暮らしや安全を脅かすおそれがあり、"
        "各市の運用方針が禁じる個人情報の掲載にあたります（五所川原市 第9条(9)、木更津市 10(9) "
        "など）。"
    )
    why_it_matters_en = (
        "An address published without consent can put the person's home life and safety at risk, "
        "and it breaks every city's personal-data clause (Goshogawara 第9条(9), Kisarazu 10(9) "
        "...)."
    )
    failing = (
        Example(
            "迷い犬を保護しています。お心当たりの方は、山田太郎さんの自宅（木更津市富士見2丁目4番7号）まで。",
            finds="木更津市富士見*丁目*番*号",
            message=(
                "個人の住所と思われる番地までの住所（木更津市富士見*丁目*番*号）があります（「自宅」「宅」の記載）。"
                "本人の同意なく公開できません。"
            ),
            message_en=(
                "A street-level address (木更津市富士見*丁目*番*号) that looks like a private "
                "residence: it may not be published without consent."
            ),
        ),
        Example("表彰者：鈴木一郎さん 君津市久保3-12-8"),
    )
    instead = Example("迷い犬を保護しています。お心当たりの方は、市役所 環境管理課までお問い合わせください。\n", city="kisarazu")
    passing = (
        Example("福山市久松台3丁目付近で林野火災が発生しました。消防車の通行にご協力ください。"),
        Example("〒292-8501 千葉県木更津市朝日 木更津市役所 市民課"),
        Example("国道16号の木更津市内2か所で、4月1日から夜間工事を行います。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        ms = ctx.analysis.morphemes
        seen_end = -1
        # Place names first, in one comprehension (the test of is_place inlined: a call per
        # morpheme was most of the cost).
        places = [i for i, m in enumerate(ms) if len(m.pos) > 2 and m.pos[2] == "地名" and m.pos[1] == "固有名詞"]
        for i in places:
            m = ms[i]
            if m.end <= seen_end:
                continue
            if i + 1 < len(ms) and (is_place(ms[i + 1]) or ms[i + 1].surface in PLACE_JOINERS) and ms[i + 1].begin == m.end:
                continue  # the chain goes on: anchor on its last place name
            piece = NormalizedView.of(body[m.end : m.end + 40])
            tail = ADDRESS_TAIL_RE.match(piece.text)
            if not tail:
                continue
            t_start, t_end = piece.span(0, tail.end())
            end = m.end + t_end
            if end < len(body) and body[end].isdecimal():
                continue
            j = i
            while j > 0 and ms[j - 1].end == ms[j].begin and (is_place(ms[j - 1]) or ms[j - 1].surface in PLACE_JOINERS):
                j -= 1
            start = ms[j].begin
            seen_end = end
            keep = m.end - start
            masked = mask_address(body[start:end], keep)
            severity, why = self._severity(ctx, start, end)
            if severity is Severity.WARNING:
                msg_ja = f"個人の住所と思われる番地までの住所（{masked}）があります（{why}）。本人の同意なく公開できません。"
                msg_en = f"A street-level address ({masked}) that looks like a private residence: it may not be published without consent."
            else:
                msg_ja = f"番地までの住所（{masked}）があります。施設や会場の所在地なら問題ありません。個人宅でないか確認してください。"
                msg_en = f"A street-level address ({masked}): fine for a facility or venue; check that it is not a private home."
            yield ctx.finding(
                start,
                end,
                msg_ja,
                msg_en,
                hint="個人の住所は町名まで（例：木更津市富士見）にとどめるか、削除してください。",
                hint_en="Give a person's address only down to the town name, or remove it.",
                severity=severity,
                text=masked,
            )

    @staticmethod
    def _severity(ctx: RuleContext, start: int, end: int) -> tuple[Severity, str]:
        body = ctx.body
        ls, le = line_bounds(body, start, end)
        line_ms = [m for m in ctx.analysis.morphemes if ls <= m.begin < le]
        for k, m in enumerate(line_ms):
            if m.surface in PRIVATE_HOME_WORDS:
                return Severity.WARNING, "「自宅」「宅」の記載"
            if is_surname(m) and k + 1 < len(line_ms) and line_ms[k + 1].surface == "方":
                return Severity.WARNING, "「〇〇方」の記載"
        has_person = any(is_surname(m) for m in line_ms if m.end <= start or m.begin >= end)
        context = body[prev_line_start(body, ls) : start] + body[end:le]
        if has_person and not facility_re().search(context):
            return Severity.WARNING, "個人名と並んだ住所"
        return Severity.INFO, ""
