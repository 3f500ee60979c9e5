"""The content cache: a draft whose content, policy and settings are unchanged is not re-checked.

Designed after ruff's cache (``.ruff_cache/``: one folder in the project, a ``.gitignore``
written inside it, entries keyed by content and settings, ``--no-cache`` to turn it off) and
Black's (``--no-cache``; a cache that cannot be read is ignored, never fatal; writes go to a
temporary file that is renamed over the old one).

Layout (all under :data:`CACHE_DIR_NAME` in the working directory, or the folder given)::

    .snslint_cache/
        .gitignore          "*": git never sees the cache (as ruff does)
        CACHEDIR.TAG        the cache-directory tag (backup tools skip the folder)
        v3/results.pack     the entries, one line each: key TAB SHA-256 of the payload TAB
                            the payload as one line of JSON (key, findings, encoding, policy
                            id, post time, redactions)
        v3/shards/*.lines   entries written during a run, the same lines: each cache object
                            (the main process, each worker) appends to a file of its own
        v3/lexicons/CAT001-....json  compiled lexicons (:class:`ArtifactStore`)

Why a pack and not a file per entry: creating a small file costs far more than appending a
line to an open one, enough to make a first run with the cache slower than one with
``--no-cache``. At the end of a run the main process
(:meth:`ContentCache.compact`) merges the shards into the pack (a temporary file renamed over
it) and deletes them, once they are worth it (:data:`MERGE_SHARDS` files or :data:`MERGE_SHARE`
of the pack's size: a one-draft pre-commit run leaves its small shard rather than rewrite a
full pack); shards left behind, by such a run or one that ended early, are read with the pack
and merged later. The pack keeps the :data:`MAX_ENTRIES` newest entries.

Key (SHA-256, hex) of one entry, over canonical JSON of:

- :data:`FORMAT_VERSION`, the snslint version, the Sudachi dictionary version
  (:func:`snslint.text.analysis.dictionary_version`) and a fingerprint of the installed code and
  bundled data (:func:`code_fingerprint`: path, size and mtime of every ``.py`` file of the
  package and every bundled policy and lexicon file, plus the ``snslint.rules`` plugins and
  their versions, and the libraries whose data can change findings, such as jpholiday and the
  public suffix list), so an edited rule or lexicon or an upgraded library never serves stale
  findings even when snslint's version number did not move;
- the options that affect findings (:func:`options_fingerprint`: ``--at``, ``--platform``,
  ``--select``, ``--ignore``, ``--lang``, ``max_bytes``);
- the policy the draft was checked against (SHA-256 of its validated JSON form);
- the draft's path as given (findings carry it), its encoding and its whole text.

A draft without a fixed post time (no ``--at``, no ``scheduled_at``: the clock is its post
time) is never looked up nor stored (:meth:`ContentCache.key` returns None), and neither is
stdin or a file that could not be read. An entry holds only what a
:class:`~snslint.lint.engine.FileResult` already reports: findings (sensitive text masked), the
masked redaction spans, the encoding, the policy id and the post time; never the draft's text.

A line that cannot be parsed, whose checksum or key does not match, or whose fields do not
rebuild is discarded (and left out of the next pack) and the draft is checked again. Writes
stay inside the cache folder. A cache folder that cannot be created or written disables
writing silently; it never fails a run. Two runs at once are safe: each writes its own shards,
and a pack replaced by the other run only loses entries, which are checked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from snslint import __version__
from snslint.identity_memo import IdentityMemo
from snslint.run.cache.artifacts import ArtifactStore
from snslint.run.cache.folder import (
    CACHE_DIR_NAME,
    FORMAT_VERSION,
    digest as _digest,
    ensure_cache_dir,
    remove_old_versions as _remove_old_versions,
    write_atomic as _write_atomic,
)

if TYPE_CHECKING:  # pragma: no cover
    from snslint.rules.context import PostTime
    from snslint.input.draft import Draft
    from snslint.lint.engine import CheckOptions, FileResult
    from snslint.settings.policy import Policy

MAX_ENTRIES = 20_000
"""Entries the pack keeps at most (the newest); about 600 bytes each."""

MERGE_SHARDS = 16
"""Shard files at which the end of a run merges them into the pack (see ContentCache.compact)."""

MERGE_SHARE = 0.125
"""Share of the pack's size in shards at which the end of a run merges them into the pack."""

