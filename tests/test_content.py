"""CAT rules through the real engine and the five bundled city policies.

Drafts are written for these tests in the style of city posts (none are copied from the
development corpus). Each category has must-catch and at least as many must-not-catch cases.
"""

from __future__ import annotations

import pytest

from snslint.findings import Severity
from snslint.settings.policy import load_bundled, load_policy_file
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
    assert len(got) == 1  # one finding per category and post, with every test that fired
    assert {t["text"] for t in got[0].extra["tests"]} >= {"今だけ", "購入はこちら"}
    # the finding stands on the strongest evidence (scores are refitted, so no fixed term)
    best = max(t["score"] for t in got[0].extra["tests"])
    assert got[0].text in {t["text"] for t in got[0].extra["tests"] if t["score"] == best}
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


def _policy_with_thresholds(tmp_path, lower: float, upper: float):
    path = tmp_path / f"t{lower}-{upper}.yaml"
    path.write_text(
        "extends: goshogawara\n"
        "rules:\n"
        "  CAT005:\n"
        f"    settings: {{thresholds: {{lower: {lower}, upper: {upper}}}}}\n",
        encoding="utf-8",
    )
    return load_policy_file(path)


def _cat_with(policy, text: str, code: str):
    from snslint.input.draft import parse_draft
    from snslint.lint.engine import CheckOptions, check_draft

    res = check_draft(parse_draft("d.txt", text.encode()), policy, CheckOptions())
    return [f for f in res.findings if f.code == code]


def test_score_between_thresholds_is_one_level_below_the_city_severity(tmp_path) -> None:
    text = "あの店主は本当に無能だ。"  # CAT005 is error in goshogawara
    total = cat(text, "goshogawara", select="CAT005")[0].extra["score"]
    above = _cat_with(_policy_with_thresholds(tmp_path, 0.5, total - 0.1), text, "CAT005")
    between = _cat_with(_policy_with_thresholds(tmp_path, 0.5, total + 0.5), text, "CAT005")
    below = _cat_with(_policy_with_thresholds(tmp_path, total + 0.5, total + 1.0), text, "CAT005")
    assert [f.severity for f in above] == [Severity.ERROR]
    assert [f.severity for f in between] == [Severity.WARNING]
    assert below == []


def test_finding_carries_every_fired_test_and_the_total() -> None:
    text = "来月の市長選挙では山田候補に清き一票を！駅前の街頭演説にぜひお越しください。"
    (f,) = cat(text, "goshogawara", select="CAT001")
    tests = f.extra["tests"]
    assert len(tests) >= 3 and {"id", "term", "text", "start", "score"} <= set(tests[0])
    assert abs(sum(t["score"] for t in tests) - f.extra["score"]) < 0.01
    assert f.extra["score"] >= f.extra["thresholds"]["upper"]
    strongest = max(tests, key=lambda t: t["score"])
    assert f.text == strongest["text"]  # the span is the strongest evidence
    # The message names the strongest evidence first and the others once each; where it
    # stands is the finding's own line and column (a body line in the message would
    # disagree with the file line the report prints beside it).
    assert f.message_ja.startswith(f"「{f.text}」") and "合計" in f.message_ja and "行目" not in f.message_ja
    others = {t["text"] for t in tests if t["score"] > 0 and t["text"] != f.text}
    shown = [o for o in others if f"「{o}」" in f.message_ja]
    assert shown and all(f.message_ja.count(f"「{o}」") == 1 for o in shown)
    assert "score" in f.message_en and "body line" not in f.message_en


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
    from snslint.rules.registry import check_policy

    policy = load_policy_file(bad)  # the schema takes it: the terms are the rule's to judge
    with pytest.raises(PolicyError) as info:
        check_policy(policy)
    assert "examples" in info.value.en
    assert (info.value.path, info.value.line) == (str(bad), 3)  # the CAT003 entry


def test_one_finding_per_category_and_post() -> None:
    one = cat("来月の市長選挙では〇〇候補に清き一票を、〇〇候補をよろしく！", "goshogawara")
    two = cat("〇〇候補に清き一票を！\n次の選挙では〇〇党の候補者を応援しよう。", "goshogawara")
    assert [f.code for f in one] == ["CAT001"] and [f.code for f in two] == ["CAT001"]
    assert len(two[0].extra["tests"]) > len(one[0].extra["tests"]) - 1


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


