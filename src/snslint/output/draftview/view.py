"""One checked draft as a page shows it, and the Jinja2 environment shared by the page and
the HTML report.

:func:`build_view` turns a :class:`~snslint.lint.engine.FileResult` (after the filters stage) into
a :class:`DraftView`: the file's text cut into :class:`Segment` pieces at every finding's span,
each piece masked by :class:`snslint.lint.redaction.Masker` (the one masking pass every report
uses: a personal-data span is never cut in two, so it always shows its whole masked form), the
findings with their clause and hint, the post-time verdict (open hours, closed days, holiday
name) and X's weighted length meter.

Offsets are 0-based characters (code points) into the draft file's text, front matter
included, as in :class:`~snslint.findings.Finding`. Times are JST.

Only Jinja2 is needed here (imported on first use of :func:`environment`); the page's web
server lives in :mod:`snslint.web.app`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from snslint.findings import Finding, Severity
from snslint.lint.redaction import Masker

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from snslint.input.draft import Draft
    from snslint.lint.engine import FileResult
    from snslint.rules.context import PostTime
    from snslint.settings.policy import Policy

LABELS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "SNS投稿チェック",
        "subtitle": "下書きを貼り付けると、市の運用方針に照らして検査します。下書きは保存も記録もされません。",
        "draft": "下書き（フロントマターも可）",
        "city": "市の方針",
        "city_front": "下書きの city: に従う",
        "platform": "投稿先",
        "platform_front": "下書きの platform: に従う",
        "post_time": "投稿予定日時（日本時間）",
        "post_time_help": "空欄なら下書きの scheduled_at、それもなければ現在時刻",
        "images": "添付画像と代替テキスト",
        "image_name": "画像ファイル名",
        "image_alt": "代替テキスト",
        "add_image": "画像を追加",
        "remove": "削除",
        "emergency": "緊急時の例外として投稿する（emergency: true）",
        "check": "検査する",
        "checking": "検査中…",
        "lang_switch": "English",
        "results": "検査結果",
        "error": "エラー",
        "warning": "警告",
        "info": "情報",
        "clause": "根拠",
        "no_clause": "根拠条項なし（一般的な注意）",
        "users_list": "利用者向けの禁止事項を市の投稿に準用",
        "hint": "ヒント",
        "fix": "修正する",
        "fix_available": "修正案",
        "position": "{line}行{column}列",
        "x_meter": "X の重み付き文字数",
        "over_by": "上限を {over} 超えています（超えた部分に下線）",
        "fits": "上限内です",
        "time": "投稿日時",
        "time_open": "投稿時間内です。",
        "time_closed": "閉庁日です。",
        "time_outside": "投稿時間（{hours}）外です。",
        "time_hours": "投稿時間: {hours}",
        "emergency_on": "緊急時の例外として確認が必要です",
        "no_findings": "問題は見つかりませんでした。",
        "not_checked": "検査できませんでした",
        "too_large": "下書きが大きすぎます（{limit} バイトまで）。短くしてから検査してください。",
        "network_error": "検査サーバーに接続できません。snslint serve が動いているか確認してください。",
        "draft_label": "下書き（指摘箇所に色）",
        "findings": "指摘",
        "show_in_draft": "下書きの該当箇所へ",
        "report_title": "snslint 検査レポート",
        "files": "ファイルごとの件数",
        "rules": "ルールごとの件数",
        "file": "ファイル",
        "policy": "方針",
        "rule": "ルール",
        "count": "件数",
        "total": "合計",
        "filters": "絞り込み",
        "all_rules": "すべてのルール",
        "generated": "snslint {version} で作成",
        "summary_line": "{files} ファイルを検査、{total} 件: エラー {error}、警告 {warning}、情報 {info}",
        "no_match": "条件に合う指摘はありません。",
        "checklist": "確認事項（人が判断する条項）",
        "suppressed": "抑止された指摘（理由つき）",
        "reason": "理由",
    },
    "en": {
        "title": "SNS post check",
        "subtitle": "Paste a draft to check it against the city's policy. Drafts are never stored or logged.",
        "draft": "Draft (front matter allowed)",
        "city": "City policy",
        "city_front": "As in the draft's city:",
        "platform": "Platform",
        "platform_front": "As in the draft's platform:",
        "post_time": "Post date and time (JST)",
        "post_time_help": "Empty: the draft's scheduled_at, else the current time",
        "images": "Images and alt text",
        "image_name": "Image file name",
        "image_alt": "Alt text",
        "add_image": "Add an image",
        "remove": "Remove",
        "emergency": "Post under the emergency exception (emergency: true)",
        "check": "Check",
        "checking": "Checking…",
        "lang_switch": "日本語",
        "results": "Results",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "clause": "Clause",
        "no_clause": "no clause (general caution)",
        "users_list": "a rule for users' posts, applied to the city's own by analogy",
        "hint": "Hint",
        "fix": "Apply fix",
        "fix_available": "Fix",
        "position": "line {line}, column {column}",
        "x_meter": "X weighted length",
        "over_by": "{over} over the limit (the part past it is underlined)",
        "fits": "within the limit",
        "time": "Post time",
        "time_open": "inside the posting hours.",
        "time_closed": "a closed day.",
        "time_outside": "outside the posting hours ({hours}).",
        "time_hours": "posting hours: {hours}",
        "emergency_on": "check that the emergency exception applies",
        "no_findings": "No problems found.",
        "not_checked": "not checked",
        "too_large": "The draft is too large (at most {limit} bytes). Shorten it and check again.",
        "network_error": "Cannot reach the checking server. Make sure snslint serve is running.",
        "draft_label": "Draft (findings coloured)",
        "findings": "Findings",
        "show_in_draft": "show in the draft",
        "report_title": "snslint report",
        "files": "Findings per file",
        "rules": "Findings per rule",
        "file": "File",
        "policy": "Policy",
        "rule": "Rule",
        "count": "Count",
        "total": "Total",
        "filters": "Filter",
        "all_rules": "All rules",
        "generated": "made by snslint {version}",
        "summary_line": "{files} files checked, {total} findings: {error} errors, {warning} warnings, {info} info",
        "no_match": "No finding matches the filter.",
        "checklist": "Checklist (clauses a person must judge)",
        "suppressed": "Suppressed findings (with their reasons)",
        "reason": "Reason",
    },
}
"""Every label of the page and the report, in Japanese and English (same keys)."""

SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Severities in display order, most serious first."""


