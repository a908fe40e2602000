"""``python -m newsweave`` runs the CLI."""

from .cli import main

main()
