"""Paired effects and margin bridges against a reference, checked by hand."""

import dataclasses

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from conftest import SMALL_HOTEL
from experiment_helpers import SMALL_TOML, small_experiment
from scipy import stats

from experiments.analysis import analyse
from experiments.cli import main
from experiments.designs import factorial, point_list, policies_x_uncertainties
from experiments.evaluators import RunResult
from experiments.outcomes import outcome, summarise
from experiments.paired import comparisons, paired_effects, reference_point
from experiments.simulation import run_hotel
from experiments.store import ExperimentStore
from model import ParameterError, preset_parameters


def runs_table(values: dict[int, list[float]], seeds: dict[int, list[int]]) -> pd.DataFrame:
    return pd.DataFrame([{"point_index": p, "replicate": r, "seed": seeds[p][r],
                          "status": "ok", "gross_margin": v}
                         for p, vs in values.items() for r, v in enumerate(vs)])


DESIGN = point_list([{"preset": "baseline"}, {"preset": "attempt2"}, {"preset": "redesign"}],
                    replicates=2)


def compared():
    return comparisons(DESIGN, "baseline", preset_parameters("baseline"))[1]


def test_a_paired_effect_is_the_mean_of_differences_replicate_by_replicate():
    values = {0: [0.20, 0.10, 0.30], 1: [0.21, 0.12, 0.30], 2: [0.25, 0.16, 0.33]}
    runs = runs_table(values, {point: [11, 12, 13] for point in values})
    paired = paired_effects(runs, compared(), "gross_margin").set_index("label")
    differences = np.array([0.05, 0.06, 0.03])  # redesign minus baseline, by hand
    half = stats.t.ppf(0.975, 2) * differences.std(ddof=1) / np.sqrt(3)
    row = paired.loc["redesign"]
    assert (row["pairing"], row["n"]) == ("paired", 3)
    assert row["difference"] == pytest.approx(0.14 / 3)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.14 / 3 - half, 0.14 / 3 + half))
    # the interval is far narrower than the spread of either scenario alone
    assert row["ci_high"] - row["ci_low"] < np.std(values[2], ddof=1)


def test_without_common_seeds_the_difference_is_unpaired_with_welch_interval():
    values = {0: [0.20, 0.10, 0.30], 1: [0.21, 0.12, 0.30], 2: [0.25, 0.16, 0.33, 0.2]}
    runs = runs_table(values, {0: [1, 2, 3], 1: [4, 5, 6], 2: [7, 8, 9, 10]})
    row = paired_effects(runs, compared(), "gross_margin").set_index("label").loc["redesign"]
    welch = stats.ttest_ind(values[2], values[0], equal_var=False).confidence_interval(0.95)
    assert row["pairing"] == "unpaired"
    assert row["difference"] == pytest.approx(np.mean(values[2]) - np.mean(values[0]))
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((welch.low, welch.high))


def test_the_baseline_of_a_factorial_is_its_all_off_cell():
    design = factorial(["rotation", "cross_evaluation"])
    base = preset_parameters("redesign")  # the experiment's preset does not matter
    assert reference_point(design, "baseline", base) == 0
    assert reference_point(design, "rotation", base) == 2
    assert reference_point(design, "3", base) == 3
    with pytest.raises(ValueError, match="--reference 'nowhere' is no point"):
        reference_point(design, "nowhere", base)


