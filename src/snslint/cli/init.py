"""``snslint init [--city NAME]``: start a drafts repository with safe defaults.

Writes two files in the current folder, each only if it does not exist yet (never
overwritten; an existing one is left as it is and said so):

- ``snslint.toml``: the city, ``fail-on = "error"`` plus ``fail-on-rules = ["PII"]`` (a
  personal-data warning blocks a commit too: a mobile number or a private e-mail address must
  not go out unnoticed), and ``exclude`` for templates, each commented in Japanese and English.
- ``.pre-commit-config.yaml``: a ``repo: local`` hook that runs the installed ``snslint
  check`` on staged ``.txt``/``.md`` drafts, with ``verbose: true`` so that pre-commit shows
  the findings even when the hook passes (it hides a passing hook's output otherwise).

The shipped ``.pre-commit-hooks.yaml`` (for ``repo: <URL>`` use) makes the same choices.
"""

from __future__ import annotations

import os
from pathlib import Path

from snslint.errors import UsageError

CONFIG_NAME = "snslint.toml"
HOOK_CONFIG_NAME = ".pre-commit-config.yaml"


def config_text(city: str | None, city_name: str | None = None) -> str:
    """The commented ``snslint.toml`` that ``init`` writes (``city`` a bundled id or None)."""
    if city:
        city_line = f'city = "{city}"                 # {city_name or city}の方針で検査 / the policy to check against'
    else:
        city_line = '# city = "zushi"               # 市を決めたら書く（木更津市・木更津 でも可） / the city (name or id)'
    return f"""# snslint の設定 / snslint settings (snslint init が作成 / written by snslint init)
# 詳しくは README の「設定ファイル」 / see the README for every key.

{city_line}

# エラー（条項に反するもの）があるとコミットできません。
# A finding at error level blocks a commit.
fail-on = "error"

# 個人情報（電話番号・メールアドレス・生年月日・マイナンバーなど）は警告でもコミットできません。
# 公式の連絡先はポリシーの official_contacts に載っていれば指摘されません。
# Personal data blocks a commit even as a warning; the city's published contacts are not flagged.
fail-on-rules = ["PII"]

# 検査しないファイル（ひな形・過去の投稿など） / files never checked (templates, archives)
exclude = ["templates/**", "archive/**", "README.md"]
"""


HOOK_CONFIG = """# pre-commit の設定 / pre-commit settings (snslint init が作成 / written by snslint init)
# 一度だけ `pre-commit install` を実行すると、コミットのたびに下書きを検査します。
# Run `pre-commit install` once; every commit then checks the staged drafts.
# snslint をインストールした環境で動きます（pip install snslint） / uses the installed snslint.
repos:
  - repo: local
    hooks:
      - id: snslint
        name: snslint（SNS投稿下書きの検査 / city SNS draft linter）
        entry: snslint check
        language: system
        files: \\.(txt|md)$
        # 通ったときも指摘（警告・情報）を表示する / show findings even when the hook passes
        verbose: true
"""


def run_init(city: str | None, folder: Path | None = None) -> list[tuple[str, bool]]:
    """Write the two files in ``folder`` (default: the working directory) unless they exist.

    Returns:
        ``(file name, written)`` for each file: False when it already existed.

    Raises:
        PolicyError: ``city`` names no bundled policy (with the nearest name).
        UsageError: a file cannot be written.
    """
    from snslint.settings.policy import load_bundled

    folder = folder or Path.cwd()
    city_id = city_name = None
    if city:
        policy = load_bundled(city)
        city_id, city_name = policy.id, policy.name
    out: list[tuple[str, bool]] = []
    for name, text in ((CONFIG_NAME, config_text(city_id, city_name)), (HOOK_CONFIG_NAME, HOOK_CONFIG)):
        path = folder / name
        try:
            # O_EXCL: created only if absent, so an existing file is never overwritten, even
            # one that appears between a check and the write.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            out.append((name, False))
            continue
        except OSError as exc:
            raise UsageError(
                f"「{path}」を作成できません（{exc.strerror}）。", f"cannot create '{path}' ({exc.strerror})."
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        out.append((name, True))
    return out
