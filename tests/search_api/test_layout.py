"""The layout of search_api holds: the library is the one way to the store, the index and the
originals; no two modules share a name; each package is used through its public face.

The import-linter contracts in pyproject.toml check the layers; these check what an import graph
cannot see (an attribute reached through an object, a file name).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "search_api"
# The one module that holds the store, the file store and the index.
LIBRARY = PACKAGE / "agreements" / "library.py"
# Packages without a face of their own: their files keep their names and paths (issue #16).
FACELESS = {"store", "index"}

# `<something named library>.store` (or .index, .files, or their private names)
REACH_THROUGH = re.compile(r"\b\w*librar\w*(?:\(\w*\))?\s*\.\s*_?(?:store|index|files)\b")


def python_files(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders for p in folder.rglob("*.py") if ".venv" not in p.parts)


def test_nothing_but_the_library_reaches_the_store_index_or_files_of_a_library() -> None:
    this = Path(__file__).resolve()
    found = []
    for path in python_files(PACKAGE, ROOT / "tests", ROOT / "bench"):
        if path.resolve() in (LIBRARY, this):
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if REACH_THROUGH.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "add a method to Library instead of reaching through it"


def test_the_reach_through_patterns_catch_what_they_are_for() -> None:
    assert REACH_THROUGH.search("machine, entries = library.store.corrections(agreement_id)")
    assert REACH_THROUGH.search("self.library.files.put(data)")
    assert REACH_THROUGH.search("library_of(client).store.rejections()")
    assert REACH_THROUGH.search("library._index.clear()")
    assert not REACH_THROUGH.search("library.search(query)")
    assert not REACH_THROUGH.search('row[header.index("Judul")]')


def test_no_two_modules_of_search_api_share_a_name() -> None:
    names = Counter(
        p.name
        for p in python_files(PACKAGE)
        if p.name not in ("__init__.py", "__main__.py") and "migrations" not in p.parts
    )
    assert [name for name, n in names.items() if n > 1] == []


def faced_packages() -> list[str]:
    return sorted(
        p.name
        for p in PACKAGE.iterdir()
        if (p / "__init__.py").is_file() and p.name not in FACELESS
    )


def test_every_package_has_a_public_face() -> None:
    for name in faced_packages():
        tree = ast.parse((PACKAGE / name / "__init__.py").read_text("utf-8"))
        assert ast.get_docstring(tree), f"search_api/{name}/__init__.py says what is inside"
        exported = [
            node
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
        ]
        assert exported, f"search_api/{name}/__init__.py has no __all__"


def test_other_packages_import_a_package_through_its_face_only() -> None:
    faced = faced_packages()
    found = []
    for path in python_files(PACKAGE):
        own = path.relative_to(PACKAGE).parts[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            for module in modules:
                parts = module.split(".")
                is_inside = len(parts) > 2 and parts[0] == "search_api" and parts[1] in faced
                if is_inside and parts[1] != own:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    assert found == [], "import from the package (its __init__), not from its modules"
