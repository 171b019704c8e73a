"""Check rules admins switched off for their region (table `check_rules`, migration 0008).

A rule without a row is on. Only the last switch of each rule is kept here; the audit log
(accounts) keeps every one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from search_api.store.db import Store
from search_api.store.models import CheckRuleRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RuleSwitch:
    """The last switch of a rule: off (`disabled`) or on again, by whom and when."""

    rule: str
    disabled: bool
    changed_by: str | None
    changed_at: datetime


class RuleSwitches:
    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self) -> dict[str, RuleSwitch]:
        """Rule id -> its last switch, for every rule ever switched."""
        with self.store.session() as s:
            rows = s.scalars(select(CheckRuleRow)).all()
            return {row.rule: _switch(row) for row in rows}

    def disabled(self) -> frozenset[str]:
        """The ids of the rules switched off."""
        with self.store.session() as s:
            return frozenset(
                s.scalars(select(CheckRuleRow.rule).where(CheckRuleRow.disabled.is_(True)))
            )

    def switch(self, rule: str, *, disabled: bool, author: str | None) -> RuleSwitch:
        """Switch `rule` off (`disabled`) or on; the caller knows it is a rule of a pack."""
        with self.store.session() as s:
            row = s.get(CheckRuleRow, rule)
            if row is None:
                row = CheckRuleRow(rule=rule)
                s.add(row)
            row.disabled = disabled
            row.changed_by = author
            row.changed_at = datetime.now(UTC)
            switched = _switch(row)
        log.info("store step=switch_rule rule=%s disabled=%s", rule, disabled)
        return switched


def _switch(row: CheckRuleRow) -> RuleSwitch:
    moment = row.changed_at
    return RuleSwitch(
        rule=row.rule,
        disabled=row.disabled,
        changed_by=row.changed_by,
        changed_at=moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC),
    )
