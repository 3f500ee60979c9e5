"""The configuration file: ``snslint.toml``, or ``[tool.snslint]`` in ``pyproject.toml``.

Found by walking up from the working directory (as ruff does): in each folder, first
``snslint.toml``, then a ``pyproject.toml`` that has a ``[tool.snslint]`` table (one without
it is passed over); the first found wins and the walk stops. ``--config PATH`` names the file
instead (either kind). Parsed with the standard library's :mod:`tomllib` and validated with
pydantic; every error is a :class:`~snslint.errors.ConfigError` (exit 2) naming the file and
the key.

Keys (all optional)::

    city = "zushi"                 # a bundled policy id; or:
    policy = "policies/my.yaml"    # a policy file, relative to this config file
    select = ["URL", "PII"]        # codes, family prefixes or names
    ignore = ["PII006"]
    fail-on = "warning"            # error | warning | info
    fail-on-rules = ["PII"]        # these rules' warnings fail the run too
    format = "concise"             # rich | concise | json | sarif | github
    lang = "ja"                    # ja | en
    platform = "x"                 # x | facebook | instagram | line | youtube | threads
    exclude = ["archive/**", "templates/*.md"]       # globs, relative to this file
    [per-file-ignores]             # (in pyproject: [tool.snslint.per-file-ignores])
    "events/*.md" = ["URL003"]

Precedence: a command-line flag wins over the file, the file over the built-in default.
``select``/``ignore`` layer as in ruff: ``--select`` on the command line starts afresh (the
file's ``select`` and ``ignore`` are dropped, ``--ignore`` applies); without it the file's
``select`` holds and ``ignore`` is the union of the file's and ``--ignore``.

Globs (``exclude``, ``per-file-ignores``) are matched against the draft's path relative to
the config file's folder, with ``/`` separators, by :func:`fnmatch.fnmatchcase` (so ``*``
also crosses ``/``; ``**`` is accepted and means the same); a glob without ``/`` is also
matched against the file name alone (``"*.md"`` matches ``a/b/c.md``).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from snslint.safe_read import NotRegularFile, TooLarge, read_regular_file
from snslint.errors import ConfigError
from snslint.model_defaults import defaults_of

CONFIG_NAMES = ("snslint.toml", "pyproject.toml")
"""File names looked for in each folder, in this order."""

MAX_CONFIG_BYTES = 1_000_000


class ConfigModel(BaseModel):
    """The schema of the configuration table (keys in kebab-case, unknown keys refused)."""

    # defer_build: built on the first validation, so a run without a config file never builds it
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)

    city: str | None = Field(default=None, min_length=1, max_length=100)
    policy: str | None = Field(default=None, min_length=1, max_length=1000)
    select: list[str] | None = Field(default=None, max_length=500)
    ignore: list[str] = Field(default_factory=list, max_length=500)
    fail_on: Literal["error", "warning", "info"] | None = Field(default=None, alias="fail-on")
    fail_on_rules: list[str] = Field(default_factory=list, max_length=500, alias="fail-on-rules")
    format: Literal["rich", "concise", "json", "sarif", "github"] | None = None
    lang: Literal["ja", "en"] | None = None
    platform: Literal["x", "facebook", "instagram", "line", "youtube", "threads"] | None = None
    exclude: list[str] = Field(default_factory=list, max_length=1000)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")

    @field_validator("platform", mode="before")
    @classmethod
    def _platform(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower()
            return {"twitter": "x"}.get(v, v)
        return v

    @model_validator(mode="after")
    def _city_or_policy(self) -> "ConfigModel":
        if self.city and self.policy:
            raise ValueError("city and policy cannot both be set")
        return self


@dataclass(frozen=True)
class Config:
    """A loaded configuration.

    Attributes:
        path: the file it came from, or None for the built-in defaults (no file found).
        values: the validated keys.
    """

    path: Path | None = None
    # The defaults need no validation: without a config file the validator is never built.
    values: ConfigModel = field(default_factory=lambda: defaults_of(ConfigModel))

    @property
    def root(self) -> Path:
        """The folder globs and a relative ``policy`` are relative to (the file's, else cwd)."""
        return self.path.parent if self.path else Path.cwd()

    @property
    def policy_path(self) -> Path | None:
        """``policy`` resolved against the config file's folder, or None."""
        p = self.values.policy
        if p is None:
            return None
        return Path(p) if Path(p).is_absolute() else self.root / p

    def relative(self, path: str) -> str | None:
        """``path`` relative to :attr:`root` with ``/`` separators; None for stdin or a path
        outside the root."""
        if path == "-":
            return None
        try:
            rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(self.root))
        except ValueError:
            return None
        return rel.as_posix()

    def is_excluded(self, path: str) -> bool:
        """True if ``path`` matches one of the ``exclude`` globs."""
        rel = self.relative(path)
        return rel is not None and any(glob_match(g, rel) for g in self.values.exclude)

    def per_file_ignores_for(self, path: str) -> list[tuple[str, list[str]]]:
        """``(glob, tokens)`` of every ``per-file-ignores`` entry that matches ``path``."""
        if not self.values.per_file_ignores:
            return []  # the common case: no path to resolve, as it would be for every file
        rel = self.relative(path)
        if rel is None:
            return []
        return [(g, tokens) for g, tokens in self.values.per_file_ignores.items() if glob_match(g, rel)]


