"""Demand and price: who comes to the hotel, at what rate, and how reputation moves both.

Reputation is the market's memory of recent guest satisfaction. New demand and the rate the
hotel can hold rise with it; satisfied guests also come back (return intent, brief §4). Better
service therefore pays back with a lag: through reviews within months, through returns within
a year.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .clock import ARRIVALS, LATE_ARRIVALS

if TYPE_CHECKING:
    from .parameters import Parameters

# A business hotel's week, Monday..Sunday, as departures from the mean (sum 0) scaled by
# `weekday_swing`: Tuesday and Wednesday fullest, Saturday emptiest (-1).
WEEK_SHAPE = (0.45, 0.7, 0.7, 0.45, -0.45, -1.0, -0.85)
DRAWS_PER_DAY = 2**40  # far more than a day of the largest hotel draws
DAY_OFFSET = 2**20  # warm-up days are negative; advance counts forward


@dataclass(slots=True)
class Arrival:
    hour: int
    nights: int
    late: bool
    returning: bool = False  # a past guest coming back (return intent), not new demand


class Market:
    """The hotel's market: reputation, demand and the rate the hotel can hold.

    Its randomness comes from its own stream, one stretch of it per day, derived from
    `entropy` and the day alone: two hotels with the same seed face the same demand whatever
    their staff decide (common random numbers), so differences between levers are not luck.
    """

    def __init__(self, p: Parameters, entropy: int, reputation: float):
        self.p = p
        self.entropy = entropy
        self.rng = np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(2**31,)))
        # Day d's draws start 2**40 * (d + DAY_OFFSET) draws into one PCG64 stream: streams of
        # different days never overlap, and jumping there (`advance`) costs a fifth of
        # deriving a generator of its own for each day
        self._days = np.random.PCG64(np.random.SeedSequence(entropy, spawn_key=(2**30,)))
        self._first_day = self._days.state
        self._day_rng = np.random.Generator(self._days)
        self._departures = np.empty(0)  # today's uniform draws for `hear_from`
        self.reputation = reputation
        self.returns: dict[int, int] = defaultdict(int)  # day -> guests coming back
        # today's departing guests' voices (each satisfaction's weight in the market's
        # memory) and satisfactions weighted by them
        self._voices: list[float] = []
        self._heard: list[float] = []
        # new guests a day at a well-run hotel, net of the returns it would get
        well_run_returns = p.return_share * p.return_intent_delighted
        self.new_guests_per_day = (p.rooms * p.market_demand / p.mean_stay_nights
                                   * (1.0 - well_run_returns))

    def expect_returns(self, first_day: int, intent: float) -> None:
        """Fill the pipeline of guests coming back as if departing guests had long had this
        mean return `intent`, so that the run does not start from an empty pipeline."""
        share = self.p.return_share * intent
        per_day = self.new_guests_per_day * self.demand_factor() * share / (1.0 - share)
        low, high = self.p.return_delay_min_days, self.p.return_delay_max_days
        for k in range(high):
            self.returns[first_day + k] += int(self.rng.poisson(
                per_day * min(1.0, (high - k) / (high - low))))

    def return_intent(self, satisfaction: float) -> float:
        """Chance a guest intends to come back, from disappointed (4%) to delighted (66%)."""
        return self.return_intents([satisfaction])[0]

    def return_intents(self, satisfactions: list[float]) -> list[float]:
        """`return_intent` of each of a day's departing guests, the parameters looked up once
        (some 20,000 a run)."""
        p = self.p
        unresolved = p.satisfaction_unresolved
        span = p.satisfaction_no_problem - unresolved
        low, high = p.return_intent_disappointed, p.return_intent_delighted
        intents = []
        for satisfaction in satisfactions:
            share = (satisfaction - unresolved) / span
            # within [0, 1]; conditional expressions cost less than min() and max() here
            share = 1.0 if share > 1.0 else share if share > 0.0 else 0.0
            intents.append(low + (high - low) * share)
        return intents

    def season(self, day: int) -> float:
        """Tonight's demand relative to the mean: the week's and the year's rhythm."""
        p = self.p
        week = 1.0 + p.weekday_swing * WEEK_SHAPE[day % 7]
        year = 1.0 + p.seasonal_amplitude * math.cos(2.0 * math.pi * (day - p.season_peak_day)
                                                      / 365.0)
        return week * year

    def demand_factor(self) -> float:
        return math.exp(self.p.reputation_demand_elasticity
                        * (self.reputation - self.p.satisfaction_no_problem) / 100.0)

    def rate(self) -> float:
        """The rate the hotel can hold for a reservation tonight (EUR)."""
        p = self.p
        index = 1.0 + p.reputation_rate_elasticity * (self.reputation
                                                      - p.satisfaction_no_problem) / 100
        return self.p.target_rate * max(0.5, index)

    def arrivals(self, day: int) -> list[Arrival]:
        """Today's arrivals: new reservations, late arrivals and walk-ins, returning guests."""
        self._days.state = self._first_day
        self._days.advance((day + DAY_OFFSET) * DRAWS_PER_DAY)
        rng = self._day_rng
        p = self.p
        sigma = p.demand_volatility
        shock = math.exp(rng.normal(-sigma * sigma / 2, sigma))  # mean 1
        mean = self.new_guests_per_day * self.season(day) * self.demand_factor() * shock
        new = int(rng.poisson(mean))
        # numpy's items are slow, and so is a numpy comparison of a day's few draws
        share = p.late_arrival_share
        late = [draw < share for draw in rng.random(new).tolist()]
        total = new + self.returns.pop(day, 0)
        nights = rng.geometric(1.0 / p.mean_stay_nights, size=total).tolist()
        # in one batch (a numpy call costs more than the draws of a day): the hours, from
        # uniform floats scaled (numpy's integers(size=n) costs ten times as much), then
        # the departing guests' returns (`hear_from`), two draws each at most
        uniforms = rng.random(2 * total + 2 * p.rooms)
        times = uniforms[:2 * total].tolist()
        hours, late_hours = times[:total], times[total:]
        self._departures = uniforms[2 * total:]  # made a list for as many as leave today
        first, span = ARRIVALS.start, len(ARRIVALS)
        late_first, late_span = LATE_ARRIVALS.start, len(LATE_ARRIVALS)
        # new demand first, then the guests coming back (always booked)
        return [
            Arrival(late_first + int(late_hour * late_span) if is_late
                    else first + int(hour * span), stay, is_late)
            for hour, late_hour, stay, is_late in zip(hours[:new], late_hours[:new],
                                                      nights[:new], late, strict=True)
        ] + [Arrival(first + int(hour * span), stay, False, True)
             for hour, stay in zip(hours[new:], nights[new:], strict=True)]

    def hear_from(self, satisfactions: list[float], day: int) -> None:
        """Departing guests' satisfaction reaches the market; they may come back. Once a day,
        at check-out."""
        p, returns = self.p, self.returns
        # today's batch is used from its end, two draws at most a guest (it has two a room,
        # and no more guests leave than there are rooms): only its last ones are made a list
        # (a list of all would cost more than the day's other draws)
        batch, needed = self._departures, 2 * len(satisfactions)
        if len(batch) < needed:  # no arrivals drawn today: a market heard outside a hotel
            batch = self._day_rng.random(needed)
        draws = batch[len(batch) - needed:].tolist()
        well_run, unresolved = p.satisfaction_no_problem, p.satisfaction_unresolved
        louder, return_share = p.complainer_weight - 1.0, p.return_share
        low, high = p.return_delay_min_days, p.return_delay_max_days
        voices, heard = self._voices, self._heard
        intents = self.return_intents(satisfactions)
        for satisfaction, intent in zip(satisfactions, intents, strict=True):
            unhappiness = (well_run - satisfaction) / (well_run - unresolved)
            # within [0, 1]; conditional expressions cost less than min() and max() here
            unhappiness = 1.0 if unhappiness > 1.0 else unhappiness if unhappiness > 0.0 else 0.0
            voice = 1.0 + louder * unhappiness
            voices.append(voice)
            heard.append(voice * satisfaction)
            if draws.pop() < return_share * intent:
                returns[day + low + int(draws.pop() * (high - low))] += 1

    def update_reputation(self) -> None:
        """End of day: reputation moves toward today's satisfaction (exponential memory)."""
        if self._voices:
            voices = sum(self._voices)
            heard = sum(self._heard) / voices
            weight = 1.0 - math.exp(-voices / (self.p.reputation_memory_days
                                               * self.new_guests_per_day))
            self.reputation += weight * (heard - self.reputation)
            self._voices.clear()
            self._heard.clear()
