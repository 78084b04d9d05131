"""`interlodge validate`: the patterns of the case (brief §5) checked over many seeds, with
the status quo's figures, the attempts and the margin bridge (`calibration_checks`).

Every scenario runs on the same seeds (common random numbers), so differences between
scenarios come from the levers, not from luck. Each pattern states its criterion here and in
docs/validation.md; a pattern passes only on the mean over all seeds.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model import PARAMETERS

from .evaluators import Scenario, run_scenarios
from .outcomes import mean_of, outcome, total_of, window
from .simulation import DEFAULT_DAYS

FINAL = (450, 540)  # the last quarter of the 18 months
FIRST_YEAR_START, FIRST_YEAR_END = (0, 90), (270, 365)
A_YEAR_ON = (365, 455)  # the same season as days 0-90: demand has a yearly cycle

SCENARIOS: dict[str, Scenario] = {
    "baseline": ("baseline", {}, DEFAULT_DAYS),
    "incentives": ("incentives", {}, DEFAULT_DAYS),
    "training": ("training", {}, DEFAULT_DAYS),
    "attempt2": ("attempt2", {}, DEFAULT_DAYS),
    "redesign": ("redesign", {}, DEFAULT_DAYS),
    "attempt1": ("attempt1", {}, DEFAULT_DAYS),
    "attempt1_2": ("attempt1_2", {}, DEFAULT_DAYS),
    "baseline e0": ("baseline", {"reputation_demand_elasticity": 0.0}, DEFAULT_DAYS),
    "redesign e0": ("redesign", {"reputation_demand_elasticity": 0.0}, DEFAULT_DAYS),
    "75 rooms": ("baseline", {"rooms": 75}, DEFAULT_DAYS),
    "120 rooms": ("baseline", {"rooms": 120}, DEFAULT_DAYS),
    # the status quo's operating leverage: the same hotel in a market 10% weaker or stronger
    "demand -10%": ("baseline", {"market_demand": 0.9 * PARAMETERS["market_demand"].default},
                    DEFAULT_DAYS),
    "demand +10%": ("baseline", {"market_demand": 1.1 * PARAMETERS["market_demand"].default},
                    DEFAULT_DAYS),
    "quota 13": ("baseline", {"housekeeper_quota": 13}, 180),
    "quota 16": ("baseline", {"housekeeper_quota": 16}, 180),
    "few defects": ("baseline", {"defect_rate": 0.03}, 180),
    "many defects": ("baseline", {"defect_rate": 0.07}, 180),
}


@dataclass(frozen=True)
class Pattern:
    id: int
    title: str
    expected: str
    check: Callable[[dict[str, list[pd.DataFrame]]], tuple[bool, str]]


PATTERNS: list[Pattern] = []


def pattern(id: int, title: str, expected: str):
    """Register a check function as pattern `id` of brief §5."""
    def register(check):
        PATTERNS.append(Pattern(id, title, expected, check))
        return check
    return register


# --- measures ------------------------------------------------------------------------------
def margin_gain(results, scenario: str, days: tuple[int, int]) -> float:
    """Relative margin gain of `scenario` over the baseline, seed by seed, then averaged."""
    margin = outcome("gross_margin")
    return float(np.mean([margin.over(window(t, days)) / margin.over(window(b, days)) - 1.0
                          for t, b in zip(results[scenario], results["baseline"], strict=True)]))


def per_complaint(tables, columns: tuple[str, ...], days=FINAL) -> float:
    return sum(total_of(tables, c, days) for c in columns) / total_of(tables, "complaints", days)


# --- the patterns ------------------------------------------------------------------------
@pattern(1, "Baseline stagnation",
         "no lever: a year on, margin, occupancy and satisfaction have not risen (days "
         "365-455 vs 0-90, the same season of the yearly demand cycle: margin +<5% relative, "
         "occupancy +<0.01, satisfaction +<3)")
def baseline_stagnation(results):
    base = results["baseline"]
    d_margin = (mean_of(base, "gross_margin", A_YEAR_ON)
                / mean_of(base, "gross_margin", FIRST_YEAR_START) - 1)
    d_occ = mean_of(base, "occupancy", A_YEAR_ON) - mean_of(base, "occupancy",
                                                            FIRST_YEAR_START)
    d_sat = (mean_of(base, "guest_satisfaction", A_YEAR_ON)
             - mean_of(base, "guest_satisfaction", FIRST_YEAR_START))
    passed = d_margin < 0.05 and d_occ < 0.01 and d_sat < 3
    level = mean_of(base, "gross_margin", A_YEAR_ON)
    return passed, (f"margin {d_margin:+.1%}, occupancy {d_occ:+.3f}, satisfaction "
                    f"{d_sat:+.1f}; margin level {level:.1%}")


@pattern(2, "Guests find most defects in the baseline",
         "share of first finds made by guests > 50%")
def guests_find_defects(results):
    base = results["baseline"]
    guests = total_of(base, "defects_found_by_guests")
    share = guests / (guests + total_of(base, "defects_found_by_housekeeping"))
    return share > 0.5, f"guests made {share:.0%} of first finds"


@pattern(3, "Evening complaints end in moves and rebates, not repairs",
         "baseline evening complaints: moves + rebates >= 80%, repairs <= 10%")
def evening_moves_and_rebates(results):
    base = results["baseline"]
    evening = total_of(base, "evening_complaints")
    buffers = (total_of(base, "evening_moves") + total_of(base, "evening_rebates")) / evening
    repairs = total_of(base, "evening_repairs") / evening
    return (buffers >= 0.8 and repairs <= 0.1,
            f"moves + rebates {buffers:.0%}, repairs {repairs:.0%} of "
            f"{evening / len(base):.0f} evening complaints a run")


@pattern(4, "Rooms are held in reserve in the baseline",
         "held rooms >= 1 a night; late arrivals turned away or discounted; the reserve "
         "grows with the complaint rate (defect rate 0.07 vs 0.03)")
def rooms_held(results):
    base = results["baseline"]
    held = mean_of(base, "held_rooms", FINAL)
    refused = (total_of(base, "late_arrivals_turned_away", FINAL)
               + total_of(base, "discounts_given", FINAL)) / len(base)
    few, many = results["few defects"], results["many defects"]
    grows = (mean_of(many, "held_rooms", (30, 180)) > mean_of(few, "held_rooms", (30, 180))
             and mean_of(many, "complaints", (30, 180)) > mean_of(few, "complaints", (30, 180)))
    return (held >= 1 and refused > 0 and grows,
            f"{held:.1f} rooms held a night; {refused:.0f} late arrivals turned away or "
            f"discounted per run (last 90 days); held {mean_of(few, 'held_rooms', (30, 180)):.1f}"
            f" -> {mean_of(many, 'held_rooms', (30, 180)):.1f} as complaints go "
            f"{mean_of(few, 'complaints', (30, 180)):.1f} -> "
            f"{mean_of(many, 'complaints', (30, 180)):.1f} a day")


@pattern(5, "Housekeeper reporting falls as quota pressure rises",
         "report rate with a quota of 16 rooms < with 15 (baseline) < with 13, "
         "days 90-180")
def reporting_under_pressure(results):
    days = (90, 180)
    rates = [mean_of(results[name], "housekeeper_report_rate", days)
             for name in ("quota 13", "baseline", "quota 16")]
    return (rates[0] > rates[1] > rates[2],
            "report rate {:.2f} (13 rooms), {:.2f} (15), {:.2f} (16)".format(*rates))


@pattern(6, "Incentives alone fail",
         "margin within +5% of the baseline (or worse) and held rooms >= 70% of the "
         "baseline's, days 450-540")
def incentives_fail(results):
    gain = margin_gain(results, "incentives", FINAL)
    held = mean_of(results["incentives"], "held_rooms", FINAL) / mean_of(
        results["baseline"], "held_rooms", FINAL)
    return gain < 0.05 and held >= 0.7, f"margin {gain:+.1%}, held rooms {held:.0%} of baseline"


@pattern(7, "Training alone fails and raises rebates per complaint",
         "margin within +5% of the baseline (or worse); (rebates + deflections) per "
         "complaint above the baseline's, days 450-540")
def training_fails(results):
    gain = margin_gain(results, "training", FINAL)
    buffers = ("rebates_given", "deflections")
    trained = per_complaint(results["training"], buffers)
    base = per_complaint(results["baseline"], buffers)
    return (gain < 0.05 and trained > base,
            f"margin {gain:+.1%}; rebates and deflections per complaint {base:.2f} -> "
            f"{trained:.2f}")


@pattern(8, "Attempt 2 (incentives + training) fails over a year",
         "margin within +5% of the baseline (or worse), days 270-365")
def attempt2_fails(results):
    gain = margin_gain(results, "attempt2", FIRST_YEAR_END)
    return gain < 0.05, f"margin {gain:+.1%} against the baseline"


@pattern(9, "The redesign works",
         "days 450-540 vs baseline: report rate >= half of defect_visibility; housekeepers "
         "make most first finds; "
         "reception's repairs at least twice as fast; fewer complaints and rebates; fewer "
         "held rooms; higher occupancy and ADR")
def redesign_works(results):
    red, base = results["redesign"], results["baseline"]
    report = mean_of(red, "housekeeper_report_rate", FINAL)
    hk = total_of(red, "defects_found_by_housekeeping", FINAL)
    share = hk / (hk + total_of(red, "defects_found_by_guests", FINAL))
    response = (mean_of(red, "reception_response_hours", FINAL),
                mean_of(base, "reception_response_hours", FINAL))
    lower = {c: (mean_of(red, c, FINAL), mean_of(base, c, FINAL))
             for c in ("complaints", "rebates", "held_rooms")}
    higher = {c: (mean_of(red, c, FINAL), mean_of(base, c, FINAL))
              for c in ("occupancy", "adr")}
    # half as careful as possible: half the share a check of every room would find
    passed = (report >= 0.5 * PARAMETERS["defect_visibility"].default and share > 0.5
              and response[0] * 2 <= response[1]
              and all(r < b for r, b in lower.values())
              and all(r > b for r, b in higher.values()))
    changes = ", ".join(f"{c} {b:.2f} -> {r:.2f}" for c, (r, b) in (lower | higher).items())
    return passed, (f"report rate {report:.2f}; housekeepers {share:.0%} of first finds; "
                    f"reception's repairs {response[1]:.1f} h -> {response[0]:.1f} h; {changes}")


@pattern(10, "Size and timing of the redesign's margin gain",
         "margin over days 450-540 +15% to +25% above the baseline's, same seeds; a lagged "
         "curve: the gain over days 0-90 is under 40% of the final gain, days 180-270 between")
def size_and_timing(results):
    final = margin_gain(results, "redesign", FINAL)
    start = margin_gain(results, "redesign", (0, 90))
    middle = margin_gain(results, "redesign", (180, 270))
    passed = 0.15 <= final <= 0.25 and start < 0.4 * final and start < middle < final
    return passed, f"gain {start:+.1%} (days 0-90), {middle:+.1%} (180-270), {final:+.1%} (450-540)"


@pattern(11, "Prevention beats recovery",
         "satisfaction of guests whose defect was prevented > resolved > unresolved")
def prevention_beats_recovery(results):
    tables = results["baseline"] + results["redesign"]
    means = {}
    for kind in ("prevented", "resolved", "unresolved"):
        guests = total_of(tables, f"departures_{kind}")
        weighted = sum((t[f"departures_{kind}"] * t[f"satisfaction_{kind}"].fillna(0)).sum()
                       for t in tables)
        means[kind] = weighted / guests
    passed = means["prevented"] > means["resolved"] > means["unresolved"]
    return passed, ", ".join(f"{k} {v:.0f}" for k, v in means.items())


@pattern(12, "Small productivity dip, net saving",
         "redesign vs baseline, days 450-540: rooms per housekeeper shift 2% to 15% lower; "
         "cost per occupied room-night lower")
def productivity_dip(results):
    red, base = results["redesign"], results["baseline"]
    dip = 1 - mean_of(red, "rooms_per_housekeeper_shift", FINAL) / mean_of(
        base, "rooms_per_housekeeper_shift", FINAL)

    def unit_cost(tables):
        return total_of(tables, "costs", FINAL) / total_of(tables, "occupancy", FINAL)

    saving = 1 - unit_cost(red) / unit_cost(base)
    return (0.02 <= dip <= 0.15 and saving > 0,
            f"rooms per shift {dip:.1%} lower; cost per occupied room-night {saving:.1%} lower")


# the status quo's figures, the attempts, the bridge (they register as patterns 13 on)
from . import calibration_checks  # noqa: E402, F401


# --- running -------------------------------------------------------------------------------
def validate(seeds: int = 20, workers: int | None = None) -> list[dict]:
    results = run_scenarios(SCENARIOS, seeds, workers)
    report = []
    for p in sorted(PATTERNS, key=lambda p: p.id):
        passed, measured = p.check(results)
        report.append({"id": p.id, "title": p.title, "passed": bool(passed),
                       "measured": measured, "expected": p.expected})
    return report


def run_validation(args) -> int:
    if args.seeds < 2:
        raise ValueError(f"--seeds must be at least 2, got {args.seeds}")
    if args.workers is not None and args.workers < 1:
        raise ValueError(f"--workers must be at least 1, got {args.workers}")
    report = validate(args.seeds, args.workers)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for item in report:
            mark = "PASS" if item["passed"] else "FAIL"
            print(f"{mark}  {item['id']:>2}. {item['title']}\n"
                  f"        measured: {item['measured']}\n"
                  f"        expected: {item['expected']}")
        passed = sum(item["passed"] for item in report)
        print(f"\n{passed} of {len(report)} patterns hold over {args.seeds} seeds")
    return 0 if all(item["passed"] for item in report) else 1
