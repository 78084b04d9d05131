"""Statistics on one value per run, factorial effects and SALib indices, checked by hand."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from experiment_helpers import small_experiment
from scipy import stats

from experiments.analysis import (
    analyse,
    factorial_effects,
    mean_interval,
    morris_indices,
    point_summary,
    sobol_indices,
    time_course,
)
from experiments.designs import factorial, grid, morris, sobol
from experiments.evaluators import RunResult
from experiments.store import DAILY_COLUMNS, OUTCOME_COLUMNS, ExperimentStore


def runs_table(design, values_by_point, failed=()):
    """A runs table as the store writes it, with chosen per-run gross margins."""
    rows = []
    for point_index, values in enumerate(values_by_point):
        for replicate, value in enumerate(values):
            status = "failed" if (point_index, replicate) in failed else "ok"
            rows.append({"run_id": f"p{point_index}-r{replicate}", "point_index": point_index,
                         "replicate": replicate, "status": status,
                         **design.points[point_index],
                         **dict.fromkeys(OUTCOME_COLUMNS, np.nan),
                         "gross_margin": value if status == "ok" else np.nan})
    return pd.DataFrame(rows).sample(frac=1, random_state=0)  # completion order


def test_interval_is_a_t_interval_on_the_values_given():
    values = [0.20, 0.25, 0.22, 0.31]
    n, mean, _, low, high = mean_interval(values)
    half = stats.t.ppf(0.975, 3) * np.std(values, ddof=1) / 2
    assert (n, mean) == (4, pytest.approx(0.245))
    assert (low, high) == (pytest.approx(0.245 - half), pytest.approx(0.245 + half))
    assert np.isnan(mean_interval([0.3])[3]) and mean_interval([])[0] == 0


def test_point_summary_uses_one_value_per_run_and_skips_failed_runs():
    design = grid({"cross_evaluation_weight": [0.0, 1.0]}, replicates=3)
    runs = runs_table(design, [[0.1, 0.2, 0.3], [0.5, 0.7, 9.9]], failed={(1, 2)})
    rows = point_summary(runs, design, ["gross_margin"]).set_index("point_index")
    assert rows.loc[0, "runs"] == 3 and rows.loc[0, "mean"] == pytest.approx(0.2)
    half = stats.t.ppf(0.975, 2) * 0.1 / np.sqrt(3)
    assert rows.loc[0, "ci_high"] == pytest.approx(0.2 + half)
    assert rows.loc[1, "runs"] == 2 and rows.loc[1, "failed_runs"] == 1
    assert rows.loc[1, "mean"] == pytest.approx(0.6)


def test_factorial_effects_match_a_hand_computation():
    design = factorial(["incentives", "rotation"], replicates=2)
    # cells (inc, rot): (F,F) 1, (F,T) 3, (T,F) 2, (T,T) 8, each replicate at +-0.1
    means = {(False, False): 1.0, (False, True): 3.0, (True, False): 2.0, (True, True): 8.0}
    values = [[means[(p["incentives"], p["rotation"])] + d for d in (-0.1, 0.1)]
              for p in design.points]
    effects = factorial_effects(runs_table(design, values), ["incentives", "rotation"],
                                "gross_margin").set_index("term")
    assert effects.loc["incentives", "effect"] == pytest.approx((2 + 8) / 2 - (1 + 3) / 2)
    assert effects.loc["rotation", "effect"] == pytest.approx((3 + 8) / 2 - (1 + 2) / 2)
    # interaction: half the change of incentives' effect when rotation is switched on
    assert effects.loc["incentives x rotation", "effect"] == pytest.approx(((8 - 3) - (2 - 1)) / 2)
    # pooled within-cell sd is 0.1414 with 4 degrees of freedom, 2 runs per cell
    se = np.sqrt(0.02 * 4 / 2) / 2
    assert effects.loc["rotation", "se"] == pytest.approx(se)
    half = stats.t.ppf(0.975, 4) * se
    assert effects.loc["rotation", "ci_low"] == pytest.approx(4.0 - half)


def test_factorial_effects_need_every_cell():
    design = factorial(["incentives", "rotation"], replicates=1)
    runs = runs_table(design, [[1.0], [2.0], [3.0], [4.0]], failed={(3, 0)})
    with pytest.raises(ValueError, match="all 4 cells"):
        factorial_effects(runs, ["incentives", "rotation"], "gross_margin")


def test_sobol_indices_rank_a_known_function_after_resorting_runs():
    design = sobol({"defect_rate": [0.0, 0.1], "housekeeper_quota": [10, 20],
                    "cross_evaluation_weight": [0.0, 1.0]}, 256)
    x = design.samples
    y = 100 * x[:, 0] + 0.5 * x[:, 2]  # quota has no effect; defect rate dominates
    table = sobol_indices(design, runs_table(design, [[v] for v in y]), "gross_margin")
    s1 = table.set_index("parameter")["S1"]
    assert s1["defect_rate"] > 0.6 > s1["cross_evaluation_weight"]
    assert abs(s1["housekeeper_quota"]) < 0.05
    st = table.set_index("parameter")["ST"]
    assert st["defect_rate"] > 0.6 and abs(st["housekeeper_quota"]) < 0.05
    assert table["S1_conf"].notna().all() and table.loc[0, "S1_conf"] > 0


def test_sobol_refuses_when_a_sample_point_has_no_value():
    design = sobol({"defect_rate": [0.0, 0.1], "housekeeper_quota": [10, 20]}, 8)
    runs = runs_table(design, [[0.1]] * len(design.points), failed={(5, 0)})
    with pytest.raises(ValueError, match="1 of 32 have none"):
        sobol_indices(design, runs, "gross_margin")


def test_morris_mu_star_ranks_a_known_function():
    design = morris({"defect_rate": [0.0, 0.1], "housekeeper_quota": [10, 20]}, 10)
    y = 50 * design.samples[:, 0] + 0.01 * design.samples[:, 1]
    table = morris_indices(design, runs_table(design, [[v] for v in y]), "gross_margin")
    mu_star = table.set_index("parameter")["mu_star"]
    # SALib scales each parameter's range to 1: an effect is slope x range
    assert mu_star["defect_rate"] == pytest.approx(50 * 0.1)
    assert mu_star["housekeeper_quota"] == pytest.approx(0.01 * 10)


def test_time_course_bands_come_from_one_value_per_run_and_period(tmp_path):
    experiment = small_experiment(grid({"cross_evaluation_weight": [0.0]}, replicates=3),
                                  days=4)
    per_run = {0: [1.0, 3.0, 2.0, 4.0], 1: [2.0, 2.0, 2.0, 2.0], 2: [0.0, 1.0, 0.0, 1.0]}
    with ExperimentStore(tmp_path, experiment) as store:
        for spec in experiment.runs():
            daily = pd.DataFrame({"day": range(4), **dict.fromkeys(DAILY_COLUMNS, np.nan),
                                  "occupancy": per_run[spec.replicate]})
            store.add([RunResult(spec, "ok", None, 0.1, {}, pa.table(daily))])
    course = time_course(tmp_path, ["occupancy"], period_days=2).set_index("day")
    # days 0-1: run means 2, 2, 0.5 -> mean 1.5 from n=3 (not from the 6 daily rows)
    assert course.loc[0.5, "runs"] == 3 and course.loc[0.5, "mean"] == pytest.approx(1.5)
    low = mean_interval([2.0, 2.0, 0.5])[3]
    assert course.loc[0.5, "ci_low"] == pytest.approx(low)
    assert course.loc[2.5, "mean"] == pytest.approx((3.0 + 2.0 + 0.5) / 3)


def test_a_period_margin_weighs_days_by_revenue(tmp_path):
    experiment = small_experiment(grid({"cross_evaluation_weight": [0.0]}, replicates=2),
                                  days=2)
    with ExperimentStore(tmp_path, experiment) as store:
        for spec in experiment.runs():
            # a busy day at 50% margin and a slow day losing money: the period made 40%,
            # although the mean of the daily margins is 0%
            daily = pd.DataFrame({"day": range(2), **dict.fromkeys(DAILY_COLUMNS, np.nan),
                                  "net_revenue": [900.0, 100.0], "costs": [450.0, 150.0],
                                  "gross_margin": [0.5, -0.5]})
            store.add([RunResult(spec, "ok", None, 0.1, {}, pa.table(daily))])
    course = time_course(tmp_path, ["gross_margin"], period_days=2)
    assert course["mean"].tolist() == pytest.approx([0.4])


def test_a_partial_factorial_with_a_run_in_every_cell_has_effects(tmp_path):
    experiment = small_experiment(factorial(["incentives", "training"], replicates=2), days=3)
    with ExperimentStore(tmp_path, experiment) as store:
        for spec in list(experiment.runs())[:5]:  # replicate 0 of all four cells, then one
            daily = pd.DataFrame({"day": range(3), **dict.fromkeys(DAILY_COLUMNS, 0.0)})
            store.add([RunResult(spec, "ok", None, 0.1, {"gross_margin": 0.2},
                                 pa.table(daily))])
    analysis = analyse(tmp_path)
    assert analysis.effects is not None  # every cell has a run: effects, wide intervals
    cells = analysis.summary.query("metric == 'gross_margin'")
    assert list(cells["runs"]) == [2, 1, 1, 1]


def test_effects_are_left_out_with_a_note_while_a_cell_has_no_run(tmp_path):
    experiment = small_experiment(factorial(["incentives", "training"]), days=3)
    with ExperimentStore(tmp_path, experiment) as store:
        for spec in list(experiment.runs())[:3]:
            daily = pd.DataFrame({"day": range(3), **dict.fromkeys(DAILY_COLUMNS, 0.0)})
            store.add([RunResult(spec, "ok", None, 0.1, {"gross_margin": 0.2},
                                 pa.table(daily))])
    analysis = analyse(tmp_path)
    assert analysis.effects is None
    assert ("no factorial analysis: factorial effects need a successful run in all 4 cells; "
            "3 have one") in analysis.notes
