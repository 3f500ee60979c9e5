"""Bytes of a draft -> text, with the encoding it was written in.

City offices still save drafts as Shift_JIS (CP932) as often as UTF-8, and mail clients and
old systems hand over EUC-JP and ISO-2022-JP. The order of tries is:

1. a byte-order mark: UTF-8, UTF-32 or UTF-16 (LE/BE) is honoured as it says;
2. NUL bytes without a BOM: binary data, refused (a UTF-16 file must carry its BOM);
3. strict UTF-8, the fast path (pure ASCII included); 7-bit data with ISO-2022-JP escape
   sequences (``ESC $ B`` ...) is read as ISO-2022-JP instead;
4. only when UTF-8 fails: detection with charset-normalizer
   (https://github.com/jawah/charset_normalizer), restricted first to the Japanese legacy
   encodings (CP932 — the Windows superset of Shift_JIS — and EUC-JP), then, for a draft that
   is not Japanese at all, the Western single-byte family (read as CP1252).

charset-normalizer on its own happily names CP949, Big5 or GB18030 for a short Japanese
text (``市役所からのお知らせ`` in EUC-JP comes back as Korean CP949). So every guess is
checked against the decoded text (:func:`japanese_score`): a Japanese encoding wins when its
text is made of kana, common kanji and the symbols of JIS X 0208 / CP932, the most plausible
one when both decode; any other guess is refused with a clear error rather than shown as
mojibake.

The returned encoding name is what reports show (``FileResult.encoding``): ``"utf-8"``,
``"utf-8 (BOM)"``, ``"utf-16"``, ``"utf-32"``, ``"cp932"``, ``"euc_jp"``, ``"iso2022_jp"``
or ``"cp1252"``. Decoded text that is mostly control characters is refused as binary too.
"""

from __future__ import annotations

import codecs
import re

from snslint.errors import InputError

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

UTF8_NAMES = frozenset({"utf-8", "utf-8 (BOM)"})
"""Encoding names a report need not mention (the draft was UTF-8)."""

JAPANESE_ENCODINGS = ("cp932", "euc_jp")
"""Legacy Japanese encodings tried when UTF-8 fails, in order of preference on a tie.

Shift_JIS is read as CP932, its Windows superset (①, ㈱, 髙 ...); ISO-2022-JP is 7-bit and
found on the UTF-8 path by its escape sequences.
"""

