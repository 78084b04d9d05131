"""Checks beyond the twelve patterns: the status quo's figures, the attempts, the bridge.

The baseline figures (13) are what the model was calibrated to (docs/calibration.md); every
other check here is a prediction: the levers' results come out of the agents' decisions.
They register with the patterns (`experiments.validation`) and run in `interlodge validate`.
"""

from __future__ import annotations

import pandas as pd

from model import margin_bridge

from .outcomes import mean_of, outcome, window
from .validation import FINAL, margin_gain, pattern, per_complaint

WHOLE_RUN = (0, 540)
AFTER_WARM_UP = (150, 540)  # the leverage is read where the hotel has settled in its market


def pooled(tables: list[pd.DataFrame], days: tuple[int, int]) -> pd.DataFrame:
    return pd.concat([window(t, days).assign(seed=seed) for seed, t in enumerate(tables)],
                     ignore_index=True)


def margin(table: pd.DataFrame, days: tuple[int, int]) -> float:
    """Gross margin over the rows of `days` (all seeds in `table` pooled)."""
    return float(outcome("gross_margin").over(window(table, days)))


def busiest_tenth(table: pd.DataFrame) -> pd.DataFrame:
    """The tenth of nights with the highest demand, over all seeds."""
    return table[table["demand"] >= table["demand"].quantile(0.9)]


@pattern(13, "The status quo's figures (calibration targets)",
         "baseline, days 0-540: rebates 2-5% of room revenue; complaints 5-10% of occupied "
         "room-nights; guests make most first finds; occupancy 55-70%; gross margin 20-30%; "
         "payroll 28-38% of net revenue; on the busiest tenth of nights rooms are held and "
         "late arrivals turned away or discounted")
def status_quo_figures(results):
    base = pooled(results["baseline"], WHOLE_RUN)
    rebates = base["rebates"].sum() / base["room_revenue"].sum()
    complaints = base["complaints"].sum() / base["rooms_sold"].sum()
    guests = base["defects_found_by_guests"].sum()
    guest_share = guests / (guests + base["defects_found_by_housekeeping"].sum())
    occupancy = base["occupancy"].mean()
    gross = margin(base, WHOLE_RUN)
    wages = [c for c in base.columns if c.endswith("_wages")] + ["cost_overtime"]
    payroll = base[wages].to_numpy().sum() / base["net_revenue"].sum()
    busy = busiest_tenth(base)
    refused = (busy["late_arrivals_turned_away"] + busy["discounts_given"]).mean()
    held = busy["held_rooms"].mean()
    passed = (0.02 <= rebates <= 0.05 and 0.05 <= complaints <= 0.10 and guest_share > 0.5
              and 0.55 <= occupancy <= 0.70 and 0.20 <= gross <= 0.30
              and 0.28 <= payroll <= 0.38 and held > 0 and refused > 0)
    return passed, (f"rebates {rebates:.1%} of room revenue, complaints {complaints:.1%} of "
                    f"room-nights, guests {guest_share:.0%} of first finds, occupancy "
                    f"{occupancy:.1%}, margin {gross:.1%}, payroll {payroll:.1%}; busiest tenth: "
                    f"{held:.1f} rooms held, {refused:.1f} late arrivals turned away or "
                    f"discounted a night")


def operating_leverage(weaker: list[pd.DataFrame], reference: list[pd.DataFrame],
                       stronger: list[pd.DataFrame], days=AFTER_WARM_UP) -> dict[str, float]:
    """How much gross operating profit moves for a move of net revenue, as the industry
    defines it (GOP change / revenue change as RevPAR moves): the same hotels, same seeds, in
    a weaker and a stronger market, relative changes taken against the reference (arc)."""
    totals = {}
    for name, tables in (("weaker", weaker), ("reference", reference), ("stronger", stronger)):
        table = pooled(tables, days)
        revenue = table["net_revenue"].sum()
        totals[name] = (revenue, revenue - table["costs"].sum())
    (rev_lo, gop_lo), (rev, gop), (rev_hi, gop_hi) = totals.values()
    revenue_change, gop_change = (rev_hi - rev_lo) / rev, (gop_hi - gop_lo) / gop
    return {"revenue_change": revenue_change, "gop_change": gop_change,
            "leverage": gop_change / revenue_change}


@pattern(20, "Operating leverage of the status quo",
         "baseline in a market 10% weaker and 10% stronger (market_demand x 0.9, x 1.1; same "
         "seeds, days 150-540): gross operating profit moves 1.5 to 2 times as much as net "
         "revenue (brief §3)")
def status_quo_leverage(results):
    arc = operating_leverage(results["demand -10%"], results["baseline"],
                             results["demand +10%"])
    return (1.5 <= arc["leverage"] <= 2.0,
            f"leverage {arc['leverage']:.2f}: operating profit {arc['gop_change']:+.1%} for net "
            f"revenue {arc['revenue_change']:+.1%} from the weaker to the stronger market")


@pattern(14, "Attempt 1 (restructuring) fails",
         "days 450-540: margin -10% to +2% of the baseline's; at least one problem measurably "
         "worse (deflections, complaints or reception's repair time up, satisfaction down); "
         "with incentives and training on top (attempt1_2) deflections per complaint rise "
         "further")