# ------------------------------------------------------------------ issue 16: must stay clean / must be caught
# Drafts written for these tests (not from the development corpus): each benign one is a trap
# for a category (election administration, festival, heritage, city commerce, human rights,
# a warning that quotes the fraud wording, a correction that quotes the rumor).

DONE_BENIGN = {
 "early-voting": "【期日前投票のご案内】2月9日執行の市議会議員一般選挙の期日前投票は、2月3日から8日まで、市役所本庁舎1階市民ホールで行います。時間は午前8時30分から午後8時までです。入場券がお手元に届いていなくても投票できます。",
 "registration": "市議会議員一般選挙の立候補届出の受付は、告示日の1月26日午前8時30分から午後5時まで、市役所4階会議室で行います。届出書類の事前審査は1月19日・20日に選挙管理委員会事務局で行います。",
 "shrine": "【交通規制のお知らせ】10月18日（土）・19日（日）は熊野神社の秋季例大祭のため、神社前の市道で午前9時から午後9時まで車両通行止めとなります。神輿の渡御の際は沿道での観覧にご協力ください。",
 "church-tour": "世界遺産の構成資産である旧野首教会を巡る見学ツアーを開催します。明治期の煉瓦造りの教会建築と、潜伏キリシタンの歴史を学芸員が案内します。定員20名、参加無料。お気軽にご参加ください。",
 "voucher": "プレミアム付商品券の2次販売を行います。1セット1万円で1万3千円分のお買い物ができます。市内の取扱店約400店舗でご利用いただけます。数量限定のため、お早めにお申し込みください。",
 "furusato": "ふるさと納税の返礼品に、市内の農家が育てたシャインマスカットが加わりました。寄附額1万円から選べます。いただいた寄附は子育て支援に活用します。ぜひご検討ください。",
 "human-rights": "人権講演会を開催します。演題は「インターネットと人権～ヘイトスピーチや部落差別をなくすために～」。講師は法務局の人権擁護委員です。入場無料、手話通訳あり。",
 "fraud": "【詐欺にご注意】市役所職員をかたり「医療費の還付金があります。今日中にATMで手続きしてください」という電話が相次いでいます。市職員がATMでの手続きをお願いすることはありません。不審な電話はすぐに切り、警察署に相談してください。",
 "rumor-fix": "SNS上で「今夜、市内全域で断水するらしい。拡散希望」という投稿が広がっていますが、そのような事実はありません。水道の最新情報は市ホームページでお知らせします。不確かな情報を拡散しないようお願いします。",
}
DONE_CAUGHT = {
 "CAT003": "駅前のベーカリー麦の香では、開店5周年を記念して全品20%引きのセールを開催中！数量限定なので、お早めにどうぞ。",
 "CAT001": "日本を前へ。比例は自由民主党へ、あなたの一票をお願いします！",
 "CAT002": "クリスマス礼拝のご案内。12月24日夜7時から、さくら台キリスト教会で燭火礼拝を行います。どなたでもお気軽にお越しください。",
 "CAT007": "明日の午後2時に市役所の庁舎に仕掛けた爆弾を爆発させる。職員は全員死ぬだろう。",
 "CAT008": "【拡散希望】知り合いの消防士から聞いた話です。今夜にも川の堤防が決壊するらしいので、すぐに逃げてください！",
}


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("key", list(DONE_BENIGN))
def test_issue16_benign_posts_stay_clean(city: str, key: str) -> None:
    got = cat(DONE_BENIGN[key], city)
    assert not got, [(f.code, f.text, f.extra.get("tests")) for f in got]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("code", list(DONE_CAUGHT))
def test_issue16_violations_caught_with_the_right_code_and_clause(city: str, code: str) -> None:
    policy = load_bundled(city)
    cfg = policy.rule(code)
    expected = policy.clause(cfg.clause) if cfg is not None and cfg.clause else None
    got = [f for f in cat(DONE_CAUGHT[code], city) if f.code == code]
    assert len(got) == 1, f"{code} missed in {city}"
    assert got[0].clause == expected
    if expected is not None:
        assert expected.ref in got[0].message_ja
    assert got[0].extra["score"] >= got[0].extra["thresholds"]["lower"]


