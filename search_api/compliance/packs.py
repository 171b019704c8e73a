"""Rule packs: TOML files, one per document kind, read and checked once.

packs/<kind>.toml declares a pack: its kind, names, which agreements it is for (`[match]`:
doc types and PP 28/2018 cooperation kinds; the first pack by `order` that matches is
chosen) and its rules; `include` adds the rules of shared files (packs/common.toml).
packs/messages.toml holds each check's default message per reason and language; a rule
may give its own. Everything is validated at load against the checks' declarations (see
checks/base.py), so a broken pack fails the first time it is read, naming file and rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, get_args

from ingest.model import Agreement, DocType
from ingest.profile import COOPERATION_KINDS
from search_api.compliance.checks import CHECKS
from search_api.compliance.checks.outcomes import COMMON_VALUES, validate_param
from search_api.compliance.messages import fields
from search_api.compliance.model import LANGUAGES, kept_profile
from search_api.compliance.rules import Pack, Rule
from search_api.compliance.taxonomy import category_keys
from search_api.errors import UnknownCheckKind

_LEVELS = ("requirement", "recommendation")
_RULE_KEYS = {"id", "check", "level", "title", "basis", "source", "verified", "params", "messages"}
_MESSAGES = "messages.toml"
# The order a reviewer reads rules in, by the part of the id before the dot.
_SECTIONS = ("contents", "amends", "kb", "term", "signer", "basis", "language", "consistency")


class InvalidPack(ValueError):
    """A rule pack file that cannot be used: a bug in the shipped data, not user input."""

    def __init__(self, file: str, rule: str | None, problem: str) -> None:
        where = f"{file}, rule {rule}" if rule else file
        super().__init__(f"compliance pack {where}: {problem}")
        self.file = file
        self.rule = rule


@dataclass(frozen=True, slots=True)
class RuleVariant:
    """A rule as one or more packs word it, and the kinds of those packs."""

    rule: Rule
    kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SwitchableRule:
    """A rule id admins switch off (for every pack that has it), with each wording."""

    id: str
    variants: tuple[RuleVariant, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for v in self.variants for k in v.kinds)


@dataclass(frozen=True, slots=True)
class Choice:
    pack: Pack
    reason: str


@dataclass(frozen=True)
class Packs:
    """Every pack, in the order they are tried."""

    packs: tuple[Pack, ...]

    @property
    def kinds(self) -> list[str]:
        return [p.kind for p in self.packs]

    def switchable(self) -> list[SwitchableRule]:
        """Every rule id once, in the packs' order, as an admin switches it: one id may be
        worded for each kind (its title and basis differ), so each variant comes with the
        kinds of the packs that have it."""
        variants: dict[str, dict[tuple[object, ...], tuple[Rule, list[str]]]] = {}
        for pack in self.packs:
            for rule in pack.rules:
                key = (rule.title["id"], rule.title["en"], rule.basis, rule.level, rule.verified)
                found = variants.setdefault(rule.id, {}).setdefault(key, (rule, []))
                found[1].append(pack.kind)
        return [
            SwitchableRule(
                rule_id, tuple(RuleVariant(rule, tuple(kinds)) for rule, kinds in found.values())
            )
            for rule_id, found in variants.items()
        ]

    def get(self, kind: str) -> Pack:
        """The pack of `kind`. Raises UnknownCheckKind."""
        for pack in self.packs:
            if pack.kind == kind:
                return pack
        raise UnknownCheckKind(kind, self.kinds)

    def choose(self, agreement: Agreement) -> Choice:
        """The pack for `agreement`: the first whose [match] fits its doc type and its
        cooperation kind (as ingest derived it from the parties: the kept profile). Raises
        ValueError for an agreement without a profile (model.kept_profile)."""
        cooperation = kept_profile(agreement).cooperation_kind
        for pack in self.packs:
            if pack.matches(agreement.doc_type, cooperation):
                return Choice(pack, f"doc_type={agreement.doc_type}, cooperation={cooperation}")
        # load() proves every combination has a pack
        raise AssertionError(f"no pack for {agreement.doc_type}/{cooperation}")


def _read(file: Traversable) -> dict[str, Any]:
    try:
        return tomllib.loads(file.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidPack(file.name, None, f"not valid TOML: {exc}") from exc


@cache
def load_packs() -> Packs:
    """The packs shipped in search_api/compliance/packs. Raises InvalidPack."""
    return load(resources.files("search_api.compliance").joinpath("packs"))


def load(directory: Traversable) -> Packs:
    """Every pack in `directory` (kind files, shared files and messages.toml), validated.
    Raises InvalidPack naming the file, the rule and what is wrong."""
    files = {f.name: f for f in directory.iterdir() if f.name.endswith(".toml")}
    if _MESSAGES not in files:
        raise InvalidPack(_MESSAGES, None, "the default messages file is missing")
    defaults = _read(files.pop(_MESSAGES))
    data = {name: _read(file) for name, file in files.items()}
    shared = {name.removesuffix(".toml"): d for name, d in data.items() if d.get("shared")}
    packs = []
    for name, d in data.items():
        if d.get("shared"):
            continue
        packs.append(_pack(name, d, shared, defaults))
    packs.sort(key=lambda p: p.order)
    _check_coverage(packs)
    return Packs(tuple(packs))


def _pack(
    name: str, d: Mapping[str, Any], shared: Mapping[str, Any], defaults: Mapping[str, Any]
) -> Pack:
    for key in ("kind", "name", "order"):
        if key not in d:
            raise InvalidPack(name, None, f"needs a '{key}'")
    _languages(name, None, "name", d["name"])
    match = d.get("match", {})
    unknown_types = set(match.get("doc_types", [])) - set(get_args(DocType))
    unknown_kinds = set(match.get("cooperation", [])) - set(COOPERATION_KINDS)
    if unknown_types or unknown_kinds:
        raise InvalidPack(
            name, None, f"[match] names unknown {sorted(unknown_types | unknown_kinds)}"
        )
    raw: list[tuple[str, Mapping[str, Any]]] = []
    for included in d.get("include", []):
        if included not in shared:
            raise InvalidPack(name, None, f"includes {included!r}, which is not a shared file")
        raw.extend((f"{included}.toml", r) for r in shared[included].get("rules", []))
    raw.extend((name, r) for r in d.get("rules", []))
    rules = sorted((_rule(file, r, defaults) for file, r in raw), key=_section)
    ids = [r.id for r in rules]
    if duplicated := sorted({i for i in ids if ids.count(i) > 1}):
        raise InvalidPack(name, None, f"rule ids appear twice: {duplicated}")
    return Pack(
        kind=d["kind"],
        name=d["name"],
        order=int(d["order"]),
        doc_types=frozenset(match.get("doc_types", [])),
        cooperation=frozenset(match.get("cooperation", [])),
        rules=tuple(rules),
        file=name,
    )


def _section(rule: Rule) -> int:
    prefix = rule.id.split(".", 1)[0]
    return _SECTIONS.index(prefix) if prefix in _SECTIONS else len(_SECTIONS)


def _languages(file: str, rule: str | None, what: str, value: Any) -> None:
    if not isinstance(value, dict) or any(not isinstance(value.get(x), str) for x in LANGUAGES):
        raise InvalidPack(file, rule, f"'{what}' needs a text for each of {list(LANGUAGES)}")


def _rule(file: str, r: Mapping[str, Any], defaults: Mapping[str, Any]) -> Rule:
    rule_id = r.get("id")
    if not isinstance(rule_id, str):
        raise InvalidPack(file, None, "a rule has no id")
    if unknown := set(r) - _RULE_KEYS:
        raise InvalidPack(file, rule_id, f"unknown keys {sorted(unknown)}")
    check = CHECKS.get(r.get("check", ""))
    if check is None:
        raise InvalidPack(
            file, rule_id, f"unknown check {r.get('check')!r}; known: {sorted(CHECKS)}"
        )
    if r.get("level") not in _LEVELS:
        raise InvalidPack(file, rule_id, f"level must be one of {list(_LEVELS)}")
    _languages(file, rule_id, "title", r.get("title"))
    for key in ("basis", "source"):
        if not isinstance(r.get(key), str) or not r[key].strip():
            raise InvalidPack(file, rule_id, f"needs a '{key}' text")
    if not isinstance(r.get("verified"), bool):
        raise InvalidPack(file, rule_id, "'verified' must be true or false")
    params = dict(r.get("params", {}))
    for name, spec in check.params.items():
        if name not in params:
            if spec.required:
                raise InvalidPack(file, rule_id, f"needs the parameter '{name}'")
            continue
        if problem := validate_param(name, spec, params[name]):
            raise InvalidPack(file, rule_id, f"parameter '{name}' must be {problem}")
    if unknown := set(params) - set(check.params):
        raise InvalidPack(file, rule_id, f"unknown parameters {sorted(unknown)}")
    if bad := set(params.get("categories", []) + params.get("related", [])) - category_keys():
        raise InvalidPack(file, rule_id, f"unknown clause categories {sorted(bad)}")
    messages = _messages(file, rule_id, r["check"], r.get("messages", {}), defaults)
    rule = Rule(
        id=rule_id,
        check=r["check"],
        level=r["level"],
        title=r["title"],
        basis=r["basis"],
        source=r["source"],
        verified=r["verified"],
        params=params,
        messages=messages,
        pack_file=file,
    )
    if problems := check.validate(rule):
        raise InvalidPack(file, rule_id, "; ".join(problems))
    return rule


def _messages(
    file: str,
    rule_id: str,
    check_name: str,
    own: Mapping[str, Any],
    defaults: Mapping[str, Any],
) -> dict[str, Mapping[str, str]]:
    check = CHECKS[check_name]
    if unknown := set(own) - set(check.reasons):
        raise InvalidPack(file, rule_id, f"messages for unknown reasons {sorted(unknown)}")
    out: dict[str, Mapping[str, str]] = {}
    for reason_name, spec in check.reasons.items():
        templates = own.get(reason_name) or defaults.get(check_name, {}).get(reason_name)
        if templates is None:
            raise InvalidPack(file, rule_id, f"no message for reason '{reason_name}'")
        _languages(file, rule_id, f"messages.{reason_name}", templates)
        for language in LANGUAGES:
            if extra := fields(templates[language]) - spec.values - COMMON_VALUES:
                raise InvalidPack(
                    file,
                    rule_id,
                    f"message '{reason_name}' ({language}) uses unknown {sorted(extra)}",
                )
        out[reason_name] = templates
    return out


def _check_coverage(packs: Sequence[Pack]) -> None:
    for doc_type in get_args(DocType):
        for kind in COOPERATION_KINDS:
            if not any(p.matches(doc_type, kind) for p in packs):
                raise InvalidPack(
                    "packs", None, f"no pack matches doc_type={doc_type}, cooperation={kind}"
                )
