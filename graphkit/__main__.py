"""`python -m graphkit`: the same command line as `graphkit`."""

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still loading graphkit
    import sys

    print("graphkit: interrupted", file=sys.stderr)
    sys.exit(130)

main()
