"""The content cache: a draft whose content, policy and settings are unchanged is not re-checked.

Designed after ruff's cache (``.ruff_cache/``: one folder in the project, a ``.gitignore``
written inside it, entries keyed by content and settings, ``--no-cache`` to turn it off) and
Black's (``--no-cache``; a cache that cannot be read is ignored, never fatal; writes go to a
temporary file that is renamed over the old one).

Layout (all under :data:`CACHE_DIR_NAME` in the working directory, or the folder given)::

    .snslint_cache/
        .gitignore          "*": git never sees the cache (as ruff does)
        CACHEDIR.TAG        the cache-directory tag (backup tools skip the folder)
        v1/ab/abcdef....json  one entry per checked draft, named by its key

Key (SHA-256, hex) of one entry, over canonical JSON of:

- :data:`FORMAT_VERSION`, the snslint version, the Sudachi dictionary version
  (:func:`snslint.analysis.dictionary_version`) and a fingerprint of the installed code and
  bundled data (:func:`code_fingerprint`: path, size and mtime of every ``.py`` file of the
  package and every bundled policy and lexicon file, plus the ``snslint.rules`` plugins and
  their versions), so an edited rule or lexicon never serves stale findings even when the
  version number did not move;
- the options that affect findings (:func:`options_fingerprint`: ``--at``, ``--platform``,
  ``--select``, ``--ignore``, ``--lang``, ``max_bytes``);
- the policy the draft was checked against (SHA-256 of its validated JSON form);
- the draft's path as given (findings carry it), its encoding and its whole text.

A draft without a fixed post time (no ``--at``, no ``scheduled_at``: the clock is its post
time) is never looked up nor stored (:meth:`ContentCache.key` returns None), and neither is
stdin or a file that could not be read. An entry holds only what a
:class:`~snslint.engine.FileResult` already reports: findings (sensitive text masked), the
masked redaction spans, the encoding, the policy id and the post time; never the draft's text.

An entry that cannot be parsed, whose checksum or key does not match, or whose fields do not
rebuild is discarded (deleted, best effort) and the draft is checked again. Writes stay inside
the cache folder: a temporary file in the entry's own folder, then :func:`os.replace`. A cache
folder that cannot be created or written disables writing silently; it never fails a run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from snslint import __version__

if TYPE_CHECKING:  # pragma: no cover
    from snslint.context import PostTime
    from snslint.draft import Draft
    from snslint.engine import CheckOptions, FileResult
    from snslint.policy import Policy

CACHE_DIR_NAME = ".snslint_cache"
"""The cache folder's name, created in the working directory."""

FORMAT_VERSION = 1
"""Layout version of the entries; bumping it orphans every old entry (``v1/`` -> ``v2/``)."""

_GITIGNORE = "# Automatically created by snslint.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by snslint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def _digest(obj: Any) -> str:
    """SHA-256 (hex) of ``obj`` as canonical JSON (sorted keys, UTF-8)."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def code_fingerprint() -> str:
    """SHA-256 (hex) of what the installed snslint code and data look like on disk.

    Covers every ``.py`` file of the package and every file of the bundled ``policies/`` and
    ``rules/`` folders (relative path, size, mtime in ns), and the ``snslint.rules`` entry
    points (name, target, distribution and its version). Costs a few dozen ``stat`` calls.
    """
    from importlib.metadata import entry_points

    from snslint.resources import data_dir

    package = Path(__file__).resolve().parent
    rows: list[tuple[str, int, int]] = []
    roots = [("pkg", package, "*.py")]
    for kind in ("policies", "rules"):
        try:
            roots.append((kind, data_dir(kind), "*"))
        except FileNotFoundError:  # pragma: no cover - broken install; nothing to cache on
            pass
    for label, root, pattern in roots:
        for path in sorted(root.rglob(pattern)):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            st = path.stat()
            rows.append((f"{label}/{path.relative_to(root).as_posix()}", st.st_size, st.st_mtime_ns))
    plugins = sorted(
        (ep.name, ep.value, ep.dist.name if ep.dist else "", ep.dist.version if ep.dist else "")
        for ep in entry_points(group="snslint.rules")
    )
    return _digest([rows, plugins])


def options_fingerprint(options: "CheckOptions") -> dict[str, Any]:
    """The options that affect findings, as plain JSON data (sorted, deterministic)."""
    return {
        "at": options.at.isoformat() if options.at is not None else None,
        "platform": options.platform,
        "select": sorted(options.select) if options.select is not None else None,
        "ignore": sorted(options.ignore),
        "lang": options.lang,
        "max_bytes": options.max_bytes,
    }


def policy_digest(policy: "Policy") -> str:
    """SHA-256 (hex) of a validated policy's JSON form (any change to it changes the key)."""
    return hashlib.sha256(policy.model_dump_json().encode("utf-8")).hexdigest()


@dataclass
class CachedResult:
    """What an entry restores of a :class:`~snslint.engine.FileResult` (all but the draft)."""

    findings: list[Any]
    encoding: str
    policy_id: str
    post_time: "PostTime"
    redactions: list[tuple[int, int, str]]