_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b(I", b"\x1b$(D")

_WESTERN = frozenset(
    {"cp1252", "cp1250", "cp1257", "latin_1", "iso8859_15", "iso8859_2", "iso8859_4", "cp775", "mac_roman"}
)

SAMPLE_CHARS = 65_536
"""Characters of the decoded text examined by the plausibility checks (the start of it)."""

MIN_JAPANESE_SCORE = 0.75
"""Share of non-ASCII characters that must be typical Japanese for a legacy decoding."""

MAX_CONTROL_SHARE = 0.05
"""Above this share of control characters (besides tab, line breaks, ESC) text is binary."""


def _binary(path: str) -> InputError:
    return InputError(
        "テキストではないファイルです（バイナリ）。下書きはテキスト（UTF-8）で保存してください。"
        "UTF-16 なら BOM 付きで保存してください。",
        "not a text file (binary data). Save the draft as text (UTF-8; UTF-16 needs a BOM).",
        path=path,
    )


def _undecodable(path: str, guess: str | None = None) -> InputError:
    if guess:
        ja = f"文字コードを判別できません（推定「{guess}」は日本語の下書きとして信頼できません）。UTF-8 で保存してください。"
        en = f"cannot tell the text encoding (the guess '{guess}' is not credible for a Japanese draft). Save it as UTF-8."
    else:
        ja = "文字コードを判別できません（UTF-8・Shift_JIS・EUC-JP のどれでもありません）。UTF-8 で保存してください。"
        en = "cannot tell the text encoding (not UTF-8, Shift_JIS or EUC-JP). Save the draft as UTF-8."
    return InputError(ja, en, path=path)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
"""Control characters that do not belong in a draft: C0 other than tab, line breaks (LF, VT,
FF, CR) and ESC (ISO-2022-JP), then DEL and C1."""


def looks_binary(text: str) -> bool:
    """True when ``text`` holds a NUL or is more than :data:`MAX_CONTROL_SHARE` control
    characters (:data:`_CONTROL`), judged on its first :data:`SAMPLE_CHARS` characters and
    only when at least 4 such characters occur."""
    if "\x00" in text:
        return True
    sample = text[:SAMPLE_CHARS]
    n = len(_CONTROL.findall(sample))
    return n >= 4 and n > MAX_CONTROL_SHARE * len(sample)


_KANJI_LEVEL: dict[str, float] = {}


def _kanji_weight(ch: str) -> float:
    """1.0 for a JIS level-1 kanji (the 2,965 common ones), 0.7 for any other kanji.

    Level 1 is CP932 lead bytes 0x88-0x97 (and 0x98 up to 0x9872); mojibake from another
    encoding lands mostly on rare level-2 and extension kanji.
    """
    w = _KANJI_LEVEL.get(ch)
    if w is None:
        try:
            b = ch.encode("cp932")
            w = 1.0 if len(b) == 2 and (b[0] < 0x98 or (b[0] == 0x98 and b[1] <= 0x72)) else 0.7
        except UnicodeEncodeError:
            w = 0.7
        if len(_KANJI_LEVEL) < 50_000:
            _KANJI_LEVEL[ch] = w
    return w


def _japanese_weight(ch: str) -> float:
    """How typical of Japanese text one non-ASCII character is: 1.0 typical (kana, common
    kanji, CJK punctuation, full-width forms), 0.7-0.8 plausible (rare kanji, half-width
    katakana, JIS symbols), 0.5 (Latin-1 letters, Greek, Cyrillic of JIS X 0208), 0 implausible
    (private use, C1 controls, Hangul ...); half-width ｡｢｣､･ 0.2."""
    o = ord(ch)
    if 0x3040 <= o <= 0x30FF or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:
        return 1.0  # kana, 、。「」, full-width ASCII
    if 0x4E00 <= o <= 0x9FFF:
        return _kanji_weight(ch)
    if 0xFF61 <= o <= 0xFF65:
        # Half-width 。「」、・: rare in real drafts, but every EUC-JP kana read as CP932
        # starts with one (row 0xA4 -> ､, row 0xA5 -> ･).
        return 0.2
    if (
        0xFF61 <= o <= 0xFF9F  # half-width katakana (ﾃｽﾄ), common in CP932 drafts
        or 0x2460 <= o <= 0x24FF  # ①②③
        or 0x3200 <= o <= 0x33FF  # ㈱ ㍻ ㎡
        or 0x2010 <= o <= 0x206F  # general punctuation ‥ …
        or 0x2100 <= o <= 0x22FF  # letterlike, arrows, math ℃ → ∵
        or 0x2500 <= o <= 0x26FF  # box drawing, shapes ■ ◎ ★ ☆
        or o in (0xA7, 0xA8, 0xB0, 0xB1, 0xB4, 0xB6, 0xD7, 0xF7)
        or 0xFFE0 <= o <= 0xFFE5  # full-width ￥ ￢
    ):
        return 0.8
    if 0xF900 <= o <= 0xFAFF or 0x3400 <= o <= 0x4DBF:
        return 0.7  # compatibility ideographs (髙 in CP932), extension A
    if 0x00C0 <= o <= 0x00FF or 0x0391 <= o <= 0x03C9 or 0x0401 <= o <= 0x0451:
        return 0.5
    return 0.0


def japanese_score(text: str) -> float:
    """How plausible ``text`` is as Japanese, 0.0-1.0: the mean :func:`_japanese_weight` of
    its non-ASCII characters (first :data:`SAMPLE_CHARS` characters).

    Text without non-ASCII characters scores 1.0. Text with at least 20 non-ASCII characters
    and almost no kana (under 5 %) scores at most 0.5: Japanese prose always has kana, while
    Chinese GB2312/Big5 bytes read as EUC-JP give kanji only. EUC-JP bytes read as CP932 come
    out as half-width katakana, rare kanji and private-use characters, and so score below the
    right decoding.
    """
    total = kana = 0
    weight = 0.0
    for ch in text[:SAMPLE_CHARS]:
        if ch < "\x80":
            continue
        total += 1
        if "\u3040" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f":
            kana += 1
        weight += _japanese_weight(ch)
    if total == 0:
        return 1.0
    score = weight / total
    if total >= 20 and kana < 0.05 * total:
        score = min(score, 0.5)
    return score


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect_japanese(data: bytes) -> tuple[str, str] | None:
    """The best credible Japanese decoding of ``data``, or None.

    charset-normalizer, limited to :data:`JAPANESE_ENCODINGS`, orders the candidates by its
    chaos measure; each candidate must also decode strictly and reach
    :data:`MIN_JAPANESE_SCORE`. The best score wins, charset-normalizer's order breaks ties.
    """
    from charset_normalizer import from_bytes

    ranked: list[str] = []
    try:
        for match in from_bytes(data, cp_isolation=list(JAPANESE_ENCODINGS), explain=False):
            name = "cp932" if match.encoding in ("shift_jis", "cp932", "shift_jis_2004") else match.encoding
            if name in JAPANESE_ENCODINGS and name not in ranked:
                ranked.append(name)
    except Exception:  # noqa: BLE001 - a detector failure must not stop the plain tries below
        pass
    ranked += [c for c in JAPANESE_ENCODINGS if c not in ranked]
    best: tuple[float, str, str] | None = None
    for codec in ranked:
        text = _strict(data, codec)
        if text is None:
            continue
        score = japanese_score(text)
        if score >= MIN_JAPANESE_SCORE and (best is None or score > best[0]):
            best = (score, text, codec)
    return (best[1], best[2]) if best else None


def _detect_other(data: bytes) -> tuple[str | None, tuple[str, str] | None]:
    """charset-normalizer's unrestricted guess: ``(guess, (text, name))`` when it is a
    Western single-byte encoding (read as CP1252) whose text is Latin letters and
    punctuation, else ``(guess, None)``."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data, explain=False).best()
    except Exception:  # noqa: BLE001
        best = None
    if best is None:
        return None, None
    guess = best.encoding
    if guess in _WESTERN:
        text = _strict(data, "cp1252")
        if text is not None and all(ord(ch) < 0x80 or 0xA0 <= ord(ch) <= 0x17F or ch in "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ" for ch in text[:SAMPLE_CHARS]):
            return guess, (text, "cp1252")
    return guess, None


def decode_bytes(path: str, data: bytes) -> tuple[str, str]:
    """Decode a draft's bytes; returns ``(text, encoding_name)``.

    Args:
        path: the draft's path as shown in errors.
        data: the whole file (at most the size limit, see :func:`snslint.input.draft.read_draft`).

    Returns:
        The text (line breaks untouched) and the name of the encoding it was read in (see the
        module docstring for the names).

    Raises:
        InputError: the data is binary (NUL bytes without a BOM, or mostly control
            characters) or is not credible text in any encoding tried.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise _undecodable(path, label)
            if looks_binary(text):
                raise _binary(path)
            return text, label
    if b"\x00" in data:
        raise _binary(path)
    text = _strict(data, "utf-8")
    if text is not None:
        if b"\x1b" in data and any(esc in data for esc in _ISO2022_ESCAPES):
            jis = _strict(data, "iso2022_jp")
            if jis is not None and not looks_binary(jis):
                return jis, "iso2022_jp"
        if looks_binary(text):
            raise _binary(path)
        return text, "utf-8"
    found = _detect_japanese(data)
    if found is None:
        guess, found = _detect_other(data)
        if found is None:
            raise _undecodable(path, guess)
    text, name = found
    if looks_binary(text):
        raise _binary(path)
    return text, name
