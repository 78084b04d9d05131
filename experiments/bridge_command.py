"""`interlodge bridge`: where a preset's margin change comes from, channel by channel."""

from __future__ import annotations

import argparse

import pandas as pd

from model import PRESETS, margin_bridge

from .cli import positive_int
from .evaluators import run_scenarios
from .outcomes import outcome, window

DEFAULT_WINDOW = (450, 540)  # the last quarter of the case's 18 months


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "bridge", help="decompose a preset's margin change into channels",
        description="Run PRESET and the reference on the same seeds and split the change in "
                    "gross margin over DAYS into channels that add up to it: rooms sold "
                    "(released to late arrivals, more demand), rate (discounts, list rate), "
                    "rebates and each cost line, each marked direct or market.")
    parser.add_argument("--preset", required=True, choices=list(PRESETS),
                        help="the scenario's lever settings")
    parser.add_argument("--reference", default="baseline", choices=list(PRESETS),
                        help="the reference (default: baseline)")
    parser.add_argument("--seeds", type=positive_int, default=10,
                        help="seeds, the same for both (default 10)")
    parser.add_argument("--days", type=day_range, default=DEFAULT_WINDOW, metavar="A-B",
                        help="days A (included) to B (excluded) after the warm-up "
                             "(default 450-540)")
    parser.add_argument("--workers", type=positive_int, default=None,
                        help="processes (default: the number of cores)")
    parser.set_defaults(handler=print_bridge)


def day_range(text: str) -> tuple[int, int]:
    """An argparse type: 'A-B' with 0 <= A < B."""
    first, sep, last = text.partition("-")
    try:
        days = (int(first), int(last))
    except ValueError:
        days = None
    if not sep or days is None or not 0 <= days[0] < days[1]:
        raise argparse.ArgumentTypeError(f"expects A-B with 0 <= A < B, got {text!r}")
    return days


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
    print(f"  {'channel':<44}{'kind':<8}{'points':>8}{'share':>9}")
    for channel, row in bridge.iterrows():
        share = f"{row['change'] / change:>9.0%}" if change else f"{'-':>9}"
        print(f"  {channel:<44}{row['kind']:<8}{row['change'] * 100:>+8.2f}{share}")
    for kind in ("direct", "market"):
        part = bridge.loc[bridge["kind"] == kind, "change"].sum()
        share = f"{part / change:>9.0%}" if change else f"{'-':>9}"
        print(f"  {'all ' + kind + ' channels':<44}{'':<8}{part * 100:>+8.2f}{share}")

