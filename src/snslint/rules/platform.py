"""FORM family: platform form (length, hashtags, alt text) and procedure (replies, approval).

Platform limits are the platforms' own, not a city's: the policies cite a clause where the
city's document asks for the same thing (e.g. zushi 3-4(4) alternative text) and leave the
rule at warning elsewhere. Lengths are in *characters* (Unicode code points after NFC) for
every platform except X, whose unit is the twitter-text weighted length
(:mod:`snslint.text.weighted_length`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import Iterator

from pydantic import BaseModel, ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.rules.registry import register
from snslint.rules.api import Example, Rule, RuleContext
from snslint.text.links import find_links
from snslint.text.weighted_length import measure, nfc_prefix_end

PLATFORM_JA = {
    "x": "X",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "line": "LINE",
    "youtube": "YouTube",
    "threads": "Threads",
}

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


def _fm_span(ctx: RuleContext, key: str) -> tuple[int, int]:
    """File offsets of front-matter ``key``'s value, else of the opening ``---`` line."""
    span = ctx.draft.key_spans.get(key)
    if span is not None:
        return span
    return (0, min(3, ctx.draft.body_offset)) if ctx.draft.body_offset else (0, 0)


def _fm_finding(ctx: RuleContext, key: str, ja: str, en: str, **kw) -> Finding:
    start, end = _fm_span(ctx, key)
    if not ctx.draft.body_offset:  # no front matter: point at the start of the body
        return ctx.finding(0, 0, ja, en, **kw)
    return ctx.finding(start, end, ja, en, in_body=False, **kw)


# --------------------------------------------------------------------------- FORM001


class LengthSettings(BaseModel):
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
    explanation = (
        "(ja) 媒体ごとの文字数上限を超える下書きを見つけます。X は twitter-text の重み付き文字数"
        "（config v3：日本語などは1字2、URLは長さに関係なく23、絵文字は2、上限280）で数えます。"
        "Instagram 2,200字、Threads 500字、LINE 5,000字、Facebook 63,206字、YouTube は1行目をタイトル"
        "（100字）、残りを説明（5,000字）として数えます。超えた分は投稿できないか切れて表示されます。\n"
        "(en) Finds drafts longer than the platform accepts. X uses twitter-text's weighted length "
        "(config v3: Japanese 2 each, any URL 23, emoji 2; limit 280); Instagram 2,200 characters, "
        "Threads 500, LINE 5,000, Facebook 63,206; a YouTube draft's first line is the title (100) "
        "and the rest the description (5,000). The finding marks the part that does not fit."
    )
    failing = (
        Example(
            "---\nplatform: x\n---\n"
            + "【お知らせ】木更津市では、令和8年12月5日（土）に市民会館で防災講演会を開催します。"
            * 5,
            city="kisarazu",
        ),
        Example(
            "---\nplatform: youtube\n---\n"
            + "【逗子市】" + "海岸清掃ボランティア活動の様子をお届けします" * 8 + "\n本編は約5分です。",
            city="zushi",
        ),
    )
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


# --------------------------------------------------------------------------- FORM002

_HASHTAG = re.compile(r"(?<![\w&#＃/])([#＃])(?!\ufe0f|\u20e3)([\w\u30fc\u309b\u309c\u00b7]+)")
"""A hashtag: ``#`` or ``＃`` not after a word character, then word characters (kana, kanji,
latin, digits, ー). As in twitter-text ``extractHashtags``: a tag of digits only is no tag."""


def hashtags(text: str) -> list[re.Match[str]]:
    """Hashtag matches in ``text`` (group 1 the sign, group 2 the tag), outside URLs (the
    links of :func:`snslint.text.links.find_links`, so ``page.html#access`` is no tag)."""
    if "#" not in text and "＃" not in text:
        return []
    urls = [(link.start, link.end) for link in find_links(text)]
    out = []
    for m in _HASHTAG.finditer(text):
        if m.group(2).isdigit() or any(s <= m.start() < e for s, e in urls):
            continue
        out.append(m)
    return out


