"""Personal names: Sudachi person-name morphemes, honorifics, name labels, public roles."""

from __future__ import annotations

import re
from functools import cache

from snslint.text.analysis import Morpheme


def is_person(m: Morpheme) -> bool:
    """True for a Sudachi person-name morpheme (名詞,固有名詞,人名: family or given name)."""
    return len(m.pos) > 2 and m.pos[1] == "固有名詞" and m.pos[2] == "人名"


def is_surname(m: Morpheme) -> bool:
    """True for a Sudachi family-name morpheme (名詞,固有名詞,人名,姓)."""
    return is_person(m) and len(m.pos) > 3 and m.pos[3] == "姓"


HONORIFICS = frozenset({"さん", "様", "さま", "氏", "君", "くん", "ちゃん", "殿"})

NAME_LABELS = frozenset({"氏名", "名前", "お名前", "フルネーム"})


@cache
def public_role_re() -> re.Pattern[str]:
    """Roles that make a name public in a city post (officials, announced lecturers,
    performers): within the same line before the name, or in parentheses right after it.
    Compiled on first use: only a draft with a person's name needs it."""
    return re.compile(
        "講師|講演|候補|選挙区|市長|副市長|町長|副町長|村長|知事|副知事|議長|副議長|議員|市議|県議|教育長|委員長|会長|副会長|"
        "理事長|理事|社長|代表|取締役|館長|校長|園長|所長|院長|署長|局長|部長|課長|係長|室長|監督|コーチ|選手|教授|"
        "准教授|講演者|出演|ゲスト|司会|パネリスト|アーティスト|作家|画家|写真家|演奏|指揮|名誉市民|市民栄誉|大使|"
        "アナウンサー|タレント|俳優|歌手|棋士|医師|弁護士|税理士|社会保険労務士|司法書士|先生|住職|宮司|講座|ナビゲーター"
    )
