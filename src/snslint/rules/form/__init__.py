"""FORM family: platform form (length, hashtags, alt text) and procedure (replies, approval).

One small module per rule or tight group; importing this package registers them all:
:mod:`.length` FORM001, :mod:`.hashtags` FORM002, :mod:`.alt_text` FORM003, :mod:`.replies`
FORM004 and FORM005, :mod:`.approval` FORM006, :mod:`.corrections` FORM007,
:mod:`.placeholders` FORM008, :mod:`.sender` FORM009, :mod:`.characters` FORM010;
:mod:`._shared` holds what several use (platform names, front-matter spans).

Platform limits are the platforms' own, not a city's: the policies cite a clause where the
city's document asks for the same thing (e.g. zushi 3-4(4) alternative text) and leave the
rule at warning elsewhere. Lengths are in *characters* (Unicode code points after NFC) for
every platform except X, whose unit is the twitter-text weighted length
(:mod:`snslint.text.weighted_length`).
"""

from snslint.rules.form import (  # noqa: F401 - importing registers the rules
    alt_text,
    approval,
    characters,
    corrections,
    hashtags,
    length,
    placeholders,
    replies,
    sender,
)
