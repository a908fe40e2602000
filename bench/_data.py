"""Where the evaluation data lives, and a clean skip when it is absent."""

from __future__ import annotations

import sys
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[2] / "shared" / "datasets"


def dataset(name: str) -> Path:
    """Path of ../shared/datasets/NAME, or exit 0 with a message when it is not there."""
    path = DATASETS / name
    if not path.exists():
        print(f"skipped: {path} is not present")
        sys.exit(0)
    return path
