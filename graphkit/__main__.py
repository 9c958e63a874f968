"""`python -m graphkit`: the same command line as `graphkit`."""

from .cli import main

main()
