"""The experiments' sub-commands of `interlodge` and their arguments: what `--help` shows and
what argparse checks before anything runs.

Light on purpose: this module imports no pandas, numpy or Mesa (tests/test_cli.py keeps it
so), so `interlodge X --help` and a typo's one-line error answer at once. Each sub-command
names its handler as "module:function"; `cli.main` imports that module only when the command
runs, and with it the simulation and analysis stacks the command needs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from model import PRESETS

from .simulation import DEFAULT_DAYS, DEFAULT_WINDOW, MAX_DAYS
from .size import MAX_HOURS, MAX_RUNS

DEFAULT_REPLICATES = 10


# --- argument types: each refuses bad input with one line naming what is wrong -----------------
def _whole_number(text: str, low: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be {what}, got {text}")
    return value


def positive_int(text: str) -> int:
    """A whole number of at least 1."""
    return _whole_number(text, 1, "a positive whole number")


def seed_int(text: str) -> int:
    """A random seed, a whole number of at least 0."""
    return _whole_number(text, 0, "a whole number >= 0")


def days_int(text: str) -> int:
    """Days to simulate, 1 to MAX_DAYS (a longer run would take minutes and its daily table
    megabytes; split it or raise the limit in the code)."""
    value = positive_int(text)
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_DAYS} ({MAX_DAYS // 365} "
                                         f"years), got {value}")
    return value


def day_range(text: str) -> tuple[int, int]:
    """'A-B' with 0 <= A < B."""
    first, sep, last = text.partition("-")
    try:
        days = (int(first), int(last))
    except ValueError:
        days = None
    if not sep or days is None or not 0 <= days[0] < days[1]:
        raise argparse.ArgumentTypeError(f"expects A-B with 0 <= A < B, got {text!r}")
    return days


def share(text: str) -> float:
    """A share in (0, 1]."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be a share in (0, 1], got {text}")
    return value


def outcome_name(text: str) -> str:
    """An outcome of docs/outcomes.md. Their definitions need pandas, so they are read only
    when a command that analyses is actually given one (never for --help)."""
    from .outcomes import OUTCOMES

    if text not in OUTCOMES:
        raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from "
                                         f"{', '.join(OUTCOMES)})")
    return text


# --- the sub-commands --------------------------------------------------------------------------
def register(subparsers) -> None:
    _register_runs(subparsers)
    _register_case(subparsers)
    _register_research(subparsers)


