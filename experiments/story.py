"""`interlodge story`: the case in one table, the README's main job.

The status quo, attempt 1 (restructuring), attempt 2 as the case tells it (incentives and
training on the restructured hotel) and the redesign (rotation + cross-evaluation) run for 18
months on the same seeds; the table shows where each stands at months 0, 6, 12 and 18 and how
much it changed, and the margin bridge shows where the redesign's gain comes from.
"""

from __future__ import annotations

import time

from model import PRESET_DESCRIPTIONS, margin_bridge

from .bridge_command import print_table, stacked
from .evaluators import run_scenarios
from .outcomes import mean_of
from .simulation import DEFAULT_DAYS, DEFAULT_WINDOW

CHAPTERS = ("baseline", "attempt1", "attempt1_2", "redesign")
MONTH = 30
# (column, label, format): cooperation is the housekeepers' report rate
ROWS = (
    ("gross_margin", "gross margin", "{:.1%}"),
    ("occupancy", "occupancy", "{:.1%}"),
    ("rebate_share", "rebates / room revenue", "{:.2%}"),
    ("complaints", "complaints a day", "{:.2f}"),
    ("held_rooms", "rooms held back a night", "{:.1f}"),
    ("housekeeper_report_rate", "cooperation: report rate", "{:.2f}"),
    ("reception_response_hours", "repair after a call (h)", "{:.1f}"),
)


def months(days: int) -> list[tuple[str, tuple[int, int]]]:
    """Month 0, 6, 12 and 18 as windows of 30 days (the last one ends with the run)."""
    marks = [(f"month {m}", (m * MONTH, (m + 1) * MONTH)) for m in (0, 6, 12)]
    marks.append(("month 18", (days - MONTH, days)))
    return marks


def tell(args) -> int:
    if args.seeds < 1:
        raise ValueError(f"--seeds must be at least 1, got {args.seeds}")
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers must be at least 1, got {args.workers}")
    started = time.perf_counter()
    results = run_scenarios({name: (name, {}, DEFAULT_DAYS) for name in CHAPTERS},
                            args.seeds, args.workers)
    marks = months(DEFAULT_DAYS)
    print(f"The InterLodge story: {len(CHAPTERS)} hotels x {args.seeds} seeds, 18 months each "
          f"(means over seeds; each month is 30 days).\n")
    for name in CHAPTERS:
        print(f"{name}: {PRESET_DESCRIPTIONS[name]}")
        header = "".join(f"{label:>11}" for label, _ in marks)
        print(f"  {'':<26}{header}{'change':>10}")
        for column, label, fmt in ROWS:
            values = [mean_of(results[name], column, days) for _, days in marks]
            cells = "".join(f"{fmt.format(v):>11}" for v in values)
            change = f"{values[-1] / values[0] - 1:+.0%}" if values[0] else "-"
            print(f"  {label:<26}{cells}{change:>10}")
        if name != "baseline":
            gains = [mean_of(results[name], "gross_margin", days)
                     / mean_of(results["baseline"], "gross_margin", days) - 1
                     for _, days in marks]
            cells = "".join(f"{g:>+11.1%}" for g in gains)
            print(f"  {'margin vs status quo':<26}{cells}")
        print()
    print(f"Where the redesign's margin change comes from (days {DEFAULT_WINDOW[0]}-"
          f"{DEFAULT_WINDOW[1]}, all seeds):")
    print_table(margin_bridge(stacked(results["redesign"], DEFAULT_WINDOW),
                              stacked(results["baseline"], DEFAULT_WINDOW)))
    print("\nWhat to notice: attempt 1 draws the receptionist's job at the desk, so 'not my "
          "department'\nbecomes easier and calls give way to forms; attempt 2 changes their goal "
          "and skills but not\ntheir resources, so they hand out rebates and still keep rooms "
          "for moves; the redesign gives\nthem a say in the back office's evaluation and the "
          "managers knowledge of each other's work,\nso defects are caught before guests, "
          "complaints and rebates fall, held rooms are released\nand margin grows with a lag.")
    print(f"\n({time.perf_counter() - started:.0f} s; more with --seeds, or `interlodge "
          "validate` for every pattern of the case)")
    return 0
