"""CAT family: prohibited content, found with token-aware lexicons.

Each rule is one category; its words live in ``rules/catNNN_*.yaml`` (see
:mod:`snslint.text.lexicon` for the format and the matcher) and a city adds its own in its policy
(``extra_terms``, same entry format). The rule classes below only carry the documentation and
examples; :class:`LexiconRule.check` is shared.

Severity: a ``strong`` entry gets the policy's severity for the rule, a ``weak`` one a level
lower (error -> warning -> info). The message names the term found, the category, the clause
(and, for a clause written for users' comments, that it applies by analogy) and the hint.

Speed: the rules of one draft share one pass over its morphemes (:func:`_shared_scan`: one
index over every active category's phrases, kept in the draft's ``CheckContext.memo``); each
rule then applies only its own entries' context, exceptions and strength to the shared hits.

Policy ``settings`` of every CAT rule (:class:`ContentSettings`):
    unless: policy-level exceptions: a phrase anywhere in the post cancels the category
        (美祢市 allows job ads of local firms, 第4 2(2)エ: ``unless: [求人情報, ...]``).
    disable: bundled entries (by their first term) the city switches off.
"""

from __future__ import annotations

import bisect

from typing import TYPE_CHECKING, Iterator

from pydantic import BaseModel, ConfigDict, Field

from snslint.findings import Finding, Severity
from snslint.identity_memo import IdentityMemo
from snslint.text.lexicon import DraftScan, Lexicon, LexiconError, lexicon_for, lexicon_group, parse_extra_terms
from snslint.rules.registry import register, registry
from snslint.rules.api import Example, Rule, RuleContext

if TYPE_CHECKING:  # pragma: no cover
    from snslint.text.analysis import Morpheme
    from snslint.settings.policy import RuleConfig

_LEXICON_MEMO: IdentityMemo[Lexicon] = IdentityMemo(max_entries=256)
"""A rule's lexicon by its policy entry (identity) and code
(:meth:`LexiconRule.lexicon_for_config`); ``None`` serves rules run without a policy entry."""

_SCAN_MEMO = "snslint.rules.content.scan"
"""Key in ``CheckContext.memo`` of ``[LexiconGroup, DraftScan | None]``: the draft's lexicon
group and, once a rule of the group asked for it, its one scan (:func:`_shared_scan`)."""


class ContentSettings(BaseModel):
    """``settings:`` of a CAT rule in a policy (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")

    unless: list[str] = Field(default_factory=list, max_length=500)
    disable: list[str] = Field(default_factory=list, max_length=500)


class LexiconRule(Rule):
    """A rule whose check is its category's lexicon (bundled + the policy's extra terms)."""

    default_severity = Severity.WARNING
    Settings = ContentSettings

    def validate_settings(self, config) -> str | None:
        """Settings as usual, plus the policy's ``extra_terms`` in the lexicon format."""
        problem = super().validate_settings(config)
        if problem:
            return problem
        try:
            parse_extra_terms(config.extra_terms)
        except LexiconError as exc:
            return str(exc)
        return None

    def lexicon(self, ctx: RuleContext) -> Lexicon:
        """This rule's lexicon under the policy entry of ``ctx``."""
        return self.lexicon_for_config(ctx.config)

    def lexicon_for_config(self, cfg: RuleConfig | None) -> Lexicon:
        """The bundled lexicon plus ``cfg``'s extra terms, exceptions and disabled entries.

        Memoized per config object (see :data:`_LEXICON_MEMO`): a policy's entries live as
        long as the policy, so each draft after the first costs one dict look-up here instead
        of validating the settings and JSON-encoding the extra terms for :func:`lexicon_for`.
        """
        return _LEXICON_MEMO.get(cfg, self.code, lambda: self._compile_lexicon(cfg))

    def _compile_lexicon(self, cfg: RuleConfig | None) -> Lexicon:
        """What :meth:`lexicon_for_config` returns, computed afresh."""
        settings: ContentSettings = self.Settings.model_validate(cfg.settings if cfg is not None else {})
        return lexicon_for(self.code, cfg.extra_terms if cfg is not None else (), settings.unless, settings.disable)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        lex = self.lexicon(ctx)
        ms = ctx.analysis.morphemes
        if not ms:
            return
        matches = lex.find(ms, _shared_scan(ctx, lex, ms))
        if not matches:
            return
        clause = ctx.clause
        where_ja = where_en = ""
        if clause is not None:
            by_analogy_ja = "（利用者向けの禁止事項を市の投稿に準用）" if clause.users_list else ""
            by_analogy_en = " (a users' list, applied to the city's own posts by analogy)" if clause.users_list else ""
            where_ja = f"{clause.document} {clause.ref}{by_analogy_ja}に反するおそれがあります。".lstrip()
            where_en = f" It may break {clause.document} {clause.ref}{by_analogy_en}.".rstrip()
        base = ctx.severity
        for group in _by_sentence(matches, ctx.analysis.sentence_bounds):
            # One finding per sentence and category: the strongest, then longest, then
            # earliest match carries the span and the hint; the others are named in the message.
            m = min(group, key=lambda g: (g.entry.strength != "strong", g.start - g.end, g.start))
            e = m.entry
            found = ctx.body[m.start : m.end]
            shown = found if found == e.term else f"{found}（{e.term}）"
            others = [ctx.body[g.start : g.end] for g in group if g is not m]
            also_ja = "".join(f"「{o}」" for o in others)
            also_ja = f"（同じ文に{also_ja}も）" if others else ""
            also_en = f" (also {', '.join(repr(o) for o in others)} in the same sentence)" if others else ""
            note_ja = f"{e.note}。" if e.note and not e.note.endswith("。") else e.note
            strong = any(g.entry.strength == "strong" for g in group)
            yield ctx.finding(
                m.start,
                m.end,
                f"「{shown}」{also_ja}: {lex.label}にあたる表現です。{note_ja}{where_ja}",
                f"'{found}' ({e.term}){also_en}: {lex.label_en}.{where_en}",
                hint=e.hint,
                hint_en=e.hint_en,
                severity=base if strong else base.demoted(),
                term=e.term,
                strength="strong" if strong else e.strength,
                source=e.source,
            )


