"""TIME001-003: posting hours, closed days and weekdays of dates, on drafts a city would write.

Bundled policies are used where the city's own hours matter (kisarazu 08:30-17:15, zushi
08:30-17:00); small policies in tmp_path cover what no bundled city has (an account's own
hours, extra closed dates, TIME002 turned off).
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest

from snslint.text.calendar_ja import closed_reasons, describe_holiday, find_weekday_dates, infer_year
from snslint.rules.context import JST
from snslint.input.draft import parse_draft
from snslint.lint.engine import CheckOptions, check_draft
from snslint.findings import Severity
from snslint.settings.policy import PostingHours, load_bundled, load_policy_file
from snslint.rules.registry import resolve
from support import codes, findings

TIME = "TIME001,TIME002"


def scheduled(when: str, body: str = "【お知らせ】市民課窓口の年末の混雑状況をお知らせします。\n", **front: str) -> str:
    """A draft scheduled at ``when`` (front matter), with extra front-matter keys."""
    extra = "".join(f"{k}: {v}\n" for k, v in front.items())
    return f"---\nscheduled_at: {when}\n{extra}---\n{body}"


def only(text: str, code: str, city: str = "kisarazu", **kw):
    """The findings of ``code`` alone."""
    return [f for f in findings(text, city, select=code, **kw) if f.code == code]


# --------------------------------------------------------------------------- TIME001


@pytest.mark.parametrize("when", ["2026-12-02T08:30", "2026-12-02T17:15", "2026-12-02T17:15:59", "2026-12-02T12:00"])
def test_kisarazu_hours_are_inclusive_at_minute_precision(when):
    assert codes(scheduled(when), select=TIME) == []


@pytest.mark.parametrize("when", ["2026-12-02T08:29", "2026-12-02T08:29:59", "2026-12-02T17:16", "2026-12-02T20:30"])
def test_kisarazu_outside_hours_is_caught(when):
    assert codes(scheduled(when), select=TIME) == ["TIME001"]


def test_time001_message_names_time_source_hours_and_clause():
    (f,) = only(scheduled("2026-12-02T20:30"), "TIME001")
    assert f.severity is Severity.ERROR  # kisarazu cites clause 6 at error
    assert "2026-12-02 20:30（scheduled_at）" in f.message_ja
    assert "平日 08:30〜17:15" in f.message_ja
    assert f.clause is not None and f.clause.ref == "6"
    assert f.message_ja.endswith("外です。")  # the clause is printed under it, not repeated
    assert "emergency: true" in f.hint
    assert "weekdays 08:30-17:15" in f.message_en and "(scheduled_at)" in f.message_en


def test_time001_span_points_at_the_scheduled_at_value():
    text = scheduled("2026-12-02T20:30")
    (f,) = only(text, "TIME001")
    assert (f.line, f.column) == (2, len("scheduled_at: ") + 1)
    assert f.text == "2026-12-02T20:30"
    assert text[f.start : f.end] == "2026-12-02T20:30"
    assert f.end_line == 2


def test_zushi_ends_at_1700():
    body = "逗子海岸の清掃活動にご参加いただき、ありがとうございました。\n"
    assert codes(scheduled("2026-12-03T17:00", body), "zushi", select=TIME) == []
    assert codes(scheduled("2026-12-03T17:01", body), "zushi", select=TIME) == ["TIME001"]
    # 17:10 is inside kisarazu's hours but not zushi's
    assert codes(scheduled("2026-12-03T17:10", body), "kisarazu", select=TIME) == []
    (f,) = only(scheduled("2026-12-03T17:10", body), "TIME001", "zushi")
    assert "08:30〜17:00" in f.message_ja


def test_at_option_wins_over_scheduled_at_and_points_at_body_start():
    text = scheduled("2026-12-02T20:30")
    assert codes(text, select=TIME, at="2026-12-02T10:00") == []
    (f,) = only(scheduled("2026-12-02T10:00"), "TIME001", at="2026-12-02T07:45")
    assert "07:45（--at 指定）" in f.message_ja
    assert f.start == f.end == text.index("【")
    assert (f.line, f.column) == (4, 1)


def test_clock_is_used_without_a_schedule():
    draft = parse_draft("draft.txt", "本日の子育て支援センターは9時から開館します。\n".encode())
    policy = load_bundled("kisarazu")
    opts = CheckOptions(select=frozenset(resolve(["TIME"])))
    night = check_draft(draft, policy, opts, now=datetime(2026, 12, 2, 21, 5, tzinfo=JST))
    assert [f.code for f in night.findings] == ["TIME001"]
    assert "21:05（現在時刻）" in night.findings[0].message_ja
    assert (night.findings[0].start, night.findings[0].end) == (0, 0)
    noon = check_draft(draft, policy, opts, now=datetime(2026, 12, 2, 12, 0, tzinfo=JST))
    assert noon.findings == []


def test_utc_schedule_is_converted_to_jst():
    (f,) = only(scheduled("2026-12-02T09:00:00Z"), "TIME001")  # 18:00 JST
    assert "2026-12-02 18:00" in f.message_ja
    assert codes(scheduled("2026-12-02T00:30:00Z"), select=TIME) == []  # 09:30 JST
    # 23:30 UTC on Tuesday is 08:30 on Wednesday in Japan: open
    assert codes(scheduled("2026-12-01T23:30:00+00:00"), select=TIME) == []


def test_emergency_turns_it_into_info_citing_the_exception():
    text = scheduled("2026-12-02T20:30", "【避難情報】小櫃川の水位が上昇しています。\n", emergency="true")
    (f,) = only(text, "TIME001")
    assert f.severity is Severity.INFO
    assert f.clause is not None and "必要が生じた場合" in f.clause.text
    assert f.message_ja.startswith("緊急時の例外として")
    assert "emergency: true を外して" in f.hint


# --------------------------------------------------------------------------- own policies


POLICY = """\
id: sample
name: サンプル市
source: {{title: サンプル市ソーシャルメディア運用方針}}
accounts:
  - platform: x
    handle: "@sample_bousai"
    posting_hours:
      days: [mon, tue, wed, thu, fri, sat, sun]
      start: "07:00"
      end: "21:00"
      clause: {{ref: "別表2", text: "防災アカウントは毎日7時から21時まで"}}
  - platform: instagram
    handle: sample_kanko
