"""The margin bridge: where a change in gross margin comes from, channel by channel.

Gross margin over a period is M = 1 - C / R, with R the summed net revenue and C the summed
costs over all rows (all days and seeds). Between a scenario (s) and a reference (r),

    M_s - M_r = -(C_s Q_s - C_r Q_r),    Q = 1 / R,

and the midpoint rule for a product (exact for two factors) splits it into

    -dC * (Q_s + Q_r) / 2          the cost lines, each its own channel, and
    +dR * (C_s + C_r) / (2 R_s R_r)  the revenue channels (dQ = -dR / (R_s R_r)).

Net revenue R = room revenue - rebates; room revenue = room-nights sold N x average rate A,
split again by the midpoint rule (dN * mean A, mean N * dA). The average rate splits into the
list rate (which the market's view of the hotel sets) and the discounts conceded at the desk.
Room-nights sold split by who took them:

- late arrivals and walk-ins (room-nights = share sold x late demand): "rooms released to
  late arrivals" is the change in the share the desk sold (rooms released from the reserve)
  at the mean late demand; "late-arrival demand" is the rest;
- booked guests (room-nights = share housed x booked demand; a booked arrival is housed, or
  walked for want of a lettable room, e.g. when rooms are blocked by a known defect):
  "reservations housed" is the change in the share housed at the mean booked demand (the
  hotel served more, or less, of the demand it had: direct); of the rest, "rooms sold to
  returning guests" is the change in their room-nights and "new reservations' demand" what
  remains (the market sent more, or fewer). The housed share applies to returning guests as
  well: a returning guest walked counts once, in "reservations housed".

Volume is valued at its contribution, as price-volume bridges do: a cost that moves with the
work the rooms sold bring goes with the channel that brought them. Each such line is split,
by the same midpoint rule, into a volume part (the change in work at the mean cost of a unit
of work, moved to the channels that brought the work) and a rate part (the mean work at the
change in the cost of a unit, which stays in the cost line: the staff's and managers' own
decisions, such as quota slack):

- "cost: variable" (laundry, amenities, energy): work = room-nights sold;
- "cost: housekeeping wages": housekeepers are rostered to the rooms to clean at the quota;
  work = rooms cleaned = room-nights sold x rooms cleaned per room-night sold. The first
  factor's change is volume; the second's is the rooms that moves leave to clean
  ("cost: rooms left by moves", direct: housekeeping wages); the rate part left in the line
  is the cost of cleaning a room (quota slack, the roster's rounding);
- "cost: reception wages": the evening shift is rostered to the arrivals on the books, work =
  booked arrivals at the evening desk's cost of one; the volume part goes to the returning
  guests' and the new reservations' channels by their booked arrivals (late arrivals and
  walk-ins are not booked: the rooms released to them bring the desk no shift). The
  round-the-clock cover and the change in the cost of a booked arrival stay in the line.

(The first edition left the variable cost and the wages of the rooms the market sold in their
cost lines, charging a volume effect to the direct channels.) Every split is an identity, so
the channels add up to the margin change exactly (to rounding).

Each channel is "direct" (receptionists' and back office's own decisions: rooms released,
reservations housed, discounts, rebates, costs) or "market" (guests' response to the hotel's
service: new demand and a list rate that follow its reputation, past guests who come back).
"""

from __future__ import annotations

import pandas as pd

from .economics import COST_ITEMS

RELEASED, LATE_DEMAND = "rooms released to late arrivals", "late-arrival demand"
HOUSED, NEW_DEMAND = "reservations housed (not walked)", "new reservations' demand"
RETURNING = "rooms sold to returning guests"
REVENUE_CHANNELS = {
    RELEASED: "direct",
    LATE_DEMAND: "market",
    HOUSED: "direct",
    NEW_DEMAND: "market",
    RETURNING: "market",
    "discounts to late arrivals": "direct",
    "list rate (reputation)": "market",
    "rebates and compensation": "direct",
}
# (channel names stay short: the app draws them as the bridge chart's axis labels)
HOUSEKEEPING, MOVES = "cost: housekeeping wages", "cost: rooms left by moves"
COST_CHANNELS = {}
for _item in COST_ITEMS:
    COST_CHANNELS[f"cost: {_item.replace('_', ' ')}"] = "direct"
    if _item == "housekeeping_wages":
        COST_CHANNELS[MOVES] = "direct"
