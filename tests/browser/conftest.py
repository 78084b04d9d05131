"""Fixtures for the real-browser tests: the real `interlodge app` server and Debian's Chromium.

The server runs as a subprocess on a free port, its output in test-results/app-server.log.
The page's JavaScript comes from Solara's asset cache, filled from the npm registry on the
first run (about 7 s, then kept in the venv): the sandbox and a workshop room have no CDN.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app_components import offline_assets
from app_components.server_process import CHROMIUM, CHROMIUM_FLAGS, running_app

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(items):
    if not CHROMIUM.exists():
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is absent: install Debian's chromium "
                                       "(.ci/run does) to run the real-browser tests")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # tall enough that a screenshot shows a whole view (Solara scrolls inside the page)
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2100}}


@pytest.fixture(scope="session")
def server_log(tmp_path_factory) -> Path:
    # not in test-results/ while running: pytest-playwright empties that folder at the start
    # of every pytest session, including other people's running at the same time
    return tmp_path_factory.mktemp("app") / "app-server.log"


@pytest.fixture(scope="session")
def app_url(server_log):
    """The URL of a real `interlodge app` server, stopped (by its PID) after the session;
    its log is then copied to test-results/app-server.log."""
    offline_assets.prepare(log=lambda line: None)
    try:
        with running_app(server_log) as server:
            yield server.url
    finally:
        RESULTS.mkdir(exist_ok=True)
        shutil.copy(server_log, RESULTS / "app-server.log")


@pytest.fixture
def hotel_page(page, app_url):
    """A fresh browser page on the app, loaded, with page errors collected."""
    errors = []
    # vega-embed's harmless 'usermeta' error is the only one tolerated
    page.on("pageerror", lambda error: None if "usermeta" in str(error)
            else errors.append(str(error)))
    page.goto(app_url)
    page.get_by_role("button", name="Play", exact=True).wait_for(timeout=60_000)
    yield page
    assert not errors, f"errors in the page: {errors}"


@pytest.fixture
def shoot():
    """shoot(page, name): save a screenshot of the page as test-results/app-NAME.png."""
    return lambda page, name: page.screenshot(path=str(RESULTS / f"app-{name}.png"),
                                              full_page=True)


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-base-url's fixture, which warns under pytest 9 (tests use full URLs)."""
    return None
