"""Dependencies the routers declare: the library and settings the lifespan built.

They only read what the lifespan put on the app, so they are `async def`: FastAPI runs a plain
`def` dependency in its thread pool, a thread hop (about 0.3 ms) on every request."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from search_api.accounts import Accounts, User
from search_api.agreements import Library
from search_api.backup import Backups
from search_api.errors import NotAuthenticated
from search_api.http.access import identity_of
from search_api.jobs import JobQueue
from search_api.reminders import Reminders
from search_api.settings import Settings


async def _library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


LibraryDep = Annotated[Library, Depends(_library)]
SettingsDep = Annotated[Settings, Depends(_settings)]


async def _jobs(request: Request) -> JobQueue:
    jobs: JobQueue = request.app.state.jobs
    return jobs


JobsDep = Annotated[JobQueue, Depends(_jobs)]


async def _accounts(request: Request) -> Accounts:
    accounts: Accounts = request.app.state.accounts
    return accounts


async def _user(request: Request) -> User:
    """The signed-in user; search_api/http/access.py has already refused anonymous requests to
    every route that declares this."""
    identity = identity_of(request)
    if identity is None:
        raise NotAuthenticated()
    return identity.user


async def _reminders(request: Request) -> Reminders:
    reminders: Reminders = request.app.state.reminders
    return reminders


RemindersDep = Annotated[Reminders, Depends(_reminders)]


async def _backups(request: Request) -> Backups:
    backups: Backups = request.app.state.backups
    return backups


BackupsDep = Annotated[Backups, Depends(_backups)]
AccountsDep = Annotated[Accounts, Depends(_accounts)]
UserDep = Annotated[User, Depends(_user)]
