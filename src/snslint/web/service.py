"""Check a draft pasted into the page, with the engine and filters of ``snslint check``.

:class:`DraftChecker` keeps the policies and (after :meth:`DraftChecker.warm_up`) Sudachi's
dictionary, the rule modules and their compiled patterns loaded, so each check after the first
costs what a draft costs in a warm ``snslint check`` process, not a cold start.

The draft text only ever lives in memory: it is parsed from the request, checked and
dropped. Nothing here opens a file, and no request field names a file: the city is chosen
among the policies loaded at start (the bundled ones and ``--policy``), image ``path`` values
are names that are never opened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from snslint.errors import InputError, PolicyError, SnslintError
from snslint.input.draft import DEFAULT_MAX_BYTES, SCHEDULE_YEARS, FrontMatter, ImageRef, parse_draft
from snslint.lint.engine import CheckOptions, FileResult, check_draft, front_matter_error, with_front_matter_error
from snslint.lint.redaction import mask_result
from snslint.lint.suppression import Filters, apply
from snslint.settings.policy import Policy, bundled_ids, load_bundled, load_policy_file

PLATFORMS: tuple[str, ...] = ("x", "facebook", "instagram", "line", "youtube", "threads")
"""Platforms the page offers (as ``--platform``)."""

DRAFT_NAME = "下書き"
"""The path shown for a draft pasted into the page (it has no file)."""

MAX_IMAGES = 20
"""Most images the page sends (Instagram's carousel limit; X allows 4)."""

WARM_UP_DRAFT = (
    "---\nplatform: x\nscheduled_at: 2026-12-02T10:00\nimages:\n  - path: hall.jpg\n    alt: 市民会館の外観\n---\n"
    "【お知らせ】12月5日（土）に市民会館で防災講演会を開催します。参加無料、申込不要です。\n"
    "詳しくは市ホームページをご覧ください。https://www.city.example.lg.jp/bousai/\n"
    "問い合わせ：防災課 0120-000-000（bousai@city.example.lg.jp）\n#防災 #市民会館\n"
)
"""A benign announcement checked once per policy at start, so that the first real check
does not pay for loading the dictionary and compiling the lexicons."""


@dataclass(frozen=True)
class CheckRequest:
    """What the page sends for one check (all optional but the text).

    Attributes:
        text: the whole draft, front matter allowed (LF or CRLF line ends).
        city: a loaded policy's id, or ``""`` for the draft's own ``city:``.
        platform: one of :data:`PLATFORMS`, or ``""`` for the draft's own.
        at: ``YYYY-MM-DDTHH:MM`` (JST), or ``""`` for ``scheduled_at`` / the clock.
        images: ``{"path", "alt"}`` dicts; when any is given they replace the front matter's.
        emergency: True sets ``emergency: true``; False keeps the draft's own value.
        lang: ``"ja"`` or ``"en"``.
    """

    text: str
    city: str = ""
    platform: str = ""
    at: str = ""
    images: tuple[dict[str, Any], ...] = ()
    emergency: bool = False
    lang: str = "ja"

    @classmethod
    def from_json(cls, data: Any) -> "CheckRequest":
        """Read the page's JSON body.

        Raises:
            InputError: not an object, or a field of the wrong type.
        """
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InputError("検査する下書き（text）がありません。", "the request holds no draft (text).")
        strings = {k: data.get(k, "") for k in ("city", "platform", "at", "lang")}
        images = data.get("images", [])
        if not all(isinstance(v, str) for v in strings.values()) or not isinstance(images, list):
            raise InputError("検査の指定が正しくありません。", "the check request has a field of the wrong type.")
        if len(images) > MAX_IMAGES or not all(isinstance(i, dict) for i in images):
            raise InputError(f"画像は {MAX_IMAGES} 枚までです。", f"at most {MAX_IMAGES} images.")
        strings = {k: v.strip() for k, v in strings.items()}
        strings["lang"] = "en" if strings["lang"] == "en" else "ja"
        return cls(text=data["text"], images=tuple(images), emergency=data.get("emergency") is True, **strings)


@dataclass
class DraftChecker:
    """The engine as the page uses it: policies loaded once, one draft per call.

    Attributes:
        policies: id -> policy offered in the city selector: every bundled policy, plus
            the ``--policy`` file's (which replaces a bundled one of the same id).
        default_city: the selector's initial choice (``--city``, or the ``--policy`` file's
            id), or None for the draft's own ``city:``.
        max_bytes: largest draft checked, in UTF-8 bytes.
    """

    policies: dict[str, Policy] = field(default_factory=dict)
    default_city: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    _checklists: dict[str, list[Any]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, city: str | None = None, policy_file: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> "DraftChecker":
        """Load every bundled policy and ``policy_file`` (``--policy``).

        Raises:
            PolicyError: ``city`` is not a bundled policy, or ``policy_file`` cannot be read.
            UsageError: both ``city`` and ``policy_file`` are given.
        """
        from snslint.errors import UsageError
        from snslint.rules.registry import check_policy

        if city and policy_file:
            raise UsageError("--city と --policy は同時に指定できません。", "--city and --policy cannot be used together.")
        policies = {pid: load_bundled(pid) for pid in bundled_ids()}
        default = None
        if policy_file:
            own = check_policy(load_policy_file(policy_file))
            policies[own.id] = own
            default = own.id
        elif city:
            default = load_bundled(city).id
        return cls(policies=policies, default_city=default, max_bytes=max_bytes)

    def warm_up(self) -> None:
        """Check :data:`WARM_UP_DRAFT` against every policy once (loads the dictionary,
        imports the rule modules, compiles lexicons and URL patterns)."""
        for pid, policy in self.policies.items():
            self.check(CheckRequest(text=WARM_UP_DRAFT, city=pid))
            self.checklist(policy)

    def checklist(self, policy: Policy) -> list[Any]:
        """The human checklist of ``policy`` (:func:`snslint.settings.policy.checklist`),
        computed once per policy."""
        from snslint.settings.policy import checklist

        if policy.id not in self._checklists:
            self._checklists[policy.id] = checklist(policy)
        return self._checklists[policy.id]

    def _policy(self, req: CheckRequest, meta: FrontMatter) -> Policy:
        city = req.city or meta.city or self.default_city
        if not city:
            raise PolicyError("市の方針を選んでください。", "choose a city policy.")
        policy = self.policies.get(city)
        if policy is None:
            raise PolicyError(f"「{city}」という市の方針はありません。", f"there is no policy named '{city}'.")
        return policy

    def check(self, req: CheckRequest) -> tuple[FileResult, Policy | None]:
        """Check one draft as ``snslint check`` would, filters stage included (front-matter
        suppressions, SNS001/SNS002).

        Returns:
            The result (``error`` set for bad input: a bad front matter, an unknown city, a
            draft over :attr:`max_bytes`) and the policy used (None when none was chosen).
        """
        try:
            data = req.text.encode("utf-8", "surrogatepass")
            if len(data) > self.max_bytes:
                raise InputError(
                    f"下書きが大きすぎます（{self.max_bytes:,} バイトまで）。",
                    f"the draft is too large (at most {self.max_bytes:,} bytes).",
                )
            draft = parse_draft(DRAFT_NAME, data)
            meta = _with_form(draft.meta, req)
            draft.front_matter = meta
            try:
                policy = self._policy(req, meta)
            except SnslintError as exc:
                # Front matter that could not be read says so first (snslint.input.draft).
                raise front_matter_error(draft, checked=False) or exc from None
            options = CheckOptions(
                at=_parse_at(req.at),
                platform=_platform(req.platform),
                lang="en" if req.lang == "en" else "ja",
            )
            # A front-matter value that could not be read: the body is still checked and
            # the error is shown with the findings, as snslint check does.
            result = with_front_matter_error(check_draft(draft, policy, options))
        except SnslintError as exc:
            return mask_result(FileResult(path=DRAFT_NAME, error=exc)), None
        result.findings, _ = apply(
            result, Filters(policy_for=lambda r: policy, platform=options.platform, lang=options.lang)
        )
        # The masking pass every format gets (snslint.output.formats.get), here for the page.
        return mask_result(result), policy


def _with_form(meta: FrontMatter, req: CheckRequest) -> FrontMatter:
    """The draft's front matter with the form's images and emergency flag applied.

    Raises:
        InputError: an image entry the front-matter model refuses (too long, unknown key).
    """
    from pydantic import ValidationError

    update: dict[str, Any] = {}
    if req.emergency:
        update["emergency"] = True
    images = [i for i in req.images if str(i.get("path", "")).strip() or str(i.get("alt") or "").strip()]
    if images:
        try:
            update["images"] = [
                ImageRef.model_validate({"path": str(i.get("path", "")).strip() or f"image{n + 1}", "alt": i.get("alt") or None})
                for n, i in enumerate(images)
            ]
        except ValidationError:
            raise InputError("画像の指定が正しくありません（代替テキストは 2,000 文字まで）。",
                             "an image entry is not valid (alt text: at most 2,000 characters).") from None
    return meta.model_copy(update=update) if update else meta


def _platform(value: str) -> str | None:
    """The form's platform, or None for the draft's own.

    Raises:
        InputError: not one of :data:`PLATFORMS`.
    """
    if not value:
        return None
    value = {"twitter": "x"}.get(value.lower(), value.lower())
    if value not in PLATFORMS:
        raise InputError(f"投稿先「{value}」は使えません。", f"unknown platform '{value}'.")
    return value


def _parse_at(value: str) -> datetime | None:
    """The form's post time (naive = JST), or None.

    Raises:
        InputError: not an ISO 8601 date-time, or a year outside
            :data:`snslint.input.draft.SCHEDULE_YEARS`.
    """
    if not value:
        return None
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"投稿日時「{value}」が読めません。", f"cannot read the post time '{value}'.") from None
    lo, hi = SCHEDULE_YEARS
    if not lo <= at.year <= hi:
        raise InputError(f"投稿日時の年は {lo}〜{hi} 年にしてください。", f"the year must be between {lo} and {hi}.")
    return at
