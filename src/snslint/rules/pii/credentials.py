"""PII008: a password, PIN, login ID or access token."""

from __future__ import annotations

from typing import Iterator

from snslint.findings import Finding, Severity
from snslint.rules.api import Example, RuleContext
from snslint.rules.pii._shared import _PiiRule
from snslint.rules.registry import register
from snslint.text.masking import mask_secret
from snslint.text.pii.credentials import (
    CREDENTIAL_LABEL_RE,
    PLACEHOLDER_VALUE,
    QUERY_SECRET_RE,
    TOKEN_HINT,
    TOKEN_PATTERNS,
)


@register
class Credential(_PiiRule):
    """PII008 credential: a password, PIN, login ID or access token.

    Labelled values (パスワード：..., PW:, pass=, ログインID：...), secrets in URL queries, and
    tokens of well-known shapes (AWS AKIA..., GitHub ghp_..., Slack xox..., Google AIza...,
    PEM private keys). Advice about passwords without a value (「パスワードを他人に教えないで
    ください」) never matches. Error, not suppressible.
    """

    code = "PII008"
    name = "credential"
    default_severity = Severity.ERROR
    suppressible = False
    summary = "パスワード・ID・アクセストークン"
    summary_en = "A password, login ID or access token"
    what_it_does = (
        "「パスワード：」「PW:」「pass=」「ログインID：」などに続く値や、URL の中の秘密の値、"
        "AWS・GitHub・Slack・Google のアクセスキーや秘密鍵のような形の文字列を見つけます。"
        "「パスワードを他人に教えないでください」のような値のない注意喚起は対象外です。報告では "
        "ghp_**** のように先頭の種類名以外を伏せます。"
    )
    what_it_does_en = (
        "Finds passwords, PINs and login IDs after their labels, secrets in URL queries, and access "
        "tokens of well-known shapes (AWS, GitHub, Slack, Google, private keys). Security advice "
        "without a value is not reported. Reports mask all but a short prefix."
    )
    why_it_matters = (
        "パスワードやIDを第三者に知られないよう管理することは、"
        "各市の運用方針が定める義務です（木更津市 7(1)、鹿児島市 3(3)ウ、五所川原市 第9条(12) "
        "など）。一度公開されたら変更するしかなく、公式アカウントの乗っ取りにつながるため、"
        "抑止できないエラーです。"
    )
    why_it_matters_en = (
        "Every city's policy requires keeping passwords and IDs from third parties (Kisarazu 7(1), "
        "Kagoshima 3(3)ウ, Goshogawara 第9条(12) ...). Once published the only remedy is to change "
        "them, and the official account can be taken over meanwhile: this error cannot be "
        "suppressed."
    )
    failing = (
        Example(
            "【職員向け】管理画面のログイン パスワード：Kisa2026spring",
            finds="****",
            message=(
                "パスワード・ID・アクセスキー（****）が含まれています。公開してはいけません。"
            ),
            message_en="A password, ID or access key (****): it must never be published.",
        ),
        Example("連携用キー ghp_8fK2mQ7xLr4Tz9Wc1Vb6Np3Hs5Jd0Ya2Ee7Qw"),
    )
    instead = Example("【職員向け】管理画面へのログイン方法は、庁内ポータルの手順書をご覧ください。\n", city="kisarazu")
    passing = (
        Example("【注意】パスワードを他人に教えないでください。市職員が電話でパスワードを聞くことはありません。"),
        Example("パスワードは英数字を組み合わせた8文字以上にしましょう。"),
        Example("LINE公式アカウントのID：@kisarazu_city を友だち追加してください。"),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        norm = ctx.analysis.normalized
        text = norm.text
        spans: list[tuple[int, int]] = []

        def fresh(s: int, e: int) -> bool:
            if any(s < pe and ps < e for ps, pe in spans):
                return False
            spans.append((s, e))
            return True

        for kind, pattern, keep in TOKEN_PATTERNS if TOKEN_HINT.search(text) else ():
            for m in pattern.finditer(text):
                if not fresh(m.start(), m.end()):
                    continue
                raw_start, raw_end = norm.span(m.start(), m.end())
                raw = ctx.body[raw_start:raw_end]
                masked = (raw.split("-----")[1].join(("-----", "----- ****")) if kind == "private key" else mask_secret(raw, keep))
                yield self._finding(ctx, raw_start, raw_end, masked, kind)
        for regex, kind in ((QUERY_SECRET_RE, "URL secret"), (CREDENTIAL_LABEL_RE, "labelled")):
            for m in regex.finditer(text):
                value = m.group("value")
                if PLACEHOLDER_VALUE.match(value) or value.startswith("@") or value.lower().startswith("http"):
                    continue
                s, e = m.span("value")
                if not fresh(s, e):
                    continue
                raw_start, raw_end = norm.span(s, e)
                yield self._finding(ctx, raw_start, raw_end, mask_secret(value), kind)

    @staticmethod
    def _finding(ctx: RuleContext, start: int, end: int, masked: str, kind: str) -> Finding:
        return ctx.finding(
            start,
            end,
            f"パスワード・ID・アクセスキー（{masked}）が含まれています。公開してはいけません。",
            f"A password, ID or access key ({masked}): it must never be published.",
            hint="削除し、公開されたものは直ちに変更（無効化）してください。",
            hint_en="Remove it, and change or revoke it at once if it was published.",
            text=masked,
            kind=kind,
        )
