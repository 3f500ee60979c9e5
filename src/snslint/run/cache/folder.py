"""The cache folder shared by both caches: its name, layout version, the ``.gitignore`` and
``CACHEDIR.TAG`` written inside it, atomic writes.

The results (:mod:`snslint.run.cache.results`) and the compiled artifacts
(:mod:`snslint.run.cache.artifacts`) live side by side under ``vN/`` in this folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

from snslint.atomic_write import write_atomic as _write_atomic

CACHE_DIR_NAME = ".snslint_cache"
"""The cache folder's name, created in the working directory."""

FORMAT_VERSION = 3
"""Layout version of the cache; bumping it orphans every old entry, and the first write of a
newer version deletes the older folders. 3: findings masked by the one masking pass
(:mod:`snslint.lint.redaction`); a ``v2/`` entry could hold a raw value another rule quoted."""

_GITIGNORE = "# Automatically created by snslint.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by snslint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


def digest(obj: Any) -> str:
    """SHA-256 (hex) of ``obj`` as canonical JSON (sorted keys, UTF-8)."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    # surrogatepass: a file name that is not UTF-8 reaches Python as lone surrogates (PEP 383).
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def remove_old_versions(root: Path) -> None:
    """Delete the ``v1/`` .. ``v{FORMAT_VERSION - 1}/`` folders of ``root`` (older layouts
    whose entries may hold what a newer snslint no longer stores); never raises."""
    for n in range(1, FORMAT_VERSION):
        old = root / f"v{n}"
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)


def ensure_cache_dir(root: Path) -> None:
    """Create the cache folder ``root`` with its ``.gitignore`` (``*``, so git never sees the
    cache, as ruff does) and ``CACHEDIR.TAG``.

    Raises:
        OSError: the folder cannot be created or written.
    """
    root.mkdir(parents=True, exist_ok=True)
    for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        target = root / name
        if not target.exists():
            write_atomic(target, content)


def write_atomic(path: Path, text: str) -> None:
    """Replace the cache file ``path`` with ``text`` in one step (not fsynced: a cache file
    lost in a crash is only computed again). See :func:`snslint.atomic_write.write_atomic`."""
    _write_atomic(path, text.encode("utf-8"), durable=False)
