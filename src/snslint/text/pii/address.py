"""Street-level addresses: the street part after a place name, venue words, private-home words."""

from __future__ import annotations

import re
from functools import cache

from snslint.text.analysis import Morpheme
from snslint.text.pii.common import HYPHENS

ADDRESS_TAIL_RE = re.compile(
    rf"""
    (?:[0-9〇一二三四五六七八九十]{{1,3}}丁目)?
    [0-9]{{1,5}}
    (?:
        番地?(?:の?[0-9]{{1,5}}(?:号|番地?)?(?:[{HYPHENS}][0-9]{{1,4}})?)?
      | 番(?=[^0-9])?
      | (?:[{HYPHENS}][0-9]{{1,5}}){{1,2}}(?:号)?
    )
    """,
    re.VERBOSE,
)
"""The street part after a town name: ``5-2-16``, ``1丁目2番3号``, ``2丁目88-1``,
``14番地``, ``428番地の3``, ``三丁目10番19号`` (NFKC text)."""

PLACE_JOINERS = frozenset({"大字", "字", "都", "道", "府", "県", "市", "区", "町", "村", "郡"})
"""Morphemes that join place names into one address (大字, 字, 都道府県, 市区町村, 郡)."""


@cache
def facility_re() -> re.Pattern[str]:
    """Words that make an address a facility's or venue's (public in city posts). Compiled on
    first use: only an address next to a person's name needs it."""
    return re.compile(
        "会場|場所|所在地|ところ|開催地|集合|〒|市役所|区役所|役所|役場|庁舎|公民館|センター|図書館|会館|ホール|"
        "体育館|学校|校舎|大学|病院|医院|診療所|クリニック|保育園|保育所|幼稚園|こども園|警察署|消防署|交番|郵便局|"
        "駅|公園|美術館|博物館|資料館|施設|事務所|支所|出張所|会社|\\(株\\)|（株）|協会|組合|寺|神社|教会|ホテル|"
        "旅館|店|広場|プラザ|ドーム|スタジアム|避難所|営業所|工場|本社|支店"
    )


PRIVATE_HOME_WORDS = frozenset({"自宅", "宅", "お宅", "私宅", "実家", "居宅", "自邸"})


def is_place(m: Morpheme) -> bool:
    """True for a Sudachi place-name morpheme (名詞,固有名詞,地名)."""
    pos = m.pos
    return len(pos) > 2 and pos[2] == "地名" and pos[1] == "固有名詞"
