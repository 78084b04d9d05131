"""Workshop mode: participants take the staff's seats in one shared hotel, an instructor
runs the rounds, the debrief shows what the work context made them do (docs/workshop.md)."""

from .page import WorkshopPage

__all__ = ["WorkshopPage"]
