"""A synthetic corpus of city-hall SNS drafts for the benchmark (written here, from templates).

:func:`generate` writes ``count`` drafts of 150-450 characters of city-post Japanese (event
notices, closures, disaster prevention, garbage collection, tax and health reminders, library
and tourism posts) into a folder, most with YAML front matter (``city``, ``platform``,
``scheduled_at``) as a shared drafts repository would hold them. About one draft in six carries
something a city's policy forbids (a private mobile number, a shortened URL, an election
appeal, a post time outside office hours, a wrong weekday), so every rule family has work to do.

The text comes from the templates and word lists below, written for this benchmark; nothing is
copied from ``../shared/dev-corpus``. Generation is deterministic for a given ``seed``.

Usage: ``python benchmarks/corpus.py OUT_DIR [--count 2000] [--seed 7]``
"""

from __future__ import annotations

import argparse
import random
from datetime import date, datetime, timedelta
from pathlib import Path

PLACES = [
    "市民体育館", "中央公民館", "市立図書館", "市役所本庁舎1階ロビー", "市民文化センター大ホール",
    "ふれあい広場", "総合福祉センター", "駅前交流プラザ", "市民運動公園", "芦野公園",
    "地域交流センター", "保健センター", "商工会館", "道の駅", "立佞武多の館",
]
DEPTS = [
    "総務課", "企画課", "財政課", "税務課", "市民課", "福祉政策課", "子育て支援課", "健康推進課",
    "環境対策課", "土木課", "都市計画課", "商工観光課", "農林水産課", "教育委員会生涯学習課",
    "防災危機管理課", "上下水道部", "デジタル行政推進課",
]
EVENTS = [
    ("市民スポーツ大会", "小学生から大人まで、どなたでも参加できます。当日は動きやすい服装でお越しください。"),
    ("秋の収穫祭", "地元農家の新鮮な野菜や果物の販売、郷土料理の試食コーナーがあります。"),
    ("子育て応援フェスタ", "親子で楽しめる工作教室や読み聞かせ、子育て相談コーナーを用意しています。"),
    ("健康まつり", "血圧測定や骨密度測定、管理栄養士による食事相談を無料で行います。"),
    ("防災フェア", "起震車による地震体験や消火器の使い方講習、非常食の試食があります。"),
    ("ふるさと写真展", "市民の皆さんから寄せられた四季の風景写真およそ百点を展示します。"),
    ("親子天体観察会", "市民天文同好会の皆さんの案内で、冬の星座や月のクレーターを観察します。"),
    ("歴史講座「津軽の城下町」", "郷土史研究家を講師に迎え、城下町の成り立ちと暮らしをわかりやすく解説します。"),
    ("シニア向けスマートフォン教室", "基本操作からビデオ通話、防災アプリの使い方まで丁寧にお教えします。"),
    ("雪灯りまつり", "手作りの雪灯籠およそ五百基が会場を照らします。温かい飲み物の販売もあります。"),
]
CLOSURES = [
    ("市立図書館", "館内の蔵書点検"), ("市民プール", "設備の定期点検"), ("中央公民館", "空調設備の改修工事"),
    ("総合福祉センター", "電気設備の法定点検"), ("市民体育館", "床面の改修工事"),
]
GARBAGE = [
    ("燃やせるごみ", "生ごみは水気をよく切ってから出してください。"),
    ("資源ごみ", "缶・びん・ペットボトルは中を軽くすすいでから出してください。"),
    ("粗大ごみ", "事前に申し込みが必要です。申し込みは収集日の一週間前までにお願いします。"),
    ("古紙・古布", "雨の日は濡れないよう、次の収集日に出してください。"),
]
TAXES = [
    ("固定資産税", "第3期"), ("市県民税", "第3期"), ("国民健康保険税", "第6期"), ("軽自動車税", "全期"),
    ("介護保険料", "第5期"),
]
HEALTH = [
    "インフルエンザ予防接種の費用助成", "高齢者肺炎球菌ワクチンの定期接種", "乳幼児健康診査",
    "特定健康診査と各種がん検診", "骨髄バンクのドナー登録会",
]
HOOKS = [
    "皆さんのご参加をお待ちしています。", "ぜひお気軽にお越しください。", "ご理解とご協力をお願いします。",
    "ご不便をおかけしますが、よろしくお願いいたします。", "詳しくは市ホームページをご覧ください。",
]
EXTRAS = [
    "会場へは五所川原駅から市内循環バスで約10分、「市役所前」で降りてすぐです。駐車場は市役所北側の第2駐車場もご利用いただけます。",
    "当日は受付で検温と手指の消毒にご協力ください。体調のすぐれない方は参加をお控えいただき、オンライン配信をご利用ください。",
    "なお、荒天の場合は中止または延期とし、前日の午後3時までに市ホームページと公式LINEでお知らせします。",
    "車いすをご利用の方や手話通訳が必要な方は、準備の都合上、開催日の一週間前までに担当課へお知らせください。",
    "市では、誰もが安心して暮らせるまちづくりを進めています。皆さんのご意見やご感想を、市ホームページの意見募集フォームからお寄せください。",
    "昨年度は延べ1,200人の方にご参加いただきました。今年度は会場を広げ、子ども向けの体験コーナーも新たに設けます。",
]
TAGS = ["#五所川原市", "#五所川原", "#青森県", "#津軽", "#イベント情報", "#お知らせ", "#防災"]
PLATFORMS = ["x", "facebook", "instagram", "line"]
WEEKDAYS_JA = "月火水木金土日"

