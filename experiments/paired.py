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


Comparisons = dict[str, list[tuple[int, int]]]  # label -> [(point, its reference point)]


def comparisons(design: Design, reference: str, base: dict[str, Any]
                ) -> tuple[str, Comparisons]:
    """The reference's name and what is compared with it: for a design of policies on
    common worlds, each other policy, world by world, against the reference policy; for
    any other design, each other point against the reference point."""
    if design.policies is not None:
        if reference not in design.policies:
            raise ValueError(f"--reference {reference!r} is no policy of this design; "
                             f"choose one of {', '.join(dict.fromkeys(design.policies))}")
        where = {(w, p): i for i, (w, p) in enumerate(zip(design.worlds, design.policies,
                                                          strict=True))}
        pairs: Comparisons = {}
        for (world, policy), index in where.items():
            if policy != reference:
                pairs.setdefault(policy, []).append((index, where[(world, reference)]))
        return reference, pairs
    index = reference_point(design, reference, base)
    return design.labels[index], {label: [(i, index)] for i, label in enumerate(design.labels)
                                  if i != index}


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


def paired_runs(runs: pd.DataFrame, pairs: list[tuple[int, int]], metric: str
                ) -> pd.DataFrame:
    """The successful runs of each (point, reference point) pair side by side, replicate by
    replicate: columns world_point, replicate, seed, seed_reference, value, reference."""
    ok = runs[runs["status"] == "ok"].set_index(["point_index", "replicate"])
    rows = []
    for point, reference in pairs:
        if point not in ok.index.get_level_values(0) or \
                reference not in ok.index.get_level_values(0):
            continue
        mine, theirs = ok.loc[point], ok.loc[reference]
        joined = mine[["seed", metric]].join(theirs[["seed", metric]], how="inner",
                                             suffixes=("", "_reference"))
        rows.append(joined.reset_index().assign(point_index=point))
    if not rows:
        return pd.DataFrame(columns=["point_index", "replicate", "seed", "seed_reference",
                                     "value", "reference"])
    return pd.concat(rows, ignore_index=True).rename(
        columns={metric: "value", f"{metric}_reference": "reference"})


def paired_effects(runs: pd.DataFrame, compared: Comparisons, metric: str) -> pd.DataFrame:
    """One row per compared label: the pairing (paired or unpaired), the number of pairs (or
    runs), the mean difference from the reference and its 95% interval."""
    ok = runs[runs["status"] == "ok"]
    rows = []
    for label, pairs in compared.items():
        joined = paired_runs(runs, pairs, metric)
        if len(joined) and (joined["seed"] == joined["seed_reference"]).all():
            differences = (joined["value"] - joined["reference"]).to_numpy(dtype=float)
            n, mean, low, high = _t_interval(differences)
            pairing = "paired"
        else:
            points, references = zip(*pairs, strict=True)
            values = ok.loc[ok["point_index"].isin(points), metric]
            base = ok.loc[ok["point_index"].isin(references), metric]
            n, mean, low, high = _welch(values.to_numpy(dtype=float),
                                        base.to_numpy(dtype=float))
            pairing = "unpaired"
        rows.append({"label": label, "pairing": pairing, "n": n, "difference": mean,
                     "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows, columns=["label", "pairing", "n", "difference", "ci_low",
                                       "ci_high"])


def margin_bridges(folder: Path, runs: pd.DataFrame, compared: Comparisons, days: int,
                   summary_days: int) -> pd.DataFrame | None:
    """The margin bridge of every compared label against the reference (channels as rows,
    one column per label, margin points as shares), over the last `summary_days` days of the
    replicates run on the same seed as their reference, all stacked; None when there are
    more than MAX_BRIDGES labels or no such pair."""
    if len(compared) > MAX_BRIDGES:
        return None
    runs_of = {}  # label -> (the scenario's runs, their references' runs)
    for label, pairs in compared.items():
        joined = paired_runs(runs, pairs, "status")
        joined = joined[joined["seed"] == joined["seed_reference"]]
        references = dict(pairs)
        scenario = set(zip(joined["point_index"], joined["replicate"], strict=True))
        if scenario:
            runs_of[label] = (scenario, {(references[p], r) for p, r in scenario})
    if not runs_of:
        return None
    needed = set().union(*(mine | theirs for mine, theirs in runs_of.values()))
    first_day = days - min(summary_days, days)
    tables = []
    for part in iter_daily(folder):
        keep = pd.Series(list(zip(part["point_index"], part["replicate"], strict=True)),
                         index=part.index).isin(needed) & (part["day"] >= first_day)
        tables.append(part[keep])
    daily = pd.concat(tables, ignore_index=True).merge(
        runs[["point_index", "replicate", "seed"]], on=["point_index", "replicate"])
    columns = {label: margin_bridge(_stacked(daily, mine), _stacked(daily, theirs))
               for label, (mine, theirs) in runs_of.items()}
    kinds = next(iter(columns.values()))["kind"]
    return pd.concat({label: bridge["change"] for label, bridge in columns.items()},
                     axis=1).assign(kind=kinds)


def _stacked(daily: pd.DataFrame, runs: set[tuple[int, int]]) -> pd.DataFrame:
    """The daily rows of `runs` ((point, replicate) pairs), with their model seed in the
    bridge's `seed` column: a scenario's run and its reference's share it."""
    keys = pd.Series(list(zip(daily["point_index"], daily["replicate"], strict=True)),
                     index=daily.index)
    return daily[keys.isin(runs)].sort_values(["seed", "day"], ignore_index=True)


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
