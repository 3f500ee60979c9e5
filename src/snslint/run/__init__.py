"""Stage 4, run: check many files: in order, in worker processes, through the result cache.

- :mod:`~snslint.run.spec`: one run as data (which drafts, which policy, which options) and
  its execution: the engine over the paths, then the filters
- :mod:`~snslint.run.runner`: one run over the paths given, in order
- :mod:`~snslint.run.pool`: the worker processes for large runs
- :mod:`~snslint.run.progress`: the progress bar on a terminal
- :mod:`~snslint.run.cache`: results by content (``.snslint_cache/``) and compiled artifacts
"""