class ContentCache:
    """Findings of checked drafts on disk, keyed by content, policy, options and versions.

    Args:
        root: the cache folder (normally ``Path.cwd() / CACHE_DIR_NAME``); created with its
            ``.gitignore`` and ``CACHEDIR.TAG`` on the first write.
        options: the run's options (part of every key).
        settings: precomputed settings digest (for worker processes that rebuild the cache
            from plain data); None computes it from the versions, code and options.

    Attributes:
        hits, misses, writes, discarded: counters for this process (for tests and the
            benchmark).
    """

    def __init__(self, root: Path | str, options: "CheckOptions", settings: str | None = None) -> None:
        self.root = Path(root)
        self.options = options
        if settings is None:
            from snslint.analysis import dictionary_version

            settings = _digest(
                {
                    "format": FORMAT_VERSION,
                    "snslint": __version__,
                    "dictionary": dictionary_version(),
                    "code": code_fingerprint(),
                    "options": options_fingerprint(options),
                }
            )
        self.settings = settings
        self._policies: dict[int, tuple["Policy", str]] = {}
        self._prepared = False
        self._writable = True
        self.hits = self.misses = self.writes = self.discarded = 0

    # ------------------------------------------------------------------ keys

    def _policy_digest(self, policy: "Policy") -> str:
        memo = self._policies.get(id(policy))
        if memo is None or memo[0] is not policy:
            memo = self._policies[id(policy)] = (policy, policy_digest(policy))
        return memo[1]

    def key(self, draft: "Draft", policy: "Policy") -> str | None:
        """The entry key of ``draft`` checked against ``policy``, or None when its findings
        must not be cached: stdin, or no fixed post time (the clock would be used)."""
        if draft.path == "-":
            return None
        if self.options.at is None and draft.meta.scheduled_at is None:
            return None
        return _digest([self.settings, self._policy_digest(policy), draft.path, draft.encoding, draft.text])

    def _entry_path(self, key: str) -> Path:
        return self.root / f"v{FORMAT_VERSION}" / key[:2] / f"{key}.json"

    # ------------------------------------------------------------------ read

    def get(self, key: str) -> CachedResult | None:
        """The stored result of ``key``, or None (missing, or corrupt and now discarded)."""
        path = self._entry_path(key)
        try:
            raw = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            result = self._decode(key, raw)
        except Exception:  # noqa: BLE001 - any defect means: do not trust, check again
            self.discarded += 1
            self.misses += 1
            try:
                path.unlink()
            except OSError:
                pass
            return None
        self.hits += 1
        return result

    @staticmethod
    def _decode(key: str, raw: bytes) -> CachedResult:
        from snslint.context import PostTime, to_zone
        from snslint.findings import Finding

        doc = json.loads(raw.decode("utf-8"))
        payload = doc["payload"]
        if doc["format"] != FORMAT_VERSION or payload["key"] != key or doc["check"] != _digest(payload):
            raise ValueError("cache entry does not match its key or checksum")
        at, source = payload["post_time"]
        if source not in ("option", "front-matter"):
            raise ValueError("cache entry with a clock post time")
        findings = [Finding.from_dict(d) for d in payload["findings"]]
        redactions = [(int(a), int(b), str(m)) for a, b, m in payload["redactions"]]
        return CachedResult(
            findings=findings,
            encoding=str(payload["encoding"]),
            policy_id=str(payload["policy_id"]),
            post_time=PostTime(to_zone(datetime.fromisoformat(at)), source),
            redactions=redactions,
        )

    # ------------------------------------------------------------------ write

    def put(self, key: str, result: "FileResult") -> bool:
        """Store ``result`` under ``key`` (atomically); False when it was not stored.

        Not stored: a result with an error or no post time, findings whose ``extra`` is not
        plain JSON data (it would not come back equal), or a cache folder that cannot be
        written (writing is then off for this process).
        """
        if not self._writable or result.error is not None or result.post_time is None:
            return False
        if result.post_time.source == "clock":
            return False
        findings = [f.to_dict() for f in result.findings]
        payload = {
            "key": key,
            "findings": findings,
            "encoding": result.encoding,
            "policy_id": result.policy_id,
            "post_time": [result.post_time.at.isoformat(), result.post_time.source],
            "redactions": [list(r) for r in result.redactions],
        }
        try:
            text = json.dumps(
                {"format": FORMAT_VERSION, "check": _digest(payload), "payload": payload},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        except (TypeError, ValueError):
            return False
        if json.loads(text)["payload"]["findings"] != findings:
            return False  # e.g. a tuple in Finding.extra would come back as a list
        path = self._entry_path(key)
        try:
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(text)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            self._writable = False
            return False
        self.writes += 1
        return True

    def _prepare(self) -> None:
        """Create the folder with its ``.gitignore`` and ``CACHEDIR.TAG`` (once per process)."""
        if self._prepared:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            target = self.root / name
            if not target.exists():
                fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.root)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(content)
                os.replace(tmp, target)
        self._prepared = True