def _checksum(body: str) -> str:
    """SHA-256 (hex) of an entry's payload line."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _split(line: str) -> tuple[str, str, str] | None:
    """``(key, checksum, payload)`` of a pack or shard line, or None when it has not that shape."""
    parts = line.split("\t", 2)
    if len(parts) != 3 or len(parts[0]) != 64 or len(parts[1]) != 64:
        return None
    return parts[0], parts[1], parts[2]


def _read_lines(path: Path) -> list[str]:
    """The non-empty lines of a pack or shard (an unreadable file has none; bytes that are not
    UTF-8 become U+FFFD, so their line fails its checksum)."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    return [line for line in text.split("\n") if line]


def code_fingerprint() -> str:
    """SHA-256 (hex) of what the installed snslint code and data look like on disk.

    Covers every ``.py`` file of the package and every file of the bundled ``policies/`` and
    ``rules/`` folders (relative path, size, mtime in ns), the ``snslint.rules`` entry points
    (name, target, distribution and its version) and the installed libraries that can change
    findings (:data:`DEPENDENCY_MODULES`). Costs a few dozen ``stat`` calls.
    """
    from snslint.resources import data_dir
    from snslint.rules.registry import plugin_stamps

    import snslint

    package = Path(snslint.__file__).resolve().parent  # the whole package, every stage
    rows: list[tuple[str, int, int]] = []
    roots = [("pkg", str(package), ".py")]
    for kind in ("policies", "rules"):
        try:
            roots.append((kind, str(data_dir(kind)), ""))
        except FileNotFoundError:  # pragma: no cover - broken install; nothing to cache on
            pass
    for label, root, suffix in roots:
        rows.extend((f"{label}/{rel}", size, mtime) for rel, size, mtime in _file_stamps(root, suffix))
    return _digest([rows, plugin_stamps(), _dependency_stamps()])


def _file_stamps(root: str, suffix: str) -> list[tuple[str, int, int]]:
    """``(relative path with /, size, mtime in ns)`` of every regular file under ``root``
    whose name ends with ``suffix``, ``__pycache__`` folders skipped, sorted by path.

    ``os.scandir`` gives each entry's type and ``stat`` from the directory read (one system
    call per file at most), which ``Path.rglob`` then ``Path.stat`` did not."""
    out: list[tuple[str, int, int]] = []
    todo = [(root, "")]
    while todo:
        folder, prefix = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        todo.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(suffix) and entry.is_file():
                    st = entry.stat()
                    out.append((f"{prefix}{entry.name}", st.st_size, st.st_mtime_ns))
    out.sort()
    return out


DEPENDENCY_MODULES = (
    "jpholiday",
    "publicsuffixlist",
    "emoji",
    "confusable_homoglyphs",
    "charset_normalizer",
    "sudachipy",
    "sudachidict_core",
    "yaml",
    "pydantic",
)
"""Libraries whose data or behaviour can change findings (holidays, the public suffix list,
emoji, confusables, decoding, tokenization, YAML and validation)."""


