"""Seeds: one root seed per experiment, one derived seed per run.

A run's seed comes from numpy's SeedSequence with the experiment's root seed as entropy and
the run's place in the design, (point_index, replicate), as spawn key. It depends on nothing
else, so any run can be reproduced alone, in any order, on any number of workers, and adding
replicates or points to a design never changes the seeds of the runs already there.
"""

from __future__ import annotations

import numpy as np


def new_root_seed() -> int:
    """Fresh entropy from the operating system, for an experiment that names no seed."""
    return int(np.random.SeedSequence().entropy)


def run_seed(root_seed: int, point_index: int, replicate: int) -> int:
    """The model seed of replicate `replicate` of design point `point_index`.

    A non-negative 63-bit integer, so that it fits a signed 64-bit column and is accepted by
    both numpy's and Python's random generators (the model seeds both from it).
    """
    sequence = np.random.SeedSequence(root_seed, spawn_key=(point_index, replicate))
    return int(sequence.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
