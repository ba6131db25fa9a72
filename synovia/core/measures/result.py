"""The typed result of every measure and the banding of a score into categories.

Cut-offs are compared with a tolerance of ``TOLERANCE`` (1e-9) so that binary rounding
never moves a score across a published bound: ``1 + 1 + 0.4 + 0.4`` is 2.8000000000000003
in floating point, and a CDAI of 2.8 is remission. The tolerance is far below any
clinically meaningful difference (scores are reported to one or two decimals).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

TOLERANCE = 1e-9


@dataclass(frozen=True)
class MeasureResult:
    """A computed measure.

    Attributes:
        measure: the measure's name (``"das28_esr"``...).
        value: the score, unrounded, or ``None`` for a measure that only categorises.
        category: the category label, or ``None`` for a measure without categories.
        inputs: the validated inputs used, under the names and units they were given in.
    """

    measure: str
    value: float | None
    category: str | None
    inputs: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", MappingProxyType(dict(self.inputs)))


@dataclass(frozen=True)
class Bands:
    """Published cut-offs splitting a score into ordered categories.

    ``bounds[i]`` is the upper bound of ``labels[i]``; ``inclusive[i]`` says whether that
    bound belongs to ``labels[i]`` (``<=``) or to the next category (``<``). The last label
    has no upper bound.
    """

    labels: tuple[str, ...]
    bounds: tuple[float, ...]
    inclusive: tuple[bool, ...]

    @property
    def edges(self) -> tuple[float, ...]:
        """Bounds moved by the tolerance: a score is past an edge when ``score > edge``."""
        return tuple(
            b + TOLERANCE if inc else b - TOLERANCE
            for b, inc in zip(self.bounds, self.inclusive, strict=True)
        )

    def code(self, score: float) -> int:
        """The index of the category of ``score`` (0 for the first label)."""
        return sum(score > edge for edge in self.edges)

    def label(self, score: float) -> str:
        """The category label of ``score``."""
        return self.labels[self.code(score)]
