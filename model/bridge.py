"""The margin bridge: where a change in gross margin comes from, channel by channel.

Gross margin over a period is M = 1 - C / R, with R the summed net revenue and C the summed
costs over all rows (all days and seeds). Between a scenario (s) and a reference (r),

    M_s - M_r = -(C_s Q_s - C_r Q_r),    Q = 1 / R,

and the midpoint rule for a product (exact for two factors) splits it into

    -dC * (Q_s + Q_r) / 2          the cost lines, each its own channel, and
    +dR * (C_s + C_r) / (2 R_s R_r)  the revenue channels (dQ = -dR / (R_s R_r)).

Net revenue R = room revenue - rebates; room revenue = room-nights sold N x average rate A,
split again by the midpoint rule (dN * mean A, mean N * dA). Room-nights sold split into
those of late arrivals and walk-ins, of returning guests and of new reservations; the late
ones into what the receptionists' selling (the share of late arrivals sold, that is rooms
released from the reserve) and what late demand itself contributed. The average rate splits
into the list rate (which the market's view of the hotel sets) and the discounts conceded at
the desk. Every split is an identity, so the channels add up to the margin change exactly
(to rounding).

Volume is valued at its contribution, as price-volume bridges do: every channel of
room-nights carries the variable cost of its own rooms (laundry, amenities, energy), so "more
rooms sold" means rate less variable cost. The variable cost of a room-night is v = variable
cost / room-nights sold, and d(vN) = dN * mean v + mean N * dv (midpoint rule again): the first
part goes to the channels that sold the rooms, the second, a change in the cost of a room
itself, stays in the line "cost: variable". (The first edition left the variable cost of the
rooms the market sold in its cost line, charging it to the direct channels: a volume effect
booked as a cost, which understated the market's net share and the staff's.)

Each channel is "direct" (receptionists' and back office's own decisions: rooms released,
discounts, rebates, costs) or "market" (guests' response to the hotel's service: new demand
and a list rate that follow its reputation, past guests who come back).
"""

from __future__ import annotations

import pandas as pd

from .economics import COST_ITEMS

REVENUE_CHANNELS = {
    "rooms released to late arrivals": "direct",
    "late-arrival demand": "market",
    "rooms sold to new reservations": "market",
    "rooms sold to returning guests": "market",
    "discounts to late arrivals": "direct",
    "list rate (reputation)": "market",
    "rebates and compensation": "direct",
}
COST_CHANNELS = {f"cost: {item.replace('_', ' ')}": "direct" for item in COST_ITEMS}
CHANNELS = REVENUE_CHANNELS | COST_CHANNELS
# columns of the daily table the bridge needs
NEEDED = ("day", "net_revenue", "room_revenue", "rebates", "costs", "rooms_sold",
          "late_arrivals_sold", "late_arrivals_turned_away", "late_room_nights",
          "returning_room_nights",
          "discounts_forgone", *(f"cost_{item}" for item in COST_ITEMS))


