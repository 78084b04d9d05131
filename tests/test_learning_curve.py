"""Technicians' responsiveness against the weight of reception's rating: a threshold, then a
rising curve (issue 8's graded learning), not a switch that saturates from 0.2 on."""

from itertools import pairwise

import pytest

from experiments.evaluators import run_scenarios

WEIGHTS = (0.1, 0.2, 0.4, 0.7, 1.0)
SEEDS = 2


@pytest.mark.slow
def test_responsiveness_rises_with_the_weight_past_a_threshold():
    results = run_scenarios({w: ("cross_evaluation", {"cross_evaluation_weight": w}, 360)
                             for w in WEIGHTS}, SEEDS, 2)
    curve = {}
    for weight, tables in results.items():  # days 270-360: after the learning has settled
        late = [t.loc[t["day"] >= 270, "maintenance_responsiveness"].mean() for t in tables]
        curve[weight] = sum(late) / len(late)
    values = [curve[w] for w in WEIGHTS]
    assert curve[0.1] < 0.1, curve  # below the threshold a call does not pay for its walk
    assert all(b >= a - 0.02 for a, b in pairwise(values)), curve
    assert curve[1.0] - curve[0.2] > 0.3, curve  # not flat from 0.2 to 1.0
    assert any(0.2 < v < 0.9 for v in values), curve  # graded: short of the cap