posting_hours:
  start: "08:30"
  end: "17:15"
  closed:
    national_holidays: {holidays}
    dates: [2026-12-10]
  clause: {{ref: "第6条", text: "投稿は開庁日の午前8時30分から午後5時15分までとする。"}}
  exception: {{ref: "第6条ただし書", text: "災害時など管理者が必要と認める場合は、この限りでない。"}}
rules:
  TIME001: {{severity: warning, clause: {{ref: "第6条", text: "午前8時30分から午後5時15分まで"}}}}
  TIME002: {time002}
  TIME003: warning
"""


def run(tmp_path, text: str, holidays: str = "true", time002: str = "warning", at: str | None = None):
    path = tmp_path / "sample.yaml"
    path.write_text(POLICY.format(holidays=holidays, time002=time002), encoding="utf-8")
    policy = load_policy_file(path)
    draft = parse_draft("draft.md", text.encode())
    opts = CheckOptions(at=datetime.fromisoformat(at) if at else None)
    return check_draft(draft, policy, opts, now=datetime(2026, 12, 2, 12, 0, tzinfo=JST)).findings


def test_account_hours_override_policy_hours(tmp_path):
    body = "【防災】今夜は強い風が吹く見込みです。\n"
    evening = "2026-12-02T19:30"
    assert [f.code for f in run(tmp_path, scheduled(evening, body, account='"@sample_bousai"'))] == []
    # the same time from an account without its own hours: the policy's hours apply
    got = run(tmp_path, scheduled(evening, body, account="sample_kanko"))
    assert [f.code for f in got] == ["TIME001"]
    # the account's days include Sunday and its closed days are its own
    assert [f.code for f in run(tmp_path, scheduled("2026-12-06T10:00", body, account='"@sample_bousai"'))] == []
    late = run(tmp_path, scheduled("2026-12-02T21:30", body, account='"@sample_bousai"'))
    assert [f.code for f in late] == ["TIME001"]
    assert "毎日 07:00〜21:00" in late[0].message_ja and late[0].clause.ref == "別表2"


def test_listed_closed_date(tmp_path):
    (f,) = run(tmp_path, scheduled("2026-12-10T10:00"))
    assert f.code == "TIME002" and "市が定める閉庁日" in f.message_ja


def test_holidays_open_when_policy_says_so(tmp_path):
    assert run(tmp_path, scheduled("2026-11-23T10:00"), holidays="false") == []
    assert [f.code for f in run(tmp_path, scheduled("2026-11-23T10:00"))] == ["TIME002"]


def test_time001_reports_on_closed_day_when_time002_is_off(tmp_path):
    got = run(tmp_path, scheduled("2026-12-06T22:00"), time002="off")
    assert [f.code for f in got] == ["TIME001"]
    assert run(tmp_path, scheduled("2026-12-06T10:00"), time002="off") == []


def test_emergency_without_exception_wording_still_info(tmp_path):
    got = run(tmp_path, scheduled("2026-12-06T22:00", emergency="true"))
    assert [(f.code, f.severity) for f in got] == [("TIME002", Severity.INFO)]
    assert got[0].clause.ref == "第6条ただし書"


# --------------------------------------------------------------------------- TIME002


@pytest.mark.parametrize(
    "when, reason",
    [
        ("2026-09-22T10:00", "国民の休日"),
        ("2026-11-23T10:00", "勤労感謝の日（国民の祝日）"),
        ("2026-05-06T10:00", "振替休日（憲法記念日）"),
        ("2026-12-29T10:00", "年末年始の閉庁日"),
        ("2027-01-03T10:00", "年末年始の閉庁日"),
        ("2026-12-05T10:00", "土曜日"),
        ("2026-12-06T10:00", "日曜日"),
    ],
)
def test_closed_days_are_caught_and_named(when, reason):
    got = findings(scheduled(when), select=TIME)
    assert [f.code for f in got] == ["TIME002"]
    assert reason in got[0].message_ja
    assert got[0].text == when


@pytest.mark.parametrize("when", ["2026-12-28T10:00", "2027-01-04T09:00", "2026-09-24T10:00", "2026-11-24T10:00"])
def test_open_days_next_to_closed_ones_are_clean(when):
    assert codes(scheduled(when), select=TIME) == []


def test_closed_day_outside_hours_is_one_finding_mentioning_the_hour():
    got = findings(scheduled("2026-11-23T20:30"), select=TIME)
    assert [f.code for f in got] == ["TIME002"]
    assert "勤労感謝の日" in got[0].message_ja and "時刻も投稿時間（平日 08:30〜17:15）外" in got[0].message_ja
    inside = findings(scheduled("2026-11-23T10:00"), select=TIME)
    assert "時刻も" not in inside[0].message_ja


def test_closed_day_emergency_is_info():
    text = scheduled("2026-12-31T06:00", "【断水】市内の一部地域で断水しています。\n", emergency="true")
    got = findings(text, select=TIME)
    assert [(f.code, f.severity) for f in got] == [("TIME002", Severity.INFO)]
    assert "必要が生じた場合" in got[0].clause.text


def test_closed_reasons_unit():
    hours = PostingHours()
    assert [r.kind for r in closed_reasons(date(2027, 1, 1), hours)] == ["year_end", "holiday"]
    assert [r.kind for r in closed_reasons(date(2026, 5, 3), hours)] == ["holiday", "weekday"]  # Sunday 憲法記念日
    assert closed_reasons(date(2026, 12, 2), hours) == []
    assert describe_holiday("憲法記念日 振替休日")[1] == "a substitute holiday (for Constitution Memorial Day)"


# --------------------------------------------------------------------------- TIME003

AT = "2026-11-20T10:00"


@pytest.mark.parametrize(
    "body, flagged, right",
    [
        ("12月1日（月）に市民会館で防災講演会を開催します。", "12月1日（月）", "火"),
        ("12月1日(月)に開催", "12月1日(月)", "火"),
        ("受付は12/1(月)まで", "12/1(月)", "火"),
        ("受付は12/1（月曜日）まで", "12/1（月曜日）", "火"),
        ("令和8年12月1日(月曜日)に開催", "令和8年12月1日(月曜日)", "火"),
        ("2026年12月1日（水）に開催", "2026年12月1日（水）", "火"),
        ("１２月１日（月）に開催", "１２月１日（月）", "火"),
        ("１２／１（月）必着", "１２／１（月）", "火"),
        ("説明会 12月1日 月曜日 午後2時から", "12月1日 月曜日", "火"),
        ("年末の窓口は12月28日(日)まで", "12月28日(日)", "月"),
        ("令和8（2026）年12月1日（月）", "令和8（2026）年12月1日（月）", "火"),
        ("成人式は1月11日（日）です", "1月11日（日）", "月"),  # 2027-01-11 is a Monday
        ("2025年12月1日（火）の議事録", "2025年12月1日（火）", "月"),
        ("12月1日（祝・月）", None, None),  # unusual order: not read, not flagged
    ],
)
def test_wrong_weekdays_are_caught(body, flagged, right):
    got = only(body + "\n", "TIME003", at=AT)
    if flagged is None:
        assert got == []
        return
    assert [f.text for f in got] == [flagged]
    assert f"は{right}曜日です" in got[0].message_ja
    assert f"（{right}）" in got[0].hint


def test_message_gives_year_and_basis():
    (f,) = only("12月1日（月）に開催します。\n", "TIME003", at=AT)
    assert "2026年12月1日は火曜日です" in f.message_ja
    assert "年の記載がないため" in f.message_ja
    assert "1 December 2026 is a Tuesday, not a Monday" in f.message_en
    (g,) = only("令和8年12月1日（月）に開催します。\n", "TIME003", at=AT)
    assert "年の記載がない" not in g.message_ja


def test_ranges_and_lists():
    body = "年末年始の休館日：12月29日（火）～1月3日（日）\n"
    assert only(body, "TIME003", at="2026-12-20T10:00") == []
    wrong = "冬の星空観察会 12月5日（土）・6日（月）\n"
    (f,) = only(wrong, "TIME003", at=AT)
    assert f.text == "6日（月）" and "2026年12月6日は日曜日です" in f.message_ja
    tilde = "蔵書点検 12/8(火)～10(水)\n"
    (g,) = only(tilde, "TIME003", at=AT)
    assert g.text == "10(水)" and "木曜日" in g.message_ja
    assert only("蔵書点検 12/8(火)～10(木)\n", "TIME003", at=AT) == []


def test_range_end_with_written_year_sets_the_start_year():
    # the start is last December: 2025-12-29 was a Monday (2026-12-29 is a Tuesday)
    body = "年末年始の運休：12月29日（月）から令和8年1月4日（日）まで\n"
    assert only(body, "TIME003", at=AT) == []
    (f,) = only("年末年始の運休：12月29日（火）から令和8年1月4日（日）まで\n", "TIME003", at=AT)
    assert "2025年12月29日は月曜日です" in f.message_ja and "前後の日付から" in f.message_ja


def test_relative_year_words():
    # 2025-12-01 was a Monday; the same day in 2026 is a Tuesday
    assert only("昨年12月1日（月）の講演会の様子を公開しました。\n", "TIME003", at=AT) == []
    assert only("去年の12月1日（月）に開催した講演会\n", "TIME003", at=AT) == []
    (f,) = only("今年12月1日（月）に開催します。\n", "TIME003", at=AT)
    assert "2026年12月1日は火曜日です" in f.message_ja
    # 2027-06-01 is a Tuesday
    assert only("来年6月1日（火）から受付開始\n", "TIME003", at=AT) == []


def test_year_rolls_over_from_december_posts():
    body = "1月5日（火）から通常開庁です。\n"  # 2027-01-05 is a Tuesday; 2026-01-05 was a Monday
    assert only(body, "TIME003", at="2026-12-20T10:00") == []
    (f,) = only("1月5日（月）から通常開庁です。\n", "TIME003", at="2026-12-20T10:00")
    assert "2027年1月5日は火曜日です" in f.message_ja
    # a January report on last December's event reads last December
    assert only("12月25日（金）のクリスマス会の様子です。\n", "TIME003", at="2027-01-10T10:00") == []


@pytest.mark.parametrize(
    "body",
    [
        "12月1日（火）に市民会館で防災講演会を開催します。",
        "申込は12/1から受け付けます。",
        "開始は10:00(予定)です。",
        "毎月第1(月)は休館日です。",
        "2月30日（月）",  # impossible date: not a weekday error
        "2月29日（月）の記録",  # no 2/29 in the window of a 2026-11 post
        "13/1(月)",
        "https://www.city.kisarazu.lg.jp/12/1(月)",
        "1/2(土)から開館",  # read as 2 January 2027, a Saturday
        "12月1日（火・祝）は休館",
        "令和元年5月1日(水)の改元から",
        "12月1日㈫に開催",
        "ver 2026.12.1",
        "申込締切 12月1日\n月曜日から木曜日は窓口でも受け付けます。",
    ],
)
def test_benign_text_is_clean(body):
    got = only(body + "\n", "TIME003", at=AT)
    assert got == [], [(f.text, f.message_ja) for f in got]


def test_span_maps_back_through_nfkc():
    text = "---\nscheduled_at: 2026-11-20T10:00\n---\n説明会は　１２月１日（月）　です。\n"
    (f,) = only(text, "TIME003")
    assert f.text == "１２月１日（月）"
    assert text[f.start : f.end] == "１２月１日（月）"
    assert (f.line, f.column) == (4, 6)


def test_find_weekday_dates_unit():
    text = unicodedata.normalize("NFKC", "12/28(月)~1/4(月) と 12月31日(木)~1月3日(日)")
    got = [(m.day.isoformat(), m.correct) for m in find_weekday_dates(text, date(2026, 12, 1))]
    assert got == [("2026-12-28", True), ("2027-01-04", True), ("2026-12-31", True), ("2027-01-03", True)]
    assert infer_year(1, 5, date(2026, 12, 20)) == 2027
    # the window starts 92 days before the post date (inclusive)
    assert infer_year(9, 1, date(2026, 12, 2)) == 2026  # 92 days back
    assert infer_year(9, 1, date(2026, 12, 3)) == 2027  # 93 days back: next September
    assert infer_year(12, 25, date(2027, 1, 10)) == 2026  # last December, 16 days back
    assert infer_year(10, 1, date(2026, 11, 20)) == 2026
    assert infer_year(2, 29, date(2026, 11, 20)) is None
    assert infer_year(2, 29, date(2027, 11, 20)) == 2028


def test_ignoring_time002_lets_time001_report_a_closed_day_night() -> None:
    """TIME001 defers to TIME002 only when TIME002 runs: --ignore or --select must not hide both."""
    draft = "---\nscheduled_at: 2026-12-06T22:00\n---\n日曜夜の防犯パトロールのお知らせです。\n"
    assert codes(draft, "kisarazu", select="TIME") == ["TIME002"]
    assert codes(draft, "kisarazu", select="TIME", ignore="TIME002") == ["TIME001"]
    assert codes(draft, "kisarazu", select="TIME001") == ["TIME001"]
