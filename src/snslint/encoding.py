"""Bytes of a draft -> text, with the encoding it was written in.

City offices still save drafts as Shift_JIS (CP932) as often as UTF-8. Byte-order marks are
honoured (UTF-8, UTF-16); otherwise strict UTF-8 is tried first, and only when it fails is
the encoding detected. Binary data (NUL bytes) is refused rather than guessed at.
"""

from __future__ import annotations

import codecs

from snslint.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)


def decode_bytes(path: str, data: bytes) -> tuple[str, str]:
    """Decode a draft's bytes; returns ``(text, encoding_name)``.

    Raises:
        InputError: the data is binary (NUL bytes without a UTF-16 BOM) or is not text in
            UTF-8, UTF-16 or Shift_JIS/CP932.
    """
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise InputError(
            "テキストではないファイルです（バイナリ）。下書きはテキストで保存してください。",
            "not a text file (binary data). Save the draft as text.",
            path=path,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "cp932"
    except UnicodeDecodeError:
        raise InputError(
            "文字コードを判別できません。UTF-8 で保存してください。",
            "cannot tell the text encoding. Save the draft as UTF-8.",
            path=path,
        ) from None
