"""FORM002: more hashtags than the platform takes or than people read, or ones that will not link."""

from __future__ import annotations

import re
from functools import cache
from typing import Iterator, Sequence

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings
from snslint.rules.form._shared import PLATFORM_JA
from snslint.rules.registry import register
from snslint.text.links import Link, find_links

@cache
def _hashtag() -> re.Pattern[str]:
    """A hashtag: ``#`` or ``＃`` not after a word character, then word characters (kana, kanji,
    latin, digits, ー). As in twitter-text ``extractHashtags``: a tag of digits only is no tag.
    Compiled on first use: most drafts hold no ``#``."""
    return re.compile(r"(?<![\w&#＃/])([#＃])(?!\ufe0f|\u20e3)([\w\u30fc\u309b\u309c\u00b7]+)")


def hashtags(text: str, links: Sequence[Link] | None = None) -> list[re.Match[str]]:
    """Hashtag matches in ``text`` (group 1 the sign, group 2 the tag), outside URLs (the
    links of :func:`snslint.text.links.find_links`, so ``page.html#access`` is no tag).
    ``links``: those links when the caller has them (a check does: ``CheckContext.links``)."""
    if "#" not in text and "＃" not in text:
        return []
    urls = [(link.start, link.end) for link in (find_links(text) if links is None else links)]
    out = []
    for m in _hashtag().finditer(text):
        if m.group(2).isdigit() or any(s <= m.start() < e for s, e in urls):
            continue
        out.append(m)
    return out


class HashtagSettings(RuleSettings):
    """``settings:`` of FORM002.

    Attributes:
        hard_limits: per platform, the most hashtags the platform takes; beyond it they are
            dropped or the post fails (Instagram Help Center: up to 30 per post). Reported at
            the policy's severity.
        readability_limits: per platform, more than this many is reported as a warning.
        note_fullwidth: note ``＃`` (U+FF03) hashtags on platforms that link only ``#``.
    """

    model_config = ConfigDict(extra="forbid")
    hard_limits: dict[str, int] = Field(default_factory=lambda: {"instagram": 30})
    readability_limits: dict[str, int] = Field(
        default_factory=lambda: {"x": 3, "facebook": 5, "instagram": 10, "threads": 3}
    )
    note_fullwidth: bool = True