def margin_bridge(scenario: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """The change in gross margin from `reference` to `scenario`, channel by channel.

    Both are daily tables (`InterLodgeModel.daily_table()`), possibly several seeds
    concatenated with a `seed` column, covering the same days and seeds. Returns one row per
    channel (index `channel`) with `change` (margin points as a share: 0.031 = +3.1 points) and
    `kind` ("direct" or "market"); `change.sum()` is margin(scenario) - margin(reference).
    """
    _check_comparable(scenario, reference)
    s, r = _totals(scenario), _totals(reference)
    if s["net_revenue"] <= 0 or r["net_revenue"] <= 0:
        raise ValueError("margin_bridge: net revenue must be positive over the rows of both "
                         "tables (margin is undefined otherwise)")
    cost_weight = -(1.0 / s["net_revenue"] + 1.0 / r["net_revenue"]) / 2.0
    revenue_weight = (s["costs"] + r["costs"]) / (2.0 * s["net_revenue"] * r["net_revenue"])
    revenue, nights = _revenue_changes(s, r)
    changes = {name: revenue_weight * value for name, value in revenue.items()}
    changes |= {f"cost: {item.replace('_', ' ')}": cost_weight * (s[f"cost_{item}"]
                                                                  - r[f"cost_{item}"])
                for item in COST_ITEMS}
    # each volume channel carries the variable cost of its rooms (see the module's doc)
    unit_cost = (_per_night(s, "cost_variable") + _per_night(r, "cost_variable")) / 2.0
    for name, extra_nights in nights.items():
        volume_cost = cost_weight * extra_nights * unit_cost
        changes[name] += volume_cost
        changes["cost: variable"] -= volume_cost
    table = pd.DataFrame({"change": pd.Series(changes),
                          "kind": pd.Series(CHANNELS)}).loc[list(CHANNELS)]
    table.index.name = "channel"
    return table


def _check_comparable(scenario: pd.DataFrame, reference: pd.DataFrame) -> None:
    for label, table in (("scenario", scenario), ("reference", reference)):
        missing = [c for c in NEEDED if c not in table.columns]
        if missing:
            raise ValueError(f"margin_bridge: the {label} table lacks columns "
                             f"{', '.join(missing)}; pass InterLodgeModel.daily_table() rows")
        if table.empty:
            raise ValueError(f"margin_bridge: the {label} table has no rows")
    keys = ["seed", "day"] if "seed" in scenario.columns else ["day"]
    if ("seed" in scenario.columns) != ("seed" in reference.columns):
        raise ValueError("margin_bridge: one table has a seed column and the other does not")

    def rows(table):
        return sorted(map(tuple, table[keys].to_numpy().tolist()))

    if rows(scenario) != rows(reference):
        raise ValueError("margin_bridge: scenario and reference must cover the same days "
                         "(and seeds); compare like with like")


def _totals(table: pd.DataFrame) -> dict[str, float]:
    return {column: float(table[column].sum()) for column in NEEDED[1:]}


def _midpoint(a_s: float, a_r: float, b_s: float, b_r: float) -> tuple[float, float]:
    """d(a*b) = da * mean(b) + mean(a) * db, exactly."""
    return (a_s - a_r) * (b_s + b_r) / 2.0, (a_s + a_r) / 2.0 * (b_s - b_r)


def _per_night(t: dict[str, float], column: str) -> float:
    return t[column] / t["rooms_sold"] if t["rooms_sold"] else 0.0


def _revenue_changes(s: dict[str, float], r: dict[str, float]
                     ) -> tuple[dict[str, float], dict[str, float]]:
    """Net revenue change split into the revenue channels (EUR), which sum to dR, and the
    change in room-nights of each volume channel (they sum to dN)."""
    def rate(t):  # average rate and discount per room-night (list rate = their sum)
        nights = t["rooms_sold"]
        if not nights:
            return 0.0, 0.0
        return t["room_revenue"] / nights, t["discounts_forgone"] / nights

    (a_s, disc_s), (a_r, disc_r) = rate(s), rate(r)
    nights_change, rate_change = _midpoint(s["rooms_sold"], r["rooms_sold"], a_s, a_r)
    mean_nights = (s["rooms_sold"] + r["rooms_sold"]) / 2.0
    # rate_change = mean N x dA, and dA = d(list rate) - d(discount); the room-nights change
    # splits by who took them, each valued at the mean average rate
    per_night = (a_s + a_r) / 2.0  # nights_change = dN * per_night
    released_nights = _released_nights(s, r)
    late_nights = s["late_room_nights"] - r["late_room_nights"] - released_nights
    returning_nights = s["returning_room_nights"] - r["returning_room_nights"]
    volumes = {
        "rooms released to late arrivals": released_nights,
        "late-arrival demand": late_nights,
        "rooms sold to returning guests": returning_nights,
        "rooms sold to new reservations": (s["rooms_sold"] - r["rooms_sold"] - released_nights
                                           - late_nights - returning_nights),
    }
    others = nights_change - (released_nights + late_nights + returning_nights) * per_night
    return {
        "rooms released to late arrivals": released_nights * per_night,
        "late-arrival demand": late_nights * per_night,
        "rooms sold to new reservations": others,
        "rooms sold to returning guests": returning_nights * per_night,
        "discounts to late arrivals": -mean_nights * (disc_s - disc_r),
        "list rate (reputation)": rate_change + mean_nights * (disc_s - disc_r),
        "rebates and compensation": -(s["rebates"] - r["rebates"]),
    }, volumes


def _released_nights(s: dict[str, float], r: dict[str, float]) -> float:
    """The part of the change in late arrivals' room-nights due to the share of them sold.

    Late room-nights L = share sold x late demand in room-nights (D x nights per party); the
    midpoint rule gives d(share) x mean(demand), the rest is the demand's own change.
    """
    def share_and_demand(t, fallback_nights):
        parties = t["late_arrivals_sold"] + t["late_arrivals_turned_away"]
        if not parties:
            return 0.0, 0.0
        nights = (t["late_room_nights"] / t["late_arrivals_sold"] if t["late_arrivals_sold"]
                  else fallback_nights)
        return t["late_arrivals_sold"] / parties, parties * nights

    def nights_per_party(t):
        return t["late_room_nights"] / t["late_arrivals_sold"] if t["late_arrivals_sold"] \
            else 0.0

    share_s, demand_s = share_and_demand(s, nights_per_party(r))
    share_r, demand_r = share_and_demand(r, nights_per_party(s))
    return _midpoint(share_s, share_r, demand_s, demand_r)[0]
