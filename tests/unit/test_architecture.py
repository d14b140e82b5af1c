"""Imports point one way: the core (domain, services, db) never reaches Qt, and domain never reaches SQL."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import posapp

PACKAGE_ROOT = Path(posapp.__file__).resolve().parent
CORE = ("posapp.domain", "posapp.services", "posapp.db")
QT = ("PySide6", "shiboken6", "posapp.ui", "posapp.app")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_under(root: Path) -> dict[str, Path]:
    return {module_name(path, root): path for path in root.rglob("*.py")}


def imports_of(path: Path, name: str, known: dict[str, Path]) -> set[str]:
    """Every module `path` imports, anywhere in the file (lazy imports in functions count too)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
    return found


def reachable(start: str, known: dict[str, Path]) -> dict[str, str]:
    """Everything `start` imports directly or through other posapp modules, each with who imported it."""
    seen: dict[str, str] = {}
    todo = [start]
    while todo:
        current = todo.pop()
        for target in imports_of(known[current], current, known):
            if target in seen:
                continue
            seen[target] = current
            parts = target.split(".")
            # Importing posapp.a.b also runs posapp/__init__ and posapp/a/__init__.
            for i in range(1, len(parts) + 1):
                prefix = ".".join(parts[:i])
                if prefix in known and prefix != current:
                    seen.setdefault(prefix, current)
                    todo.append(prefix)
    return seen


def is_within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


KNOWN = modules_under(PACKAGE_ROOT)
CORE_MODULES = sorted(m for m in KNOWN if is_within(m, CORE))


def test_the_core_has_modules_to_check() -> None:
    assert {"posapp.domain.money", "posapp.services.checkout", "posapp.db.models"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_never_import_qt(module: str) -> None:
    bad = {target: via for target, via in reachable(module, KNOWN).items() if is_within(target, QT)}
    assert bad == {}, f"{module} reaches Qt: " + ", ".join(f"{t} (imported by {v})" for t, v in bad.items())


@pytest.mark.parametrize("module", [m for m in CORE_MODULES if is_within(m, ("posapp.domain",))])
def test_domain_modules_never_import_sqlalchemy(module: str) -> None:
    bad = {t: v for t, v in reachable(module, KNOWN).items() if is_within(t, ("sqlalchemy", "alembic"))}
    assert bad == {}, f"{module} reaches the database layer: {bad}"


def test_the_walker_sees_direct_lazy_and_relative_imports(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    (root / "core").mkdir(parents=True)
    (root / "ui").mkdir()
    (root / "__init__.py").write_text("")
    (root / "core" / "__init__.py").write_text("")
    (root / "ui" / "__init__.py").write_text("")
    (root / "ui" / "window.py").write_text("from PySide6.QtWidgets import QWidget\n")
    (root / "core" / "a.py").write_text("def later():\n    from ..ui import window\n")
    (root / "core" / "b.py").write_text("from . import a\n")
    known = modules_under(root)
    seen = reachable("pkg.core.b", known)
    assert {"pkg.core.a", "pkg.ui.window", "PySide6.QtWidgets"} <= set(seen)
    assert seen["PySide6.QtWidgets"] == "pkg.ui.window"


def test_importing_the_whole_core_loads_no_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    if not name.startswith('posapp.db.migrations'):\n"
        "        importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
