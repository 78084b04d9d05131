"""Scenario discovery: under which conditions does a policy stop working? (PRIM)

PRIM (Friedman and Fisher's Patient Rule Induction Method, as implemented in EMA Workbench)
looks for a box in the space of the uncertain inputs where the cases of interest (worlds in
which, say, the redesign gains less than 10% margin) are concentrated. It peels the box
little by little; each step of the peeling trajectory trades coverage (the share of all cases
of interest inside the box) for density (the share of the box's worlds that are cases of
interest). The chosen box is the densest one that still covers at least `min_coverage` of the
cases, unless the researcher picks another step of the trajectory.

The outcome of a world:
- `POLICY_gain` (or `POLICY_gain:OUTCOME`): in a policies x uncertainties experiment, the
  relative gain of the policy's gross margin (or OUTCOME) over the reference policy's in that
  world, replicate by replicate on the same seeds, averaged over replicates;
- `POLICY_difference[:OUTCOME]`: the same as a difference (margin points as a share);
- any outcome of docs/outcomes.md: its mean over a point's replicates, for a design whose
  points are the worlds (e.g. a Latin hypercube under one preset).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .designs import Design
from .outcomes import OUTCOMES, outcome
from .paired import comparisons, paired_runs

DISCOVERY = "discovery.json"  # the last discovery, for the report


@dataclass
class Discovery:
    """A PRIM run: the worlds, the trajectory and the chosen box."""

    rule: str  # e.g. "redesign_gain < 0.1"
    worlds: pd.DataFrame  # inputs and the outcome, one row per world
    interesting: np.ndarray  # the cases of interest
    trajectory: pd.DataFrame  # per peeling step: coverage, density, mass, restricted dims
    boxes: list[pd.DataFrame]  # per step: rows low and high, one column per input
    chosen: int

    def restricted(self, step: int | None = None) -> pd.DataFrame:
        """The inputs the box restricts: its range and the full range of each."""
        box, full = self.boxes[self.chosen if step is None else step], self.boxes[0]
        rows = [{"input": name, "low": box.loc[0, name], "high": box.loc[1, name],
                 "full_low": full.loc[0, name], "full_high": full.loc[1, name]}
                for name in box.columns
                if (box.loc[0, name], box.loc[1, name]) != (full.loc[0, name],
                                                            full.loc[1, name])]
        return pd.DataFrame(rows, columns=["input", "low", "high", "full_low", "full_high"])


def world_outcomes(runs: pd.DataFrame, design: Design, name: str, reference: str,
                   base: dict) -> tuple[pd.DataFrame, str]:
    """One row per world: the uncertain inputs and the outcome `name` (see the module
    docstring); also the name of the outcome column."""
    policy, kind, metric = _parse(name, design)
    if policy is None:
        ok = runs[runs["status"] == "ok"]
        values = ok.groupby("point_index")[metric].mean()
        inputs = pd.DataFrame([design.points[i] for i in values.index], index=values.index)
        return inputs.assign(**{name: values}).reset_index(drop=True), name
    _, compared = comparisons(design, reference, base)
    if policy not in compared:
        raise ValueError(f"--outcome {name}: {policy!r} is the reference policy; choose "
                         f"another --reference")
    joined = paired_runs(runs, compared[policy], metric)
    joined = joined[joined["seed"] == joined["seed_reference"]]
    if joined.empty:
        raise ValueError(f"--outcome {name}: no world has runs of both {policy} and "
                         f"{reference} yet")
    if kind == "gain":
        joined["change"] = joined["value"] / joined["reference"] - 1.0
    else:
        joined["change"] = joined["value"] - joined["reference"]
    per_world = joined.groupby("point_index")["change"].mean()
    uncertain = list(design.spec["uncertainties"])
    inputs = pd.DataFrame([{k: design.points[i][k] for k in uncertain}
                           for i in per_world.index])
    return inputs.assign(**{name: per_world.to_numpy()}), name


def discover(worlds: pd.DataFrame, column: str, *, below: float | None = None,
             above: float | None = None, min_coverage: float = 0.5, mass_min: float = 0.05,
             peel_alpha: float = 0.05) -> Discovery:
    """Run PRIM on `worlds` (inputs plus `column`) for the cases `column < below` or
    `column > above`; choose the densest box covering at least `min_coverage` of them."""
    if (below is None) == (above is None):
        raise ValueError("give one of --below and --above")
    values = worlds[column].to_numpy(dtype=float)
    defined = ~np.isnan(values)
    inputs = worlds.drop(columns=column)[defined].reset_index(drop=True)
    interesting = values[defined] < below if below is not None else values[defined] > above
    rule = f"{column} < {below:g}" if below is not None else f"{column} > {above:g}"
    if len(inputs) < 10:
        raise ValueError(f"PRIM needs at least 10 worlds with a value; this experiment has "
                         f"{len(inputs)}")
    if not interesting.any() or interesting.all():
        share = "none" if not interesting.any() else "every one"
        raise ValueError(f"{rule} holds in {share} of the {len(inputs)} worlds: nothing to "
                         f"discover; move the threshold")
    box = _prim(inputs.astype(float), interesting, mass_min, peel_alpha)
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]]
    covering = trajectory[trajectory["coverage"] >= min_coverage]
    chosen = int(covering["density"].idxmax()) if len(covering) else 0
    return Discovery(rule, worlds, interesting, trajectory.reset_index(drop=True),
                     [b.reset_index(drop=True) for b in box.box_lims], chosen)


def save(discovery: Discovery, folder: Path) -> Path:
    """Write the discovery to DIR/discovery.json for `interlodge report`."""
    path = Path(folder) / DISCOVERY
    record = {"rule": discovery.rule, "chosen": discovery.chosen,
              "trajectory": discovery.trajectory.to_dict("list"),
              "restricted": discovery.restricted().to_dict("records")}
    temporary = path.with_name(f".{DISCOVERY}.tmp")
    temporary.write_text(json.dumps(record, indent=2, default=float) + "\n", encoding="utf-8")
    temporary.replace(path)
    return path


def load(folder: Path) -> dict | None:
    path = Path(folder) / DISCOVERY
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _parse(name: str, design: Design) -> tuple[str | None, str, str]:
    """(policy, "gain" or "difference", outcome) of a paired name; (None, "", name) for a
    plain outcome."""
    head, _, metric = name.partition(":")
    for kind in ("gain", "difference"):
        if head.endswith(f"_{kind}") and design.policies is not None:
            policy = head.removesuffix(f"_{kind}")
            if policy not in design.policies:
                raise ValueError(f"--outcome {name}: no policy {policy!r} in this design; "
                                 f"policies: {', '.join(dict.fromkeys(design.policies))}")
            return policy, kind, outcome(metric or "gross_margin").name
    if design.policies is not None:
        raise ValueError(f"--outcome {name}: in a policies x uncertainties experiment, give "
                         f"POLICY_gain or POLICY_difference (optionally :OUTCOME)")
    if head.endswith(("_gain", "_difference")) and name not in OUTCOMES:
        raise ValueError(f"--outcome {name}: POLICY_gain and POLICY_difference compare the "
                         f"policies of a policies_x_uncertainties design, and this "
                         f"{design.kind} design has none; give an outcome of "
                         f"docs/outcomes.md")
    return None, "", outcome(name).name


def _prim(inputs: pd.DataFrame, interesting: np.ndarray, mass_min: float, peel_alpha: float):
    # EMA Workbench 3.0 warns at import (optional ipyparallel) and calls pandas APIs that
    # pandas 3.1 deprecates; both are harmless here and not ours to fix
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ema_workbench.analysis import prim

        finder = prim.Prim(inputs, interesting, mass_min=mass_min, peel_alpha=peel_alpha)
        return finder.find_box()


# --- the command --------------------------------------------------------------------------
def run_discovery(args) -> int:
    from .analysis import load_design  # the analysis stack only for this command
    from .store import read_manifest, read_runs

    manifest = read_manifest(args.folder)
    design = load_design(manifest)
    worlds, column = world_outcomes(read_runs(args.folder), design, args.outcome,
                                    args.reference, manifest["identity"]["base_parameters"])
    found = discover(worlds, column, below=args.below, above=args.above,
                     min_coverage=args.min_coverage, mass_min=args.mass_min)
    if args.box is not None:
        if not 0 <= args.box < len(found.boxes):
            raise ValueError(f"--box must be a step from 0 to {len(found.boxes) - 1}, "
                             f"got {args.box}")
        found.chosen = args.box
    share = found.interesting.mean()
    print(f"{args.folder}: {found.rule} in {found.interesting.sum()} of "
          f"{len(found.interesting)} worlds ({share:.0%})")
    print("\npeeling trajectory (coverage: share of those worlds inside the box; density: "
          "share of the box's worlds that are such):")
    shown = _frontier(found.trajectory)
    print(found.trajectory.loc[shown].rename_axis("step").to_string(
        float_format=lambda x: f"{x:.3f}"))
    row = found.trajectory.loc[found.chosen]
    print(f"\nchosen box (step {found.chosen}): coverage {row['coverage']:.0%}, density "
          f"{row['density']:.0%}, {row['n']:.0f} worlds ({row['mass']:.0%} of them)")
    limits = found.restricted()
    if limits.empty:
        print("  (no input restricted: the whole space)")
    for item in limits.itertuples():
        print(f"  {item.input:<36} {item.low:>10.4g} to {item.high:<10.4g} "
              f"(full range {item.full_low:.4g} to {item.full_high:.4g})")
    print(f"\nwritten to {save(found, args.folder)} for `interlodge report`")
    return 0


def _frontier(trajectory: pd.DataFrame) -> list[int]:
    """The steps no other step beats on both coverage and density (the trade-off curve)."""
    steps = []
    for step, row in trajectory.iterrows():
        better = trajectory[(trajectory["coverage"] >= row["coverage"])
                            & (trajectory["density"] >= row["density"])]
        if len(better) == 1 or better.index.min() == step:
            steps.append(step)
    return steps

