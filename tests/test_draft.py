"""Reading drafts: front matter, positions, encodings and input errors."""

from __future__ import annotations

import codecs
import os

import pytest

from snslint.input.draft import iter_draft_paths, parse_draft, read_draft
from snslint.errors import InputError

DRAFT = "---\ncity: zushi\nplatform: X\nscheduled_at: 2026-12-08T14:00\n---\n逗子海岸の清掃活動\nのお知らせです。\n"


def test_front_matter_is_split_and_validated() -> None:
    d = parse_draft("a.md", DRAFT.encode())
    assert d.meta.city == "zushi"
    assert d.meta.platform == "x"  # case-insensitive, twitter -> x as well
    assert d.meta.scheduled_at.isoformat() == "2026-12-08T14:00:00"
    assert d.body == "逗子海岸の清掃活動\nのお知らせです。\n"
    assert d.text[d.body_offset:] == d.body


def test_positions_count_front_matter_lines_and_characters() -> None:
    d = parse_draft("a.md", DRAFT.encode())
    offset = d.text.index("お知らせ")
    assert d.position(offset) == (7, 2)  # line 7 of the file, column in characters
    assert d.line_text(6) == "逗子海岸の清掃活動"


def test_key_spans_point_at_front_matter_values() -> None:
    d = parse_draft("a.md", DRAFT.encode())
    start, end = d.key_spans["scheduled_at"]
    assert d.text[start:end] == "2026-12-08T14:00"
    assert d.position(start)[0] == 4


def test_crlf_and_cr_give_the_same_positions_as_lf() -> None:
    lf = parse_draft("a", DRAFT.encode())
    crlf = parse_draft("a", DRAFT.replace("\n", "\r\n").encode())
    cr = parse_draft("a", DRAFT.replace("\n", "\r").encode())
    assert lf.text == crlf.text == cr.text
    assert lf.body_offset == crlf.body_offset == cr.body_offset


def test_plain_text_has_no_front_matter() -> None:
    d = parse_draft("a.txt", "本日は晴天です。\n---\n区切り線\n".encode())
    assert d.body_offset == 0
    assert d.meta.city is None and d.meta.type == "post"


@pytest.mark.parametrize(
    "text, fragment, line",
    [
        ("---\ncity: [zushi\n---\n本文", "YAML", 3),
        ("---\ncity: zushi\ncolor: red\n---\n本文", "color", 3),
        ("---\nscheduled_at: あした\n---\n本文", "scheduled_at", 2),
        ("---\nplatform: mixi\n---\n本文", "platform", 2),
        ("---\ncity: zushi\n本文だけで閉じていない", "---", 1),
        ("---\n- a\n- b\n---\n本文", "mapping", 2),
    ],
)
def test_bad_front_matter_is_an_input_error_with_line(text: str, fragment: str, line: int) -> None:
    """An unclosed front matter is an error for the whole file; any other problem leaves the
    body readable, and the error travels with the draft (snslint.engine.front_matter_error)."""
    from snslint.lint.engine import front_matter_error

    try:
        draft = parse_draft("bad.md", text.encode())
    except InputError as exc:
        err = exc
        assert fragment == "---"
    else:
        assert draft.body == "本文"
        err = front_matter_error(draft, checked=True)
        assert err is not None
    assert fragment in err.en
    assert err.line == line and err.path == "bad.md"
    assert err.ja and "エラー" in err.one_line() and "Error" in err.one_line()


@pytest.mark.parametrize(
    "data, encoding",
    [
        ("市役所からのお知らせ".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "市役所からのお知らせ".encode("utf-8"), "utf-8 (BOM)"),
        ("市役所からのお知らせ".encode("utf-16"), "utf-16"),
        ("市役所からのお知らせ".encode("cp932"), "cp932"),
    ],
)
def test_encodings(data: bytes, encoding: str) -> None:
    d = parse_draft("a.txt", data)
    assert d.body == "市役所からのお知らせ"
    assert d.encoding == encoding


def test_binary_is_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_draft("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "binary" in info.value.en


def test_read_draft_errors(tmp_path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_draft(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_bytes("あ".encode() * 400)
    with pytest.raises(InputError, match="too large"):
        read_draft(big, max_bytes=1000)


def test_directory_walk_is_sorted_and_skips_hidden(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.md", "a.txt", "b/1.txt", ".git/x.txt", "notes.docx", ".hidden.txt"):
        (tmp_path / name).write_text("本文", encoding="utf-8")
    got = [p[len(str(tmp_path)) + 1 :] for p in iter_draft_paths([str(tmp_path)])]
    assert got == ["a.txt", "b/1.txt", "b/2.md"]


def test_directory_walk_survives_a_symlink_loop(tmp_path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("本文", encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    got = list(iter_draft_paths([str(tmp_path)]))
    assert len(got) == 1



PROC_STATUS = "/proc/self/status"  # a regular file whose stat size is 0 (Linux)


@pytest.mark.skipif(not os.path.exists(PROC_STATUS), reason="needs Linux /proc")
def test_a_file_longer_than_its_stat_size_is_read_whole() -> None:
    """read_draft sizes its read by stat; a file longer than stat says (a /proc file; on
    disk, one still being written) is still read to its end, and the size limit still holds."""
    draft = read_draft(PROC_STATUS)
    assert draft.text.startswith("Name:") and "\nPid:" in draft.text
    with pytest.raises(InputError) as exc:
        read_draft(PROC_STATUS, max_bytes=10)
    assert "大きすぎます" in exc.value.ja
