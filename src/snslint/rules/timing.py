"""TIME family: when a post goes out (posting hours, closed days) and the dates in its text.

* TIME001 outside-posting-hours: the post time is before ``start`` or after ``end`` of the
  posting hours on an open day.
* TIME002 closed-day: the post goes out on a closed day (閉庁日: weekend, national holiday,
  year-end closure, a listed date). On a closed day only TIME002 reports, mentioning the hour
  when it is also outside the hours, so that a person reads one finding, not two.
* TIME003 weekday-mismatch: a date in the text whose written weekday is wrong.

The post time is :attr:`snslint.rules.context.CheckContext.post_time` (``--at``, else the front
matter's ``scheduled_at``, else the clock), in JST. The hours are the posting account's own
if the policy gives it some, else the policy's. ``emergency: true`` in the front matter turns
TIME001 and TIME002 into ``info`` findings that cite the policy's exception clause. When no
post time is given (the clock), TIME001 and TIME002 are at most warnings that say so and hint
at ``scheduled_at:``: the clock is when the check ran, not when the post goes out.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Iterator

from snslint.text.calendar_ja import (
    WEEKDAY_EN,
    WEEKDAY_JA,
    ClosedReason,
    closed_reasons,
    describe_days,
    find_weekday_dates,
)
from snslint.findings import Clause, Finding, Severity
from snslint.settings.policy import PostingHours
from snslint.rules.registry import register
from snslint.rules.api import Example, Rule, RuleContext


def _minute(at: datetime) -> time:
    """The wall-clock minute of ``at`` (seconds dropped): 17:15:59 counts as 17:15."""
    return time(at.hour, at.minute)


def outside_hours(at: datetime, hours: PostingHours) -> bool:
    """True when ``at`` (JST) is before ``hours.start`` or after ``hours.end``.

    Both ends are inclusive and compared at minute precision: with 08:30-17:15, 08:30:00 and
    17:15:59 are inside, 08:29:59 and 17:16:00 are outside. The day is not considered.
    """
    minute = _minute(at)
    return minute < hours.start or minute > hours.end


def _hours_text(hours: PostingHours) -> tuple[str, str]:
    days_ja, days_en = describe_days(hours.days)
    span = f"{hours.start:%H:%M}〜{hours.end:%H:%M}"
    return f"{days_ja} {span}", f"{days_en} {hours.start:%H:%M}-{hours.end:%H:%M}"


def _cite(clause: Clause | None) -> tuple[str, str]:
    """Short ``（条項 6）`` / `` (clause 6)`` suffixes naming the clause, or empty strings.

    Only the clause's number: the finding carries the whole :class:`Clause` (document title
    and words), which every reporter shows next to the message.
    """
    if clause is None:
        return "", ""
    return f"（条項 {clause.ref}）", f" (clause {clause.ref})"


def next_allowed(at: datetime, hours: PostingHours, *, max_days: int = 60) -> datetime | None:
    """The first minute at or after ``at`` (JST) that is inside the posting hours of an open
    day (not closed by :func:`snslint.text.calendar_ja.closed_reasons`), seconds dropped; None if
    none within ``max_days`` days (a policy that closes every day).

    Used for the ``scheduled_at`` a TIME001/TIME002 finding suggests.
    """
    from datetime import timedelta

    at = at.replace(second=0, microsecond=0)
    for day in range(max_days + 1):
        date = at.date() + timedelta(days=day)
        if closed_reasons(date, hours):
            continue
        start = datetime.combine(date, hours.start, tzinfo=at.tzinfo)
        if day == 0 and at > start:
            if outside_hours(at, hours):
                continue  # past today's end
            return at
        return start
    return None


def _example_time(ctx: RuleContext, hours: PostingHours) -> str:
    """An example ``scheduled_at`` value for a hint: the next allowed minute, ISO without
    seconds or zone (``2026-12-03T08:30``), or a fixed weekday morning if none is found."""
    nxt = next_allowed(ctx.check.post_time.at, hours)
    return nxt.strftime("%Y-%m-%dT%H:%M") if nxt else "2026-12-02T10:00"


def _schedule_fix(ctx: RuleContext, hours: PostingHours) -> dict | None:
    """The fix a TIME001/TIME002 finding offers: ``scheduled_at`` set to the next allowed
    posting time (:func:`next_allowed`), in the front matter (the value replaced, or the key
    added; a front matter made when there is none). None when the time came from ``--at``
    (the person chose it on the command line) or no allowed time is found.

    Shape: ``{"start", "end", "replacement", "description"}``, file offsets in characters.
    """
    post = ctx.check.post_time
    if post.source == "option":
        return None
    nxt = next_allowed(post.at, hours)
    if nxt is None:
        return None
    value = nxt.strftime("%Y-%m-%dT%H:%M")
    draft = ctx.draft
    span = draft.key_spans.get("scheduled_at")
    if post.source == "front-matter" and span is not None:
        start, end, text = span[0], span[1], value
    elif draft.front_matter is not None and draft.body_offset >= 8 and draft.front_matter_error is None:
        start = end = 4  # just after the opening "---\n"
        text = f"scheduled_at: {value}\n"
    elif draft.body_offset == 0:
        start = end = 0
        text = f"---\nscheduled_at: {value}\n---\n"
    else:
        return None
    return {
        "start": start,
        "end": end,
        "replacement": text,
        "description": f"scheduled_at を次の投稿可能時刻 {value} にする / set scheduled_at to the next allowed time {value}",
    }


class _TimingRule(Rule):
    """Shared plumbing of TIME001 and TIME002: span, clause and the emergency exception."""

    def _span(self, ctx: RuleContext) -> tuple[int, int, bool]:
        """``(start, end, in_body)``: the ``scheduled_at`` value when the time came from it,
        else a zero-length span at the start of the body."""
        post = ctx.check.post_time
        span = ctx.draft.key_spans.get("scheduled_at")
        if post.source == "front-matter" and span is not None:
            return span[0], span[1], False
        return 0, 0, True

    def _clause(self, ctx: RuleContext, hours: PostingHours) -> Clause | None:
        """The clause to cite: an account's own hours cite their own clause (the more
        specific rule); otherwise the rule's clause in the policy, else the clause that sets
        the policy's posting hours."""
        if hours is not ctx.policy.posting_hours and hours.clause is not None:
            return ctx.policy.clause(hours.clause)
        return ctx.clause or ctx.policy.clause(hours.clause)

    def _report(
        self, ctx: RuleContext, hours: PostingHours, ja: str, en: str, hint: str, hint_en: str, **extra
    ) -> Finding:
        """A finding at :meth:`_span`; ``ja``/``en`` get the clause appended.

        With ``emergency: true`` the finding is ``info``, cites the policy's exception
        clause (when it has one) and asks the reader to confirm the exception applies.
        """
        start, end, in_body = self._span(ctx)
        clause = self._clause(ctx, hours)
        severity = None
        if ctx.draft.meta.emergency:
            severity = Severity.INFO
            exception = ctx.policy.clause(hours.exception)
            if exception is not None:
                clause = exception
            cite_ja, cite_en = _cite(exception)
            ja = f"緊急時の例外として投稿します（emergency: true）。{ja}例外に当たるか確認してください{cite_ja}。"
            en = f"Posted under the emergency exception (emergency: true). {en} Make sure the exception applies{cite_en}."
            hint = "緊急時でなければ、投稿時間内に予約し直し、emergency: true を外してください。"
            hint_en = "If this is not an emergency, schedule it inside the posting hours and remove emergency: true."
        elif ctx.check.post_time.source == "clock":
            # No post time was given: the clock says when the check ran, not when the post
            # goes out, so this is a reminder (a warning), not a breach of the clause.
            severity = Severity.WARNING
            example = _example_time(ctx, hours)
            ja = f"投稿予定日時が書かれていないため、現在時刻で判定しました。{ja}"
            en = f"No post time was given, so the current time was used. {en}"
            hint = f"フロントマターに投稿予定日時を書いてください（例: scheduled_at: {example}）。--at でも指定できます。"
            hint_en = f"Write the post time in the front matter (e.g. scheduled_at: {example}), or give --at."
        # Otherwise the message does not repeat the clause: every reporter prints the cited
        # clause (number, title and words) right under it.
        fix = None if ctx.draft.meta.emergency else _schedule_fix(ctx, hours)
        if fix is not None:
            extra["fix"] = fix
        return ctx.finding(
            start, end, ja, en, hint=hint, hint_en=hint_en, severity=severity, clause=clause, in_body=in_body, **extra
        )