class HashtagSettings(BaseModel):
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
    explanation = (
        "(ja) 媒体の上限（Instagram は1投稿30個まで）を超えるハッシュタグ、読みやすさの目安"
        "（X 3個、Facebook 5個など。設定で変更可）を超えるハッシュタグ、全角「＃」で書かれて"
        "リンクにならないハッシュタグを見つけます。URL の中の # や数字だけのタグは数えません。\n"
        "(en) Finds more hashtags than the platform takes (Instagram: 30 per post), more than "
        "reads well (X 3, Facebook 5 ... configurable), and tags written with a full-width ＃ "
        "that do not link on Instagram or Facebook."
    )
    failing = (
        Example(
            "---\nplatform: x\n---\n逗子海岸で花火大会を開催します！ #逗子 #花火 #夏祭り #海 #神奈川",
            city="zushi",
        ),
        Example("---\nplatform: instagram\n---\n紅葉が見頃です。＃鹿児島 ＃紅葉", city="kagoshima"),
    )
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
        tags = hashtags(ctx.body)
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


# --------------------------------------------------------------------------- FORM003

MIN_ALT_CHARS = 5
"""An ``alt`` shorter than this many characters (after trimming) says too little."""


def _image_spans(ctx: RuleContext) -> list[tuple[int, int]]:
    """File offsets of each image's ``path`` value in the front matter, in order.

    Falls back to the whole ``images:`` value when a path cannot be found as written.
    """
    whole = ctx.draft.key_spans.get("images", (0, 0))
    text = ctx.draft.text
    out = []
    pos = whole[0]
    for image in ctx.draft.meta.images:
        i = text.find(image.path, pos, whole[1]) if image.path else -1
        if i < 0:
            out.append(whole)
        else:
            out.append((i, i + len(image.path)))
            pos = i + len(image.path)
    return out


