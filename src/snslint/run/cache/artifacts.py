"""Compiled artifacts kept between processes: :class:`ArtifactStore`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from snslint.run.cache.folder import FORMAT_VERSION, digest as _digest, ensure_cache_dir, write_atomic as _write_atomic


class ArtifactStore:
    """Compiled artifacts (plain JSON data, such as the CAT lexicons compiled to phrases) kept
    between processes next to the results: ``ROOT/vN/KIND/NAME-KEY40.json``.

    Passed in to whoever compiles (:func:`snslint.text.lexicon.lexicon_for` through
    :class:`~snslint.lint.engine.ResultCache` ``.artifacts``); nothing is switched on
    process-wide. Like the result entries, a file is never trusted: one that does not parse or
    does not match its key and checksum is deleted and reported missing.

    Args:
        root: the cache folder; created with its ``.gitignore`` and ``CACHEDIR.TAG`` on the
            first save.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    def _path(self, kind: str, name: str, key: str) -> Path:
        return self.root / f"v{FORMAT_VERSION}" / kind / f"{name}-{key[:40]}.json"

    def load(self, kind: str, name: str, key: str) -> Any | None:
        """The data saved under ``kind``/``name``/``key``, or None."""
        path = self._path(kind, name, key)
        try:
            doc = json.loads(path.read_bytes().decode("utf-8"))
            if doc["key"] != key or doc["check"] != _digest(doc["data"]):
                raise ValueError("stale or damaged artifact")
            return doc["data"]
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - damaged: discard
            try:
                path.unlink()
            except OSError:
                pass
            return None

    def save(self, kind: str, name: str, key: str, data: Any) -> None:
        """Store ``data`` (plain JSON data) atomically; a folder that cannot be written is
        silently skipped (the artifact is only a speed-up)."""
        path = self._path(kind, name, key)
        try:
            text = json.dumps({"key": key, "check": _digest(data), "data": data}, ensure_ascii=False)
            ensure_cache_dir(self.root)
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, text)
        except (OSError, TypeError, ValueError):
            pass
