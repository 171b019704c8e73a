"""Accounts: who may use naskah and as what.

credentials.py  Accounts: users, argon2 passwords, API tokens, browser sessions, the one-time
                setup link and the audit log (rows in store/accounts.py)
roles.py        the roles, lowest first (http/access.py says what each may do)
"""

from search_api.accounts.credentials import Accounts, Identity, NewSession, User
from search_api.accounts.roles import ROLES, Role

__all__ = ["ROLES", "Accounts", "Identity", "NewSession", "Role", "User"]
