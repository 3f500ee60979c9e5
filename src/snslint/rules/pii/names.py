"""PII006: a private person's name."""

from __future__ import annotations

import re
from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.analysis import Morpheme
from snslint.text.masking import mask_name
from snslint.text.pii.common import line_bounds
from snslint.text.pii.names import HONORIFICS, NAME_LABELS, is_person, is_surname, public_role_re


@register
class PersonName(_PiiRule):
    """PII006 person-name: a private person's name.

    Sudachi 人名 morphemes (a 姓 is required) followed by さん/様/氏/君/くん/ちゃん/殿,
    or after 氏名：/名前：. Names in a public role (市長, 講師, 代表, 選手 ... in the same line
    before the name or in parentheses right after it) are not reported. Warning.
    """

    code = "PII006"
    tokenizes = True
    name = "person-name"
    default_severity = Severity.WARNING
    summary = "私人の氏名"
    summary_en = "A private person's name"
    what_it_does = (
        "「さん・様・氏・君・ちゃん」が付いた人名や「氏名：」に続く人名（Sudachi の人名、"
        "姓を含む）を見つけます。市長・議員などの公職者や、告知された講師・出演者（講師、代表、"
        "選手などの肩書きと並ぶもの）は公開が前提なので対象外です。報告では 山田 ** "
        "のように名を伏せます。"
    )
    what_it_does_en = (
        "Finds personal names (Sudachi person-name morphemes with a family name) followed by an "
        "honorific or after 氏名: labels. Officials and announced lecturers or performers are "
        "public and skipped. Reports mask the given name."
    )
    why_it_matters = (
        "公職者や告知された講師と違い、私人の氏名は本人の同意なく公開できません（五所川原市 "
        "第9条(9)、逗子市 3-1(1)イ など）。感謝を伝える投稿でも、"
        "載せる前に本人の了解を確かめてください。"
    )
    why_it_matters_en = (
        "Unlike officials and announced speakers, a private person's name may not be published "
        "without consent (Goshogawara 第9条(9), Zushi 3-1(1)イ ...). Even in a thank-you post, "
        "confirm the person agrees first."
    )
    failing = (
        Example(
            "市役所前で落とし物を拾ってくださった佐藤花子さん、ありがとうございました。",
            finds="佐藤 **",
            message=(
                "個人名（佐藤 **）が含まれています。公職者や告知済みの講師でなければ、"
                "本人の同意を確認してください。"
            ),
            message_en=(
                "A person's name (佐藤 **): unless it is an official's or an announced speaker's, "
                "confirm the person's consent."
            ),
        ),
        Example("【当選者】氏名：高橋 健一"),
    )
    instead = Example("市役所前で落とし物を拾ってくださった方、ありがとうございました。無事に持ち主の方へお返ししました。（市民課）\n", city="kisarazu")
    passing = (
        Example("市長 渡辺芳邦が、新庁舎の開庁式であいさつしました。"),
        Example("■講師 宮田恵一さん（NPO法人かずさ里山ネット代表）"),
        Example("図書館のおはなし会に、たねちゃんも登場します。みなさん、ぜひお越しください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        ms = ctx.analysis.morphemes
        used: set[int] = set()
        for i, m in enumerate(ms):
            if m.surface in HONORIFICS and m.pos[0] == "接尾辞":
                name = self._name_before(ms, i)
            elif m.surface in NAME_LABELS:
                name = self._name_after(ms, i)
            else:
                continue
            if not name or name[0] in used:
                continue
            first, last = name
            used.add(first)
            parts = ms[first : last + 1]
            if not any(is_surname(p) for p in parts):
                continue
            start, end = parts[0].begin, parts[-1].end
            if self._public_role(body, start, end):
                continue
            family_len = sum(len(p.surface) for p in parts if is_surname(p))
            masked = mask_name(body[start:end], family_len if any(not is_surname(p) and is_person(p) for p in parts) else len(body[start:end]))
            yield ctx.finding(
                start,
                end,
                f"個人名（{masked}）が含まれています。公職者や告知済みの講師でなければ、本人の同意を確認してください。",
                f"A person's name ({masked}): unless it is an official's or an announced speaker's, confirm the person's consent.",
                hint="同意がなければ「市内在住の方」などに言い換えるか、名前を削除してください。",
                hint_en="Without consent, say e.g. 'a resident' or remove the name.",
                text=masked,
            )

    @staticmethod
    def _name_before(ms: list[Morpheme], i: int) -> tuple[int, int] | None:
        j = i - 1
        if j < 0 or not is_person(ms[j]) or ms[j].end != ms[i].begin:
            return None
        last = j
        while j - 1 >= 0:
            prev = ms[j - 1]
            if is_person(prev) and prev.end == ms[j].begin:
                j -= 1
            elif prev.pos[0] == "空白" and j - 2 >= 0 and is_surname(ms[j - 2]) and len(prev.surface) == 1:
                j -= 2
            else:
                break
        return j, last

    @staticmethod
    def _name_after(ms: list[Morpheme], i: int) -> tuple[int, int] | None:
        j = i + 1
        while j < len(ms) and (ms[j].surface in (":", "：", "　", " ") or ms[j].pos[0] in ("空白", "補助記号")) and j - i <= 3:
            j += 1
        if j >= len(ms) or not is_person(ms[j]):
            return None
        first = last = j
        k = j + 1
        while k < len(ms):
            if is_person(ms[k]) and ms[k].begin == ms[last].end:
                last = k
            elif ms[k].pos[0] == "空白" and k + 1 < len(ms) and is_person(ms[k + 1]) and len(ms[k].surface) == 1:
                last = k + 1
                k += 1
            else:
                break
            k += 1
        return first, last

    @staticmethod
    def _public_role(body: str, start: int, end: int) -> bool:
        ls, le = line_bounds(body, start, end)
        if public_role_re().search(body, max(ls, start - 25), start):
            return True
        after = body[end : min(le, end + 45)]
        m = re.match(r"^(?:さん|様|さま|氏|君|くん|ちゃん|殿)?\s*[（(]([^）)]*)[）)]", after)
        if m and public_role_re().search(m.group(1)):
            return True
        # 山田太郎市長 / 山田会長 written as a title right after the name
        return bool(re.match(r"^\s*(?:市長|副市長|町長|村長|知事|議長|議員|教育長|会長|理事長|社長|館長|校長|先生|選手|監督|教授)", after))
