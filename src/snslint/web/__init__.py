"""The browser face of snslint: ``snslint serve`` (a local page) and ``--format html``.

- :mod:`snslint.web.view`: one checked draft as what a page shows (text split into
  highlighted, masked segments; findings; the post-time verdict; X's length meter), and the
  Jinja2 environment (autoescaping on) shared by the page and the HTML report. Needs only
  Jinja2.
- :mod:`snslint.web.service`: checks a draft pasted into the page with the same engine and
  filters as ``snslint check``, keeping policies and the dictionary loaded between checks.
- :mod:`snslint.web.app`: the Starlette application (needs the ``web`` extra).
- :mod:`snslint.web.serve`: binds the socket and runs uvicorn (``snslint serve``).

Templates (``templates/``) and the stylesheet and scripts (``static/``) ship inside the wheel
with the package. Importing this package imports nothing else.
"""
