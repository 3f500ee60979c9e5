"""snslint: a compliance linter for Japanese city halls' social-media drafts.

The pipeline runs in one direction (see ``DESIGN.md``)::

    path(s) -> Draft -> Analysis -> Engine -> Finding[] -> filters -> Reporter -> exit code

Each stage is a package, named for what a draft goes through: :mod:`snslint.input` (bytes ->
Draft), :mod:`snslint.settings` (policy, configuration), :mod:`snslint.text` (Sudachi
morphemes, links, dates, personal-data detectors), :mod:`snslint.rules` (one module or package
per family; plugins through the ``snslint.rules`` entry points), :mod:`snslint.lint` (the
engine, the filters of :mod:`snslint.lint.suppression`, masking), :mod:`snslint.run` (many paths,
the pool, the cache), :mod:`snslint.output` (formats, exit status), :mod:`snslint.web` (the local
page) and :mod:`snslint.cli`; each imports only packages listed before it (the layers contract in
``pyproject.toml``). The console script is :func:`snslint.__main__.main`. City policies are in
the top-level ``policies/`` folder; the README's map names every module.
"""

__version__ = "0.1.0"