def _dependency_stamps() -> list[tuple[str, int, int]]:
    """Size and mtime of each :data:`DEPENDENCY_MODULES` package's ``__init__`` (found without
    importing it): an upgrade or reinstall rewrites it. A stat per module, where
    ``importlib.metadata.version`` would parse package metadata, a cost every cold start pays."""
    from importlib.util import find_spec

    stamps = []
    for name in DEPENDENCY_MODULES:
        try:
            spec = find_spec(name)
            st = os.stat(spec.origin) if spec is not None and spec.origin else None
        except (ImportError, ValueError, OSError):
            st = None
        stamps.append((name, st.st_size if st else -1, st.st_mtime_ns if st else -1))
    return stamps


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
    """SHA-256 (hex) of a validated policy's content (any change to it changes the key): its
    plain form (:func:`snslint.settings.compiled.to_plain`, every field of every model), which
    needs no pydantic serializer (a policy rebuilt from the cache has none built); its JSON
    dump when a value has no plain form."""
    from snslint.settings.compiled import to_plain

    try:
        return _digest(["plain", to_plain(policy)])
    except TypeError:
        return hashlib.sha256(policy.model_dump_json().encode("utf-8")).hexdigest()


def _plain_json(value: Any) -> bool:
    """True when ``value`` comes back from JSON equal (str, int, float, bool, None, and lists
    and str-keyed dicts of them; a tuple would come back as a list)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    return False


@dataclass
class CachedResult:
    """What an entry restores of a :class:`~snslint.lint.engine.FileResult` (all but the draft)."""

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
        artifacts: the compiled artifacts kept beside the results (:class:`ArtifactStore`).
        hits, misses, writes, discarded: counters for this process (for tests and the
            benchmark).
    """

    def __init__(self, root: Path | str, options: "CheckOptions", settings: str | None = None) -> None:
        self.root = Path(root)
        self.options = options
        if settings is None:
            from snslint.text.analysis import dictionary_version

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
        self.artifacts = ArtifactStore(self.root)
        self._policies: IdentityMemo[str] = IdentityMemo()  # policy -> policy_digest
        self._prepared = False
        self._writable = True
        self._index: dict[str, tuple[str, str]] | None = None  # key -> (checksum, payload)
        self._shard: Any = None  # this object's open shard file, once it has written
        self.hits = self.misses = self.writes = self.discarded = 0

    @property
    def _dir(self) -> Path:
        return self.root / f"v{FORMAT_VERSION}"

    # ------------------------------------------------------------------ keys

    def _policy_digest(self, policy: "Policy") -> str:
        return self._policies.get(policy, None, lambda: policy_digest(policy))

    def key(self, draft: "Draft", policy: "Policy") -> str | None:
        """The entry key of ``draft`` checked against ``policy``, or None when its findings
        must not be cached: stdin, or no fixed post time (the clock would be used)."""
        if draft.path == "-":
            return None
        if self.options.at is None and draft.meta.scheduled_at is None:
            return None
        return _digest([self.settings, self._policy_digest(policy), draft.path, draft.encoding, draft.text])

    # ------------------------------------------------------------------ read

    def _load(self) -> dict[str, tuple[str, str]]:
        """The index of the pack and the shards (a shard's line wins over the pack's), read
        once per object. Lines that do not split into key, checksum and payload are counted
        as discarded."""
        if self._index is None:
            index: dict[str, tuple[str, str]] = {}
            for path in self._files():
                for line in _read_lines(path):
                    parsed = _split(line)
                    if parsed is None:
                        self.discarded += 1
                    else:
                        index[parsed[0]] = parsed[1:]
            self._index = index
        return self._index

    def _files(self) -> list[Path]:
        """The pack, then the shards (oldest first); the files that exist."""
        files = [self._dir / "results.pack"]
        try:
            shards = sorted((self._dir / "shards").glob("*.lines"), key=lambda p: (p.stat().st_mtime_ns, p.name))
        except OSError:
            shards = []
        return [p for p in files if p.is_file()] + shards

    def __len__(self) -> int:
        """Stored results (what a run's first look-up reads from disk)."""
        return len(self._load())

    def get(self, key: str) -> CachedResult | None:
        """The stored result of ``key``, or None (missing, or corrupt and now discarded)."""
        entry = self._load().get(key)
        if entry is None:
            self.misses += 1
            return None
        try:
            result = self._decode(key, *entry)
        except Exception:  # noqa: BLE001 - any defect means: do not trust, check again
            del self._index[key]  # type: ignore[union-attr]
            self.discarded += 1
            self.misses += 1
            return None
        self.hits += 1
        return result

    @staticmethod
    def _decode(key: str, check: str, body: str) -> CachedResult:
        from snslint.rules.context import PostTime, to_zone
        from snslint.findings import Finding

        if check != _checksum(body):
            raise ValueError("cache entry does not match its checksum")
        payload = json.loads(body)
        if payload["key"] != key:
            raise ValueError("cache entry of another key")
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
        if not all(_plain_json(f["extra"]) for f in findings):
            return False  # e.g. a tuple in Finding.extra would come back as a list
        try:
            # One line: json.dumps escapes every control character, tabs and newlines included.
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
            if not body.isascii():
                try:
                    body.encode("utf-8")
                except UnicodeEncodeError:  # a path that is not UTF-8 (lone surrogates): \udcff escapes
                    body = json.dumps(payload, ensure_ascii=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return False
        check = _checksum(body)
        try:
            if self._shard is None:
                self._prepare()
                folder = self._dir / "shards"
                folder.mkdir(parents=True, exist_ok=True)
                name = f"{os.getpid()}-{secrets.token_hex(4)}.lines"
                self._shard = open(folder / name, "a", encoding="utf-8")  # noqa: SIM115 - kept open for the run
            # One write of a whole line, flushed: another process (the compacting main process)
            # reads complete lines; a torn last line fails its checksum and is dropped.
            self._shard.write(f"{key}\t{check}\t{body}\n")
            self._shard.flush()
        except OSError:
            self._writable = False
            return False
        if self._index is not None:
            self._index[key] = (check, body)
        self.writes += 1
        return True

    def close(self) -> None:
        """Close this object's shard file (it stays on disk for :meth:`compact`)."""
        if self._shard is not None:
            try:
                self._shard.close()
            except OSError:
                pass
            self._shard = None

    def compact(self, force: bool = True) -> None:
        """Merge the shards into the pack and delete them (the main process, at the end of a
        run). Lines are verified (checksum) and deduplicated by key, the newest winning; the
        :data:`MAX_ENTRIES` newest are kept. Does nothing without shards; never raises.

        With ``force=False`` (the end of a run) it merges only when it is worth rewriting
        the pack: there is no pack yet, there are :data:`MERGE_SHARDS` shards or more, or the
        shards hold at least :data:`MERGE_SHARE` of the pack's bytes. A pre-commit run that
        adds one entry to a full pack then leaves a small shard (read with the pack next time)
        instead of rewriting the whole pack for one entry.
        """
        self.close()
        files = self._files()
        shards = [p for p in files if p.suffix == ".lines"]
        if not shards:
            return
        if not force and not self._worth_merging(files, shards):
            return
        entries: dict[str, str] = {}
        for path in files:
            for line in _read_lines(path):
                parsed = _split(line)
                if parsed is not None and parsed[1] == _checksum(parsed[2]):
                    entries.pop(parsed[0], None)  # re-inserted last: newest at the end
                    entries[parsed[0]] = line
        kept = list(entries.values())[-MAX_ENTRIES:]
        try:
            _write_atomic(self._dir / "results.pack", "".join(f"{line}\n" for line in kept))
        except OSError:
            return
        for path in shards:
            try:
                path.unlink()
            except OSError:
                pass

    def _worth_merging(self, files: list[Path], shards: list[Path]) -> bool:
        """True if :meth:`compact` with ``force=False`` should rewrite the pack now."""
        if len(shards) >= MERGE_SHARDS or files[0].suffix != ".pack":
            return True
        try:
            pack = files[0].stat().st_size
            added = sum(p.stat().st_size for p in shards)
        except OSError:
            return True
        return added >= MERGE_SHARE * pack

    def _prepare(self) -> None:
        """Create the folder with its ``.gitignore`` and ``CACHEDIR.TAG`` (once per process)."""
        if not self._prepared:
            ensure_cache_dir(self.root)
            self._prepared = True
            _remove_old_versions(self.root)


