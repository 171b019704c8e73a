"""Errors of the compliance checks."""

from __future__ import annotations

from collections.abc import Sequence

from search_api.errors import NaskahError


class UnknownCheckKind(NaskahError):
    """A caller asked for a pack that does not exist (the `kind` argument)."""

    code = "unknown_check_kind"

    def __init__(self, kind: str, known: Sequence[str]) -> None:
        super().__init__(
            f"check kind {kind!r} is not known. Use one of {', '.join(known)}, "
            "or leave it out to let naskah choose from the document."
        )
        self.kind = kind
        self.known = list(known)


class InvalidPack(ValueError):
    """A rule pack file that cannot be used: a bug in the shipped data, not user input."""

    def __init__(self, file: str, rule: str | None, problem: str) -> None:
        where = f"{file}, rule {rule}" if rule else file
        super().__init__(f"compliance pack {where}: {problem}")
        self.file = file
        self.rule = rule
