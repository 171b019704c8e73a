"""The `naskah` command, one module per group of commands.

entry.py             main: `extract` and `eval` start without loading the service
extract_commands.py  naskah extract | eval  (ingest only)
service_commands.py  naskah serve | import | reindex, and the parser of every command
check_command.py     naskah check
account_commands.py  naskah user | token, and the setup link `serve` prints
backup_commands.py   naskah backup | restore
worker_command.py    naskah worker: claims and runs background jobs at lower CPU priority
"""

from search_api.cli.entry import main

__all__ = ["main"]
