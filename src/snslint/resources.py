"""Where the bundled data lives: ``policies/`` and ``rules/`` (lexicons, domain lists).

In an installed wheel they sit inside the package as ``snslint/_data/policies`` and
``snslint/_data/rules`` (hatch ``force-include``); in a source checkout or an editable install
they are the repository's top-level ``policies/`` and ``rules/`` folders.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def data_dir(kind: str) -> Path:
    """The folder of bundled ``kind`` data (``"policies"`` or ``"rules"``).

    Raises:
        FileNotFoundError: neither the wheel's nor the checkout's folder exists (a broken
            install).
    """
    for candidate in (_PACKAGE / "_data" / kind, _PACKAGE.parents[1] / kind):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"snslint data folder '{kind}' is missing from this installation")


def data_file(kind: str, name: str) -> Path:
    """Path of one bundled data file, e.g. ``data_file("rules", "url_shorteners.txt")``."""
    return data_dir(kind) / name


def shipped_json(kind: str, name: str) -> dict[str, Any]:
    """A JSON object made ahead of time and shipped in a bundled data folder, as read: the
    compiled lexicons (``rules/compiled_lexicons.json``) or the validated policies
    (``policies/compiled_policies.json``).

    ``{}`` when the file is missing or unreadable, not JSON, or not an object: its users then
    build what it would have held (slower, never wrong). Not cached here; they cache it.
    """
    import json

    try:
        data = json.loads(data_file(kind, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
