"""The daily reports a manager reads: the last days of the hotel's reports, column by column.

A manager totals a few columns of the last month's daily reports every day. Summed from the
reports themselves (one wide row a day) those totals cost more than the rest of the manager's
day; a window keeps each column it has been asked for as its own short list instead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


class ReportWindow:
    """Totals of columns over the last `days` reports of a list the hotel appends to.

    A column asked for once is followed from then on: its last `days` values in order, new
    reports taken in when totals are asked. A total is the same sum, in the same order, as
    over the reports themselves, so the same number to the last bit.
    """

    def __init__(self) -> None:
        self._reports: list[dict] | None = None  # the list of reports followed
        self._days = 0
        self._taken = 0  # reports of that list taken in so far
        self._columns: dict[str, deque] = {}

    def totals(self, reports: list[dict], days: int, columns: Iterable[str]) -> list[float]:
        """Totals of `columns` over the last `days` of `reports` (zeros before any)."""
        if reports is not self._reports or days != self._days or len(reports) < self._taken:
            # another list of reports (a test's), or another window: start over
            self._reports, self._days, self._taken = reports, days, len(reports)
            self._columns = {}
        followed = self._columns
        while self._taken < len(reports):  # a report a day
            report = reports[self._taken]
            for column, values in followed.items():
                values.append(report[column])
            self._taken += 1
        totals = []
        for column in columns:
            values = followed.get(column)
            if values is None:
                values = followed[column] = deque(
                    [report[column] for report in reports[-days:]], maxlen=days)
            totals.append(float(sum(values)))
        return totals
