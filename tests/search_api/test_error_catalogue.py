"""The UI's error messages: every error a route can answer has words in both catalogues
(web/static/i18n/*.json, `error.<code>` and `error.<code>.<problem>`), built only from the
values the error carries in its body; the English reader's detail never reaches the UI."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest

import ingest.errors
import search_api.errors
from search_api.errors import NaskahError, error_values
from search_api.http import WEB_DIR
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.search_api.conftest import CORPUS

CATALOGUES = {
    lang: json.loads((WEB_DIR / "static" / "i18n" / f"{lang}.json").read_text("utf-8"))
    for lang in ("id", "en")
}
# errors the HTTP edge and the job runner answer without a class of their own
EDGE_CODES = (
    "invalid_request",
    "not_found",
    "method_not_allowed",
    "http_error",
    "no_access_rule",
    "extraction_interrupted",
    "internal_error",
)
SAMPLE: dict[type, Any] = {str: "contoh.pdf", int: 3, float: 60.0}


def error_classes() -> list[type[Exception]]:
    found: list[type[Exception]] = []
    for module in (ingest.errors, search_api.errors):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, NaskahError | ingest.errors.IngestError)
                and cls.__module__ == module.__name__
            ):
                found.append(cls)
    return found


def samples(cls: type[Exception]) -> list[Exception]:
    """Instances as the code raises them: each `problem` of a class with a PROBLEMS table,
    every argument a plain value of its annotated type."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    if not parameters:
        return [cls()]
    problems: dict[str, str] = getattr(cls, "PROBLEMS", {})
    out = []
    for problem in problems or [None]:
        args: list[Any] = []
        kwargs: dict[str, Any] = {}
        for p in parameters:
            if p.kind is p.VAR_KEYWORD:
                template = problems.get(problem or "", "")
                named = {q.name for q in parameters}
                wanted = re.findall(r"\{(\w+)\}", template) if problem else []
                kwargs.update({n: 3 for n in wanted if n not in named})
                continue
            if p.kind is p.KEYWORD_ONLY:
                continue
            if p.name == "problem":
                args.append(problem)
                continue
            annotation = str(p.annotation)
            value = (
                3
                if "int" in annotation and "str" not in annotation
                else 60.0
                if "float" in annotation
                else "contoh.pdf"
            )
            if p.name in ("known", "supported"):
                value = ["a", "b"]
            args.append(value)
        out.append(cls(*args, **kwargs))
    return out


@pytest.mark.parametrize("cls", error_classes(), ids=lambda c: c.__name__)
def test_every_error_says_itself_in_both_languages_from_its_own_values(
    cls: type[Exception],
) -> None:
    for error in samples(cls):
        code = error.code
        values = error_values(error)
        problem = values.get("problem")
        for lang, strings in CATALOGUES.items():
            key = next(
                (k for k in (f"error.{code}.{problem}", f"error.{code}") if k in strings), None
            )
            assert key, f"{lang}: no error.{code} for {cls.__name__}"
            missing = set(re.findall(r"\{(\w+)\}", strings[key])) - set(values)
            assert not missing, f"{lang} {key} needs {missing}, {cls.__name__} carries {values}"


def test_the_edge_codes_have_words_too() -> None:
    for lang, strings in CATALOGUES.items():
        assert [c for c in EDGE_CODES if f"error.{c}" not in strings] == [], lang


def test_the_indonesian_catalogue_says_errors_in_indonesian() -> None:
    indonesian, english = CATALOGUES["id"], CATALOGUES["en"]
    errors = [k for k in indonesian if k.startswith("error.")]
    assert len(errors) > 40
    assert [k for k in errors if indonesian[k] == english.get(k)] == []
    english_words = re.compile(r"\b(the|file|reading|failed|upload|refused|please)\b", re.I)
    assert [k for k in errors if english_words.search(indonesian[k])] == []


def test_a_damaged_upload_carries_its_file_name_but_not_the_readers_complaint(
    tmp_path: Path,
) -> None:
    cut = (CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf").read_bytes()[:2000]
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None), "editor") as client:
        error = client.post("/api/agreements", files={"file": ("cut.pdf", cut)}).json()["error"]
    assert error["code"] == "damaged_document"
    assert error["values"] == {"file_name": "cut.pdf"}
    assert "(" in error["message"]  # the English message keeps the reader's detail
    said = CATALOGUES["id"]["error.damaged_document"].replace("{file_name}", "cut.pdf")
    assert said.startswith("cut.pdf: berkas rusak")


def test_a_refusal_by_role_carries_the_role_it_needs(tmp_path: Path) -> None:
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None), "viewer") as client:
        client_error = client.delete("/api/agreements/x").json()["error"]
    assert (client_error["code"], client_error["values"]) == ("forbidden", {"needed": "editor"})