CITY_URL = "https://www.city.goshogawara.lg.jp/"
CITY_PHONE = "0173-35-2111"

VIOLATIONS = [
    "参加申込は担当の佐藤さん（090-{a:04d}-{b:04d}）まで直接ご連絡ください。",
    "申込フォームはこちら https://bit.ly/{code} からどうぞ。",
    "来年の市長選挙では現職の候補に清き一票をお願いします！",
    "詳しい資料は https://example-files.jp/{code}/setup.exe からダウンロードしてください。",
    "問い合わせは tanaka.{code}@gmail.com までお願いします。",
    "本日限りの特別セール！地元スーパーで全品半額、今すぐお買い求めください。",
]


def _date_ja(d: date, weekday_ok: bool = True) -> str:
    wd = d.weekday() if weekday_ok else (d.weekday() + 2) % 7
    return f"{d.month}月{d.day}日（{WEEKDAYS_JA[wd]}）"


def _contact(rng: random.Random) -> str:
    dept = rng.choice(DEPTS)
    if rng.random() < 0.5:
        return f"問い合わせ：五所川原市 {dept} {CITY_PHONE}（内線{rng.randint(200, 899)}）"
    return f"問い合わせ：{dept}（{CITY_PHONE}）\n{CITY_URL}"


def _event(rng: random.Random, d: date) -> str:
    name, detail = rng.choice(EVENTS)
    place = rng.choice(PLACES)
    start = rng.choice(["9時30分", "10時", "13時", "13時30分"])
    return (
        f"【{name}を開催します】\n"
        f"{_date_ja(d)}{start}から、{place}で{name}を開催します。{detail}\n"
        f"参加費は無料、事前の申し込みは不要です。駐車場に限りがありますので、"
        f"できるだけ公共交通機関をご利用ください。{rng.choice(HOOKS)}"
    )


def _closure(rng: random.Random, d: date) -> str:
    facility, reason = rng.choice(CLOSURES)
    end = d + timedelta(days=rng.randint(1, 6))
    return (
        f"【{facility}休館のお知らせ】\n"
        f"{reason}のため、{_date_ja(d)}から{_date_ja(end)}まで{facility}を休館します。"
        f"期間中は施設をご利用いただけません。返却ポストなど一部のサービスは通常どおりご利用いただけます。"
        f"{rng.choice(HOOKS)}"
    )


def _garbage(rng: random.Random, d: date) -> str:
    kind, note = rng.choice(GARBAGE)
    return (
        f"【{kind}の収集日が変わります】\n"
        f"年末年始の収集日程にあわせ、{_date_ja(d)}の{kind}の収集は{_date_ja(d + timedelta(days=2))}に変更します。"
        f"収集日の朝8時30分までに、決められた集積所へ出してください。{note}"
        f"地区ごとの収集カレンダーは市ホームページと広報ごしょがわらに掲載しています。"
    )


