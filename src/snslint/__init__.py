"""snslint: a compliance linter for Japanese city halls' social-media drafts.

The pipeline runs in one direction (see ``DESIGN.md``)::

    path(s) -> Draft -> Analysis -> Engine -> Finding[] -> filters -> Reporter -> exit code

Each stage is one module: :mod:`snslint.input.draft`, :mod:`snslint.text.analysis`,
:mod:`snslint.lint.engine`, :mod:`snslint.findings`, :mod:`snslint.selection`,
:mod:`snslint.output.formats`, :mod:`snslint.output.exit_status`. Rules live in :mod:`snslint.rules`,
one module per family; city policies in the top-level ``policies/`` folder.
"""

__version__ = "0.1.0"
