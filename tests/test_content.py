"""CAT rules through the real engine and the five bundled city policies.

Drafts are written for these tests in the style of city posts (none are copied from the
development corpus). Each category has must-catch and at least as many must-not-catch cases.
"""

from __future__ import annotations

import pytest

from snslint.findings import Severity
from snslint.settings.policy import load_policy_file
from support import findings

CITIES = ["kisarazu", "kagoshima", "zushi", "goshogawara", "mine"]


def cat(text: str, city: str = "goshogawara", select: str = "CAT"):
    return [f for f in findings(text, city, select=select) if f.code.startswith("CAT")]


# ------------------------------------------------------------------ benign posts, all cities

BENIGN = [
    # early voting / election administration
    "【期日前投票のお知らせ】12月14日執行の市長選挙の期日前投票を、12月8日から13日まで市役所1階で行います。"
    "投票所入場券をお持ちください。明るい選挙にご協力をお願いします。",
    "投票日当日に仕事や用事がある方は、期日前投票所をご利用ください。前回の投票率は48.2%でした。",
    # vaccination
    "高齢者インフルエンザ予防接種のお知らせ。接種期間は10月1日から1月31日まで。自己負担額は1,500円です。"
    "市内の協力医療機関に予約のうえ、接種を受けてください。",
    # premium vouchers
    "プレミアム付商品券の購入申込みを受け付けます！1冊5,000円で6,500円分のお買い物ができます。"
    "今だけのお得な商品券、購入はこちらの申込フォームから。市内の取扱店でご利用いただけます。",
    # furusato nozei
    "ふるさと納税の返礼品に、地元産りんごジュースと特産の干し餅が加わりました。年末までの寄附は今年の控除対象です。",
    # local job fair
    "合同就職面接会を開催します。市内企業20社が参加予定。服装自由、履歴書をお持ちください。",
    # rumor correction
    "市内で本日断水するとの噂が広がっていますが、そのような事実はありません。デマにご注意ください。",
    # human-rights awareness
    "12月4日から10日は人権週間です。出身地や障害、性別による差別をなくしましょう。"
    "ヘイトスピーチは許されません。",
    # festival
    "第45回さくらまつりを4月12日に開催します。ステージイベントや屋台もあります。皆さんお気軽にお越しください。",
    # fraud warning
    "市職員をかたり「還付金がある」と嘘をつく詐欺の電話が相次いでいます。ATMへ誘導されたらすぐ電話を切ってください。",
    # shrine festival traffic
    "八幡神社の例大祭に伴い、10月15日は神社周辺で交通規制を行います。",
    # fees with a discount for residents
    "市民プールの使用料は、65歳以上の方と障害者手帳をお持ちの方は半額です。",
]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("text", BENIGN, ids=[f"benign{i}" for i in range(len(BENIGN))])
def test_benign_city_posts_pass_clean_in_every_city(city: str, text: str) -> None:
    got = cat(text, city)
    assert not got, [(f.code, f.text) for f in got]


# ------------------------------------------------------------------ the three required catches


def test_campaign_post_is_a_political_error_citing_goshogawara_9_4() -> None:
    got = cat("〇〇候補に清き一票を！", "goshogawara")
    assert got and {f.code for f in got} == {"CAT001"}
    assert all(f.severity is Severity.ERROR and f.clause.ref == "第9条(4)" for f in got)
    assert [f.text for f in got] == ["清き一票"]  # one finding per sentence and category
    assert "「候補」" in got[0].message_ja  # the other term of the sentence is named
    assert "第9条(4)" in got[0].message_ja and got[0].hint


def test_church_invitation_is_religious_activity() -> None:
    got = cat("日曜礼拝にお越しください、入信を歓迎します", "goshogawara")
    assert {f.code for f in got} == {"CAT002"}
    assert [f.text for f in got] == ["礼拝"]
    assert "「入信」" in got[0].message_ja
    assert all(f.clause.ref == "第9条(4)" for f in got)


def test_discount_ad_is_commercial_advertising_citing_9_6() -> None:
    got = cat("今だけ全品50%オフ！購入はこちら", "goshogawara")
    assert {f.code for f in got} == {"CAT003"}
    assert len(got) == 2  # two sentences: 「今だけ全品50%オフ！」「購入はこちら」
    assert "購入はこちら" in {f.text for f in got}
    assert all(f.clause.ref == "第9条(6)" and f.severity is Severity.WARNING for f in got)


