"""The real `interlodge app` server in a subprocess, and the headless Chromium that drives it:
for the browser tests and the benchmark."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

CHROMIUM = Path("/usr/bin/chromium")  # Debian's: Playwright cannot download its own here
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A port nobody listens on now (other servers may hold the common ones)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer(NamedTuple):
    url: str
    process: subprocess.Popen


@contextlib.contextmanager
def running_app(log: Path, timeout: float = 60.0, port: int | None = None,
                options: tuple[str, ...] = ()) -> Iterator[AppServer]:
    """Start `interlodge app` (with `options`) on `port` or a free one, its output in `log`;
    yield it once it answers; stop it by its PID (Ctrl-C, as a person would) when done.

    Raises RuntimeError, with the end of the log, if the server exits or does not answer.
    """
    port = port or free_port()
    interlodge = Path(sys.executable).with_name("interlodge")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
    with log.open("w") as out:  # a file, not a pipe: an unread pipe fills and blocks
        server = subprocess.Popen([str(interlodge), "app", "--port", str(port), *options],
                                  stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while not _answers(url):
            if server.poll() is not None:
                raise RuntimeError(f"the app server exited ({server.returncode}): "
                                   f"{log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app server did not answer within {timeout:g} s")
            time.sleep(0.1)
        yield AppServer(url, server)
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False
