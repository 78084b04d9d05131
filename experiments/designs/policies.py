"""Policies x uncertainties: every policy on every world of an uncertainty sample.

A policy is a named setting of the levers (a preset, lever values, or both); a world is one
point of a Latin hypercube sample over named parameter ranges the researcher cannot control
(defect rate, quota, hotel size, behaviour constants). Every policy runs in every world, and
all policies of a world run on the same seeds, replicate by replicate (the design's
`worlds`): differences between policies within a world come from the policies, not from luck.
This is EMA Workbench's `perform_experiments(scenarios, policies)` as a design of the store.

    [design]
    kind = "policies_x_uncertainties"
    samples = 32                  # worlds
    sample_seed = 1
    [design.policies]
    baseline = { preset = "baseline" }
    redesign = { preset = "redesign" }
    weighted = { preset = "redesign", cross_evaluation_weight = 0.8 }
    [design.uncertainties]
    defect_rate = [0.03, 0.08]
    housekeeper_quota = [13, 17]

Points run world by world, every policy of world 0 first; labels are "POLICY w<world>".
"""

from __future__ import annotations

from typing import Any

from model import ParameterError

from .base import Design, at_least, at_most_points, design_kind, replicates_of, table_of
from .enumerated import resolve_point
from .sampled import as_point, latin_sample


def policies_x_uncertainties(policies: dict[str, dict[str, Any]],
                             uncertainties: dict[str, list[float]], samples: int,
                             sample_seed: int = 0, replicates: int = 1) -> Design:
    """Every policy in `policies` ({name: point}) on each of `samples` worlds drawn by Latin
    hypercube over `uncertainties` ({name: [low, high]}), reproducible from `sample_seed`."""
    if len(policies) < 1:
        raise ParameterError("policies_x_uncertainties: name at least one policy")
    settings = {}
    for name, point in policies.items():
        if not isinstance(point, dict) or not point:
            raise ParameterError(f"policy {name}: give a table of values, e.g. "
                                 f"{{ preset = \"redesign\" }}")
        settings[name] = resolve_point(point, f"policy {name}")[1]
        both = sorted(set(settings[name]) & set(uncertainties))
        if both:
            raise ParameterError(f"policy {name} sets {', '.join(both)}, which is also an "
                                 f"uncertainty")
    at_least("samples", samples, 2)
    at_most_points(len(settings) * samples, "policies_x_uncertainties")
    problem, matrix = latin_sample(uncertainties, samples, sample_seed)
    points, labels, worlds, names = [], [], [], []
    for world, row in enumerate(matrix):
        values = as_point(problem["names"], row)
        for name, setting in settings.items():
            points.append(values | setting)
            labels.append(f"{name} w{world}")
            worlds.append(world)
            names.append(name)
    spec = {"kind": "policies_x_uncertainties", "policies": policies,
            "uncertainties": uncertainties, "samples": samples, "sample_seed": sample_seed}
    return Design("policies_x_uncertainties", points, replicates_of(replicates), spec, labels,
                  problem=problem, worlds=worlds, policies=names)


@design_kind("policies_x_uncertainties",
             keys={"policies", "uncertainties", "samples", "sample_seed"},
             required={"policies", "uncertainties", "samples"})
def _from_table(spec: dict[str, Any], replicates: int) -> Design:
    return policies_x_uncertainties(table_of(spec, "policies"),
                                    table_of(spec, "uncertainties"), spec["samples"],
                                    spec.get("sample_seed", 0), replicates)
