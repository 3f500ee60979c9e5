"""Stage 1, input: a path (or standard input) becomes a :class:`~snslint.input.draft.Draft`.

- :mod:`~snslint.input.draft`: front matter, body, line offsets; finding the draft files
  under the paths given (``.txt``, ``.md``; ignored folders skipped)
- :mod:`~snslint.input.encoding`: bytes to text (UTF-8, or CP932/EUC-JP/ISO-2022-JP detected)

Imports nothing from the later stages.
"""