def _register_runs(subparsers) -> None:
    """run, factorial, sweep, analyze, report (experiments/commands.py)."""
    parser = subparsers.add_parser(
        "run", help="run one hotel and print a summary",
        description="Run one hotel for DAYS days under a preset and print a summary of the "
                    "first and last 90 days. With --out, write the daily table (.csv or "
                    ".parquet).")
    parser.add_argument("--preset", default="baseline", choices=list(PRESETS),
                        help="lever settings (default: baseline)")
    parser.add_argument("--set", dest="assignments", action="append", metavar="KEY=VALUE",
                        help="override a parameter, e.g. --set rooms=120 (repeatable)")
    parser.add_argument("--days", type=days_int, default=DEFAULT_DAYS,
                        help=f"days to run after the warm-up (default {DEFAULT_DAYS}, at most "
                             f"{MAX_DAYS})")
    parser.add_argument("--seed", type=seed_int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, help="write the daily table to FILE.csv or .parquet")
    parser.set_defaults(handler="experiments.commands:run_one")

    parser = subparsers.add_parser(
        "factorial", help="run the 16-cell factorial of the four levers",
        description="Run every combination of the four levers (incentives, training, "
                    "rotation, cross_evaluation), each cell REPLICATES times, into DIR.")
    parser.add_argument("--replicates", type=positive_int, default=DEFAULT_REPLICATES,
                        help=f"runs of each cell (default {DEFAULT_REPLICATES})")
    parser.add_argument("--days", type=days_int, default=DEFAULT_DAYS,
                        help=f"days per run after the warm-up (default {DEFAULT_DAYS}, at most "
                             f"{MAX_DAYS})")
    parser.add_argument("--set", dest="assignments", action="append", metavar="KEY=VALUE",
                        help="hold a parameter fixed in every run, e.g. --set rooms=120")
    _add_running_options(parser)
    parser.set_defaults(handler="experiments.commands:run_factorial")

    parser = subparsers.add_parser(
        "sweep", help="run the experiment described in a TOML file",
        description="Run the experiment in CONFIG.toml (schema: docs/experiments.md; "
                    "examples: experiments/configs/) into DIR.")
    parser.add_argument("config", type=Path, metavar="CONFIG.toml")
    _add_running_options(parser)
    parser.set_defaults(handler="experiments.commands:run_sweep")

    for name, handler, summary in (
            ("analyze", "print_analysis",
             "print per-point means with 95% intervals, and effects or sensitivity indices"),
            ("report", "make_report",
             "write DIR/report.html with figures, and DIR/summary.csv")):
        parser = subparsers.add_parser(name, help=summary.replace("%", "%%"),
                                       description=summary[0].upper() + summary[1:]
                                       + " for the experiment in DIR.")
        parser.add_argument("folder", type=Path, metavar="DIR")
        parser.add_argument("--outcome", "--metric", dest="metric", default="gross_margin",
                            type=outcome_name, metavar="OUTCOME",
                            help="the outcome to analyse (default gross_margin; the outcomes "
                                 "of docs/outcomes.md)")
        parser.add_argument("--reference", metavar="LABEL",
                            help="the point the others are compared with, replicate by "
                                 "replicate (a label or a point index; default: baseline, "
                                 "or the factorial's all-off cell)")
        parser.set_defaults(handler=f"experiments.commands:{handler}")


def _add_running_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="output folder (new, or this experiment's with --resume)")
    parser.add_argument("--workers", type=positive_int,
                        help="local worker processes (default: one per core); with "
                             "--dask local, the LocalCluster's workers")
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="run on the Dask scheduler at ADDRESS (e.g. tcp://host:8786), "
                             "or 'local' to start a LocalCluster")
    parser.add_argument("--seed", type=seed_int,
                        help="root seed of the experiment (default: the file's, else fresh "
                             "entropy; --resume reuses the recorded one)")
    parser.add_argument("--resume", action="store_true",
                        help="continue the experiment in DIR: skip the runs already stored")
    parser.add_argument("--independent-seeds", action="store_true",
                        help="a seed of its own for every run (default: replicate r of every "
                             "design point has the same seed, so points are compared paired "
                             "and share warm-ups)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar and no estimate line")
    parser.add_argument("--allow-large", action="store_true",
                        help=f"run an experiment above the size limits (more than "
                             f"{MAX_RUNS:,} runs, an estimated {MAX_HOURS:g} hours on the "
                             f"workers, or most of this machine's memory), which are refused "
                             f"otherwise with the estimate")


