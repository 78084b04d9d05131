"""The hotel's staff: receptionists, housekeepers, technicians and managers (guests are in
`model.guests`: the hotel's customers, not decision-makers with a work context)."""

from .context import ContextAgent, Decision, Seat, Situation
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
    "Housekeeper",
    "Manager",
    "ReceptionRatings",
    "Receptionist",
    "Seat",
    "Situation",
    "Technician",
]
