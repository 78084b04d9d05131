"""Is anyone still looking at this session's page? A hotel stops playing when not.

Solara keeps a session whose browser is gone for a while (so that a network blip does not
lose it), and a tab in the background still has its session: a hotel left playing there would
use a core for nobody. The play loop asks `absent_reason()` before every batch of steps and
pauses, with the reason on the page, when the page has disconnected or has been hidden (another
browser tab, a closed laptop lid) for HIDDEN_PAUSE_SECONDS.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import solara
from solara.server import kernel_context

HIDDEN_PAUSE_SECONDS = float(os.environ.get("INTERLODGE_APP_PAUSE_WHEN_HIDDEN", "60"))


class Presence:
    """The page of one browser session: connected, and hidden since when."""

    def __init__(self):
        try:
            self._context = kernel_context.get_current_context()
        except Exception:  # rendered outside a server (tests): always present
            self._context = None
        self.hidden_since: float | None = None

    def set_hidden(self, hidden: bool) -> None:
        self.hidden_since = (self.hidden_since or time.monotonic()) if hidden else None

    def absent_reason(self) -> str | None:
        """Why nobody is looking ('the page was closed', ...), or None if someone is."""
        context = self._context
        if context is not None:
            if context.closed_event.is_set():
                return "the page was closed"
            statuses = list(context.page_status.values())
            if statuses and kernel_context.PageStatus.CONNECTED not in statuses:
                return "the page lost its connection"
        if (self.hidden_since is not None
                and time.monotonic() - self.hidden_since >= HIDDEN_PAUSE_SECONDS):
            return f"the page was hidden for {HIDDEN_PAUSE_SECONDS:g} s"
        return None


@solara.component_vue(str(Path(__file__).with_name("page_watch.vue")))
def PageWatch(event_visibility: callable):
    """Calls `event_visibility(hidden)` whenever the browser hides or shows the page (and
    mends third-party markup for screen readers: see page_watch.vue)."""
