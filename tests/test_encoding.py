"""Encodings: BOMs, strict UTF-8 first, Japanese legacy encodings detected and guarded,
binary data refused, line endings that do not move positions.

Each bad input here is counted in ``BAD_INPUTS`` (see tests/test_robustness.py's report).
"""

from __future__ import annotations

import codecs

import pytest

from snslint.input.draft import parse_draft
from snslint.input.encoding import decode_bytes, japanese_score
from snslint.errors import InputError

POST = "【木更津市】明日10時から市民会館で防災訓練を行います。①受付は9時半から、㈱髙橋建設の協力です。"
JIS_POST = "【木更津市】明日10時から市民会館で防災訓練を行います。受付は9時半から、高橋建設の協力です。"
"""Only JIS X 0208 characters (EUC-JP and ISO-2022-JP lack CP932's ①, ㈱, 髙)."""
SHORT = ["市役所からのお知らせ", "木更津市", "あ", "ﾃｽﾄ投稿です", "〇〇 ＃防災 ０１２３"]


@pytest.mark.parametrize("text", [POST, *SHORT])
def test_shift_jis_cp932_is_read_and_named(text: str) -> None:
    got, name = decode_bytes("a.txt", text.encode("cp932"))
    assert (got, name) == (text, "cp932")


@pytest.mark.parametrize("text", [JIS_POST, *SHORT[:3]])
def test_euc_jp_is_read_and_named(text: str) -> None:
    # charset-normalizer alone names CP949 or Big5 for these (short Japanese in EUC-JP).
    got, name = decode_bytes("a.txt", text.encode("euc_jp"))
    assert (got, name) == (text, "euc_jp")


def test_iso2022_jp_is_found_on_the_utf8_path() -> None:
    data = JIS_POST.encode("iso2022_jp")
    data.decode("utf-8")  # 7-bit: valid UTF-8 too, yet must not be shown with escapes
    assert decode_bytes("a.txt", data) == (JIS_POST, "iso2022_jp")


@pytest.mark.parametrize(
    "data, name",
    [
        (POST.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + POST.encode("utf-8"), "utf-8 (BOM)"),
        (POST.encode("utf-16"), "utf-16"),  # BOM + native order
        (codecs.BOM_UTF16_BE + POST.encode("utf-16-be"), "utf-16"),
        (POST.encode("utf-32"), "utf-32"),
        (b"plain ASCII post", "utf-8"),
    ],
)
def test_unicode_encodings_and_boms(data: bytes, name: str) -> None:
    text, got = decode_bytes("a.txt", data)
    assert got == name
    assert text.endswith("post") or text == POST


def test_western_single_byte_draft_is_read_as_cp1252() -> None:
    text = "Café opening at the city hall: crème brûlée for all — résumé welcome"
    assert decode_bytes("en.txt", text.encode("cp1252")) == (text, "cp1252")


def test_the_draft_reports_its_encoding() -> None:
    d = parse_draft("a.txt", ("---\ncity: zushi\n---\n" + POST).encode("cp932"))
    assert d.encoding == "cp932" and d.meta.city == "zushi" and d.body == POST


# --------------------------------------------------------------------------- refused