def _shared_scan(ctx: RuleContext, lex: Lexicon, ms: "list[Morpheme]") -> DraftScan | None:
    """The draft's one scan for every active CAT rule, or None when ``lex`` is not part of it.

    The first CAT rule to run on a draft builds it: the lexicons of every lexicon rule the
    engine runs on the draft (``CheckContext.active_codes``, each with its policy entry as
    :func:`snslint.lint.engine.active_rules` gives it), joined in a cached
    :class:`~snslint.text.lexicon.LexiconGroup`, scan the morphemes once; the scan is kept in
    ``ctx.check.memo`` and the other rules read it. A rule whose lexicon is not in the group
    (a context built by hand, a config given another way) gets None and scans on its own, so
    the findings never depend on the sharing.
    """
    memo = ctx.check.memo
    entry = memo.get(_SCAN_MEMO)
    if entry is None:
        try:
            group = lexicon_group(_active_lexicons(ctx))
        except ValueError:
            # Another rule's entry does not compile (a bad policy that bypassed validation):
            # that rule reports its own error; this one must not fail for it.
            group = lexicon_group(())
        entry = memo[_SCAN_MEMO] = [group, None]  # [LexiconGroup, its DraftScan once needed]
    group, scan = entry
    if lex not in group.lexicons:
        return None
    if scan is None:
        scan = entry[1] = group.scan(ms)
    return scan


def _active_lexicons(ctx: RuleContext) -> tuple[Lexicon, ...]:
    """The lexicons of every :class:`LexiconRule` active on the draft, in code order."""
    active = ctx.check.active_codes
    out = []
    for code, rule in _lexicon_rules().items():
        if code not in active:
            continue
        cfg = ctx.policy.rule(code)
        # As engine.active_rules: an entry that is off counts as none (--select runs the rule
        # at its default severity without the policy's entry).
        out.append(rule.lexicon_for_config(cfg if cfg is not None and cfg.enabled else None))
    return tuple(out)


_LEXICON_RULES: dict[str, LexiconRule] = {}


def _lexicon_rules() -> dict[str, LexiconRule]:
    """Every registered :class:`LexiconRule` by code, in code order (read from the registry
    once: ``registry()`` copies and sorts every rule on each call). A lexicon rule registered
    after the first draft is simply not in the shared scan and scans on its own."""
    if not _LEXICON_RULES:
        _LEXICON_RULES.update((c, r) for c, r in registry().items() if isinstance(r, LexiconRule))
    return _LEXICON_RULES


def _by_sentence(matches, bounds: list[tuple[int, int]]) -> list[list]:
    """Group lexicon matches (in body order) by the sentence their start falls in."""
    starts = [b[0] for b in bounds]
    groups: dict[int, list] = {}
    for m in matches:
        groups.setdefault(bisect.bisect_right(starts, m.start) - 1, []).append(m)
    return [groups[k] for k in sorted(groups)]