def glob_match(pattern: str, rel: str) -> bool:
    """Match a config glob against a ``/``-separated relative path (see the module doc).

    A glob that names a folder (``"archive"`` or ``"archive/"``) matches everything below it.
    """
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    pat = pattern.replace("**/", "*").replace("**", "*").rstrip("/")
    if fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(rel, pat + "/*"):
        return True
    return "/" not in pattern.rstrip("/") and fnmatch.fnmatchcase(rel.rsplit("/", 1)[-1], pat)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file at or above ``start`` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "snslint.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        data = _read_toml(path)
    except ConfigError:
        return True  # let load_config report the broken file rather than skip it
    return isinstance(data.get("tool"), dict) and "snslint" in data["tool"]


def _read_toml(path: Path) -> dict[str, Any]:
    display = str(path)
    try:
        # A regular file only, the limit applied while reading (/dev/zero, a FIFO).
        raw = read_regular_file(path, MAX_CONFIG_BYTES)
    except FileNotFoundError:
        raise ConfigError("設定ファイルが見つかりません。", "config file not found.", path=display) from None
    except NotRegularFile:
        raise ConfigError(
            "設定ファイルが通常のファイルではありません（FIFO・デバイス・フォルダなど）。",
            "the config file is not a regular file (a FIFO, device or folder).",
            path=display,
        ) from None
    except TooLarge:
        raise ConfigError(
            f"設定ファイルが大きすぎます（{MAX_CONFIG_BYTES:,} バイトまで）。",
            f"config file is too large (at most {MAX_CONFIG_BYTES:,} bytes).",
            path=display,
        ) from None
    except OSError as exc:
        raise ConfigError(
            f"設定ファイルを読めません（{exc.strerror}）。", f"cannot read the config file ({exc.strerror}).", path=display
        ) from None
    import tomllib  # here: a run without a config file never pays for importing a TOML parser

    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError("設定ファイルは UTF-8 で保存してください。", "the config file must be UTF-8.", path=display) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"設定ファイルの TOML が読めません（{exc}）。", f"the config file is not valid TOML ({exc}).", path=display
        ) from None


def load_config(path: Path | str) -> Config:
    """Load and validate one config file (``snslint.toml``, or ``[tool.snslint]`` of a
    ``pyproject.toml``).

    Raises:
        ConfigError: missing or unreadable file, broken TOML, no ``[tool.snslint]`` table in a
            named ``pyproject.toml``, an unknown key or a bad value (the message names the key).
    """
    path = Path(path)
    display = str(path)
    data = _read_toml(path)
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "snslint" not in tool:
            raise ConfigError(
                "pyproject.toml に [tool.snslint] がありません。",
                "pyproject.toml has no [tool.snslint] table.",
                path=display,
            )
        data = tool["snslint"]
        prefix = "tool.snslint."
        if not isinstance(data, dict):
            raise ConfigError("[tool.snslint] は表にしてください。", "[tool.snslint] must be a table.", path=display)
    try:
        values = ConfigModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err.get("loc", ()))
        key = prefix + loc if loc else prefix.rstrip(".") or "(top level)"
        if err.get("type") == "extra_forbidden":
            ja, en = f"設定に未知のキー「{key}」があります。", f"unknown config key '{key}'."
        else:
            msg = err.get("msg", "")
            ja = f"設定の「{key}」が正しくありません（{msg}）。"
            en = f"config key '{key}' is invalid ({msg})."
        raise ConfigError(ja, en, path=display) from None
    return Config(path=path, values=values)


def resolve_config(explicit: str | None, start: Path | None = None) -> Config:
    """The run's configuration: ``--config PATH`` if given, else the nearest file upward,
    else the defaults.

    Raises:
        ConfigError: as :func:`load_config`.
    """
    if explicit:
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else Config()
