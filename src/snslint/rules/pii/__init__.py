"""PII family: personal data and secrets (PII001-PII008), masked in every report.

One module per rule; importing this package registers them all: :mod:`.phone` PII001,
:mod:`.mail` PII002, :mod:`.my_number` PII003, :mod:`.card` PII004, :mod:`.address` PII005,
:mod:`.names` PII006, :mod:`.birth_date` PII007, :mod:`.credentials` PII008. The patterns
and pure functions that find the values are the detector library :mod:`snslint.text.pii`.

Every city forbids publishing personal data without consent (kisarazu 9, 10(9); kagoshima
6(5); zushi 3-1(2)ア(イ); goshogawara 9(9); mine 第4 4(2)) and keeps passwords and IDs
secret (kisarazu 7; kagoshima 3(3)ウ; zushi 3-4(5); goshogawara 第8条(5); mine 3(3)).

The rules here look for values: numbers with check digits, phone numbers, e-mail addresses,
street addresses, names, dates of birth and credentials. They must stay quiet on what a city
publishes every day (its own offices' numbers, venue addresses, officials' and lecturers'
names, eligibility dates such as 「昭和〇年生まれの方」), so context decides the severity and
doubtful cases are info, never errors.

All findings are ``sensitive``: ``Finding.text`` and the messages carry only the masked form
from :mod:`snslint.text.masking`; the span covers the raw value so an editor can highlight it.
Pattern rules run on the NFKC view of the body (:attr:`Analysis.normalized`), so full-width
digits, letters, ``＠`` and ``－`` are read like their ASCII forms; spans are mapped back to
the body's offsets (characters).
"""

from snslint.rules.pii import (  # noqa: F401 - importing registers the rules
    address,
    birth_date,
    card,
    credentials,
    mail,
    my_number,
    names,
    phone,
)