def _rule(code, name, summary, summary_en, explanation, failing, passing):
    """Build and register one CAT rule class (the lexicon does the work)."""
    cls = type(
        "".join(p.title() for p in name.split("-")),
        (LexiconRule,),
        {
            "__doc__": f"{code} {name}: {summary_en}. Lexicon: rules/{code.lower()}_*.yaml.",
            "__module__": __name__,
            "code": code,
            "name": name,
            "summary": summary,
            "summary_en": summary_en,
            "explanation": explanation,
            "failing": tuple(Example(d, city="goshogawara") for d in failing),
            "passing": tuple(Example(d, city="goshogawara") for d in passing),
        },
    )
    return register(cls)


PoliticalActivity = _rule(
    "CAT001", "political-activity",
    "政治活動・選挙運動にあたる表現です", "Political campaigning or advocacy",
    """(ja) 特定の候補者・政党・政策への支持や反対を呼びかける表現（「清き一票を」「〇〇候補をよろしく」「〇〇党を応援」、意見広告）を見つけます。市の公式アカウントは政治的中立を守る必要があり、五所川原市 9(4)、美祢市 第4 4(4)イ などが禁じています。期日前投票・投票所・明るい選挙・投票率など選挙管理の案内は対象外です。
(en) Finds appeals for or against a candidate, party or policy position (vote requests, endorsements, 意見広告). A city account must stay politically neutral; election-administration notices (early voting, polling stations, turnout) are not flagged.""",
    ["〇〇候補に清き一票を！", "次の選挙では〇〇党の候補者を応援しよう。"],
    ["期日前投票は役場2階で午前8時30分から午後8時まで行えます。", "投票所入場券をお持ちのうえ、投票所へお越しください。", "明るい選挙推進協議会より、投票へのご参加をお願いします。"],
)

ReligiousActivity = _rule(
    "CAT002", "religious-activity",
    "宗教活動（布教・勧誘）にあたる表現です", "Religious proselytising or solicitation",
    """(ja) 特定の宗教への勧誘・布教（入信、伝道、礼拝へのお誘い、ご利益をうたう表現）を見つけます。市の投稿は宗教的中立が求められ、五所川原市 9(4)、美祢市 第4 4(4)イ などが禁じています。神社の祭礼や文化財の紹介、お寺での地域行事の案内は対象外です。
(en) Finds proselytising and invitations to a faith (conversion, mission, worship invitations, promised blessings). Festivals at shrines and cultural-heritage posts are not flagged.""",
    ["日曜礼拝にお越しください、入信を歓迎します。"],
    ["八幡神社の例大祭にあわせて、交通規制を行います。", "国指定重要文化財の本堂を特別公開します。"],
)

CommercialAdvertising = _rule(
    "CAT003", "commercial-advertising",
    "営利目的の広告・宣伝にあたる表現です", "Commercial advertising for a private business",
    """(ja) 民間事業者の利益のための宣伝文句（「今だけ」「全品〇％オフ」「購入はこちら」「送料無料」、アフィリエイト表記）を見つけます。五所川原市 9(6) などが禁じています。プレミアム付商品券、ふるさと納税、市の施設料金の案内は対象外で、美祢市は市内事業者の求人情報を認めています（ポリシーの settings.unless）。
(en) Finds sales pitches for a private business (limited-time offers, discounts, buy-now links, free shipping, affiliate disclosures). City vouchers, furusato nozei and the city's own fees are not advertising.""",
    ["今だけ全品50%オフ！購入はこちら"],
    ["プレミアム付商品券の購入申込みを受け付けています。", "ふるさと納税の返礼品に新たに地元産りんごが加わりました。"],
)

Discrimination = _rule(
    "CAT004", "discrimination",
    "差別的な表現です", "A discriminatory term or expression",
    """(ja) 出身・居住地・職業・障害・性別などについての差別語や差別的な言い回しを見つけ、中立的な言い換えを示します。五所川原市 9(2)、美祢市 第4 4(4)ア、鹿児島市 6(2) などが禁じています。差別の解消を訴える人権啓発の投稿は対象外です。
(en) Finds slurs and discriminatory wording about origin, residence, occupation, disability or gender, and suggests the neutral word. Human-rights posts that oppose discrimination are not flagged.""",
    ["保母さんを募集しています。", "〇〇人は出て行け"],
    ["12月4日から10日は人権週間です。あらゆる差別をなくしましょう。", "保育士を募集しています。"],
)

Defamation = _rule(
    "CAT005", "defamation",
    "誹謗中傷・侮辱にあたる表現です", "Slander or an insult aimed at a person or group",
    """(ja) 人や団体に向けた侮辱・誹謗中傷（「馬鹿野郎」「無能」「こいつら」「卑怯者」など）を見つけます。五所川原市 9(3)、鹿児島市 6(1) などが禁じています。誹謗中傷の相談窓口の案内など、中傷をなくす呼びかけは対象外です。
(en) Finds insults and slander aimed at a person or group. Posts about counselling for online abuse are not flagged.""",
    ["あの議員は本当に無能だ。", "こいつらは税金泥棒だ"],
    ["インターネット上の誹謗中傷に関する相談窓口をご案内します。", "ネットでの悪口や中傷をなくしましょう。"],
)

