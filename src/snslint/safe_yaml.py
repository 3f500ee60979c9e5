"""YAML read within limits the project sets itself: nesting depth and no aliases.

Front matter and policies are small hand-written mappings. Two YAML features can still make a
small file expensive or unreadable, and the parser's own guards differ between versions
(libyaml 0.2.5 stops at 1,000 levels with its own English message; PyYAML's pure-Python parser
runs out of recursion; a "billion laughs" alias chain expands without bound). So before a node
is composed, :func:`check_limits` walks the parser's event stream once and stops at the first
event past a limit, far below any library guard:

- nesting deeper than ``max_depth`` (a mapping or sequence opened inside another);
- an alias (``*name``): anchors and aliases are refused outright, since a policy or front
  matter never needs them and an alias chain is the classic way to blow up expanded size.

The event walk reuses the same loader class (libyaml's ``CSafeLoader`` when available), so
positions are the parser's own 0-based marks.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import yaml


class YamlLimitProblem(NamedTuple):
    """What broke a limit and where.

    Attributes:
        kind: ``"depth"`` (nesting deeper than allowed) or ``"alias"`` (an ``*alias`` or
            ``&anchor``).
        line: 0-based line of the offending event in the parsed text.
        column: 0-based column (characters).
    """

    kind: str
    line: int
    column: int

    def messages(self, subject_ja: str, subject_en: str, max_depth: int) -> tuple[str, str]:
        """``(ja, en)`` one-line messages for this problem in a file of kind ``subject``
        (``"ポリシー"``/``"the policy"``, ``"フロントマター"``/``"the front matter"``)."""
        if self.kind == "alias":
            return (
                f"{subject_ja}では YAML のアンカー・エイリアス（&, *）は使えません。同じ値は書き並べてください。",
                f"YAML anchors and aliases (&, *) are not allowed in {subject_en}; write the values out.",
            )
        return (
            f"{subject_ja}の入れ子が深すぎます（{max_depth} 段まで）。",
            f"{subject_en} is nested too deeply (at most {max_depth} levels).",
        )


def loader_class() -> type:
    """libyaml's ``CSafeLoader`` when PyYAML was built with it, else ``SafeLoader``: the
    same safe tags (no Python objects), character-indexed marks."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_limits(text: str, max_depth: int) -> YamlLimitProblem | None:
    """The first limit that ``text`` breaks, or ``None``.

    The walk uses :func:`loader_class`. libyaml scans ahead of the events it has emitted and
    stops at its own nesting guard (1,000 levels) with its own message, before the walk sees
    the level past ``max_depth``; so when that parser fails, the text is walked again with
    the pure-Python parser (a state machine: no recursion, no guard of its own), and a limit
    broken before the syntax error wins. The slow walk runs only on a text that fails.

    Args:
        text: the YAML document (one document; later ones are not read here).
        max_depth: deepest allowed nesting of collections; a top-level mapping is depth 1.

    Raises:
        yaml.YAMLError: a syntax error met before any limit (the caller reports it as it
            reports parse errors).
    """
    fast = loader_class()
    try:
        return _walk(fast, text, max_depth)
    except yaml.YAMLError:
        if fast is yaml.SafeLoader:
            raise
        try:
            problem = _walk(yaml.SafeLoader, text, max_depth)
        except yaml.YAMLError:
            problem = None
        if problem is None:
            raise
        return problem


def _walk(loader_cls: type, text: str, max_depth: int) -> YamlLimitProblem | None:
    """Walk the event stream of ``text`` with ``loader_cls`` up to the first broken limit."""
    loader = loader_cls(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent | yaml.DocumentEndEvent):
                return None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                return YamlLimitProblem("alias", mark.line, mark.column)
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > max_depth:
                    mark = event.start_mark
                    return YamlLimitProblem("depth", mark.line, mark.column)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def compose_and_construct(text: str) -> tuple[Any, Any]:
    """``(node, data)``: the node graph (kept for line numbers) and the plain data built
    from it with the safe tags only. Call after :func:`check_limits` passed.

    Raises:
        yaml.YAMLError: a syntax error or a tag the safe constructor refuses.
        ValueError, TypeError, OverflowError: a value the constructor rejects (2026-13-45).
    """
    loader = loader_class()(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data
    finally:
        loader.dispose()
