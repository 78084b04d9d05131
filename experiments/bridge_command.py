"""`interlodge bridge`: where a preset's margin change comes from, channel by channel."""

from __future__ import annotations

import pandas as pd

from model import margin_bridge

from .evaluators import run_scenarios
from .outcomes import outcome, window


def stacked(tables: list[pd.DataFrame], days: tuple[int, int]) -> pd.DataFrame:
    return pd.concat([window(t, days).assign(seed=seed) for seed, t in enumerate(tables)],
                     ignore_index=True)


def print_bridge(args) -> int:
    days = args.days
    results = run_scenarios({"scenario": (args.preset, {}, days[1]),
                             "reference": (args.reference, {}, days[1])},
                            args.seeds, args.workers)
    scenario, reference = stacked(results["scenario"], days), stacked(results["reference"], days)
    bridge = margin_bridge(scenario, reference)
    margin = outcome("gross_margin")  # over the stacked seeds: all their days
    before, after = margin.over(reference), margin.over(scenario)
    change = after - before
    print(f"Margin bridge: {args.preset} against {args.reference}, days {days[0]}-{days[1]}, "
          f"{args.seeds} seeds (margin over all their days)")
    print(f"  margin {before:.1%} -> {after:.1%}: {change * 100:+.2f} points "
          f"({after / before - 1:+.1%} relative)\n")
    print_table(bridge)
    return 0


def print_table(bridge: pd.DataFrame) -> None:
    """The bridge as a table: each channel in margin points and its share of the change."""
    change = bridge["change"].sum()
    width = max(map(len, bridge.index)) + 2
    print(f"  {'channel':<{width}}{'kind':<8}{'points':>8}{'share':>9}")
    for channel, row in bridge.iterrows():
        share = f"{row['change'] / change:>9.0%}" if change else f"{'-':>9}"
        print(f"  {channel:<{width}}{row['kind']:<8}{row['change'] * 100:>+8.2f}{share}")
    for kind in ("direct", "market"):
        part = bridge.loc[bridge["kind"] == kind, "change"].sum()
        share = f"{part / change:>9.0%}" if change else f"{'-':>9}"
        print(f"  {'all ' + kind + ' channels':<{width}}{'':<8}{part * 100:>+8.2f}{share}")

