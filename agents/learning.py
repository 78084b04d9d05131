"""How staff adapt: they learn from each evaluation what their cooperation earned them.

After each evaluation a staff member compares the score they got with the score they would
have got had they not spent time cooperating (checking, reporting, answering reception):
time spent counts against the function's own metric unless the manager credits it, while
reception's rating (under cross-evaluation, or with a manager who knows the front desk) rises
with each good turn. The propensity moves in the direction of the payoff, with a step that
saturates (learning-direction theory, Selten and Stoecker 1986; a Bush-Mosteller-type rule).
Cooperation that pays grows; cooperation that costs withers; with neither, habits persist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Evaluation:
    """A manager's evaluation of one staff member for one period."""

    score: float  # what the manager records, from 0 to about 1
    own_metric: float  # the function's own measure, with the manager's credit
    rating: float  # reception's rating (Laplace-smoothed share of good marks)
    good: int  # reception's good marks (reports, calls answered, quick repairs)
    bad: int  # reception's bad marks (complaints about her rooms, calls declined)
    weight: float  # weight of reception's rating in the score
    credit: float  # share of cooperation time the manager does not count against them


def rating_of(good: int, bad: int) -> float:
    return (good + 1.0) / (good + bad + 2.0)


def rating_gain(evaluation: Evaluation) -> float:
    """How much reception's rating owes to this member's good turns: without them, each good
    mark would have been a bad one (a complaint not prevented, a call not answered)."""
    return evaluation.rating - rating_of(0, evaluation.good + evaluation.bad)


def adjust(propensity: float, payoff: float, rate: float, sensitivity: float) -> float:
    """Move `propensity` toward more cooperation if `payoff` > 0, less if < 0."""
    return min(0.98, max(0.02, propensity + rate * math.tanh(sensitivity * payoff)))
