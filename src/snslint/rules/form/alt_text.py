"""FORM003: an image without usable alternative text."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, Rule, RuleContext
from snslint.rules.registry import register

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
    what_it_does = (
        "添付画像（フロントマターの images）に代替テキスト（alt）がない、"
        "またはファイル名や「画像」のような5字未満の alt しかないものを見つけます。"
    )
    what_it_does_en = (
        "Finds attached images (front matter images) without alternative text, or whose alt is only "
        "the file name or under 5 characters."
    )
    why_it_matters = (
        "画面読み上げソフトを使う人には、代替テキストのない画像の内容が伝わりません。"
        "逗子市ガイドライン 3-4(4) は、投稿する画像に説明文を付けるなど、"
        "逗子市アクセシビリティガイドラインに基づく発信を求めています。"
    )
    why_it_matters_en = (
        "Screen-reader users get nothing from an image without alternative text. Zushi's guideline "
        "3-4(4) asks for a description on posted images, following the city's accessibility "
        "guideline."
    )
    failing = (
        Example(
            "---\nimages:\n  - path: hanabi2026.jpg\n---\n逗子海岸花火大会の様子です。", city="zushi",
            finds="hanabi2026.jpg",
            message="画像「hanabi2026.jpg」に代替テキスト（alt）がありません。",
            message_en="The image 'hanabi2026.jpg' has no alternative text (alt).",
        ),
        Example(
            "---\nimages:\n  - path: poster.png\n    alt: poster.png\n---\n防災講演会のポスターです。",
            city="kisarazu",
        ),
    )
    instead = Example("---\nimages:\n  - path: hanabi2026.jpg\n    alt: 逗子海岸の夜空に赤と金色の花火が開き、砂浜で見物する人たち\n---\n逗子海岸花火大会の様子です。（観光課）\n", city="zushi")
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
