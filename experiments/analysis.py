"""Statistics of a finished (or partly finished) experiment.

Every interval here is computed on one value per run: a run's outcome over its last
`summary_days` days (runs table), or over a period of days (time courses), each outcome as
experiments.outcomes defines it. Never on
daily rows pooled across runs, which would count one run's days as independent replicates
and make intervals far too narrow.

- `point_summary`: per design point and metric, mean and 95% t-interval across replicates.
- `paired_effects`, `margin_bridges` (experiments.paired): each point against a reference.
- `factorial_effects`: main effects and two-way interactions of a two-level factorial.
- `sobol_indices`, `morris_indices`: SALib's analyses, fed in the design's sample order.
- `time_course`: per design point, a metric over time with a 95% band across replicates.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol
from scipy import stats

from .designs import Design, build_design
from .experiment import Experiment
from .outcomes import outcome, period_values
from .paired import comparisons, margin_bridges, paired_effects
from .store import OUTCOME_COLUMNS, iter_daily, read_manifest, read_runs

CONFIDENCE = 0.95
BOOTSTRAP_SEED = 0  # SALib's confidence intervals are bootstrapped: fix them for reruns


@dataclass
class Analysis:
    """What `interlodge analyze` prints and `interlodge report` draws, for one metric.

    effects, sobol, morris are None when the design is not of that kind, or when they cannot
    be computed yet (then `notes` says why, e.g. a cell without a successful run).
    """

    folder: Path
    manifest: dict[str, Any]
    design: Design
    metric: str
    runs: pd.DataFrame
    summary: pd.DataFrame
    reference: str | None = None
    paired: pd.DataFrame | None = None
    bridges: pd.DataFrame | None = None
    effects: pd.DataFrame | None = None
    sobol: pd.DataFrame | None = None
    morris: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def summary_days(self) -> int:
        """The days each per-run value covers: the last `summary_days` of the run, or the
        whole run when it is shorter."""
        identity = self.manifest["identity"]
        return min(identity["summary_days"], identity["days"])


def analyse(folder: Path, metric: str = "gross_margin", reference: str | None = None
            ) -> Analysis:
    """Load the experiment in `folder` and compute everything its design supports.

    reference: the point every other is compared with (paired effects, margin bridges): a
        label or a point index; None for `baseline` when the design has it (else no
        comparison, with a note).
    """
    manifest = read_manifest(folder)
    design = load_design(manifest)
    runs = read_runs(folder)
    outcome(metric)  # an unknown name is one line
    if metric in design.factors:
        raise ValueError(f"{metric} is varied by the design, not an outcome")
    if not (runs["status"] == "ok").any():
        raise ValueError(f"{folder} holds no successful run yet (see the error column of "
                         f"runs.parquet)")
    analysis = Analysis(Path(folder), manifest, design, metric, runs,
                        point_summary(runs, design))
    _compare_with_reference(analysis, reference)
    try:
        if design.kind == "factorial":
            analysis.effects = factorial_effects(runs, design.factors, metric)
        elif design.kind == "sobol":
            analysis.sobol = sobol_indices(design, runs, metric)
        elif design.kind == "morris":
            analysis.morris = morris_indices(design, runs, metric)
    except ValueError as reason:  # a partial experiment still has its per-point table
        analysis.notes.append(f"no {design.kind} analysis: {reason}")
    return analysis


def _compare_with_reference(analysis: Analysis, reference: str | None) -> None:
    identity = analysis.manifest["identity"]
    if len(analysis.design.points) < 2:
        return
    try:
        name, compared = comparisons(analysis.design, reference or "baseline",
                                     identity["base_parameters"])
    except ValueError:
        if reference is not None:
            raise
        analysis.notes.append("no paired effects: no baseline in this design; choose a "
                              "reference with --reference LABEL")
        return
    analysis.reference = name
    analysis.paired = paired_effects(analysis.runs, compared, analysis.metric)
    analysis.bridges = margin_bridges(analysis.folder, analysis.runs, compared,
                                      identity["days"], identity["summary_days"])


def load_design(manifest: dict[str, Any]) -> Design:
    """The design recorded in a manifest, rebuilt and checked to be the one that was run."""
    identity = manifest["identity"]
    design = build_design(identity["design"], identity["replicates"])
    if design.fingerprint() != identity["points_sha"]:
        raise ValueError("the design rebuilt from manifest.json has other points than the "
                         "ones run (was SALib upgraded?); analyse it with the old versions")
    return design


def recorded_experiment(folder: Path) -> Experiment:
    """The experiment stored in `folder`, rebuilt from its manifest, e.g. to reproduce one
    run alone: `recorded_experiment(DIR).run(point_index, replicate)` gives its parameters
    and seed."""
    manifest = read_manifest(folder)
    identity = manifest["identity"]
    design = load_design(manifest)
    fixed = {k: v for k, v in identity["base_parameters"].items() if k not in design.factors}
    return Experiment(design, identity["days"], identity["root_seed"], fixed=fixed,
                      summary_days=identity["summary_days"], name=manifest["name"],
                      description=manifest["description"])


def mean_interval(values: pd.Series | np.ndarray) -> tuple[int, float, float, float, float]:
    """(n, mean, sd, low, high): the mean of independent values and its 95% t-interval.

    NaN values are left out; with fewer than two values the interval is NaN.
    """
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return 0, np.nan, np.nan, np.nan, np.nan
    mean = float(values.mean())
    if n < 2:
        return 1, mean, np.nan, np.nan, np.nan
    sd = float(values.std(ddof=1))
    half = stats.t.ppf((1 + CONFIDENCE) / 2, n - 1) * sd / np.sqrt(n)
    return n, mean, sd, mean - half, mean + half


def point_summary(runs: pd.DataFrame, design: Design,
                  metrics: list[str] | None = None) -> pd.DataFrame:
    """Tidy table, one row per design point and metric: the point's label and parameters,
    runs ok and failed, and the mean, sd and 95% interval of the per-run values."""
    metrics = metrics or OUTCOME_COLUMNS
    ok = runs[runs["status"] == "ok"]
    failed = runs[runs["status"] != "ok"].groupby("point_index").size()
    rows = []
    for point_index, group in ok.groupby("point_index"):
        point = {"point_index": point_index, "label": design.labels[point_index],
                 **design.points[point_index],
                 "failed_runs": int(failed.get(point_index, 0))}
        for metric in metrics:
            n, mean, sd, low, high = mean_interval(group[metric])
            rows.append(point | {"metric": metric, "runs": n, "mean": mean, "sd": sd,
                                 "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


def factorial_effects(runs: pd.DataFrame, levers: list[str], metric: str) -> pd.DataFrame:
    """Main effects and two-way interactions of a two-level factorial on `metric`.

    An effect is the mean of the cells where its contrast is +1 minus the mean where it is -1
    (for a lever: on minus off; for a pair: half the change of one lever's effect when the
    other is switched on). Cells count equally even when failures leave them unbalanced.
    The 95% interval uses the pooled within-cell variance of the per-run values.
    """
    ok = runs[(runs["status"] == "ok") & runs[metric].notna()]
    cells = ok.groupby(levers)[metric].agg(["mean", "var", "count"])
    if len(cells) < 2 ** len(levers):
        raise ValueError(f"factorial effects need a successful run in all "
                         f"{2 ** len(levers)} cells; {len(cells)} have one")
    codes = {lever: np.where(cells.index.get_level_values(lever), 1.0, -1.0)
             for lever in levers}
    half = len(cells) / 2
    degrees = float((cells["count"] - 1).sum())
    pooled = float(((cells["count"] - 1) * cells["var"].fillna(0)).sum() / degrees) \
        if degrees > 0 else np.nan
    se_factor = np.sqrt((1 / cells["count"]).sum()) / half
    t = stats.t.ppf((1 + CONFIDENCE) / 2, degrees) if degrees > 0 else np.nan
    terms = [(lever,) for lever in levers] + list(itertools.combinations(levers, 2))
    rows = []
    for term in terms:
        contrast = np.prod([codes[lever] for lever in term], axis=0)
        effect = float((contrast * cells["mean"]).sum() / half)
        se = float(np.sqrt(pooled) * se_factor)
        rows.append({"term": " x ".join(term),
                     "kind": "main" if len(term) == 1 else "interaction",
                     "metric": metric, "effect": effect, "se": se,
                     "ci_low": effect - t * se, "ci_high": effect + t * se})
    return pd.DataFrame(rows)


def sobol_indices(design: Design, runs: pd.DataFrame, metric: str) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices with 95% intervals, from the mean of
    each sample point's replicates, in sample order."""
    y = _outputs_in_sample_order(design, runs, metric)
    result = salib_sobol.analyze(design.problem, y,
                                 calc_second_order=design.spec.get("second_order", False),
                                 conf_level=CONFIDENCE, seed=BOOTSTRAP_SEED)
    return pd.DataFrame({"parameter": design.problem["names"], "metric": metric,
                         "S1": result["S1"], "S1_conf": result["S1_conf"],
                         "ST": result["ST"], "ST_conf": result["ST_conf"]})


