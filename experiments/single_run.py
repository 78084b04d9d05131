"""`interlodge run`: one hotel under a preset, a short summary, and the daily table."""

from __future__ import annotations

import sys
from pathlib import Path

from model import PRESETS, preset_parameters

from .cli import positive_int
from .simulate import DEFAULT_DAYS, parse_assignments, simulate

SUMMARY = ("gross_margin", "occupancy", "adr", "held_rooms", "complaints", "rebate_share",
           "housekeeper_report_rate", "maintenance_response_hours", "guest_satisfaction")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "run", help="run one hotel and print a summary",
        description="Run one hotel for DAYS days under a preset and print a summary of the "
                    "first and last 90 days. With --out, write the daily table (.csv or "
                    ".parquet).")
    parser.add_argument("--preset", default="baseline", choices=list(PRESETS),
                        help="lever settings (default: baseline)")
    parser.add_argument("--set", dest="assignments", action="append", metavar="KEY=VALUE",
                        help="override a parameter, e.g. --set rooms=120 (repeatable)")
    parser.add_argument("--days", type=positive_int, default=DEFAULT_DAYS,
                        help=f"days to run after the warm-up (default {DEFAULT_DAYS})")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, help="write the daily table to FILE.csv or .parquet")
    parser.set_defaults(handler=run)


def run(args) -> int:
    overrides = parse_assignments(args.assignments)
    preset_parameters(args.preset, overrides)  # validate before running anything
    if args.out is not None and args.out.suffix not in (".csv", ".parquet"):
        raise ValueError(f"--out must end in .csv or .parquet, got {args.out.name!r}")
    table = simulate(args.preset, overrides, args.days, args.seed)
    first, last = table.head(90), table.tail(90)
    print(f"InterLodge, preset {args.preset}, seed {args.seed}, {args.days} days")
    print(f"{'metric':<28}{'first 90 days':>15}{'last 90 days':>15}")
    for column in SUMMARY:
        print(f"{column:<28}{first[column].mean():>15.3f}{last[column].mean():>15.3f}")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        partial = args.out.with_name(args.out.name + ".partial")
        if args.out.suffix == ".csv":
            table.to_csv(partial, index=False)
        else:
            table.to_parquet(partial, index=False)
        partial.replace(args.out)  # never leave a half-written file under the real name
        print(f"daily table: {args.out} ({len(table)} rows)", file=sys.stderr)
    return 0
