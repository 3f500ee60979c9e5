"""Reading drafts: bytes -> text, YAML front matter split off and validated, a line index.

A draft is a ``.txt`` or ``.md`` file whose text is the post body. It may start with YAML front
matter between two ``---`` lines (see :class:`FrontMatter`). Offsets are 0-based characters
into the file's text as read with universal newlines (CRLF and CR become LF, as Python's text
mode does), so line and column numbers are the same whatever the line endings; lines and
columns are 1-based and count front-matter lines, as the author sees the file.

snslint only ever reads drafts; nothing here opens a file for writing.
"""

from __future__ import annotations

import bisect
import os
import stat
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from snslint.input.encoding import decode_bytes
from snslint.errors import InputError
from snslint.model_defaults import defaults_of

DRAFT_SUFFIXES = (".txt", ".md")
"""File endings read when a directory is given."""

DEFAULT_MAX_BYTES = 1_000_000
"""Default size limit of one draft in bytes (a post is a few thousand characters at most)."""

MAX_FRONT_MATTER_CHARS = 100_000
"""Largest front matter read, in characters (20 images with 1,000-character alt texts fit)."""

MAX_YAML_DEPTH = 20
"""Deepest nesting of front-matter YAML (the format needs 4: snslint.ignore[].code)."""

SCHEDULE_YEARS = (2000, 2199)
"""``scheduled_at`` must fall in these years (inclusive): anything else is a typo."""

Platform = Literal["x", "facebook", "instagram", "line", "youtube", "threads"]
PostType = Literal["post", "reply", "share", "dm", "correction"]


class ImageRef(BaseModel):
    """One attached image: its file and its alternative text (代替テキスト)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first validation
    path: str = Field(max_length=1000)
    alt: str | None = Field(default=None, max_length=2000)  # X allows 1,000, others less


class Suppression(BaseModel):
    """One front-matter suppression: a rule code (or prefix or name) and why it is silenced."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first validation
    code: str = Field(max_length=100)
    reason: str | None = Field(default=None, max_length=2000)