def morris_indices(design: Design, runs: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Morris screening: mu (mean elementary effect), mu* (mean absolute effect, with its
    95% interval) and sigma (spread: non-linearity or interactions)."""
    y = _outputs_in_sample_order(design, runs, metric)
    result = salib_morris.analyze(design.problem, design.samples, y, conf_level=CONFIDENCE,
                                  num_levels=design.spec.get("levels", 4),
                                  seed=BOOTSTRAP_SEED)
    return pd.DataFrame({"parameter": design.problem["names"], "metric": metric,
                         "mu": result["mu"], "mu_star": result["mu_star"],
                         "mu_star_conf": result["mu_star_conf"], "sigma": result["sigma"]})


def _outputs_in_sample_order(design: Design, runs: pd.DataFrame, metric: str) -> np.ndarray:
    """One output per sample point, in the sampler's order (runs are stored in completion
    order; SALib pairs outputs with samples by position)."""
    ok = runs[runs["status"] == "ok"]
    y = ok.groupby("point_index")[metric].mean().reindex(range(len(design.points)))
    missing = int(y.isna().sum())
    if missing:
        raise ValueError(f"sensitivity analysis needs a value at every sample point; "
                         f"{missing} of {len(y)} have none (failed or not run yet)")
    return y.to_numpy()


def time_course(folder: Path, metrics: list[str], period_days: int) -> pd.DataFrame:
    """Per design point, outcome and period of `period_days` days: the mean across runs of
    each run's outcome over the period (as experiments.outcomes defines it), with a 95% band.
    Reads the daily parts one at a time."""
    keys = ["point_index", "period", "run_id"]
    totals = []
    for part in iter_daily(folder, None):
        part["period"] = part["day"] // period_days
        per_run = pd.concat([period_values(part, name, keys) for name in metrics], axis=1)
        per_run["day"] = part.groupby(keys)["day"].mean()
        long = per_run.reset_index().melt([*keys, "day"], metrics, "metric")
        long = long.dropna(subset=["value"])  # a period where the outcome is undefined
        long["square"] = long["value"] ** 2
        totals.append(long.groupby(["point_index", "metric", "period"])
                      .agg(n=("value", "size"), total=("value", "sum"),
                           squares=("square", "sum"), days=("day", "sum")))
    if not totals:
        raise ValueError(f"{folder} holds no daily tables yet")
    sums = pd.concat(totals).groupby(level=[0, 1, 2]).sum().reset_index()
    n = sums["n"].to_numpy(dtype=float)
    mean = sums["total"] / n
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = ((sums["squares"] - n * mean**2) / (n - 1)).clip(lower=0)
        half = stats.t.ppf((1 + CONFIDENCE) / 2, n - 1) * np.sqrt(variance / n)
    return pd.DataFrame({"point_index": sums["point_index"], "metric": sums["metric"],
                         "day": sums["days"] / n,  # middle of the days in the period
                         "runs": sums["n"], "mean": mean,
                         "ci_low": mean - half, "ci_high": mean + half})
