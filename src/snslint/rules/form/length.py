"""FORM001: a post longer than its platform takes (X's weighted length, characters elsewhere)."""

from __future__ import annotations

import unicodedata
from typing import Iterator

from pydantic import ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext, RuleSettings
from snslint.rules.form._shared import PLATFORM_JA
from snslint.rules.registry import register
from snslint.text.weighted_length import measure, nfc_prefix_end

DEFAULT_LENGTH_LIMITS: dict[str, int] = {
    # X: 280 weighted characters, twitter-text config/v3.json maxWeightedTweetLength; X Help
    # Center "Counting characters" (X Premium long posts: raise it in the policy settings).
    "x": 280,
    # Instagram: captions up to 2,200 characters (Instagram Help Center, "Add a caption").
    "instagram": 2200,
    # Threads: posts up to 500 characters (Threads Help Center, "Post on Threads").
    "threads": 500,
    # Facebook: a post's text up to 63,206 characters (Meta, Facebook page post limit).
    "facebook": 63206,
    # LINE official account: a text message up to 5,000 characters (LINE Developers,
    # Messaging API reference, "Text message": text max 5000 characters).
    "line": 5000,
    # YouTube: description up to 5,000 characters (YouTube Help, "Add video titles &
    # descriptions"); the title (a draft's first line) up to 100: YOUTUBE_TITLE_LIMIT.
    "youtube": 5000,
}
"""Per-platform length limits: weighted characters for ``x``, characters for the others."""

YOUTUBE_TITLE_LIMIT = 100
"""YouTube video title limit in characters (YouTube Help, "Add video titles & descriptions")."""




class LengthSettings(RuleSettings):
    """``settings:`` of FORM001.

    Attributes:
        limits: per-platform limits replacing :data:`DEFAULT_LENGTH_LIMITS` (``x`` in weighted
            characters, e.g. 25000 for an X Premium account; the others in characters).
        youtube_title: the YouTube title limit in characters.
    """

    model_config = ConfigDict(extra="forbid")
    limits: dict[str, int] = Field(default_factory=dict)
    youtube_title: int = YOUTUBE_TITLE_LIMIT