def labels(lang: str) -> dict[str, str]:
    """The labels in ``lang`` (``"ja"``, else English)."""
    return LABELS["ja" if lang == "ja" else "en"]


@dataclass(frozen=True)
class Segment:
    """A run of the draft's text with the same findings over it.

    Attributes:
        text: the text as shown: masked where it holds personal data.
        findings: ids of the findings whose span covers this run (empty: plain text).
        severity: the most serious of those findings' severities, or None.
        points: ``(id, severity)`` of zero-length findings placed just before this run (a
            missing thing, e.g. the post time when it came from the form, not the text).
        over: True when the run lies past X's weighted length limit.
        anchors: ids of the findings whose span starts in this run (the page links each
            finding to its first run).
    """

    text: str
    findings: tuple[str, ...] = ()
    severity: str | None = None
    points: tuple[tuple[str, str], ...] = ()
    over: bool = False
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Fix:
    """A change that resolves a finding, as offered by its rule.

    Attributes:
        description: what the fix does, in the report language (may be empty).
        edits: ``{"start", "end", "replacement"}`` dicts: character offsets into the file's
            text (0-based, end exclusive) and the text to put there.
    """

    description: str
    edits: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class FindingView:
    """One finding as shown: ids for the page, words in the report language.

    Attributes:
        id: unique in the page (``"f0"``, or ``"d3-f0"`` in a report of many drafts).
        finding: the finding itself (``text`` masked for personal data).
        severity_label: エラー / 警告 / 情報 (or English).
        message: the message in the report language.
        clause_title: ``document ref`` of the clause, or None.
        clause_text: the clause's words, or "".
        users_list: the clause lists what users may not post (applied by analogy).
        hint: the hint in the report language, or "".
        fixes: changes that resolve the finding (none for personal data).
    """

    id: str
    finding: Finding
    severity_label: str
    message: str
    clause_title: str | None
    clause_text: str
    users_list: bool
    hint: str
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class TimeVerdict:
    """Whether the post time falls inside the posting hours of an open day.

    Attributes:
        stamp: the post time and where it came from, e.g. ``2026-11-23 18:30（scheduled_at）``.
        ok: True on an open day inside the hours.
        closed: the reasons the day is closed (holiday name, weekday, year end), in words.
        outside: True when the time of day is outside the hours.
        hours: the posting hours in words, e.g. ``平日 08:30〜17:15``.
        holiday: the national holiday's name (jpholiday), or None.
        emergency: the draft says ``emergency: true``.
    """

    stamp: str
    ok: bool
    closed: tuple[str, ...]
    outside: bool
    hours: str
    holiday: str | None
    emergency: bool