@register
class HashtagLimit(Rule):
    """FORM002 hashtag-limit: too many hashtags, or hashtags that will not link.

    Over a platform's hard limit (Instagram 30, Instagram Help Center) at the policy's
    severity; over the readability limit of the settings (X 3, Facebook 5, Instagram 10,
    Threads 3 by default) a warning; a tag written with full-width ``＃`` an info note on
    platforms other than X (twitter-text's hash signs include U+FF03 so X links it; Instagram
    and Facebook link only ``#``). Hashtags inside URLs (``#section``) and all-digit tags are
    not counted. Without a platform only the full-width note applies.
    """

    code = "FORM002"
    name = "hashtag-limit"
    default_severity = Severity.WARNING
    Settings = HashtagSettings
    summary = "ハッシュタグが多すぎる、またはリンクにならない書き方です"
    summary_en = "Too many hashtags for the platform, or hashtags that will not link"
    what_it_does = (
        "媒体の上限（Instagram は1投稿30個まで）を超えるハッシュタグ、読みやすさの目安（X 3個、"
        "Facebook 5個など。設定で変更可）を超えるハッシュタグ、"
        "全角「＃」で書かれてリンクにならないハッシュタグを見つけます。URL の中の # "
        "や数字だけのタグは数えません。"
    )
    what_it_does_en = (
        "Finds more hashtags than the platform takes (Instagram: 30 per post), more than reads well "
        "(X 3, Facebook 5 ... configurable), and tags written with a full-width ＃ that do not link "
        "on Instagram or Facebook. A # inside a URL and number-only tags are not counted."
    )
    why_it_matters = (
        "上限を超えた投稿は媒体に受け付けられません。タグの多い投稿は本文が読みにくく、"
        "宣伝や迷惑投稿のように見えます。全角の＃はリンクにならないため、"
        "タグを付けた意味がありません。"
    )
    why_it_matters_en = (
        "The platform refuses a post over its limit; a post crowded with tags is hard to read and "
        "looks like spam or advertising; a full-width ＃ does not link, so the tag does nothing."
    )
    failing = (
        Example(
            "---\nplatform: x\n---\n逗子海岸で花火大会を開催します！ #逗子 #花火 #夏祭り #海 #神奈川",
            city="zushi",
            finds="#海 #神奈川",
            message="ハッシュタグが 5 個あります。X では 3 個までが読みやすさの目安です。",
            message_en="5 hashtags; up to 3 reads well on X.",
        ),
        Example("---\nplatform: instagram\n---\n紅葉が見頃です。＃鹿児島 ＃紅葉", city="kagoshima"),
    )
    instead = Example("---\nplatform: x\n---\n逗子海岸で花火大会を開催します！ #逗子 #花火大会\n", city="zushi")
    passing = (
        Example(
            "---\nplatform: x\n---\n逗子海岸で花火大会を開催します！ #逗子 #花火大会\n"
            "https://www.city.zushi.lg.jp/event/hanabi.html#access",
            city="zushi",
        ),
        Example("---\nplatform: instagram\n---\n紅葉が見頃です。 #鹿児島 #紅葉 #仙巌園", city="kagoshima"),
        Example("---\nplatform: instagram\n---\n受付番号 #1024 の方は窓口へお越しください。 #鹿児島市", city="kagoshima"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        settings: HashtagSettings = ctx.settings
        platform = ctx.check.platform
        tags = hashtags(ctx.body, ctx.check.links)
        name = PLATFORM_JA.get(platform or "", platform or "")
        hard = settings.hard_limits.get(platform or "")
        soft = settings.readability_limits.get(platform or "")
        if hard is not None and len(tags) > hard:
            first = tags[hard]
            yield ctx.finding(
                first.start(),
                tags[-1].end(),
                f"ハッシュタグが {len(tags)} 個あり、{name} の上限 {hard} 個を {len(tags) - hard} 個超えています"
                "（超えた分は付きません）。",
                f"{len(tags)} hashtags, {len(tags) - hard} over {name}'s limit of {hard} (the rest are dropped).",
                hint=f"{hard} 個以内に減らしてください。",
                hint_en=f"Keep at most {hard}.",
                count=len(tags),
                limit=hard,
            )
        elif soft is not None and len(tags) > soft:
            yield ctx.finding(
                tags[soft].start(),
                tags[-1].end(),
                f"ハッシュタグが {len(tags)} 個あります。{name} では {soft} 個までが読みやすさの目安です。",
                f"{len(tags)} hashtags; up to {soft} reads well on {name}.",
                hint="本文を読みやすくするため、大事なものに絞ってください。",
                hint_en="Keep the ones that matter.",
                severity=Severity.WARNING,
                count=len(tags),
                limit=soft,
            )
        if settings.note_fullwidth and platform != "x":
            for m in tags:
                if m.group(1) == "＃":
                    yield ctx.finding(
                        m.start(),
                        m.end(),
                        f"全角の「＃」で書かれたハッシュタグ「{m.group(0)}」は Instagram や Facebook ではリンクになりません。",
                        f"The hashtag '{m.group(0)}' uses a full-width ＃, which Instagram and Facebook do not link.",
                        hint=f"半角の「#{m.group(2)}」にしてください。",
                        hint_en=f"Write '#{m.group(2)}'.",
                        severity=Severity.INFO,
                        fix={
                            "start": ctx.draft.body_offset + m.start(1),
                            "end": ctx.draft.body_offset + m.end(1),
                            "replacement": "#",
                            "description": "全角の「＃」を半角の「#」にする / replace the full-width ＃ with #",
                        },
                    )