@register
class MissingAltText(Rule):
    """FORM003 missing-alt-text: an image in ``images:`` has no usable ``alt``.

    No ``alt`` (or an empty one): the policy's severity (zushi 3-4(4) requires alternative
    text: error there). An ``alt`` that is only the file name (with or without extension) or
    shorter than :data:`MIN_ALT_CHARS` characters (画像, 写真): a warning. The finding points at
    the image's ``path`` in the front matter.
    """

    code = "FORM003"
    name = "missing-alt-text"
    default_severity = Severity.WARNING
    summary = "画像に代替テキストがありません"
    summary_en = "An image has no alternative text"
    explanation = (
        "(ja) 添付画像（フロントマターの images）に代替テキスト（alt）がない、またはファイル名や"
        "「画像」のような5字未満の alt しかないものを見つけます。画面読み上げソフトを使う人には"
        "画像の内容が伝わりません（逗子市ガイドライン 3-4(4)）。\n"
        "(en) Finds attached images (front matter images) without alternative text, or whose alt "
        "is only the file name or under 5 characters; screen-reader users get nothing from them "
        "(zushi guideline 3-4(4))."
    )
    failing = (
        Example("---\nimages:\n  - path: hanabi2026.jpg\n---\n逗子海岸花火大会の様子です。", city="zushi"),
        Example(
            "---\nimages:\n  - path: poster.png\n    alt: poster.png\n---\n防災講演会のポスターです。",
            city="kisarazu",
        ),
    )
    passing = (
        Example(
            "---\nimages:\n  - path: hanabi2026.jpg\n    alt: 逗子海岸の夜空に大輪の花火が上がる様子\n---\n"
            "逗子海岸花火大会の様子です。",
            city="zushi",
        ),
        Example("逗子海岸花火大会は明日開催です。", city="zushi"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        images = ctx.draft.meta.images
        if not images:
            return
        for image, (start, end) in zip(images, _image_spans(ctx)):
            alt = (image.alt or "").strip()
            p = PurePosixPath(image.path.replace("\\", "/"))
            if not alt:
                yield ctx.finding(
                    start,
                    end,
                    f"画像「{p.name}」に代替テキスト（alt）がありません。",
                    f"The image '{p.name}' has no alternative text (alt).",
                    hint="alt: に画像の内容を文で書いてください（例：「花火が夜空に上がる様子」）。",
                    hint_en="Describe the image in an alt: line.",
                    in_body=False,
                )
            elif alt in (p.name, p.stem) or len(alt) < MIN_ALT_CHARS:
                yield ctx.finding(
                    start,
                    end,
                    f"画像「{p.name}」の代替テキスト「{alt}」では内容が伝わりません。",
                    f"The alternative text '{alt}' of '{p.name}' does not describe the image.",
                    hint="ファイル名や「画像」ではなく、何が写っているかを書いてください。",
                    hint_en="Say what the image shows, not its file name.",
                    severity=Severity.WARNING,
                    in_body=False,
                )


# --------------------------------------------------------------------------- FORM004


class ReplySettings(BaseModel):
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
    explanation = (
        "(ja) フロントマターが type: reply の下書きで、市の運用方針が「コメントには返信しない」"
        "と定めているものを見つけます（木更津市 8、五所川原市 第8条2、美祢市 第4 2(6)、逗子市の"
        "運用ポリシー 3）。アカウントごとの replies 設定があればそれに従います。五所川原市では"
        "政府機関・地方公共団体への返信（reply_to_government: true）は対象外です。\n"
        "(en) Finds replies (type: reply) where the city's policy says it does not reply to "
        "comments; an account's replies: setting overrides; goshogawara allows replies to "
        "government bodies (reply_to_government: true)."
    )
    failing = (
        Example("---\ntype: reply\n---\nご意見ありがとうございます。担当課に伝えます。", city="kisarazu"),
    )
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
    explanation = (
        "(ja) フロントマターが type: dm の下書きで、市の運用方針がメッセージ送信機能の利用を"
        "禁じているものを見つけます（五所川原市 第7条2）。管理者が特に必要と認めた場合は、"
        "snslint: ignore に理由を書いて抑止してください。\n"
        "(en) Finds direct messages (type: dm) where the policy forbids the messaging feature "
        "(goshogawara 第7条2); when the administrator allows one, suppress it with a reason."
    )
    failing = (Example("---\ntype: dm\n---\nお問い合わせの件、担当よりご連絡いたします。", city="kisarazu"),)
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


# --------------------------------------------------------------------------- FORM006


class ApprovalSettings(BaseModel):
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
    explanation = (
        "(ja) 投稿前の承認（所属長・アカウント管理者の了承）を求める運用で、フロントマターに"
        "approved_by（承認者）が書かれていない下書きを見つけます。承認の記録方法は課ごとに違うため"
        "既定では無効で、設定やポリシーの extends で有効にします。\n"
        "(en) Finds drafts without approved_by where the office requires approval before "
        "posting (kagoshima 5(1), goshogawara 第8条(1), zushi 3-2(1)ウ); off by default, turned "
        "on by a deployment."
    )
    failing = (Example("---\nplatform: x\n---\n本日の市長の動静です。", city="kagoshima"),)
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


# --------------------------------------------------------------------------- FORM007

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
    explanation = (
        "(ja) type: correction の下書きで、本文に「訂正」「お詫び」「誤り」「正しくは」などの"
        "訂正であることを示す言葉がないものを見つけます。黙って差し替えると、前の投稿を見た人に"
        "誤りが伝わりません（逗子市 3-5(1)「訂正した旨を明記」、鹿児島市 8(2)）。\n"
        "(en) Finds corrections (type: correction) whose text does not say it corrects an "
        "earlier post (訂正, お詫び, 誤り, 正しくは ...), as zushi 3-5(1) and kagoshima 8(2) ask."
    )
    failing = (
        Example(
            "---\ntype: correction\n---\n市民講座は12月6日（日）10時から、市役所5階会議室で開催します。",
            city="zushi",
        ),
    )
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


# --------------------------------------------------------------------------- FORM008

_KANJI_NUM = "〇○◯零一二三四五六七八九十百千万億0-9０-９"
_PLACEHOLDER_FIRST = "〇○◯●◎△▲□■×✕✖＿（(XＸTF【\\[［"
"""Every character a :data:`_PLACEHOLDER` match can start with. The pattern begins with a
lookahead for them, so the engine skips every other position at once (about 13 times faster
on a 350-character post, where most positions start no branch)."""

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


def placeholders(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, kind)`` of each template leftover in ``text``.

    Not placeholders: 〇 as a kanji numeral (二〇二六年, 一〇〇周年), a single ○/●/× (a bullet,
    ○×クイズ, 3×3), a line made only of 5 or more marks (a separator), XX inside a URL or a
    model number (XX-100, XXL), anything inside a link (:func:`snslint.text.links.find_links`).
    """
    urls: list[tuple[int, int]] | None = None  # found on the first candidate only
    for m in _PLACEHOLDER.finditer(text):
        kind = m.lastgroup or ""
        start, end = m.span()
        if urls is None:
            urls = [(link.start, link.end) for link in find_links(text)]
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
    explanation = (
        "(ja) 〇〇、●●、××、○時○分、XX、TODO、【要確認】、（仮）など、テンプレートの未記入箇所が"
        "残った下書きを見つけます。2013年には準備していた文面が「○時○分」のまま誤って投稿され、"
        "問い合わせが殺到しました。二〇二六年のような漢数字の〇、箇条書きの●、○×クイズは対象外です。\n"
        "(en) Finds template leftovers (〇〇, ●●, ××, ○時○分, XX, TODO, 【要確認】, （仮）) in a "
        "draft about to go out, as in the 2013 incident where a prepared message went out with "
        "its ○時○分 unfilled. Kanji numerals (二〇二六年), bullets and ○×クイズ are left alone."
    )
    failing = (
        Example("【緊急】本日○時○分ごろ、市内で停電が発生しました。復旧の見込みは未定です。", city="zushi"),
        Example("〇〇課からのお知らせです。12月の市民講座の申込を受け付けています。", city="kisarazu"),
        Example("防災訓練を12月6日に実施します。集合場所：【要確認】", city="kagoshima"),
    )
    passing = (
        Example("市制施行一〇〇周年記念式典を二〇二六年十一月三日に開催します。", city="zushi"),
        Example("○×クイズ大会を開催します！\n● 日時：12月6日（日）10時\n● 場所：市民会館", city="kisarazu"),
        Example("XXLサイズのTシャツも用意しています。型番XX-100は在庫切れです。", city="kagoshima"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        body = ctx.body
        for start, end, kind in placeholders(body):
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


# --------------------------------------------------------------------------- FORM009

_DEPT_NOUN = r"[一-龥々ァ-ヶー]"
_DEPARTMENT = re.compile(_DEPT_NOUN + r"{1,14}(?:課|係|室|局|センター|事務所|本部|担当)(?![題税程金外目る])")
_SENDER_LABEL = re.compile(r"(?:担当|発信|所管|主催)(?:課|部署|部局|者)?\s*[:：]\s*[^\d\s０-９()（）]{2,}")
"""An explicit sender label followed by a name (「担当：教育部 図書館」), not a bare number."""
_NOT_DEPARTMENT = re.compile(r"(?:日|放)課$|(?:関|連|無)係$|(?:会議|和|教|展示|待合|休憩|更衣|控|客|個|浴|研修|相談|授乳)室$")
_FACILITY_NAME = (
    _DEPT_NOUN
    + r"{0,14}(?:図書館|公民館|美術館|博物館|資料館|体育館|児童館|記念館|文化会館|市民会館|交流館|保健所|"
    r"出張所|支所|市役所|町役場|村役場|消防署|教育委員会|選挙管理委員会|議会事務局|病院|診療所|保育園|こども園)"
)
_FACILITY = re.compile(
    r"[（(][^（()）\n]{0,30}" + _FACILITY_NAME + r"[^（()）\n]{0,30}[）)]|^[ \t　]*" + _FACILITY_NAME + r"[ \t　]*$",
    re.MULTILINE,
)
"""A public facility signing its own post (（逗子市立図書館）, a line 「沼間公民館」): its name
identifies the sender as well as a 課 does (センター, 事務所, 本部 are in :data:`_DEPARTMENT`).
Only as a signature, in brackets or alone on a line: 「市役所5階会議室で」 names a place."""


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

    class Settings(BaseModel):
        """``settings:`` of FORM009: ``department_accounts``: handles that identify the sender."""

        model_config = ConfigDict(extra="forbid")
        department_accounts: list[str] = Field(default_factory=list)

    code = "FORM009"
    name = "poster-unidentified"
    default_severity = Severity.INFO
    summary = "発信する担当課がわかりません"
    summary_en = "The post does not say which department sends it"
    explanation = (
        "(ja) 本文に発信する所属（〇〇課、〇〇係、〇〇センター、〇〇担当など）が書かれていない"
        "投稿を見つけます。逗子市ガイドライン 3-1(3)イは、情報の信頼性を高めるために発信者の"
        "所属を明らかにするよう求めています。課のアカウントから出す場合は設定で除外できます。\n"
        "(en) Finds posts that do not say which department sends them (〇〇課, 〇〇係, 〇〇担当); "
        "zushi 3-1(3)イ asks the sender's department to be clear. Department accounts can be exempted."
    )
    failing = (
        Example("明日は燃えるごみの収集日です。朝8時30分までに出してください。", city="zushi"),
        Example("おはなし会を開きます。\n問い合わせ：046-873-1111", city="zushi"),
    )
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
        for m in _DEPARTMENT.finditer(ctx.body):
            if not _NOT_DEPARTMENT.search(m.group(0)):
                return
        if _SENDER_LABEL.search(ctx.body) or _FACILITY.search(ctx.body):
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


# --------------------------------------------------------------------------- FORM010

_MACHINE_DEPENDENT = re.compile(
    # The union of the classes below, first, so the engine skips every other position at once.
    r"(?=[\uff61-\uff9f\u2460-\u24ff\u2776-\u2793\u2160-\u217f\u3220-\u3243\u3280-\u32b0\u3300-\u33ff\u2116\u2121\u2122])"
    r"(?:[\uff61-\uff9f]+"  # half-width katakana and punctuation
    r"|[\u2460-\u24ff\u2776-\u2793]"  # circled / parenthesized numbers ①⑴⒈
    r"|[\u2160-\u217f]"  # Roman numerals Ⅰ Ⅱ ⅰ
    r"|[\u3220-\u3243\u3280-\u32b0]"  # ㈱ ㈲ ㊤ ㊥
    r"|[\u3300-\u33ff]"  # ㌔ ㍻ ㎏ ㏄ (CJK compatibility squares)
    r"|[\u2116\u2121\u2122])"  # № ℡ ™
)


@register
class MachineDependentCharacter(Rule):
    """FORM010 machine-dependent-character: characters that read or render badly.

    Not in the catalog's FORM001-009: added for accessibility (zushi 3-4(4)). Half-width
    katakana (ｶﾀｶﾅ) and environment-dependent characters (機種依存文字: ①, ⑴, Ⅳ, ㈱, ㍻, ㌔,
    ㎏, №, ℡) that screen readers read oddly or some devices render as boxes; the hint gives
    the plain replacement (their NFKC form: ① -> 1, ㈱ -> (株), ㍻ -> 平成, ｶﾀｶﾅ -> カタカナ).
    Info, whatever the policy says.
    """

    code = "FORM010"
    name = "machine-dependent-character"
    default_severity = Severity.INFO
    summary = "半角カナや機種依存文字が使われています"
    summary_en = "Half-width katakana or environment-dependent characters"
    explanation = (
        "(ja) 半角カタカナや、①・㈱・㍻・㌔などの機種依存文字を見つけます。画面読み上げソフトで"
        "正しく読まれなかったり、端末によって表示が崩れたりします（逗子市ガイドライン 3-4(4)"
        "アクセシビリティ）。置き換え後の文字を示します。\n"
        "(en) Finds half-width katakana and environment-dependent characters (①, ㈱, ㍻, ㌔) that "
        "screen readers read badly or some devices render poorly, with the plain replacement."
    )
    failing = (Example("申込方法：①電話 ②窓口\nｲﾍﾞﾝﾄ会場は㈱逗子建設の駐車場です。", city="zushi"),)
    passing = (
        Example("申込方法：(1)電話 (2)窓口\nイベント会場は株式会社逗子建設の駐車場です。", city="zushi"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for m in _MACHINE_DEPENDENT.finditer(ctx.body):
            found = m.group(0)
            plain = unicodedata.normalize("NFKC", found)
            if plain == found:
                continue
            yield ctx.finding(
                m.start(),
                m.end(),
                f"「{found}」は読み上げソフトや端末によって正しく読まれない・表示されないことがあります。",
                f"'{found}' may be read or shown wrongly by screen readers or some devices.",
                hint=f"「{plain}」と書いてください。",
                hint_en=f"Write '{plain}'.",
                severity=Severity.INFO,
                replacement=plain,
                fix={
                    "start": ctx.draft.body_offset + m.start(),
                    "end": ctx.draft.body_offset + m.end(),
                    "replacement": plain,
                    "description": f"「{found}」を「{plain}」にする / replace '{found}' with '{plain}'",
                },
            )