def test_the_margin_bridge_of_each_scenario_adds_up_to_its_pooled_margin_change(tmp_path):
    experiment = small_experiment(DESIGN, days=30)
    with ExperimentStore(tmp_path, experiment) as store:
        for spec in experiment.runs():  # common seeds: replicate r runs on seed 100 + r
            spec = dataclasses.replace(spec, seed=100 + spec.replicate)
            daily = run_hotel(spec.parameters, spec.days, spec.seed)
            store.add([RunResult(spec, "ok", None, 0.1, summarise(daily.tail(10)),
                                 pa.table(daily))])
    analysis = analyse(tmp_path, reference="attempt2")
    assert analysis.reference == "attempt2"
    assert list(analysis.bridges.columns) == ["baseline", "redesign", "kind"]
    for label in ("baseline", "redesign"):
        tables = {}
        for name in (label, "attempt2"):
            parameters = preset_parameters(name, SMALL_HOTEL)
            tables[name] = pd.concat([run_hotel(parameters, 30, 100 + r).tail(10)
                                      for r in range(2)])
        by_hand = (outcome("gross_margin").over(tables[label])
                   - outcome("gross_margin").over(tables["attempt2"]))
        assert analysis.bridges[label].sum() == pytest.approx(by_hand, abs=1e-12)
        paired = analysis.paired.set_index("label").loc[label]
        per_run = [outcome("gross_margin").over(run_hotel(preset_parameters(n, SMALL_HOTEL),
                                                          30, 100 + r).tail(10))
                   for n in (label, "attempt2") for r in range(2)]
        assert paired["difference"] == pytest.approx(
            np.mean(per_run[:2]) - np.mean(per_run[2:]))


POLICIES = {"baseline": {"preset": "baseline"}, "redesign": {"preset": "redesign"},
            "strong weight": {"preset": "redesign", "cross_evaluation_weight": 0.9}}


def test_policies_cross_uncertainties_on_common_seeds_per_world():
    design = policies_x_uncertainties(POLICIES, {"defect_rate": [0.03, 0.07],
                                                 "housekeeper_quota": [13, 17]},
                                      samples=4, sample_seed=3, replicates=2)
    assert len(design.points) == 12 and design.labels[:3] == ["baseline w0", "redesign w0",
                                                              "strong weight w0"]
    experiment = small_experiment(design)
    runs = list(experiment.runs())
    seeds = {(design.worlds[s.point_index], s.replicate): set() for s in runs}
    for spec in runs:
        seeds[(design.worlds[spec.point_index], spec.replicate)].add(spec.seed)
        # every policy of a world meets the world's values
        world = design.worlds[spec.point_index]
        assert spec.parameters["defect_rate"] == design.points[3 * world]["defect_rate"]
    assert all(len(s) == 1 for s in seeds.values())  # one seed per world and replicate
    assert len({next(iter(s)) for s in seeds.values()}) == 8  # and different across them
    assert sorted({p["defect_rate"] for p in design.points}) != [0.03, 0.07]  # sampled
    assert design.points[2]["cross_evaluation_weight"] == 0.9
    assert design.points[1]["rotation"] and not design.points[0]["rotation"]


def test_a_policy_may_not_set_an_uncertainty():
    with pytest.raises(ParameterError, match="policy redesign sets defect_rate"):
        policies_x_uncertainties({"redesign": {"preset": "redesign", "defect_rate": 0.05}},
                                 {"defect_rate": [0.03, 0.07]}, samples=3)


def test_policies_are_compared_world_by_world_in_analyze(tmp_path, capsys):
    config = tmp_path / "robust.toml"
    config.write_text("""
days = 20
replicates = 2
seed = 5
summary_days = 10
""" + SMALL_TOML + """[design]
kind = "policies_x_uncertainties"
samples = 3
[design.policies]
baseline = { preset = "baseline" }
redesign = { preset = "redesign" }
[design.uncertainties]
defect_rate = [0.03, 0.07]
""")
    out = tmp_path / "out"
    assert main(["sweep", str(config), "--out", str(out), "--workers", "1", "--quiet"]) == 0
    analysis = analyse(out)
    row = analysis.paired.set_index("label").loc["redesign"]
    assert (row["pairing"], row["n"]) == ("paired", 6)  # 3 worlds x 2 replicates
    runs = analysis.runs.set_index(["point_index", "replicate"])["gross_margin"]
    by_hand = np.mean([runs[(2 * w + 1, r)] - runs[(2 * w, r)]
                       for w in range(3) for r in range(2)])
    assert row["difference"] == pytest.approx(by_hand)
    assert list(analysis.bridges.columns) == ["redesign", "kind"]
    assert main(["analyze", str(out), "--reference", "redesign"]) == 0
    assert "difference from 'redesign'" in capsys.readouterr().out