@register
class LengthLimit(Rule):
    """FORM001 length-limit: the text is longer than the platform accepts.

    The platform is ``ctx.check.platform`` (``--platform``, front matter, or the account); with
    no platform nothing is measured. X counts twitter-text's weighted length (config v3: CJK
    2, URL 23, emoji 2; limit 280) via :func:`snslint.text.weighted_length.measure`; the others
    count characters (code points after NFC) against :data:`DEFAULT_LENGTH_LIMITS`. A YouTube
    draft's first line is the video title (limit 100) and the rest its description (5,000).
    Leading and trailing blank space of the body is not counted. The finding spans the part
    that does not fit and says by how much it is over.
    """

    code = "FORM001"
    name = "length-limit"
    default_severity = Severity.WARNING
    Settings = LengthSettings
    summary = "文字数が媒体の上限を超えています"
    summary_en = "The text is over the platform's length limit"
    what_it_does = (
        "媒体ごとの文字数上限を超える下書きを見つけます。X は twitter-text の重み付き文字数（config "
        "v3：日本語などは1字2、URLは長さに関係なく23、絵文字は2、上限280）で数えます。Instagram "
        "2,200字、Threads 500字、LINE 5,000字、Facebook 63,206字、YouTube "
        "は1行目をタイトル（100字）、残りを説明（5,000字）として数えます。"
        "指摘の範囲は収まらない部分です。"
    )
    what_it_does_en = (
        "Finds drafts longer than the platform accepts. X uses twitter-text's weighted length "
        "(config v3: Japanese 2 each, any URL 23, emoji 2; limit 280); Instagram 2,200 characters, "
        "Threads 500, LINE 5,000, Facebook 63,206; a YouTube draft's first line is the title (100) "
        "and the rest the description (5,000). The finding marks the part that does not fit."
    )
    why_it_matters = (
        "超えた分は投稿できないか、途中で切れて表示されます。"
        "告知では日時・会場・問い合わせ先など後半の大事な情報が読まれずに終わります。"
    )
    why_it_matters_en = (
        "The platform refuses the post or cuts it off, and the part that is lost, often the date, "
        "the place or the contact at the end of a notice, never reaches readers."
    )
    failing = (
        Example(
            "---\nplatform: x\n---\n"
            + "【お知らせ】木更津市では、令和8年12月5日（土）に市民会館で防災講演会を開催します。"
            * 5,
            city="kisarazu",
            finds="2月5日（土）に市民会館で防災講演会を開催します。【お知らせ】木更津市では、令和8年12月5日（土）に市民会館で防災講演会を開催します。",
            message=(
                "X の重み付き文字数が 410 で、上限 280 を 130 超えています（日本語は1字を2、"
                "URLは23と数えます）。"
            ),
            message_en=(
                "X weighted length is 410, 130 over the limit of 280 (Japanese counts 2 per "
                "character, a URL 23)."
            ),
        ),
        Example(
            "---\nplatform: youtube\n---\n"
            + "【逗子市】" + "海岸清掃ボランティア活動の様子をお届けします" * 8 + "\n本編は約5分です。",
            city="zushi",
        ),
    )
    instead = Example("---\nplatform: x\n---\n【お知らせ】12月5日（土）10時から市民会館で防災講演会を開催します。申込不要です。（危機管理課）\n", city="kisarazu")
    passing = (
        Example(
            "---\nplatform: x\n---\n"
            "【お知らせ】12月5日（土）10時から市民会館で防災講演会を開催します。"
            "申込不要、どなたでも参加できます。詳しくは市ホームページをご覧ください。"
            "https://www.city.kisarazu.lg.jp/kurashi/bousai/page000123.html",
            city="kisarazu",
        ),
        Example(
            "---\nplatform: instagram\n---\n"
            + "【お知らせ】木更津市では、令和8年12月5日（土）に市民会館で防災講演会を開催します。" * 5,
            city="kisarazu",
        ),
        Example("防災講演会を開催します。" * 40, city="kisarazu"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        platform = ctx.check.platform
        if platform is None:
            return
        settings: LengthSettings = ctx.settings
        limits = {**DEFAULT_LENGTH_LIMITS, **settings.limits}
        body = ctx.body
        lead = len(body) - len(body.lstrip())
        text = body.strip()
        name = PLATFORM_JA.get(platform, platform)
        if platform == "x":
            got = measure(text, limit=limits["x"])
            if got.over:
                start = lead + got.valid_end
                yield ctx.finding(
                    start,
                    lead + len(text),
                    f"X の重み付き文字数が {got.length} で、上限 {got.limit} を {got.over} 超えています"
                    "（日本語は1字を2、URLは23と数えます）。",
                    f"X weighted length is {got.length}, {got.over} over the limit of {got.limit} "
                    "(Japanese counts 2 per character, a URL 23).",
                    hint=f"あと {got.over}（日本語なら約 {(got.over + 1) // 2} 字）削ってください。印を付けた部分が上限を超えています。",
                    hint_en=f"Cut {got.over} weighted characters; the marked part is past the limit.",
                    weighted_length=got.length,
                    limit=got.limit,
                    over=got.over,
                    platform=platform,
                )
            return
        limit = limits.get(platform)
        parts: list[tuple[int, str, int, str, str]] = []  # (offset, text, limit, ja, en)
        if platform == "youtube":
            title, sep, desc = text.partition("\n")
            parts.append((lead, title, settings.youtube_title, "YouTube のタイトル（1行目）", "YouTube title (first line)"))
            if limit is not None:
                parts.append((lead + len(title) + len(sep), desc, limit, "YouTube の説明", "YouTube description"))
        elif limit is not None:
            parts.append((lead, text, limit, name, name))
        for offset, part, cap, what_ja, what_en in parts:
            n = len(unicodedata.normalize("NFC", part))
            if n <= cap:
                continue
            over = n - cap
            cut = cap if n == len(part) else nfc_prefix_end(part, cap)
            yield ctx.finding(
                offset + cut,
                offset + len(part),
                f"{what_ja}が {n} 字で、上限 {cap} 字を {over} 字超えています。",
                f"The {what_en} is {n} characters, {over} over the limit of {cap}.",
                hint=f"{over} 字以上削ってください。印を付けた部分が上限を超えています。",
                hint_en=f"Cut at least {over} characters; the marked part is past the limit.",
                length=n,
                limit=cap,
                over=over,
                platform=platform,
            )
