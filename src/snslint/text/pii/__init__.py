"""Personal-data detectors: patterns and pure functions that find values in text.

The PII rules (:mod:`snslint.rules.pii`) decide from a draft's context what a value found
here means; the masking pass (:mod:`snslint.lint.redaction`) uses :func:`find_personal_values`
on text the rules do not read. Nothing here knows a rule, a policy or a draft.

- :mod:`.phone` phone numbers, :mod:`.mail` e-mail addresses, :mod:`.my_number` My Numbers,
  :mod:`.card` payment card numbers, :mod:`.address` street addresses, :mod:`.names` personal
  names, :mod:`.birth_date` dates of birth, :mod:`.credentials` passwords and tokens;
  :mod:`.common` what several share.

Patterns expect the NFKC form of a text (:class:`snslint.text.analysis.NormalizedView`), so
full-width digits, letters, ``＠`` and ``－`` read like their ASCII forms; offsets are
characters.
"""

from __future__ import annotations

from snslint.text.analysis import NormalizedView
from snslint.text.masking import mask_email, mask_last4, mask_phone, mask_secret
from snslint.text.pii.card import find_card_numbers
from snslint.text.pii.credentials import (
    CREDENTIAL_LABEL_RE,
    PLACEHOLDER_VALUE,
    QUERY_SECRET_RE,
    TOKEN_HINT,
    TOKEN_PATTERNS,
)
from snslint.text.pii.mail import email_re
from snslint.text.pii.my_number import find_my_numbers
from snslint.text.pii.phone import find_phone_numbers


def find_personal_values(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, masked)`` of every phone number, My Number, card number, e-mail address
    and credential the detectors of this package find in ``text``, without a draft's context.

    For text outside a post body, where the rules do not look: front-matter values and
    comments, error messages, suppression reasons (:mod:`snslint.lint.redaction`). Unlike the
    rules it keeps no exceptions (a city's own number, a role mailbox, an organisation's
    label): in such text masking too much is harmless, missing a value is not. Offsets are
    characters into ``text`` (patterns run on its NFKC view and are mapped back); spans do not
    overlap (the first found wins: secrets, then cards, My Numbers, phones, e-mails).
    """
    if not text:
        return []
    norm = NormalizedView.of(text)
    nt = norm.text
    found: list[tuple[int, int, str]] = []

    def add(s: int, e: int, mask: "object") -> None:
        start, end = norm.span(s, e)
        if end <= start or any(start < fe and fs < end for fs, fe, _ in found):
            return
        raw = text[start:end]
        found.append((start, end, mask(raw)))  # type: ignore[operator]

    if TOKEN_HINT.search(nt):
        for kind, pattern, keep in TOKEN_PATTERNS:
            for m in pattern.finditer(nt):
                add(m.start(), m.end(), lambda raw, keep=keep: mask_secret(raw, keep))
    for regex in (QUERY_SECRET_RE, CREDENTIAL_LABEL_RE):
        for m in regex.finditer(nt):
            if not PLACEHOLDER_VALUE.match(m.group("value")):
                add(*m.span("value"), mask_secret)
    for s, e, _brand in find_card_numbers(nt):
        add(s, e, mask_last4)
    for s, e in find_my_numbers(nt):
        add(s, e, mask_last4)
    for s, e, _national, _kind in find_phone_numbers(nt):
        add(s, e, mask_phone)
    if "@" in nt:
        for m in email_re().finditer(nt):
            add(m.start(), m.end(), mask_email)
    found.sort()
    return found