@pytest.mark.parametrize("city", CITIES)
def test_the_three_violations_are_caught_in_every_city(city: str) -> None:
    assert "CAT001" in {f.code for f in cat("〇〇候補に清き一票を！", city)}
    assert "CAT002" in {f.code for f in cat("日曜礼拝にお越しください、入信を歓迎します", city)}
    assert "CAT003" in {f.code for f in cat("今だけ全品50%オフ！購入はこちら", city)}


def test_users_list_clause_says_it_applies_by_analogy() -> None:
    got = cat("〇〇候補に清き一票を！", "kisarazu", select="CAT001")
    assert got and all(f.clause.users_list for f in got)
    assert "準用" in got[0].message_ja and "analogy" in got[0].message_en


def test_mine_allows_local_job_ads_by_policy_exception() -> None:
    job = "市内企業の求人情報です。今だけ入社祝い金あり、期間限定の特別価格で社員食堂をご利用いただけます。"
    assert cat(job, "mine", select="CAT003") == []
    assert [f.code for f in cat(job, "goshogawara", select="CAT003")]


def test_weak_entry_is_one_level_below_the_city_severity() -> None:
    got = cat("あの店主はバカだ", "goshogawara", select="CAT005")  # CAT005 is error there
    assert [f.severity for f in got] == [Severity.WARNING]
    strong = cat("あの店主は無能だ", "goshogawara", select="CAT005")
    assert [f.severity for f in strong] == [Severity.ERROR]


# ------------------------------------------------------------------ per category

CASES = {
    "CAT001": (
        ["次の市議選では〇〇党の候補者を応援しよう！", "〇〇候補者に投票してください。", "増税に反対しよう！"],
        ["市議会議員選挙の候補者の届出は11月9日です。", "投票用紙には候補者の氏名を記入してください。",
         "投票日は11月16日です。投票所は各地区の公民館です。", "道路の反対側に渡るときは横断歩道を使いましょう。"],
    ),
    "CAT002": (
        ["聖書の教えを一緒に学びましょう。どなたでも歓迎します。", "信仰の道をさらに一歩進めましょう。"],
        ["国指定重要文化財の本堂を特別公開します。", "教会群の建築を見学するバスツアーを開催します。",
         "大みそかは除夜の鐘で混雑が予想されます。"],
    ),
    "CAT003": (
        ["期間限定の特別価格！ご購入はこちらから。送料無料でお届けします。", "店員さんにこの画面を見せると10%割引になります。"],
        ["期間限定で天守閣を夜間公開します。", "粗大ごみの手数料は1点500円です。", "道の駅で地元産野菜の直売を行っています。"],
    ),
    "CAT004": (
        ["看護婦と保母さんを募集しています。", "父兄の皆様もご参加ください。", "〇〇人は出て行け"],
        ["看護師と保育士を募集しています。", "保護者の皆様もご参加ください。", "ひとり親家庭の支援制度をご案内します。",
         "お気をつけてお帰りください。"],
    ),
    "CAT005": (
        ["市役所は税金泥棒の集まりだ。", "こいつら公務員は何もしない。"],
        ["インターネット上の誹謗中傷は法務局の人権相談へ。", "熱中症で死ぬこともあります。こまめに水分補給を。",
         "紙くずは燃やすごみの日に出してください。"],
    ),
    "CAT006": (
        ["エロい画像を今すぐチェック", "不倫相手を募集中"],
        ["性犯罪被害の相談は支援センターへ。", "パパ活をきっかけとした犯罪被害に注意しましょう。", "エコバッグを配布します。"],
    ),
    "CAT007": (
        ["バレなければ大丈夫なので、ごみは川に捨てちゃおう。", "少しくらいの飲酒運転は平気です。"],
        ["飲酒運転は絶対にやめましょう。", "ごみのポイ捨ては条例で禁止されています。", "「高収入」をうたう闇バイトに注意してください。"],
    ),
    "CAT008": (
        ["明日、市内全域で停電するらしい。拡散希望！", "噂によると駅前で爆発があったそうです。"],
        ["停電するとの噂がありますが、事実ではありません。", "春らしい陽気になりました。", "最新の情報は市ホームページでご確認ください。"],
    ),
    "CAT009": (
        ["【庁内限り】新庁舎の配置案です。", "部外秘の資料を添付します。"],
        ["新庁舎の配置案について市民説明会を開きます。", "情報公開請求の手続きをご案内します。", "議会の会議録を公開しました。"],
    ),
    "CAT010": (
        ["私見ですが、この映画は見る価値がありません。", "原発の再稼働には断固反対です。"],
        ["原子力災害時の避難計画を更新しました。", "皆さまのご意見をお寄せください。", "個人情報の取扱いについてお知らせします。"],
    ),
    "CAT011": (
        ["文句を言っている暇があったら自分で調べろ。", "情弱乙"],
        ["ご意見は市民相談室で受け付けています。", "詳しくは市ホームページで調べることができます。",
         "空いた時間があったら図書館に来てください。"],
    ),
}


