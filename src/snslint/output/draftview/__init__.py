"""Drafts as HTML: the view, templates and stylesheet shared by ``--format html`` and the page
of ``snslint serve`` (:mod:`snslint.web`).

- :mod:`snslint.output.draftview.view`: one checked draft as a page shows it, and the Jinja2
  environment (autoescaping on).
- ``templates/``: ``_draft.html`` (one draft: facts, highlighted text, findings), used by
  ``report.html`` (the report) and ``result.html`` / ``page.html`` (the page).
- ``static/``: ``snslint.css`` (both), ``report.js`` (the report's filters, inlined),
  ``page.js`` (the page's script, served by :mod:`snslint.web.app`).

Both ship inside the wheel with the package. Only Jinja2 is needed, imported on first use.
"""
