"""``snslint serve``: a local page where staff paste a draft and see what is wrong and why.

- :mod:`snslint.web.service`: checks a draft pasted into the page with the same engine and
  filters as ``snslint check``, keeping policies and the dictionary loaded between checks.
- :mod:`snslint.web.app`: the Starlette application (needs the ``web`` extra).
- :mod:`snslint.web.serve`: binds the socket and runs uvicorn.

The page is drawn by the view and templates it shares with ``--format html``
(:mod:`snslint.output.draftview`). Importing this package imports nothing else.
"""
