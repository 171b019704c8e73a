"""The `naskah` command. `extract` and `eval` start without loading the service (FastAPI,
SQLAlchemy, accounts): a person at a terminal waits 0.1 s instead of 1.3 s."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from search_api import cli_extract


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in cli_extract.COMMANDS:
        return cli_extract.main(args)
    from search_api.cli import main as service_main

    return service_main(args)
