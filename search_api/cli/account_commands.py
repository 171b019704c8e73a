"""`naskah user add|list|set` and `naskah token create|list|revoke`; the setup link of `serve`.

Changes are audited with the actor "cli" (whoever runs these can read the data folder anyway).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from search_api.accounts import ROLES
from search_api.errors import InvalidAccount
from search_api.settings import Settings

if TYPE_CHECKING:  # loaded by the commands that use them: `naskah import` starts faster
    from search_api.accounts import Accounts

ACTOR = "cli"


def add_commands(subparsers: Any) -> None:
    user = subparsers.add_parser("user", help="add, list and change user accounts")
    users = user.add_subparsers(dest="user_command", required=True)
    add = users.add_parser("add", help="add a user; asks for the password twice")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, default="viewer")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add.set_defaults(handler=run_user_add)
    listing = users.add_parser("list", help="every user with its role")
    listing.set_defaults(handler=run_user_list)
    change = users.add_parser("set", help="change a user's role, state or password")
    change.add_argument("name")
    change.add_argument("--role", choices=ROLES)
    state = change.add_mutually_exclusive_group()
    state.add_argument("--disable", action="store_true", help="no sign-in, no tokens")
    state.add_argument("--enable", action="store_true")
    secret = change.add_mutually_exclusive_group()
    secret.add_argument("--password", action="store_true", help="ask for a new password")
    secret.add_argument("--password-stdin", action="store_true")
    change.set_defaults(handler=run_user_set)

    token = subparsers.add_parser("token", help="API tokens for scripts")
    tokens = token.add_subparsers(dest="token_command", required=True)
    create = tokens.add_parser("create", help="print a new token of USER once")
    create.add_argument("user")
    create.add_argument("--name", default="", help="what the token is for")
    create.set_defaults(handler=run_token_create)
    revoke = tokens.add_parser("revoke", help="revoke a token (its prefix, or the token)")
    revoke.add_argument("prefix")
    revoke.set_defaults(handler=run_token_revoke)
    token_list = tokens.add_parser("list", help="every token: prefix, owner, name, state")
    token_list.add_argument("user", nargs="?")
    token_list.set_defaults(handler=run_token_list)


@contextmanager
def opened_accounts(settings: Settings) -> Iterator[Accounts]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    from search_api.accounts import Accounts
    from search_api.agreements import open_store

    store = open_store(settings)
    try:
        yield Accounts(store, session_hours=settings.session_hours, data_dir=settings.data_dir)
    finally:
        store.close()


def read_password(*, from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise InvalidAccount("the two passwords differ", key="mismatch")
    return first


def run_user_add(args: argparse.Namespace) -> int:
    password = read_password(from_stdin=args.password_stdin)
    with opened_accounts(Settings()) as accounts:
        user = accounts.add_user(args.name, args.role, password)
        accounts.audit(ACTOR, "user.add", user.name, f"role={user.role}")
    print(f"naskah: added {user.name} ({user.role})")
    return 0


def run_user_list(args: argparse.Namespace) -> int:
    with opened_accounts(Settings()) as accounts:
        for user, active in accounts.users():
            print(f"{user.name}\t{user.role}\t{'active' if active else 'disabled'}")
    return 0


def run_user_set(args: argparse.Namespace) -> int:
    password = (
        read_password(from_stdin=args.password_stdin)
        if args.password or args.password_stdin
        else None
    )
    is_active = False if args.disable else True if args.enable else None
    with opened_accounts(Settings()) as accounts:
        user = accounts.change_user(
            args.name, role=args.role, is_active=is_active, password=password
        )
        said = {"role": args.role, "active": is_active, "password": "***" if password else None}
        detail = " ".join(f"{k}={v}" for k, v in said.items() if v is not None)
        accounts.audit(ACTOR, "user.change", user.name, detail)
    print(f"naskah: changed {user.name} ({user.role})")
    return 0


def run_token_create(args: argparse.Namespace) -> int:
    with opened_accounts(Settings()) as accounts:
        token, prefix = accounts.create_token(args.user, args.name)
        accounts.audit(ACTOR, "token.create", prefix, f"user={args.user}")
    print(f"naskah: token {prefix} for {args.user}; it is shown this once:", file=sys.stderr)
    print(token)
    return 0


def run_token_revoke(args: argparse.Namespace) -> int:
    prefix = args.prefix.split("_")[1] if args.prefix.count("_") >= 2 else args.prefix
    with opened_accounts(Settings()) as accounts:
        record = accounts.revoke_token(prefix, by=None)
        accounts.audit(ACTOR, "token.revoke", prefix, f"user={record.user_name}")
    print(f"naskah: revoked token {prefix} of {record.user_name}")
    return 0


def run_token_list(args: argparse.Namespace) -> int:
    with opened_accounts(Settings()) as accounts:
        owner = accounts.user(args.user) if args.user else None
        for t in accounts.tokens(owner):
            state = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "valid"
            used = f"{t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "never used"
            print(f"{t.prefix}\t{t.user_name}\t{t.name}\t{state}\t{used}")
    return 0


def setup_link(settings: Settings, base_url: str) -> str | None:
    """A one-time /siapkan link for the first admin when there is no user, else None."""
    with opened_accounts(settings) as accounts:
        if accounts.has_users():
            return None
        secret = accounts.make_setup_link(settings.setup_link_minutes)
    return f"{base_url}/siapkan?token={secret}"
