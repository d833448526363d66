"""`python -m indcli` runs the CLI as the `indcli` command does."""

from .console import main

main()
