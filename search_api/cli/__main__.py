"""`python -m search_api.cli ...`: the `naskah` command."""

import sys

from search_api.cli import main

sys.exit(main())