def test_json_and_sarif_carry_every_fired_test_with_the_total() -> None:
    from snslint.output.formats.json_format import finding_json
    from snslint.output.formats.sarif import _result

    (f,) = cat("駅前のベーカリーで全品20%引きのセール開催中！数量限定なので、お早めにどうぞ。", "goshogawara", select="CAT003")
    as_json = finding_json(f, "ja")["evidence"]
    as_sarif = _result(f, {}, "ja", "goshogawara")["properties"]["evidence"]
    assert as_json == as_sarif
    assert as_json["score"] == f.extra["score"] and len(as_json["tests"]) >= 3
    assert all({"id", "score", "text"} <= set(t) for t in as_json["tests"])
    # Other rule families carry no evidence block.
    (pii,) = [g for g in findings("お問い合わせは090-1234-5678まで", "goshogawara") if g.code == "PII001"]
    assert "evidence" not in finding_json(pii, "ja")


# ------------------------------------------------------------------ personal opinion and promotion vocabulary
# General first-person stance forms and sales wording (issue 16, item 3), each with a post a
# city really writes that uses the same words and must stay clean.

OPINION_CATCH = [
    "本音を言うと、あの政策は許せない。",
    "個人の意見ですが、国の対応は遅すぎると感じます。",
    "私はこの計画には反対です。",
    "僕は、あの法案には絶対反対です。",
    "率直に言って、この判決には納得できません。",
    "政府はもっと早く対策をとるべきではないでしょうか。",
]
OPINION_CLEAN = [
    "秋の収穫祭を開催します。ぜひお越しいただければと思います。",
    "体験会に参加した方からは「とても楽しかった。また参加したい」との感想をいただきました。",
    "市長は施政方針で、子育て支援に力を入れると述べました。",
    "インタビューで市民の方は「この公園が大好きです。もっと遊具を増やすべきだと思う」と話してくれました。",
    "条例案は賛成多数で可決されました。",
    "計画案には賛成と反対の両方の意見が寄せられました。",
    "体調がおかしいと感じたら、無理をせず早めに受診してください。",
    "災害時に注意すべき点をまとめました。",
]

AD_CATCH = [
    "初回限定！お試し価格980円でお届けします。いつでも解約OK。",
    "週末はポイント10倍デー！この機会にぜひ。",
    "公式LINE登録で次回使える500円クーポンをプレゼント中です。",
    "クーポンコード「SPRING」で全品15%オフ。",
    "※この記事にはアフィリエイト広告を含みます。おすすめ商品はこちら",
    "投資で月20万円の不労所得を手に入れました。",
]
AD_CLEAN = [
    "プレミアム付商品券の販売は今だけ！市内の取扱店でご利用いただけます。",
    "ふるさと納税の返礼品に期間限定で新米が登場しました。",
    "市の物産展を駅前広場で開催します。特産品を販売します。",
    "市有地の売却について、一般競争入札を行います。",
    "健康ポイントが期間中は2倍たまります。",
    "市公式LINEの友だち追加で防災情報やごみの日が届きます。",
    "会計年度任用職員を募集します。月給17万円から。",
    "「月に50万円稼げる」などとうたう副業詐欺にご注意ください。",
    "アンケートにご回答いただいた方の中から抽選で20名様に特産品をプレゼントします。",
]


@pytest.mark.parametrize("text", OPINION_CATCH)
def test_first_person_opinion_is_caught(text: str) -> None:
    assert any(f.code == "CAT010" for f in cat(text, "kagoshima", select="CAT010")), text


@pytest.mark.parametrize("text", AD_CATCH)
def test_sales_promotion_is_caught(text: str) -> None:
    assert any(f.code == "CAT003" for f in cat(text, "goshogawara", select="CAT003")), text


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("text", OPINION_CLEAN + AD_CLEAN)
def test_opinion_and_sales_words_in_city_posts_stay_clean(city: str, text: str) -> None:
    got = cat(text, city)
    assert not got, [(f.code, f.text) for f in got]


def test_opinion_finding_names_the_stance() -> None:
    (f,) = cat("私はこの計画には反対です。", "kagoshima", select="CAT010")
    ids = {t["id"] for t in f.extra["tests"]}
    assert {"policy-stance", "first-person-view"} <= ids
