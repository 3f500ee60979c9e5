"""Passwords, login IDs and access tokens: labelled values, URL query secrets, well-known token shapes."""

from __future__ import annotations

import re

_VALUE = r"[A-Za-z0-9!#$%&*+\-./;<>?@\[\]^_`{|}~]{4,64}"

CREDENTIAL_LABEL_RE = re.compile(
    # The lookahead names the first character of every label (ASCII ones in both cases), so
    # the engine skips every other position at once instead of trying each label there.
    r"(?=[pPlLuUパ暗ロユ利])"
    r"(?:(?<![A-Za-z])(?i:password|passwd|pass|pwd|pw|pin|passcode|login\s?id|user\s?id)(?![A-Za-z])"
    r"|パスワード|暗証番号|パスコード|ログインID|ユーザーID|ユーザID|利用者ID)"
    rf"(?:\s*[:=]\s*|\s*は\s*)[「『\"']?(?P<value>{_VALUE})(?P<close>[」』\"']?)"
    r"(?=$|[\s。、」』）)]|です|となります|でログイン|を入力)",
    re.MULTILINE,
)
"""A password, PIN or login ID after its label: ``パスワード：abc123``, ``PW:xyz9``,
``pass=...``, ``パスワードは「hana2026」です`` (NFKC text)."""

QUERY_SECRET_RE = re.compile(r"[?&](?i:password|passwd|pass|pwd|token|access_token|api_key|apikey|secret)=(?P<value>[^&\s#]{4,})")

TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("AWS access key", re.compile(r"(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Za-z0-9])"), 4),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9])"), 4),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{22,255}"), 11),
    ("Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9\-]{10,250}"), 5),
    ("Slack webhook", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9_/]{20,}"), 33),
    ("Google API key", re.compile(r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])"), 4),
    ("Stripe secret key", re.compile(r"(?<![A-Za-z0-9])[sr]k_live_[0-9A-Za-z]{16,}"), 8),
    (
        "private key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,10000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?"
        ),
        0,
    ),
)
"""Well-known secret shapes ``(kind, pattern, characters of prefix shown)``, after the
token formats documented by AWS (access key IDs), GitHub (token prefixes), Slack, Google
Cloud (API keys), Stripe, and RFC 7468 (PEM private-key labels), as collected in gitleaks'
default rules."""

TOKEN_HINT = re.compile(r"AKIA|ASIA|ABIA|ACCA|gh[pousr]_|github_pat_|xox[abposr]-|hooks\.slack\.com|AIza|[sr]k_live_|-----BEGIN ")
"""The literal every :data:`TOKEN_PATTERNS` pattern requires: a post without any of them
holds no token, so the patterns are not run (one search instead of eight scans)."""

PLACEHOLDER_VALUE = re.compile(r"^(?:[*xX●○〇•・_\-.]+|xxxx+|\*+|None|none|null|なし)$")
"""A credential value that is a placeholder (****, xxxx, ●●●, None, なし), not a secret."""
