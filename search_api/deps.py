"""Dependencies the routers declare: the library and settings the lifespan built."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from search_api.jobs import JobQueue
from search_api.library import Library
from search_api.settings import Settings


def _library(request: Request) -> Library:
    library: Library = request.app.state.library
    return library


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


LibraryDep = Annotated[Library, Depends(_library)]
SettingsDep = Annotated[Settings, Depends(_settings)]


def _jobs(request: Request) -> JobQueue:
    jobs: JobQueue = request.app.state.jobs
    return jobs


JobsDep = Annotated[JobQueue, Depends(_jobs)]
