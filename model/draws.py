"""Random draws taken in batches from a numpy generator, handed out one at a time.

A numpy scalar draw costs about a microsecond of call overhead; a run makes tens of thousands
of some kinds. numpy fills an array draw by draw exactly as successive scalar calls would, so
a batch gives the same numbers in the same order, provided nothing else draws from the same
generator meanwhile (it is drawn ahead of need).
"""

from __future__ import annotations

import numpy as np

BATCH = 512


class StandardNormals:
    """Standard normal draws from `rng`: the numbers successive `rng.standard_normal()` calls
    would give, at a fifth of their cost. `rng` must serve nothing else."""

    __slots__ = ("_ahead", "rng")

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self._ahead: list[float] = []  # the next draws, the next one last

    def draw(self) -> float:
        if not self._ahead:
            self._ahead = self.rng.standard_normal(BATCH).tolist()
            self._ahead.reverse()
        return self._ahead.pop()

    def take(self, n: int) -> list[float]:
        """The next `n` draws, in order: `n` calls of `draw` at once."""
        ahead = self._ahead
        while len(ahead) < n:  # later draws go before those still ahead
            more = self.rng.standard_normal(BATCH).tolist()
            more.reverse()
            ahead[:0] = more
        taken = ahead[len(ahead) - n:]
        del ahead[len(ahead) - n:]
        taken.reverse()
        return taken

