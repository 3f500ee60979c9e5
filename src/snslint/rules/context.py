"""What every rule may read about one draft: :class:`CheckContext` and :class:`PostTime`.

The engine builds one context per draft; rules read it through
:class:`~snslint.rules.api.RuleContext`. Everything here is computed once per draft, and the
Sudachi analysis only when a rule first asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple
from zoneinfo import ZoneInfo

from snslint.text.analysis import Analysis
from snslint.text.links import Link, find_links
from snslint.input.draft import Draft
from snslint.settings.policy import Account, Policy, PostingHours

if TYPE_CHECKING:  # pragma: no cover
    from snslint.text.lexicon import ArtifactStore

JST = ZoneInfo("Asia/Tokyo")
"""Japan Standard Time (UTC+9, no daylight saving)."""

PostTimeSource = Literal["option", "front-matter", "clock"]


class PostTime(NamedTuple):
    """When the draft goes out, and how snslint knows.

    Attributes:
        at: an aware datetime in the policy's time zone (JST).
        source: ``"option"`` (``--at``), ``"front-matter"`` (``scheduled_at``) or ``"clock"``
            (the current time: no schedule was given).
    """

    at: datetime
    source: PostTimeSource

    def describe(self, lang: str = "ja") -> str:
        """E.g. ``2026-11-23 18:30（scheduled_at）``."""
        stamp = self.at.strftime("%Y-%m-%d %H:%M")
        label = {
            "ja": {"option": "--at 指定", "front-matter": "scheduled_at", "clock": "現在時刻"},
            "en": {"option": "--at", "front-matter": "scheduled_at", "clock": "current time"},
        }["en" if lang == "en" else "ja"][self.source]
        return f"{stamp}（{label}）" if lang != "en" else f"{stamp} ({label})"


def to_zone(value: datetime, zone: ZoneInfo = JST) -> datetime:
    """``value`` in ``zone``; a naive datetime is taken to be JST already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


@dataclass
class CheckContext:
    """One draft, checked against one policy.

    Attributes:
        draft: the draft.
        policy: the city's policy.
        post_time: when it goes out.
        platform: ``--platform``, else front matter, else the account's platform, or None.
        lang: report language, ``"ja"`` or ``"en"``.
        active_codes: the codes of every rule this run applies to the draft (after the
            policy, ``--select`` and ``--ignore``), so that one rule can defer to another.
        memo: per-draft scratch space shared by the rules, for work several rules would
            otherwise repeat (e.g. the CAT rules' one shared lexicon scan); keys are namespaced
            by the module that owns them (``"snslint.rules.content.scan"``).
        artifacts: where compiled data (the CAT lexicons) is kept between runs, passed in by
            the run stage (a :class:`~snslint.text.lexicon.ArtifactStore`), or None.
        prepared: the body's analysis if it was made ahead of the check, or None.
    """

    draft: Draft
    policy: Policy
    post_time: PostTime
    platform: str | None = None
    lang: str = "ja"
    active_codes: frozenset[str] = frozenset()
    memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    artifacts: ArtifactStore | None = field(default=None, repr=False, compare=False)
    prepared: Analysis | None = field(default=None, repr=False, compare=False)

    @cached_property
    def analysis(self) -> Analysis:
        """The body's analysis (morphemes on first use): :attr:`prepared` when the run
        analysed the body ahead (:func:`snslint.lint.engine.check_batch`), else a new one."""
        if self.prepared is not None and self.prepared.body == self.draft.body:
            return self.prepared
        return Analysis(self.draft.body)

    @cached_property
    def links(self) -> tuple[Link, ...]:
        """The links in the body (:func:`snslint.text.links.find_links`, with the body's NFKC
        view), found once per draft for every rule that reads them (URL, FORM002, FORM008)."""
        return tuple(find_links(self.draft.body, self.analysis.normalized))

    @cached_property
    def account(self) -> Account | None:
        """The policy account the draft posts from, if it can be told."""
        return self.policy.account_for(self.draft.meta.account, self.platform)

    @property
    def posting_hours(self) -> PostingHours:
        """The account's own posting hours, else the policy's."""
        acc = self.account
        if acc is not None and acc.posting_hours is not None:
            return acc.posting_hours
        return self.policy.posting_hours
