"""``python -m esfkb``."""

from esfkb.cli import main

main()
