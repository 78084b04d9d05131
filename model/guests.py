"""Guests: they arrive, may find a defect, may complain, and leave with a satisfaction score."""

from __future__ import annotations

# The worst things that can happen in a stay, from best to worst; each one's satisfaction
# (J.D. Power 0-1000 scale) is a parameter, `satisfaction_<experience>` (brief §4).
WORSE = ("no problem", "prevented", "resolved", "unresolved")
FIRST_EVENING_HOUR = 19  # guests come back to their room from 19:00 to 22:59
EVENING_HOURS = 4


class Guest:
    """A party staying in one room.

    Guests are plain objects, not Mesa agents: a run has some 20,000 of them, none with a
    work context, and registering each in `model.agents` cost a tenth of the run.

    Attributes:
        nights: nights booked.
        rate: the rate paid per night (EUR).
        experience: the worst thing that has happened so far (one of WORSE).
    """

    __slots__ = (
        "deflected",
        "evening_hour",
        "experience",
        "grievance",
        "late",
        "list_rate",
        "model",
        "nights",
        "nights_left",
        "rate",
        "rebated",
        "returning",
        "room",
    )

    def __init__(self, model, nights: int, rate: float, list_rate: float | None = None,
                 late: bool = False, returning: bool = False):
        self.model = model
        self.nights = nights
        self.nights_left = nights
        self.rate = rate
        self.list_rate = rate if list_rate is None else list_rate  # before any discount
        self.late = late  # came as a late arrival or walk-in
        self.returning = returning  # came back after an earlier stay
        self.room = None
        self.experience = "no problem"
        self.rebated = False
        self.deflected = False
        self.grievance = None  # a defect complained about and still open
        # the hour he comes back to the room in the evenings, 19 to 22, each as likely: a run
        # draws 20,000, from Python's generator at a tenth of the cost of a numpy scalar draw
        self.evening_hour = FIRST_EVENING_HOUR + int(model.guest_random.random() * EVENING_HOURS)

    def live_through(self, experience: str) -> None:
        """Remember `experience` if it is worse than anything so far."""
        if WORSE.index(experience) > WORSE.index(self.experience):
            self.experience = experience

    def find_defect(self, chance: float):
        """Look around the room; return a latent defect found, or None."""
        draw = self.model.random.random
        # the latent ones (`Room.latent_defects`, without making a list), a severe one twice
        # as likely to be found (above 1, a certainty: draws are below 1)
        for defect in self.room.defects:
            if defect.reported_at is None and draw() < (2.0 * chance if defect.severe
                                                        else chance):
                return defect
        return None

    def decide_to_complain(self) -> bool:
        return self.model.random.random() < self.model.p.guest_complaint_probability

    def rate_stay(self) -> float:
        """Satisfaction at departure (0-1000) from the worst experience of the stay."""
        return rate_stays([self], self.model)[0]


def rate_stays(guests: list[Guest], model) -> list[float]:
    """Each departing guest's satisfaction (0-1000) from the worst experience of the stay, in
    order: a day's departures rated at once, the parameters looked up once (some 20,000 a
    run), with the same numbers as one at a time."""
    p = model.p
    levels, softening, penalty = model.satisfaction, p.rebate_softening, p.deflection_penalty
    noise = p.satisfaction_noise
    scores = []
    # numpy's normal(0, s) is s * standard_normal(), the same number, drawn in batches
    for guest, draw in zip(guests, model.satisfaction_draws.take(len(guests)), strict=True):
        experience = guest.experience
        score = levels[experience]
        if experience == "unresolved" and guest.rebated:
            score += softening
        if guest.deflected:
            score -= penalty
        score += noise * draw
        # within the scale; conditional expressions cost less than min() and max() here
        scores.append(1000.0 if score > 1000.0 else score if score > 0.0 else 0.0)
    return scores


def satisfaction_levels(p) -> dict[str, float]:
    """Satisfaction (0-1000) by the worst experience of a stay, from the parameters."""
    return {experience: getattr(p, "satisfaction_" + experience.replace(" ", "_"))
            for experience in WORSE}