BINARY = [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
    ("nul-in-utf8", "本文".encode() + b"\x00" + "続き".encode()),
    ("utf16-without-bom", "お知らせ post".encode("utf-16-le")),
    ("controls", b"\x01\x02\x03\x04\x05\x06\x07\x08 abc\x0e\x0f\x10\x11"),
    ("utf16-bom-nul-chars", codecs.BOM_UTF16_LE + "a\x00b\x00c".encode("utf-16-le")),
    ("zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
    ("elf", b"\x7fELF\x02\x01\x01\x00\x00\x00"),
]


@pytest.mark.parametrize("label, data", BINARY, ids=[b[0] for b in BINARY])
def test_binary_data_is_an_input_error_naming_the_file(label: str, data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(f"{label}.txt", data)
    err = info.value
    assert err.path == f"{label}.txt"
    assert "バイナリ" in err.ja and "binary" in err.en


UNDECODABLE = [
    ("gb18030", "本日は晴天なり。明日の午前10時から市民会館で防災訓練を行います。".encode("gb18030")),
    ("cyrillic-cp1251", "Привет мир, это тест".encode("cp1251")),
    ("chinese-gb", "您好，欢迎来到市政府，请参加明天的活动。".encode("gb18030")),
    ("broken-utf16", codecs.BOM_UTF16_LE + b"\x00\xd8\x41"),  # lone surrogate, odd length
    ("broken-utf8-bom", codecs.BOM_UTF8 + b"\xff\xfe\xfd abc"),
    ("random-high-bytes", bytes(range(0x80, 0x100)) * 4),
]


@pytest.mark.parametrize("label, data", UNDECODABLE, ids=[u[0] for u in UNDECODABLE])
def test_exotic_or_broken_encodings_are_refused_clearly(label: str, data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(f"{label}.txt", data)
    err = info.value
    assert err.path == f"{label}.txt"
    assert ("文字コード" in err.ja and "encoding" in err.en) or ("バイナリ" in err.ja and "binary" in err.en)
    assert "UTF-8" in err.ja and "UTF-8" in err.en


def test_an_exotic_guess_is_named_in_the_error() -> None:
    data = "本日は晴天なり。明日の午前10時から市民会館で防災訓練を行います。".encode("gb18030")
    with pytest.raises(InputError) as info:
        decode_bytes("gb.txt", data)
    assert "gb18030" in info.value.en and "not credible" in info.value.en


def test_japanese_score_separates_text_from_mojibake() -> None:
    assert japanese_score(POST) > 0.9
    assert japanese_score("plain ASCII") == 1.0
    mojibake = JIS_POST.encode("euc_jp").decode("cp932", errors="replace")
    assert japanese_score(mojibake) < japanese_score(POST) - 0.2
    assert japanese_score("您好欢迎来到市政府请参加明天的活动谢谢大家的支持和帮助") <= 0.5  # no kana


# --------------------------------------------------------------------------- line endings


@pytest.mark.parametrize("encoding", ["utf-8", "cp932", "utf-16"])
def test_crlf_and_cr_give_lf_positions_in_every_encoding(encoding: str) -> None:
    lf = "---\ncity: kisarazu\n---\n一行目\n二行目に短縮URL bit.ly/x\n"
    want = parse_draft("a", lf.encode("utf-8"))
    offset = want.text.index("bit.ly")
    for eol in ("\r\n", "\r"):
        got = parse_draft("a", lf.replace("\n", eol).encode(encoding))
        assert got.text == want.text
        assert got.position(got.text.index("bit.ly")) == want.position(offset) == (5, 11)


def test_findings_have_the_same_line_and_column_whatever_the_line_endings() -> None:
    from support import findings

    lf = "一行目です。\n二行目: 詳しくは bit.ly/3abcd をご覧ください。\n"
    want = [(f.code, f.line, f.column, f.end_line, f.end_column) for f in findings(lf, "kagoshima")]
    assert want, "the draft must give findings for the comparison to mean anything"
    for eol in ("\r\n", "\r"):
        got = [(f.code, f.line, f.column, f.end_line, f.end_column) for f in findings(lf.replace("\n", eol), "kagoshima")]
        assert got == want


def test_reports_name_the_encoding_when_it_was_not_utf8(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from snslint.cli import app

    (tmp_path / "sjis.txt").write_bytes("お知らせ bit.ly/3abcd\n".encode("cp932"))
    (tmp_path / "utf8.txt").write_bytes("お知らせ bit.ly/3abcd\n".encode("utf-8"))
    base = ["check", "--no-cache", "--jobs", "1", "--city", "kagoshima", str(tmp_path)]
    concise = CliRunner().invoke(app, [*base, "--format", "concise"]).output
    assert f"{tmp_path / 'sjis.txt'}: 文字コード: cp932 として読みました / encoding: read as cp932" in concise
    assert "utf8.txt: 文字コード" not in concise
    doc = json.loads(CliRunner().invoke(app, [*base, "--format", "json"]).output)
    assert {f["path"].rsplit("/", 1)[-1]: f["encoding"] for f in doc["files"]} == {"sjis.txt": "cp932", "utf8.txt": "utf-8"}
