"""The roles a user can have, lowest first (search_api/http/access.py says what each may do)."""

from __future__ import annotations

from typing import Literal

Role = Literal["viewer", "editor", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