CHANNELS = REVENUE_CHANNELS | COST_CHANNELS
# columns of the daily table the bridge needs
NEEDED = ("day", "net_revenue", "room_revenue", "rebates", "costs", "rooms_sold",
          "late_arrivals_sold", "late_arrivals_turned_away", "late_room_nights",
          "returning_room_nights", "booked_arrivals", "returning_arrivals",
          "reservations_walked", "reception_shifts", "evening_desk_shifts", "rooms_cleaned",
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
    changes[MOVES] = 0.0
    for line, parts in _volume_costs(s, r, nights).items():
        for channel, euros in parts.items():  # moved out of the cost line: the sum stays
            changes[channel] += cost_weight * euros
            changes[line] -= cost_weight * euros
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
    totals = {column: float(table[column].sum()) for column in NEEDED[1:]}
    # each day's evening desk: its share of the reception shifts paid (the rest is the
    # round-the-clock cover); a day with no shift paid has none
    shifts = table["reception_shifts"]
    evening = (table["cost_reception_wages"] * table["evening_desk_shifts"]
               / shifts.where(shifts > 0, 1)).where(shifts > 0, 0.0)
    totals["evening_desk_wages"] = float(evening.sum())
    return totals


def _midpoint(a_s: float, a_r: float, b_s: float, b_r: float) -> tuple[float, float]:
    """d(a*b) = da * mean(b) + mean(a) * db, exactly."""
    return (a_s - a_r) * (b_s + b_r) / 2.0, (a_s + a_r) / 2.0 * (b_s - b_r)


def _per(t: dict[str, float], numerator: str, denominator: str) -> float:
    return t[numerator] / t[denominator] if t[denominator] else 0.0


def _mean_per(s: dict[str, float], r: dict[str, float], numerator: str,
              denominator: str) -> float:
    return (_per(s, numerator, denominator) + _per(r, numerator, denominator)) / 2.0


def _revenue_changes(s: dict[str, float], r: dict[str, float]
                     ) -> tuple[dict[str, float], dict[str, float]]:
    """Net revenue change split into the revenue channels (EUR), which sum to dR, and the
    change in room-nights of each volume channel (they sum to dN)."""
    disc_s, disc_r = _per(s, "discounts_forgone", "rooms_sold"), _per(r, "discounts_forgone",
                                                                      "rooms_sold")
    a_s, a_r = _per(s, "room_revenue", "rooms_sold"), _per(r, "room_revenue", "rooms_sold")
    nights_change, rate_change = _midpoint(s["rooms_sold"], r["rooms_sold"], a_s, a_r)
    mean_nights = (s["rooms_sold"] + r["rooms_sold"]) / 2.0
    # rate_change = mean N x dA, and dA = d(list rate) - d(discount); the room-nights change
    # splits by who took them, each valued at the mean average rate
    per_night = (a_s + a_r) / 2.0  # nights_change = dN * per_night
    (late_s, booked_s), (late_r, booked_r) = _late_and_booked(s), _late_and_booked(r)
    released = _served_share_nights(late_s, late_r)
    volumes = {
        RELEASED: released,
        LATE_DEMAND: s["late_room_nights"] - r["late_room_nights"] - released,
        HOUSED: _served_share_nights(booked_s, booked_r),
        RETURNING: s["returning_room_nights"] - r["returning_room_nights"],
    }
    volumes[NEW_DEMAND] = s["rooms_sold"] - r["rooms_sold"] - sum(volumes.values())
    revenue = {name: nights * per_night for name, nights in volumes.items()}
    # the residual channel takes the rounding, so that the channels sum to dR exactly
    revenue[NEW_DEMAND] = nights_change - sum(euros for name, euros in revenue.items()
                                              if name != NEW_DEMAND)
    return revenue | {
        "discounts to late arrivals": -mean_nights * (disc_s - disc_r),
        "list rate (reputation)": rate_change + mean_nights * (disc_s - disc_r),
        "rebates and compensation": -(s["rebates"] - r["rebates"]),
    }, volumes


def _late_and_booked(t: dict[str, float]) -> tuple[tuple[float, float, float], ...]:
    """(parties served, parties refused, room-nights of those served) of late arrivals and
    walk-ins (sold a room or turned away) and of booked arrivals (housed or walked)."""
    housed = t["booked_arrivals"] - t["reservations_walked"]
    return ((t["late_arrivals_sold"], t["late_arrivals_turned_away"], t["late_room_nights"]),
            (housed, t["reservations_walked"], t["rooms_sold"] - t["late_room_nights"]))


def _served_share_nights(s: tuple[float, float, float], r: tuple[float, float, float]
                         ) -> float:
    """The part of the change in a group's room-nights due to the share of its parties
    served.

    Room-nights = share served x demand in room-nights (parties x nights per party served);
    the midpoint rule gives d(share) x mean(demand), the rest is the demand's own change.
    """
    def nights_per_party(group):
        served, _, nights = group
        return nights / served if served else 0.0

    def share_and_demand(group, fallback_nights):
        served, refused, nights = group
        parties = served + refused
        if not parties:
            return 0.0, 0.0
        return served / parties, parties * (nights / served if served else fallback_nights)

    share_s, demand_s = share_and_demand(s, nights_per_party(r))
    share_r, demand_r = share_and_demand(r, nights_per_party(s))
    return _midpoint(share_s, share_r, demand_s, demand_r)[0]


def _volume_costs(s: dict[str, float], r: dict[str, float], nights: dict[str, float]
                  ) -> dict[str, dict[str, float]]:
    """For each volume-driven cost line, the EUR of its change that go with another channel,
    {cost line: {channel: EUR}} (see the module's doc)."""
    # variable cost: work = room-nights sold
    variable = _mean_per(s, r, "cost_variable", "rooms_sold")
    # housekeeping: rooms cleaned = N x rooms cleaned per room-night; its change is
    # dN x mean(per night), spread over the channels that sold the rooms, and
    # mean N x d(per night), the rooms that moves leave to clean
    per_room = _mean_per(s, r, "cost_housekeeping_wages", "rooms_cleaned")
    cleaned_s, cleaned_r = (_per(s, "rooms_cleaned", "rooms_sold"),
                            _per(r, "rooms_cleaned", "rooms_sold"))
    cleaning = {name: change * (cleaned_s + cleaned_r) / 2.0 * per_room
                for name, change in nights.items()}
    cleaning[MOVES] = _midpoint(s["rooms_sold"], r["rooms_sold"], cleaned_s,
                                cleaned_r)[1] * per_room
    # the evening desk: work = booked arrivals, returning guests among them
    per_arrival = _mean_per(s, r, "evening_desk_wages", "booked_arrivals")
    returning = s["returning_arrivals"] - r["returning_arrivals"]
    new = s["booked_arrivals"] - r["booked_arrivals"] - returning
    return {
        "cost: variable": {name: change * variable for name, change in nights.items()},
        HOUSEKEEPING: cleaning,
        "cost: reception wages": {RETURNING: returning * per_arrival,
                                  NEW_DEMAND: new * per_arrival},
    }
