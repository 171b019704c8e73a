"""HTTP routes, one module per resource; routes only (what they share is in search_api/http).

ROUTERS is the order create_app includes them in: routes are matched in order, so search comes
first (the route called most).
"""

from fastapi import APIRouter

from search_api.routers import (
    agreements,
    api_docs,
    audit_log,
    background_jobs,
    backups,
    check_pages,
    checks,
    clause_corrections,
    clauses,
    health,
    pages,
    precedents,
    register,
    reminders,
    review,
    search,
    synonym_groups,
    trash,
    users,
)

ROUTERS: tuple[APIRouter, ...] = (
    search.router,
    agreements.router,
    review.router,
    clause_corrections.router,
    clauses.router,
    precedents.router,
    register.router,
    health.router,
    pages.router,
    users.router,
    audit_log.router,
    synonym_groups.router,
    background_jobs.router,
    checks.router,
    check_pages.router,
    trash.router,
    reminders.router,
    backups.router,
    api_docs.router,
)

__all__ = ["ROUTERS"]