class SnslintBlock(BaseModel):
    """The ``snslint:`` key of front matter."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first validation
    ignore: list[Suppression] = Field(default_factory=list, max_length=100)


class FrontMatter(BaseModel):
    """The YAML front matter of a draft. Unknown keys are an error.

    Attributes:
        city: the policy to check against (bundled id, e.g. ``zushi``).
        platform: where the post goes (x, facebook, instagram, line, youtube, threads;
            ``twitter`` is read as ``x``).
        account: the posting account's handle, matched against the policy's accounts.
        scheduled_at: when it goes out (ISO 8601; a naive time is JST).
        type: post, reply, share, dm or correction.
        emergency: True for a post under the city's emergency exception (災害時など).
        images: attached images with their alternative text.
        approved_by: who approved the post (所属長 etc.).
        reply_to_government: a reply addressed to a government body (goshogawara 第8条2).
        snslint: suppressions, each with a reason.
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first validation
    city: str | None = Field(default=None, max_length=100)
    platform: Platform | None = None
    account: str | None = Field(default=None, max_length=200)
    scheduled_at: datetime | None = None
    type: PostType = "post"
    emergency: bool = False
    images: list[ImageRef] = Field(default_factory=list, max_length=50)  # Instagram: 20, X: 4
    approved_by: str | None = Field(default=None, max_length=200)
    reply_to_government: bool = False
    snslint: SnslintBlock = Field(default_factory=SnslintBlock)

    @field_validator("platform", mode="before")
    @classmethod
    def _lower_platform(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower()
            return {"twitter": "x"}.get(v, v)
        return v

    @field_validator("scheduled_at")
    @classmethod
    def _plausible_schedule(cls, v: datetime | None) -> datetime | None:
        """A year outside :data:`SCHEDULE_YEARS` is a typo, and one near the ends of the
        calendar (0001, 9999) cannot even be converted to JST."""
        if v is None:
            return v
        lo, hi = SCHEDULE_YEARS
        if not lo <= v.year <= hi:
            raise ValueError(f"the year must be between {lo} and {hi}")
        if v.tzinfo is not None:
            v.utcoffset()  # a broken tzinfo raises here, inside validation
        return v


def empty_front_matter() -> FrontMatter:
    """The :class:`FrontMatter` of a draft that has none: the defaults, not validated, so a
    run whose drafts have no front matter never builds the front-matter validator
    (:func:`snslint.model_defaults.defaults_of`: ``model_construct`` would inspect each default
    factory's signature, once per draft)."""
    return defaults_of(FrontMatter)


@dataclass
class Draft:
    """One draft as read from disk or stdin.

    Attributes:
        path: the path as the user gave it (``"-"`` for stdin), used in reports.
        text: the whole file text, universal newlines, front matter included.
        encoding: the encoding it was decoded from (``"utf-8"``, ``"shift_jis"`` ...).
        body_offset: character offset where the body starts (0 without front matter).
        front_matter: the validated front matter, or None.
        key_spans: for each top-level front-matter key, the ``(start, end)`` file offsets of
            its value, so a finding about ``scheduled_at`` can point at it.
        front_matter_error: ``(ja, en, line, column, whole)`` when part of the front matter could
            not be read (broken YAML, an unknown key, a value of the wrong kind): the rest
            is in :attr:`front_matter` (``whole``: none of it was read) and the body is still
            checked; the caller reports it as an :class:`~snslint.errors.InputError` (exit
            2). None when all was read.
    """

    path: str
    text: str
    encoding: str = "utf-8"
    body_offset: int = 0
    front_matter: FrontMatter | None = None
    key_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    front_matter_error: tuple[str, str, int | None, int | None, bool] | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._line_starts = starts

    @property
    def body(self) -> str:
        """The post body: the text after the front matter."""
        return self.text[self.body_offset :]

    @property
    def meta(self) -> FrontMatter:
        """The front matter, or an empty :class:`FrontMatter` when the draft has none."""
        if self.front_matter is None:
            self.front_matter = empty_front_matter()
        return self.front_matter

    def position(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a 0-based character offset into :attr:`text`."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_start(self, line: int) -> int:
        """The file character offset where 1-based ``line`` starts."""
        return self._line_starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    @property
    def line_count(self) -> int:
        """Number of lines in the file."""
        return len(self._line_starts)


def parse_draft(path: str, data: bytes) -> Draft:
    """Decode ``data`` and split off and validate its front matter.

    Raises:
        InputError: binary data, undecodable text, broken front-matter YAML, an unknown key
            or a value of the wrong type (the message names the key and its line).
    """
    text, encoding = decode_bytes(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _split_front_matter(path, text, encoding)


def _split_front_matter(path: str, text: str, encoding: str) -> Draft:
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return Draft(path, text, encoding)
    close = text.find("\n---", 3)
    while close != -1 and not (close + 4 == len(text) or text[close + 4] == "\n"):
        close = text.find("\n---", close + 4)
    if close == -1:
        raise InputError(
            "フロントマター（先頭の --- ）が --- で閉じられていません。",
            "the front matter that starts with --- is not closed by a --- line.",
            path=path,
            line=1,
        )
    yaml_text = text[4 : close + 1]
    body_offset = min(len(text), close + 5)
    if len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise InputError(
            f"フロントマターが長すぎます（{MAX_FRONT_MATTER_CHARS:,} 文字まで）。",
            f"the front matter is too long (at most {MAX_FRONT_MATTER_CHARS:,} characters).",
            path=path,
            line=2,
        )
    from snslint.input.lenient_front_matter import normalize_yaml

    # IME slips (full-width colons and spaces) fixed first; orig maps offsets back.
    yaml_text, orig = normalize_yaml(yaml_text)
    try:
        node, raw = _load_front_matter(path, yaml_text)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise InputError(
                "フロントマターは「キー: 値」の形で書いてください（例: city: zushi）。",
                "the front matter must be a mapping of keys to values (e.g. city: zushi).",
                path=path,
                line=2,
            )
    except InputError as exc:
        # Unreadable as a whole: the body is still checked (with --city or the config's
        # city), and the error is reported for the file, naming the key of its line.
        ja, en = exc.ja, exc.en
        key = _key_near(text, getattr(exc, "context_line", None)) or _key_near(text, exc.line)
        if key is not None:
            from snslint.input.lenient_front_matter import EXAMPLES

            ja += f"「{key}」の行を確認してください。例: {EXAMPLES[key]}"
            en += f" Check the line of '{key}'. Example: {EXAMPLES[key]}"
        return Draft(path, text, encoding, body_offset, FrontMatter(), {}, (ja, en, exc.line, exc.column, True))
    key_spans: dict[str, tuple[int, int]] = {}
    key_lines: dict[str, int] = {}
    if isinstance(node, _yaml().MappingNode):
        for key_node, value_node in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str):
                key_spans[key] = (4 + orig[value_node.start_mark.index], 4 + orig[value_node.end_mark.index])
                key_lines[key] = key_node.start_mark.line + 2
    fm, problem = _validate_leniently(raw, key_lines)
    return Draft(path, text, encoding, body_offset, fm, key_spans, problem)


def _key_near(text: str, line: int | None) -> str | None:
    """The known front-matter key written on file ``line`` or the line before (a YAML error
    is often noticed on the next line), or None."""
    from snslint.input.lenient_front_matter import EXAMPLES, _KEY_COLON

    if line is None:
        return None
    lines = text.split("\n")
    for n in (line, line - 1):
        if 2 <= n <= len(lines):
            m = _KEY_COLON.match(lines[n - 1])
            if m and m.group(2) in EXAMPLES:
                return m.group(2)
    return None


def _validate_leniently(
    raw: dict[Any, Any], key_lines: dict[str, int]
) -> tuple[FrontMatter, tuple[str, str, int | None, int | None, bool] | None]:
    """Validate front matter, forgiving IME values; a key that still cannot be read is left
    out (and the others kept), and the first such problem is returned as ``(ja, en, line,
    None, False)`` naming the key, with an example of a right value or 「もしかして」 a known key."""
    from snslint.input.lenient_front_matter import EXAMPLES, FRONT_MATTER_KEYS, NESTED_KEYS, did_you_mean, forgive_values

    data = forgive_values({str(k): v for k, v in raw.items()})
    problem: tuple[str, str, int | None, int | None, bool] | None = None
    at = data.get("scheduled_at")
    if isinstance(at, date) and not isinstance(at, datetime):
        example = f"scheduled_at: {at.isoformat()}T10:00"
        problem = (
            f"フロントマターの「scheduled_at」に時刻がありません。時刻も書いてください。例: {example}",
            f"front-matter key 'scheduled_at' has a date but no time; add the time. Example: {example}",
            key_lines.get("scheduled_at", 2),
            None,
            False,
        )
        del data["scheduled_at"]
    for _ in range(len(data) + 1):
        try:
            return FrontMatter.model_validate(data), problem
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = [str(p) for p in err.get("loc", ())]
            key = loc[0] if loc else ""
            where = ".".join(loc)
            if problem is None:
                line = key_lines.get(key, 2)
                if err.get("type") == "extra_forbidden":
                    guess = did_you_mean(loc[-1], NESTED_KEYS.get(key, FRONT_MATTER_KEYS) if len(loc) > 1 else FRONT_MATTER_KEYS)
                    ja = f"フロントマターに未知のキー「{where}」があります。"
                    en = f"unknown front-matter key '{where}'."
                    if guess:
                        ja += f"もしかして {guess}?"
                        en += f" Did you mean {guess}?"
                else:
                    example = EXAMPLES.get(key, "")
                    # Our own validators' reasons (a year out of range) are worth keeping.
                    why = str(err.get("msg", "")).removeprefix("Value error, ") if err.get("type") == "value_error" else ""
                    ja = f"フロントマターの「{where}」の値が読めません" + (f"（{why}）" if why else "") + "。"
                    en = f"cannot read front-matter key '{where}'" + (f" ({why})" if why else "") + "."
                    if example:
                        ja += f"例: {example}"
                        en += f" Example: {example}"
                problem = (ja, en, line, None, False)
            if key not in data:
                break
            del data[key]
    return FrontMatter(), problem


def _yaml():
    import yaml

    return yaml


def _load_front_matter(path: str, yaml_text: str) -> tuple[Any, Any]:
    """Parse front-matter YAML with PyYAML's safe loader: ``(node, data)``.

    The text is parsed once into a node graph (kept for key lines and spans), which is then
    constructed into plain data. Only the safe YAML tags are constructed (no Python objects).

    Raises:
        InputError: a syntax error (with line and column in the file: the YAML starts on
            line 2), nesting deeper than :data:`MAX_YAML_DEPTH`, an anchor or alias
            (:mod:`snslint.safe_yaml`), or a value the safe
            constructor rejects (``2026-13-45``: a bad date), with the line of its key.
    """
    yaml = _yaml()
    from snslint.safe_yaml import check_limits, loader_class

    loader = None
    try:
        try:
            # The project's own limits (depth, aliases) first, on the event stream, so the
            # message does not depend on the YAML library's version; then the node graph.
            problem = check_limits(yaml_text, MAX_YAML_DEPTH)
            if problem is not None:
                ja, en = problem.messages("フロントマター", "the front matter", MAX_YAML_DEPTH)
                raise InputError(ja, en, path=path, line=problem.line + 2, column=problem.column + 1)
            loader = loader_class()(yaml_text)
            node = loader.get_single_node()
        except yaml.reader.ReaderError as exc:
            line, column = _line_column(yaml_text, exc.position)
            raise InputError(
                f"フロントマターに使えない文字 U+{exc.character:04X} があります。",
                f"the front matter holds a character YAML does not allow (U+{exc.character:04X}).",
                path=path,
                line=line + 1,
                column=column,
            ) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            err = InputError(
                f"フロントマターのYAMLが読めません（{problem}）。",
                f"the front matter is not valid YAML ({problem}).",
                path=path,
                line=mark.line + 2 if mark is not None else 2,
                column=mark.column + 1 if mark is not None else None,
            )
            # Where the broken construct began ("while parsing a flow sequence" at ...): the
            # key to name, as the problem is often noticed a line later.
            context = getattr(exc, "context_mark", None)
            err.context_line = context.line + 2 if context is not None else None  # type: ignore[attr-defined]
            raise err from None
        if node is None:
            return None, None
        try:
            return node, loader.construct_document(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
            key, line = _failing_key(node)
            mark = getattr(exc, "problem_mark", None)
            if mark is not None:
                line = mark.line + 2
            problem = getattr(exc, "problem", None) or str(exc) or type(exc).__name__
            where = f"「{key}」" if key else ""
            raise InputError(
                f"フロントマター{where}の値が読めません（{problem}）。",
                f"cannot read the front-matter value{f' of {key!r}' if key else ''} ({problem}).",
                path=path,
                line=line,
            ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based ``(line, column)`` of character ``index`` in ``text``."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _failing_key(node: Any) -> tuple[str | None, int]:
    """The first top-level key whose value the safe constructor rejects, and its line."""
    yaml = _yaml()
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            probe = yaml.SafeLoader("")
            try:
                probe.construct_object(value_node, deep=True)
            except Exception:  # noqa: BLE001 - we are only locating the error
                return str(getattr(key_node, "value", "")), key_node.start_mark.line + 2
            finally:
                probe.dispose()
    return None, 2


def read_draft(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Draft:
    """Read one draft from ``path`` (``"-"`` reads stdin).

    Raises:
        InputError: missing or unreadable file, a file over ``max_bytes``, binary content,
            undecodable text or bad front matter.
    """
    display = str(path)
    try:
        if display == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            st = os.stat(path)
            mode = st.st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(path)
            if not stat.S_ISREG(mode):
                # A FIFO or device would block or never end: never open one.
                raise InputError(
                    "通常のファイルではありません（パイプ・デバイスなど）。",
                    "not a regular file (a pipe, device or socket).",
                    path=display,
                )
            with open(path, "rb") as fh:
                # read(n) allocates n bytes first: ask for the size stat gave (plus one, to
                # see growth), not for max_bytes (a buffer that large for every small draft
                # is time spent allocating memory that is never used).
                want = min(st.st_size, max_bytes) + 1
                data = fh.read(want)
                if len(data) == want and want <= max_bytes:  # it grew since stat
                    data += fh.read(max_bytes + 1 - want)
    except FileNotFoundError:
        raise InputError("ファイルが見つかりません。", "file not found.", path=display) from None
    except IsADirectoryError:
        if not os.access(display, os.R_OK | os.X_OK):
            raise InputError(
                "フォルダを読む権限がありません。", "permission denied: cannot read the folder.", path=display
            ) from None
        raise InputError("ファイルではなくフォルダです。", "is a directory, not a file.", path=display) from None
    except PermissionError:
        raise InputError(
            "ファイルを読む権限がありません。", "permission denied: cannot read the file.", path=display
        ) from None
    except OSError as exc:
        raise InputError(
            f"ファイルを読めません（{exc.strerror}）。", f"cannot read the file ({exc.strerror}).", path=display
        ) from None
    if len(data) > max_bytes:
        raise InputError(
            f"投稿の下書きとしては大きすぎます（{max_bytes:,} バイト超）。検査しませんでした（--max-bytes で変更可）。",
            f"too large for a post draft (over {max_bytes:,} bytes); not checked (see --max-bytes).",
            path=display,
        )
    return parse_draft(display, data)


def iter_draft_paths(paths: list[str]) -> Iterator[str]:
    """Expand command-line paths into draft paths, in a stable order.

    A file is yielded as given (whatever its ending); ``"-"`` is yielded as is; a directory
    is walked recursively (depth first, without recursion) for ``*.txt`` and ``*.md``: in
    each folder its files sorted by name, then its subfolders sorted by name. Hidden folders
    and files are skipped. Symlinked folders are followed, but a folder (by device and inode)
    is never entered twice, so a symlink loop ends. A missing path is yielded too, and so is a
    folder that cannot be listed, so reading it reports the error in order.
    """
    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        seen: set[tuple[int, int]] = set()
        stack = [given]
        while stack:
            folder = stack.pop()
            try:
                st = os.stat(folder)
                ident = (st.st_dev, st.st_ino)
                if ident in seen:
                    continue
                seen.add(ident)
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                yield folder
                continue
            subfolders = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    is_dir = entry.is_dir()  # follows symlinks
                except OSError:
                    is_dir = False
                if is_dir:
                    subfolders.append(entry.path)
                elif entry.name.endswith(DRAFT_SUFFIXES):
                    yield entry.path
            stack.extend(reversed(subfolders))