Obscenity = _rule(
    "CAT006", "obscenity",
    "わいせつ・性的な表現です", "Obscene or sexual wording",
    """(ja) 性的・わいせつな表現や出会い系の宣伝文句を見つけます。五所川原市 9(11)、鹿児島市 6(7) などが禁じています。性犯罪被害の相談窓口や性教育・健康の案内は対象外です。
(en) Finds sexual or obscene wording and dating-spam phrases. Posts on support for victims of sexual violence or health education are not flagged.""",
    ["エロい女性がたくさん待っています"],
    ["性暴力被害の相談はワンストップ支援センターへ。", "乳がん検診のお知らせです。"],
)

IllegalIncitement = _rule(
    "CAT007", "illegal-incitement",
    "違法行為をあおる表現です", "Encouraging an illegal act",
    """(ja) 違法行為をそそのかす・あおる表現（「ポイ捨てしても大丈夫」「バレなければ」「飲んだら乗っても平気」など）を見つけます。五所川原市 9(1)、美祢市 第4 4(4)ウ などが禁じています。不法投棄禁止や飲酒運転根絶の呼びかけは対象外です。
(en) Finds wording that encourages an illegal act. Posts against illegal dumping or drunk driving are not flagged.""",
    ["バレなければ大丈夫なので、ごみは川に捨てちゃおう。"],
    ["ごみの不法投棄は法律で禁止されています。", "飲酒運転は絶対にやめましょう。"],
)

Rumor = _rule(
    "CAT008", "rumor",
    "未確認の情報（うわさ）を広める表現です", "Spreading unverified information",
    """(ja) 確認されていない情報を広める表現（「〜するらしい」「〜との噂」「拡散希望」など）を見つけます。五所川原市 9(8)、美祢市 第4 4(4)エ などが禁じています。「根拠のない噂にご注意ください」「デマです」といった市の打ち消し・注意喚起は対象外です。
(en) Finds unverified claims being spread (hearsay らしい, との噂, please-share requests). A city's rumor correction ("beware of false rumors") is not flagged.""",
    ["明日は市内全域で断水するらしい。拡散希望！"],
    ["断水するとの噂が広がっていますが、根拠のないものです。デマにご注意ください。", "春らしい陽気になりました。"],
)

Confidential = _rule(
    "CAT009", "confidential",
    "秘密・未決定の内部情報です", "Confidential or undecided internal matter",
    """(ja) 公開の投稿に紛れ込んだ内部向けの表示や未決定の案（「部外秘」「取扱注意」「内部資料」「庁内限り」「未定稿」「検討中の案」）を見つけます。五所川原市 9(12)、鹿児島市 6(5)(8) などが禁じています。
(en) Finds internal markings and undecided drafts left in a public post (confidential, internal only, draft not final, plan under consideration).""",
    ["【庁内限り】新庁舎の配置案をお知らせします。"],
    ["新庁舎の設計について、市民説明会を開催します。", "市の内部統制に関する報告書を公表しました。"],
)

PersonalOpinion = _rule(
    "CAT010", "personal-opinion",
    "職員の私見・一方的な意見です", "A staff member's personal opinion",
    """(ja) 職員個人の意見や、社会問題についての一方的な主張（「個人的には」「私見ですが」「〜に反対です」など）を見つけます。鹿児島市 6(3)、美祢市 第4 4(4)オ、逗子市 3-1(2)ア(キ) などが禁じています。市長メッセージで市の方針を述べる文は対象外です。
(en) Finds a staff member's private views and one-sided positions on social issues. A mayor's statement of city policy is not flagged.""",
    ["個人的には、この映画は今年一番の駄作だと思います。"],
    ["市では、子育て支援の充実に取り組んでいます。", "皆さまのご意見をお寄せください。"],
)

Provocation = _rule(
    "CAT011", "provocation",
    "あおり・挑発的な表現です", "Baiting or inflammatory wording",
    """(ja) 住民や批判者をあざける・あおる表現（「情弱」「論破」「文句を言っている暇があったら」「ウザい」など）を見つけます。逗子市 3-1(2)イ が不適切な表現を禁じ、他市でも品位を欠く投稿として問題になります。
(en) Finds baiting and mocking of residents or critics (情弱, 論破, "if you have time to complain..."). Zushi 3-1(2)イ forbids it; elsewhere it is at least a warning.""",
    ["文句を言っている暇があったら自分で調べてください。情弱乙。"],
    ["ご意見・ご要望は市民相談室で受け付けています。", "詳しくは市ホームページで調べることができます。"],
)
