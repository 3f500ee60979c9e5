"""CAT family: prohibited content, matched with token-aware lexicons (see snslint.lexicon)."""

from __future__ import annotations

from snslint.findings import Severity
from snslint.registry import register
from snslint.rule import Rule


class _ContentRule(Rule):
    """Base of the CAT rules (matcher to follow)."""

    def check(self, ctx):
        return ()


def _make(code: str, name: str, sev: Severity, ja: str, en: str) -> type[Rule]:
    cls = type(name.title().replace("-", ""), (_ContentRule,), {
        "__doc__": f"{code} {name}: {en}",
        "code": code, "name": name, "default_severity": sev, "summary": ja, "summary_en": en,
    })
    return register(cls)


_make("CAT001", "political-activity", Severity.WARNING, "政治活動・選挙運動にあたる表現です", "Political campaigning or advocacy")
_make("CAT002", "religious-activity", Severity.WARNING, "宗教活動（布教・勧誘）にあたる表現です", "Religious proselytising or solicitation")
_make("CAT003", "commercial-advertising", Severity.WARNING, "営利目的の広告・宣伝にあたる表現です", "Commercial advertising for a private business")
_make("CAT004", "discrimination", Severity.WARNING, "差別的な表現です", "A discriminatory term or expression")
_make("CAT005", "defamation", Severity.WARNING, "誹謗中傷・侮辱にあたる表現です", "Slander or an insult aimed at a person or group")
_make("CAT006", "obscenity", Severity.WARNING, "わいせつ・性的な表現です", "Obscene or sexual wording")
_make("CAT007", "illegal-incitement", Severity.WARNING, "違法行為をあおる表現です", "Encouraging an illegal act")
_make("CAT008", "rumor", Severity.WARNING, "未確認の情報（うわさ）を広める表現です", "Spreading unverified information")
_make("CAT009", "confidential", Severity.WARNING, "秘密・未決定の内部情報です", "Confidential or undecided internal matter")
_make("CAT010", "personal-opinion", Severity.WARNING, "職員の私見・一方的な意見です", "A staff member's personal opinion")
_make("CAT011", "provocation", Severity.WARNING, "あおり・挑発的な表現です", "Baiting or inflammatory wording")
