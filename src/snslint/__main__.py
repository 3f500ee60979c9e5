"""``python -m snslint`` runs the command-line interface."""

from snslint.cli import main

main()
