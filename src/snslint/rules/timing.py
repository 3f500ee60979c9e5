"""TIME family: when a post goes out (posting hours, closed days) and dates in its text."""

from __future__ import annotations

from snslint.findings import Severity
from snslint.registry import register
from snslint.rule import Rule


@register
class OutsidePostingHours(Rule):
    """TIME001 outside-posting-hours (logic to follow)."""

    code = "TIME001"
    name = "outside-posting-hours"
    default_severity = Severity.WARNING
    summary = "投稿時刻が運用時間外です"
    summary_en = "The post goes out outside the posting hours"

    def check(self, ctx):
        return ()


@register
class ClosedDay(Rule):
    """TIME002 closed-day (logic to follow)."""

    code = "TIME002"
    name = "closed-day"
    default_severity = Severity.WARNING
    summary = "投稿日が閉庁日（土日・祝日・年末年始）です"
    summary_en = "The post goes out on a day the office is closed"

    def check(self, ctx):
        return ()


@register
class WeekdayMismatch(Rule):
    """TIME003 weekday-mismatch (logic to follow)."""

    code = "TIME003"
    name = "weekday-mismatch"
    default_severity = Severity.WARNING
    summary = "日付と曜日が合っていません"
    summary_en = "A date's weekday is wrong"

    def check(self, ctx):
        return ()
