"""The pure core imports no Django and no Synovia app: checked on the source and at run time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "synovia" / "core"
FORBIDDEN = (
    "django",
    "ninja",
    "simple_history",
    "synovia.accounts",
    "synovia.clinic",
    "synovia.trials",
    "synovia.community",
    "synovia.api",
    "synovia.web",
    "synovia.settings",
    "synovia.learn",
)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _forbidden(name: str) -> bool:
    return any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)


def test_no_module_under_core_imports_django_or_an_app():
    offenders = [
        f"{path.relative_to(CORE.parent.parent)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if _forbidden(name)
    ]
    assert offenders == []


def test_the_check_itself_catches_a_django_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport synovia.clinic.models\n")
    assert [n for n in _imports(bad) if _forbidden(n)] == ["django.db", "synovia.clinic.models"]


def test_importing_the_whole_core_loads_no_django():
    code = (
        "import pkgutil, importlib, sys, synovia.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'synovia.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n == 'django' or n.startswith('django.'))\n"
        "print(len(bad))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "0"
