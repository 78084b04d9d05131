"""The `interlodge` command line: one sub-command per module, each with --help.

Bad input (unknown parameter or preset, wrong type, out-of-range value, malformed file)
ends with one line on stderr and exit code 2, before anything runs or is written.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from model import ParameterError

# each module has `register(subparsers)`, which adds its sub-command and sets `handler`
COMMAND_MODULES = (
    "experiments.story",
    "experiments.commands",
    "experiments.validation",
    "experiments.bridge_command",
    "experiments.discovery",
    "experiments.calibration",
    "app_components.command",
)


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit code 2."""


def _whole_number(text: str, low: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be {what}, got {text}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return _whole_number(text, 1, "a positive whole number")


def seed_int(text: str) -> int:
    """An argparse type: a random seed, a whole number of at least 0."""
    return _whole_number(text, 0, "a whole number >= 0")


def days_int(text: str) -> int:
    """An argparse type: days to simulate, 1 to MAX_DAYS (a longer run would take minutes
    and its daily table megabytes; split it or raise the limit in the code)."""
    from .simulation import MAX_DAYS

    value = positive_int(text)
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_DAYS} ({MAX_DAYS // 365} "
                                         f"years), got {value}")
    return value


class OneLineParser(argparse.ArgumentParser):
    """Reports bad arguments on one line (no usage block); `--help` shows the usage."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="interlodge",
        description="The InterLodge hotel: how cooperation emerges from the work context.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except (ParameterError, UsageError, ValueError) as error:
        print(f"interlodge {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interlodge {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