@dataclass(frozen=True)
class LengthMeter:
    """X's weighted length of the body (twitter-text v3: Japanese 2, URL 23; limit 280).

    Attributes:
        length: weighted characters.
        limit: the limit (the policy's FORM001 setting for ``x``, else 280).
        over: weighted characters past the limit (0 when it fits).
        percent: ``length / limit`` in percent, capped at 100 (for the bar).
        over_at: file offset where the text stops fitting, or None.
    """

    length: int
    limit: int
    over: int
    percent: int
    over_at: int | None


@dataclass
class DraftView:
    """Everything the page or the report shows about one draft.

    Attributes:
        id: prefix of the ids in this view (``""`` on the page, ``"d3-"`` in a report).
        path: the path as given (``"-"`` for stdin; the page uses a fixed name).
        policy_id: the policy it was checked against (``""`` when not checked).
        policy_name: the city's name in the report language, or the id.
        error: why it was not checked (one line in the report language), or None.
        segments: the text in masked, highlighted runs (empty when not checked).
        findings: the findings in report order.
        counts: ``{"error": n, "warning": n, "info": n}``.
        time: the post-time verdict, or None without a policy.
        meter: X's length meter, or None when not checked.
        platform: the platform it was checked for, or None.
        checklist: ``(ref, question)`` per clause of the city that only a person can judge
            (:func:`snslint.settings.policy.checklist`), in the report language.
    """

    id: str
    path: str
    policy_id: str = ""
    policy_name: str = ""
    error: str | None = None
    segments: list[Segment] = field(default_factory=list)
    findings: list[FindingView] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in SEVERITIES})
    time: TimeVerdict | None = None
    meter: LengthMeter | None = None
    platform: str | None = None
    checklist: list[tuple[str, str]] = field(default_factory=list)


def segments(
    text: str,
    spans: list[tuple[str, int, int, Severity]],
    redactions: list[tuple[int, int, str]],
    over_at: int | None = None,
) -> list[Segment]:
    """Cut ``text`` at every span's ends into :class:`Segment` runs, masked.

    Args:
        text: the draft file's text.
        spans: ``(id, start, end, severity)`` per finding (character offsets into ``text``).
        redactions: ``(start, end, masked)`` spans of personal data
            (:attr:`snslint.lint.engine.FileResult.redactions`).
        over_at: offset past which the text is over X's limit, or None.

    A cut never falls strictly inside a redaction (it moves to the redaction's start), so
    each personal-data value is shown whole in its masked form by
    :meth:`snslint.lint.redaction.Masker.span`, exactly as the terminal report shows it.
    Zero-length spans become :attr:`Segment.points` at their (moved) offset.
    """
    n = len(text)

    def snap(b: int) -> int:
        b = max(0, min(b, n))
        for r0, r1, _ in redactions:
            if r0 < b < r1:
                return r0
        return b

    bounds = {0, n}
    for _, s, e, _ in spans:
        bounds.add(snap(s))
        bounds.add(snap(e))
    for r0, r1, _ in redactions:
        bounds.add(snap(r0))
        bounds.add(snap(r1))
    if over_at is not None:
        bounds.add(snap(over_at))
    points: dict[int, list[tuple[str, str]]] = {}
    for fid, s, e, sev in spans:
        if e <= s:
            points.setdefault(snap(s), []).append((fid, sev.value))
    cuts = sorted(bounds)
    masker = Masker(text, redactions)
    out: list[Segment] = []
    anchored: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        cover = [(fid, sev) for fid, s, e, sev in spans if s < e and s < b and a < e]
        worst = max((sev for _, sev in cover), key=lambda s: s.rank, default=None)
        anchors = tuple(fid for fid, _ in cover if fid not in anchored)
        anchored.update(anchors)
        out.append(
            Segment(
                text=masker.span(a, b),
                findings=tuple(fid for fid, _ in cover),
                severity=worst.value if worst is not None else None,
                points=tuple(points.pop(a, ())),
                over=over_at is not None and a >= over_at,
                anchors=anchors,
            )
        )
    rest = [p for at in sorted(points) for p in points[at]]
    if rest:
        out.append(Segment(text="", points=tuple(rest)))
    return out


