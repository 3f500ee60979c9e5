"""Masking: no report, in any format, prints a full personal-data value or a secret.

Unit tests of :mod:`snslint.text.masking`, then an end-to-end run of the CLI in every output
format on a draft holding a mobile number, a My Number, a card number, an e-mail address
and a password.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from snslint.text.masking import (
    mask_address,
    mask_date,
    mask_email,
    mask_last4,
    mask_name,
    mask_phone,
    mask_secret,
)


@pytest.mark.parametrize(
    "raw, masked",
    [
        ("090-1234-5678", "090-****-5678"),
        ("09012345678", "090****5678"),
        ("０９０－１２３４－５６７８", "０９０－****－５６７８"),
        ("+81 90 1234 5678", "+81 90 **** 5678"),
        ("(0438)23-1111", "(0438)**-1111"),
    ],
)
def test_phone_keeps_prefix_last_four_and_separators(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


def test_my_number_and_card_show_last_four_only() -> None:
    assert mask_last4("6214-9832-0257") == "****-****-0257"
    assert mask_last4("6214 9832 0257") == "**** **** 0257"
    assert mask_last4("4111111111111111") == "************1111"
    assert mask_last4("4111-1111-1111-1234") == "****-****-****-1234"


def test_email_keeps_first_letter_and_domain() -> None:
    assert mask_email("yamada.taro@gmail.com") == "y***@gmail.com"
    assert mask_email("not-an-address") == "***"


def test_secret_keeps_only_a_known_prefix_and_hides_length() -> None:
    assert mask_secret("ghp_abcdefghijklmnopqrstuvwxyz0123456789", 4) == "ghp_****"
    assert mask_secret("hunter2") == mask_secret("a-much-longer-password") == "****"


def test_address_masked_after_the_town() -> None:
    assert mask_address("逗子市逗子5-2-16", 5) == "逗子市逗子*-*-**"
    assert mask_address("木更津市朝日三丁目10番19号", 6) == "木更津市朝日*丁目**番**号"


def test_name_keeps_family_name_only() -> None:
    assert mask_name("山田太郎", 2) == "山田 **"
    assert mask_name("佐藤 花子", 2) == "佐藤 **"
    assert mask_name("山田", 2) == "山*"


def test_date_masks_all_numbers() -> None:
    assert mask_date("昭和45年4月1日") == "昭和**年*月*日"
    assert mask_date("平成十二年三月三日") == "平成**年*月*日"


# ----------------------------------------------------------------- end to end

DRAFT = (
    "【テスト】ボランティア登録の控え\n"
    "連絡先 090-4417-2386\n"
    "個人番号 6214 9832 0257\n"
    "カード 4111 1111 1111 1111\n"
    "メール hanako.kisa1987@gmail.com\n"
    "パスワード：Kisa2026spring\n"
)
RAW_VALUES = ["4417", "9832", "1111 1111 1111", "hanako.kisa1987", "Kisa2026spring"]


@pytest.mark.parametrize("fmt", ["json", "concise", "rich", "sarif", "github"])
def test_cli_never_prints_raw_values(tmp_path, fmt: str) -> None:
    from snslint import cli
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli.app,
        ["check", str(draft), "--city", "kagoshima", "--format", fmt, "--select", "PII", "--exit-zero"],
    )
    out = result.output
    assert result.exit_code == 0, out
    # the findings are there (masked) ...
    for shown in ("090-****-2386", "0257", "h***@gmail.com", "PII008"):
        assert shown in out, (fmt, shown, out)
    # ... and no raw value, in the findings or in the source lines shown
    leaked = [v for v in RAW_VALUES if v in out]
    assert leaked == [], (fmt, leaked, out)