def _tax(rng: random.Random, d: date) -> str:
    tax, term = rng.choice(TAXES)
    return (
        f"【{tax}{term}の納期限は{_date_ja(d)}です】\n"
        f"納付は市役所の窓口のほか、金融機関やコンビニエンスストア、スマートフォン決済アプリでもできます。"
        f"口座振替をご利用の方は、前日までに残高をご確認ください。"
        f"納期限を過ぎると延滞金がかかる場合があります。{rng.choice(HOOKS)}"
    )


def _health(rng: random.Random, d: date) -> str:
    item = rng.choice(HEALTH)
    return (
        f"【{item}のご案内】\n"
        f"{item}を{_date_ja(d)}から受け付けます。対象となる方には個別に通知をお送りしています。"
        f"受診の際は通知書と健康保険証、お薬手帳をお持ちください。"
        f"体調に不安のある方は、事前にかかりつけ医にご相談ください。"
    )


def _disaster(rng: random.Random, d: date) -> str:
    return (
        "【大雪への備えをお願いします】\n"
        f"{_date_ja(d)}から週末にかけて、強い冬型の気圧配置により大雪となるおそれがあります。"
        "不要不急の外出は控え、車で出かける際は冬用タイヤやスコップ、防寒具を準備してください。"
        "屋根の雪下ろしは必ず二人以上で行い、命綱とヘルメットを着用しましょう。"
        "停電に備えて懐中電灯や携帯ラジオの電池も確認してください。"
    )


def _library(rng: random.Random, d: date) -> str:
    theme = rng.choice(["冬に読みたい絵本", "津軽の歴史と文化", "はじめての家庭菜園", "防災の知恵", "郷土の作家"])
    return (
        f"【市立図書館 テーマ展示「{theme}」】\n"
        f"{_date_ja(d)}から一か月間、図書館の入口横の特設コーナーで「{theme}」をテーマに本を紹介します。"
        f"司書が選んだおすすめの本をポップとあわせて並べています。展示している本は貸し出しもできますので、"
        f"お気軽に手に取ってみてください。"
    )


TEMPLATES = [_event, _closure, _garbage, _tax, _health, _disaster, _library]


def make_draft(rng: random.Random, index: int) -> str:
    """One draft file's text (front matter included), 150-450 characters of body."""
    post = datetime(2026, 11, 2) + timedelta(days=rng.randint(0, 90))
    while post.weekday() >= 5:
        post += timedelta(days=1)
    post = post.replace(hour=rng.choice([9, 10, 11, 13, 14, 15, 16]), minute=rng.choice([0, 15, 30]))
    event_day = post.date() + timedelta(days=rng.randint(3, 30))
    body = rng.choice(TEMPLATES)(rng, event_day)
    bad = rng.random() < 1 / 6
    if bad:
        kind = rng.randrange(len(VIOLATIONS) + 2)
        if kind < len(VIOLATIONS):
            body += "\n" + VIOLATIONS[kind].format(a=rng.randint(1000, 9999), b=rng.randint(1000, 9999), code=f"x{index:04d}")
        elif kind == len(VIOLATIONS):
            post = post.replace(hour=21)  # outside 8:30-17:15
        else:
            body = body.replace(_date_ja(event_day), _date_ja(event_day, weekday_ok=False), 1)
    for extra in rng.sample(EXTRAS, rng.choice([0, 0, 1, 1, 2, 3])):
        body += "\n" + extra
    body += "\n" + _contact(rng)
    if rng.random() < 0.5:
        body += "\n" + " ".join(rng.sample(TAGS, rng.randint(1, 3)))
    while len(body) < 150:
        body += rng.choice(HOOKS)
    if len(body) > 450:
        body = body[:449].rstrip() + "。"
    front = f"---\ncity: goshogawara\nplatform: {rng.choice(PLATFORMS)}\nscheduled_at: {post:%Y-%m-%dT%H:%M}\n---\n"
    return front + body + "\n"


def generate(out: Path, count: int = 2000, seed: int = 7) -> list[Path]:
    """Write ``count`` drafts ``draft-0000.txt`` ... into ``out`` (created); return their paths.

    Deterministic for a given ``seed``; existing files of the same names are overwritten.
    """
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"draft-{i:04d}.txt"
        path.write_text(make_draft(rng, i), encoding="utf-8")
        paths.append(path)
    return paths


def body_of(text: str) -> str:
    """The body of a generated draft (front matter removed)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = generate(args.out, args.count, args.seed)
    print(f"wrote {len(paths)} drafts to {args.out}")


if __name__ == "__main__":
    main()