def attempt1_fails(results):
    gain = margin_gain(results, "attempt1", FINAL)
    base, first = results["baseline"], results["attempt1"]
    worse = {
        "deflections per complaint": per_complaint(first, ("deflections",))
        > per_complaint(base, ("deflections",)) + 0.01,
        "complaints": mean_of(first, "complaints", FINAL)
        > 1.02 * mean_of(base, "complaints", FINAL),
        "satisfaction": mean_of(first, "guest_satisfaction", FINAL)
        < mean_of(base, "guest_satisfaction", FINAL) - 2,
    }
    deflect = [per_complaint(results[n], ("deflections",)) for n in ("attempt1", "attempt1_2")]
    passed = -0.10 <= gain <= 0.02 and any(worse.values()) and deflect[1] > deflect[0]
    named = ", ".join(k for k, v in worse.items() if v) or "nothing"
    return passed, (f"margin {gain:+.1%}; worse: {named}; deflections per complaint "
                    f"{deflect[0]:.2f} -> {deflect[1]:.2f} with incentives and training")


@pattern(15, "Attempt 2 fails without collapsing; training keeps the reserve",
         "days 450-540: attempt 2 on the restructured hotel (attempt1_2) and on the status "
         "quo (attempt2) within -10% to +2% of the baseline's margin; training alone keeps "
         "held rooms at >= 50% of the baseline's while rebates per complaint rise")
def attempt2_does_not_collapse(results):
    gains = {n: margin_gain(results, n, FINAL) for n in ("attempt1_2", "attempt2")}
    held = mean_of(results["training"], "held_rooms", FINAL) / mean_of(
        results["baseline"], "held_rooms", FINAL)
    rebates = [per_complaint(results[n], ("rebates_given",)) for n in ("baseline", "training")]
    passed = all(-0.10 <= g <= 0.02 for g in gains.values()) and held >= 0.5 \
        and rebates[1] > rebates[0]
    return passed, (", ".join(f"{n} {g:+.1%}" for n, g in gains.items())
                    + f"; training: held rooms {held:.0%} of baseline, rebates per complaint "
                      f"{rebates[0]:.2f} -> {rebates[1]:.2f}")


@pattern(16, "The incentive pays, and the reserve stays",
         "incentives, days 0-540: the bonus is paid (> 0.1% of net revenue) in some months "
         "but not all; days 450-540: held rooms >= 80% of the baseline's")
def incentive_pays(results):
    paid = pooled(results["incentives"], WHOLE_RUN)
    share = paid["cost_bonus"].sum() / paid["net_revenue"].sum()
    months = paid.assign(month=paid["day"] // 30).groupby(["seed", "month"])["cost_bonus"].sum()
    some = 0.0 < (months > 0).mean() < 1.0
    held = mean_of(results["incentives"], "held_rooms", FINAL) / mean_of(
        results["baseline"], "held_rooms", FINAL)
    return (share > 0.001 and some and held >= 0.8,
            f"bonus {share:.2%} of net revenue, paid in {(months > 0).mean():.0%} of months; "
            f"held rooms {held:.0%} of baseline")


@pattern(17, "The redesign's gain comes mostly through the case's direct channels",
         "days 450-540, all seeds pooled: the margin bridge's direct channels (rooms released, "
         "reservations housed, discounts, rebates, costs; volume at its contribution) carry "
         "at least half of the redesign's margin change")
def direct_channels(results):
    bridge = margin_bridge(pooled(results["redesign"], FINAL),
                           pooled(results["baseline"], FINAL))
    change = bridge["change"].sum()
    direct = bridge.loc[bridge["kind"] == "direct", "change"].sum()
    top = bridge["change"].abs().nlargest(3).index
    return (change > 0 and direct >= change / 2,
            f"margin {change * 100:+.2f} points, direct {direct * 100:+.2f} "
            f"({direct / change:.0%}); largest: "
            + ", ".join(f"{c} {bridge.loc[c, 'change'] * 100:+.2f}" for c in top))


@pattern(18, "The redesign pays even without the market's response to reputation",
         "reputation_demand_elasticity = 0: the redesign's margin gain over days 450-540 is "
         "at least +8%")
def gain_without_demand_response(results):
    gains = [margin(r, FINAL) / margin(b, FINAL) - 1.0
             for r, b in zip(results["redesign e0"], results["baseline e0"], strict=True)]
    gain = sum(gains) / len(gains)
    return gain >= 0.08, f"gain {gain:+.1%} with no demand response to reputation"


@pattern(19, "Staffing scales with the hotel",
         "baseline, days 0-540: gross margin 20-30% for hotels of 75, 100 and 120 rooms")
def staffing_scales(results):
    margins = {n: sum(margin(t, WHOLE_RUN) for t in results[n]) / len(results[n])
               for n in ("75 rooms", "baseline", "120 rooms")}
    return (all(0.20 <= m <= 0.30 for m in margins.values()),
            ", ".join(f"{n.replace('baseline', '100 rooms')} {m:.1%}"
                      for n, m in margins.items()))