def fixes_of(finding: Finding, lang: str) -> tuple[Fix, ...]:
    """The fixes a finding carries, normalized; none for personal data.

    A rule offers fixes as ``finding.fixes`` or ``finding.extra["fixes"]``: a list of dicts,
    each with ``edits`` (a list of ``{"start", "end", "replacement"}``; ``content`` or
    ``text`` is read as ``replacement``) or one edit's keys itself, and an optional
    ``description``/``message`` (``description_en``/``message_en`` in English). Anything
    malformed is left out rather than offered.
    """
    if finding.sensitive:
        return ()
    raw = getattr(finding, "fixes", None) or finding.extra.get("fixes") or ()
    out: list[Fix] = []
    for item in raw if isinstance(raw, (list, tuple)) else ():
        if is_dataclass(item) and not isinstance(item, type):
            item = asdict(item)
        if not isinstance(item, dict):
            continue
        edits_in = item.get("edits", [item])
        edits: list[dict[str, Any]] = []
        for e in edits_in if isinstance(edits_in, (list, tuple)) else ():
            if is_dataclass(e) and not isinstance(e, type):
                e = asdict(e)
            if not isinstance(e, dict):
                break
            rep = next((e[k] for k in ("replacement", "content", "text") if isinstance(e.get(k), str)), None)
            start, end = e.get("start"), e.get("end")
            if rep is None or not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
                break
            edits.append({"start": start, "end": end, "replacement": rep})
        else:
            if edits:
                keys = ("description_en", "message_en", "description", "message") if lang == "en" else ("description", "message")
                desc = next((str(item[k]) for k in keys if item.get(k)), "")
                out.append(Fix(desc, tuple(edits)))
    return tuple(out)


def finding_view(fid: str, f: Finding, lang: str) -> FindingView:
    """:class:`FindingView` of ``f`` with id ``fid``."""
    lab = labels(lang)
    return FindingView(
        id=fid,
        finding=f,
        severity_label=lab[f.severity.value],
        message=f.message(lang),
        clause_title=f"{f.clause.document} {f.clause.ref}".strip() if f.clause else None,
        clause_text=f.clause.text if f.clause else "",
        users_list=bool(f.clause and f.clause.users_list),
        hint=f.hint_in(lang),
        fixes=fixes_of(f, lang),
    )


def time_verdict(post_time: "PostTime", policy: "Policy", draft: "Draft | None", platform: str | None, lang: str) -> TimeVerdict:
    """The post time against the posting hours (the account's own, else the policy's):
    closed-day reasons (:func:`snslint.text.calendar_ja.closed_reasons`) and the hours
    (:func:`snslint.rules.timing.outside_hours`), as TIME001/TIME002 judge them."""
    from snslint.rules.timing import outside_hours
    from snslint.text.calendar_ja import closed_reasons, describe_days, describe_holiday, holiday_name

    meta = draft.meta if draft is not None else None
    account = policy.account_for(meta.account if meta else None, platform)
    hours = account.posting_hours if account is not None and account.posting_hours is not None else policy.posting_hours
    at = post_time.at
    reasons = closed_reasons(at.date(), hours)
    outside = outside_hours(at, hours)
    days_ja, days_en = describe_days(hours.days)
    hours_ja = f"{days_ja} {hours.start:%H:%M}〜{hours.end:%H:%M}"
    hours_en = f"{days_en} {hours.start:%H:%M}-{hours.end:%H:%M}"
    name = holiday_name(at.date())
    holiday = describe_holiday(name)[1 if lang == "en" else 0] if name else None
    return TimeVerdict(
        stamp=post_time.describe(lang),
        ok=not reasons and not outside,
        closed=tuple(r.en if lang == "en" else r.ja for r in reasons),
        outside=outside,
        hours=hours_en if lang == "en" else hours_ja,
        holiday=holiday,
        emergency=bool(meta and meta.emergency),
    )


