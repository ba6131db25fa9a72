"""Each formula's coefficients are written once: the DAS28 weights appear as numbers only in
``das28.py``; the batch engine, the scalar functions and every caller use them from there."""

from __future__ import annotations

import ast
from pathlib import Path

import synovia

DAS28_COEFFICIENTS = {0.56, 0.28, 0.014, 0.70, 0.36, 0.96, 1.08, 1.10, 1.15, 0.16}
ROOT = Path(synovia.__file__).parent
SCORING = [
    *sorted((ROOT / "core" / "measures").glob("*.py")),
    *sorted((ROOT / "api").glob("*.py")),
    ROOT / "clinic" / "scoring.py",
    ROOT / "clinic" / "bulk" / "scores.py",
]
"""Every module that computes or serves a score (synthetic-data generators use 0.7 as a
probability, which is no DAS28 weight)."""


def _numbers(path: Path) -> set[float]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and type(n.value) is float}


def test_das28_coefficients_are_written_only_in_das28_py() -> None:
    found = {str(path.relative_to(ROOT)): sorted(_numbers(path) & DAS28_COEFFICIENTS) for path in SCORING}
    elsewhere = {
        name: numbers for name, numbers in found.items() if numbers and name != "core/measures/das28.py"
    }
    assert elsewhere == {}
    assert set(found["core/measures/das28.py"]) == DAS28_COEFFICIENTS


def test_the_retired_numba_kernel_and_pool_are_gone() -> None:
    measures = ROOT / "core" / "measures"
    assert not (measures / "fused.py").exists() and not (measures / "pool.py").exists()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "numba" not in text and "release_batch_memory" not in text, path
