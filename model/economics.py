"""The hotel unit's daily profit and loss.

Net revenue is room revenue less rebates, refunds and vouchers. Gross margin is
(net revenue - costs) / net revenue, as in the brief (§3).
"""

from __future__ import annotations

from collections import defaultdict

COST_ITEMS = (
    "reception_wages", "housekeeping_wages", "maintenance_wages", "manager_wages",
    "overtime", "evening_cover", "variable", "fixed", "repairs", "extra_cleaning", "bonus",
    "training",
)
KNOWN_ITEMS = frozenset(COST_ITEMS)  # checked at every expense
COST_COLUMNS = tuple((item, f"cost_{item}") for item in COST_ITEMS)  # the accounts' names


class Ledger:
    """Money in and out for the current day."""

    def __init__(self):
        self.open_day()

    def open_day(self) -> None:
        self.room_revenue = 0.0
        self.rebates = 0.0
        self.costs: dict[str, float] = defaultdict(float)

    def earn(self, amount: float) -> None:
        self.room_revenue += amount

    def refund(self, amount: float) -> None:
        self.rebates += amount

    def spend(self, item: str, amount: float) -> None:
        if item not in KNOWN_ITEMS:
            raise KeyError(f"unknown cost item {item!r}")
        self.costs[item] += amount

    def close_day(self) -> dict[str, float]:
        """Today's accounts, then start a new day."""
        net = self.room_revenue - self.rebates
        costs = sum(self.costs.values())
        accounts = {
            "room_revenue": self.room_revenue,
            "rebates": self.rebates,
            "net_revenue": net,
            "costs": costs,
            "gross_margin": (net - costs) / net if net > 0 else float("nan"),
        }
        for item, column in COST_COLUMNS:
            accounts[column] = self.costs.get(item, 0.0)
        self.open_day()
        return accounts
