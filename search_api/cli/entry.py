"""The `naskah` command. `extract` and `eval` start without loading the service (FastAPI,
SQLAlchemy, accounts): a person at a terminal waits 0.1 s instead of 1.3 s."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from search_api.cli import extract_commands


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in extract_commands.COMMANDS:
        return extract_commands.main(args)
    from search_api.cli.service_commands import main as service_main

    return service_main(args)
