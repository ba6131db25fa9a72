"""Small-cell suppression for the anonymous experience summary (pure Python).

Every count from 1 to ``THRESHOLD - 1`` is shown as "fewer than 5". When a distribution would
have exactly one suppressed cell beside a shown total, that cell could be recovered by
subtraction, so the next smallest non-zero cell is suppressed too (secondary suppression, as in
the UK Office for National Statistics' disclosure-control guidance for tables of counts).
Zero stays zero: it reveals nobody.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    label: str
    count: int | None  # None: suppressed

    @property
    def suppressed(self) -> bool:
        return self.count is None


def suppress(counts: Sequence[tuple[str, int]], threshold: int = THRESHOLD) -> list[Cell]:
    hidden = {i for i, (_, n) in enumerate(counts) if 0 < n < threshold}
    if len(hidden) == 1:
        shown = [(n, i) for i, (_, n) in enumerate(counts) if i not in hidden and n > 0]
        if shown:
            hidden.add(min(shown)[1])
    return [Cell(label, None if i in hidden else n) for i, (label, n) in enumerate(counts)]


def distribution(
    values: Iterable[str], labels: Sequence[tuple[str, str]], threshold: int = THRESHOLD
) -> list[Cell]:
    """Counts of ``values`` over the ordered ``labels`` (key, shown label), suppressed."""
    tally = Counter(values)
    return suppress([(label, tally.get(key, 0)) for key, label in labels], threshold)


def shown_total(n: int, threshold: int = THRESHOLD) -> int | None:
    return n if n == 0 or n >= threshold else None