def _case_params(kind: int):
    for code, pair in CASES.items():
        for i, text in enumerate(pair[kind]):
            yield pytest.param(code, text, id=f"{code}-{i}")


@pytest.mark.parametrize("code, text", list(_case_params(0)))
def test_must_catch(code: str, text: str) -> None:
    got = cat(text, "zushi", select=code)  # zushi: every category has a clause there or by analogy
    assert any(f.code == code for f in got), f"{code} missed {text!r}"


@pytest.mark.parametrize("code, text", list(_case_params(1)))
def test_must_not_catch(code: str, text: str) -> None:
    got = cat(text, "zushi")
    assert not got, f"{[(f.code, f.text) for f in got]} in {text!r}"


def test_every_category_has_more_benign_than_violating_cases() -> None:
    for code, (bad, good) in CASES.items():
        assert len(good) >= len(bad), code


# ------------------------------------------------------------------ a city's own terms


def test_city_extra_terms_and_bad_entries(tmp_path) -> None:
    good = tmp_path / "city.yaml"
    good.write_text(
        "extends: goshogawara\n"
        "rules:\n"
        "  CAT003:\n"
        "    extra_terms:\n"
        "      - term: [ガチャ課金]\n"
        "        hint: 市の投稿で課金を勧めないでください。\n"
        "        examples: {match: [ガチャ課金で当てよう]}\n",
        encoding="utf-8",
    )
    policy = load_policy_file(good)
    assert policy.rule("CAT003").extra_terms
    from snslint.input.draft import parse_draft
    from snslint.lint.engine import CheckOptions, check_draft

    res = check_draft(parse_draft("d.txt", "ガチャ課金で当てよう".encode()), policy, CheckOptions())
    assert [f.text for f in res.findings if f.code == "CAT003"] == ["ガチャ課金"]

    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: goshogawara\nrules:\n  CAT003:\n    extra_terms:\n      - term: x\n", encoding="utf-8")
    from snslint.errors import PolicyError

    with pytest.raises(PolicyError) as info:
        load_policy_file(bad)
    assert "examples" in str(info.value.message_en if hasattr(info.value, "message_en") else info.value)


def test_two_sentences_give_two_findings_one_sentence_gives_one() -> None:
    one = cat("来月の市長選挙では〇〇候補に清き一票を、〇〇候補をよろしく！", "goshogawara")
    two = cat("〇〇候補に清き一票を！\n次の選挙では〇〇党の候補者を応援しよう。", "goshogawara")
    assert len(one) == 1 and len(two) == 2


def test_cat_rules_share_one_scan_per_draft_and_find_the_same_without_it(monkeypatch) -> None:
    import snslint.text.lexicon as lexicon_mod
    import snslint.rules.content as content

    text = "〇〇候補に清き一票を！今だけ全品50%オフ！\nあの議員は本当に無能だ。明日は断水するらしい。拡散希望！"
    scans = []
    real_scan = lexicon_mod.PhraseIndex.scan
    monkeypatch.setattr(lexicon_mod.PhraseIndex, "scan", lambda self, ms: scans.append(self) or real_scan(self, ms))
    shared = [(f.code, f.start, f.end, f.message_ja, f.severity) for f in cat(text)]
    assert len(scans) == 1  # eleven rules, one pass over the morphemes
    assert {c for c, *_ in shared} >= {"CAT001", "CAT003", "CAT005", "CAT008"}

    monkeypatch.setattr(content, "_shared_scan", lambda *args: None)  # every rule on its own
    scans.clear()
    alone = [(f.code, f.start, f.end, f.message_ja, f.severity) for f in cat(text)]
    assert alone == shared
    assert len(scans) == 11  # one scan per rule
