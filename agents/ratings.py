"""Receptionists' ratings of the back office: the card cross-evaluation gives them.

Receptionists see which housekeeper last cleaned a room a guest complains about, which
housekeeper reported defects before guests met them, and which technician came when called.
Ratings are kept whether or not they count; managers weigh them only under cross-evaluation.
"""

from __future__ import annotations

from collections import defaultdict


class ReceptionRatings:
    """Good and bad marks given by reception to staff members during one evaluation period."""

    def __init__(self):
        self.good: dict[object, int] = defaultdict(int)
        self.bad: dict[object, int] = defaultdict(int)

    def praise(self, staff) -> None:
        self.good[staff] += 1

    def blame(self, staff) -> None:
        self.bad[staff] += 1

    def clear(self) -> None:
        self.good.clear()
        self.bad.clear()
