"""Stage 3, lint: run a policy's rules on one draft, then filter the findings.

- :mod:`~snslint.lint.engine`: check one draft (or one file) against a policy
- :mod:`~snslint.lint.suppression`: ``--select``/``--ignore``, per-file ignores and
  ``snslint-disable`` comments
"""
