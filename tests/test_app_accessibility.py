"""Colours that read: text on every room state and on the Play/Pause buttons at 4.5:1 or
better (WCAG AA), and every state told by a glyph as well as by colour."""

import pytest

from app_components.floor_plan import STATE_COLOURS, STATE_GLYPHS
from app_components.playback import PAUSE_COLOUR, PLAY_COLOUR
from model.building import ROOM_STATES


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("state", ROOM_STATES)
def test_room_numbers_and_glyphs_read_on_every_state(state):
    fill, ink = STATE_COLOURS[state]
    assert contrast(fill, ink) >= 4.5, (state, round(contrast(fill, ink), 2))


def test_every_state_has_its_own_glyph():
    assert sorted(STATE_GLYPHS) == sorted(ROOM_STATES)
    assert len(set(STATE_GLYPHS.values())) == len(ROOM_STATES)


@pytest.mark.parametrize("fill", [PLAY_COLOUR, PAUSE_COLOUR])
def test_play_and_pause_read_in_white(fill):
    assert contrast(fill, "#ffffff") >= 4.5


def test_contrast_of_known_pairs():  # the formula itself, against WCAG's own examples
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