def length_meter(draft: "Draft", policy: "Policy | None") -> LengthMeter:
    """X's weighted length of the draft's body (stripped, as FORM001 measures it)."""
    from snslint.rules.form.length import DEFAULT_LENGTH_LIMITS
    from snslint.text.weighted_length import measure

    limit = DEFAULT_LENGTH_LIMITS["x"]
    cfg = policy.rule("FORM001") if policy is not None else None
    if cfg is not None and isinstance(cfg.settings.get("limits"), dict):
        limit = int(cfg.settings["limits"].get("x", limit))
    body = draft.body
    lead = len(body) - len(body.lstrip())
    got = measure(body.strip(), limit=limit)
    over_at = draft.body_offset + lead + got.valid_end if got.over else None
    return LengthMeter(
        length=got.length,
        limit=got.limit,
        over=got.over,
        percent=min(100, round(100 * got.length / got.limit)) if got.limit else 100,
        over_at=over_at,
    )


def build_view(
    result: "FileResult",
    policy: "Policy | None",
    lang: str,
    *,
    id_prefix: str = "",
    draft: "Draft | None" = None,
    platform: str | None = None,
    checklist: list[Any] | None = None,
) -> DraftView:
    """A :class:`DraftView` of one result (after the filters stage).

    Args:
        result: the checked file; its ``error`` makes a view with only the error.
        policy: the policy it was checked against (for the hours, the meter's limit and the
            city's name), or None when unknown (then no time verdict).
        lang: ``"ja"`` or ``"en"``.
        id_prefix: prefix of every element id (unique ids across the drafts of a report).
        draft: the draft, when the result no longer holds it (a cached result).
        platform: the platform the draft was checked for (``--platform``), if given.
        checklist: the policy's :class:`~snslint.settings.policy.ChecklistItem` list (none
            with ``--no-checklist``).
    """
    view = DraftView(id=id_prefix, path=result.path, policy_id=result.policy_id)
    if policy is not None:
        view.policy_name = (policy.name_en or policy.id) if lang == "en" else policy.name
    else:
        view.policy_name = result.policy_id
    if result.error is not None:
        view.error = result.error.en if lang == "en" else result.error.ja
        return view
    view.checklist = [(item.ref, item.question_in(lang)) for item in checklist or ()]
    draft = draft or result.draft
    view.findings = [finding_view(f"{id_prefix}f{i}", f, lang) for i, f in enumerate(result.findings)]
    for fv in view.findings:
        view.counts[fv.finding.severity.value] += 1
    if draft is None:
        return view
    platform = platform or draft.meta.platform
    if platform is None and policy is not None:
        acc = policy.account_for(draft.meta.account, None)
        platform = acc.platform if acc is not None else None
    view.platform = platform
    view.meter = length_meter(draft, policy)
    spans = [(fv.id, fv.finding.start, fv.finding.end, fv.finding.severity) for fv in view.findings]
    view.segments = segments(draft.text, spans, result.redactions, view.meter.over_at)
    if policy is not None and result.post_time is not None:
        view.time = time_verdict(result.post_time, policy, draft, platform, lang)
    return view


@lru_cache(maxsize=1)
def environment() -> "jinja2.Environment":
    """The Jinja2 environment of the page and the report: templates from this package,
    autoescaping on for every template (draft text is always escaped), undefined names an
    error.

    Raises:
        ImportError: Jinja2 is not installed.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("snslint.output.draftview", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["SEVERITIES"] = [s.value for s in SEVERITIES]
    return env


def static_text(name: str) -> str:
    """The text of a file in ``snslint/output/draftview/static`` (CSS or script, UTF-8).

    Raises:
        FileNotFoundError: no such file (a broken install).
    """
    return resources.files("snslint.output.draftview").joinpath("static", name).read_text(encoding="utf-8")