def _register_case(subparsers) -> None:
    """story, validate, bridge: the case's scenarios on the same seeds."""
    parser = subparsers.add_parser(
        "story", help="the case in one table: status quo, attempts 1 and 2, redesign",
        description="Run the status quo, attempt 1, attempt 2 and the redesign over 18 months "
                    "on the same seeds, print margin, occupancy, rebates, complaints and "
                    "cooperation at months 0, 6, 12 and 18, and the redesign's margin bridge.")
    parser.add_argument("--seeds", type=int, default=20,
                        help="seeds per scenario (default 20)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes (default: the number of cores)")
    parser.set_defaults(handler="experiments.story:tell")

    parser = subparsers.add_parser(
        "validate", help="check the case's patterns over many seeds",
        description="Run every scenario on the same seeds and check each pattern of the "
                    "case (brief section 5). Exit 0 only if all hold.")
    parser.add_argument("--seeds", type=int, default=20, help="seeds per scenario (default 20)")
    parser.add_argument("--workers", type=int, default=None,
                        help="processes (default: the number of cores)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(handler="experiments.validation:run_validation")

    parser = subparsers.add_parser(
        "bridge", help="decompose a preset's margin change into channels",
        description="Run PRESET and the reference on the same seeds and split the change in "
                    "gross margin over DAYS into channels that add up to it: rooms sold, at "
                    "their rate less the costs that move with them (variable cost, the wages "
                    "of housekeepers rostered to the rooms to clean and of the evening desk "
                    "rostered to the bookings), by who brought them (released to late "
                    "arrivals, late demand, reservations housed, new reservations' demand, "
                    "returning guests), rate (discounts, list rate), rebates and each cost "
                    "line, each marked direct or market.")
    parser.add_argument("--preset", required=True, choices=list(PRESETS),
                        help="the scenario's lever settings")
    parser.add_argument("--reference", default="baseline", choices=list(PRESETS),
                        help="the reference (default: baseline)")
    parser.add_argument("--seeds", type=positive_int, default=10,
                        help="seeds, the same for both (default 10)")
    parser.add_argument("--days", type=day_range, default=DEFAULT_WINDOW, metavar="A-B",
                        help=f"days A (included) to B (excluded) after the warm-up "
                             f"(default {DEFAULT_WINDOW[0]}-{DEFAULT_WINDOW[1]})")
    parser.add_argument("--workers", type=positive_int, default=None,
                        help="processes (default: the number of cores)")
    parser.set_defaults(handler="experiments.bridge_command:print_bridge")


def _register_research(subparsers) -> None:
    """discover, calibrate: scenario discovery and calibration."""
    parser = subparsers.add_parser(
        "discover", help="find where an outcome falls below or above a threshold (PRIM)",
        description="Scenario discovery with PRIM on the experiment in DIR: the box of "
                    "uncertain inputs where OUTCOME is below (or above) a threshold. OUTCOME: "
                    "POLICY_gain[:OUTCOME] or POLICY_difference[:OUTCOME] for a policies x "
                    "uncertainties experiment (against --reference, world by world), else "
                    "any outcome of docs/outcomes.md. Writes DIR/discovery.json for "
                    "`interlodge report`.")
    parser.add_argument("folder", type=Path, metavar="DIR")
    parser.add_argument("--outcome", required=True, help="e.g. redesign_gain")
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--below", type=float, metavar="X", help="cases of interest: < X")
    side.add_argument("--above", type=float, metavar="X", help="cases of interest: > X")
    parser.add_argument("--reference", default="baseline",
                        help="the policy gains are measured against (default baseline)")
    parser.add_argument("--min-coverage", type=share, default=0.5, metavar="C",
                        help="choose the densest box covering at least this share of the "
                             "cases of interest (default 0.5)")
    parser.add_argument("--box", type=int, metavar="STEP",
                        help="choose this step of the peeling trajectory instead")
    parser.add_argument("--mass-min", type=share, default=0.05, metavar="M",
                        help="PRIM stops peeling at boxes holding this share of worlds "
                             "(default 0.05)")
    parser.set_defaults(handler="experiments.discovery:run_discovery")

    parser = subparsers.add_parser(
        "calibrate", help="fit parameters to target figures (ABC-SMC)",
        description="Fit the priors of CONFIG.toml to its target ranges with ABC-SMC (pyabc); "
                    "write the populations (abc.db, populations.csv), the posterior "
                    "(posterior.csv, calibration.json) and figures (calibration.html) into "
                    "DIR. Schema: docs/experiments.md; example: "
                    "experiments/configs/calibration.toml.")
    parser.add_argument("config", type=Path, metavar="CONFIG.toml")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--workers", type=positive_int,
                        help="local worker processes (default: one per core)")
    parser.add_argument("--dask", metavar="ADDRESS",
                        help="run on the Dask scheduler at ADDRESS, or 'local'")
    parser.add_argument("--resume", action="store_true",
                        help="continue the calibration stored in DIR")
    parser.set_defaults(handler="experiments.calibration:run_calibration")
