"""``python -m cleaner``: the same command line as the ``cleaner`` script."""

from .cli import main

main()
