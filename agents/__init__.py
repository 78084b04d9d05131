"""The people of the hotel: guests, receptionists, housekeepers, technicians and managers."""

from .context import ContextAgent, Decision, Seat, Situation
from .guest import Guest
from .housekeeper import Housekeeper
from .learning import Evaluation
from .manager import FUNCTIONS, Manager
from .ratings import ReceptionRatings
from .receptionist import Receptionist
from .technician import Technician

__all__ = [
    "FUNCTIONS",
    "ContextAgent",
    "Decision",
    "Evaluation",
    "Guest",
    "Housekeeper",
    "Manager",
    "ReceptionRatings",
    "Receptionist",
    "Seat",
    "Situation",
    "Technician",
]
