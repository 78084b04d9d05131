"""Paired effects: each scenario against a reference scenario, replicate by replicate.

With common random numbers, replicate r of every design point runs on the same seed, so the
scenario and the reference face the same demand and the same defects: the difference of
their outcomes, run by run, removes most of the luck both share. The effect of a scenario is
the mean of these paired differences with a 95% t-interval over replicates (one difference
per replicate; never days pooled across runs).

When the points do not share seeds (an experiment run with independent seeds) the runs cannot
be paired: the difference of the two means is reported with Welch's interval, and the table
says `unpaired`.

The margin bridge says where a scenario's margin change comes from, channel by channel
(`model.margin_bridge`): over the runs' last `summary_days` days, all paired replicates
stacked, so its channels add up to the change of the pooled margin (sum of revenue and costs
over every run), which is close to, but not the same number as, the mean paired difference
of per-run margins.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from model import LEVERS, PRESETS, margin_bridge

from .designs import Design
from .store import iter_daily

CONFIDENCE = 0.95
MAX_BRIDGES = 16  # scenarios bridged; beyond, the tables say more than a reader can use


def reference_point(design: Design, reference: str, base: dict[str, Any]) -> int:
    """The index of the reference point: the point labelled `reference`, or given by its
    index; `baseline` also finds the point whose parameters (`base`, the experiment's, with
    the point's on top) are the baseline's levers on `base` (e.g. the factorial's all-off
    cell, labelled `none`)."""
    if reference in design.labels:
        return design.labels.index(reference)
    if reference.isdigit() and int(reference) < len(design.points):
        return int(reference)
    if reference == "baseline":
        target = base | {lever: False for lever in LEVERS} | PRESETS["baseline"]
        for index, point in enumerate(design.points):
            if base | point == target:
                return index
    raise ValueError(f"--reference {reference!r} is no point of this design; give a label "
                     f"(e.g. {design.labels[0]!r}) or a point index")


def paired_effects(runs: pd.DataFrame, design: Design, metric: str,
                   reference: int) -> pd.DataFrame:
    """One row per other point: its label, the pairing (paired or unpaired), the number of
    pairs (or runs), the mean difference from the reference and its 95% interval."""
    ok = runs[runs["status"] == "ok"]
    base = ok[ok["point_index"] == reference].set_index("replicate")
    rows = []
    for point_index, group in ok.groupby("point_index"):
        if point_index == reference:
            continue
        group = group.set_index("replicate")
        common = group.index.intersection(base.index)
        seeds_shared = len(common) > 0 and (group.loc[common, "seed"]
                                            == base.loc[common, "seed"]).all()
        if seeds_shared:
            differences = group.loc[common, metric] - base.loc[common, metric]
            n, mean, low, high = _t_interval(differences.to_numpy(dtype=float))
            pairing = "paired"
        else:
            n, mean, low, high = _welch(group[metric].to_numpy(dtype=float),
                                        base[metric].to_numpy(dtype=float))
            pairing = "unpaired"
        rows.append({"point_index": point_index, "label": design.labels[point_index],
                     "pairing": pairing, "n": n, "difference": mean, "ci_low": low,
                     "ci_high": high})
    return pd.DataFrame(rows, columns=["point_index", "label", "pairing", "n", "difference",
                                       "ci_low", "ci_high"])


def margin_bridges(folder: Path, runs: pd.DataFrame, design: Design, reference: int,
                   days: int, summary_days: int) -> pd.DataFrame | None:
    """The margin bridge of every other point against the reference (channels as rows, one
    column per scenario label, margin points as shares), over the last `summary_days` days of
    the replicates both have with the same seed; None when the design has more than
    MAX_BRIDGES points or no such pair."""
    if len(design.points) - 1 > MAX_BRIDGES:
        return None
    ok = runs[runs["status"] == "ok"]
    seeds = ok.pivot(index="replicate", columns="point_index", values="seed")
    if reference not in seeds.columns:
        return None
    first_day = days - min(summary_days, days)
    tables = {}
    for part in iter_daily(folder):
        part = part[part["day"] >= first_day]
        for point_index, rows in part.groupby("point_index"):
            tables.setdefault(point_index, []).append(rows)
    tables = {k: pd.concat(v, ignore_index=True) for k, v in tables.items()}
    columns = {}
    for point_index in seeds.columns:
        if point_index == reference or point_index not in tables:
            continue
        shared = seeds.index[seeds[point_index] == seeds[reference]]
        if len(shared) == 0:
            continue
        scenario, base = (_stacked(tables[i], shared) for i in (point_index, reference))
        columns[design.labels[point_index]] = margin_bridge(scenario, base)
    if not columns:
        return None
    kinds = next(iter(columns.values()))["kind"]
    return pd.concat({label: bridge["change"] for label, bridge in columns.items()},
                     axis=1).assign(kind=kinds)


def _stacked(table: pd.DataFrame, replicates: pd.Index) -> pd.DataFrame:
    """The daily rows of `replicates`, with the bridge's `seed` column (the replicate: paired
    replicates share their model seed)."""
    rows = table[table["replicate"].isin(replicates)]
    return rows.rename(columns={"replicate": "seed"}).sort_values(["seed", "day"],
                                                                  ignore_index=True)


def _t_interval(values: np.ndarray) -> tuple[int, float, float, float]:
    n = len(values)
    if n == 0:
        return 0, np.nan, np.nan, np.nan
    mean = float(values.mean())
    if n < 2:
        return 1, mean, np.nan, np.nan
    half = stats.t.ppf((1 + CONFIDENCE) / 2, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return n, mean, mean - half, mean + half


def _welch(a: np.ndarray, b: np.ndarray) -> tuple[int, float, float, float]:
    """Difference of means a - b with Welch's 95% interval; n is the smaller sample."""
    n = min(len(a), len(b))
    mean = float(a.mean() - b.mean()) if n else np.nan
    if n < 2:
        return n, mean, np.nan, np.nan
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = np.sqrt(va + vb)
    if se == 0:
        return n, mean, mean, mean
    dof = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    half = stats.t.ppf((1 + CONFIDENCE) / 2, dof) * se
    return n, mean, mean - half, mean + half
