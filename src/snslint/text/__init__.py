"""Stage 2, text: what the rules know about a draft's text, independent of any one rule.

- :mod:`~snslint.text.analysis`: Sudachi morphemes, the normalized view (NFKC, offsets back)
- :mod:`~snslint.text.links`: the one answer to "where are the URLs in this text"
- :mod:`~snslint.text.weighted_length`: X's weighted character count
- :mod:`~snslint.text.calendar_ja`: Japanese dates, weekdays and national holidays
- :mod:`~snslint.text.masking`: masked display of personal data and secrets
- :mod:`~snslint.text.check_digits`: My Number, corporate number and card check digits
- :mod:`~snslint.text.lexicon`: the CAT term lexicons (``rules/cat*.yaml``) compiled to matchers
"""