@register
class OutsidePostingHours(_TimingRule):
    """TIME001 outside-posting-hours: the post goes out before or after the posting hours.

    Checks :attr:`CheckContext.post_time` against the posting hours (the account's, else the
    policy's) on an *open* day, inclusive at minute precision (:func:`outside_hours`). On a
    closed day TIME002 reports instead, when this run applies TIME002 (not turned off by the
    policy, not left out by ``--select``/``--ignore``). Sources:
    kisarazu 6 対応時間, goshogawara 第6条, mine 第4 2(5), zushi 6 管理業務の対応時間.
    """

    code = "TIME001"
    name = "outside-posting-hours"
    default_severity = Severity.WARNING
    summary = "投稿時刻が運用時間外です"
    summary_en = "The post goes out outside the posting hours"
    what_it_does = (
        "投稿時刻（--at、フロントマターの scheduled_at、どちらもなければ現在時刻）が、"
        "市の方針で定める投稿時間（例：木更津市は平日 "
        "8時30分〜17時15分）の前後に外れているものを見つけます。開始・終了時刻ちょうど（8:30、"
        "17:15）は時間内です（分単位で比較）。緊急時の例外に当たる投稿は、フロントマターに "
        "emergency: true と書くと情報（info）として扱います。"
    )
    what_it_does_en = (
        "Finds posts whose time (--at, else scheduled_at in the front matter, else the current "
        "time) falls before or after the posting hours in the city's policy (Kisarazu: weekdays "
        "08:30-17:15). The ends are inside (compared by the minute). Mark a real emergency with "
        "emergency: true to make it an info finding."
    )
    why_it_matters = (
        "時間外の投稿は担当者が反応を確認できず、誤投稿に気付くのが遅れます。2018年、"
        "愛知県弥富市の防災用公式アカウントで、"
        "夜20時30分ごろに職員が私用のつもりで飲料メーカーのキャンペーンに応募し、"
        "1時間半表示されたままになりました。木更津市 6、五所川原市 第6条、美祢市 第4 2(5)、"
        "逗子市の運用ポリシー（フェイスブック6・エックス5）が投稿の時間を定め、鹿児島市 5(9) "
        "は運用時間内の投稿を求めています。"
    )
    why_it_matters_en = (
        "Nobody watches the account outside office hours, so a wrong post stays up: in 2018 a staff "
        "member of Yamatomi city entered a drink maker's campaign from the city's disaster account "
        "at about 20:30, and it stayed visible for an hour and a half. Kisarazu 6, Goshogawara "
        "第6条, Mine 第4 2(5) and Zushi's account policy set the posting hours; Kagoshima 5(9) asks "
        "for posts within them."
    )
    failing = (
        Example(
            "---\nscheduled_at: 2026-12-02T20:30\n---\n【お知らせ】市民課窓口の混雑状況をお知らせします。\n", city="kisarazu",
            finds="2026-12-02T20:30",
            message=(
                "投稿時刻 2026-12-02 20:30（scheduled_at）は投稿時間（平日 08:30〜17:15）外です。"
            ),
            message_en=(
                "The post time 2026-12-02 20:30 (scheduled_at) is outside the posting hours "
                "(weekdays 08:30-17:15)."
            ),
        ),
        Example("本日の子育て支援センターの開館時間は9時からです。\n", city="kisarazu", at="2026-12-02T07:45"),
        Example("---\nscheduled_at: 2026-12-03T17:05\n---\n逗子海岸の清掃活動にご参加ありがとうございました。\n", city="zushi"),
    )
    instead = Example("---\nscheduled_at: 2026-12-03T09:00\n---\n【お知らせ】市民課窓口の混雑状況をお知らせします。\n", city="kisarazu")
    passing = (
        Example("---\nscheduled_at: 2026-12-02T08:30\n---\n本日から年末の交通安全運動が始まります。\n", city="kisarazu"),
        Example("---\nscheduled_at: 2026-12-02T17:15\n---\n明日は燃やせるごみの収集日です。\n", city="kisarazu"),
        Example("---\nscheduled_at: 2026-12-03T16:59\n---\n逗子市役所からのお知らせです。\n", city="zushi"),
        Example("市民課からのお知らせです。\n", city="kisarazu", at="2026-12-02T12:00"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        hours = ctx.check.posting_hours
        post = ctx.check.post_time
        if not outside_hours(post.at, hours):
            return
        if "TIME002" in ctx.check.active_codes and closed_reasons(post.at.date(), hours):
            return  # TIME002 reports the closed day, and the hour with it
        hours_ja, hours_en = _hours_text(hours)
        yield self._report(
            ctx,
            hours,
            f"投稿時刻 {post.describe('ja')}は投稿時間（{hours_ja}）外です。",
            f"The post time {post.describe('en')} is outside the posting hours ({hours_en}).",
            "投稿時間内に予約してください。緊急時の例外に当たる場合は、フロントマターに emergency: true と書いてください。",
            "Schedule it inside the posting hours, or mark emergency: true in the front matter if the emergency exception applies.",
            post_time=post.at.isoformat(),
            source=post.source,
        )


@register
class ClosedDay(_TimingRule):
    """TIME002 closed-day: the post goes out on a day the office is closed (閉庁日).

    Closed days (:func:`snslint.text.calendar_ja.closed_reasons`): a weekday outside ``days``, a
    national holiday (祝日, 振替休日, 国民の休日; jpholiday), the year-end closure, and the
    policy's ``closed.dates``. The message names every reason and, when the time is also
    outside the hours, the hour (TIME001 then stays silent). Sources: goshogawara 第6条
    (祝日及び年末年始を除く), mine 第4 2(5) (市の休日を除く), zushi 6 (祝日等の閉庁日をのぞく),
    kisarazu 6 (開庁時間内).
    """

    code = "TIME002"
    name = "closed-day"
    default_severity = Severity.WARNING
    summary = "投稿日が閉庁日（土日・祝日・年末年始）です"
    summary_en = "The post goes out on a day the office is closed"
    what_it_does = (
        "投稿日が閉庁日（方針の曜日以外＝通常は土曜・日曜、国民の祝日・振替休日・国民の休日、"
        "年末年始〔例：12月29日〜1月3日〕、方針に列挙した日）に当たるものを見つけます。"
        "メッセージにはどの閉庁日か（「勤労感謝の日（国民の祝日）」「年末年始の閉庁日」「日曜日」など）を示し、"
        "時刻も時間外ならその旨も書きます（TIME001 と二重には出しません）。"
        "災害時など例外に当たる投稿は emergency: true で情報（info）になります。"
    )
    what_it_does_en = (
        "Finds posts that go out on a day the office is closed: a weekday the policy does not list "
        "(usually Saturday and Sunday), a national holiday, substitute holiday or citizens' "
        "holiday, the year-end closure (e.g. Dec 29 to Jan 3), or a date the policy lists. The "
        "message says which closed day it is, and the hour too when it is also outside the hours "
        "(TIME001 is not reported twice). emergency: true makes it an info finding."
    )
    why_it_matters = (
        "閉庁日は担当者が不在で、誤投稿や問い合わせに対応できません。五所川原市 "
        "第6条は「祝日及び年末年始を除く月曜日から金曜日」、美祢市 第4 2(5) "
        "は「市の休日を除く月曜日から金曜日」、"
        "逗子市の運用ポリシーは「祝日等の閉庁日をのぞく月曜日から金曜日」を投稿の時間と定めています。"
    )
    why_it_matters_en = (
        "On a closed day nobody is on duty to catch a mistake or answer questions. Goshogawara "
        "第6条, Mine 第4 2(5) and Zushi's account policy limit posting to weekdays other than "
        "holidays (in Goshogawara, the year-end closure too)."
    )
    failing = (
        Example(
            "---\nscheduled_at: 2026-11-23T10:00\n---\n本日は市民活動フェスタを開催しています。\n", city="kisarazu",
            finds="2026-11-23T10:00",
            message=(
                "投稿日時 2026-11-23 10:00（scheduled_at）は勤労感謝の日（国民の祝日）で、"
                "閉庁日です。"
            ),
            message_en=(
                "The post time 2026-11-23 10:00 (scheduled_at) is on a closed day: Labour "
                "Thanksgiving Day (a national holiday)."
            ),
        ),
        Example("---\nscheduled_at: 2026-12-29T09:00\n---\n年末年始のごみ収集日程をお知らせします。\n", city="goshogawara"),
        Example("---\nscheduled_at: 2026-12-06T11:00\n---\n本日は美祢市秋吉台の山焼き説明会です。\n", city="mine"),
    )
    instead = Example("---\nscheduled_at: 2026-11-20T10:00\n---\n11月23日（月・祝）に市民活動フェスタを開催します。\n", city="kisarazu")
    passing = (
        Example("---\nscheduled_at: 2027-01-04T09:00\n---\n本日から通常どおり開庁しています。\n", city="kisarazu"),
        Example("---\nscheduled_at: 2026-11-24T10:00\n---\n市民活動フェスタへのご来場ありがとうございました。\n", city="kisarazu"),
        Example("---\nscheduled_at: 2026-12-28T16:00\n---\n明日から年末年始の閉庁期間です。\n", city="goshogawara"),
        Example("美祢市からのお知らせです。\n", city="mine", at="2026-12-04T11:00"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        hours = ctx.check.posting_hours
        post = ctx.check.post_time
        reasons: list[ClosedReason] = closed_reasons(post.at.date(), hours)
        if not reasons:
            return
        why_ja = "、".join(r.ja for r in reasons)
        why_en = "; ".join(r.en for r in reasons)
        ja = f"投稿日時 {post.describe('ja')}は{why_ja}で、閉庁日です。"
        en = f"The post time {post.describe('en')} is on a closed day: {why_en}."
        if outside_hours(post.at, hours):
            hours_ja, hours_en = _hours_text(hours)
            ja = f"{ja[:-1]}。時刻も投稿時間（{hours_ja}）外です。"
            en = f"{en[:-1]}; the time is also outside the posting hours ({hours_en})."
        yield self._report(
            ctx,
            hours,
            ja,
            en,
            "開庁日の投稿時間内に予約してください。緊急時の例外に当たる場合は、フロントマターに emergency: true と書いてください。",
            "Schedule it inside the posting hours of an open day, or mark emergency: true if the emergency exception applies.",
            post_time=post.at.isoformat(),
            source=post.source,
            reasons=[r.kind for r in reasons],
        )


@register
class WeekdayMismatch(Rule):
    """TIME003 weekday-mismatch: a date in the text whose written weekday is wrong.

    Reads :func:`snslint.text.calendar_ja.find_weekday_dates` on the NFKC view of the body (so
    ``１２月１日（月）`` and ``12/1(月)`` read alike) and maps spans back to the body. A date
    without a year is read in the year window around the post date
    (:func:`snslint.text.calendar_ja.infer_year`); impossible dates (2月30日) are skipped. Source:
    accuracy clauses (kagoshima 5(5), zushi 3-1(3)ウ, goshogawara 第3条(4), mine 第4 4(3)).
    """

    code = "TIME003"
    name = "weekday-mismatch"
    default_severity = Severity.WARNING
    summary = "日付と曜日が合っていません"
    summary_en = "A date's weekday is wrong"
    what_it_does = (
        "本文中の「12月1日（月）」「12/1(月)」「令和8年12月1日（月曜日）」のような曜日付きの日付で、"
        "曜日が暦と合わないものを見つけます（2026年12月1日は火曜日）。"
        "年の書かれていない日付は投稿日を基準に読み（投稿日の約3か月前から1年間）、"
        "12月の投稿の「1月5日（火）」は翌年と判断します。2月30日のようにありえない日付は対象外です。"
    )
    what_it_does_en = (
        "Finds dates written with a weekday whose weekday is wrong, e.g. 12月1日（月） when 1 "
        "December 2026 is a Tuesday. A date without a year is read in the year starting about three "
        "months before the post date (1月5日 in a December post is next January). Impossible dates "
        "such as 2月30日 are skipped."
    )
    why_it_matters = (
        "前年の投稿を流用したときに曜日だけ直し忘れる誤りが多く、"
        "イベントの日を取り違えた問い合わせや訂正投稿の原因になります。五所川原市 第3条(4)、"
        "鹿児島市 5(4)、美祢市 第4 4(3) は正確な情報の発信を求めています。"
        "日付と曜日のどちらが正しいかは書いた人にしか分からないため、警告にとどめます。"
    )
    why_it_matters_en = (
        "It typically happens when last year's post is reused and the weekday is not updated; it "
        "sends people to an event on the wrong day and forces a correction. Goshogawara 第3条(4), "
        "Kagoshima 5(4) and Mine 第4 4(3) ask for accurate information. Only the author knows "
        "whether the date or the weekday is right, so it is a warning."
    )
    failing = (
        Example(
            "12月1日（月）に市民会館で防災講演会を開催します。\n", city="kisarazu", at="2026-11-20T10:00",
            finds="12月1日（月）",
            message=(
                "曜日が違います。"
                "2026年12月1日は火曜日です（「月」と書かれています）（年の記載がないため、投稿日 "
                "2026-11-20 から2026年と判断）。"
            ),
            message_en=(
                "Wrong weekday: 1 December 2026 is a Tuesday, not a Monday (no year written; read "
                "as 2026 from the post date 2026-11-20)."
            ),
        ),
        Example("【休館日】図書館は12/8(月)から12/10(水)まで蔵書点検のため休館します。\n", city="zushi", at="2026-11-20T10:00"),
        Example("令和8年12月5日（日曜日）に鹿児島市民マラソンの説明会を行います。\n", city="kagoshima", at="2026-11-20T10:00"),
    )
    instead = Example("12月1日（火）に市民会館で防災講演会を開催します。\n", city="kisarazu", at="2026-11-20T10:00")
    passing = (
        Example("12月1日（火）に市民会館で防災講演会を開催します。\n", city="kisarazu", at="2026-11-20T10:00"),
        Example("【休館日】図書館は12/8(火)から12/10(木)まで蔵書点検のため休館します。\n", city="zushi", at="2026-11-20T10:00"),
        Example("令和8年12月5日（土曜日）に鹿児島市民マラソンの説明会を行います。\n", city="kagoshima", at="2026-11-20T10:00"),
        Example("受付は12/1から。説明会は10:00(予定)、毎月第1(月)は休館です。\n", city="kisarazu", at="2026-11-20T10:00"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        view = ctx.analysis.normalized
        ref = ctx.check.post_time.at.date()
        for mention in find_weekday_dates(view.text, ref):
            if mention.correct:
                continue
            start, end = view.span(mention.start, mention.end)
            day = mention.day
            right = day.weekday()
            stated = mention.stated
            basis_ja, basis_en = {
                "text": ("", ""),
                "range": (
                    f"（年は前後の日付から{day.year}年と判断）",
                    f" (year {day.year} taken from the neighbouring date)",
                ),
                "post": (
                    f"（年の記載がないため、投稿日 {ref:%Y-%m-%d} から{day.year}年と判断）",
                    f" (no year written; read as {day.year} from the post date {ref:%Y-%m-%d})",
                ),
            }[mention.year_from]
            yield ctx.finding(
                start,
                end,
                f"曜日が違います。{day.year}年{day.month}月{day.day}日は{WEEKDAY_JA[right]}曜日です"
                f"（「{WEEKDAY_JA[stated]}」と書かれています）{basis_ja}。",
                f"Wrong weekday: {day.day} {day:%B %Y} is a {WEEKDAY_EN[right]}, not a {WEEKDAY_EN[stated]}{basis_en}.",
                hint=f"曜日を（{WEEKDAY_JA[right]}）に直すか、日付を確認してください。",
                hint_en=f"Change the weekday to ({WEEKDAY_JA[right]}) or check the date.",
                date=day.isoformat(),
                stated=WEEKDAY_JA[stated],
                correct=WEEKDAY_JA[right],
            )
