"""Rules and packs as the TOML files in packs/ declare them (loaded by packs.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from search_api.compliance.model import Level


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a pack.

    `check` names the kind of check (a key of checks.CHECKS) and `params` its parameters.
    `basis` is the legal basis as cited to the reviewer; `source` where that was read
    and `verified` whether the instrument's own text was read (False: the message says
    'dasar hukum belum diverifikasi'). `messages` maps each reason the check can give to
    its text per language (the rule's own, else the check's defaults).
    """

    id: str
    check: str
    level: Level
    title: Mapping[str, str]
    basis: str
    source: str
    verified: bool
    params: Mapping[str, Any]
    messages: Mapping[str, Mapping[str, str]]
    pack_file: str

    def param(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)


@dataclass(frozen=True, slots=True)
class Pack:
    """The rules for one kind of document, and which agreements it is for."""

    kind: str
    name: Mapping[str, str]
    order: int
    doc_types: frozenset[str]  # empty: any
    cooperation: frozenset[str]  # cooperation kinds (ingest.extract.partners); empty: any
    rules: tuple[Rule, ...]
    file: str

    def matches(self, doc_type: str, cooperation: str) -> bool:
        return (not self.doc_types or doc_type in self.doc_types) and (
            not self.cooperation or cooperation in self.cooperation
        )
