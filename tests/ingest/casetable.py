"""Case tables: CSV (or JSON, where a case needs a list) files in cases/, one row per case."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"


def load(name: str) -> list[Any]:
    """The rows of cases/<name> as pytest params named by their 'case' column."""
    path = CASES / name
    if path.suffix == ".json":
        rows = json.loads(path.read_text(encoding="utf-8"))
    else:
        with path.open(encoding="utf-8", newline="") as file:
            rows = list(csv.DictReader(file))
    return [pytest.param(row, id=row["case"]) for row in rows]
