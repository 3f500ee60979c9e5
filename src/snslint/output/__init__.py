"""Stage 5, output: a run's results as a report, its formats and the exit status.

- :mod:`~snslint.output.report`: the findings of a run, counted and sorted
- :mod:`~snslint.output.formats`: one module per ``--format`` (a new format goes here)
- :mod:`~snslint.output.exit_status`: the process exit code

Depends on findings and results only, never on how they were produced.
"""
