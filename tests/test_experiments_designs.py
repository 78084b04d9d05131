"""Designs list the right points, in a fixed order; seeds are per run and order-free."""

import numpy as np
import pytest
from experiment_helpers import small_experiment

from experiments.config import build_design
from experiments.designs import factorial, grid, latin_hypercube, morris, point_list, sobol
from experiments.experiment import run_seed
from model import LEVERS, PRESETS, ParameterError

BOUNDS = {"defect_rate": [0.01, 0.08], "housekeeper_quota": [12, 18],
          "cross_evaluation_weight": [0.0, 1.0]}


def test_factorial_has_the_16_cells_once_each_in_textbook_order():
    design = factorial(replicates=3)
    cells = [tuple(p[lever] for lever in LEVERS) for p in design.points]
    assert len(cells) == len(set(cells)) == 16
    assert cells[0] == (False,) * 4 and cells[-1] == (True,) * 4
    assert cells[1] == (False, False, False, True)  # last lever changes fastest
    assert design.runs == 48
    assert design.labels[0] == "none" and design.labels[-1] == "+".join(LEVERS)


def test_grid_crosses_every_value_first_axis_slowest():
    design = grid({"rooms": [30, 60], "cross_evaluation_weight": [0.0, 0.5, 1.0]})
    assert [(p["rooms"], p["cross_evaluation_weight"]) for p in design.points] == [
        (30, 0.0), (30, 0.5), (30, 1.0), (60, 0.0), (60, 0.5), (60, 1.0)]


def test_grid_axis_from_low_high_count():
    design = build_design({"kind": "grid", "factors": {
        "cross_evaluation_weight": {"low": 0.0, "high": 1.0, "count": 11}}}, 1)
    weights = [p["cross_evaluation_weight"] for p in design.points]
    assert weights == pytest.approx(np.linspace(0, 1, 11)) and weights[3] == 0.3


def test_point_list_expands_presets_and_keeps_overrides():
    design = point_list([{"preset": "attempt2"}, {"preset": "redesign", "rooms": 60}])
    assert design.points[0] == {lever: lever in PRESETS["attempt2"] for lever in LEVERS}
    assert design.points[1]["rotation"] and design.points[1]["rooms"] == 60
    assert design.labels == ["attempt2", "redesign rooms=60"]


def test_sampled_designs_have_salib_sizes_and_stay_in_bounds():
    d = len(BOUNDS)
    assert len(sobol(BOUNDS, 8).points) == 8 * (d + 2)
    assert len(sobol(BOUNDS, 8, second_order=True).points) == 8 * (2 * d + 2)
    assert len(morris(BOUNDS, 5).points) == 5 * (d + 1)
    lhs = latin_hypercube(BOUNDS, 10, sample_seed=3)
    for name, (low, high) in BOUNDS.items():
        values = np.array([p[name] for p in lhs.points])
        assert low <= values.min() and values.max() <= high
    # Latin hypercube: each tenth of a continuous range holds exactly one sample
    strata = np.floor((lhs.samples[:, 0] - 0.01) / 0.007).astype(int)
    assert sorted(strata) == list(range(10))
    # integer parameters are rounded for the run; the sample matrix keeps the real values
    assert all(isinstance(p["housekeeper_quota"], int) for p in lhs.points)


def test_the_same_specification_gives_the_same_points():
    first, again = sobol(BOUNDS, 8, sample_seed=5), sobol(BOUNDS, 8, sample_seed=5)
    assert first.points == again.points and first.fingerprint() == again.fingerprint()
    assert sobol(BOUNDS, 8, sample_seed=6).fingerprint() != first.fingerprint()


@pytest.mark.parametrize(("make", "message"), [
    (lambda: grid({"defekt_rate": [0.1]}), "did you mean defect_rate"),
    (lambda: grid({"defect_rate": []}), "non-empty list"),
    (lambda: grid({"defect_rate": [0.9]}), "out of range"),
    (lambda: factorial(["rooms"]), "not an on/off parameter"),
    (lambda: sobol({"rotation": [0, 1]}, 8), "cannot be sampled"),
    (lambda: sobol({"defect_rate": [0.0, 0.9]}, 8), "out of range"),
    (lambda: sobol({"defect_rate": [0.05, 0.01]}, 8), "low < high"),
    (lambda: sobol(BOUNDS, 6), "power of 2"),
    (lambda: morris(BOUNDS, 4, levels=3), "even number"),
    (lambda: point_list([{"preset": "nope"}]), "unknown preset"),
    (lambda: factorial(replicates=0), "replicates"),
])
def test_bad_designs_are_refused_with_a_clear_line(make, message):
    with pytest.raises(ParameterError, match=message):
        make()


def test_run_seeds_depend_only_on_root_point_and_replicate():
    seeds = {(p, r): run_seed(42, p, r) for p in range(20) for r in range(5)}
    assert len(set(seeds.values())) == len(seeds)  # every run has its own stream
    # the same seed whatever order or process asks, and a known SeedSequence derivation
    assert run_seed(42, 7, 3) == seeds[(7, 3)]
    state = np.random.SeedSequence(42, spawn_key=(7, 3)).generate_state(1, np.uint64)[0]
    assert seeds[(7, 3)] == int(state) >> 1
    assert run_seed(43, 7, 3) != seeds[(7, 3)]
    assert all(0 <= s < 2**63 for s in seeds.values())


def test_runs_are_replicate_major_and_each_reproducible_alone():
    experiment = small_experiment()
    order = [(s.point_index, s.replicate) for s in experiment.runs()]
    assert order == [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)]
    listed = {s.run_id: s for s in experiment.runs()}
    alone = experiment.run(2, 1)
    assert alone == listed["p2-r1"]
    assert alone.parameters["cross_evaluation_weight"] == 1.0 and alone.parameters["rotation"]
    # growing the design keeps the seeds of the runs already there
    more = small_experiment(grid({"cross_evaluation_weight": [0.0, 0.5, 1.0]}, replicates=4))
    assert more.run(2, 1).seed == alone.seed


def test_a_point_that_makes_an_invalid_hotel_is_refused_before_running():
    with pytest.raises(ParameterError, match="both fixed and varied"):
        small_experiment(grid({"rooms": [30, 40]}))
