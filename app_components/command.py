"""`interlodge app`: serve the browser app, or fill its asset cache for a workshop offline."""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import socket
import sys
import warnings

DEFAULT_HOST = "127.0.0.1"  # only this machine, unless the instructor opens it to the room
DEFAULT_PORT = 8765
SESSION_KEPT_AFTER_DISCONNECT = "30s"  # long enough to survive a Wi-Fi blip


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "app", help="start the browser app (or prepare it for a workshop with no internet)",
        description="Serve the InterLodge app at http://HOST:PORT/ until Ctrl-C. Each browser "
                    "session gets its own hotel. With --prepare-offline, fill the page's asset "
                    "cache from the npm registry and exit: the app then works with no internet.")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}: this machine only;"
                             " 0.0.0.0 lets the room connect)")
    parser.add_argument("--port", type=_port, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--pause-when-hidden", type=_seconds, default=60.0, metavar="SECONDS",
                        help="pause a hotel whose page has been hidden (another tab, a closed "
                             "lid) this long (default 60)")
    parser.add_argument("--prepare-offline", action="store_true",
                        help="fill the asset cache (needs npm and internet once) and exit")
    parser.set_defaults(handler=f"{__name__}:run")


def _number_in(kind: type, low: float, high: float, what: str):
    """An argparse type: a `kind` number from `low` to `high`, else one line naming `what`."""
    def parse(text: str):
        try:
            number = kind(text)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"must be {what} from {low:g} to {high:g}, "
                                             f"got {text}")
        return number
    return parse


_port = _number_in(int, 1, 65535, "a port number")
_seconds = _number_in(float, 1, 86400, "a number of seconds")


def run(args) -> int:
    # here, not at the top: ipyvuetify and click would slow every `interlodge X --help`
    import click

    from . import offline_assets

    # before solara reads its settings: no usage data leaves a workshop laptop
    os.environ.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "false")
    # a session whose browser is gone is dropped (its hotels freed) after this long; Solara's
    # default, 24 h, kept every closed tab's hotels in memory
    os.environ.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", SESSION_KEPT_AFTER_DISCONNECT)
    os.environ["INTERLODGE_APP_PAUSE_WHEN_HIDDEN"] = f"{args.pause_when_hidden:g}"
    # Solara's corner banner covered a chart's axis on a projector
    os.environ.setdefault("SOLARA_THEME_SHOW_BANNER", "false")
    if args.prepare_offline:
        offline_assets.prepare()
        return 0
    _check_free(args.host, args.port)
    missing = offline_assets.missing()
    if missing:
        print(f"interlodge app: {len(missing)} asset packages are not cached; the page needs "
              "internet. Run `interlodge app --prepare-offline` once to work offline.",
              file=sys.stderr)
    # Solara warns on every page load over plain http to 127.0.0.1 that it falls back to
    # SameSite=lax cookies: right for this app (never embedded in an iframe), and noise that
    # would bury real errors in an instructor's terminal.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none require https",
                            category=UserWarning)
    logging.getLogger("solara.server.fastapi").addFilter(ShutdownRaceInOneLine())
    from solara.__main__ import run as solara_run

    print(f"InterLodge app: open http://{args.host}:{args.port}/ (Ctrl-C stops it)",
          file=sys.stderr)
    try:
        solara_run.main(
            args=[importlib.util.find_spec("app").origin, "--host", args.host,
                  "--port", str(args.port), "--no-open", "--no-check-version", "--production"],
            prog_name="interlodge app", standalone_mode=False)
    except click.exceptions.Abort:  # Ctrl-C: the normal way to stop the server
        print("InterLodge app: stopped", file=sys.stderr)
    return 0


class ShutdownRaceInOneLine(logging.Filter):
    """Solara (1.64) closes every session on Ctrl-C while the sessions' threads (a hotel
    playing, a comparison building) end, and the two can race over its table of threads'
    contexts: `VirtualKernelContext.close` then raises KeyError, which Solara logs with a
    traceback, and the server stops all the same. The instructor's terminal gets one line
    instead of a traceback that reads as a crash; any other error keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if record.getMessage() == "error closing kernel on shutdown" \
                and isinstance(error, KeyError):
            record.msg, record.args = "a session's thread ended while it was closed", ()
            record.exc_info = record.exc_text = None
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def _check_free(host: str, port: int) -> None:
    """A clear one-line error, before loading anything, when the port is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        # as uvicorn binds: a port whose last server has just stopped (connections in
        # TIME_WAIT) is free at once; one with a listening server is still refused
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ValueError(f"cannot listen on {host}:{port} ({error.strerror}); "
                             "choose another --port or --host") from None
