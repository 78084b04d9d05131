"""How staff adapt: they learn from each evaluation what their cooperation earned them.

After each evaluation a staff member compares the score they got with the score they would
have got without their cooperation (checking, reporting, answering reception): the signal is
graded, the score received minus the score without the cooperation, each act counted once.
Time spent counts against the function's own metric unless the manager credits it, while
reception's rating (under cross-evaluation) rises with each good turn. The propensity moves
in the direction of the payoff, with a step that grows with its size and saturates
(learning-direction theory, Selten and Stoecker 1986; a Bush-Mosteller-type rule).
Cooperation that pays grows; cooperation that costs withers; with neither, habits persist.

Technicians value their good turns at the margin: what the *last* good mark added to
reception's rating (`last_turn_gain`), as learning-direction theory has people ask whether a
little less of what they did would have paid better. Reception's rating is a share of good
marks, so once most calls are answered one more good mark adds little, while each call still
costs its minutes: answering grows until the last call's mark no longer pays for its walk,
higher the more the rating weighs, instead of running to the cap as soon as it pays at all.
(A technician's call costs only its walk, the repair counting as an order closed, so the
total payoff of answering stays positive up to the cap; a housekeeper's checks and reports
cost minutes out of her quota on every room, and the total payoff already balances.)
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
    """How much reception's rating owes to this member's good turns: the rating received
    against the rating without them (each good mark is one act of cooperation, counted once;
    without it there would be no mark, the bad marks staying as they are)."""
    return evaluation.rating - rating_of(0, evaluation.bad)


def last_turn_gain(evaluation: Evaluation) -> float:
    """What reception's rating owes to the last good turn: the rating received against the
    rating with one good mark fewer (0 without any good mark)."""
    if not evaluation.good:
        return 0.0
    return evaluation.rating - rating_of(evaluation.good - 1, evaluation.bad)


def adjust(propensity: float, payoff: float, rate: float, sensitivity: float) -> float:
    """Move `propensity` toward more cooperation if `payoff` > 0, less if < 0."""
    return min(0.98, max(0.02, propensity + rate * math.tanh(sensitivity * payoff)))
